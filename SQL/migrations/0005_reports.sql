-- 0005: what the reports need beyond the findings: each run's figures per employer (the
-- compliance report's coverage and rates come from them, never from the raw wage rows),
-- the KBLI sections, and the holidays that working-day deadlines skip.

-- Per run, one row per registered employer: its place, what it reported for the run's
-- period, the outside headcount of its group (on the group's lead) and what was due and paid
-- for the period. Written by the audit (SQL/rules/99_run_employers.sql); immutable.
create table periksa.run_employers (
    run_id             bigint not null references periksa.runs,
    npp                text not null,
    branch_code        text not null,
    region_code        text not null,
    kbli               text not null,
    scale              text not null,
    is_active          boolean not null,
    -- distinct NIK and the sum of wages it reported for the period
    workers            integer not null,
    wages              numeric(18, 2) not null,
    -- on the lead of an NPWP group with an outside record: H(g) and max(0, H(g) − W(g))
    outside_headcount  integer,
    outside_source     text,
    uncovered          integer,
    -- contributions due for the period at the run's rates, and paid for it by the run's as-of
    due                numeric(18, 2) not null,
    paid               numeric(18, 2) not null,
    kbli_section       text not null,
    -- the employer's findings in the run: estimated_loss_idr per category (null: no finding)
    pds_tk_idr         bigint,
    pds_upah_idr       bigint,
    pds_program_idr    bigint,
    tunggakan_idr      bigint,
    primary key (run_id, npp)
);

comment on table periksa.run_employers is
    'Per audit run, one row per registered employer: branch, region, KBLI, scale, workers and wages reported for the period, the outside headcount of its group (on the lead), contributions due and paid.';
comment on column periksa.run_employers.uncovered is
    'On the lead of a group with an outside record: max(0, H(g) − W(g)), workers seen elsewhere and not reported.';

create trigger run_employers_immutable before update or delete on periksa.run_employers
    for each row execute function periksa.forbid_changes();

-- Per run, the contributions due for each month of its twelve-month window, for the employers
-- with a finding (the dossiers inspectors take on visits); written by the audit.
create table periksa.run_due (
    run_id  bigint not null references periksa.runs,
    npp     text not null,
    period  date not null,
    due     numeric(18, 2) not null,
    primary key (run_id, npp, period)
);

comment on table periksa.run_due is
    'Per run, employer with a finding and month of the window: the contributions due at the run''s rates.';

create trigger run_due_immutable before update or delete on periksa.run_due
    for each row execute function periksa.forbid_changes();

-- KBLI 2020 sections (the letter) by two-digit division; KBLI 2025 keeps the sections.
create table periksa.kbli_sections (
    section         text primary key check (section ~ '^[A-U]$'),
    first_division  smallint not null,
    last_division   smallint not null,
    name_id         text not null,
    name_en         text not null
);

comment on table periksa.kbli_sections is 'KBLI sections (A–U) and the two-digit divisions each covers.';

insert into periksa.kbli_sections values
    ('A', 1, 3, 'Pertanian, Kehutanan dan Perikanan', 'Agriculture, forestry and fishing'),
    ('B', 5, 9, 'Pertambangan dan Penggalian', 'Mining and quarrying'),
    ('C', 10, 33, 'Industri Pengolahan', 'Manufacturing'),
    ('D', 35, 35, 'Pengadaan Listrik, Gas, Uap/Air Panas dan Udara Dingin', 'Electricity, gas, steam and air conditioning'),
    ('E', 36, 39, 'Pengelolaan Air, Limbah dan Daur Ulang Sampah', 'Water supply, sewerage and waste'),
    ('F', 41, 43, 'Konstruksi', 'Construction'),
    ('G', 45, 47, 'Perdagangan Besar dan Eceran; Reparasi Kendaraan', 'Wholesale and retail trade; repair of vehicles'),
    ('H', 49, 53, 'Pengangkutan dan Pergudangan', 'Transportation and storage'),
    ('I', 55, 56, 'Penyediaan Akomodasi dan Makan Minum', 'Accommodation and food service'),
    ('J', 58, 63, 'Informasi dan Komunikasi', 'Information and communication'),
    ('K', 64, 66, 'Aktivitas Keuangan dan Asuransi', 'Financial and insurance activities'),
    ('L', 68, 68, 'Real Estat', 'Real estate'),
    ('M', 69, 75, 'Aktivitas Profesional, Ilmiah dan Teknis', 'Professional, scientific and technical activities'),
    ('N', 77, 82, 'Aktivitas Penyewaan, Ketenagakerjaan dan Penunjang Usaha', 'Administrative and support services'),
    ('O', 84, 84, 'Administrasi Pemerintahan dan Jaminan Sosial Wajib', 'Public administration and compulsory social security'),
    ('P', 85, 85, 'Pendidikan', 'Education'),
    ('Q', 86, 88, 'Aktivitas Kesehatan Manusia dan Aktivitas Sosial', 'Human health and social work'),
    ('R', 90, 93, 'Kesenian, Hiburan dan Rekreasi', 'Arts, entertainment and recreation'),
    ('S', 94, 96, 'Aktivitas Jasa Lainnya', 'Other service activities'),
    ('T', 97, 98, 'Aktivitas Rumah Tangga sebagai Pemberi Kerja', 'Households as employers'),
    ('U', 99, 99, 'Aktivitas Badan Internasional dan Ekstra Internasional', 'Extraterritorial organisations');

-- The section of a five-digit KBLI code ('?' when its division is in no section).
create or replace function periksa.kbli_section(kbli text) returns text
language sql stable parallel safe as $$
    select coalesce(
        (select s.section from periksa.kbli_sections s
         where left(kbli, 2)::smallint between s.first_division and s.last_division),
        '?')
$$;

-- National holidays and collective leave days (cuti bersama): working days are Monday to
-- Friday except these. Reference data: add each year's list when the joint ministerial
-- decree (SKB 3 Menteri) is published.
create table periksa.holidays (
    day     date primary key,
    kind    text not null check (kind in ('libur_nasional', 'cuti_bersama')),
    name    text not null,
    source  text not null
);

comment on table periksa.holidays is
    'National holidays and cuti bersama: the days a working-day deadline skips, with the decree each comes from.';

insert into periksa.holidays (day, kind, name, source)
select d::date, k, n, 'SKB Menag, Menaker dan MenPANRB No. 1017, 2 dan 2 Tahun 2024'
from (values
    ('2025-01-01', 'libur_nasional', 'Tahun Baru 2025 Masehi'),
    ('2025-01-27', 'libur_nasional', 'Isra Mikraj Nabi Muhammad SAW'),
    ('2025-01-28', 'cuti_bersama', 'Cuti bersama Tahun Baru Imlek'),
    ('2025-01-29', 'libur_nasional', 'Tahun Baru Imlek 2576 Kongzili'),
    ('2025-03-28', 'cuti_bersama', 'Cuti bersama Hari Suci Nyepi'),
    ('2025-03-29', 'libur_nasional', 'Hari Suci Nyepi (Tahun Baru Saka 1947)'),
    ('2025-03-31', 'libur_nasional', 'Idul Fitri 1446 H'),
    ('2025-04-01', 'libur_nasional', 'Idul Fitri 1446 H'),
    ('2025-04-02', 'cuti_bersama', 'Cuti bersama Idul Fitri'),
    ('2025-04-03', 'cuti_bersama', 'Cuti bersama Idul Fitri'),
    ('2025-04-04', 'cuti_bersama', 'Cuti bersama Idul Fitri'),
    ('2025-04-07', 'cuti_bersama', 'Cuti bersama Idul Fitri'),
    ('2025-04-18', 'libur_nasional', 'Wafat Yesus Kristus'),
    ('2025-04-20', 'libur_nasional', 'Kebangkitan Yesus Kristus (Paskah)'),
    ('2025-05-01', 'libur_nasional', 'Hari Buruh Internasional'),
    ('2025-05-12', 'libur_nasional', 'Hari Raya Waisak 2569 BE'),
    ('2025-05-13', 'cuti_bersama', 'Cuti bersama Hari Raya Waisak'),
    ('2025-05-29', 'libur_nasional', 'Kenaikan Yesus Kristus'),
    ('2025-05-30', 'cuti_bersama', 'Cuti bersama Kenaikan Yesus Kristus'),
    ('2025-06-01', 'libur_nasional', 'Hari Lahir Pancasila'),
    ('2025-06-06', 'libur_nasional', 'Idul Adha 1446 H'),
    ('2025-06-09', 'cuti_bersama', 'Cuti bersama Idul Adha'),
    ('2025-06-27', 'libur_nasional', 'Tahun Baru Islam 1447 H'),
    ('2025-08-17', 'libur_nasional', 'Proklamasi Kemerdekaan'),
    ('2025-09-05', 'libur_nasional', 'Maulid Nabi Muhammad SAW'),
    ('2025-12-25', 'libur_nasional', 'Kelahiran Yesus Kristus'),
    ('2025-12-26', 'cuti_bersama', 'Cuti bersama Kelahiran Yesus Kristus')
) as h (d, k, n);

insert into periksa.holidays (day, kind, name, source)
select d::date, k, n, 'SKB Menag, Menaker dan MenPANRB No. 1497, 2 dan 5 Tahun 2025'
from (values
    ('2026-01-01', 'libur_nasional', 'Tahun Baru 2026 Masehi'),
    ('2026-01-16', 'libur_nasional', 'Isra Mikraj Nabi Muhammad SAW'),
    ('2026-02-16', 'cuti_bersama', 'Cuti bersama Tahun Baru Imlek'),
    ('2026-02-17', 'libur_nasional', 'Tahun Baru Imlek 2577 Kongzili'),
    ('2026-03-18', 'cuti_bersama', 'Cuti bersama Hari Suci Nyepi'),
    ('2026-03-19', 'libur_nasional', 'Hari Suci Nyepi (Tahun Baru Saka 1948)'),
    ('2026-03-20', 'cuti_bersama', 'Cuti bersama Idul Fitri'),
    ('2026-03-21', 'libur_nasional', 'Idul Fitri 1447 H'),
    ('2026-03-22', 'libur_nasional', 'Idul Fitri 1447 H'),
    ('2026-03-23', 'cuti_bersama', 'Cuti bersama Idul Fitri'),
    ('2026-03-24', 'cuti_bersama', 'Cuti bersama Idul Fitri'),
    ('2026-04-03', 'libur_nasional', 'Wafat Yesus Kristus'),
    ('2026-04-05', 'libur_nasional', 'Kebangkitan Yesus Kristus (Paskah)'),
    ('2026-05-01', 'libur_nasional', 'Hari Buruh Internasional'),
    ('2026-05-14', 'libur_nasional', 'Kenaikan Yesus Kristus'),
    ('2026-05-15', 'cuti_bersama', 'Cuti bersama Kenaikan Yesus Kristus'),
    ('2026-05-27', 'libur_nasional', 'Idul Adha 1447 H'),
    ('2026-05-28', 'cuti_bersama', 'Cuti bersama Idul Adha'),
    ('2026-05-31', 'libur_nasional', 'Hari Raya Waisak 2570 BE'),
    ('2026-06-01', 'libur_nasional', 'Hari Lahir Pancasila'),
    ('2026-06-16', 'libur_nasional', 'Tahun Baru Islam 1448 H'),
    ('2026-08-17', 'libur_nasional', 'Proklamasi Kemerdekaan'),
    ('2026-08-25', 'libur_nasional', 'Maulid Nabi Muhammad SAW'),
    ('2026-12-24', 'cuti_bersama', 'Cuti bersama Kelahiran Yesus Kristus'),
    ('2026-12-25', 'libur_nasional', 'Kelahiran Yesus Kristus')
) as h (d, k, n);

-- The working day `days` working days after `start` (Monday to Friday, not a holiday).
-- Days beyond the last year in periksa.holidays count every weekday.
create or replace function periksa.add_working_days(start date, days integer) returns date
language sql stable as $$
    select d::date
    from generate_series(start + 1, start + days * 3 + 30, interval '1 day') as d
    where extract(isodow from d) < 6
      and not exists (select 1 from periksa.holidays h where h.day = d::date)
    order by d
    offset days - 1
    limit 1
$$;
