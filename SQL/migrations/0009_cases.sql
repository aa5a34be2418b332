-- 0009: cases. A case follows one employer from the audit run that flagged it through the
-- inspection, the written warnings, the fine, the request to the local government (TMP2T) and
-- the referral to the state attorney, until the employer complies or the case is closed
-- (docs/cases.md). Also: the holidays of 2023 and 2024, and the first import of each
-- employer-month's wage rows next to its sums (the month a case's added contributions count
-- from is the latest one imported by a given date).

insert into periksa.holidays (day, kind, name, source)
select d::date, k, n, s
from (values
    ('2023-01-01', 'libur_nasional', 'Tahun Baru 2023 Masehi', 'a'),
    ('2023-01-22', 'libur_nasional', 'Tahun Baru Imlek 2574 Kongzili', 'a'),
    ('2023-01-23', 'cuti_bersama', 'Cuti bersama Tahun Baru Imlek', 'a'),
    ('2023-02-18', 'libur_nasional', 'Isra Mikraj Nabi Muhammad SAW', 'a'),
    ('2023-03-22', 'libur_nasional', 'Hari Suci Nyepi (Tahun Baru Saka 1945)', 'a'),
    ('2023-03-23', 'cuti_bersama', 'Cuti bersama Hari Suci Nyepi', 'a'),
    ('2023-04-07', 'libur_nasional', 'Wafat Yesus Kristus', 'a'),
    ('2023-04-19', 'cuti_bersama', 'Cuti bersama Idul Fitri', 'b'),
    ('2023-04-20', 'cuti_bersama', 'Cuti bersama Idul Fitri', 'b'),
    ('2023-04-21', 'cuti_bersama', 'Cuti bersama Idul Fitri', 'b'),
    ('2023-04-22', 'libur_nasional', 'Idul Fitri 1444 H', 'a'),
    ('2023-04-23', 'libur_nasional', 'Idul Fitri 1444 H', 'a'),
    ('2023-04-24', 'cuti_bersama', 'Cuti bersama Idul Fitri', 'b'),
    ('2023-04-25', 'cuti_bersama', 'Cuti bersama Idul Fitri', 'b'),
    ('2023-05-01', 'libur_nasional', 'Hari Buruh Internasional', 'a'),
    ('2023-05-18', 'libur_nasional', 'Kenaikan Yesus Kristus', 'a'),
    ('2023-06-01', 'libur_nasional', 'Hari Lahir Pancasila', 'a'),
    ('2023-06-02', 'cuti_bersama', 'Cuti bersama Hari Raya Waisak', 'a'),
    ('2023-06-04', 'libur_nasional', 'Hari Raya Waisak 2567 BE', 'a'),
    ('2023-06-28', 'cuti_bersama', 'Cuti bersama Idul Adha', 'c'),
    ('2023-06-29', 'libur_nasional', 'Idul Adha 1444 H', 'a'),
    ('2023-06-30', 'cuti_bersama', 'Cuti bersama Idul Adha', 'c'),
    ('2023-07-19', 'libur_nasional', 'Tahun Baru Islam 1445 H', 'a'),
    ('2023-08-17', 'libur_nasional', 'Proklamasi Kemerdekaan', 'a'),
    ('2023-09-28', 'libur_nasional', 'Maulid Nabi Muhammad SAW', 'a'),
    ('2023-12-25', 'libur_nasional', 'Kelahiran Yesus Kristus', 'a'),
    ('2023-12-26', 'cuti_bersama', 'Cuti bersama Kelahiran Yesus Kristus', 'a'),
    ('2024-01-01', 'libur_nasional', 'Tahun Baru 2024 Masehi', 'd'),
    ('2024-02-08', 'libur_nasional', 'Isra Mikraj Nabi Muhammad SAW', 'd'),
    ('2024-02-09', 'cuti_bersama', 'Cuti bersama Tahun Baru Imlek', 'd'),
    ('2024-02-10', 'libur_nasional', 'Tahun Baru Imlek 2575 Kongzili', 'd'),
    ('2024-03-11', 'libur_nasional', 'Hari Suci Nyepi (Tahun Baru Saka 1946)', 'd'),
    ('2024-03-12', 'cuti_bersama', 'Cuti bersama Hari Suci Nyepi', 'd'),
    ('2024-03-29', 'libur_nasional', 'Wafat Yesus Kristus', 'd'),
    ('2024-03-31', 'libur_nasional', 'Kebangkitan Yesus Kristus (Paskah)', 'd'),
    ('2024-04-08', 'cuti_bersama', 'Cuti bersama Idul Fitri', 'd'),
    ('2024-04-09', 'cuti_bersama', 'Cuti bersama Idul Fitri', 'd'),
    ('2024-04-10', 'libur_nasional', 'Idul Fitri 1445 H', 'd'),
    ('2024-04-11', 'libur_nasional', 'Idul Fitri 1445 H', 'd'),
    ('2024-04-12', 'cuti_bersama', 'Cuti bersama Idul Fitri', 'd'),
    ('2024-04-15', 'cuti_bersama', 'Cuti bersama Idul Fitri', 'd'),
    ('2024-05-01', 'libur_nasional', 'Hari Buruh Internasional', 'd'),
    ('2024-05-09', 'libur_nasional', 'Kenaikan Yesus Kristus', 'd'),
    ('2024-05-10', 'cuti_bersama', 'Cuti bersama Kenaikan Yesus Kristus', 'd'),
    ('2024-05-23', 'libur_nasional', 'Hari Raya Waisak 2568 BE', 'd'),
    ('2024-05-24', 'cuti_bersama', 'Cuti bersama Hari Raya Waisak', 'd'),
    ('2024-06-01', 'libur_nasional', 'Hari Lahir Pancasila', 'd'),
    ('2024-06-17', 'libur_nasional', 'Idul Adha 1445 H', 'd'),
    ('2024-06-18', 'cuti_bersama', 'Cuti bersama Idul Adha', 'd'),
    ('2024-07-07', 'libur_nasional', 'Tahun Baru Islam 1446 H', 'd'),
    ('2024-08-17', 'libur_nasional', 'Proklamasi Kemerdekaan', 'd'),
    ('2024-09-16', 'libur_nasional', 'Maulid Nabi Muhammad SAW', 'd'),
    ('2024-12-25', 'libur_nasional', 'Kelahiran Yesus Kristus', 'd'),
    ('2024-12-26', 'cuti_bersama', 'Cuti bersama Kelahiran Yesus Kristus', 'd')
) as h (d, k, n, decree)
cross join lateral (select case decree
    when 'a' then 'SKB Menag, Menaker dan MenPANRB No. 1066, 3 dan 4 Tahun 2022'
    when 'b' then 'SKB Menag, Menaker dan MenPANRB No. 327, 1 dan 1 Tahun 2023 (perubahan SKB No. 1066, 3 dan 4 Tahun 2022)'
    when 'c' then 'SKB Menag, Menaker dan MenPANRB No. 624, 2 dan 2 Tahun 2023 (perubahan kedua SKB No. 1066, 3 dan 4 Tahun 2022)'
    else 'SKB Menag, Menaker dan MenPANRB No. 855, 3 dan 4 Tahun 2023' end as s) x;

