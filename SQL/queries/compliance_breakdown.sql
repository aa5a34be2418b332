-- The compliance report: the employers in scope of runs $1 and $4 (the previous period's,
-- may be null) by region, branch, KBLI section and scale: active employers, those with a
-- finding, workers reported, workers seen elsewhere and not reported, the findings' rupiah.
-- $2: region code or prefix, $3: branch code (null: all).
with scope as (
    select e.*
    from periksa.run_employers e
    where e.run_id in ($1::bigint, $4::bigint)
      and ($2::text is null or e.region_code like $2::text || '%')
      and ($3::text is null or e.branch_code = $3::text)
), per_employer as (
    select f.run_id, f.npp, sum(f.estimated_loss_idr) as rupiah
    from periksa.findings f
    join scope s on s.run_id = f.run_id and s.npp = f.npp
    group by f.run_id, f.npp
), keyed as (
    select s.run_id, s.region_code, s.branch_code, coalesce(k.section, '?') as section, s.scale, s.is_active,
           s.workers, coalesce(s.uncovered, 0) as uncovered, p.rupiah, p.npp is not null as flagged
    from scope s
    left join periksa.kbli_sections k on left(s.kbli, 2)::smallint between k.first_division and k.last_division
    left join per_employer p on p.run_id = s.run_id and p.npp = s.npp
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
    coalesce(sum(rupiah), 0)::bigint as rupiah
from keyed
group by grouping sets ((run_id, region_code), (run_id, branch_code), (run_id, section), (run_id, scale))
order by 1, 2, 3
