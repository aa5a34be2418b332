-- The tables and partitions an audit reads whose planner statistics are missing or stale:
-- never analysed (reltuples is -1 until the first ANALYZE or VACUUM), or whose live rows
-- differ by more than a fifth from what the last one counted. (Not n_mod_since_analyze: rows
-- that an import inserted and analysed in one transaction still count there as changed.) Without statistics PostgreSQL plans the audit's joins blind (a freshly loaded month
-- of wage rows looks empty, and a join over it ran hundreds of times slower).
-- Returns each as a quoted, schema-qualified name for ANALYZE.
with inputs as (
    select c.oid, c.relname
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'periksa'
      and c.relkind = 'r'
      and (c.relname in ('employers', 'workforce', 'payments', 'minimum_wages', 'inspections')
           or c.relname like 'contributions\_%' or c.relname like 'employer\_month\_due\_%')
)
select format('periksa.%I', i.relname) as name
from inputs i
join pg_stat_user_tables s on s.relid = i.oid
join pg_class c on c.oid = i.oid
where c.reltuples < 0
   or abs(s.n_live_tup - c.reltuples) > 0.2 * greatest(c.reltuples, 1000)
order by i.relname;
