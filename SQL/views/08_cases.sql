-- analytics.cases
-- Grain: one row per case, as of today, with the fine rate of the session setting
-- periksa.fine_rate_monthly (default 0.001).
-- Columns: case_id, npp, employer_name, branch_code, region_code, run_id, period, selection,
--   state, opened_on, deadline, overdue, categories, at_stake_idr, fine_idr, recovered_idr,
--   added_monthly_idr, inspections, latest_outcome.
-- Inspectors see the cases of their branches.
create view analytics.cases as
select s.case_id, s.npp, s.employer_name, s.branch_code, s.region_code, s.run_id, s.period, s.selection,
       s.state, s.opened_on::date as opened_on, s.deadline::date as deadline,
       coalesce(s.deadline::date < current_date, false) as overdue,
       s.categories, s.at_stake_idr, s.fine_idr, s.recovered_idr, s.added_monthly_idr,
       s.inspections, s.outcome as latest_outcome
from periksa.case_status(current_date,
         coalesce(nullif(current_setting('periksa.fine_rate_monthly', true), '')::numeric, 0.001)) s
where (select analytics.sees_all()) or s.branch_code in (select analytics.my_branches());

comment on view analytics.cases is
    'One row per case as of today: state, deadline, whether overdue, rupiah at stake, fine, recovered and added monthly contributions.';
comment on column analytics.cases.case_id is 'The case number.';
comment on column analytics.cases.npp is 'The employer''s NPP.';
comment on column analytics.cases.employer_name is 'The employer''s registered name.';
comment on column analytics.cases.branch_code is 'The branch office the case belongs to (the employer''s).';
comment on column analytics.cases.region_code is 'The employer''s region.';
comment on column analytics.cases.run_id is 'The audit run the case was opened from.';
comment on column analytics.cases.period is 'That run''s audited month, YYYY-MM.';
comment on column analytics.cases.selection is 'targeted (from the audit list or by NPP) or control (drawn at random).';
comment on column analytics.cases.state is 'dibuka, diperiksa, sp1, sp2, denda, tmp2t, dirujuk, selesai or ditutup.';
comment on column analytics.cases.opened_on is 'The opening date.';
comment on column analytics.cases.deadline is 'The current deadline (inspection within 20 working days, or the running warning''s), if any.';
comment on column analytics.cases.overdue is 'True when the current deadline is before today.';
comment on column analytics.cases.categories is 'The categories of the employer''s findings in the run, at opening.';
comment on column analytics.cases.at_stake_idr is 'The sum of those findings'' rupiah, at opening.';
comment on column analytics.cases.fine_idr is 'The administrative fine: 0.1 % a month of the amount at stake from the day after warning II''s deadline, once imposed.';
comment on column analytics.cases.recovered_idr is 'Payments since opening for the periods in arrears at opening, at most what was outstanding.';
comment on column analytics.cases.added_monthly_idr is 'How much more a month the employer now owes than in the audited month (PDS cases).';
comment on column analytics.cases.inspections is 'Inspections recorded.';
comment on column analytics.cases.latest_outcome is 'The latest inspection''s outcome: terbukti, sebagian or tidak_terbukti.';

-- analytics.case_events
-- Grain: one row per recorded event of a case, oldest first.
-- Columns: event_id, case_id, branch_code, event, on_date, kind, outcome, reason, state,
--   deadline, has_note, recorded_by, recorded_at.
-- Inspectors see the events of their branches' cases. The notes themselves (free text that may
-- name people) are not shown here: `periksa case show` gives them to the case's inspectors.
create view analytics.case_events as
select e.event_id, e.case_id, c.branch_code, e.event, e.on_date, e.kind, e.outcome, e.reason, e.state,
       e.deadline, e.note is not null as has_note, e.recorded_by, e.recorded_at
from periksa.case_events e
join periksa.cases c using (case_id)
where (select analytics.sees_all()) or c.branch_code in (select analytics.my_branches());

comment on view analytics.case_events is
    'One row per event of a case: inspection, warnings, fine, TMP2T, referral, completion, closing, with the state and deadline it left.';
comment on column analytics.case_events.event_id is 'The event number (order of recording).';
comment on column analytics.case_events.case_id is 'The case.';
comment on column analytics.case_events.branch_code is 'The case''s branch office.';
comment on column analytics.case_events.event is 'inspection, sp1, sp2, denda, tmp2t, rujuk, selesai or tutup.';
comment on column analytics.case_events.on_date is 'The date of the event.';
comment on column analytics.case_events.kind is 'For an inspection: kantor (at the office) or lapangan (on site).';
comment on column analytics.case_events.outcome is 'For an inspection: terbukti, sebagian or tidak_terbukti.';
comment on column analytics.case_events.reason is 'For tutup: patuh, tidak_terbukti, tidak_tertagih or lainnya.';
comment on column analytics.case_events.state is 'The state the event left the case in.';
comment on column analytics.case_events.deadline is 'For a written warning: its deadline, 10 working days later.';
comment on column analytics.case_events.has_note is 'Whether a note was recorded with the event.';
comment on column analytics.case_events.recorded_by is 'The login that recorded it.';
comment on column analytics.case_events.recorded_at is 'When it was recorded.';
