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

-- The rates and JP caps a run used, per month of its window and JKK risk group (also in
-- millionths and cents, for periksa.contribution_cents).
create table periksa.run_rates (
    run_id          bigint not null references periksa.runs,
    period          date not null,
    risk_group      smallint not null,
    jkk             numeric not null,
    jkm             numeric not null,
    jht             numeric not null,
    jp              numeric not null,
    jp_cap          numeric not null,
    jkk_millionths  bigint not null,
    jkm_millionths  bigint not null,
    jht_millionths  bigint not null,
    jp_millionths   bigint not null,
    jp_cap_cents    bigint not null,
    primary key (run_id, period, risk_group)
);

comment on table periksa.run_rates is 'The contribution rates and JP caps each run applied, per month and risk group.';

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

-- c(w, S) in integer arithmetic, for the hot path of TUNGGAKAN (every row of twelve months):
-- wage in cents, rates in millionths, JP cap in cents; returns whole rupiah. For the positive
-- amounts of contributions, (x·10⁸ + 5·10⁷) div 10⁸ is round(x) half away from zero, so it
-- equals periksa.contribution. Inlined by the planner as long as its arguments are plain
-- columns or cheap expressions (each is used several times).
create or replace function periksa.contribution_cents(
    wage_cents bigint, programmes text[], jkk bigint, jkm bigint, jht bigint, jp bigint, jp_cap_cents bigint
) returns bigint
language sql immutable parallel safe as $$
    select case when 'JKK' = any(programmes) then (wage_cents * jkk + 50000000) / 100000000 else 0 end
         + case when 'JKM' = any(programmes) then (wage_cents * jkm + 50000000) / 100000000 else 0 end
         + case when 'JHT' = any(programmes) then (wage_cents * jht + 50000000) / 100000000 else 0 end
         + case when 'JP' = any(programmes) then (least(wage_cents, jp_cap_cents) * jp + 50000000) / 100000000 else 0 end
$$;

-- The first distinctive word of a business name, its legal form (PT, CV, UD, …) left out.
create or replace function periksa.name_key(name text) returns text
language sql immutable parallel safe as $$
    select lower(split_part(regexp_replace(trim(name), '^(PT|CV|UD|PD|Koperasi|Yayasan|Firma|Fa)\.?\s+', '', 'i'), ' ', 1))
$$;

create index employers_name_key_idx on periksa.employers (region_code, periksa.name_key(name));

-- A registered employer of the region whose name is like a business's: the PWBD hint. The
-- candidates share the first distinctive word (an index finds them); among them, trigram
-- similarity ≥ 0.5 with pg_trgm (where it can be created), else half the words in common.
do $$
begin
    begin
        create extension if not exists pg_trgm;
    exception when others then
        null;
    end;
    if exists (select 1 from pg_extension where extname = 'pg_trgm') then
        execute $f$
            create or replace function periksa.possible_match(region text, business_name text)
            returns table (npp text, name text)
            language sql stable as $body$
                select e.npp, e.name
                from periksa.employers e
                where e.region_code = region and periksa.name_key(e.name) = periksa.name_key(business_name)
                  and similarity(e.name, business_name) >= 0.5
                order by similarity(e.name, business_name) desc, e.npp
                limit 1
            $body$
        $f$;
    else
        execute $f$
            create or replace function periksa.possible_match(region text, business_name text)
            returns table (npp text, name text)
            language sql stable as $body$
                with words as (select distinct w from regexp_split_to_table(lower(business_name), '\s+') w)
                select e.npp, e.name
                from periksa.employers e
                cross join lateral (
                    select count(*)::real / greatest(1, (select count(*) from words)) as share
                    from words where w = any(regexp_split_to_array(lower(e.name), '\s+'))
                ) s
                where e.region_code = region and periksa.name_key(e.name) = periksa.name_key(business_name)
                  and s.share >= 0.5
                order by s.share desc, e.npp
                limit 1
            $body$
        $f$;
    end if;
end
$$;
