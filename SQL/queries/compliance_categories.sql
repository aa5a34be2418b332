-- The compliance report: per run of $1 (bigint[]) and category, the findings about the
-- employers in scope ($2: region code or prefix, $3: branch code; null: all) and their rupiah;
-- for PWBD, the unregistered businesses of the scope's regions.
with scope as (
    select e.run_id, e.npp, e.region_code
    from periksa.run_employers e
    where e.run_id = any($1::bigint[])
      and ($2::text is null or e.region_code like $2::text || '%')
      and ($3::text is null or e.branch_code = $3::text)
), regions as (
    select distinct run_id, region_code from scope
), found as (
    select f.run_id, f.category, f.estimated_loss_idr
    from periksa.findings f
    join scope s on s.run_id = f.run_id and s.npp = f.npp
    where f.run_id = any($1::bigint[])
    union all
    select f.run_id, f.category, f.estimated_loss_idr
    from periksa.findings f
    join regions r on r.run_id = f.run_id and r.region_code = f.evidence->>'region_code'
    where f.run_id = any($1::bigint[]) and f.category = 'PWBD'
)
select run_id, category, count(*)::integer, sum(estimated_loss_idr)::bigint
from found
group by run_id, category
order by run_id, category
