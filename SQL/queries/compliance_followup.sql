-- The compliance report: what became of the findings of the previous period's run $2 by run
-- $1, per category, for the employers in scope ($3: region code or prefix, $4: branch code):
-- how many, how many were inspected between the two runs' as-of dates, how many are found
-- again (same employer, same category) and the rupiah of those found again.
with runs as (
    select (select as_of from periksa.runs where run_id = $2::bigint) as since,
           (select as_of from periksa.runs where run_id = $1::bigint) as until
), pairs as (
    select b.npp,
           array[b.pds_program_idr, b.pds_tk_idr, b.pds_upah_idr, b.tunggakan_idr] as before,
           array[n.pds_program_idr, n.pds_tk_idr, n.pds_upah_idr, n.tunggakan_idr] as now,
           exists (select 1 from periksa.inspections i cross join runs r
                   where i.npp = b.npp and i.inspected_on > r.since and i.inspected_on <= r.until) as inspected
    from periksa.run_employers b
    left join periksa.run_employers n on n.run_id = $1::bigint and n.npp = b.npp
    where b.run_id = $2::bigint
      and coalesce(b.pds_tk_idr, b.pds_upah_idr, b.pds_program_idr, b.tunggakan_idr) is not null
      and ($3::text is null or b.region_code like $3::text || '%')
      and ($4::text is null or b.branch_code = $4::text)
)
select (array['PDS_PROGRAM', 'PDS_TK', 'PDS_UPAH', 'TUNGGAKAN'])[i] as category,
       count(*)::integer,
       count(*) filter (where p.inspected)::integer,
       count(p.now[i])::integer,
       coalesce(sum(p.now[i]), 0)::bigint
from pairs p
cross join generate_series(1, 4) i
where p.before[i] is not null
group by i
order by 1
