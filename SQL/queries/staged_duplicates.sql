-- Import: the staged rows whose replacement unit appears more than once in the file, with
-- every line of that unit (all of them are rejected).
select s.line_number, s.raw_line, s.unit, d.lines
from pg_temp.periksa_staging s
join (
    select unit, string_agg(line_number::text, ',' order by line_number) as lines
    from pg_temp.periksa_staging group by unit having count(*) > 1
) d using (unit)
order by s.line_number
