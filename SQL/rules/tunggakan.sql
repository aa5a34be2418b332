-- TUNGGAKAN: arrears. For each active employer e and each month p of P−11…P in which e
-- reported rows:
--   due(e, p)         = Σ over e's rows of p of c(wage, S(e)), with the rates and JP cap of p
--   paid(e, p)        = Σ of e's payments for p with paid_on ≤ as-of
--   outstanding(e, p) = max(0, due(e, p) − paid(e, p))
--   due date(p)       = the 15th of the month after p
-- The months that count: due date(p) < as-of and outstanding(e, p) > 0. For each:
--   months late = the smallest n ≥ 1 with due date(p) + n months ≥ as-of
--   fine(e, p)  = round(outstanding(e, p) × tunggakan.fine_rate_monthly × months late),
--                 tunggakan.fine_rate_monthly defaulting to 0.02
-- Flagged when Σ outstanding ≥ tunggakan.min_amount (default 10000);
-- loss = round(Σ (outstanding + fine)). Rounding: whole rupiah, halves away from zero.
-- Evidence: outstanding, fines, and each month that counts with due, paid, outstanding,
-- due_date, months_late and fine.

-- due(e, p) for every active employer and month of the window with rows: the sums of the
-- employer's programmes S(e) and JKK risk group that the import kept per employer and month
-- (periksa.employer_month_due, current for every month of the window: `periksa audit`
-- recomputes first any month whose rows or rates changed otherwise). No wage row is read here.
-- The window's months are those of the run's rates (periksa.run_rates, a regular table that
-- the planner can count, so that PostgreSQL may scan the sums in parallel). The hash
-- aggregates over a year of employer-months (due, then payments) want more memory than a
-- statement usually gets.
set local work_mem = '256MB';

create temp table audit_due on commit drop as
select d.npp, d.period,
       periksa.month_due(e.programs, e.risk_group, d.jkk1, d.jkk2, d.jkk3, d.jkk4, d.jkk5, d.jkm, d.jht, d.jp) as due
from periksa.employer_month_due d
join periksa.employers e on e.npp = d.npp
join periksa.run_rates t on t.period = d.period and t.risk_group = e.risk_group
where t.run_id = current_setting('periksa.run_id')::bigint
  and e.status = 'aktif' and e.registered_on <= (select period_end from periksa.audit_run);

analyze audit_due;

insert into audit_findings (category, npp, source_ref, estimated_loss_idr, evidence)
with context as (
    select * from periksa.audit_run
), due as (
    select * from audit_due
), paid as (
    select p.npp, p.period, sum(p.amount) as paid
    from periksa.payments p
    cross join context x
    where p.period between x.window_start and x.period and p.paid_on <= x.as_of
    group by p.npp, p.period
), periods as (
    select d.npp, d.period, d.due, coalesce(p.paid, 0) as paid,
           greatest(0, d.due - coalesce(p.paid, 0)) as outstanding,
           (d.period + interval '1 month 14 days')::date as due_date
    from due d
    left join paid p using (npp, period)
), fined as (
    select p.*, m.months, round(p.outstanding * x.tunggakan_fine_rate_monthly * m.months) as fine
    from periods p
    cross join context x
    cross join lateral (
        -- The smallest n ≥ 1 with due date + n months ≥ as-of.
        select greatest(1, case when p.due_date + make_interval(months => z.n) >= x.as_of then z.n else z.n + 1 end) as months
        from (select ((extract(year from x.as_of) * 12 + extract(month from x.as_of))
                    - (extract(year from p.due_date) * 12 + extract(month from p.due_date)))::int as n) z
    ) m
    where p.due_date < x.as_of and p.outstanding > 0
), totals as (
    select npp,
           sum(outstanding) as outstanding,
           sum(fine) as fines,
           round(sum(outstanding + fine)) as loss
    from fined
    group by npp
    having sum(outstanding) >= (select tunggakan_min_amount from context)
), flagged as (
    -- The months of the flagged employers only, as evidence.
    select t.npp, t.outstanding, t.fines, t.loss,
           jsonb_agg(jsonb_build_object('period', periksa.period_text(f.period), 'due', f.due, 'paid', f.paid,
               'outstanding', f.outstanding, 'due_date', f.due_date, 'months_late', f.months, 'fine', f.fine)
               order by f.period) as detail
    from totals t
    join fined f on f.npp = t.npp
    group by t.npp, t.outstanding, t.fines, t.loss
)
select
    'TUNGGAKAN', f.npp, null, f.loss,
    jsonb_build_object('outstanding', f.outstanding, 'fines', f.fines, 'periods', f.detail)
from flagged f;

reset work_mem;
