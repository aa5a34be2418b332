-- The compliance report: one row per run of $1 (bigint[]), over the employers in scope
-- ($2: region code or its prefix, a province; $3: branch code; null: all): active employers,
-- those with a finding, workers reported, workers seen elsewhere and not reported (on group
-- leads), contributions due and paid for the run's period, the findings per category, and
-- the unregistered businesses (PWBD) of the scope's regions with their headcount. All from
-- the runs' per-employer figures (periksa.run_employers) and the PWBD findings.
with scope as (
    select e.*
    from periksa.run_employers e
    where e.run_id = any($1::text::bigint[])
      and ($2::text is null or e.region_code like $2::text || '%')
      and ($3::text is null or e.branch_code = $3::text)
), regions as (
    select distinct run_id, region_code from scope
), pwbd as (
    select f.run_id, count(*) as businesses, sum((f.evidence->>'headcount')::integer) as headcount,
           sum(f.estimated_loss_idr) as rupiah
    from periksa.findings f
    join regions r on r.run_id = f.run_id and r.region_code = f.evidence->>'region_code'
    where f.run_id = any($1::text::bigint[]) and f.category = 'PWBD'
    group by f.run_id
), totals as (
    select s.run_id,
           count(*) filter (where s.is_active) as active,
           count(*) filter (where coalesce(s.pds_tk_idr, s.pds_upah_idr, s.pds_program_idr, s.tunggakan_idr) is not null)
               as flagged,
           sum(s.workers) as workers, sum(s.uncovered) as uncovered,
           sum(s.due) as due, sum(s.paid) as paid,
           count(s.pds_tk_idr) as pds_tk_n, sum(s.pds_tk_idr) as pds_tk,
           count(s.pds_upah_idr) as pds_upah_n, sum(s.pds_upah_idr) as pds_upah,
           count(s.pds_program_idr) as pds_program_n, sum(s.pds_program_idr) as pds_program,
           count(s.tunggakan_idr) as tunggakan_n, sum(s.tunggakan_idr) as tunggakan
    from scope s
    group by s.run_id
)
select t.run_id, t.active::integer, t.flagged::integer, coalesce(t.workers, 0)::bigint, coalesce(t.uncovered, 0)::bigint,
       coalesce(p.businesses, 0)::integer, coalesce(p.headcount, 0)::bigint,
       coalesce(t.due, 0), coalesce(t.paid, 0),
       t.pds_tk_n::integer, coalesce(t.pds_tk, 0)::bigint, t.pds_upah_n::integer, coalesce(t.pds_upah, 0)::bigint,
       t.pds_program_n::integer, coalesce(t.pds_program, 0)::bigint, t.tunggakan_n::integer,
       coalesce(t.tunggakan, 0)::bigint, coalesce(p.businesses, 0)::integer, coalesce(p.rupiah, 0)::bigint
from totals t
left join pwbd p on p.run_id = t.run_id
order by t.run_id
