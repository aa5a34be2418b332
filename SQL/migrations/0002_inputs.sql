-- 0002: the inputs of the data contract (shared/spec/DATA-CONTRACT.md) and the record of
-- every import. Periods are stored as the first day of their month (`date`), so that month
-- arithmetic stays in SQL; money is numeric(15,2), exact to the cent.

-- One row per `periksa import`: what was read, what was loaded, what was rejected.
create table periksa.imports (
    import_id      bigint generated always as identity primary key,
    kind           text not null check (kind in ('employers', 'workforce', 'contributions', 'payments',
                                                 'minimum-wages', 'inspections')),
    file_name      text not null,
    file_sha256    text not null check (file_sha256 ~ '^[0-9a-f]{64}$'),
    file_bytes     bigint not null,
    delimiter      text not null,
    is_strict      boolean not null default false,
    is_forced      boolean not null default false,
    -- loaded: every row loaded; partial: some rejected, the rest loaded;
    -- rejected: --strict with rejections, nothing loaded.
    status         text not null check (status in ('loaded', 'partial', 'rejected')),
    rows_read      integer not null check (rows_read >= 0),
    rows_loaded    integer not null check (rows_loaded >= 0),
    rows_rejected  integer not null check (rows_rejected >= 0),
    started_at     timestamptz not null,
    finished_at    timestamptz not null default clock_timestamp(),
    imported_by    text not null default current_user,
    check (rows_read = rows_loaded + rows_rejected)
);

create index imports_sha_idx on periksa.imports (kind, file_sha256);

comment on table periksa.imports is
    'One row per import run: file, SHA-256, rows read = loaded + rejected, status, who and when.';

-- Every rejected row, with all of its reasons. raw_line is the record as it was in the file
-- (it may hold personal data: only administrators read this table).
create table periksa.import_rejections (
    import_id    bigint not null references periksa.imports on delete cascade,
    line_number  integer not null check (line_number >= 1),
    raw_line     text not null,
    -- [{"column": "nik", "rule": "nik_length", "message": "…"}, …] in the import's language
    reasons      jsonb not null check (jsonb_typeof(reasons) = 'array' and jsonb_array_length(reasons) > 0),
    primary key (import_id, line_number)
);

comment on table periksa.import_rejections is
    'One row per rejected line of an import: the line number, the raw record and every reason.';

-- The BPJS registry of employers (KIND employers). Replacement unit: npp.
create table periksa.employers (
    npp            text primary key check (npp ~ '^[A-Z0-9]{1,20}$'),
    name           text not null check (char_length(name) between 1 and 300),
    npwp           text check (npwp ~ '^[0-9]{16}$'),
    nib            text check (nib ~ '^[0-9]{13}$'),
    kbli           text not null check (kbli ~ '^[0-9]{5}$'),
    scale          text not null check (scale in ('besar', 'menengah', 'kecil', 'mikro')),
    risk_group     smallint not null check (risk_group between 1 and 5),
    region_code    text not null check (region_code ~ '^[0-9]{4}$'),
    branch_code    text not null check (char_length(branch_code) between 1 and 40),
    programs       text[] not null check (programs <@ array['JKK', 'JKM', 'JHT', 'JP', 'JKP']),
    registered_on  date not null,
    status         text not null default 'aktif' check (status in ('aktif', 'nonaktif')),
    import_id      bigint not null references periksa.imports
);

create index employers_npwp_idx on periksa.employers (npwp) where npwp is not null;
create index employers_nib_idx on periksa.employers (nib) where nib is not null;
create index employers_branch_idx on periksa.employers (branch_code);
create index employers_region_idx on periksa.employers (region_code);

comment on table periksa.employers is
    'The BPJS registry: one row per registered employer (NPP), as last imported.';

-- Headcounts declared to other agencies (KIND workforce).
-- Replacement unit: (source, unit_key, period), unit_key being the first present of
-- npp:…, npwp:…, nib:….
create table periksa.workforce (
    source       text not null check (source in ('wlkp', 'pajak', 'pemda', 'oss')),
    period       date not null check (extract(day from period) = 1),
    unit_key     text not null,
    npp          text check (npp ~ '^[A-Z0-9]{1,20}$'),
    npwp         text check (npwp ~ '^[0-9]{16}$'),
    nib          text check (nib ~ '^[0-9]{13}$'),
    name         text not null,
    region_code  text not null check (region_code ~ '^[0-9]{4}$'),
    headcount    integer not null check (headcount >= 0),
    wage_bill    numeric(18, 2) check (wage_bill >= 0),
    import_id    bigint not null,
    primary key (source, unit_key, period),
    check (coalesce(npp, npwp, nib) is not null)
);

create index workforce_period_idx on periksa.workforce (period);

comment on table periksa.workforce is
    'Outside headcounts: one row per source, business identifier and period.';

-- The monthly wage reports (KIND contributions), partitioned by period: one partition per
-- month, created by the import that first loads that month. No index: the rules read a
-- whole period. A file replaces the employer-periods it holds: their rows from earlier
-- imports are deleted (import_id tells them apart).
create table periksa.contributions (
    period     date not null,
    npp        text not null,
    kpj        text not null,
    nik        text not null,
    name       text,
    wage         numeric(15, 2) not null check (wage > 0),
    import_id    bigint not null,
    -- the row's line in the imported file: evidence can point at it
    line_number  integer not null
) partition by range (period);

comment on table periksa.contributions is
    'Wage reports: one row per worker (NIK), employer (NPP) and period; partitioned by month.';

-- Contributions received (KIND payments); appended, each file a batch.
create table periksa.payments (
    payment_id  bigint generated always as identity primary key,
    npp         text not null,
    period      date not null check (extract(day from period) = 1),
    paid_on     date not null,
    amount      numeric(15, 2) not null check (amount > 0),
    import_id   bigint not null
);

create index payments_npp_period_idx on periksa.payments (npp, period);

comment on table periksa.payments is 'Contributions received: one row per payment transaction.';

-- Creates the partition of periksa.contributions for the month of `month` if missing.
create or replace function periksa.ensure_contribution_partition(month date) returns void
language plpgsql as $$
declare
    first_day date := date_trunc('month', month)::date;
    partition_name text := format('contributions_%s', to_char(first_day, 'YYYY_MM'));
begin
    if to_regclass(format('periksa.%I', partition_name)) is null then
        execute format(
            'create table periksa.%I partition of periksa.contributions for values from (%L) to (%L)',
            partition_name, first_day, (first_day + interval '1 month')::date);
    end if;
end
$$;
