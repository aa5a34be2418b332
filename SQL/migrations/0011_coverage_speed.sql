-- 0011: coverage at national speed (docs/coverage.md). The definitions of 0010 are kept (two
-- readings made precise below); they are computed with fewer and cheaper passes over a
-- month's wage rows:
--   * A NIK is 16 digits and starts with its province code (11–99), so as a bigint it is the
--     same key (equal, and ordered, exactly when the text is) and cheaper to sort; its first
--     four digits are nik / 10^12. The month's distinct NIKs are counted as bigints; joins stay
--     on the text, whose statistics the planner has.
--   * The statements that join a month's wage rows with a list ask for parallel workers sooner
--     (parallel_setup_cost 100, parallel_tuple_cost 0.01): on two cores the hash of 2 million
--     NIKs is built in half the time, and the default costs kept it on one.
--   * The outreach list keeps each person's list rows in one order (list code, then file line)
--     and reads the first region and name, the lists, the categories and the funding from it in
--     one pass, instead of sorting per person for each of them. Lists are ordered by their
--     codes byte by byte (collation "C"), the same on every server.
--   * The outreach list and the reconciliation read one definition of a list row's flags
--     (periksa.list_people), which the report's counts read too.
--   * A local government's lists are the lists whose government it is (their smallest
--     pemda_code), for paid_not_listed as for enrolled: a list whose rows name two
--     governments no longer counts a person both as enrolled and as paid but not listed.
--   * The security-definer functions are no longer executable by everyone: an inspector
--     could call periksa.outreach_rows directly and read every listed person's NIK and name.
--     The analysts' views read them through functions of schema analytics that mask and
--     scope the rows (SQL/views/09_coverage.sql).
-- None of these functions compiles its plan (jit = off): the statements are short, and JIT's
-- compilation cost more than it saved on a server with the default settings.

