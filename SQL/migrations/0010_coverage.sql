-- 0010: coverage and outreach (docs/coverage.md). The contributions of informal participants
-- (BPU), the local governments' worker lists, the working population per region and year,
-- the rates of the BPU programmes, and the names of the regions (Kemendagri codes).

alter table periksa.imports drop constraint imports_kind_check;
alter table periksa.imports add constraint imports_kind_check check (kind in (
    'employers', 'workforce', 'contributions', 'payments', 'minimum-wages', 'inspections',
    'bpu-contributions', 'worker-lists', 'labour-force'));

-- KIND bpu-contributions. Replacement unit: (nik, period).
create table periksa.bpu_contributions (
    nik              text not null check (nik ~ '^[0-9]{16}$'),
    period           date not null check (extract(day from period) = 1),
    kpj              text not null check (kpj ~ '^[0-9]{11}$'),
    name             text,
    declared_income  numeric(15, 2) not null check (declared_income > 0),
    programs         text[] not null check (programs <@ array['JKK', 'JKM', 'JHT'] and programs @> array['JKK', 'JKM']),
    amount           numeric(15, 2) not null check (amount > 0),
    paid_on          date not null,
    funded_by        text not null check (funded_by = 'mandiri' or funded_by ~ '^([0-9]{2}|[0-9]{4})$'),
    domicile_region  text check (domicile_region ~ '^[0-9]{4}$'),
    import_id        bigint not null references periksa.imports,
    line_number      integer not null,
    primary key (period, nik)
);

create index bpu_contributions_funded_idx on periksa.bpu_contributions (funded_by, period);

comment on table periksa.bpu_contributions is
    'Contributions of informal participants (BPU): one row per NIK and month paid for, the latest import''s.';

-- KIND worker-lists. Replacement unit: the whole list (list_code).
create table periksa.worker_lists (
    list_code        text not null check (char_length(list_code) between 1 and 60),
    pemda_code       text not null check (pemda_code ~ '^([0-9]{2}|[0-9]{4})$'),
    nik              text not null check (nik ~ '^[0-9]{16}$'),
    name             text,
    region_code      text not null check (region_code ~ '^[0-9]{4}$'),
    category         text not null check (category in ('rentan', 'informal', 'non_asn', 'keagamaan', 'lainnya')),
    funded           boolean not null,
    funded_from      date check (extract(day from funded_from) = 1),
    funded_to        date check (extract(day from funded_to) = 1),
    declared_income  numeric(15, 2) not null default 1000000 check (declared_income > 0),
    import_id        bigint not null references periksa.imports,
    line_number      integer not null,
    primary key (list_code, nik),
    check (not funded or (funded_from is not null and funded_to is not null and funded_from <= funded_to))
);

create index worker_lists_nik_idx on periksa.worker_lists (nik);
create index worker_lists_pemda_idx on periksa.worker_lists (pemda_code);

comment on table periksa.worker_lists is
    'The local governments'' lists of workers (vulnerable, informal, non-ASN, religious): one row per list and NIK, as the latest file of the list holds it.';

-- KIND labour-force. Replacement unit: (region_code, year).
create table periksa.labour_force (
    region_code       text not null check (region_code ~ '^([0-9]{2}|[0-9]{4})$'),
    year              smallint not null check (year between 2000 and 2100),
    workers           bigint not null check (workers >= 0),
    wage_workers      bigint check (wage_workers >= 0),
    non_wage_workers  bigint check (non_wage_workers >= 0),
    source            text,
    import_id         bigint not null references periksa.imports,
    primary key (region_code, year)
);

comment on table periksa.labour_force is
    'The working population of a province or regency/city in a year (the denominator of coverage).';

-- The BPU programmes' rates, effective-dated: JKK a share of the declared income, JKM a fixed
-- amount a month, JHT a share (PP 44/2015 and its amendments).
create table periksa.bpu_rates (
    valid_from  date primary key,
    jkk_rate    numeric(8, 6) not null,
    jkm_amount  numeric(15, 2) not null,
    jht_rate    numeric(8, 6) not null,
    source      text not null
);

insert into periksa.bpu_rates values
    ('2015-07-01', 0.01, 6800, 0.02, 'PP 44/2015 jo. PP 82/2019 (JKK 1 %, JKM Rp 6.800, JHT 2 % dari penghasilan yang dilaporkan)');

comment on table periksa.bpu_rates is
    'Rates of the BPU programmes from a date: JKK and JHT as shares of the declared income, JKM a monthly amount.';

-- The rates in force in the month starting `month`.
create function periksa.bpu_rates_on(month date) returns periksa.bpu_rates
language sql stable as $$
    select * from periksa.bpu_rates where valid_from <= month order by valid_from desc limit 1
$$;

-- The BPU package of a declared income in a month: round(i × JKK) + JKM (what a local
-- government pays for one person for one month).
create function periksa.bpu_package(income numeric, month date) returns numeric
language sql stable as $$
    select round(income * r.jkk_rate) + r.jkm_amount from periksa.bpu_rates_on(month) r
$$;

