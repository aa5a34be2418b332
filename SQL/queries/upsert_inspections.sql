-- Import: the staged, valid rows of a file (pg_temp.periksa_staging, rows of duplicated units
-- and rows with problems already removed) moved into periksa.inspections: the inspections:
-- inserted, or the outcome of the (npp, date) replaced.
-- $1: the import.
insert into periksa.inspections (npp, inspected_on, outcome, import_id)
select npp, inspected_on, outcome, $1::bigint from pg_temp.periksa_staging order by line_number
on conflict (npp, inspected_on) do update set outcome = excluded.outcome, import_id = excluded.import_id
