-- analytics.findings_all_runs
-- Grain: one row per finding of any finished run (a category and an employer or unregistered
--   business).
-- Columns: run_id, period, is_latest, category, npp, source_ref, branch_code, region_code,
--   estimated_loss_idr, reason, evidence (NIK masked).
-- analytics.findings: the same for the latest finished run of each period only, the figures
--   `periksa findings --period` gives.
-- Inspectors see the findings of their branches' employers, and the unregistered businesses of
--   their regions.
create view analytics.findings_all_runs as
with latest as (
    select period, max(run_id) as run_id from periksa.runs where status = 'finished' group by period
)
select f.run_id, f.period, f.run_id = l.run_id as is_latest,
       f.category, f.npp, f.source_ref, e.branch_code,
       coalesce(e.region_code, f.evidence->>'region_code') as region_code,
       f.estimated_loss_idr, f.reason, analytics.mask_evidence(f.evidence) as evidence
from periksa.findings f
join latest l on l.period = f.period
join periksa.runs r on r.run_id = f.run_id and r.status = 'finished'
left join periksa.employers e on e.npp = f.npp
where (select analytics.sees_all())
   or e.branch_code in (select analytics.my_branches())
   or (f.npp is null and f.evidence->>'region_code' in (select analytics.my_regions()));

comment on view analytics.findings_all_runs is 'One row per finding of every finished run; evidence with NIK masked.';
comment on column analytics.findings_all_runs.run_id is 'The run that found it.';
comment on column analytics.findings_all_runs.period is 'The audited month (first day).';
comment on column analytics.findings_all_runs.is_latest is 'True when the run is the latest finished run of its period.';
comment on column analytics.findings_all_runs.category is 'PDS_TK, PDS_UPAH, PDS_PROGRAM, PWBD or TUNGGAKAN.';
comment on column analytics.findings_all_runs.npp is 'The employer (null for PWBD).';
comment on column analytics.findings_all_runs.source_ref is 'PWBD: the business''s identifier (npwp:…, nib:…).';
comment on column analytics.findings_all_runs.branch_code is 'The employer''s branch office (null for PWBD).';
comment on column analytics.findings_all_runs.region_code is 'The employer''s or the business''s region.';
comment on column analytics.findings_all_runs.estimated_loss_idr is 'Contributions at stake, whole rupiah (docs/rules.md).';
comment on column analytics.findings_all_runs.reason is 'One-line reason, in Bahasa Indonesia.';
comment on column analytics.findings_all_runs.evidence is 'Structured evidence (JSON), NIK masked.';

create view analytics.findings as
select run_id, period, category, npp, source_ref, branch_code, region_code, estimated_loss_idr, reason, evidence
from analytics.findings_all_runs
where is_latest;

comment on view analytics.findings is 'The findings of the latest finished run of each period (as periksa findings --period).';
comment on column analytics.findings.run_id is 'The latest finished run of the period.';
comment on column analytics.findings.period is 'The audited month (first day).';
comment on column analytics.findings.category is 'PDS_TK, PDS_UPAH, PDS_PROGRAM, PWBD or TUNGGAKAN.';
comment on column analytics.findings.npp is 'The employer (null for PWBD).';
comment on column analytics.findings.source_ref is 'PWBD: the business''s identifier.';
comment on column analytics.findings.branch_code is 'The employer''s branch office.';
comment on column analytics.findings.region_code is 'The employer''s or the business''s region.';
comment on column analytics.findings.estimated_loss_idr is 'Contributions at stake, whole rupiah.';
comment on column analytics.findings.reason is 'One-line reason.';
comment on column analytics.findings.evidence is 'Structured evidence (JSON), NIK masked.';