-- The last year the holidays are listed for: a deadline after it counts every weekday and is
-- shown as provisional.
create or replace function periksa.holidays_listed_until() returns date
language sql stable as $$
    select (date_trunc('year', max(day)) + interval '1 year - 1 day')::date from periksa.holidays
$$;

comment on function periksa.holidays_listed_until() is
    'The last day of the last year periksa.holidays lists: working days after it skip weekends only.';

-- months(from, to): the smallest n ≥ 1 with from + n months ≥ to (adding months keeps the day,
-- clamped to the month's end), the count TUNGGAKAN's fine uses.
create or replace function periksa.months_after(from_day date, to_day date) returns integer
language sql immutable parallel safe as $$
    select greatest(1, case when from_day + make_interval(months => z.n) >= to_day then z.n else z.n + 1 end)
    from (select ((extract(year from to_day) * 12 + extract(month from to_day))
                - (extract(year from from_day) * 12 + extract(month from from_day)))::int as n) z
$$;

comment on function periksa.months_after(date, date) is
    'The smallest n ≥ 1 with from + n months ≥ to (month arithmetic clamps to the month''s last day).';

-- The first import of an employer-month's wage rows (the case figures count a month as
-- imported by a date when that import finished by then). Null for sums kept before this column.
alter table periksa.employer_month_due add column import_id bigint;

