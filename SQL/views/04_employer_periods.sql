-- analytics.employer_periods
-- Grain: one row per registered employer and month with a wage report, an outside headcount
--   or a payment.
-- Columns: npp, period, branch_code, region_code, workers, wages, wlkp, pajak, pemda, oss,
--   audited_run_id, due, paid, paid_by_due_date, outstanding.
-- Materialised (periksa.employer_periods_store): refreshed after each import and audit
--   (`periksa db refresh`). due comes from the latest run of the month (null when not audited).
-- Inspectors see the employers of their branches only.
create materialized view periksa.employer_periods_store as
with reported as (
    select npp, period, count(*)::integer as workers, sum(wage) as wages
    from periksa.contributions
    group by npp, period
), matched as (
    -- Each outside record on the employers it names: by NPP, NPWP or NIB.
    select e.npp, w.source, w.unit_key, w.period, w.headcount from periksa.workforce w join periksa.employers e on e.npp = w.npp
    union
    select e.npp, w.source, w.unit_key, w.period, w.headcount from periksa.workforce w join periksa.employers e on e.npwp = w.npwp
    union
    select e.npp, w.source, w.unit_key, w.period, w.headcount from periksa.workforce w join periksa.employers e on e.nib = w.nib
), sources as (
    select npp, period,
           max(headcount) filter (where source = 'wlkp') as wlkp, max(headcount) filter (where source = 'pajak') as pajak,
           max(headcount) filter (where source = 'pemda') as pemda, max(headcount) filter (where source = 'oss') as oss
    from matched
    group by npp, period
), paid as (
    select npp, period, sum(amount) as paid,
           sum(amount) filter (where paid_on <= (period + interval '1 month 14 days')::date) as paid_by_due_date
    from periksa.payments
    group by npp, period
), audited as (
    select distinct on (r.period) r.run_id, r.period
    from periksa.runs r
    where r.status = 'finished' and exists (select 1 from periksa.run_employers x where x.run_id = r.run_id)
    order by r.period, r.run_id desc
), keys as (
    select npp, period from reported union select npp, period from sources union select npp, period from paid
)
select k.npp, k.period, e.branch_code, e.region_code,
       coalesce(r.workers, 0) as workers, coalesce(r.wages, 0) as wages,
       s.wlkp, s.pajak, s.pemda, s.oss,
       a.run_id as audited_run_id, re.due,
       coalesce(p.paid, 0) as paid, coalesce(p.paid_by_due_date, 0) as paid_by_due_date,
       greatest(0, re.due - coalesce(p.paid, 0)) as outstanding
from keys k
join periksa.employers e on e.npp = k.npp
left join reported r on r.npp = k.npp and r.period = k.period
left join sources s on s.npp = k.npp and s.period = k.period
left join paid p on p.npp = k.npp and p.period = k.period
left join audited a on a.period = k.period
left join periksa.run_employers re on re.run_id = a.run_id and re.npp = k.npp;

create unique index employer_periods_store_key on periksa.employer_periods_store (npp, period);

create view analytics.employer_periods as
select * from periksa.employer_periods_store where analytics.visible_branch(branch_code);

comment on view analytics.employer_periods is
    'One row per registered employer and month: workers and wages reported, outside headcounts per source, contributions due (audited months), paid, outstanding. Materialised; refreshed after each import and audit.';
comment on column analytics.employer_periods.npp is 'The employer.';
comment on column analytics.employer_periods.period is 'The month (first day).';
comment on column analytics.employer_periods.branch_code is 'The employer''s branch office.';
comment on column analytics.employer_periods.region_code is 'The employer''s region.';
comment on column analytics.employer_periods.workers is 'Workers (distinct NIK) reported for the month.';
comment on column analytics.employer_periods.wages is 'Sum of the wages reported for the month.';
comment on column analytics.employer_periods.wlkp is 'Headcount per WLKP (Ministry of Manpower), null when none.';
comment on column analytics.employer_periods.pajak is 'Headcount per tax withholding (DJP), null when none.';
comment on column analytics.employer_periods.pemda is 'Headcount per local government, null when none.';
comment on column analytics.employer_periods.oss is 'Headcount per OSS licensing, null when none.';
comment on column analytics.employer_periods.audited_run_id is 'The latest run of the month, null when not audited.';
comment on column analytics.employer_periods.due is 'Contributions due at that run''s rates, null when not audited.';
comment on column analytics.employer_periods.paid is 'Payments for the month, to date.';
comment on column analytics.employer_periods.paid_by_due_date is 'Payments for the month made by its due date (the 15th of the next month).';
comment on column analytics.employer_periods.outstanding is 'max(0, due − paid), null when not audited.';
