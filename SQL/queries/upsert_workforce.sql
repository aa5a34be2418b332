-- Import: the staged, valid rows of a file (pg_temp.periksa_staging, rows of duplicated units
-- and rows with problems already removed) moved into periksa.workforce: the outside
-- headcounts: inserted, or the unit (source, identifier, period) replaced.
-- $1: the import.
insert into periksa.workforce (source, period, unit_key, npp, npwp, nib, name, region_code, headcount,
    wage_bill, import_id)
select source, period, unit_key, npp, npwp, nib, name, region_code, headcount, wage_bill, $1::bigint
from pg_temp.periksa_staging
order by line_number
on conflict (source, unit_key, period) do update set
    npp = excluded.npp, npwp = excluded.npwp, nib = excluded.nib, name = excluded.name,
    region_code = excluded.region_code, headcount = excluded.headcount, wage_bill = excluded.wage_bill,
    import_id = excluded.import_id
