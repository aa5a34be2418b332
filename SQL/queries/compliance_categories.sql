-- The compliance report: per run of $1 (bigint[]) and category, the findings in scope ($2:
-- region code or prefix, $3: branch code; null: all) and their rupiah. PWBD findings count
-- for the regions of the scope's employers.
with scope as (
    select e.run_id, e.npp, e.region_code
    from periksa.run_employers e
    where e.run_id = any($1::bigint[])
      and ($2::text is null or e.region_code like $2::text || '%')
      and ($3::text is null or e.branch_code = $3::text)
), regions as (
    select distinct run_id, region_code from scope
)
select f.run_id, f.category, count(*)::integer, sum(f.estimated_loss_idr)::bigint
from periksa.findings f
join scope s on s.run_id = f.run_id and s.npp = f.npp
group by f.run_id, f.category
union all
select f.run_id, f.category, count(*)::integer, sum(f.estimated_loss_idr)::bigint
from periksa.findings f
join regions r on r.run_id = f.run_id and r.region_code = f.evidence->>'region_code'
where f.run_id = any($1::bigint[]) and f.category = 'PWBD'
group by f.run_id, f.category
order by 1, 2
