-- Import: the staged, valid rows of a file (pg_temp.periksa_staging, rows of duplicated units
-- and rows with problems already removed) moved into periksa.minimum_wages: the minimum wages:
-- inserted, or the region-year replaced (overriding a shipped value).
-- $1: the import.
insert into periksa.minimum_wages (region_code, year, amount, import_id)
select region_code, year, amount, $1::bigint from pg_temp.periksa_staging order by line_number
on conflict (region_code, year) do update set amount = excluded.amount, import_id = excluded.import_id
