-- The compliance report: the latest finished run of each month from $1 to $2 (first days)
-- that kept its per-employer figures, with the month as an index (year × 12 + month − 1) and
-- its as-of date.
select distinct on (period) run_id, (extract(year from period) * 12 + extract(month from period) - 1)::integer, as_of
from periksa.runs
where status = 'finished'
  and period between $1::date and $2::date
  and exists (select 1 from periksa.run_employers e where e.run_id = runs.run_id)
order by period, run_id desc
