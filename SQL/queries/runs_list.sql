-- `periksa runs`: the $1 latest finished audit runs, newest first: period, as-of, when and by
-- whom, how long, the rules version, the newest import it saw, its findings and their rupiah.
select run_id, periksa.period_text(period), as_of::text, to_char(started_at, 'YYYY-MM-DD HH24:MI'), run_by,
       coalesce(round(extract(epoch from finished_at - started_at)::numeric, 1)::text, ''), rules_version,
       last_import_id,
       coalesce((select sum(value::bigint) from jsonb_each_text(findings_count)), 0)::bigint,
       coalesce((select sum(value::numeric) from jsonb_each_text(rupiah)), 0)::bigint
from periksa.runs
where status = 'finished'
order by run_id desc
limit $1::integer
