-- 0003: effective-dated reference data shipped with Periksa (shared/domain/BPJS-KETENAGAKERJAAN.md):
-- programme rates, the JP wage cap and minimum wages. Nothing of it is a constant in code.

-- Contribution rates as a fraction of the monthly wage, paid by the employer (both shares).
-- JKK depends on the risk group; the other programmes have risk_group null.
create table periksa.programme_rates (
    programme       text not null check (programme in ('JKK', 'JKM', 'JHT', 'JP', 'JKP')),
    risk_group      smallint check (risk_group between 1 and 5),
    effective_from  date not null,
    rate            numeric(8, 6) not null check (rate >= 0),
    legal_basis     text not null,
    unique nulls not distinct (programme, risk_group, effective_from),
    check ((programme = 'JKK') = (risk_group is not null))
);

comment on table periksa.programme_rates is
    'Employer contribution rate per programme (JKK per risk group) from a date; before the earliest date the earliest applies.';

insert into periksa.programme_rates (programme, risk_group, effective_from, rate, legal_basis) values
    ('JKK', 1, '2015-07-01', 0.002400, 'PP 44/2015'),
    ('JKK', 2, '2015-07-01', 0.005400, 'PP 44/2015'),
    ('JKK', 3, '2015-07-01', 0.008900, 'PP 44/2015'),
    ('JKK', 4, '2015-07-01', 0.012700, 'PP 44/2015'),
    ('JKK', 5, '2015-07-01', 0.017400, 'PP 44/2015'),
    ('JKM', null, '2015-07-01', 0.003000, 'PP 44/2015'),
    ('JHT', null, '2015-07-01', 0.057000, 'PP 46/2015'),
    ('JP', null, '2015-07-01', 0.030000, 'PP 45/2015'),
    -- JKP is paid by the government and out of JKK: it costs the employer nothing.
    ('JKP', null, '2021-02-02', 0.000000, 'PP 37/2021, PP 6/2025');

-- The JP wage cap, in force from each 1 March.
create table periksa.jp_wage_caps (
    effective_from  date primary key,
    amount          numeric(15, 2) not null check (amount > 0),
    note            text
);

comment on table periksa.jp_wage_caps is
    'The wage cap of the JP (pension) contribution from a date; before the earliest date the earliest applies.';

insert into periksa.jp_wage_caps (effective_from, amount, note) values
    ('2023-03-01', 9559600, null),
    ('2024-03-01', 10042300, null),
    ('2025-03-01', 10547400, null),
    ('2026-03-01', 11086300, 'reported; provisional');

-- Minimum wages: UMP (2-digit province code) and UMK (4-digit regency/city code) per year.
-- Shipped values have import_id null; an import of KIND minimum-wages overrides them.
create table periksa.minimum_wages (
    region_code  text not null check (region_code ~ '^[0-9]{2}([0-9]{2})?$'),
    year         smallint not null check (year between 2000 and 2100),
    amount       numeric(15, 2) not null check (amount > 0),
    import_id    bigint references periksa.imports,
    primary key (region_code, year)
);

comment on table periksa.minimum_wages is
    'UMP (2-digit province) and UMK (4-digit regency/city) per year; import_id null = shipped with Periksa.';

insert into periksa.minimum_wages (region_code, year, amount) values
    ('31', 2024, 5067381), ('31', 2025, 5396761), ('31', 2026, 5729876),
    ('32', 2024, 2057495), ('32', 2025, 2191232), ('32', 2026, 2317601),
    ('33', 2024, 2036947), ('33', 2025, 2169348),
    ('35', 2024, 2165244), ('35', 2025, 2305984), ('35', 2026, 2446880.68),
    ('36', 2024, 2727812), ('36', 2025, 2905119.90), ('36', 2026, 3100881.40),
    ('15', 2024, 3037121), ('15', 2025, 3234533), ('15', 2026, 3471497),
    ('1571', 2025, 3607223), ('1571', 2026, 3868963),
    ('61', 2025, 2878286), ('61', 2026, 3054552),
    ('6171', 2026, 3205220);
