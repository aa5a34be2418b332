-- 0019: what a person on the worker lists is, kept by the lists' import, not recomputed by
-- every report.
--
-- A person's outreach entry (the region of their first list row, their name, lists,
-- categories, the months some list funds them) depends only on the lists, not on the month.
-- Until now periksa.list_people sorted every list row by NIK and ran a window over each person
-- for every coverage report and outreach list: 2 of the report's 3.6 s at Jakarta scale. The
-- entries are now a table, periksa.list_persons, one row per NIK on any list, which the import
-- of a worker-lists file brings up to date for the people it touches (those on the file's
-- lists before and after it), in the same transaction. The month-dependent parts (is the
-- person PU- or BPU-active, does a list fund them this month) are still worked out when asked.
--
-- A list's local government (the smallest pemda_code of its rows) is kept on each row as
-- worker_lists.government. The import replaces every row of a list it holds, so it sets it on
-- all of them at once; readers no longer aggregate the whole table to find it.

alter table periksa.worker_lists add column government text;
update periksa.worker_lists w set government = g.code
from (select x.list_code, min(x.pemda_code) as code from periksa.worker_lists x group by x.list_code) g
where g.list_code = w.list_code;
alter table periksa.worker_lists alter column government set not null;

comment on column periksa.worker_lists.government is
    'The list''s local government: the smallest pemda_code of the list''s rows (the same on every row of a list).';

