-- analytics.coverage
-- Grain: one row per audited period (its latest run) and region, branch, KBLI section or scale.
-- Columns: run_id, period, dimension (region, branch, section, scale), key, active_employers,
--   employers_with_findings, compliance_rate, workers_reported, workers_not_reported,
--   coverage, estimated_loss_idr.
-- The compliance report's breakdowns. Inspectors see their branches' employers only.
create view analytics.coverage as
with latest as (
    select max(run_id) as run_id, period from periksa.runs where status = 'finished' group by period
), rows as (
    select e.run_id, l.period, e.region_code, e.branch_code, e.kbli_section as section, e.scale,
           e.is_active, e.workers, coalesce(e.uncovered, 0) as uncovered,
           e.estimated_loss_idr as rupiah,
           e.finding_count > 0 as flagged
    from periksa.run_employers e
    join latest l on l.run_id = e.run_id
    where (select analytics.sees_all()) or e.branch_code in (select analytics.my_branches())
)
select run_id, period,
       case when grouping(region_code) = 0 then 'region' when grouping(branch_code) = 0 then 'branch'
            when grouping(section) = 0 then 'section' else 'scale' end as dimension,
       coalesce(region_code, branch_code, section, scale) as key,
       count(*) filter (where is_active) as active_employers,
       count(*) filter (where flagged) as employers_with_findings,
       round(1 - count(*) filter (where flagged)::numeric / nullif(count(*) filter (where is_active), 0), 4) as compliance_rate,
       sum(workers) as workers_reported,
       sum(uncovered) as workers_not_reported,
       round(sum(workers)::numeric / nullif(sum(workers) + sum(uncovered), 0), 4) as coverage,
       sum(rupiah) as estimated_loss_idr
from rows
group by grouping sets ((run_id, period, region_code), (run_id, period, branch_code), (run_id, period, section),
                        (run_id, period, scale));

comment on view analytics.coverage is
    'Per audited period (latest run) and region, branch, KBLI section or scale: employers, findings, compliance rate, workers reported and not, coverage, rupiah.';
comment on column analytics.coverage.run_id is 'The latest finished run of the period.';
comment on column analytics.coverage.period is 'The audited month.';
comment on column analytics.coverage.dimension is 'region, branch, section or scale.';
comment on column analytics.coverage.key is 'The region code, branch code, KBLI section or scale.';
comment on column analytics.coverage.active_employers is 'Active registered employers.';
comment on column analytics.coverage.employers_with_findings is 'Employers with at least one finding.';
comment on column analytics.coverage.compliance_rate is '1 − employers with findings ÷ active employers.';
comment on column analytics.coverage.workers_reported is 'Workers reported for the period.';
comment on column analytics.coverage.workers_not_reported is 'Workers seen by an outside source and not reported (max(0, H − W) per group).';
comment on column analytics.coverage.coverage is 'workers_reported ÷ (workers_reported + workers_not_reported).';
comment on column analytics.coverage.estimated_loss_idr is 'Sum of the findings'' rupiah (PWBD excluded).';
