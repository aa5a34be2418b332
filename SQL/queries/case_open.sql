-- A case opened for employer $2 from run $1 on day $3, selection $4 (targeted or control): the
-- run's period, the employer's branch, its categories and the sum of its findings' rupiah as
-- they stand in the run (none for a control employer without findings). Returns the case id;
-- case_open_arrears.sql then adds the periods in arrears (a statement of its own, so that the
-- row-level security check of case_arrears sees the new case).
insert into periksa.cases (npp, branch_code, run_id, period, selection, opened_on, categories, at_stake_idr)
select e.npp, e.branch_code, r.run_id, r.period, $4::text, $3::date,
       coalesce(array_agg(f.category order by f.category) filter (where f.category is not null), '{}'),
       coalesce(sum(f.estimated_loss_idr), 0)
from periksa.employers e
cross join periksa.runs r
left join periksa.findings f on f.run_id = r.run_id and f.npp = e.npp
where e.npp = $2::text and r.run_id = $1::bigint
group by e.npp, e.branch_code, r.run_id, r.period
returning case_id