-- One row per NIK on the worker lists. The person's rows in their order (list code byte by byte,
-- collation "C", then file line; a list holds a NIK at most once, so the first row is that of
-- the first list):
--   first_list     the list of the first row (whose region_code is the person's region)
--   name           the name of the first row that has one
--   lists          the list codes, sorted, joined by |; list_codes the same as an array
--   categories     the distinct categories, sorted, joined by |
--   funded_months  the months some list funds the person: the union of [funded_from, funded_to]
--                  of the funded rows (empty when none)
create table periksa.list_persons (
    nik text primary key,
    first_list text not null,
    region_code text not null,
    name text,
    lists text not null,
    list_codes text[] not null,
    categories text not null,
    funded_months datemultirange not null
);

comment on table periksa.list_persons is
    'Each person on the worker lists once: the first list row''s list and region, the name, lists, categories and funded months (kept by the worker-lists import).';

-- The entries of the people `niks` from their current list rows: the entries of those no
-- longer on any list are removed, the others replaced. Called by the import, after the rows
-- have changed, with every NIK whose rows it added, changed or deleted.
-- A few people (a revised list of one government) are looked up by index; many (a province's
-- list loaded for the first time) are joined by hashing them and reading both tables once:
-- the planner would look up each one (for 500,000 people, 11.8 s against 6.5 s). The setting
-- made for that is undone when the function returns (its SET clause).
create function periksa.refresh_list_persons(niks text[]) returns void
language plpgsql
set search_path = pg_catalog, periksa
set work_mem = '256MB'
set jit = off
-- Each call is planned with its own array (its size decides the join; see above).
set plan_cache_mode = force_custom_plan
set enable_nestloop = on
as $fn$
begin
    if cardinality(niks) * 50 > (select greatest(c.reltuples, 0) from pg_class c
                                 where c.oid = 'periksa.list_persons'::regclass) then
        perform set_config('enable_nestloop', 'off', true);
    end if;
    delete from periksa.list_persons p where p.nik in (select unnest(niks));
    insert into periksa.list_persons (nik, first_list, region_code, name, lists, list_codes, categories, funded_months)
    select x.nik, x.list_code, x.region_code, x.person_name, x.person_lists, x.person_list_codes,
           -- The categories from their bits, in their sorted order.
           array_to_string(array[
               case when x.bits & 1 <> 0 then 'informal' end, case when x.bits & 2 <> 0 then 'keagamaan' end,
               case when x.bits & 4 <> 0 then 'lainnya' end, case when x.bits & 8 <> 0 then 'non_asn' end,
               case when x.bits & 16 <> 0 then 'rentan' end], '|'),
           x.funded_months
    from (
        select w.nik, w.list_code, w.region_code, row_number() over person as n,
               (array_agg(w.name) filter (where w.name is not null) over person)[1] as person_name,
               string_agg(w.list_code, '|') over person as person_lists,
               array_agg(w.list_code) over person as person_list_codes,
               bit_or(case w.category when 'informal' then 1 when 'keagamaan' then 2 when 'lainnya' then 4
                                      when 'non_asn' then 8 else 16 end) over person as bits,
               coalesce(range_agg(daterange(w.funded_from, w.funded_to, '[]')) filter (where w.funded) over person,
                        '{}'::datemultirange) as funded_months
        from periksa.worker_lists w
        where w.nik in (select unnest(niks))
        window person as (partition by w.nik order by w.list_code collate "C", w.line_number
                          rows between unbounded preceding and unbounded following)
    ) x
    where x.n = 1;
end
$fn$;

revoke execute on function periksa.refresh_list_persons(text[]) from public;

comment on function periksa.refresh_list_persons(text[]) is
    'Brings the list_persons entries of the given NIKs up to date with their worker-list rows.';

-- The entries of the lists already loaded.
select periksa.refresh_list_persons(array(select distinct w.nik from periksa.worker_lists w));
analyze periksa.list_persons;

-- The import's replacement of a file's lists (SQL/queries/replace_worker_lists.sql calls it):
-- the staged, valid rows of the file (pg_temp.periksa_staging) replace, list by list, every
-- earlier row of the lists the file holds: those rows are deleted and the file's inserted, each
-- with its list's government; then the entries of everyone on those lists, before or after,
-- are refreshed. (Until 0019 the rows were upserted: a row updated in place costs several
-- times a row deleted and one inserted, 19 s against 3 s for a 600,000-row file loaded again.)
create function periksa.replace_worker_lists(imported bigint) returns void
language plpgsql
set search_path = pg_catalog, periksa
set work_mem = '256MB'
set jit = off
set plan_cache_mode = force_custom_plan
as $fn$
declare
    gone text[];
    kept text[];
begin
    with removed as (
        delete from periksa.worker_lists w
        where w.list_code in (select distinct s.list_code from pg_temp.periksa_staging s)
        returning w.nik
    )
    select array(select r.nik from removed r) into gone;
    with added as (
        insert into periksa.worker_lists (list_code, pemda_code, government, nik, name, region_code, category, funded,
            funded_from, funded_to, declared_income, import_id, line_number)
        select s.list_code, s.pemda_code, min(s.pemda_code) over (partition by s.list_code), s.nik, s.name,
               s.region_code, s.category, s.funded, s.funded_from, s.funded_to, s.declared_income, imported,
               s.line_number
        from pg_temp.periksa_staging s
        -- In the order of the primary key, which is then built from left to right.
        order by s.list_code, s.nik
        returning nik
    )
    select array(select a.nik from added a) into kept;
    perform periksa.refresh_list_persons(array(select unnest(gone) union select unnest(kept)));
end
$fn$;

revoke execute on function periksa.replace_worker_lists(bigint) from public;

-- Imports run as the schema's owner or as periksa_admin (`periksa db roles` grants these on a
-- new database); both functions run with the caller's rights.
do $$
begin
    if to_regrole('periksa_admin') is not null then
        grant execute on function periksa.replace_worker_lists(bigint), periksa.refresh_list_persons(text[])
            to periksa_admin;
        grant all on periksa.list_persons to periksa_admin;
    end if;
end
$$;

comment on function periksa.replace_worker_lists(bigint) is
    'The worker-lists import''s replacement of the staged lists, with their governments and the people''s entries.';