create or replace function periksa.coverage_rows(month date, basis text)
returns table (
    region_code text, participants bigint, pu_participants bigint, bpu_participants bigint, workers bigint,
    labour_force_year integer, coverage_pct text, pu_coverage_pct text, bpu_coverage_pct text, region_name text
)
language plpgsql stable security definer
set search_path = pg_catalog, periksa, pg_temp
set plan_cache_mode = force_custom_plan
-- The month's NIKs are sorted and hashed as numbers (2 million at Jakarta scale).
set work_mem = '256MB'
set jit = off
as $fn$
#variable_conflict use_column
begin
return query
with pu_by_employer as (
    -- Basis employer: each PU participant in the region of the employer of its highest wage
    -- (ties: the smallest NPP). Each call is planned for its basis, so only one basis's
    -- branches run.
    select x.region, count(*) as n from (
        select distinct on (c.nik::bigint) e.region_code as region
        from periksa.contributions c
        join periksa.employers e on e.npp = c.npp
        where c.period = month and basis = 'employer'
        order by c.nik::bigint, c.wage desc, c.npp
    ) x
    group by x.region
), bpu_by_domicile as (
    -- Basis employer: the BPU participants without a wage row, in their domicile region (else
    -- their NIK's).
    select coalesce(b.domicile_region, left(b.nik, 4)) as region, count(*) as n
    from periksa.bpu_contributions b
    where b.period = month and basis = 'employer'
      and not exists (select 1 from periksa.contributions c where c.period = month and c.nik = b.nik)
    group by 1
), by_nik as (
    -- Basis nik: PU and BPU participants alike are in the region of their NIK, so one count of
    -- the distinct NIKs of the month's wage and BPU rows per region gives the participants, and
    -- one of the wage rows' the PU participants; the others are BPU only.
    select (u.n / 1000000000000)::text as region, count(distinct u.n) filter (where u.pu) as pu,
           count(distinct u.n) - count(distinct u.n) filter (where u.pu) as bpu
    from (
        select c.nik::bigint as n, true as pu from periksa.contributions c where c.period = month
        union all
        select b.nik::bigint, false from periksa.bpu_contributions b where b.period = month
    ) u
    where basis <> 'employer'
    group by u.n / 1000000000000
), by_regency as (
    select region as code, sum(pu) as pu, sum(bpu) as bpu
    from (
        select region, n as pu, 0 as bpu from pu_by_employer
        union all
        select region, 0, n from bpu_by_domicile
        union all
        select region, pu, bpu from by_nik
    ) people
    group by region
), codes as (
    select code from by_regency
    union
    select left(code, 2) from by_regency
    union
    select region_code from periksa.labour_force where year <= extract(year from month)
), counted as (
    select k.code, coalesce(sum(b.pu), 0)::bigint as pu, coalesce(sum(b.bpu), 0)::bigint as bpu
    from codes k
    left join by_regency b on (length(k.code) = 4 and b.code = k.code) or (length(k.code) = 2 and left(b.code, 2) = k.code)
    group by k.code
)
select c.code, c.pu + c.bpu as participants, c.pu, c.bpu, lf.workers, lf.year::integer,
       case when lf.workers > 0 then round(100 * (c.pu + c.bpu)::numeric / lf.workers, 2)::text end as coverage_pct,
       case when lf.wage_workers > 0 then round(100 * c.pu::numeric / lf.wage_workers, 2)::text end as pu_coverage_pct,
       case when lf.non_wage_workers > 0 then round(100 * c.bpu::numeric / lf.non_wage_workers, 2)::text end
           as bpu_coverage_pct,
       r.name
from counted c
left join lateral (
    select l.workers, l.year, l.wage_workers, l.non_wage_workers
    from periksa.labour_force l
    where l.region_code = c.code and l.year <= extract(year from month)
    order by l.year desc
    limit 1
) lf on true
left join periksa.regions r on r.region_code = c.code
order by c.code;
end
$fn$;

-- The rates functions of 0010 only read a table: they may run in parallel workers, and a query
-- that calls them may use them.
alter function periksa.bpu_rates_on(date) parallel safe;
alter function periksa.bpu_package(numeric, date) parallel safe;

-- Every row of the worker lists as seen in `month`, with what the outreach list and the
-- reconciliation read from it, each defined here once:
--   government   the list's local government g: its pemda_code (the smallest if its rows disagree)
--   package      the BPU package of the row's declared income: round(i × JKK) + JKM of the month
--   expected     the list funds this person for the month (funded_from ≤ month ≤ funded_to)
--   pu           the NIK is PU-active in the month (a wage row, any employer)
--   bpu          the NIK has a BPU row for the month (paid_by: who paid it, paid_name, paid_amount)
--   enrolled     that BPU row was paid by g
--   outreach     neither PU- nor BPU-active: the person is to be reached
-- and, on the first row of each person to be reached (lists by code, byte by byte, then file
-- line), the person's outreach entry: the region and the name of the first list row (the name of
-- the first row that has one), the lists and the categories (sorted, joined by |; the list codes
-- also as an array) and whether any list funds the person for the month. A list holds a NIK at
-- most once, so a person's list codes in that order are sorted and distinct.
-- A plain SQL function with no SET clause, so that it is inlined into its callers and planned
-- with their month; every name is qualified.
create or replace function periksa.list_people(month date)
returns table (
    list_code text, government text, nik text, name text, region_code text, category text, line_number integer,
    declared_income numeric, package numeric, expected boolean, pu boolean, bpu boolean, paid_by text,
    paid_name text, paid_amount numeric, enrolled boolean, outreach boolean, person_first boolean,
    person_name text, person_lists text, person_list_codes text[], person_categories text, person_funded boolean
)
language sql stable parallel safe
as $fn$
with governments as (
    select w.list_code, min(w.pemda_code) as code from periksa.worker_lists w group by w.list_code
), listed_pu as (
    -- The listed people with a wage row in the month: a semi-join that hashes the month's wage
    -- rows, in parallel where the server allows. On the text of the NIKs, whose statistics the
    -- planner has (it has none for nik::bigint, and right after an import guessed 200 distinct
    -- NIKs among 2 million and chose a plan four times slower).
    select distinct w.nik
    from periksa.worker_lists w
    where exists (select 1 from periksa.contributions c where c.period = month and c.nik = w.nik)
), seen as (
    select w.list_code, g.code as government, w.nik, w.name, w.region_code, w.category, w.line_number,
           w.declared_income, round(w.declared_income * rt.jkk_rate) + rt.jkm_amount as package,
           coalesce(w.funded and w.funded_from <= month and month <= w.funded_to, false) as expected,
           p.nik is not null as pu, b.nik is not null as bpu, b.funded_by as paid_by, b.name as paid_name,
           b.amount as paid_amount, coalesce(b.funded_by = g.code, false) as enrolled,
           p.nik is null and b.nik is null as outreach
    from periksa.worker_lists w
    join governments g on g.list_code = w.list_code
    cross join periksa.bpu_rates_on(month) rt
    left join listed_pu p on p.nik = w.nik
    left join periksa.bpu_contributions b on b.period = month and b.nik = w.nik
)
select p.list_code, p.government, p.nik, p.name, p.region_code, p.category, p.line_number, p.declared_income,
       p.package, p.expected, p.pu, p.bpu, p.paid_by, p.paid_name, p.paid_amount, p.enrolled, p.outreach, p.first,
       case when p.first then p.person_name end, case when p.first then p.person_lists end,
       case when p.first then p.person_list_codes end,
       -- The categories from their bits, in their sorted order.
       case when p.first then array_to_string(array[
           case when p.bits & 1 <> 0 then 'informal' end, case when p.bits & 2 <> 0 then 'keagamaan' end,
           case when p.bits & 4 <> 0 then 'lainnya' end, case when p.bits & 8 <> 0 then 'non_asn' end,
           case when p.bits & 16 <> 0 then 'rentan' end], '|') end,
       case when p.first then p.person_funded end
