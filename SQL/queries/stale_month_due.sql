-- The months of an audit's window (P − 11 … P; $1 = P, the first day) whose contributions due
-- per employer (periksa.employer_month_due) are not current: the month has wage rows or sums,
-- and periksa.due_months has no row for it (rows written other than by `periksa import`, or
-- before the sums were kept) or one with other rates or JP cap than the reference data now
-- gives (periksa.month_rates). `periksa audit` recomputes each from its wage rows.
select m::date::text
from generate_series($1::date - interval '11 months', $1::date, interval '1 month') m
where periksa.month_has_data(m::date)
  and not exists (
      select 1
      from periksa.due_months d
      cross join periksa.month_rates(m::date) r
      where d.period = m::date
        and array[d.jkk1, d.jkk2, d.jkk3, d.jkk4, d.jkk5, d.jkm, d.jht, d.jp, d.jp_cap_cents]
          = array[r.jkk1, r.jkk2, r.jkk3, r.jkk4, r.jkk5, r.jkm, r.jht, r.jp, r.jp_cap_cents])
order by 1;
