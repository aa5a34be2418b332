-- The contributions due of one employer for each month of a run's window, at the run's rates
-- and with the employer's programmes and risk group: from the sums kept per employer and
-- month (periksa.employer_month_due) for the months whose sums were computed with the run's
-- rates (periksa.due_months against periksa.run_rates). Returns those months; the others, if
-- any, come from their wage rows (dossier_due_rows.sql). $1: run id, $2: NPP.
with employer as (
    select npp, programs, risk_group from periksa.employers where npp = $2
), current as (
    select t.period
    from periksa.run_rates t
    join employer e on e.risk_group = t.risk_group
    join periksa.due_months m on m.period = t.period
    where t.run_id = $1
      and (array[m.jkk1, m.jkk2, m.jkk3, m.jkk4, m.jkk5])[t.risk_group] = t.jkk_millionths
      and m.jkm = t.jkm_millionths and m.jht = t.jht_millionths and m.jp = t.jp_millionths
      and m.jp_cap_cents = t.jp_cap_cents
)
select c.period::text,
       coalesce(periksa.month_due(e.programs, e.risk_group, d.jkk1, d.jkk2, d.jkk3, d.jkk4, d.jkk5,
           d.jkm, d.jht, d.jp), 0)::numeric
from current c
cross join employer e
left join periksa.employer_month_due d on d.period = c.period and d.npp = e.npp
order by c.period