-- Coverage of every province and regency/city in `month`, by `basis` ('nik' or 'employer'):
--   participant  = PU-active (a contributions row for the month) or BPU-active (a BPU row for
--                  it), counted once; one that is both counts as PU
--   region       = basis nik: the NIK's first four digits; basis employer: for PU the region of
--                  the employer of its highest wage in the month (ties: the smallest NPP), for
--                  BPU its domicile region, else the NIK's first four digits
--   workers      = the region's latest labour-force row with year ≤ the month's year
--   coverage_pct = round(100 × participants / workers, 2), halves away from zero; PU and BPU
--                  against the wage and non-wage workers when given
-- One row per region with participants or a labour-force row, provinces included.
create function periksa.coverage_rows(month date, basis text)
returns table (
    region_code text, participants bigint, pu_participants bigint, bpu_participants bigint, workers bigint,
    labour_force_year integer, coverage_pct text, pu_coverage_pct text, bpu_coverage_pct text, region_name text
)
language plpgsql stable security definer
set search_path = pg_catalog, periksa
set plan_cache_mode = force_custom_plan
-- The month's distinct NIKs are hashed (2 million at Jakarta scale).
set work_mem = '256MB'
as $fn$
#variable_conflict use_column
begin
return query
with pu as (
    -- By employer: the employer of each NIK's highest wage (ties: the smallest NPP). By NIK the
    -- employers do not matter: the month's distinct NIKs, hashed. Each call is planned for its
    -- basis, so only one branch runs.
    select x.region, count(*) as n from (
        select distinct on (c.nik) c.nik, e.region_code as region
        from periksa.contributions c
        join periksa.employers e on e.npp = c.npp
        where c.period = month and basis = 'employer'
        order by c.nik, c.wage desc, c.npp
    ) x
    group by x.region
    union all
    select left(d.nik, 4), count(*)
    from (select distinct c.nik from periksa.contributions c where c.period = month and basis <> 'employer') d
    group by left(d.nik, 4)
), bpu as (
    -- BPU-active and not PU-active: the month's BPU rows without a wage row.
    select case when basis = 'employer' then coalesce(b.domicile_region, left(b.nik, 4)) else left(b.nik, 4) end
               as region, count(*) as n
    from periksa.bpu_contributions b
    where b.period = month
      and not exists (select 1 from periksa.contributions c where c.period = month and c.nik = b.nik)
    group by 1
), by_regency as (
    select region as code, sum(pu) as pu, sum(bpu) as bpu
    from (select region, n as pu, 0 as bpu from pu union all select region, 0, n from bpu) people
    group by region
), codes as (
    select code from by_regency
    union
    select left(code, 2) from by_regency
    union
    select region_code from periksa.labour_force where year <= extract(year from month)
), counted as (
    select k.code, coalesce(sum(b.pu), 0)::bigint as pu, coalesce(sum(b.bpu), 0)::bigint as bpu
    from codes k
    left join by_regency b on (length(k.code) = 4 and b.code = k.code) or (length(k.code) = 2 and left(b.code, 2) = k.code)
    group by k.code
)
select c.code, c.pu + c.bpu as participants, c.pu, c.bpu, lf.workers, lf.year::integer,
       case when lf.workers > 0 then round(100 * (c.pu + c.bpu)::numeric / lf.workers, 2)::text end as coverage_pct,
       case when lf.wage_workers > 0 then round(100 * c.pu::numeric / lf.wage_workers, 2)::text end as pu_coverage_pct,
       case when lf.non_wage_workers > 0 then round(100 * c.bpu::numeric / lf.non_wage_workers, 2)::text end
           as bpu_coverage_pct,
       r.name
from counted c
left join lateral (
    select l.workers, l.year, l.wage_workers, l.non_wage_workers
    from periksa.labour_force l
    where l.region_code = c.code and l.year <= extract(year from month)
    order by l.year desc
    limit 1
) lf on true
left join periksa.regions r on r.region_code = c.code
order by c.code;
end
$fn$;

comment on function periksa.coverage_rows(date, text) is
    'Coverage of every province and regency/city in a month: participants (PU, BPU) over the latest labour-force row.';

-- The outreach list of `month`: every NIK on a worker list that is not a participant then,
-- once, with the region of its first list row (lists by code, then file line), its district,
-- its lists and categories (sorted, joined by |; list_codes as an array), whether any list
-- funds it for the month.
create function periksa.outreach_rows(month date)
returns table (
    nik text, name text, region_code text, district_code text, lists text, categories text, funded boolean,
    list_codes text[]
)
language plpgsql stable security definer
set search_path = pg_catalog, periksa
set plan_cache_mode = force_custom_plan
-- The anti-join against a month's wage rows hashes them (2 million NIKs at Jakarta scale).
set work_mem = '256MB'
as $fn$
#variable_conflict use_column
begin
return query
with listed as (
    select w.nik,
           (array_agg(w.name order by w.list_code, w.line_number) filter (where w.name is not null))[1] as name,
           (array_agg(w.region_code order by w.list_code, w.line_number))[1] as region_code,
           string_agg(distinct w.list_code, '|' order by w.list_code) as lists,
           string_agg(distinct w.category, '|' order by w.category) as categories,
           coalesce(bool_or(w.funded and w.funded_from <= month and month <= w.funded_to), false) as funded,
           array_agg(distinct w.list_code order by w.list_code) as list_codes
    from periksa.worker_lists w
    where not exists (select 1 from periksa.contributions c where c.period = month and c.nik = w.nik)
      and not exists (select 1 from periksa.bpu_contributions b where b.period = month and b.nik = w.nik)
    group by w.nik
)
select nik, name, region_code, left(nik, 6) as district_code, lists, categories, funded, list_codes
from listed
order by region_code, district_code, nik;
end
$fn$;

comment on function periksa.outreach_rows(date) is
    'The outreach list of a month: people on the local governments'' lists who are not participants then.';

-- Province and regency/city names (Kemendagri codes), for reports: `Kota Jambi (1571)`.
create table periksa.regions (
    region_code  text primary key check (region_code ~ '^([0-9]{2}|[0-9]{4})$'),
    name         text not null,
    kind         text not null check (kind in ('provinsi', 'kabupaten', 'kota'))
);

comment on table periksa.regions is
    'Names of the provinces (2 digits) and regencies/cities (4 digits), by their Kemendagri codes.';

-- `Kota Jambi (1571)`, or the code alone when it is not known.
create function periksa.region_label(code text) returns text
language sql stable as $$
    select coalesce((select r.name || ' (' || code || ')' from periksa.regions r where r.region_code = code), code)
$$;