from (
    select s.*, s.outreach and row_number() over person = 1 as first,
           (array_agg(s.name) filter (where s.name is not null) over person)[1] as person_name,
           string_agg(s.list_code, '|') over person as person_lists, array_agg(s.list_code) over person as person_list_codes,
           bit_or(case s.category when 'informal' then 1 when 'keagamaan' then 2 when 'lainnya' then 4
                                  when 'non_asn' then 8 else 16 end) over person as bits,
           bool_or(s.expected) over person as person_funded
    from seen s
    window person as (partition by s.nik order by s.list_code collate "C", s.line_number
                      rows between unbounded preceding and unbounded following)
) p
$fn$;

comment on function periksa.list_people(date) is
    'Every row of the worker lists in a month: expected, PU- and BPU-active, enrolled, to be reached; the outreach entry on each such person''s first row.';

-- The BPU rows of `month` paid by a local government g (funded_by a region code) whose NIK no
-- list of g (a list whose government, its smallest pemda_code, is g) funds for the month: paid
-- for, but not listed.
create or replace function periksa.paid_not_listed(month date)
returns table (government text, nik text, name text, declared_income numeric, package numeric, amount numeric)
language sql stable parallel safe
as $fn$
select b.funded_by, b.nik, b.name, b.declared_income, round(b.declared_income * rt.jkk_rate) + rt.jkm_amount,
       b.amount
from periksa.bpu_contributions b
cross join periksa.bpu_rates_on(month) rt
where b.period = month and b.funded_by <> 'mandiri'
  and not exists (
      select 1
      from periksa.worker_lists w
      join (select x.list_code, min(x.pemda_code) as government from periksa.worker_lists x group by x.list_code) g
        on g.list_code = w.list_code
      where g.government = b.funded_by and w.nik = b.nik
        and w.funded and w.funded_from <= month and month <= w.funded_to)
$fn$;

comment on function periksa.paid_not_listed(date) is
    'BPU rows of a month paid by a local government for people none of its lists funds then.';

-- The outreach list of `month`, sorted by region, district, NIK (0010's contract).
create or replace function periksa.outreach_rows(month date)
returns table (
    nik text, name text, region_code text, district_code text, lists text, categories text, funded boolean,
    list_codes text[]
)
language plpgsql stable security definer
set search_path = pg_catalog, periksa, pg_temp
set plan_cache_mode = force_custom_plan
-- The month's wage rows probe the listed NIKs, hashed (2 million rows at Jakarta scale).
set work_mem = '256MB'
set jit = off
set parallel_setup_cost = 100
set parallel_tuple_cost = 0.01
as $fn$
begin
return query
select l.nik, l.person_name, l.region_code, left(l.nik, 6), l.person_lists, l.person_categories, l.person_funded,
       l.person_list_codes
from periksa.list_people(month) l
where l.outreach and l.person_first
order by l.region_code, left(l.nik, 6), l.nik;
end
$fn$;

-- The reconciliation of the lists `lists` for `month`, one row per list and person: each person
-- the list funds for the month (expected, with the list's name and declared income, enrolled,
-- pu; one who is PU-active named with the employer of their highest wage in the month, ties
-- the smallest NPP: that employer owes their contributions, not the local budget) and each BPU
-- row paid by the list's government for someone none of its lists funds then (expected false:
-- every list of that government shows the same ones). Runs with the caller's rights.
create or replace function periksa.reconcile_people(lists text[], month date)
returns table (
    list_code text, pemda_code text, nik text, list_name text, paid_name text, declared_income numeric,
    package numeric, amount numeric, expected boolean, enrolled boolean, pu boolean, employer_npp text,
    employer_name text
)
language plpgsql stable
set search_path = pg_catalog, periksa
set plan_cache_mode = force_custom_plan
set work_mem = '256MB'
set jit = off
set parallel_setup_cost = 100
set parallel_tuple_cost = 0.01
as $fn$
begin
return query
with listed as materialized (
    select * from periksa.list_people(month) l where l.list_code = any(lists)
), governments as (
    select distinct l.list_code, l.government from listed l
), employers_of_pu as (
    select distinct on (c.nik) c.nik, c.npp, e.name
    from periksa.contributions c
    join periksa.employers e on e.npp = c.npp
    where c.period = month and c.nik in (select l.nik from listed l where l.expected and l.pu)
    order by c.nik, c.wage desc, c.npp
)
select l.list_code, l.government, l.nik, l.name, l.paid_name, l.declared_income, l.package, l.paid_amount,
       true, l.enrolled, l.pu, e.npp, e.name
