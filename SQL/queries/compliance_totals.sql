-- The compliance report: one row per run of $1 (bigint[]), over the employers in scope
-- ($2: region code or its prefix, a province; $3: branch code; null: all): active employers,
-- those with a finding, workers reported, workers seen elsewhere and not reported (on group
-- leads), contributions due and paid for the run's period, and the unregistered businesses
-- (PWBD) of the scope's regions with their headcount. From the runs' per-employer figures
-- (periksa.run_employers) and the PWBD findings; the findings per category are
-- compliance_categories.sql.
with scope as (
    select e.*
    from periksa.run_employers e
    where e.run_id = any($1::bigint[])
      and ($2::text is null or e.region_code like $2::text || '%')
      and ($3::text is null or e.branch_code = $3::text)
), regions as (
    select distinct run_id, region_code from scope
), pwbd as (
    select f.run_id, count(*) as businesses, sum((f.evidence->>'headcount')::integer) as headcount
    from periksa.findings f
    join regions r on r.run_id = f.run_id and r.region_code = f.evidence->>'region_code'
    where f.run_id = any($1::bigint[]) and f.category = 'PWBD'
    group by f.run_id
), totals as (
    select s.run_id,
           count(*) filter (where s.is_active) as active,
           count(*) filter (where s.finding_count > 0) as flagged,
           sum(s.workers) as workers, sum(s.uncovered) as uncovered,
           sum(s.due) as due, sum(s.paid) as paid
    from scope s
    group by s.run_id
)
select t.run_id, t.active::integer, t.flagged::integer, coalesce(t.workers, 0)::bigint, coalesce(t.uncovered, 0)::bigint,
       coalesce(p.businesses, 0)::integer, coalesce(p.headcount, 0)::bigint,
       coalesce(t.due, 0), coalesce(t.paid, 0)
from totals t
left join pwbd p on p.run_id = t.run_id
order by t.run_id
