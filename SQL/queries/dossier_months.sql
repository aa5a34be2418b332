-- One employer over the twelve months ending at a run's period: one row per month with the
-- workers it reported and their wages (periksa.employer_month_due, kept by the import), each
-- outside source's largest headcount for it (records that name its NPP, NPWP or NIB, as in
-- analytics.employer_periods), the contributions due at the run's rates (periksa.run_due, kept
-- by runs of earlier versions for employers with a finding; null otherwise, see
-- dossier_due.sql), and what it paid for the month by the run's as-of date.
-- $1: run id, $2: NPP.
with run as (
    select run_id, period, as_of from periksa.runs where run_id = $1
), months as (
    select generate_series(r.period - interval '11 months', r.period, interval '1 month')::date as period
    from run r
), employer as (
    select npp, npwp, nib from periksa.employers where npp = $2
), reported as (
    select d.period, d.workers, d.wages
    from periksa.employer_month_due d
    where d.npp = $2 and d.period between (select min(period) from months) and (select max(period) from months)
), matched as (
    select w.source, w.unit_key, w.period, w.headcount
    from periksa.workforce w join employer e on w.npp = e.npp
    union
    select w.source, w.unit_key, w.period, w.headcount
    from periksa.workforce w join employer e on w.npwp = e.npwp
    union
    select w.source, w.unit_key, w.period, w.headcount
    from periksa.workforce w join employer e on w.nib = e.nib
), sources as (
    select period,
           max(headcount) filter (where source = 'wlkp') as wlkp, max(headcount) filter (where source = 'pajak') as pajak,
           max(headcount) filter (where source = 'pemda') as pemda, max(headcount) filter (where source = 'oss') as oss
    from matched
    where period between (select min(period) from months) and (select max(period) from months)
    group by period
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
       coalesce(p.paid, 0), s.wlkp, s.pajak, s.pemda, s.oss
from months m
left join reported r using (period)
left join sources s using (period)
left join due d using (period)
left join paid p using (period)
order by m.period
