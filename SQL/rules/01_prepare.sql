-- The preparation every rule shares, for one audit run: the run's rates and JP caps, kept in
-- periksa.run_rates, and temporary tables of the run's transaction. Every rule reads the run's
-- context from periksa.audit_run (one row: run_id, period P, period_end, as_of, window_start =
-- P − 11 months, and the run's parameters), the run record named by the setting periksa.run_id
-- that `periksa audit` sets for its transaction. The rules are stated in full in docs/rules.md.
--
-- rates(p, g), for each month p of P−11…P and JKK risk group g = 1…5: each programme's rate in
--   force on the first day of p (before the earliest effective date, the earliest) and the JP
--   cap in force that day (caps change on 1 March).
-- c(w, S) = Σ over the programmes of S of round(w × rate), JP on min(w, JP cap), JKP 0: each
--   programme rounded to whole rupiah on its own, halves away from zero (periksa.contribution;
--   periksa.contribution_cents is the same in integer arithmetic).
-- Active employer: status 'aktif' and registered_on ≤ period_end.
-- M(e): the UMK of e's region for the year of P, else the UMP of its province (the region's
--   first two digits); null when neither is known.
-- Groups: active employers sharing an NPWP (key npwp:<NPWP>); an active employer without one
--   is a group of one (key npp:<NPP>). Lead: the earliest registered_on, then the smallest NPP.
-- Reported rows: the contribution rows of P of active employers. Per employer and month, the
--   number of workers, the wages and per programme Σ round(base × rate) over the rows are kept
--   by the import (periksa.employer_month_due; JKK for each risk group), so that
--   c summed over e's rows for any set S = Σ over S of those sums (periksa.month_due).
-- W(g) = count(distinct NIK) over the members' rows; R(g) = Σ wage over those rows.
-- An outside record of P hits the registered employer (any status) with its NPP, else one with
--   its NPWP, else one with its NIB (several: the earliest registered, then the smallest NPP).
-- A record that hits counts for the active group of the hit employer's NPWP when that employer
--   has one, else for the hit employer's own group when it is active, else for no group. A
--   record that hits no one is a PWBD candidate (pwbd.sql).
-- Source order, for ties: wlkp, pajak, pemda, oss (source_rank 1…4).
-- audit_findings receives each rule's facts: category, npp or source_ref, estimated_loss_idr
--   (whole rupiah ≥ 0) and evidence (JSON); `periksa audit` renders the reasons from them.

-- Rates and the JP cap of each month of the twelve-month window, per JKK risk group, kept
-- with the run (the rules read them through periksa.audit_rates).
insert into periksa.run_rates
with months as (
    select generate_series(c.window_start, c.period, interval '1 month')::date as period
    from periksa.audit_run c
), risk_groups as (
    select generate_series(1, 5)::smallint as risk_group
), rates as (
    select
        m.period, g.risk_group,
        periksa.rate_on('JKK', g.risk_group, m.period) as jkk,
        periksa.rate_on('JKM', null, m.period) as jkm,
        periksa.rate_on('JHT', null, m.period) as jht,
        periksa.rate_on('JP', null, m.period) as jp,
        periksa.jp_cap_on(m.period) as jp_cap
    from months m
    cross join risk_groups g
)
select
    c.run_id, r.period, r.risk_group, r.jkk, r.jkm, r.jht, r.jp, r.jp_cap,
    (r.jkk * 1000000)::bigint, (r.jkm * 1000000)::bigint, (r.jht * 1000000)::bigint, (r.jp * 1000000)::bigint,
    (r.jp_cap * 100)::bigint
from rates r
cross join periksa.audit_run c;

analyze periksa.run_rates;

-- Every registered employer, whether it is active in P, and its minimum wage M(e): the UMK
-- of its region for the year of P, else the UMP of its province.
create temp table audit_employers on commit drop as
select
    e.npp, e.name, e.npwp, e.nib, e.scale, e.risk_group, e.region_code, e.branch_code, e.programs,
    e.registered_on,
    e.status = 'aktif' and e.registered_on <= c.period_end as is_active,
    coalesce(umk.amount, ump.amount) as minimum_wage
