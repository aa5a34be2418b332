-- 0013: the dossier read through the database's scope, and changes recorded in the name of
-- the person who made them (docs/web.md).
--
-- A dossier shows one employer's wage rows (NIK, names, wages), its sums per month, outside
-- headcounts and payments. Inspectors and the web app have no access to those tables; these
-- functions read them with the owner's rights, and only for an employer the session may see
-- (analytics.visible_branch of its branch: an inspector login its granted branches, a web user
-- its branches). For any other employer they return no row, so a dossier of another branch
-- cannot be told from one that does not exist.

-- Whether the session may see employer `npp` (false when there is no such employer).
create function periksa.employer_visible(npp text) returns boolean
language sql stable security definer set search_path = pg_catalog, periksa, pg_temp as $$
    select coalesce((select analytics.visible_branch(e.branch_code) from periksa.employers e where e.npp = $1), false)
$$;

comment on function periksa.employer_visible(text) is
    'True when the session may see the employer (its branch is visible): the dossier functions check it first.';

-- What the registry holds for employer $1 and what run $2 applies to it: branch, programmes
-- enrolled and mandatory for its scale, registration date and status, the minimum wage of its
-- region for the run's year (UMK, else the province's UMP), the run's period and as-of date.
create function periksa.dossier_registration(npp text, run bigint)
returns table (branch_code text, programs text, mandatory text, registered_on date, status text,
               minimum_wage numeric, period text, as_of date)
language sql stable security definer set search_path = pg_catalog, periksa, pg_temp as $$
    select e.branch_code, array_to_string(e.programs, ' '),
           array_to_string(periksa.mandatory_programmes(e.scale), ' '), e.registered_on, e.status,
           coalesce(umk.amount, ump.amount), periksa.period_text(r.period), r.as_of
    from periksa.employers e
    cross join periksa.runs r
    left join periksa.minimum_wages umk on umk.region_code = e.region_code and umk.year = extract(year from r.period)
    left join periksa.minimum_wages ump on ump.region_code = left(e.region_code, 2)
                                       and ump.year = extract(year from r.period)
    where e.npp = $1 and r.run_id = $2 and periksa.employer_visible($1)
$$;

-- One employer over the twelve months ending at run $1's period: per month the workers it
-- reported and their wages (periksa.employer_month_due, kept by the import), each outside
-- source's largest headcount for it (records that name its NPP, NPWP or NIB, as in
-- analytics.employer_periods), the contributions due at the run's rates (periksa.run_due,
-- kept by runs of earlier versions for employers with a finding; null otherwise, see
-- periksa.dossier_due), and what it paid for the month by the run's as-of date. $2: NPP.
create function periksa.dossier_months(run bigint, npp text)
returns table (period text, workers integer, wages numeric, due numeric, paid numeric,
               wlkp integer, pajak integer, pemda integer, oss integer)
language sql stable security definer set search_path = pg_catalog, periksa, pg_temp as $$
    with run as (
        select r.run_id, r.period, r.as_of from periksa.runs r where r.run_id = $1 and periksa.employer_visible($2)
    ), months as (
        select generate_series(r.period - interval '11 months', r.period, interval '1 month')::date as period
        from run r
    ), employer as (
        select e.npp, e.npwp, e.nib from periksa.employers e where e.npp = $2
    ), reported as (
        select d.period, d.workers, d.wages
        from periksa.employer_month_due d
        where d.npp = $2 and d.period between (select min(period) from months) and (select max(period) from months)
    ), matched as (
        select w.source, w.unit_key, w.period, w.headcount
        from periksa.workforce w join employer e on w.npp = e.npp
        union
        select w.source, w.unit_key, w.period, w.headcount
        from periksa.workforce w join employer e on w.npwp = e.npwp
        union
        select w.source, w.unit_key, w.period, w.headcount
        from periksa.workforce w join employer e on w.nib = e.nib
    ), sources as (
        select m.period,
               max(m.headcount) filter (where m.source = 'wlkp') as wlkp,
               max(m.headcount) filter (where m.source = 'pajak') as pajak,
               max(m.headcount) filter (where m.source = 'pemda') as pemda,
               max(m.headcount) filter (where m.source = 'oss') as oss
        from matched m
        where m.period between (select min(period) from months) and (select max(period) from months)
        group by m.period
    ), due as (
        select d.period, d.due from periksa.run_due d where d.run_id = $1 and d.npp = $2
    ), paid as (
        select p.period, sum(p.amount) as paid
        from periksa.payments p
        cross join run r
        where p.npp = $2 and p.paid_on <= r.as_of
          and p.period between (select min(period) from months) and (select max(period) from months)
        group by p.period
    )
    select periksa.period_text(m.period), coalesce(r.workers, 0)::integer, coalesce(r.wages, 0), d.due,
           coalesce(p.paid, 0), s.wlkp, s.pajak, s.pemda, s.oss
    from months m
    left join reported r using (period)
    left join sources s using (period)
    left join due d using (period)
    left join paid p using (period)
    order by m.period
