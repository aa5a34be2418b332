-- The compliance report: the $4 employers in scope with the most rupiah at stake in run $1
-- ($2: region code or prefix, $3: branch code; null: all), with the categories of their
-- findings.
with scope as (
    select s.npp, s.branch_code, s.region_code, s.scale, s.estimated_loss_idr as rupiah
    from periksa.run_employers s
    where s.run_id = $1::bigint
      and ($2::text is null or s.region_code like $2::text || '%')
      and ($3::text is null or s.branch_code = $3::text)
      and s.finding_count > 0
    order by rupiah desc, s.npp
    limit $4::integer
)
select s.npp, e.name, s.branch_code, s.region_code, s.scale,
       (select string_agg(f.category, ' ' order by f.category) from periksa.findings f
        where f.run_id = $1::bigint and f.npp = s.npp) as categories,
       s.rupiah::bigint
from scope s
join periksa.employers e on e.npp = s.npp
order by s.rupiah desc, s.npp
