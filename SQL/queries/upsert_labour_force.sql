-- Import: the staged, valid rows of a file (pg_temp.periksa_staging) moved into
-- periksa.labour_force: inserted, or the unit (region_code, year) replaced. $1: the import.
insert into periksa.labour_force (region_code, year, workers, wage_workers, non_wage_workers, source, import_id)
select region_code, year, workers, wage_workers, non_wage_workers, source, $1::bigint
from pg_temp.periksa_staging
order by line_number
on conflict (region_code, year) do update set
    workers = excluded.workers, wage_workers = excluded.wage_workers, non_wage_workers = excluded.non_wage_workers,
    source = excluded.source, import_id = excluded.import_id
