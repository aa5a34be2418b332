-- The audit list (docs/rules.md) of one run: per branch, the top $3 employers by score, where the
-- score is the sum of an employer's findings' estimated_loss_idr, × 1.5 with findings in two
-- or more categories; ties: the larger PDS_TK gap, then the NPP. Employers inspected in the
-- 180 days up to the run's as-of date (imported inspections and those recorded in cases) and
-- employers with an open case are left out. $1: run id, $2: branch code or null (all
-- branches), $3: capacity.
with run as (
    select run_id, as_of from periksa.runs where run_id = $1
), per_employer as (
    select
        f.npp,
        count(distinct f.category) as categories_count,
        sum(f.estimated_loss_idr)::bigint as total_loss,
        coalesce(max((f.evidence->>'gap')::integer) filter (where f.category = 'PDS_TK'), 0) as gap
    from periksa.findings f
    join run using (run_id)
    where f.npp is not null
    group by f.npp
), scored as (
    select
        p.*,
        p.total_loss * case when p.categories_count >= 2 then 1.5 else 1 end as score,
        e.name, e.branch_code, e.region_code, e.scale,
        (select max(x.day) from (
             select i.inspected_on as day from periksa.inspections i
             where i.npp = p.npp and i.inspected_on <= r.as_of
             union all
             select v.on_date from periksa.cases c join periksa.case_events v using (case_id)
             where c.npp = p.npp and v.event = 'inspection' and v.on_date <= r.as_of) x) as last_inspected_on,
        r.as_of
    from per_employer p
    cross join run r
    join periksa.employers e on e.npp = p.npp
    where $2::text is null or e.branch_code = $2::text
), eligible as (
    select * from scored
    where (last_inspected_on is null or last_inspected_on <= as_of - 180)
      and not exists (select 1 from periksa.cases c where c.npp = scored.npp and c.state <> 'ditutup')
), ranked as (
    select *, row_number() over (partition by branch_code order by score desc, gap desc, npp) as rank
    from eligible
)
-- The findings with their evidence, for the employers on the list only.
select r.branch_code, r.rank, r.npp, r.name, r.region_code, r.scale, r.score, r.total_loss, r.gap,
       r.last_inspected_on,
       (select jsonb_agg(jsonb_build_object('category', f.category, 'loss', f.estimated_loss_idr, 'evidence', f.evidence)
                         order by f.category)
        from periksa.findings f
        where f.run_id = $1 and f.npp = r.npp)::text as findings,
       periksa.region_label(r.region_code) as region_label
from ranked r
where r.rank <= $3
order by r.branch_code, r.rank
