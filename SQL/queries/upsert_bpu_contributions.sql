-- Import: the staged, valid rows of a file (pg_temp.periksa_staging) moved into
-- periksa.bpu_contributions: inserted, or the unit (nik, period) replaced. $1: the import.
insert into periksa.bpu_contributions (nik, period, kpj, name, declared_income, programs, amount, paid_on, funded_by,
    domicile_region, import_id, line_number)
select nik, period, kpj, name, declared_income, programs, amount, paid_on, funded_by, domicile_region, $1::bigint,
       line_number
from pg_temp.periksa_staging
order by line_number
on conflict (period, nik) do update set
    kpj = excluded.kpj, name = excluded.name, declared_income = excluded.declared_income,
    programs = excluded.programs, amount = excluded.amount, paid_on = excluded.paid_on,
    funded_by = excluded.funded_by, domicile_region = excluded.domicile_region, import_id = excluded.import_id,
    line_number = excluded.line_number
