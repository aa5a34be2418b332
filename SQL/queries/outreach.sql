-- The outreach list of period $1 (first day): every NIK on a worker list that is not a
-- participant in P (no contributions row, no BPU row for P). One row per NIK: the region of
-- its first list row (lists by code, then file line), its district (the NIK's first six
-- digits), every list and category it is on (sorted, joined by |), whether any list funds it
-- for P. Limited to region $2 (2 or 4 digits) and to the NIKs of list $3 when given. Sorted
-- by region, district, NIK.
with participants as (
    select c.nik from periksa.contributions c where c.period = $1::date
    union
    select b.nik from periksa.bpu_contributions b where b.period = $1::date
), listed as (
    select w.nik,
           (array_agg(w.name order by w.list_code, w.line_number) filter (where w.name is not null))[1] as name,
           (array_agg(w.region_code order by w.list_code, w.line_number))[1] as region_code,
           string_agg(distinct w.list_code, '|' order by w.list_code) as lists,
           string_agg(distinct w.category, '|' order by w.category) as categories,
           coalesce(bool_or(w.funded and w.funded_from <= $1::date and $1::date <= w.funded_to), false) as funded,
           bool_or(w.list_code = $3::text) as on_list
    from periksa.worker_lists w
    where not exists (select 1 from participants p where p.nik = w.nik)
    group by w.nik
)
select nik, name, region_code, left(nik, 6) as district_code, lists, categories, funded
from listed
where ($3::text is null or on_list)
  and ($2::text is null or region_code = $2::text or (length($2::text) = 2 and left(region_code, 2) = $2::text))
order by region_code, district_code, nik
