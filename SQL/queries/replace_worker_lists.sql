-- Import: the staged, valid rows of a file (pg_temp.periksa_staging) replace, list by list,
-- every earlier row of the lists the file holds (a revised decree replaces the list): rows of
-- those lists that the file no longer has are deleted, the others inserted or updated.
-- $1: the import.
with gone as (
    delete from periksa.worker_lists w
    where w.list_code in (select distinct list_code from pg_temp.periksa_staging)
      and not exists (select 1 from pg_temp.periksa_staging s where s.list_code = w.list_code and s.nik = w.nik)
)
insert into periksa.worker_lists (list_code, pemda_code, nik, name, region_code, category, funded, funded_from,
    funded_to, declared_income, import_id, line_number)
select list_code, pemda_code, nik, name, region_code, category, funded, funded_from, funded_to, declared_income,
       $1::bigint, line_number
from pg_temp.periksa_staging
order by line_number
on conflict (list_code, nik) do update set
    pemda_code = excluded.pemda_code, name = excluded.name, region_code = excluded.region_code,
    category = excluded.category, funded = excluded.funded, funded_from = excluded.funded_from,
    funded_to = excluded.funded_to, declared_income = excluded.declared_income, import_id = excluded.import_id,
    line_number = excluded.line_number
