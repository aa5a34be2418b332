-- One employer over the twelve months ending at a run's period: one row per month with the
-- workers it reported, their wages and each outside source's headcount for it (matched by
-- its NPP, NPWP or NIB) from periksa.employer_periods_store, the contributions due at the
-- run's rates (periksa.run_due: null when the employer had no finding in the run, see
-- dossier_due.sql), and what it paid for the month by the run's as-of date.
-- $1: run id, $2: NPP.
with run as (
    select run_id, period, as_of from periksa.runs where run_id = $1
), months as (
    select generate_series(r.period - interval '11 months', r.period, interval '1 month')::date as period
    from run r
), reported as (
    select period, workers, wages, wlkp, pajak, pemda, oss
    from periksa.employer_periods_store
    where npp = $2 and period between (select min(period) from months) and (select max(period) from months)
), due as (
    select period, due from periksa.run_due where run_id = $1 and npp = $2
), paid as (
    select p.period, sum(p.amount) as paid
    from periksa.payments p
    cross join run r
    where p.npp = $2 and p.paid_on <= r.as_of
      and p.period between (select min(period) from months) and (select max(period) from months)
    group by p.period
)
select periksa.period_text(m.period), coalesce(r.workers, 0)::integer, coalesce(r.wages, 0), d.due,
       coalesce(p.paid, 0), r.wlkp, r.pajak, r.pemda, r.oss
from months m
left join reported r using (period)
left join due d using (period)
left join paid p using (period)
order by m.period