-- The provinces (38) and regencies/cities (514, of which 98 cities) with their Kemendagri codes
-- (the codes of the NIK and of Dukcapil, not the BPS numbering, which differs for 199 of them:
-- 3174 is Jakarta Selatan here, 3171 in BPS), and their names as the Kepmendagri No.
-- 300.2.2-2138 Tahun 2025 writes them ("Kep." written out as "Kepulauan"; province 31 as DKI
-- Jakarta). Later changes go into a new migration.
insert into periksa.regions (region_code, name, kind) values
    ('11', 'Aceh', 'provinsi'),
    ('1101', 'Kabupaten Aceh Selatan', 'kabupaten'),
    ('1102', 'Kabupaten Aceh Tenggara', 'kabupaten'),
    ('1103', 'Kabupaten Aceh Timur', 'kabupaten'),
    ('1104', 'Kabupaten Aceh Tengah', 'kabupaten'),
    ('1105', 'Kabupaten Aceh Barat', 'kabupaten'),
    ('1106', 'Kabupaten Aceh Besar', 'kabupaten'),
    ('1107', 'Kabupaten Pidie', 'kabupaten'),
    ('1108', 'Kabupaten Aceh Utara', 'kabupaten'),
    ('1109', 'Kabupaten Simeulue', 'kabupaten'),
    ('1110', 'Kabupaten Aceh Singkil', 'kabupaten'),
    ('1111', 'Kabupaten Bireuen', 'kabupaten'),
    ('1112', 'Kabupaten Aceh Barat Daya', 'kabupaten'),
    ('1113', 'Kabupaten Gayo Lues', 'kabupaten'),
    ('1114', 'Kabupaten Aceh Jaya', 'kabupaten'),
    ('1115', 'Kabupaten Nagan Raya', 'kabupaten'),
    ('1116', 'Kabupaten Aceh Tamiang', 'kabupaten'),
    ('1117', 'Kabupaten Bener Meriah', 'kabupaten'),
    ('1118', 'Kabupaten Pidie Jaya', 'kabupaten'),
    ('1171', 'Kota Banda Aceh', 'kota'),
    ('1172', 'Kota Sabang', 'kota'),
    ('1173', 'Kota Lhokseumawe', 'kota'),
    ('1174', 'Kota Langsa', 'kota'),
    ('1175', 'Kota Subulussalam', 'kota'),
    ('12', 'Sumatera Utara', 'provinsi'),
    ('1201', 'Kabupaten Tapanuli Tengah', 'kabupaten'),
    ('1202', 'Kabupaten Tapanuli Utara', 'kabupaten'),
    ('1203', 'Kabupaten Tapanuli Selatan', 'kabupaten'),
    ('1204', 'Kabupaten Nias', 'kabupaten'),
    ('1205', 'Kabupaten Langkat', 'kabupaten'),
    ('1206', 'Kabupaten Karo', 'kabupaten'),
    ('1207', 'Kabupaten Deli Serdang', 'kabupaten'),
    ('1208', 'Kabupaten Simalungun', 'kabupaten'),
    ('1209', 'Kabupaten Asahan', 'kabupaten'),
    ('1210', 'Kabupaten Labuhanbatu', 'kabupaten'),
    ('1211', 'Kabupaten Dairi', 'kabupaten'),
    ('1212', 'Kabupaten Toba', 'kabupaten'),
    ('1213', 'Kabupaten Mandailing Natal', 'kabupaten'),
    ('1214', 'Kabupaten Nias Selatan', 'kabupaten'),
    ('1215', 'Kabupaten Pakpak Bharat', 'kabupaten'),
    ('1216', 'Kabupaten Humbang Hasundutan', 'kabupaten'),
    ('1217', 'Kabupaten Samosir', 'kabupaten'),
    ('1218', 'Kabupaten Serdang Bedagai', 'kabupaten'),
    ('1219', 'Kabupaten Batu Bara', 'kabupaten'),
    ('1220', 'Kabupaten Padang Lawas Utara', 'kabupaten'),
    ('1221', 'Kabupaten Padang Lawas', 'kabupaten'),
    ('1222', 'Kabupaten Labuhanbatu Selatan', 'kabupaten'),
    ('1223', 'Kabupaten Labuhanbatu Utara', 'kabupaten'),
    ('1224', 'Kabupaten Nias Utara', 'kabupaten'),
    ('1225', 'Kabupaten Nias Barat', 'kabupaten'),
    ('1271', 'Kota Medan', 'kota'),
    ('1272', 'Kota Pematangsiantar', 'kota'),
    ('1273', 'Kota Sibolga', 'kota'),
    ('1274', 'Kota Tanjungbalai', 'kota'),
    ('1275', 'Kota Binjai', 'kota'),
    ('1276', 'Kota Tebing Tinggi', 'kota'),
    ('1277', 'Kota Padangsidimpuan', 'kota'),
    ('1278', 'Kota Gunungsitoli', 'kota'),
    ('13', 'Sumatera Barat', 'provinsi'),
    ('1301', 'Kabupaten Pesisir Selatan', 'kabupaten'),
    ('1302', 'Kabupaten Solok', 'kabupaten'),
    ('1303', 'Kabupaten Sijunjung', 'kabupaten'),
    ('1304', 'Kabupaten Tanah Datar', 'kabupaten'),
    ('1305', 'Kabupaten Padang Pariaman', 'kabupaten'),
    ('1306', 'Kabupaten Agam', 'kabupaten'),
    ('1307', 'Kabupaten Lima Puluh Kota', 'kabupaten'),
    ('1308', 'Kabupaten Pasaman', 'kabupaten'),
    ('1309', 'Kabupaten Kepulauan Mentawai', 'kabupaten'),
    ('1310', 'Kabupaten Dharmasraya', 'kabupaten'),
    ('1311', 'Kabupaten Solok Selatan', 'kabupaten'),
    ('1312', 'Kabupaten Pasaman Barat', 'kabupaten'),
    ('1371', 'Kota Padang', 'kota'),
    ('1372', 'Kota Solok', 'kota'),
    ('1373', 'Kota Sawahlunto', 'kota'),
    ('1374', 'Kota Padang Panjang', 'kota'),
    ('1375', 'Kota Bukittinggi', 'kota'),
    ('1376', 'Kota Payakumbuh', 'kota'),
    ('1377', 'Kota Pariaman', 'kota'),
    ('14', 'Riau', 'provinsi'),
    ('1401', 'Kabupaten Kampar', 'kabupaten'),
    ('1402', 'Kabupaten Indragiri Hulu', 'kabupaten'),
    ('1403', 'Kabupaten Bengkalis', 'kabupaten'),
    ('1404', 'Kabupaten Indragiri Hilir', 'kabupaten'),
    ('1405', 'Kabupaten Pelalawan', 'kabupaten'),
    ('1406', 'Kabupaten Rokan Hulu', 'kabupaten'),
    ('1407', 'Kabupaten Rokan Hilir', 'kabupaten'),
    ('1408', 'Kabupaten Siak', 'kabupaten'),
    ('1409', 'Kabupaten Kuantan Singingi', 'kabupaten'),
    ('1410', 'Kabupaten Kepulauan Meranti', 'kabupaten'),
    ('1471', 'Kota Pekanbaru', 'kota'),
    ('1472', 'Kota Dumai', 'kota'),
    ('15', 'Jambi', 'provinsi'),
    ('1501', 'Kabupaten Kerinci', 'kabupaten'),
    ('1502', 'Kabupaten Merangin', 'kabupaten'),
    ('1503', 'Kabupaten Sarolangun', 'kabupaten'),
    ('1504', 'Kabupaten Batanghari', 'kabupaten'),
    ('1505', 'Kabupaten Muaro Jambi', 'kabupaten'),
    ('1506', 'Kabupaten Tanjung Jabung Barat', 'kabupaten'),
    ('1507', 'Kabupaten Tanjung Jabung Timur', 'kabupaten'),
    ('1508', 'Kabupaten Bungo', 'kabupaten'),
    ('1509', 'Kabupaten Tebo', 'kabupaten'),
    ('1571', 'Kota Jambi', 'kota'),
    ('1572', 'Kota Sungai Penuh', 'kota'),
    ('16', 'Sumatera Selatan', 'provinsi'),
    ('1601', 'Kabupaten Ogan Komering Ulu', 'kabupaten'),
    ('1602', 'Kabupaten Ogan Komering Ilir', 'kabupaten'),
    ('1603', 'Kabupaten Muara Enim', 'kabupaten'),
    ('1604', 'Kabupaten Lahat', 'kabupaten'),
    ('1605', 'Kabupaten Musi Rawas', 'kabupaten'),
    ('1606', 'Kabupaten Musi Banyuasin', 'kabupaten'),
    ('1607', 'Kabupaten Banyuasin', 'kabupaten'),
    ('1608', 'Kabupaten Ogan Komering Ulu Timur', 'kabupaten'),
    ('1609', 'Kabupaten Ogan Komering Ulu Selatan', 'kabupaten'),
    ('1610', 'Kabupaten Ogan Ilir', 'kabupaten'),
    ('1611', 'Kabupaten Empat Lawang', 'kabupaten'),
    ('1612', 'Kabupaten Penukal Abab Lematang Ilir', 'kabupaten'),
    ('1613', 'Kabupaten Musi Rawas Utara', 'kabupaten'),
    ('1671', 'Kota Palembang', 'kota'),
    ('1672', 'Kota Pagar Alam', 'kota'),
    ('1673', 'Kota Lubuk Linggau', 'kota'),
    ('1674', 'Kota Prabumulih', 'kota'),
    ('17', 'Bengkulu', 'provinsi'),
    ('1701', 'Kabupaten Bengkulu Selatan', 'kabupaten'),
    ('1702', 'Kabupaten Rejang Lebong', 'kabupaten'),
    ('1703', 'Kabupaten Bengkulu Utara', 'kabupaten'),
    ('1704', 'Kabupaten Kaur', 'kabupaten'),
    ('1705', 'Kabupaten Seluma', 'kabupaten'),
    ('1706', 'Kabupaten Mukomuko', 'kabupaten'),
    ('1707', 'Kabupaten Lebong', 'kabupaten'),
    ('1708', 'Kabupaten Kepahiang', 'kabupaten'),
    ('1709', 'Kabupaten Bengkulu Tengah', 'kabupaten'),
    ('1771', 'Kota Bengkulu', 'kota'),
    ('18', 'Lampung', 'provinsi'),
    ('1801', 'Kabupaten Lampung Selatan', 'kabupaten'),
    ('1802', 'Kabupaten Lampung Tengah', 'kabupaten'),
    ('1803', 'Kabupaten Lampung Utara', 'kabupaten'),
    ('1804', 'Kabupaten Lampung Barat', 'kabupaten'),
    ('1805', 'Kabupaten Tulang Bawang', 'kabupaten'),
    ('1806', 'Kabupaten Tanggamus', 'kabupaten'),
    ('1807', 'Kabupaten Lampung Timur', 'kabupaten'),
    ('1808', 'Kabupaten Way Kanan', 'kabupaten'),
    ('1809', 'Kabupaten Pesawaran', 'kabupaten'),
    ('1810', 'Kabupaten Pringsewu', 'kabupaten'),
    ('1811', 'Kabupaten Mesuji', 'kabupaten'),
    ('1812', 'Kabupaten Tulang Bawang Barat', 'kabupaten'),
    ('1813', 'Kabupaten Pesisir Barat', 'kabupaten'),
    ('1871', 'Kota Bandar Lampung', 'kota'),
    ('1872', 'Kota Metro', 'kota'),
    ('19', 'Kepulauan Bangka Belitung', 'provinsi'),
    ('1901', 'Kabupaten Bangka', 'kabupaten'),
    ('1902', 'Kabupaten Belitung', 'kabupaten'),
    ('1903', 'Kabupaten Bangka Selatan', 'kabupaten'),
    ('1904', 'Kabupaten Bangka Tengah', 'kabupaten'),
    ('1905', 'Kabupaten Bangka Barat', 'kabupaten'),
    ('1906', 'Kabupaten Belitung Timur', 'kabupaten'),
    ('1971', 'Kota Pangkal Pinang', 'kota'),
    ('21', 'Kepulauan Riau', 'provinsi'),
    ('2101', 'Kabupaten Bintan', 'kabupaten'),
    ('2102', 'Kabupaten Karimun', 'kabupaten'),
    ('2103', 'Kabupaten Natuna', 'kabupaten'),
    ('2104', 'Kabupaten Lingga', 'kabupaten'),
    ('2105', 'Kabupaten Kepulauan Anambas', 'kabupaten'),
    ('2171', 'Kota Batam', 'kota'),
    ('2172', 'Kota Tanjung Pinang', 'kota'),
    ('31', 'DKI Jakarta', 'provinsi'),
    ('3101', 'Kabupaten Administrasi Kepulauan Seribu', 'kabupaten'),
    ('3171', 'Kota Administrasi Jakarta Pusat', 'kota'),
    ('3172', 'Kota Administrasi Jakarta Utara', 'kota'),
    ('3173', 'Kota Administrasi Jakarta Barat', 'kota'),
    ('3174', 'Kota Administrasi Jakarta Selatan', 'kota'),
    ('3175', 'Kota Administrasi Jakarta Timur', 'kota'),
    ('32', 'Jawa Barat', 'provinsi'),
    ('3201', 'Kabupaten Bogor', 'kabupaten'),
    ('3202', 'Kabupaten Sukabumi', 'kabupaten'),
    ('3203', 'Kabupaten Cianjur', 'kabupaten'),
    ('3204', 'Kabupaten Bandung', 'kabupaten'),
    ('3205', 'Kabupaten Garut', 'kabupaten'),
    ('3206', 'Kabupaten Tasikmalaya', 'kabupaten'),
    ('3207', 'Kabupaten Ciamis', 'kabupaten'),
    ('3208', 'Kabupaten Kuningan', 'kabupaten'),
    ('3209', 'Kabupaten Cirebon', 'kabupaten'),
    ('3210', 'Kabupaten Majalengka', 'kabupaten'),
    ('3211', 'Kabupaten Sumedang', 'kabupaten'),
    ('3212', 'Kabupaten Indramayu', 'kabupaten'),
    ('3213', 'Kabupaten Subang', 'kabupaten'),
    ('3214', 'Kabupaten Purwakarta', 'kabupaten'),
    ('3215', 'Kabupaten Karawang', 'kabupaten'),
    ('3216', 'Kabupaten Bekasi', 'kabupaten'),
    ('3217', 'Kabupaten Bandung Barat', 'kabupaten'),
    ('3218', 'Kabupaten Pangandaran', 'kabupaten'),
    ('3271', 'Kota Bogor', 'kota'),
    ('3272', 'Kota Sukabumi', 'kota'),
    ('3273', 'Kota Bandung', 'kota'),
    ('3274', 'Kota Cirebon', 'kota'),
    ('3275', 'Kota Bekasi', 'kota'),
    ('3276', 'Kota Depok', 'kota'),
    ('3277', 'Kota Cimahi', 'kota'),
    ('3278', 'Kota Tasikmalaya', 'kota'),
    ('3279', 'Kota Banjar', 'kota'),
    ('33', 'Jawa Tengah', 'provinsi'),
    ('3301', 'Kabupaten Cilacap', 'kabupaten'),
    ('3302', 'Kabupaten Banyumas', 'kabupaten'),
    ('3303', 'Kabupaten Purbalingga', 'kabupaten'),
    ('3304', 'Kabupaten Banjarnegara', 'kabupaten'),
    ('3305', 'Kabupaten Kebumen', 'kabupaten'),
    ('3306', 'Kabupaten Purworejo', 'kabupaten'),
    ('3307', 'Kabupaten Wonosobo', 'kabupaten'),
    ('3308', 'Kabupaten Magelang', 'kabupaten'),
    ('3309', 'Kabupaten Boyolali', 'kabupaten'),
    ('3310', 'Kabupaten Klaten', 'kabupaten'),
    ('3311', 'Kabupaten Sukoharjo', 'kabupaten'),
    ('3312', 'Kabupaten Wonogiri', 'kabupaten'),
    ('3313', 'Kabupaten Karanganyar', 'kabupaten'),
    ('3314', 'Kabupaten Sragen', 'kabupaten'),
    ('3315', 'Kabupaten Grobogan', 'kabupaten'),
    ('3316', 'Kabupaten Blora', 'kabupaten'),
    ('3317', 'Kabupaten Rembang', 'kabupaten'),
    ('3318', 'Kabupaten Pati', 'kabupaten'),
    ('3319', 'Kabupaten Kudus', 'kabupaten'),
    ('3320', 'Kabupaten Jepara', 'kabupaten'),
    ('3321', 'Kabupaten Demak', 'kabupaten'),
    ('3322', 'Kabupaten Semarang', 'kabupaten'),
    ('3323', 'Kabupaten Temanggung', 'kabupaten'),
    ('3324', 'Kabupaten Kendal', 'kabupaten'),
    ('3325', 'Kabupaten Batang', 'kabupaten'),
    ('3326', 'Kabupaten Pekalongan', 'kabupaten'),
    ('3327', 'Kabupaten Pemalang', 'kabupaten'),
    ('3328', 'Kabupaten Tegal', 'kabupaten'),
    ('3329', 'Kabupaten Brebes', 'kabupaten'),
    ('3371', 'Kota Magelang', 'kota'),
    ('3372', 'Kota Surakarta', 'kota'),
    ('3373', 'Kota Salatiga', 'kota'),
    ('3374', 'Kota Semarang', 'kota'),
    ('3375', 'Kota Pekalongan', 'kota'),
    ('3376', 'Kota Tegal', 'kota'),
    ('34', 'Daerah Istimewa Yogyakarta', 'provinsi'),
    ('3401', 'Kabupaten Kulon Progo', 'kabupaten'),
    ('3402', 'Kabupaten Bantul', 'kabupaten'),
    ('3403', 'Kabupaten Gunungkidul', 'kabupaten'),
    ('3404', 'Kabupaten Sleman', 'kabupaten'),
    ('3471', 'Kota Yogyakarta', 'kota'),
    ('35', 'Jawa Timur', 'provinsi'),
    ('3501', 'Kabupaten Pacitan', 'kabupaten'),
    ('3502', 'Kabupaten Ponorogo', 'kabupaten'),
    ('3503', 'Kabupaten Trenggalek', 'kabupaten'),
    ('3504', 'Kabupaten Tulungagung', 'kabupaten'),
    ('3505', 'Kabupaten Blitar', 'kabupaten'),
    ('3506', 'Kabupaten Kediri', 'kabupaten'),
    ('3507', 'Kabupaten Malang', 'kabupaten'),
    ('3508', 'Kabupaten Lumajang', 'kabupaten'),
    ('3509', 'Kabupaten Jember', 'kabupaten'),
    ('3510', 'Kabupaten Banyuwangi', 'kabupaten'),
    ('3511', 'Kabupaten Bondowoso', 'kabupaten'),
    ('3512', 'Kabupaten Situbondo', 'kabupaten'),
    ('3513', 'Kabupaten Probolinggo', 'kabupaten'),
    ('3514', 'Kabupaten Pasuruan', 'kabupaten'),
    ('3515', 'Kabupaten Sidoarjo', 'kabupaten'),
    ('3516', 'Kabupaten Mojokerto', 'kabupaten'),
    ('3517', 'Kabupaten Jombang', 'kabupaten'),
    ('3518', 'Kabupaten Nganjuk', 'kabupaten'),
    ('3519', 'Kabupaten Madiun', 'kabupaten'),
    ('3520', 'Kabupaten Magetan', 'kabupaten'),
    ('3521', 'Kabupaten Ngawi', 'kabupaten'),
    ('3522', 'Kabupaten Bojonegoro', 'kabupaten'),
    ('3523', 'Kabupaten Tuban', 'kabupaten'),
    ('3524', 'Kabupaten Lamongan', 'kabupaten'),
    ('3525', 'Kabupaten Gresik', 'kabupaten'),
    ('3526', 'Kabupaten Bangkalan', 'kabupaten'),
    ('3527', 'Kabupaten Sampang', 'kabupaten'),
    ('3528', 'Kabupaten Pamekasan', 'kabupaten'),
    ('3529', 'Kabupaten Sumenep', 'kabupaten'),
    ('3571', 'Kota Kediri', 'kota'),
    ('3572', 'Kota Blitar', 'kota'),
    ('3573', 'Kota Malang', 'kota'),
    ('3574', 'Kota Probolinggo', 'kota'),
    ('3575', 'Kota Pasuruan', 'kota'),
    ('3576', 'Kota Mojokerto', 'kota'),
    ('3577', 'Kota Madiun', 'kota'),
    ('3578', 'Kota Surabaya', 'kota'),
    ('3579', 'Kota Batu', 'kota'),
    ('36', 'Banten', 'provinsi'),
    ('3601', 'Kabupaten Pandeglang', 'kabupaten'),
    ('3602', 'Kabupaten Lebak', 'kabupaten'),
    ('3603', 'Kabupaten Tangerang', 'kabupaten'),
    ('3604', 'Kabupaten Serang', 'kabupaten'),
    ('3671', 'Kota Tangerang', 'kota'),
    ('3672', 'Kota Cilegon', 'kota'),
    ('3673', 'Kota Serang', 'kota'),
    ('3674', 'Kota Tangerang Selatan', 'kota'),
    ('51', 'Bali', 'provinsi'),
    ('5101', 'Kabupaten Jembrana', 'kabupaten'),
    ('5102', 'Kabupaten Tabanan', 'kabupaten'),
    ('5103', 'Kabupaten Badung', 'kabupaten'),
    ('5104', 'Kabupaten Gianyar', 'kabupaten'),
    ('5105', 'Kabupaten Klungkung', 'kabupaten'),
    ('5106', 'Kabupaten Bangli', 'kabupaten'),
    ('5107', 'Kabupaten Karangasem', 'kabupaten'),
    ('5108', 'Kabupaten Buleleng', 'kabupaten'),
    ('5171', 'Kota Denpasar', 'kota'),
    ('52', 'Nusa Tenggara Barat', 'provinsi'),
    ('5201', 'Kabupaten Lombok Barat', 'kabupaten'),
    ('5202', 'Kabupaten Lombok Tengah', 'kabupaten'),
    ('5203', 'Kabupaten Lombok Timur', 'kabupaten'),
    ('5204', 'Kabupaten Sumbawa', 'kabupaten'),
    ('5205', 'Kabupaten Dompu', 'kabupaten'),
    ('5206', 'Kabupaten Bima', 'kabupaten'),
    ('5207', 'Kabupaten Sumbawa Barat', 'kabupaten'),
    ('5208', 'Kabupaten Lombok Utara', 'kabupaten'),
    ('5271', 'Kota Mataram', 'kota'),
    ('5272', 'Kota Bima', 'kota'),
    ('53', 'Nusa Tenggara Timur', 'provinsi'),
    ('5301', 'Kabupaten Kupang', 'kabupaten'),
    ('5302', 'Kabupaten Timor Tengah Selatan', 'kabupaten'),
    ('5303', 'Kabupaten Timor Tengah Utara', 'kabupaten'),
    ('5304', 'Kabupaten Belu', 'kabupaten'),
    ('5305', 'Kabupaten Alor', 'kabupaten'),
    ('5306', 'Kabupaten Flores Timur', 'kabupaten'),
    ('5307', 'Kabupaten Sikka', 'kabupaten'),
    ('5308', 'Kabupaten Ende', 'kabupaten'),
    ('5309', 'Kabupaten Ngada', 'kabupaten'),
    ('5310', 'Kabupaten Manggarai', 'kabupaten'),
    ('5311', 'Kabupaten Sumba Timur', 'kabupaten'),
    ('5312', 'Kabupaten Sumba Barat', 'kabupaten'),
    ('5313', 'Kabupaten Lembata', 'kabupaten'),
    ('5314', 'Kabupaten Rote Ndao', 'kabupaten'),
    ('5315', 'Kabupaten Manggarai Barat', 'kabupaten'),
    ('5316', 'Kabupaten Nagekeo', 'kabupaten'),
    ('5317', 'Kabupaten Sumba Tengah', 'kabupaten'),
    ('5318', 'Kabupaten Sumba Barat Daya', 'kabupaten'),
    ('5319', 'Kabupaten Manggarai Timur', 'kabupaten'),
    ('5320', 'Kabupaten Sabu Raijua', 'kabupaten'),
    ('5321', 'Kabupaten Malaka', 'kabupaten'),
    ('5371', 'Kota Kupang', 'kota'),
    ('61', 'Kalimantan Barat', 'provinsi'),
    ('6101', 'Kabupaten Sambas', 'kabupaten'),
    ('6102', 'Kabupaten Mempawah', 'kabupaten'),
    ('6103', 'Kabupaten Sanggau', 'kabupaten'),
    ('6104', 'Kabupaten Ketapang', 'kabupaten'),
    ('6105', 'Kabupaten Sintang', 'kabupaten'),
    ('6106', 'Kabupaten Kapuas Hulu', 'kabupaten'),
    ('6107', 'Kabupaten Bengkayang', 'kabupaten'),
    ('6108', 'Kabupaten Landak', 'kabupaten'),
    ('6109', 'Kabupaten Sekadau', 'kabupaten'),
    ('6110', 'Kabupaten Melawi', 'kabupaten'),
    ('6111', 'Kabupaten Kayong Utara', 'kabupaten'),
    ('6112', 'Kabupaten Kubu Raya', 'kabupaten'),
    ('6171', 'Kota Pontianak', 'kota'),
    ('6172', 'Kota Singkawang', 'kota'),
    ('62', 'Kalimantan Tengah', 'provinsi'),
    ('6201', 'Kabupaten Kotawaringin Barat', 'kabupaten'),
    ('6202', 'Kabupaten Kotawaringin Timur', 'kabupaten'),
    ('6203', 'Kabupaten Kapuas', 'kabupaten'),
    ('6204', 'Kabupaten Barito Selatan', 'kabupaten'),
    ('6205', 'Kabupaten Barito Utara', 'kabupaten'),
    ('6206', 'Kabupaten Katingan', 'kabupaten'),
    ('6207', 'Kabupaten Seruyan', 'kabupaten'),
    ('6208', 'Kabupaten Sukamara', 'kabupaten'),
    ('6209', 'Kabupaten Lamandau', 'kabupaten'),
    ('6210', 'Kabupaten Gunung Mas', 'kabupaten'),
    ('6211', 'Kabupaten Pulang Pisau', 'kabupaten'),
    ('6212', 'Kabupaten Murung Raya', 'kabupaten'),
    ('6213', 'Kabupaten Barito Timur', 'kabupaten'),
    ('6271', 'Kota Palangkaraya', 'kota'),
    ('63', 'Kalimantan Selatan', 'provinsi'),
    ('6301', 'Kabupaten Tanah Laut', 'kabupaten'),
    ('6302', 'Kabupaten Kotabaru', 'kabupaten'),
    ('6303', 'Kabupaten Banjar', 'kabupaten'),
    ('6304', 'Kabupaten Barito Kuala', 'kabupaten'),
    ('6305', 'Kabupaten Tapin', 'kabupaten'),
    ('6306', 'Kabupaten Hulu Sungai Selatan', 'kabupaten'),
    ('6307', 'Kabupaten Hulu Sungai Tengah', 'kabupaten'),
    ('6308', 'Kabupaten Hulu Sungai Utara', 'kabupaten'),
    ('6309', 'Kabupaten Tabalong', 'kabupaten'),
    ('6310', 'Kabupaten Tanah Bumbu', 'kabupaten'),
    ('6311', 'Kabupaten Balangan', 'kabupaten'),
    ('6371', 'Kota Banjarmasin', 'kota'),
    ('6372', 'Kota Banjarbaru', 'kota'),
    ('64', 'Kalimantan Timur', 'provinsi'),
    ('6401', 'Kabupaten Paser', 'kabupaten'),
    ('6402', 'Kabupaten Kutai Kartanegara', 'kabupaten'),
    ('6403', 'Kabupaten Berau', 'kabupaten'),
    ('6407', 'Kabupaten Kutai Barat', 'kabupaten'),
    ('6408', 'Kabupaten Kutai Timur', 'kabupaten'),
    ('6409', 'Kabupaten Penajam Paser Utara', 'kabupaten'),
    ('6411', 'Kabupaten Mahakam Ulu', 'kabupaten'),
    ('6471', 'Kota Balikpapan', 'kota'),
    ('6472', 'Kota Samarinda', 'kota'),
    ('6474', 'Kota Bontang', 'kota'),
    ('65', 'Kalimantan Utara', 'provinsi'),
    ('6501', 'Kabupaten Bulungan', 'kabupaten'),
    ('6502', 'Kabupaten Malinau', 'kabupaten'),
    ('6503', 'Kabupaten Nunukan', 'kabupaten'),
    ('6504', 'Kabupaten Tana Tidung', 'kabupaten'),
    ('6571', 'Kota Tarakan', 'kota'),
    ('71', 'Sulawesi Utara', 'provinsi'),
    ('7101', 'Kabupaten Bolaang Mongondow', 'kabupaten'),
    ('7102', 'Kabupaten Minahasa', 'kabupaten'),
    ('7103', 'Kabupaten Kepulauan Sangihe', 'kabupaten'),
    ('7104', 'Kabupaten Kepulauan Talaud', 'kabupaten'),
    ('7105', 'Kabupaten Minahasa Selatan', 'kabupaten'),
    ('7106', 'Kabupaten Minahasa Utara', 'kabupaten'),
    ('7107', 'Kabupaten Minahasa Tenggara', 'kabupaten'),
    ('7108', 'Kabupaten Bolaang Mongondow Utara', 'kabupaten'),
    ('7109', 'Kabupaten Kepulauan Siau Tagulandang Biaro', 'kabupaten'),
    ('7110', 'Kabupaten Bolaang Mongondow Timur', 'kabupaten'),
    ('7111', 'Kabupaten Bolaang Mongondow Selatan', 'kabupaten'),
    ('7171', 'Kota Manado', 'kota'),
    ('7172', 'Kota Bitung', 'kota'),
    ('7173', 'Kota Tomohon', 'kota'),
    ('7174', 'Kota Kotamobagu', 'kota'),
    ('72', 'Sulawesi Tengah', 'provinsi'),
    ('7201', 'Kabupaten Banggai', 'kabupaten'),
    ('7202', 'Kabupaten Poso', 'kabupaten'),
    ('7203', 'Kabupaten Donggala', 'kabupaten'),
    ('7204', 'Kabupaten Toli-Toli', 'kabupaten'),
    ('7205', 'Kabupaten Buol', 'kabupaten'),
    ('7206', 'Kabupaten Morowali', 'kabupaten'),
    ('7207', 'Kabupaten Banggai Kepulauan', 'kabupaten'),
    ('7208', 'Kabupaten Parigi Moutong', 'kabupaten'),
    ('7209', 'Kabupaten Tojo Una Una', 'kabupaten'),
    ('7210', 'Kabupaten Sigi', 'kabupaten'),
    ('7211', 'Kabupaten Banggai Laut', 'kabupaten'),
    ('7212', 'Kabupaten Morowali Utara', 'kabupaten'),
    ('7271', 'Kota Palu', 'kota'),
    ('73', 'Sulawesi Selatan', 'provinsi'),
    ('7301', 'Kabupaten Kepulauan Selayar', 'kabupaten'),
    ('7302', 'Kabupaten Bulukumba', 'kabupaten'),
    ('7303', 'Kabupaten Bantaeng', 'kabupaten'),
    ('7304', 'Kabupaten Jeneponto', 'kabupaten'),
    ('7305', 'Kabupaten Takalar', 'kabupaten'),
    ('7306', 'Kabupaten Gowa', 'kabupaten'),
    ('7307', 'Kabupaten Sinjai', 'kabupaten'),
    ('7308', 'Kabupaten Bone', 'kabupaten'),
    ('7309', 'Kabupaten Maros', 'kabupaten'),
    ('7310', 'Kabupaten Pangkajene dan Kepulauan', 'kabupaten'),
    ('7311', 'Kabupaten Barru', 'kabupaten'),
    ('7312', 'Kabupaten Soppeng', 'kabupaten'),
    ('7313', 'Kabupaten Wajo', 'kabupaten'),
    ('7314', 'Kabupaten Sidenreng Rappang', 'kabupaten'),
    ('7315', 'Kabupaten Pinrang', 'kabupaten'),
    ('7316', 'Kabupaten Enrekang', 'kabupaten'),
    ('7317', 'Kabupaten Luwu', 'kabupaten'),
    ('7318', 'Kabupaten Tana Toraja', 'kabupaten'),
    ('7322', 'Kabupaten Luwu Utara', 'kabupaten'),
    ('7324', 'Kabupaten Luwu Timur', 'kabupaten'),
    ('7326', 'Kabupaten Toraja Utara', 'kabupaten'),
    ('7371', 'Kota Makassar', 'kota'),
    ('7372', 'Kota Parepare', 'kota'),
    ('7373', 'Kota Palopo', 'kota'),
    ('74', 'Sulawesi Tenggara', 'provinsi'),
    ('7401', 'Kabupaten Kolaka', 'kabupaten'),
    ('7402', 'Kabupaten Konawe', 'kabupaten'),
    ('7403', 'Kabupaten Muna', 'kabupaten'),
    ('7404', 'Kabupaten Buton', 'kabupaten'),
    ('7405', 'Kabupaten Konawe Selatan', 'kabupaten'),
    ('7406', 'Kabupaten Bombana', 'kabupaten'),
    ('7407', 'Kabupaten Wakatobi', 'kabupaten'),
    ('7408', 'Kabupaten Kolaka Utara', 'kabupaten'),
    ('7409', 'Kabupaten Konawe Utara', 'kabupaten'),
    ('7410', 'Kabupaten Buton Utara', 'kabupaten'),
    ('7411', 'Kabupaten Kolaka Timur', 'kabupaten'),
    ('7412', 'Kabupaten Konawe Kepulauan', 'kabupaten'),
    ('7413', 'Kabupaten Muna Barat', 'kabupaten'),
    ('7414', 'Kabupaten Buton Tengah', 'kabupaten'),
    ('7415', 'Kabupaten Buton Selatan', 'kabupaten'),
    ('7471', 'Kota Kendari', 'kota'),
    ('7472', 'Kota Bau Bau', 'kota'),
    ('75', 'Gorontalo', 'provinsi'),
    ('7501', 'Kabupaten Gorontalo', 'kabupaten'),
    ('7502', 'Kabupaten Boalemo', 'kabupaten'),
    ('7503', 'Kabupaten Bone Bolango', 'kabupaten'),
    ('7504', 'Kabupaten Pohuwato', 'kabupaten'),
    ('7505', 'Kabupaten Gorontalo Utara', 'kabupaten'),
    ('7571', 'Kota Gorontalo', 'kota'),
    ('76', 'Sulawesi Barat', 'provinsi'),
    ('7601', 'Kabupaten Pasangkayu', 'kabupaten'),
    ('7602', 'Kabupaten Mamuju', 'kabupaten'),
    ('7603', 'Kabupaten Mamasa', 'kabupaten'),
    ('7604', 'Kabupaten Polewali Mandar', 'kabupaten'),
    ('7605', 'Kabupaten Majene', 'kabupaten'),
    ('7606', 'Kabupaten Mamuju Tengah', 'kabupaten'),
    ('81', 'Maluku', 'provinsi'),
    ('8101', 'Kabupaten Maluku Tengah', 'kabupaten'),
    ('8102', 'Kabupaten Maluku Tenggara', 'kabupaten'),
    ('8103', 'Kabupaten Kepulauan Tanimbar', 'kabupaten'),
    ('8104', 'Kabupaten Buru', 'kabupaten'),
    ('8105', 'Kabupaten Seram Bagian Timur', 'kabupaten'),
    ('8106', 'Kabupaten Seram Bagian Barat', 'kabupaten'),
    ('8107', 'Kabupaten Kepulauan Aru', 'kabupaten'),
    ('8108', 'Kabupaten Maluku Barat Daya', 'kabupaten'),
    ('8109', 'Kabupaten Buru Selatan', 'kabupaten'),
    ('8171', 'Kota Ambon', 'kota'),
    ('8172', 'Kota Tual', 'kota'),
    ('82', 'Maluku Utara', 'provinsi'),
    ('8201', 'Kabupaten Halmahera Barat', 'kabupaten'),
    ('8202', 'Kabupaten Halmahera Tengah', 'kabupaten'),
    ('8203', 'Kabupaten Halmahera Utara', 'kabupaten'),
    ('8204', 'Kabupaten Halmahera Selatan', 'kabupaten'),
    ('8205', 'Kabupaten Kepulauan Sula', 'kabupaten'),
    ('8206', 'Kabupaten Halmahera Timur', 'kabupaten'),
    ('8207', 'Kabupaten Pulau Morotai', 'kabupaten'),
    ('8208', 'Kabupaten Pulau Taliabu', 'kabupaten'),
    ('8271', 'Kota Ternate', 'kota'),
    ('8272', 'Kota Tidore Kepulauan', 'kota'),
    ('91', 'Papua', 'provinsi'),
    ('9103', 'Kabupaten Jayapura', 'kabupaten'),
    ('9105', 'Kabupaten Kepulauan Yapen', 'kabupaten'),
    ('9106', 'Kabupaten Biak Numfor', 'kabupaten'),
    ('9110', 'Kabupaten Sarmi', 'kabupaten'),
    ('9111', 'Kabupaten Keerom', 'kabupaten'),
    ('9115', 'Kabupaten Waropen', 'kabupaten'),
    ('9119', 'Kabupaten Supiori', 'kabupaten'),
    ('9120', 'Kabupaten Mamberamo Raya', 'kabupaten'),
    ('9171', 'Kota Jayapura', 'kota'),
    ('92', 'Papua Barat', 'provinsi'),
    ('9202', 'Kabupaten Manokwari', 'kabupaten'),
    ('9203', 'Kabupaten Fak Fak', 'kabupaten'),
    ('9206', 'Kabupaten Teluk Bintuni', 'kabupaten'),
    ('9207', 'Kabupaten Teluk Wondama', 'kabupaten'),
    ('9208', 'Kabupaten Kaimana', 'kabupaten'),
    ('9211', 'Kabupaten Manokwari Selatan', 'kabupaten'),
    ('9212', 'Kabupaten Pegunungan Arfak', 'kabupaten'),
    ('93', 'Papua Selatan', 'provinsi'),
    ('9301', 'Kabupaten Merauke', 'kabupaten'),
    ('9302', 'Kabupaten Boven Digoel', 'kabupaten'),
    ('9303', 'Kabupaten Mappi', 'kabupaten'),
    ('9304', 'Kabupaten Asmat', 'kabupaten'),
    ('94', 'Papua Tengah', 'provinsi'),
    ('9401', 'Kabupaten Nabire', 'kabupaten'),
    ('9402', 'Kabupaten Puncak Jaya', 'kabupaten'),
    ('9403', 'Kabupaten Paniai', 'kabupaten'),
    ('9404', 'Kabupaten Mimika', 'kabupaten'),
    ('9405', 'Kabupaten Puncak', 'kabupaten'),
    ('9406', 'Kabupaten Dogiyai', 'kabupaten'),
    ('9407', 'Kabupaten Intan Jaya', 'kabupaten'),
    ('9408', 'Kabupaten Deiyai', 'kabupaten'),
    ('95', 'Papua Pegunungan', 'provinsi'),
    ('9501', 'Kabupaten Jayawijaya', 'kabupaten'),
    ('9502', 'Kabupaten Pegunungan Bintang', 'kabupaten'),
    ('9503', 'Kabupaten Yahukimo', 'kabupaten'),
    ('9504', 'Kabupaten Tolikara', 'kabupaten'),
    ('9505', 'Kabupaten Mamberamo Tengah', 'kabupaten'),
    ('9506', 'Kabupaten Yalimo', 'kabupaten'),
    ('9507', 'Kabupaten Lanny Jaya', 'kabupaten'),
    ('9508', 'Kabupaten Nduga', 'kabupaten'),
    ('96', 'Papua Barat Daya', 'provinsi'),
    ('9601', 'Kabupaten Sorong', 'kabupaten'),
    ('9602', 'Kabupaten Sorong Selatan', 'kabupaten'),
    ('9603', 'Kabupaten Raja Ampat', 'kabupaten'),
    ('9604', 'Kabupaten Tambrauw', 'kabupaten'),
    ('9605', 'Kabupaten Maybrat', 'kabupaten'),
    ('9671', 'Kota Sorong', 'kota');
