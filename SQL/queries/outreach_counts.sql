-- The outreach list of period $1 (first day) counted for the coverage report: how many people
-- per region, district, set of categories (joined by |) and whether a list funds them, limited
-- to region $2 (a province, 2 digits, or a regency/city, 4) when given. No person's data.
select o.region_code, o.district_code, o.categories, o.funded, count(*)
from periksa.outreach_rows($1::date) o
where $2::text is null or o.region_code = $2::text or (length($2::text) = 2 and left(o.region_code, 2) = $2::text)
group by o.region_code, o.district_code, o.categories, o.funded