create or replace function periksa.compute_month_due(month date, npps text[] default null) returns bigint
language plpgsql security definer
set plan_cache_mode = force_custom_plan
set search_path = pg_catalog, pg_temp
as $fn$
declare
    r record;
    written bigint;
begin
    select * into r from periksa.month_rates(month);
    if to_regclass(format('periksa.employer_month_due_%s', to_char(month, 'YYYY_MM'))) is null then
        execute format(
            'create table periksa.%I partition of periksa.employer_month_due for values from (%L) to (%L)',
            format('employer_month_due_%s', to_char(month, 'YYYY_MM')), month, (month + interval '1 month')::date);
    end if;
    if npps is null then
        execute format('truncate periksa.%I', format('employer_month_due_%s', to_char(month, 'YYYY_MM')));
    else
        delete from periksa.employer_month_due where period = month and npp = any(npps);
    end if;
    insert into periksa.employer_month_due
        (npp, period, workers, wages, jkk1, jkk2, jkk3, jkk4, jkk5, jkm, jht, jp, import_id)
    select c.npp, c.period, count(distinct c.nik)::integer, sum(c.wage),
           sum((c.cents * r.jkk1 + 50000000) / 100000000), sum((c.cents * r.jkk2 + 50000000) / 100000000),
           sum((c.cents * r.jkk3 + 50000000) / 100000000), sum((c.cents * r.jkk4 + 50000000) / 100000000),
           sum((c.cents * r.jkk5 + 50000000) / 100000000), sum((c.cents * r.jkm + 50000000) / 100000000),
           sum((c.cents * r.jht + 50000000) / 100000000),
           sum((least(c.cents, r.jp_cap_cents) * r.jp + 50000000) / 100000000),
           min(c.import_id)
    from (select npp, period, nik, wage, (wage * 100)::bigint as cents, import_id
          from periksa.contributions
          where period = month and (npps is null or npp = any(npps))) c
    group by c.npp, c.period;
    get diagnostics written = row_count;
    if npps is null then
        insert into periksa.due_months (period, jkk1, jkk2, jkk3, jkk4, jkk5, jkm, jht, jp, jp_cap_cents)
        values (month, r.jkk1, r.jkk2, r.jkk3, r.jkk4, r.jkk5, r.jkm, r.jht, r.jp, r.jp_cap_cents)
        on conflict (period) do update set
            jkk1 = excluded.jkk1, jkk2 = excluded.jkk2, jkk3 = excluded.jkk3, jkk4 = excluded.jkk4,
            jkk5 = excluded.jkk5, jkm = excluded.jkm, jht = excluded.jht, jp = excluded.jp,
            jp_cap_cents = excluded.jp_cap_cents, computed_at = now();
    end if;
    return written;
end
$fn$;

-- A case: one employer, from one run, as it was at opening.
create table periksa.cases (
    case_id       bigint generated always as identity primary key,
    npp           text not null references periksa.employers,
    branch_code   text not null,
    run_id        bigint not null references periksa.runs,
    period        date not null,
    selection     text not null check (selection in ('targeted', 'control')),
    opened_on     date not null,
    categories    text[] not null,
    at_stake_idr  bigint not null check (at_stake_idr >= 0),
    -- the latest event's state and deadline (kept with each event, see periksa.case_events)
    state         text not null default 'dibuka'
                  check (state in ('dibuka', 'diperiksa', 'sp1', 'sp2', 'denda', 'tmp2t', 'dirujuk', 'selesai', 'ditutup')),
    opened_by     text not null default session_user,
    opened_at     timestamptz not null default clock_timestamp()
);

-- At most one case that is not closed per employer.
create unique index cases_one_open_idx on periksa.cases (npp) where state <> 'ditutup';
create index cases_branch_idx on periksa.cases (branch_code);
create index cases_run_idx on periksa.cases (run_id);

comment on table periksa.cases is
    'One row per case: the employer, the run and period it was opened from, targeted or control, the categories and rupiah at stake at opening, and its current state.';

-- The periods in arrears at opening (TUNGGAKAN), with what was outstanding then.
create table periksa.case_arrears (
    case_id          bigint not null references periksa.cases,
    period           date not null,
    outstanding_idr  numeric not null check (outstanding_idr >= 0),
    primary key (case_id, period)
);