from listed l
left join employers_of_pu e on e.nik = l.nik
where l.expected
union all
select g.list_code, g.government, n.nik, null, n.name, n.declared_income, n.package, n.amount, false, true, false,
       null, null
from governments g
join periksa.paid_not_listed(month) n on n.government = g.government
where exists (select 1 from listed l where l.list_code = g.list_code and l.expected);
end
$fn$;

comment on function periksa.reconcile_people(text[], date) is
    'The reconciliation of worker lists for a month: each funded person (enrolled? PU-active?) and each one paid for but not listed.';

-- What the coverage report reads of the lists in `month`, with one pass over the month's wage
-- rows (periksa.list_people read once, grouped two ways):
--   kind 'outreach': the outreach list counted per region, district, categories and funding
--   kind 'list': the reconciliation of each list of `lists` that funds someone in the month,
--     added up (expected, budget, enrolled, missing, already PU, paid but not listed, paid).
-- No person's data. Runs with the caller's rights.
create or replace function periksa.coverage_report_lists(month date, lists text[])
returns table (
    kind text, list_code text, pemda_code text, region_code text, district_code text, categories text,
    funded boolean, people bigint, expected bigint, budget_idr numeric, enrolled bigint, missing bigint,
    already_pu bigint, paid_not_listed bigint, paid_idr numeric
)
language plpgsql stable
set search_path = pg_catalog, periksa
set plan_cache_mode = force_custom_plan
set work_mem = '256MB'
set jit = off
set parallel_setup_cost = 100
set parallel_tuple_cost = 0.01
as $fn$
begin
return query
with grouped as (
    select grouping(l.list_code) = 0 as by_list, l.list_code, min(l.government) as government, l.region_code,
           left(l.nik, 6) as district_code, l.person_categories, l.person_funded,
           count(*) filter (where l.outreach and l.person_first) as people,
           count(*) filter (where l.expected) as expected, sum(l.package) filter (where l.expected) as budget,
           count(*) filter (where l.expected and l.enrolled) as enrolled,
           count(*) filter (where l.expected and not l.enrolled and not l.pu) as missing,
           count(*) filter (where l.expected and l.pu) as already_pu,
           coalesce(sum(l.paid_amount) filter (where l.expected and l.enrolled), 0) as paid
    from periksa.list_people(month) l
    group by grouping sets ((l.list_code), (l.region_code, left(l.nik, 6), l.person_categories, l.person_funded))
)
select 'outreach', null, null, g.region_code, g.district_code, g.person_categories, g.person_funded, g.people,
       null::bigint, null::numeric, null::bigint, null::bigint, null::bigint, null::bigint, null::numeric
from grouped g
where not g.by_list and g.people > 0
union all
select 'list', g.list_code, g.government, null, null, null, null, null, g.expected, g.budget, g.enrolled, g.missing,
       g.already_pu, coalesce(n.people, 0), g.paid
from grouped g
left join (
    select n.government, count(*) as people from periksa.paid_not_listed(month) n group by n.government
) n on n.government = g.government
where g.by_list and g.list_code = any(lists) and g.expected > 0;
end
$fn$;

comment on function periksa.coverage_report_lists(date, text[]) is
    'The coverage report''s outreach counts and list reconciliations for a month, with one pass over its wage rows.';

-- Who may run the security-definer functions: the schema's owner and periksa_admin (granted by
-- `periksa db roles`), not everyone. Inspectors and analysts read them through schema
-- analytics, masked and scoped.
revoke execute on function periksa.coverage_rows(date, text) from public;
revoke execute on function periksa.outreach_rows(date) from public;
