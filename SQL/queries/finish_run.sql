-- The end of an audit run (periksa.audit_run): what it could not do, then the run marked
-- finished with its counts and rupiah per category. After this the run and its findings are
-- immutable.

-- Medium and large employers whose floor rule was skipped: no minimum wage for their region
-- and year.
insert into periksa.run_notes (run_id, kind, detail)
select r.run_id, 'minimum_wage_missing', jsonb_build_object('npp', e.npp, 'region_code', e.region_code)
from audit_employers e
cross join periksa.audit_run r
where e.is_active and e.minimum_wage is null and e.scale in ('menengah', 'besar');

update periksa.runs
set status = 'finished',
    finished_at = clock_timestamp(),
    findings_count = (select coalesce(jsonb_object_agg(category, n), '{}') from
        (select category, count(*) as n from periksa.findings f
         where f.run_id = runs.run_id group by category) c),
    rupiah = (select coalesce(jsonb_object_agg(category, total), '{}') from
        (select category, sum(estimated_loss_idr) as total from periksa.findings f
         where f.run_id = runs.run_id group by category) t)
where run_id = (select run_id from periksa.audit_run);
