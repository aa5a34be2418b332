-- The reconciliation of the lists $1 (codes) for period $2 (first day), docs/coverage.md, all
-- in one pass over the month's wage and BPU rows. A list's local government g is its
-- pemda_code. Rows per list, in this order, each by NIK:
--   missing         funded for P by the list, no BPU row for P funded by g, not PU-active
--   already_pu      funded for P by the list and PU-active (the employer owes their contributions)
--   paid_not_listed a BPU row for P funded by g whose NIK no list of g funds for P
--   enrolled        funded for P by the list, with a BPU row for P funded by g
-- with the declared income (the list's; the BPU row's for paid_not_listed), the BPU package of
-- it (round(i × JKK) + JKM of P), the amount paid, and g.
with list as (
    select * from periksa.worker_lists where list_code = any($1::text[])
), g as (
    select list_code, min(pemda_code) as code from list group by list_code
), expected as (
    select l.list_code, l.nik, l.name, l.declared_income from list l
    where l.funded and l.funded_from <= $2::date and $2::date <= l.funded_to
), bpu as (
    select b.nik, b.name, b.declared_income, b.amount, b.funded_by
    from periksa.bpu_contributions b
    where b.period = $2::date and b.funded_by in (select code from g)
), pu as (
    select distinct c.nik from periksa.contributions c
    where c.period = $2::date and c.nik in (select nik from expected)
), funded_by_g as (
    select distinct w.pemda_code, w.nik from periksa.worker_lists w
    where w.pemda_code in (select code from g) and w.funded and w.funded_from <= $2::date and $2::date <= w.funded_to
), rows as (
    select e.list_code, 1 as rank, 'missing' as status, e.nik, e.name, e.declared_income, null::numeric as amount
    from expected e join g using (list_code)
    where not exists (select 1 from bpu b where b.nik = e.nik and b.funded_by = g.code)
      and not exists (select 1 from pu where pu.nik = e.nik)
    union all
    select e.list_code, 2, 'already_pu', e.nik, e.name, e.declared_income, null
    from expected e where exists (select 1 from pu where pu.nik = e.nik)
    union all
    select g.list_code, 3, 'paid_not_listed', b.nik, b.name, b.declared_income, b.amount
    from g join bpu b on b.funded_by = g.code
    where not exists (select 1 from funded_by_g f where f.pemda_code = g.code and f.nik = b.nik)
    union all
    select e.list_code, 4, 'enrolled', e.nik, coalesce(e.name, b.name), e.declared_income, b.amount
    from expected e join g using (list_code) join bpu b on b.nik = e.nik and b.funded_by = g.code
)
-- The package as periksa.bpu_package computes it, with the month's rates read once.
select r.status, r.nik, r.name, r.declared_income, round(r.declared_income * rt.jkk_rate) + rt.jkm_amount as package,
       r.amount, g.code as pemda_code, r.list_code
from rows r
join g using (list_code)
cross join periksa.bpu_rates_on($2::date) rt
order by r.list_code, r.rank, r.nik
