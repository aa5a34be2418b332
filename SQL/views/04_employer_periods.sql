-- analytics.employer_periods
-- Grain: one row per registered employer and month with a wage report, an outside headcount
--   or a payment.
-- Columns: npp, period, branch_code, region_code, workers, wages, wlkp, pajak, pemda, oss,
--   audited_run_id, due, paid, paid_by_due_date, outstanding.
-- Materialised (periksa.employer_periods_store): each audit recomputes its month, `periksa db
--   refresh` every month (or those given), `periksa import --refresh` the months of its file.
--   due comes from the latest run of the month (null when not audited).
-- Inspectors see the employers of their branches only.
-- The store: a table kept per month, so that an import or an audit recomputes only the months
-- it touched (periksa.refresh_employer_periods); `periksa db refresh` recomputes all.
create table periksa.employer_periods_store (
    npp                text not null,
    period             date not null,
    branch_code        text not null,
    region_code        text not null,
    workers            integer not null,
    wages              numeric not null,
    wlkp               integer,
    pajak              integer,
    pemda              integer,
    oss                integer,
    audited_run_id     bigint,
    due                numeric,
    paid               numeric not null,
    paid_by_due_date   numeric not null,
    outstanding        numeric,
    primary key (npp, period)
);

-- Recomputes the months `months` of the store (null: every month); returns the rows written.
create function periksa.refresh_employer_periods(months date[]) returns bigint
language plpgsql
-- Planned with the months known, so that only their partitions are read.
set plan_cache_mode = force_custom_plan
as $fn$
declare
    written bigint;
begin
    -- Workers and wages come from the sums the import keeps per employer and month; a month
    -- whose sums are not current (its rows written other than by `periksa import`) is
    -- recomputed first.
    perform periksa.compute_month_due(m.period)
    from (select case when c.relname ~ '^contributions_[0-9]{4}_[0-9]{2}$'
                      then to_date(right(c.relname, 7), 'YYYY_MM') end as period
          from pg_inherits i join pg_class c on c.oid = i.inhrelid
          where i.inhparent = 'periksa.contributions'::regclass) m
    where m.period is not null and (months is null or m.period = any(months))
      and not exists (select 1 from periksa.due_months d where d.period = m.period)
      and periksa.month_has_data(m.period);
    if months is null then
        truncate periksa.employer_periods_store;
    else
        delete from periksa.employer_periods_store where period = any(months);
    end if;
    insert into periksa.employer_periods_store
with reported as (
    select npp, period, workers, wages
    from periksa.employer_month_due
    where months is null or period = any(months)
), matched as (
    -- Each outside record on the employers it names: by NPP, NPWP or NIB.
    select e.npp, w.source, w.unit_key, w.period, w.headcount from periksa.workforce w join periksa.employers e on e.npp = w.npp
    where months is null or w.period = any(months)
    union
    select e.npp, w.source, w.unit_key, w.period, w.headcount from periksa.workforce w join periksa.employers e on e.npwp = w.npwp
    where months is null or w.period = any(months)
    union
    select e.npp, w.source, w.unit_key, w.period, w.headcount from periksa.workforce w join periksa.employers e on e.nib = w.nib
    where months is null or w.period = any(months)
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
    where months is null or period = any(months)
    group by npp, period
), audited as (
    select distinct on (r.period) r.run_id, r.period
    from periksa.runs r
    where r.status = 'finished' and exists (select 1 from periksa.run_employers x where x.run_id = r.run_id)
    order by r.period, r.run_id desc
), audited_due as (
    -- The due of the latest run of each month, read through the run's key only.
    select a.run_id, a.period, re.npp, re.due
    from audited a
    join periksa.run_employers re on re.run_id = a.run_id
    where months is null or a.period = any(months)
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
left join audited_due re on re.period = k.period and re.npp = k.npp;
    get diagnostics written = row_count;
    return written;
end
$fn$;

select periksa.refresh_employer_periods(null);

create view analytics.employer_periods as
select * from periksa.employer_periods_store
where (select analytics.sees_all()) or branch_code in (select analytics.my_branches());

comment on view analytics.employer_periods is
    'One row per registered employer and month: workers and wages reported, outside headcounts per source, contributions due (audited months), paid, outstanding. Materialised: each audit recomputes its month, periksa db refresh every month (or those given), periksa import --refresh the months of its file.';
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
