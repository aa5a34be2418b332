-- The compliance report: what became of the findings of the previous period's run $2 by run
-- $1, per category, for the employers in scope ($3: region code or prefix, $4: branch code):
-- how many, how many were inspected between the two runs' as-of dates, how many are found
-- again (same employer, same category) and the rupiah of those found again.
with runs as (
    select (select as_of from periksa.runs where run_id = $2::bigint) as since,
           (select as_of from periksa.runs where run_id = $1::bigint) as until
), pairs as (
    -- Both runs' findings in one pass: per employer and category, found before, and now.
    select f.npp, f.category,
           bool_or(f.run_id = $2::bigint) as found_before,
           max(f.estimated_loss_idr) filter (where f.run_id = $1::bigint) as loss_now
    from periksa.findings f
    where f.run_id in ($1::bigint, $2::bigint) and f.npp is not null
    group by f.npp, f.category
), earlier as (
    select p.npp, p.category, p.loss_now,
           exists (select 1 from periksa.inspections i cross join runs r
                   where i.npp = p.npp and i.inspected_on > r.since and i.inspected_on <= r.until) as inspected
    from pairs p
    join periksa.run_employers e on e.run_id = $2::bigint and e.npp = p.npp
    where p.found_before
      and ($3::text is null or e.region_code like $3::text || '%')
      and ($4::text is null or e.branch_code = $4::text)
)
select category,
       count(*)::integer,
       count(*) filter (where inspected)::integer,
       count(loss_now)::integer,
       coalesce(sum(loss_now), 0)::bigint
from earlier
group by category
order by category
