-- The contributions due of one employer for the given months of a run's window, at the run's
-- rates, from its wage rows: the months whose kept sums were computed with other rates
-- (dossier_due.sql). $1: run id, $2: NPP, $3: the months (first days).
with employer as (
    select npp, programs, risk_group from periksa.employers where npp = $2
)
select c.period::text,
       sum(periksa.contribution(c.wage, e.programs, t.jkk, t.jkm, t.jht, t.jp, t.jp_cap))
from periksa.contributions c
join employer e on e.npp = c.npp
join periksa.run_rates t on t.run_id = $1 and t.period = c.period and t.risk_group = e.risk_group
where c.period = any($3::date[])
group by c.period
