-- 0004: audit runs and their findings (shared/spec/RULES.md), inspection history, and the
-- helper functions the rules in SQL/rules use.

-- One row per `periksa audit`: an immutable record once finished.
create table periksa.runs (
    run_id          bigint generated always as identity primary key,
    period          date not null check (extract(day from period) = 1),
    as_of           date not null,
    parameters      jsonb not null,
    rules_version   text not null,
    -- the newest import the run could see (every import up to it was visible)
    last_import_id  bigint,
    status          text not null check (status in ('running', 'finished')),
    started_at      timestamptz not null default clock_timestamp(),
    finished_at     timestamptz,
    run_by          text not null default current_user,
    findings_count  jsonb,
    rupiah          jsonb
);

comment on table periksa.runs is
    'One row per audit run: period, as-of, parameters, rules version, imports seen, counts and rupiah per category.';

-- The findings of a run, with their evidence in structured form.
create table periksa.findings (
    run_id              bigint not null references periksa.runs,
    category            text not null check (category in ('PDS_TK', 'PDS_UPAH', 'PDS_PROGRAM', 'PWBD', 'TUNGGAKAN')),
    npp                 text,
    source_ref          text,
    period              date not null,
    estimated_loss_idr  bigint not null check (estimated_loss_idr >= 0),
    reason              text not null,
    evidence            jsonb not null,
    check ((category = 'PWBD') = (npp is null)),
    check ((category = 'PWBD') = (source_ref is not null))
);

create unique index findings_key_idx on periksa.findings (run_id, category, coalesce(npp, source_ref));
create index findings_npp_idx on periksa.findings (npp) where npp is not null;

comment on table periksa.findings is
    'One row per finding of a run: at most one per category and employer (or unregistered business).';

-- What a run could not do: employers without a minimum wage, records without a usable identifier.
create table periksa.run_notes (
    run_id  bigint not null references periksa.runs,
    kind    text not null,
    detail  jsonb not null
);

comment on table periksa.run_notes is
    'Per run: employers whose minimum wage is unknown (floor rule skipped), outside records left out.';

-- A finished run and its findings never change.
create or replace function periksa.forbid_changes() returns trigger
language plpgsql as $$
begin
    if tg_table_name = 'runs' and tg_op = 'UPDATE' and old.status = 'running' then
        return new;
    end if;
    raise exception 'audit runs and findings are immutable (% on %)', tg_op, tg_table_name
        using errcode = 'integrity_constraint_violation';
end
$$;

create trigger runs_immutable before update or delete on periksa.runs
    for each row execute function periksa.forbid_changes();
create trigger findings_immutable before update or delete on periksa.findings
    for each row execute function periksa.forbid_changes();

-- Inspection history (KIND inspections): leaves recently inspected employers off the audit list.
create table periksa.inspections (
    npp           text not null,
    inspected_on  date not null,
    outcome       text not null check (outcome in ('patuh', 'pds_tk', 'pds_upah', 'pds_program', 'tunggakan',
                                                   'tidak_ditemukan')),
    import_id     bigint not null,
    primary key (npp, inspected_on)
);

comment on table periksa.inspections is 'One row per inspection of an employer: when, and what it found.';

-- The rate of a programme on a day; before the earliest effective date, the earliest.
create or replace function periksa.rate_on(programme text, risk_group smallint, day date) returns numeric
language sql stable as $$
    select r.rate from periksa.programme_rates r
    where r.programme = rate_on.programme and r.risk_group is not distinct from rate_on.risk_group
    order by r.effective_from <= day desc,
             case when r.effective_from <= day then r.effective_from end desc nulls last,
             r.effective_from
    limit 1
$$;

-- The JP wage cap in force on a day; before the earliest, the earliest.
create or replace function periksa.jp_cap_on(day date) returns numeric
language sql stable as $$
    select c.amount from periksa.jp_wage_caps c
    order by c.effective_from <= day desc,
             case when c.effective_from <= day then c.effective_from end desc nulls last,
             c.effective_from
    limit 1
$$;

-- c(w, S): for each programme of S, round(base × rate) to whole rupiah, halves away from zero
-- (numeric round), JP on min(w, cap), JKP 0; then the sum. Inlined by the planner.
create or replace function periksa.contribution(
    wage numeric, programmes text[], jkk numeric, jkm numeric, jht numeric, jp numeric, jp_cap numeric
) returns numeric
language sql immutable parallel safe as $$
    select case when 'JKK' = any(programmes) then round(wage * jkk) else 0 end
         + case when 'JKM' = any(programmes) then round(wage * jkm) else 0 end
         + case when 'JHT' = any(programmes) then round(wage * jht) else 0 end
         + case when 'JP' = any(programmes) then round(least(wage, jp_cap) * jp) else 0 end
$$;

-- The mandatory programmes of a scale (Perpres 109/2013).
create or replace function periksa.mandatory_programmes(scale text) returns text[]
language sql immutable parallel safe as $$
    select case scale
        when 'besar' then array['JKK', 'JKM', 'JHT', 'JP']
        when 'menengah' then array['JKK', 'JKM', 'JHT', 'JP']
        when 'kecil' then array['JKK', 'JKM', 'JHT']
        else array['JKK', 'JKM']
    end
$$;

-- Rupiah as inspectors read it: Rp 5.396.761 (whole rupiah).
create or replace function periksa.rupiah(amount numeric) returns text
language sql immutable parallel safe as $$
    select 'Rp ' || replace(to_char(round(amount), 'FM999,999,999,999,990'), ',', '.')
$$;

-- YYYY-MM of a period.
create or replace function periksa.period_text(period date) returns text
language sql immutable parallel safe as $$ select to_char(period, 'YYYY-MM') $$;

-- How alike two business names are (0–1): trigram similarity where pg_trgm can be had,
-- otherwise the share of words in common.
do $$
begin
    begin
        create extension if not exists pg_trgm;
    exception when others then
        null;
    end;
    if exists (select 1 from pg_extension where extname = 'pg_trgm') then
        execute $f$
            create or replace function periksa.name_similarity(a text, b text) returns real
            language sql stable parallel safe as 'select similarity(lower(a), lower(b))'
        $f$;
    else
        execute $f$
            create or replace function periksa.name_similarity(a text, b text) returns real
            language sql immutable parallel safe as $body$
                select coalesce((
                    select count(*)::real / greatest(1, (select count(distinct w) from regexp_split_to_table(lower(a), '\s+') w))
                    from (select distinct w from regexp_split_to_table(lower(a), '\s+') w
                          intersect
                          select distinct w from regexp_split_to_table(lower(b), '\s+') w) common
                ), 0)
            $body$
        $f$;
    end if;
end
$$;
