-- 0014: row-level security decided once per statement, not once per row.
--
-- The policies of 0006, 0009 and 0012 called analytics.visible_branch for every row, and the
-- policies of findings and inspections looked up each row's employer first. In a web session
-- each call reads the session's user and its branches: the audit list of a Jakarta branch
-- (35,000 findings) took 20 s for a web user and 0.16 s for the owner. The same rules are now
-- written so that the server evaluates the scope once per statement (a scalar subquery is an
-- init plan) and each row is checked against it: a flag for sessions that see every branch,
-- and the list of branch codes for the others; a row reached through its employer or case is
-- checked against the employers or cases the session sees, which the server hashes once.
-- What each session sees is unchanged (docs/access.md, docs/web.md).

-- Whether the session sees the rows of every branch: the owner's and admins' logins, logins
-- that are not inspectors, and in a web session an admin or a manager of every branch.
create function analytics.sees_every_branch() returns boolean
language sql stable security definer set search_path = pg_catalog, periksa, pg_temp as $$
    select case
        when analytics.web_session() then coalesce(
            (select u.role = 'admin' or u.all_branches from analytics.web_user() u), false)
        when to_regrole('periksa_inspector') is null then true
        when not pg_has_role(session_user, 'periksa_inspector', 'member') then true
        when to_regrole('periksa_admin') is not null and pg_has_role(session_user, 'periksa_admin', 'member') then true
        else false
    end
$$;

comment on function analytics.sees_every_branch() is
    'True when the session sees the raw rows of every branch (analytics.visible_branch true for all).';

-- The branches whose rows the session sees when it does not see every one: an inspector
-- login's granted branches; a web inspector's or manager's branches; none for anyone else.
create function analytics.visible_branch_codes() returns text[]
language sql stable security definer set search_path = pg_catalog, periksa, pg_temp as $$
    select case
        when analytics.web_session() then coalesce((
            select array_agg(b.branch_code) from analytics.web_user() u
            join periksa.web_user_branches b on b.name = u.name
            where u.role in ('inspector', 'manager')), '{}')
        else coalesce((select array_agg(b.branch_code) from periksa.inspector_branches b
                       where b.login = session_user), '{}')
    end
$$;

comment on function analytics.visible_branch_codes() is
    'The branch offices whose raw rows the session sees, when it does not see every branch.';

-- The per-row rules of 0012 on top of the same pair, so that the scope is written once.
create or replace function analytics.visible_branch(branch text) returns boolean
language sql stable security definer set search_path = pg_catalog, periksa, pg_temp as $$
    select analytics.sees_every_branch() or branch = any (analytics.visible_branch_codes())
$$;

create or replace function analytics.visible_region(region text) returns boolean
language sql stable security definer set search_path = pg_catalog, periksa, pg_temp as $$
    select analytics.sees_every_branch() or exists (
        select 1 from periksa.employers e
        where e.region_code = region and e.branch_code = any (analytics.visible_branch_codes()))
$$;

-- analytics.web_branch (0012) was the web half of visible_branch: no longer called.
drop function analytics.web_branch(text);

-- In the policies below, `any (coalesce((select …), '{}'))` keeps the scalar subquery an
-- array expression (an init plan, evaluated once); `any ((select …))` would be read as
-- `any (subquery)`, comparing each row with a whole array.
alter policy employers_by_branch on periksa.employers using (
    (select analytics.sees_every_branch()) or branch_code = any (coalesce((select analytics.visible_branch_codes()), '{}')));

alter policy run_employers_by_branch on periksa.run_employers using (
    (select analytics.sees_every_branch()) or branch_code = any (coalesce((select analytics.visible_branch_codes()), '{}')));

-- A finding of an employer: seen when the employer is; of an unregistered business (no NPP):
-- when its region is one of the regions of the employers the session sees.
alter policy findings_by_branch on periksa.findings using (
    (select analytics.sees_every_branch())
    or case when npp is null then evidence->>'region_code' in (select e.region_code from periksa.employers e)
            else npp in (select e.npp from periksa.employers e) end);

alter policy inspections_by_branch on periksa.inspections using (
    (select analytics.sees_every_branch()) or npp in (select e.npp from periksa.employers e));

alter policy cases_by_branch on periksa.cases
    using ((select analytics.sees_every_branch()) or branch_code = any (coalesce((select analytics.visible_branch_codes()), '{}')))
    with check ((select analytics.sees_every_branch())
                or branch_code = any (coalesce((select analytics.visible_branch_codes()), '{}')));

alter policy case_events_by_branch on periksa.case_events
    using ((select analytics.sees_every_branch()) or case_id in (select c.case_id from periksa.cases c))
    with check ((select analytics.sees_every_branch()) or case_id in (select c.case_id from periksa.cases c));

alter policy case_arrears_by_branch on periksa.case_arrears
    using ((select analytics.sees_every_branch()) or case_id in (select c.case_id from periksa.cases c))
    with check ((select analytics.sees_every_branch()) or case_id in (select c.case_id from periksa.cases c));

alter policy cases_changed_by_inspectors on periksa.cases with check ((select analytics.may_change_cases()));
alter policy cases_updated_by_inspectors on periksa.cases using ((select analytics.may_change_cases()));
alter policy case_events_added_by_inspectors on periksa.case_events with check ((select analytics.may_change_cases()));
alter policy case_arrears_added_by_inspectors on periksa.case_arrears with check ((select analytics.may_change_cases()));

