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
