-- The reconciliation of the lists $1 (codes) for period $2 (first day), docs/coverage.md, from
-- periksa.reconcile_people (SQL/migrations/0011_coverage_speed.sql). Rows per list, in this
-- order, each by NIK:
--   missing         funded for P by the list, no BPU row for P funded by g, not PU-active
--   already_pu      funded for P by the list and PU-active (the employer owes their contributions)
--   paid_not_listed a BPU row for P funded by g whose NIK no list of g funds for P
--   enrolled        funded for P by the list, with a BPU row for P funded by g
-- with the declared income (the list's; the BPU row's for paid_not_listed), its BPU package,
-- the amount paid (enrolled and paid_not_listed), g and the list, and for already_pu the
-- employer of the person's highest wage in P (NPP, name). A person both PU-active and enrolled
-- is on two rows.
select s.status, p.nik,
       case s.status when 'enrolled' then coalesce(p.list_name, p.paid_name)
                     when 'paid_not_listed' then p.paid_name else p.list_name end as name,
       p.declared_income, p.package,
       case when s.status in ('enrolled', 'paid_not_listed') then p.amount end as amount,
       p.pemda_code, p.list_code,
       case when s.status = 'already_pu' then p.employer_npp end as employer_npp,
       case when s.status = 'already_pu' then p.employer_name end as employer_name
from periksa.reconcile_people($1::text[], $2::date) p
cross join lateral (
    select 1 as rank, 'missing' as status where p.expected and not p.enrolled and not p.pu
    union all select 2, 'already_pu' where p.expected and p.pu
    union all select 3, 'paid_not_listed' where not p.expected
    union all select 4, 'enrolled' where p.expected and p.enrolled
) s
order by p.list_code collate "C", s.rank, p.nik
