-- The outreach list of period $1 (first day): periksa.outreach_rows, limited to region $2 (a
-- province, 2 digits, or a regency/city, 4) and to the people of list $3 when given. Sorted
-- by region, district, NIK.
select o.nik, o.name, o.region_code, o.district_code, o.lists, o.categories, o.funded
from periksa.outreach_rows($1::date) o
where ($3::text is null or $3::text = any(o.list_codes))
  and ($2::text is null or o.region_code = $2::text or (length($2::text) = 2 and left(o.region_code, 2) = $2::text))
order by o.region_code, o.district_code, o.nik
