-- The reconciliation of list $1 for period $2 (first day), docs/coverage.md. The list's local
-- government g is its pemda_code. Rows, in this order, each by NIK:
--   missing         funded for P by the list, no BPU row for P funded by g, not PU-active
--   already_pu      funded for P by the list and PU-active (the employer owes their contributions)
--   paid_not_listed a BPU row for P funded by g whose NIK no list of g funds for P
--   enrolled        funded for P by the list, with a BPU row for P funded by g
-- with the declared income (the list's; the BPU row's for paid_not_listed), the BPU package of
-- it (round(i × JKK) + JKM of P), and the amount paid.
with list as (
    select * from periksa.worker_lists where list_code = $1::text
), g as (
    select min(pemda_code) as code from list
), expected as (
    select nik, name, declared_income from list
    where funded and funded_from <= $2::date and $2::date <= funded_to
), bpu as (
    select b.nik, b.name, b.declared_income, b.amount
    from periksa.bpu_contributions b, g
    where b.period = $2::date and b.funded_by = g.code
), pu as (
    select distinct c.nik from periksa.contributions c
    where c.period = $2::date and c.nik in (select nik from expected)
), funded_by_g as (
    select distinct w.nik from periksa.worker_lists w, g
    where w.pemda_code = g.code and w.funded and w.funded_from <= $2::date and $2::date <= w.funded_to
), rows as (
    select 1 as rank, 'missing' as status, e.nik, e.name, e.declared_income, null::numeric as amount
    from expected e
    where not exists (select 1 from bpu b where b.nik = e.nik) and not exists (select 1 from pu where pu.nik = e.nik)
    union all
    select 2, 'already_pu', e.nik, e.name, e.declared_income, null
    from expected e where exists (select 1 from pu where pu.nik = e.nik)
    union all
    select 3, 'paid_not_listed', b.nik, b.name, b.declared_income, b.amount
    from bpu b where not exists (select 1 from funded_by_g f where f.nik = b.nik)
    union all
    select 4, 'enrolled', e.nik, coalesce(e.name, b.name), e.declared_income, b.amount
    from expected e join bpu b on b.nik = e.nik
)
select r.status, r.nik, r.name, r.declared_income, periksa.bpu_package(r.declared_income, $2::date) as package,
       r.amount, (select code from g) as pemda_code
from rows r
order by r.rank, r.nik
