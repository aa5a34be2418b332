-- 0018: the run history analysed also when its statistics are missing.
--
-- ANALYZE writes a table's row count (pg_class.reltuples) in place, outside the transaction,
-- while the statistics it computes (pg_statistic) roll back with it. A run whose transaction
-- failed after periksa.analyse_when_grown had analysed the history left a row count but no
-- statistics, and the function (0016) would not analyse again until the history grew by a
-- fifth. It now analyses too when the table has no statistics at all.
--
-- (A note on 0017: without the primary key, listing every rejection of an import in line
-- order sorts them; that is `periksa imports show ID`, an export, not the import's path.)

create or replace function periksa.analyse_when_grown(target regclass) returns boolean
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
    if counted < 0
       or not exists (select from pg_statistic st where st.starelid = target)
       or coalesce(rows_now, 0) > 1.2 * greatest(counted, 1000) then
        execute format('analyze %s', target);
        return true;
    end if;
    return false;
end
$$;
