-- 0008: contributions due per employer and month, kept by the import, so that an audit reads
-- each wage row at most once (for its own period) instead of twelve months of them.
--
-- For each employer e and month p with wage rows, periksa.employer_month_due holds, per
-- programme, the sum over e's rows of p of round(base × rate) with the rates of p: JKK once for
-- each of the five risk groups, JKM, JHT, and JP on min(wage, JP cap of p). Since
-- c(w, S) = Σ over the programmes of S of round(base × rate), an employer's due for any set of
-- programmes and any risk group is a sum of these columns: the registry's programmes and risk
-- group as they are at the audit's time still apply to every month (a change to them needs no
-- recomputation), and only a change of the rates or caps of p, or of p's wage rows, does.
-- periksa.due_months records, per month, the rates the month's sums were computed with; a
-- month whose row is missing, or whose rates differ from the reference data's, is recomputed
-- from its wage rows by the next audit (periksa.compute_month_due).

-- The rates of a month as the integer arithmetic uses them: millionths and cents, each in force
-- on the month's first day (before the earliest effective date, the earliest).
create function periksa.month_rates(month date)
returns table (
    jkk1 bigint, jkk2 bigint, jkk3 bigint, jkk4 bigint, jkk5 bigint,
    jkm bigint, jht bigint, jp bigint, jp_cap_cents bigint
)
language sql stable as $$
    select
        (periksa.rate_on('JKK', 1::smallint, month) * 1000000)::bigint,
        (periksa.rate_on('JKK', 2::smallint, month) * 1000000)::bigint,
        (periksa.rate_on('JKK', 3::smallint, month) * 1000000)::bigint,
        (periksa.rate_on('JKK', 4::smallint, month) * 1000000)::bigint,
        (periksa.rate_on('JKK', 5::smallint, month) * 1000000)::bigint,
        (periksa.rate_on('JKM', null, month) * 1000000)::bigint,
        (periksa.rate_on('JHT', null, month) * 1000000)::bigint,
        (periksa.rate_on('JP', null, month) * 1000000)::bigint,
        (periksa.jp_cap_on(month) * 100)::bigint
$$;

comment on function periksa.month_rates(date) is
    'The rates (millionths) and JP cap (cents) in force on a month''s first day, per JKK risk group.';

create table periksa.due_months (
    period        date primary key,
    jkk1          bigint not null,
    jkk2          bigint not null,
    jkk3          bigint not null,
    jkk4          bigint not null,
    jkk5          bigint not null,
    jkm           bigint not null,
    jht           bigint not null,
    jp            bigint not null,
    jp_cap_cents  bigint not null,
    computed_at   timestamptz not null default now()
);

comment on table periksa.due_months is
    'The months whose contributions due (periksa.employer_month_due) are current, with the rates they were computed with.';

create table periksa.employer_month_due (
    npp      text not null,
    period   date not null,
    workers  integer not null,
    wages    numeric not null,
    jkk1     bigint not null,
    jkk2     bigint not null,
    jkk3     bigint not null,
    jkk4     bigint not null,
    jkk5     bigint not null,
    jkm      bigint not null,
    jht      bigint not null,
    jp       bigint not null
) partition by range (period);

-- One partition per month, next to the month's wage rows, without an index: the audit reads
-- whole months, an import writes a new month in one COPY (an index on a national month's
-- sums cost more than the rest of its upkeep), and (period, npp) is unique because only
-- `periksa import` and periksa.compute_month_due write it, each one row per employer-month.
comment on table periksa.employer_month_due is
    'Per employer and month with wage rows: workers (distinct NIK), wages, and per programme the sum of each row''s contribution (JKK per risk group 1–5), in whole rupiah.';

-- e's due for a month from its sums: the programmes S(e) and risk group g(e) given.
create function periksa.month_due(
    programmes text[], risk_group smallint,
    jkk1 bigint, jkk2 bigint, jkk3 bigint, jkk4 bigint, jkk5 bigint, jkm bigint, jht bigint, jp bigint
) returns bigint
language sql immutable parallel safe as $$
    select case when 'JKK' = any(programmes)
                then case risk_group when 1 then jkk1 when 2 then jkk2 when 3 then jkk3 when 4 then jkk4 else jkk5 end
                else 0 end
         + case when 'JKM' = any(programmes) then jkm else 0 end
         + case when 'JHT' = any(programmes) then jht else 0 end
         + case when 'JP' = any(programmes) then jp else 0 end
$$;

