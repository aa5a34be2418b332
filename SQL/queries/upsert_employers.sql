-- Import: the staged, valid rows of a file (pg_temp.periksa_staging, rows of duplicated units
-- and rows with problems already removed) moved into periksa.employers: the registry rows:
-- inserted, or the employer updated (its replacement unit is the NPP).
-- $1: the import.
insert into periksa.employers (npp, name, npwp, nib, kbli, scale, risk_group, region_code, branch_code,
    programs, registered_on, status, import_id)
select npp, name, npwp, nib, kbli, scale, risk_group, region_code, branch_code, programs, registered_on,
    status, $1::bigint
from pg_temp.periksa_staging
order by line_number
on conflict (npp) do update set
    name = excluded.name, npwp = excluded.npwp, nib = excluded.nib, kbli = excluded.kbli,
    scale = excluded.scale, risk_group = excluded.risk_group, region_code = excluded.region_code,
    branch_code = excluded.branch_code, programs = excluded.programs,
    registered_on = excluded.registered_on, status = excluded.status, import_id = excluded.import_id
