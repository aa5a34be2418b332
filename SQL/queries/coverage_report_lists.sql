-- The coverage report's lists for period $1 (first day): periksa.coverage_report_lists
-- (SQL/migrations/0011_coverage_speed.sql), one pass over the month's wage rows for both
--   kind 'outreach': the outreach list counted per region, district, categories (joined by |)
--     and funding, limited to region $3 (a province, 2 digits, or a regency/city, 4) when given
--   kind 'list': the reconciliation of each list of $2 (codes) that funds someone then, added up
-- No person's data. The lists come sorted by code.
select r.kind, r.list_code, r.pemda_code, r.region_code, r.district_code, r.categories, r.funded, r.people,
       r.expected, r.budget_idr, r.enrolled, r.missing, r.already_pu, r.paid_not_listed, r.paid_idr
from periksa.coverage_report_lists($1::date, $2::text[]) r
where r.kind = 'list'
   or $3::text is null or r.region_code = $3::text or (length($3::text) = 2 and left(r.region_code, 2) = $3::text)
order by r.kind, r.list_code collate "C"
