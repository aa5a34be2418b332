-- The compliance report: what became of the findings of the previous period's run $2 by run
-- $1, per category, for the employers in scope ($3: region code or prefix, $4: branch code):
-- how many, how many were inspected between the two runs' as-of dates, how many are found
-- again (same employer, same category) and the rupiah of those found again.
with runs as (
    select (select as_of from periksa.runs where run_id = $2::bigint) as since,
           (select as_of from periksa.runs where run_id = $1::bigint) as until
), earlier as (
    select f.npp, f.category,
           exists (select 1 from periksa.inspections i cross join runs r
                   where i.npp = f.npp and i.inspected_on > r.since and i.inspected_on <= r.until) as inspected
    from periksa.findings f
    join periksa.run_employers e on e.run_id = f.run_id and e.npp = f.npp
    where f.run_id = $2::bigint
      and ($3::text is null or e.region_code like $3::text || '%')
      and ($4::text is null or e.branch_code = $4::text)
)
select b.category,
       count(*)::integer,
       count(*) filter (where b.inspected)::integer,
       count(n.npp)::integer,
       coalesce(sum(n.estimated_loss_idr), 0)::bigint
from earlier b
left join periksa.findings n on n.run_id = $1::bigint and n.npp = b.npp and n.category = b.category
group by b.category
order by b.category
