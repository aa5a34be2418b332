-- Import of wage rows: the same NIK twice for an employer-period whose rows the bounded
-- in-memory index had to forget (periksa_reopened_units): the second and later rows of this
-- import ($1) are deleted and returned, each with the line of the first, for the rejections.
with ranked as (
    select c.tableoid, c.ctid, c.line_number,
        first_value(c.line_number) over w as first_line,
        row_number() over w as position
    from periksa.contributions c
    join pg_temp.periksa_reopened_units u on c.period = u.period and c.npp = u.npp
    where c.import_id = $1::bigint
    window w as (partition by c.period, c.npp, c.nik order by c.line_number)
), removed as (
    delete from periksa.contributions c
    using ranked r
    where r.position > 1 and c.tableoid = r.tableoid and c.ctid = r.ctid
    returning r.line_number, r.first_line
)
select r.line_number, r.first_line, l.raw_line
from removed r join pg_temp.periksa_reopened_lines l using (line_number)
order by r.line_number