-- The dossier reads one employer's wage rows of a month. The partitions have no index (the rules
-- read whole months, and an index would slow every import), so each dossier read the month's
-- 2 million rows at Jakarta scale: 0.25 s. The audit now indexes the partition of the month it
-- audits by NPP once (about 1 s at Jakarta scale), and a dossier reads its rows in milliseconds.
-- Returns whether it created the index.
create function periksa.index_contributions_by_employer(month date) returns boolean
language plpgsql security definer set search_path = pg_catalog, periksa, pg_temp as $$
declare
    partition_name text := format('contributions_%s', to_char(date_trunc('month', month), 'YYYY_MM'));
begin
    if to_regclass(format('periksa.%I', partition_name)) is null
       or to_regclass(format('periksa.%I', partition_name || '_npp_idx')) is not null then
        return false;
    end if;
    execute format('create index %I on periksa.%I (npp)', partition_name || '_npp_idx', partition_name);
    return true;
end
$$;

revoke execute on function periksa.index_contributions_by_employer(date) from public;

do $$
begin
    if to_regrole('periksa_admin') is not null then
        grant execute on function periksa.index_contributions_by_employer(date) to periksa_admin;
    end if;
end
$$;

-- The audit list (docs/rules.md) of run `run`: per branch (or only `branch`), the top
-- `capacity` employers by score, where the score is the sum of an employer's findings'
-- estimated_loss_idr, × 1.5 with findings in two or more categories; ties: the larger PDS_TK
-- gap, then the NPP. Employers inspected in the 180 days up to the run's as-of date (imported
-- inspections and those recorded in cases) and employers with an open case are left out. Of the
-- branches the session sees, decided once: it runs with the owner's rights, so that a branch's
-- list reads that branch's findings only (an inspector's or web user's list took 0.2 s through
-- the row policies, most of it spent on other branches' rows).
create function periksa.audit_list(audited_run bigint, one_branch text, capacity integer)
returns table (
    branch_code text, rank bigint, npp text, name text, region_code text, scale text, score numeric,
    total_loss bigint, gap integer, last_inspected_on date, findings text, region_label text
)
language plpgsql stable security definer
set search_path = pg_catalog, periksa, pg_temp
set plan_cache_mode = force_custom_plan
set jit = off
as $fn$
#variable_conflict use_column
declare
    every_branch boolean := analytics.sees_every_branch();
    branch_codes text[] := analytics.visible_branch_codes();
begin
return query
    with audited as (
        select r.run_id, r.as_of from periksa.runs r where r.run_id = audited_run
    ), per_employer as (
        -- The employers of the branch (or of every branch the session sees) with findings.
        select
            f.npp, e.name, e.branch_code, e.region_code, e.scale,
            count(distinct f.category) as categories_count,
            sum(f.estimated_loss_idr)::bigint as total_loss,
            coalesce(max((f.evidence->>'gap')::integer) filter (where f.category = 'PDS_TK'), 0) as gap
        from periksa.findings f
        join audited a on a.run_id = f.run_id
        join periksa.employers e on e.npp = f.npp
        where (one_branch is null or e.branch_code = one_branch)
          and (every_branch or e.branch_code = any (branch_codes))
        group by f.npp, e.name, e.branch_code, e.region_code, e.scale
    ), scored as (
        -- An employer's cases and inspections are its branch's: reading them with the owner's
        -- rights leaves out the same employers as the policies would.
        select
            p.*,
            p.total_loss * case when p.categories_count >= 2 then 1.5 else 1 end as score,
            (select max(x.day) from (
                 select i.inspected_on as day from periksa.inspections i
                 where i.npp = p.npp and i.inspected_on <= a.as_of
                 union all
                 select v.on_date from periksa.cases c join periksa.case_events v using (case_id)
                 where c.npp = p.npp and v.event = 'inspection' and v.on_date <= a.as_of) x) as last_inspected_on,
            a.as_of
        from per_employer p
        cross join audited a
    ), eligible as (
        select * from scored
        where (last_inspected_on is null or last_inspected_on <= as_of - 180)
          and not exists (select 1 from periksa.cases c where c.npp = scored.npp and c.state <> 'ditutup')
    ), ranked as (
        select *, row_number() over (partition by branch_code order by score desc, gap desc, npp) as rank
        from eligible
    )
    select r.branch_code, r.rank, r.npp, r.name, r.region_code, r.scale, r.score, r.total_loss, r.gap,
           r.last_inspected_on,
           (select jsonb_agg(jsonb_build_object('category', f.category, 'loss', f.estimated_loss_idr, 'evidence', f.evidence)
                             order by f.category)
            from periksa.findings f
            where f.run_id = audited_run and f.npp = r.npp)::text as findings,
           periksa.region_label(r.region_code) as region_label
    from ranked r
    where r.rank <= capacity
    order by r.branch_code, r.rank;
end
$fn$;

comment on function periksa.audit_list(bigint, text, integer) is
    'The audit list of a run (one branch or all), of the branches the session sees.';

revoke execute on function periksa.audit_list(bigint, text, integer) from public;

do $$
begin
    if to_regrole('periksa_admin') is not null and to_regrole('periksa_inspector') is not null
       and to_regrole('periksa_web') is not null then
        grant execute on function periksa.audit_list(bigint, text, integer)
            to periksa_admin, periksa_inspector, periksa_web;
        -- The web app keeps rendered audit lists while no import, run or case changes them.
        grant select (import_id) on periksa.imports to periksa_web;
    end if;
end
$$;
