-- Not a rule: what the run keeps besides its findings, read by the reports and the analytics
-- views instead of the raw wage rows. Runs after the rules and after the findings are kept: it
-- reuses their temporary tables (audit_month, audit_group_stats, audit_matches, audit_due) and
-- reads the run's findings.
-- periksa.run_employers, one row per registered employer e (active or not):
--   workers = count(distinct NIK) of e's own rows of P, wages = Σ their wage (0 without rows)
--   on the lead of a group g with outside records: outside_headcount = H(g), outside_source =
--     its source (ties: wlkp, pajak, pemda, oss), uncovered = max(0, H(g) − W(g)); else null
--   due = due(e, P) of audit_due (0 without rows); paid = Σ e's payments for P with
--     paid_on ≤ as-of
--   kbli_section = the section of the KBLI's first two digits ('?' when none)
--   finding_count, estimated_loss_idr = the number and the sum of the run's findings on e
--     (per-category rupiah are the findings themselves)
-- (The dossier's twelve months of due come from periksa.employer_month_due, kept by the
--   import; runs of earlier versions kept them in periksa.run_due.)

-- The run's figures per registered employer (periksa.run_employers).
insert into periksa.run_employers (
    run_id, npp, branch_code, region_code, kbli, scale, is_active, workers, wages,
    outside_headcount, outside_source, uncovered, due, paid, kbli_section, finding_count, estimated_loss_idr)
with context as (
    select * from periksa.audit_run
), reported as (
    select npp, workers, wages
    from audit_month
), outside as (
    -- H(g) on the group's lead, its source (ties: wlkp, pajak, pemda, oss), W(g).
    select distinct on (m.group_key) g.lead_npp as npp, m.source, m.headcount,
           coalesce(s.workers, 0) as group_workers
    from audit_matches m
    join audit_groups g on g.group_key = m.group_key and g.npp = g.lead_npp
    left join audit_group_stats s on s.group_key = m.group_key
    order by m.group_key, m.headcount desc, m.source_rank
), paid as (
    select p.npp, sum(p.amount) as paid
    from periksa.payments p
    cross join context x
    where p.period = x.period and p.paid_on <= x.as_of
    group by p.npp
), found as (
    select f.npp, count(*) as findings, sum(f.estimated_loss_idr) as loss
    from periksa.findings f
    join context x on x.run_id = f.run_id
    where f.npp is not null
    group by f.npp
), sections as (
    select d::smallint as division, s.section
    from periksa.kbli_sections s
    cross join generate_series(s.first_division::integer, s.last_division::integer) d
)
select
    x.run_id, e.npp, e.branch_code, e.region_code, k.kbli, e.scale, e.is_active,
    coalesce(r.workers, 0), coalesce(r.wages, 0),
    o.headcount, o.source, greatest(0, o.headcount - o.group_workers),
    coalesce(d.due, 0), coalesce(p.paid, 0), coalesce(ks.section, '?'),
    coalesce(f.findings, 0), coalesce(f.loss, 0)
from audit_employers e
cross join context x
join periksa.employers k on k.npp = e.npp
left join sections ks on ks.division = left(k.kbli, 2)::smallint
left join reported r on r.npp = e.npp
left join outside o on o.npp = e.npp
left join audit_due d on d.npp = e.npp and d.period = x.period
left join paid p on p.npp = e.npp
left join found f on f.npp = e.npp;

-- Their statistics, when the history has grown by a fifth since the last (migration 0016).
select periksa.analyse_when_grown('periksa.run_employers'), periksa.analyse_when_grown('periksa.findings');
