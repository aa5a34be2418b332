-- 0016: the statistics of the run history refreshed when it has grown, not after every run.
--
-- Each audit keeps its run's findings and one row per registered employer
-- (periksa.run_employers), and used to analyse both tables at its end so that the reports
-- right after it plan over current figures. ANALYZE reads a sample of up to 30,000 rows and
-- computes every column's statistics: on a history of a few dozen runs it became the
-- largest part of the audit, growing with each run (fifty audits in a row: 0.44 s to 0.83 s).
-- What the planner needs of a history is its size and the spread of run_id, which change
-- little when one more run is added to many. periksa.analyse_when_grown(t) analyses t when
-- it has no statistics yet, or when its rows (as counted, with what the current transaction
-- inserted and deleted) exceed by a fifth what the last ANALYZE counted; it says whether it
-- did. The first run of a database is analysed; then about every fifth part of growth.

create function periksa.analyse_when_grown(target regclass) returns boolean
language plpgsql as $$
declare
    counted real;
    rows_now bigint;
begin
    select c.reltuples into counted from pg_class c where c.oid = target;
    select coalesce(s.n_live_tup, 0) + coalesce(x.n_tup_ins, 0) - coalesce(x.n_tup_del, 0)
    into rows_now
    from pg_stat_user_tables s
    left join pg_stat_xact_user_tables x on x.relid = s.relid
    where s.relid = target;
    if counted < 0 or coalesce(rows_now, 0) > 1.2 * greatest(counted, 1000) then
        execute format('analyze %s', target);
        return true;
    end if;
    return false;
end
$$;

comment on function periksa.analyse_when_grown(regclass) is
    'Analyses the table when it has no statistics or has grown by more than a fifth since the last ANALYZE; whether it did.';
