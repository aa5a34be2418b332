-- The periods in arrears of case $1 at opening (its TUNGGAKAN finding of run $2 for employer
-- $3), with their outstanding amounts.
insert into periksa.case_arrears (case_id, period, outstanding_idr)
select $1::bigint, (m->>'period' || '-01')::date, (m->>'outstanding')::numeric
from periksa.findings f
cross join lateral jsonb_array_elements(f.evidence->'periods') m
where f.run_id = $2::bigint and f.npp = $3::text and f.category = 'TUNGGAKAN'