comment on table periksa.case_arrears is
    'Per case opened with a TUNGGAKAN finding: each period in arrears and its outstanding amount at opening.';

-- The events of a case, appended, never edited: each with the state and deadline it leaves.
create table periksa.case_events (
    event_id     bigint generated always as identity primary key,
    case_id      bigint not null references periksa.cases,
    event        text not null check (event in ('inspection', 'sp1', 'sp2', 'denda', 'tmp2t', 'rujuk', 'selesai', 'tutup')),
    on_date      date not null,
    kind         text check (kind in ('kantor', 'lapangan')),
    outcome      text check (outcome in ('terbukti', 'sebagian', 'tidak_terbukti')),
    reason       text check (reason in ('patuh', 'tidak_terbukti', 'tidak_tertagih', 'lainnya')),
    note         text,
    state        text not null,
    deadline     date,
    recorded_by  text not null default session_user,
    recorded_at  timestamptz not null default clock_timestamp(),
    check ((event = 'inspection') = (kind is not null and outcome is not null)),
    check ((event = 'tutup') = (reason is not null))
);

create index case_events_case_idx on periksa.case_events (case_id, on_date, event_id);

comment on table periksa.case_events is
    'One row per event of a case, oldest first by (on_date, event_id): inspection, warnings, fine, TMP2T, referral, completion, closing.';

create function periksa.case_events_append_only() returns trigger
language plpgsql as $$
begin
    raise exception 'the events of a case are appended, never changed (% on case_events)', tg_op
        using errcode = 'integrity_constraint_violation';
end
$$;

create trigger case_events_append_only before update or delete on periksa.case_events
for each row execute function periksa.case_events_append_only();

-- Inspectors see and change only the cases of their branches.
alter table periksa.cases enable row level security;
create policy cases_by_branch on periksa.cases using (analytics.visible_branch(branch_code))
    with check (analytics.visible_branch(branch_code));
alter table periksa.case_events enable row level security;
create policy case_events_by_branch on periksa.case_events using (
    analytics.visible_branch((select c.branch_code from periksa.cases c where c.case_id = case_events.case_id)))
    with check (analytics.visible_branch((select c.branch_code from periksa.cases c where c.case_id = case_events.case_id)));
alter table periksa.case_arrears enable row level security;
create policy case_arrears_by_branch on periksa.case_arrears using (
    analytics.visible_branch((select c.branch_code from periksa.cases c where c.case_id = case_arrears.case_id)))
    with check (analytics.visible_branch((select c.branch_code from periksa.cases c where c.case_id = case_arrears.case_id)));

