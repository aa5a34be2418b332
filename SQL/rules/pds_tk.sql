-- PDS_TK: workers not registered. For each group g (01_prepare.sql) with at least one outside
-- record of P counting for it:
--   H(g)   = the largest headcount among those records; its source (ties: wlkp, pajak, pemda, oss)
--   W(g)   = the distinct NIK the group's members reported for P (0 when none)
--   gap(g) = H(g) − W(g)
--   flagged when gap(g) ≥ pds_tk.min_gap (default 2) and gap(g) ≥ pds_tk.min_ratio (default
--   0.10) × H(g), compared exactly
--   loss   = gap(g) × c(b, mandatory programmes of the lead's scale), with the rates of P and
--            the lead's risk group; 0 when b is unknown (the finding stands)
--   b      = the median of the wages of the group's reported rows (one value per row): the
--            middle value for an odd count; for an even one, the mean of the two middle values
--            rounded to whole rupiah, halves away from zero; when the group reported no one,
--            the lead's minimum wage M(lead)
-- One finding per group, on the lead's NPP. Evidence: group, the other members, headcount,
-- source, reported_workers, gap, median_wage, minimum_wage, and every record counting for g.
insert into audit_findings (category, npp, source_ref, estimated_loss_idr, evidence)
with context as (
    select * from periksa.audit_run
), best as (
    -- H(g): the largest headcount; its source (ties: wlkp, pajak, pemda, oss).
    select distinct on (group_key) group_key, source, headcount
    from audit_matches
    order by group_key, headcount desc, source_rank
), gaps as (
    select b.group_key, b.source, b.headcount, coalesce(s.workers, 0) as workers,
           b.headcount - coalesce(s.workers, 0) as gap
    from best b
    left join audit_group_stats s using (group_key)
), flagged as (
    select g.*
    from gaps g
    cross join context x
    where g.gap >= x.pds_tk_min_gap and g.gap >= x.pds_tk_min_ratio * g.headcount
), ranked as (
    -- The reported wages of the flagged groups, one per row, for the median.
    select g.group_key, c.wage,
           row_number() over (partition by g.group_key order by c.wage) as position,
           count(*) over (partition by g.group_key) as n
    from periksa.contributions c
    join audit_groups g on g.npp = c.npp
    join flagged f on f.group_key = g.group_key
    where c.period = (select period from context)
), medians as (
    select group_key,
           case when max(n) % 2 = 1 then max(wage) filter (where position = (n + 1) / 2)
                else round((max(wage) filter (where position = n / 2) + max(wage) filter (where position = n / 2 + 1)) / 2)
           end as median
    from ranked
    group by group_key
), evidence_records as (
    -- The records of the flagged groups only.
    select m.group_key, jsonb_agg(jsonb_build_object(
        'source', m.source, 'headcount', m.headcount,
        'identifier', coalesce('npp:' || m.npp, 'npwp:' || m.npwp, 'nib:' || m.nib)) order by m.source_rank, m.headcount desc) as records
    from audit_matches m
    join flagged f on f.group_key = m.group_key
    group by m.group_key
), members as (
    select g.group_key, g.lead_npp,
           coalesce(array_agg(g.npp order by g.npp) filter (where g.npp <> g.lead_npp), '{}') as others
    from audit_groups g
    join flagged f on f.group_key = g.group_key
    group by g.group_key, g.lead_npp
), priced as (
    select f.*, mb.lead_npp, mb.others, e.scale, e.minimum_wage, md.median,
           coalesce(md.median, e.minimum_wage) as wage_basis,
           f.gap * coalesce(periksa.contribution(coalesce(md.median, e.minimum_wage),
               periksa.mandatory_programmes(e.scale), t.jkk, t.jkm, t.jht, t.jp, t.jp_cap), 0) as loss
    from flagged f
    join members mb using (group_key)
    join audit_employers e on e.npp = mb.lead_npp
    cross join context x
    join periksa.audit_rates t on t.period = x.period and t.risk_group = e.risk_group
    left join medians md using (group_key)
)
select
    'PDS_TK', p.lead_npp, null, p.loss,
    jsonb_build_object(
        'group', p.group_key, 'members', p.others, 'headcount', p.headcount, 'source', p.source,
        'reported_workers', p.workers, 'gap', p.gap, 'median_wage', p.median, 'minimum_wage', p.minimum_wage,
        'records', r.records)
from priced p
join evidence_records r using (group_key);
