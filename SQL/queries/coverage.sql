-- Coverage of each province and regency/city for the period $1 (first day), basis $2 ('nik' or
-- 'employer'): periksa.coverage_rows (SQL/migrations/0010_coverage.sql has the definitions),
-- limited to region $3 when given: a province (2 digits) and its regencies/cities, or one
-- regency/city (4 digits). Sorted by code.
select r.region_code, r.participants, r.pu_participants, r.bpu_participants, r.workers, r.labour_force_year,
       r.coverage_pct, r.pu_coverage_pct, r.bpu_coverage_pct, r.region_name
from periksa.coverage_rows($1::date, $2::text) r
where $3::text is null or r.region_code = $3::text or (length($3::text) = 2 and left(r.region_code, 2) = $3::text)
order by r.region_code
