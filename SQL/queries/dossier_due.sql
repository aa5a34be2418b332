-- The contributions due of one employer for each month of a run's window, at the run's rates,
-- from its wage rows: for a dossier of an employer without a finding in the run (those with
-- one have them in periksa.run_due). Scans the window's partitions. $1: run id, $2: NPP.
with run as (
    select period from periksa.runs where run_id = $1
), employer as (
    select npp, programs, risk_group from periksa.employers where npp = $2
)
select periksa.period_text(c.period),
       sum(periksa.contribution(c.wage, e.programs, t.jkk, t.jkm, t.jht, t.jp, t.jp_cap))
from periksa.contributions c
join employer e on e.npp = c.npp
join periksa.run_rates t on t.run_id = $1 and t.period = c.period and t.risk_group = e.risk_group
where c.period between (select period - interval '11 months' from run) and (select period from run)
group by c.period