from periksa.employers e
cross join periksa.audit_run c
left join periksa.minimum_wages umk
    on umk.region_code = e.region_code and umk.year = extract(year from c.period)
left join periksa.minimum_wages ump
    on ump.region_code = left(e.region_code, 2) and ump.year = extract(year from c.period);

create unique index on audit_employers (npp);
analyze audit_employers;

-- Groups: active employers sharing an NPWP; an active employer with none is a group of one.
-- The lead: the earliest registered, then the smallest NPP.
create temp table audit_groups on commit drop as
with keyed as (
    select npp, registered_on, coalesce('npwp:' || npwp, 'npp:' || npp) as group_key
    from audit_employers
    where is_active
)
select
    npp,
    group_key,
    first_value(npp) over (partition by group_key order by registered_on, npp) as lead_npp
from keyed;

create unique index on audit_groups (npp);
create index on audit_groups (group_key);
analyze audit_groups;

-- The sums of P of active employers (periksa.employer_month_due, recomputed first by
-- `periksa audit` for any month of the window that was not current), with their group.
create temp table audit_month on commit drop as
select d.*, g.group_key
from periksa.employer_month_due d
join audit_groups g on g.npp = d.npp
where d.period = (select period from periksa.audit_run);

create unique index on audit_month (npp);
analyze audit_month;

-- W(g): distinct NIK over the members; R(g): the sum of every row's wage. A group of one
-- counts its sums (a NIK appears once per employer and month: the import rejects a second);
-- a group of several counts its members' wage rows of P.
create temp table audit_group_stats on commit drop as
with sizes as (
    select group_key, count(*) as members from audit_groups group by group_key
)
select m.group_key, m.workers::bigint as workers, m.wages
from audit_month m
join sizes s on s.group_key = m.group_key and s.members = 1
union all
select g.group_key, count(distinct c.nik), sum(c.wage)
from periksa.contributions c
join audit_groups g on g.npp = c.npp
join sizes s on s.group_key = g.group_key and s.members > 1
where c.period = (select period from periksa.audit_run)
group by g.group_key;

create unique index on audit_group_stats (group_key);
analyze audit_group_stats;

-- The outside records of P and the registered employer each hits first: by NPP, else by
-- NPWP, else by NIB (several with that NIB: the earliest registered, then the smallest NPP).
create temp table audit_records on commit drop as
select
    row_number() over (order by w.source, w.unit_key) as record_id,
    w.source,
    array_position(array['wlkp', 'pajak', 'pemda', 'oss'], w.source) as source_rank,
    w.npp, w.npwp, w.nib, w.name, w.region_code, w.headcount, w.wage_bill,
    coalesce(
        (select e.npp from periksa.employers e where e.npp = w.npp),
        (select e.npp from periksa.employers e where e.npwp = w.npwp order by e.registered_on, e.npp limit 1),
        (select e.npp from periksa.employers e where e.nib = w.nib order by e.registered_on, e.npp limit 1)
    ) as hit_npp
from periksa.workforce w
where w.period = (select period from periksa.audit_run);

-- The group each matched record counts for: the active group sharing the hit employer's
-- NPWP, or the hit employer's own group when it is active and has no NPWP; else none.
create temp table audit_matches on commit drop as
select r.*, g.group_key
from audit_records r
join audit_employers h on h.npp = r.hit_npp
join audit_groups g
    on g.group_key = case when h.npwp is not null then 'npwp:' || h.npwp
                          when h.is_active then 'npp:' || h.npp end
   and g.npp = g.lead_npp;

analyze audit_matches;

-- What the rules find, as facts only (rupiah and evidence). `periksa audit` renders each
-- finding's reason from its evidence and keeps both in periksa.findings.
create temp table audit_findings (
    finding_id          bigint generated always as identity,
    category            text not null,
    npp                 text,
    source_ref          text,
    estimated_loss_idr  bigint not null,
    evidence            jsonb not null
) on commit drop;
