-- One employer over the twelve months ending at a run's period: one row per month with the
-- workers it reported (distinct NIK), their wages, the contributions due at the run's rates,
-- what it paid for the month by the run's as-of date, and each outside source's headcount
-- for it (matched by its NPP, NPWP or NIB). $1: run id, $2: NPP.
with run as (
    select run_id, period, as_of from periksa.runs where run_id = $1
), employer as (
    select npp, npwp, nib, programs, risk_group from periksa.employers where npp = $2
), months as (
    select generate_series(r.period - interval '11 months', r.period, interval '1 month')::date as period
    from run r
), reported as (
    select c.period, count(distinct c.nik) as workers, sum(c.wage) as wages,
           sum(periksa.contribution(c.wage, e.programs, t.jkk, t.jkm, t.jht, t.jp, t.jp_cap)) as due
    from periksa.contributions c
    join employer e on e.npp = c.npp
    join periksa.run_rates t on t.run_id = $1 and t.period = c.period and t.risk_group = e.risk_group
    where c.period between (select min(period) from months) and (select max(period) from months)
    group by c.period
), paid as (
    select p.period, sum(p.amount) as paid
    from periksa.payments p
    cross join run r
    where p.npp = $2 and p.paid_on <= r.as_of
    group by p.period
), sources as (
    select w.period,
           max(w.headcount) filter (where w.source = 'wlkp') as wlkp,
           max(w.headcount) filter (where w.source = 'pajak') as pajak,
           max(w.headcount) filter (where w.source = 'pemda') as pemda,
           max(w.headcount) filter (where w.source = 'oss') as oss
    from periksa.workforce w
    join employer e on w.npp = e.npp or w.npwp = e.npwp or w.nib = e.nib
    where w.period between (select min(period) from months) and (select max(period) from months)
    group by w.period
)
select periksa.period_text(m.period), coalesce(r.workers, 0)::integer, coalesce(r.wages, 0), coalesce(r.due, 0),
       coalesce(p.paid, 0), s.wlkp, s.pajak, s.pemda, s.oss
from months m
left join reported r using (period)
left join paid p using (period)
left join sources s using (period)
order by m.period
