-- Not a rule: the run's figures per registered employer (periksa.run_employers), which the
-- compliance report and the analytics views read instead of the raw wage rows. Runs after
-- the rules: it reuses their temporary tables (audit_rows, audit_group_stats, audit_matches,
-- audit_due).
insert into periksa.run_employers (
    run_id, npp, branch_code, region_code, kbli, scale, is_active, workers, wages,
    outside_headcount, outside_source, uncovered, due, paid)
with context as (
    select * from audit_context
), reported as (
    select npp, count(distinct nik)::integer as workers, sum(wage) as wages
    from audit_rows
    group by npp
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
)
select
    x.run_id, e.npp, e.branch_code, e.region_code, k.kbli, e.scale, e.is_active,
    coalesce(r.workers, 0), coalesce(r.wages, 0),
    o.headcount, o.source, greatest(0, o.headcount - o.group_workers),
    coalesce(d.due, 0), coalesce(p.paid, 0)
from audit_employers e
cross join context x
join periksa.employers k on k.npp = e.npp
left join reported r on r.npp = e.npp
left join outside o on o.npp = e.npp
left join audit_due d on d.npp = e.npp and d.period = x.period
left join paid p on p.npp = e.npp;