$$;

-- The contributions due of employer $2 for each month of run $1's window, at the run's rates
-- and with the employer's programmes and risk group: from the sums kept per employer and month
-- (periksa.employer_month_due) for the months whose sums were computed with the run's rates
-- (periksa.due_months against periksa.run_rates). Returns those months; the others, if any,
-- come from their wage rows (periksa.dossier_due_rows).
create function periksa.dossier_due(run bigint, npp text)
returns table (period text, due numeric)
language sql stable security definer set search_path = pg_catalog, periksa, pg_temp as $$
    with employer as (
        select e.npp, e.programs, e.risk_group from periksa.employers e
        where e.npp = $2 and periksa.employer_visible($2)
    ), current as (
        select t.period
        from periksa.run_rates t
        join employer e on e.risk_group = t.risk_group
        join periksa.due_months m on m.period = t.period
        where t.run_id = $1
          and (array[m.jkk1, m.jkk2, m.jkk3, m.jkk4, m.jkk5])[t.risk_group] = t.jkk_millionths
          and m.jkm = t.jkm_millionths and m.jht = t.jht_millionths and m.jp = t.jp_millionths
          and m.jp_cap_cents = t.jp_cap_cents
    )
    select c.period::text,
           coalesce(periksa.month_due(e.programs, e.risk_group, d.jkk1, d.jkk2, d.jkk3, d.jkk4, d.jkk5,
               d.jkm, d.jht, d.jp), 0)::numeric
    from current c
    cross join employer e
    left join periksa.employer_month_due d on d.period = c.period and d.npp = e.npp
    order by c.period
$$;

-- The contributions due of employer $2 for the months $3 (first days) of run $1's window, at
-- the run's rates, from its wage rows: the months whose kept sums have other rates.
create function periksa.dossier_due_rows(run bigint, npp text, months date[])
returns table (period text, due numeric)
language sql stable security definer set search_path = pg_catalog, periksa, pg_temp as $$
    with employer as (
        select e.npp, e.programs, e.risk_group from periksa.employers e
        where e.npp = $2 and periksa.employer_visible($2)
    )
    select c.period::text,
           sum(periksa.contribution(c.wage, e.programs, t.jkk, t.jkm, t.jht, t.jp, t.jp_cap))
    from periksa.contributions c
    join employer e on e.npp = c.npp
    join periksa.run_rates t on t.run_id = $1 and t.period = c.period and t.risk_group = e.risk_group
    where c.period = any($3)
    group by c.period
$$;

-- The workers employer $2 reported for run $1's period, by wage: personal data (the reports
-- mask it unless the reader is entitled; the web app logs every unmasked view).
create function periksa.dossier_workers(run bigint, npp text)
returns table (nik text, name text, wage numeric)
language sql stable security definer set search_path = pg_catalog, periksa, pg_temp as $$
    select c.nik, c.name, c.wage from periksa.contributions c
    where c.period = (select r.period from periksa.runs r where r.run_id = $1) and c.npp = $2
      and periksa.employer_visible($2)
    order by c.wage, c.nik
