-- A case opened for employer $2 from run $1 on day $3, selection $4 (targeted or control): the
-- run's period, the employer's branch, its categories and the sum of its findings' rupiah as
-- they stand in the run (none for a control employer without findings), and for TUNGGAKAN the
-- periods in arrears with their outstanding amounts. Returns the case id.
with opened as (
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
), arrears as (
    insert into periksa.case_arrears (case_id, period, outstanding_idr)
    select o.case_id, (m->>'period' || '-01')::date, (m->>'outstanding')::numeric
    from opened o
    cross join periksa.findings f
    cross join lateral jsonb_array_elements(f.evidence->'periods') m
    where f.run_id = $1::bigint and f.npp = $2::text and f.category = 'TUNGGAKAN'
)
select case_id from opened
