-- The compliance report: the arrears (TUNGGAKAN) of run $1 in scope ($2: region code or
-- prefix, $3: branch code) by age: months late 1–3, 4–6, 7–12. Per bucket: employers,
-- employer-months, outstanding contributions and fines.
select case when (p->>'months_late')::integer <= 3 then 1 when (p->>'months_late')::integer <= 6 then 2 else 3 end
           as bucket,
       count(distinct f.npp)::integer, count(*)::integer,
       sum((p->>'outstanding')::numeric), sum((p->>'fine')::numeric)
from periksa.findings f
join periksa.run_employers s on s.run_id = f.run_id and s.npp = f.npp
cross join lateral jsonb_array_elements(f.evidence->'periods') p
where f.run_id = $1::bigint and f.category = 'TUNGGAKAN'
  and ($2::text is null or s.region_code like $2::text || '%')
  and ($3::text is null or s.branch_code = $3::text)
group by 1
order by 1
