-- The periods in arrears of case $1 at opening (the TUNGGAKAN finding of its run for its
-- employer), with their outstanding amounts.
insert into periksa.case_arrears (case_id, period, outstanding_idr)
select c.case_id, (m->>'period' || '-01')::date, (m->>'outstanding')::numeric
from periksa.cases c
join periksa.findings f on f.run_id = c.run_id and f.npp = c.npp and f.category = 'TUNGGAKAN'
cross join lateral jsonb_array_elements(f.evidence->'periods') m
where c.case_id = $1::bigint
