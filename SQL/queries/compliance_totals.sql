-- The compliance report: one row per run of $1 (bigint[]), over the employers in scope
-- ($2: region code or its prefix, a province; $3: branch code; null: all): active employers,
-- those with a finding, workers reported, workers seen elsewhere and not reported (on group
-- leads), contributions due and paid for the run's period, and the unregistered businesses
-- (PWBD) of the scope's regions with their headcount.
with scope as (
    select e.*
    from periksa.run_employers e
    where e.run_id = any($1::bigint[])
      and ($2::text is null or e.region_code like $2::text || '%')
      and ($3::text is null or e.branch_code = $3::text)
), flagged as (
    select f.run_id, count(distinct f.npp) as employers
    from periksa.findings f
    join scope s on s.run_id = f.run_id and s.npp = f.npp
    group by f.run_id
), regions as (
    select distinct run_id, region_code from scope
), pwbd as (
    select f.run_id, count(*) as businesses, sum((f.evidence->>'headcount')::integer) as headcount
    from periksa.findings f
    join regions r on r.run_id = f.run_id and r.region_code = f.evidence->>'region_code'
    where f.run_id = any($1::bigint[]) and f.category = 'PWBD'
    group by f.run_id
)
select
    s.run_id,
    count(*) filter (where s.is_active)::integer as active,
    coalesce(max(fl.employers), 0)::integer as flagged,
    coalesce(sum(s.workers), 0)::bigint as workers,
    coalesce(sum(s.uncovered), 0)::bigint as uncovered,
    count(*) filter (where s.outside_headcount is not null)::integer as matched,
    coalesce(max(p.businesses), 0)::integer as pwbd_businesses,
    coalesce(max(p.headcount), 0)::bigint as pwbd_workers,
    coalesce(sum(s.due), 0) as due,
    coalesce(sum(s.paid), 0) as paid
from scope s
left join flagged fl on fl.run_id = s.run_id
left join pwbd p on p.run_id = s.run_id
group by s.run_id
order by s.run_id
