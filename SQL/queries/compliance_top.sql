-- The compliance report: the $4 employers in scope with the most rupiah at stake in run $1
-- ($2: region code or prefix, $3: branch code; null: all), with their categories.
select f.npp, e.name, e.branch_code, e.region_code, e.scale,
       string_agg(f.category, ' ' order by f.category), sum(f.estimated_loss_idr)::bigint as rupiah
from periksa.findings f
join periksa.run_employers s on s.run_id = f.run_id and s.npp = f.npp
join periksa.employers e on e.npp = f.npp
where f.run_id = $1::bigint
  and ($2::text is null or s.region_code like $2::text || '%')
  and ($3::text is null or s.branch_code = $3::text)
group by f.npp, e.name, e.branch_code, e.region_code, e.scale
order by rupiah desc, f.npp
limit $4::integer
