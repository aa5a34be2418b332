-- The compliance report: the $4 unregistered businesses (PWBD) of run $1 with the most rupiah,
-- in the regions of the scope's employers ($2: region code or prefix, $3: branch code).
with regions as (
    select distinct region_code
    from periksa.run_employers e
    where e.run_id = $1::bigint
      and ($2::text is null or e.region_code like $2::text || '%')
      and ($3::text is null or e.branch_code = $3::text)
)
select f.source_ref, coalesce(f.evidence->'records'->0->>'name', ''), f.evidence->>'region_code',
       (f.evidence->>'headcount')::integer, f.estimated_loss_idr, f.evidence::text
from periksa.findings f
join regions r on r.region_code = f.evidence->>'region_code'
where f.run_id = $1::bigint and f.category = 'PWBD'
order by f.estimated_loss_idr desc, f.source_ref
limit $4::integer
