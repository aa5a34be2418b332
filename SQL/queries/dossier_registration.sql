-- The dossier: what the registry holds for employer $1 and what run $2 applies to it:
-- branch, programmes enrolled and mandatory for its scale, registration date and status, the
-- minimum wage of its region for the run's year (UMK, else the province's UMP), the run's
-- period and as-of date.
select e.branch_code, array_to_string(e.programs, ' '),
       array_to_string(periksa.mandatory_programmes(e.scale), ' '), e.registered_on, e.status,
       coalesce(umk.amount, ump.amount), periksa.period_text(r.period), r.as_of
from periksa.employers e
cross join periksa.runs r
left join periksa.minimum_wages umk on umk.region_code = e.region_code and umk.year = extract(year from r.period)
left join periksa.minimum_wages ump on ump.region_code = left(e.region_code, 2) and ump.year = extract(year from r.period)
where e.npp = $1::text and r.run_id = $2::bigint
