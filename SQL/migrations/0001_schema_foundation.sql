-- 0001: the foundation. The schema every other part of Periksa lives in, and the table that
-- records which migrations were applied (written by `periksa db migrate`, never by hand).

create schema if not exists periksa;

comment on schema periksa is
    'Periksa: the registry, outside headcounts, wage reports, payments, audit runs and findings.';

create table if not exists periksa.schema_migrations (
    version     integer primary key,
    name        text not null,
    checksum    text not null check (checksum ~ '^[0-9a-f]{64}$'),
    applied_at  timestamptz not null default now(),
    applied_by  text not null default current_user
);

comment on table periksa.schema_migrations is
    'One row per applied migration file of SQL/migrations, with the SHA-256 of its text.';