$$;

revoke execute on function periksa.employer_visible(text), periksa.dossier_registration(text, bigint),
    periksa.dossier_months(bigint, text), periksa.dossier_due(bigint, text),
    periksa.dossier_due_rows(bigint, text, date[]), periksa.dossier_workers(bigint, text) from public;

-- Who made a change: the web user (`web:name`) in a web session, else the database login.
create function analytics.actor() returns text
language sql stable security definer set search_path = pg_catalog, periksa, pg_temp as $$
    select case when analytics.web_session()
                then 'web:' || coalesce(nullif(current_setting('periksa.web_user', true), ''), '?')
                else session_user::text end
$$;

comment on function analytics.actor() is
    'Who is acting: web:NAME for the web app''s user, else the database login (cases record it).';

alter table periksa.cases alter column opened_by set default analytics.actor();
alter table periksa.case_events alter column recorded_by set default analytics.actor();

-- Coverage for the web app. Coverage and the report's outreach counts and reconciliations are
-- counts by region, list and category, no person: every web user may read them, so the web
-- login may execute periksa.coverage_rows and the report's lists function, which now runs with
-- its owner's rights (as coverage_rows does) and only for the roles granted it.
alter function periksa.coverage_report_lists(date, text[]) security definer;
alter function periksa.coverage_report_lists(date, text[]) set search_path = pg_catalog, periksa, pg_temp;
revoke execute on function periksa.coverage_report_lists(date, text[]) from public;

-- The outreach list as the web app shows it (personal data): an inspector and a manager the
-- people of their branches' regions (a manager of every branch, and an admin, all of them),
-- NIK and name in full; an analyst every region with the NIK masked and no name. Nothing outside
-- a web session, or for a disabled or unknown user.
create function periksa.web_outreach_rows(month date)
returns table (
    nik text, name text, region_code text, district_code text, lists text, categories text, funded boolean,
    list_codes text[]
)
language plpgsql stable security definer
set search_path = pg_catalog, periksa, pg_temp
as $fn$
declare
    reader periksa.web_users;
begin
    select u.* into reader from analytics.web_user() u;
    if reader.name is null then
        return;
    end if;
    return query
    select case when reader.role = 'analyst' then analytics.mask_nik(o.nik) else o.nik end,
           case when reader.role = 'analyst' then null else o.name end,
           o.region_code, o.district_code, o.lists, o.categories, o.funded, o.list_codes
    from periksa.outreach_rows(month) o
    where reader.role in ('admin', 'analyst') or reader.all_branches
       or o.region_code in (select analytics.my_regions());
end
$fn$;

revoke execute on function periksa.web_outreach_rows(date) from public;

comment on function periksa.web_outreach_rows(date) is
    'The outreach list a web user may read: its regions in full, or every region masked for an analyst.';

-- The grants, when the roles already exist (`periksa db roles` grants them on a new database).
do $$
begin
    if to_regrole('periksa_admin') is not null and to_regrole('periksa_inspector') is not null
       and to_regrole('periksa_web') is not null then
        grant execute on function periksa.employer_visible(text), periksa.dossier_registration(text, bigint),
            periksa.dossier_months(bigint, text), periksa.dossier_due(bigint, text),
            periksa.dossier_due_rows(bigint, text, date[])
            to periksa_admin, periksa_inspector, periksa_web;
        -- The workers' NIK, names and wages: the web app logs each view; an inspector's own
        -- login, which nothing logs, reads no wage rows (as before this migration).
        grant execute on function periksa.dossier_workers(bigint, text) to periksa_admin, periksa_web;
        grant execute on function periksa.coverage_report_lists(date, text[]) to periksa_admin, periksa_web;
        grant execute on function periksa.coverage_rows(date, text), periksa.web_outreach_rows(date) to periksa_web;
        grant select (list_code, pemda_code, funded, funded_from, funded_to) on periksa.worker_lists to periksa_web;
    end if;
end
$$;