-- Recomputes the sums of `month` from its wage rows (its partitions exist: the month has rows): of every employer (npps null), or of the
-- employers `npps` (an import's units whose rows SQL changed after they were counted). A full
-- recomputation records the month as current.
create function periksa.compute_month_due(month date, npps text[] default null) returns bigint
language plpgsql security definer
set plan_cache_mode = force_custom_plan
set search_path = pg_catalog, pg_temp
as $fn$
declare
    r record;
    written bigint;
begin
    select * into r from periksa.month_rates(month);
    if to_regclass(format('periksa.employer_month_due_%s', to_char(month, 'YYYY_MM'))) is null then
        execute format(
            'create table periksa.%I partition of periksa.employer_month_due for values from (%L) to (%L)',
            format('employer_month_due_%s', to_char(month, 'YYYY_MM')), month, (month + interval '1 month')::date);
    end if;
    if npps is null then
        execute format('truncate periksa.%I', format('employer_month_due_%s', to_char(month, 'YYYY_MM')));
    else
        delete from periksa.employer_month_due where period = month and npp = any(npps);
    end if;
    insert into periksa.employer_month_due
    select c.npp, c.period, count(distinct c.nik)::integer, sum(c.wage),
           sum((c.cents * r.jkk1 + 50000000) / 100000000), sum((c.cents * r.jkk2 + 50000000) / 100000000),
           sum((c.cents * r.jkk3 + 50000000) / 100000000), sum((c.cents * r.jkk4 + 50000000) / 100000000),
           sum((c.cents * r.jkk5 + 50000000) / 100000000), sum((c.cents * r.jkm + 50000000) / 100000000),
           sum((c.cents * r.jht + 50000000) / 100000000),
           sum((least(c.cents, r.jp_cap_cents) * r.jp + 50000000) / 100000000)
    from (select npp, period, nik, wage, (wage * 100)::bigint as cents
          from periksa.contributions
          where period = month and (npps is null or npp = any(npps))) c
    group by c.npp, c.period;
    get diagnostics written = row_count;
    if npps is null then
        insert into periksa.due_months (period, jkk1, jkk2, jkk3, jkk4, jkk5, jkm, jht, jp, jp_cap_cents)
        values (month, r.jkk1, r.jkk2, r.jkk3, r.jkk4, r.jkk5, r.jkm, r.jht, r.jp, r.jp_cap_cents)
        on conflict (period) do update set
            jkk1 = excluded.jkk1, jkk2 = excluded.jkk2, jkk3 = excluded.jkk3, jkk4 = excluded.jkk4,
            jkk5 = excluded.jkk5, jkm = excluded.jkm, jht = excluded.jht, jp = excluded.jp,
            jp_cap_cents = excluded.jp_cap_cents, computed_at = now();
    end if;
    return written;
end
$fn$;

comment on function periksa.compute_month_due(date, text[]) is
    'Recomputes a month''s contributions due from its wage rows (all employers, or those given).';

-- Wage rows written other than by `periksa import` (which keeps the sums itself and says so
-- with the transaction setting periksa.keeping_due): the month, or every month when the
-- statement went through the parent table, is no longer current.
create function periksa.contributions_changed() returns trigger
language plpgsql as $$
begin
    if coalesce(current_setting('periksa.keeping_due', true), '') <> 'on' then
        if tg_table_name = 'contributions' then
            delete from periksa.due_months;
        else
            delete from periksa.due_months where period = to_date(right(tg_table_name, 7), 'YYYY_MM');
        end if;
    end if;
    return null;
end
$$;

create trigger contributions_changed
after insert or update or delete or truncate on periksa.contributions
for each statement execute function periksa.contributions_changed();

do $$
declare
    p record;
begin
    for p in
        select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'periksa.contributions'::regclass
    loop
        execute format(
            'create trigger contributions_changed after insert or update or delete or truncate on periksa.%I '
            'for each statement execute function periksa.contributions_changed()', p.relname);
        execute format(
            'create table periksa.%I partition of periksa.employer_month_due for values from (%L) to (%L)',
            'employer_month_due_' || right(p.relname, 7), to_date(right(p.relname, 7), 'YYYY_MM'),
            (to_date(right(p.relname, 7), 'YYYY_MM') + interval '1 month')::date);
    end loop;
end
$$;

-- A new month of wage rows gets its trigger and an empty partition of sums (one left from a
-- partition of wage rows dropped by hand is emptied: its month is then not current).
create or replace function periksa.ensure_contribution_partition(month date) returns void
language plpgsql security definer as $$
declare
    first_day date := date_trunc('month', month)::date;
    partition_name text := format('contributions_%s', to_char(first_day, 'YYYY_MM'));
    due_name text := format('employer_month_due_%s', to_char(first_day, 'YYYY_MM'));
begin
    if to_regclass(format('periksa.%I', partition_name)) is null then
        execute format(
            'create table periksa.%I partition of periksa.contributions for values from (%L) to (%L)',
            partition_name, first_day, (first_day + interval '1 month')::date);
        execute format(
            'create trigger contributions_changed after insert or update or delete or truncate on periksa.%I '
            'for each statement execute function periksa.contributions_changed()', partition_name);
        if to_regclass(format('periksa.%I', due_name)) is null then
            execute format(
                'create table periksa.%I partition of periksa.employer_month_due for values from (%L) to (%L)',
                due_name, first_day, (first_day + interval '1 month')::date);
        else
            execute format('truncate periksa.%I', due_name);
        end if;
        delete from periksa.due_months where period = first_day;
    end if;
end
$$;

-- A dossier reads one employer's outside records of twelve months by its NPP, NPWP and NIB.
create index workforce_npp_idx on periksa.workforce (npp) where npp is not null;
create index workforce_npwp_idx on periksa.workforce (npwp) where npwp is not null;
create index workforce_nib_idx on periksa.workforce (nib) where nib is not null;

-- Whether a month has wage rows or sums: a look at the first row of its partitions (a query
-- over the parent with the month as a parameter would scan a lone partition in full).
create function periksa.month_has_data(month date) returns boolean
language plpgsql stable as $$
declare
    suffix text := to_char(month, 'YYYY_MM');
    found boolean := false;
begin
    if to_regclass('periksa.contributions_' || suffix) is not null then
        execute format('select exists (select 1 from periksa.%I)', 'contributions_' || suffix) into found;
    end if;
    if not found and to_regclass('periksa.employer_month_due_' || suffix) is not null then
        execute format('select exists (select 1 from periksa.%I)', 'employer_month_due_' || suffix) into found;
    end if;
    return found;
end
$$;
