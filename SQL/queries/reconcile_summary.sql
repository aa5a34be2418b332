-- The counts and sums of the reconciliations of the lists $1 (codes) for period $2 (first day),
-- for the coverage report: the definitions of reconcile.sql, added up per list without listing
-- the rows (a person is counted by the joins, not by a status row; the tests check that both
-- agree). paid_not_listed belongs to the local government: each of its lists shows the same.
with list as (
    select * from periksa.worker_lists where list_code = any($1::text[])
), g as (
    select list_code, min(pemda_code) as code from list group by list_code
), expected as (
    select l.list_code, l.nik, l.declared_income from list l
    where l.funded and l.funded_from <= $2::date and $2::date <= l.funded_to
), bpu as (
    select b.nik, b.amount, b.funded_by
    from periksa.bpu_contributions b
    where b.period = $2::date and b.funded_by in (select code from g)
), pu as (
    select distinct c.nik from periksa.contributions c
    where c.period = $2::date and c.nik in (select nik from expected)
), funded_by_g as (
    select distinct w.pemda_code, w.nik from periksa.worker_lists w
    where w.pemda_code in (select code from g) and w.funded and w.funded_from <= $2::date and $2::date <= w.funded_to
), per_list as (
    select e.list_code, count(*) as expected, count(b.nik) as enrolled,
           count(*) filter (where b.nik is null and p.nik is null) as missing, count(p.nik) as already_pu,
           sum(round(e.declared_income * rt.jkk_rate) + rt.jkm_amount) as budget, coalesce(sum(b.amount), 0) as paid
    from expected e
    join g using (list_code)
    cross join periksa.bpu_rates_on($2::date) rt
    left join bpu b on b.nik = e.nik and b.funded_by = g.code
    left join pu p on p.nik = e.nik
    group by e.list_code
), not_listed as (
    select b.funded_by as code, count(*) as paid_not_listed
    from bpu b
    where not exists (select 1 from funded_by_g f where f.pemda_code = b.funded_by and f.nik = b.nik)
    group by b.funded_by
)
select p.list_code, g.code, p.expected, p.budget, p.enrolled, p.missing, p.already_pu,
       coalesce(n.paid_not_listed, 0) as paid_not_listed, p.paid
from per_list p
join g using (list_code)
left join not_listed n on n.code = g.code
order by p.list_code