-- periksa.list_people (0011) with the same columns, read from the kept entries: each row joins
-- its person's entry when it is the person's first row; the government is the row's own.
create or replace function periksa.list_people(month date)
returns table (
    list_code text, government text, nik text, name text, region_code text, category text, line_number integer,
    declared_income numeric, package numeric, expected boolean, pu boolean, bpu boolean, paid_by text,
    paid_name text, paid_amount numeric, enrolled boolean, outreach boolean, person_first boolean,
    person_name text, person_lists text, person_list_codes text[], person_categories text, person_funded boolean
)
language sql stable parallel safe
as $fn$
with listed_pu as (
    -- The listed people with a wage row in the month: a semi-join that hashes the month's wage
    -- rows, in parallel where the server allows, each person once. On the text of the NIKs,
    -- whose statistics the planner has.
    select p.nik
    from periksa.list_persons p
    where exists (select 1 from periksa.contributions c where c.period = month and c.nik = p.nik)
), seen as (
    select w.list_code, w.government, w.nik, w.name, w.region_code, w.category, w.line_number,
           w.declared_income, round(w.declared_income * rt.jkk_rate) + rt.jkm_amount as package,
           coalesce(w.funded and w.funded_from <= month and month <= w.funded_to, false) as expected,
           p.nik is not null as pu, b.nik is not null as bpu, b.funded_by as paid_by, b.name as paid_name,
           b.amount as paid_amount, coalesce(b.funded_by = w.government, false) as enrolled,
           p.nik is null and b.nik is null as outreach,
           p.nik is null and b.nik is null and f.nik is not null as first,
           f.name as person_name, f.lists as person_lists, f.list_codes as person_list_codes,
           f.categories as person_categories, f.funded_months @> month as person_funded
    from periksa.worker_lists w
    cross join periksa.bpu_rates_on(month) rt
    left join listed_pu p on p.nik = w.nik
    left join periksa.bpu_contributions b on b.period = month and b.nik = w.nik
    left join periksa.list_persons f on f.nik = w.nik and f.first_list = w.list_code
)
select s.list_code, s.government, s.nik, s.name, s.region_code, s.category, s.line_number, s.declared_income,
       s.package, s.expected, s.pu, s.bpu, s.paid_by, s.paid_name, s.paid_amount, s.enrolled, s.outreach, s.first,
       case when s.first then s.person_name end, case when s.first then s.person_lists end,
       case when s.first then s.person_list_codes end, case when s.first then s.person_categories end,
       case when s.first then s.person_funded end
from seen s
$fn$;

-- periksa.paid_not_listed (0011), with the lists' governments read from their rows.
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
      where w.government = b.funded_by and w.nik = b.nik
        and w.funded and w.funded_from <= month and month <= w.funded_to)
$fn$;

-- The outreach list of `month` (0010's contract, sorted by region, district, NIK): each person
-- on a list who is neither PU- nor BPU-active in the month (no wage row, no BPU row; the same
-- flags as periksa.list_people's), with their entry. Read from the entries, one row per person,
-- instead of every list row.
create or replace function periksa.outreach_rows(month date)
returns table (
    nik text, name text, region_code text, district_code text, lists text, categories text, funded boolean,
    list_codes text[]
)
language plpgsql stable security definer
set search_path = pg_catalog, periksa, pg_temp
set plan_cache_mode = force_custom_plan
-- The listed people probe the month's wage rows, hashed (2 million rows at Jakarta scale).
set work_mem = '256MB'
set jit = off
set parallel_setup_cost = 100
set parallel_tuple_cost = 0.01
as $fn$
begin
return query
select p.nik, p.name, p.region_code, left(p.nik, 6), p.lists, p.categories, p.funded_months @> month, p.list_codes
from periksa.list_persons p
where not exists (select 1 from periksa.contributions c where c.period = month and c.nik = p.nik)
  and not exists (select 1 from periksa.bpu_contributions b where b.period = month and b.nik = p.nik)
order by p.region_code, left(p.nik, 6), p.nik;
end
$fn$;

-- The report's grouping (periksa.coverage_report_lists) hashes its groups: the planner cannot
-- know that the outreach counts fall into a few groups per district (it guesses one per list
-- row), and with the default allowance for hash tables (2 × work_mem) it sorted the 570,000 rows
-- twice instead (3.4 s against 2.3 s at Jakarta scale; 3 × work_mem is enough there). The
-- groups really are at most the lists and the districts × category sets × funded, a few MB.
-- The allowance also lets the semi-join's hash of the month's wage rows stay in memory up to
-- 1 GB rather than spill to disk. With far longer lists the guess grows with them and the
-- planner sorts again: slower, the same figures.
alter function periksa.coverage_report_lists(date, text[]) set hash_mem_multiplier = 4;
