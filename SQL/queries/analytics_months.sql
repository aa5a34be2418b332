-- The months a full refresh of the employer periods covers (YYYY-MM-01): every month the
-- store holds or any input has, so that one refreshed month by month ends as a full one does
-- (a month whose data is gone is emptied).
select distinct period::text
from (
    select period from periksa.employer_periods_store
    union
    select period from periksa.workforce
    union
    select period from periksa.payments
    union
    select period from periksa.runs
    union
    select to_date(substr(c.relname, length('contributions_') + 1), 'YYYY_MM')
    from pg_inherits i
    join pg_class c on c.oid = i.inhrelid
    where i.inhparent = 'periksa.contributions'::regclass
) months
order by 1
