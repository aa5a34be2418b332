-- Coverage of each province and regency/city for the period $1 (first day), basis $2 ('nik' or
-- 'employer'), limited to region $3 when given (a province and its regencies/cities, or one
-- regency/city). docs/coverage.md:
--   participant  = PU-active (a contributions row for P) or BPU-active (a bpu row for P),
--                  once; both count as PU
--   region       = basis nik: the NIK's first four digits; basis employer: for PU the region of
--                  the employer of its highest wage in P (ties: the smallest NPP), for BPU its
--                  domicile region, else the NIK's first four digits
--   workers      = the latest labour-force row of the region with year ≤ the year of P
--   coverage_pct = round(100 × participants / workers, 2); PU and BPU against the wage and
--                  non-wage workers when given
-- One row per region with participants or a labour-force row, provinces included, by code.
with pu as (
    select distinct on (c.nik) c.nik,
           case when $2::text = 'employer' then e.region_code else left(c.nik, 4) end as region
    from periksa.contributions c
    join periksa.employers e on e.npp = c.npp
    where c.period = $1::date
    order by c.nik, c.wage desc, c.npp
), bpu as (
    select b.nik,
           case when $2::text = 'employer' then coalesce(b.domicile_region, left(b.nik, 4)) else left(b.nik, 4) end
               as region
    from periksa.bpu_contributions b
    where b.period = $1::date
      and not exists (select 1 from pu where pu.nik = b.nik)
), by_regency as (
    select region as code, sum(pu) as pu, sum(bpu) as bpu
    from (select region, 1 as pu, 0 as bpu from pu union all select region, 0, 1 from bpu) people
    group by region
), codes as (
    select code from by_regency
    union
    select left(code, 2) from by_regency
    union
    select region_code from periksa.labour_force where year <= extract(year from $1::date)
), counted as (
    select k.code, coalesce(sum(b.pu), 0)::bigint as pu, coalesce(sum(b.bpu), 0)::bigint as bpu
    from codes k
    left join by_regency b on (length(k.code) = 4 and b.code = k.code) or (length(k.code) = 2 and left(b.code, 2) = k.code)
    where $3::text is null or k.code = $3::text or (length($3::text) = 2 and left(k.code, 2) = $3::text)
    group by k.code
)
select c.code, c.pu + c.bpu as participants, c.pu, c.bpu, lf.workers, lf.year::integer,
       case when lf.workers > 0 then round(100 * (c.pu + c.bpu)::numeric / lf.workers, 2)::text end as coverage_pct,
       case when lf.wage_workers > 0 then round(100 * c.pu::numeric / lf.wage_workers, 2)::text end as pu_coverage_pct,
       case when lf.non_wage_workers > 0 then round(100 * c.bpu::numeric / lf.non_wage_workers, 2)::text end
           as bpu_coverage_pct,
       r.name
from counted c
left join lateral (
    select l.workers, l.year, l.wage_workers, l.non_wage_workers
    from periksa.labour_force l
    where l.region_code = c.code and l.year <= extract(year from $1::date)
    order by l.year desc
    limit 1
) lf on true
left join periksa.regions r on r.region_code = c.code
order by c.code
