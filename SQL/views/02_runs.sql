-- analytics.runs
-- Grain: one row per audit run.
-- Columns: run_id, period, as_of, status, is_latest, rules_version, parameters, started_at,
--   finished_at, run_by, findings_count, rupiah.
create view analytics.runs as
select r.run_id, r.period, r.as_of, r.status,
       r.run_id = (select max(l.run_id) from periksa.runs l where l.period = r.period and l.status = 'finished')
           as is_latest,
       r.rules_version, r.parameters, r.started_at, r.finished_at, r.run_by, r.findings_count, r.rupiah
from periksa.runs r;

comment on view analytics.runs is 'One row per audit run: period, as-of date, parameters, counts and rupiah per category.';
comment on column analytics.runs.run_id is 'The run.';
comment on column analytics.runs.period is 'The audited month (first day).';
comment on column analytics.runs.as_of is 'Payments made up to this day count.';
comment on column analytics.runs.status is 'running or finished.';
comment on column analytics.runs.is_latest is 'True for the latest finished run of its period: the one the reports use.';
comment on column analytics.runs.rules_version is 'Hash of the rule files the run applied.';
comment on column analytics.runs.parameters is 'The thresholds the run applied (JSON).';
comment on column analytics.runs.started_at is 'When the run started.';
comment on column analytics.runs.finished_at is 'When the run finished.';
comment on column analytics.runs.run_by is 'The database login that ran it.';
comment on column analytics.runs.findings_count is 'Findings per category (JSON).';
comment on column analytics.runs.rupiah is 'Estimated loss per category (JSON).';