-- Every case visible to the session and opened by the date (of branch branch, or case one_case, when given) as of the date as_of,
-- with the fine rate fine_rate (cases.fine_rate_monthly): its state and deadline then, and its
-- figures (docs/cases.md). Only events dated on or before as_of count.
--   state, deadline: the latest event's (by date, then order of recording); without one,
--     dibuka and add_working_days(opened_on, 20)
--   fine_idr      = round(fine_rate × at_stake_idr × months(deadline₂ + 1 day, e)) once a denda
--                   event exists; deadline₂ = warning II's deadline, e = the selesai date if
--                   any, else as_of
--   recovered_idr = round(Σ over the periods in arrears at opening of
--                   min(outstanding₀(p), Σ payments for p with opened_on < paid_on ≤ as_of))
--   added_monthly_idr = max(0, due(Q) − due(P)) for cases opened with PDS_TK, PDS_UPAH or
--                   PDS_PROGRAM: Q the latest month with wage rows of the employer imported by
--                   as_of (0 when Q ≤ P); due from the sums per employer and month, with the
--                   employer's programmes and risk group as the registry holds them now.
create function periksa.case_status(as_of date, fine_rate numeric, branch text default null, one_case bigint default null)
returns table (
    case_id bigint, npp text, branch_code text, run_id bigint, period text, selection text, state text,
    opened_on text, deadline text, categories text[], at_stake_idr bigint, fine_idr bigint, recovered_idr bigint,
    added_monthly_idr bigint, inspections integer, outcome text, employer_name text, region_code text
)
language plpgsql stable security definer
set search_path = pg_catalog, periksa
-- Planned for the values of each call (a branch or all, one case or all): a generic plan
-- cannot tell how many cases pass and joins them as if one did.
set plan_cache_mode = force_custom_plan
as $fn$
#variable_conflict use_column
begin
return query
with visible as (
    select c.*
    from periksa.cases c
    where analytics.visible_branch(c.branch_code)
      and c.opened_on <= as_of
      and (branch is null or c.branch_code = branch)
      and (one_case is null or c.case_id = one_case)
), events as (
    select e.*
    from periksa.case_events e
    join visible v using (case_id)
    where e.on_date <= as_of
), latest as (
    select distinct on (case_id) case_id, state, deadline, on_date
    from events
    order by case_id, on_date desc, event_id desc
), per_case as (
    select case_id,
           count(*) filter (where event = 'inspection') as inspections,
           (array_agg(outcome order by on_date desc, event_id desc) filter (where event = 'inspection'))[1] as outcome,
           max(deadline) filter (where event = 'sp2') as deadline2,
           bool_or(event = 'denda') as fined,
           min(on_date) filter (where event = 'selesai') as completed_on,
           count(*) as events
    from events
    group by case_id
), recovered as (
    select a.case_id, sum(least(a.outstanding_idr, coalesce(p.paid, 0))) as recovered
    from periksa.case_arrears a
    join visible v using (case_id)
    left join lateral (
        select sum(p.amount) as paid
        from periksa.payments p
        where p.npp = v.npp and p.period = a.period and p.paid_on > v.opened_on and p.paid_on <= as_of
    ) p on true
    group by a.case_id
), wage_cases as (
    select v.case_id, v.npp, v.period
    from visible v
    where v.categories && array['PDS_TK', 'PDS_UPAH', 'PDS_PROGRAM']
), later as (
    -- Q: the latest month after P with sums of the employer whose rows were imported by as_of.
    select w.case_id, w.npp, w.period, max(d.period) as q
    from wage_cases w
    join periksa.employer_month_due d on d.npp = w.npp and d.period > w.period
    left join periksa.imports i on i.import_id = d.import_id
    where d.period > (select min(period) from wage_cases)
      and (d.import_id is null or i.finished_at::date <= as_of)
    group by w.case_id, w.npp, w.period
), months_due as (
    select d.npp, d.period,
           periksa.month_due(e.programs, e.risk_group, d.jkk1, d.jkk2, d.jkk3, d.jkk4, d.jkk5, d.jkm, d.jht, d.jp) as due
    from periksa.employer_month_due d
    join periksa.employers e on e.npp = d.npp
    where d.period >= (select min(period) from wage_cases)
      and d.npp in (select npp from later)
), added as (
    select l.case_id, greatest(0, coalesce(q.due, 0) - coalesce(p.due, 0)) as added
    from later l
    left join months_due q on q.npp = l.npp and q.period = l.q
    left join months_due p on p.npp = l.npp and p.period = l.period
)
select v.case_id, v.npp, v.branch_code, v.run_id, to_char(v.period, 'YYYY-MM') as period, v.selection,
       coalesce(l.state, 'dibuka') as state, v.opened_on::text,
       (case when l.case_id is null then periksa.add_working_days(v.opened_on, 20) else l.deadline end)::text as deadline,
       v.categories, v.at_stake_idr,
       case when pc.fined and pc.deadline2 is not null
            then round(fine_rate * v.at_stake_idr
                       * periksa.months_after(pc.deadline2 + 1,
                             case when pc.completed_on is not null then pc.completed_on else as_of end))::bigint
            else 0 end as fine_idr,
       coalesce(round(r.recovered), 0)::bigint as recovered_idr,
       coalesce(a.added, 0)::bigint as added_monthly_idr,
       coalesce(pc.inspections, 0)::int as inspections,
       pc.outcome,
       em.name, em.region_code
from visible v
join periksa.employers em on em.npp = v.npp
left join latest l using (case_id)
left join per_case pc using (case_id)
left join recovered r using (case_id)
left join added a using (case_id)
order by v.case_id;
end
$fn$;

comment on function periksa.case_status(date, numeric, text, bigint) is
    'The cases the session may see as of a date: state, deadline, fine, recovered and added monthly contributions.';
