-- The compliance report: the employers in scope of runs $1 and $4 (the previous period's,
-- may be null) by region, branch, KBLI section and scale: active employers, those with a
-- finding, workers reported, workers seen elsewhere and not reported, the findings' rupiah.
-- $2: region code or prefix, $3: branch code (null: all).
with scope as (
    select e.run_id, e.region_code, e.branch_code, e.kbli_section as section, e.scale, e.is_active, e.workers,
           coalesce(e.uncovered, 0) as uncovered,
           e.estimated_loss_idr as rupiah,
           e.finding_count > 0 as flagged
    from periksa.run_employers e
    where e.run_id in ($1::bigint, $4::bigint)
      and ($2::text is null or e.region_code like $2::text || '%')
      and ($3::text is null or e.branch_code = $3::text)
)
select
    run_id,
    case when grouping(region_code) = 0 then 'region' when grouping(branch_code) = 0 then 'branch'
         when grouping(section) = 0 then 'section' else 'scale' end as dimension,
    coalesce(region_code, branch_code, section, scale) as key,
    count(*) filter (where is_active)::integer as active,
    count(*) filter (where flagged)::integer as flagged,
    sum(workers)::bigint as workers,
    sum(uncovered)::bigint as uncovered,
    sum(rupiah)::bigint as rupiah
from scope
group by grouping sets ((run_id, region_code), (run_id, branch_code), (run_id, section), (run_id, scale))
order by 1, 2, 3
