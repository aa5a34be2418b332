-- 0015: rejected rows stored at the speed of good ones.
--
-- A file whose every row is wrong (a spreadsheet exported with decimal commas, NIKs cut short)
-- is the common mistake. Each rejection was a row of periksa.import_rejections with its
-- reasons as a JSON array of about 450 bytes (the rule, the column and the message in both
-- languages), parsed by the server, checked against periksa.imports row by row (a foreign
-- key), and copied from a temporary table: 300,000 rejected rows took 11.8 s, a good file of
-- the same size 0.5 s.
--
-- The reasons of one import repeat: a rule's message names at most a masked value, and a
-- masked NIK keeps six of its digits. Each distinct reason of an import is now stored once,
-- in periksa.import_problems, and each rejected line names its reasons by number, in order
-- (periksa.import_rejected_lines.problem_ids). periksa.import_rejections is a view of the
-- same columns as before: the reasons as the same JSON array, in the same order.
--
-- Imports are never deleted (they are the history of what was loaded); should one be, a
-- statement-level trigger deletes its rejections with it, as the foreign key's cascade did,
-- without a check per inserted row.

create table periksa.import_problems (
    import_id    bigint not null,
    problem_id   integer not null check (problem_id >= 1),
    column_name  text,
    rule         text not null,
    -- In the import's language, and in both.
    message      text not null,
    message_id   text not null,
    message_en   text not null,
    primary key (import_id, problem_id)
);

comment on table periksa.import_problems is
    'Each distinct reason of an import''s rejected rows, once: the column, the rule and the message (in the import''s language, Bahasa and English).';

create table periksa.import_rejected_lines (
    import_id    bigint not null,
    line_number  integer not null check (line_number >= 1),
    raw_line     text not null,
    -- The numbers of the line's reasons in periksa.import_problems, in order.
    problem_ids  integer[] not null check (cardinality(problem_ids) > 0),
    primary key (import_id, line_number)
);

comment on table periksa.import_rejected_lines is
    'One row per rejected line of an import: the line number, the raw record, its reasons by number (periksa.import_problems).';

-- The rejections stored so far, in the new form.
with reasons as (
    select r.import_id, r.line_number, r.raw_line, x.ordinality, x.reason
    from periksa.import_rejections r
    cross join lateral jsonb_array_elements(r.reasons) with ordinality as x(reason, ordinality)
), problems as (
    select d.import_id, d.reason, row_number() over (partition by d.import_id order by d.reason::text)::integer as id
    from (select distinct import_id, reason from reasons) d
), problems_stored as (
    insert into periksa.import_problems (import_id, problem_id, column_name, rule, message, message_id, message_en)
    select p.import_id, p.id, p.reason->>'column', p.reason->>'rule', p.reason->>'message',
           coalesce(p.reason->>'message_id', p.reason->>'message'), coalesce(p.reason->>'message_en', p.reason->>'message')
    from problems p
)
insert into periksa.import_rejected_lines (import_id, line_number, raw_line, problem_ids)
select r.import_id, r.line_number, r.raw_line, array_agg(p.id order by r.ordinality)
from reasons r
join problems p on p.import_id = r.import_id and p.reason = r.reason
group by r.import_id, r.line_number, r.raw_line;

drop table periksa.import_rejections;

create view periksa.import_rejections as
select l.import_id, l.line_number, l.raw_line,
       (select jsonb_agg(jsonb_strip_nulls(jsonb_build_object(
                   'column', p.column_name, 'rule', p.rule, 'message', p.message, 'message_id', p.message_id,
                   'message_en', p.message_en)) order by u.ordinality)
        from unnest(l.problem_ids) with ordinality as u(problem_id, ordinality)
        join periksa.import_problems p on p.import_id = l.import_id and p.problem_id = u.problem_id) as reasons
from periksa.import_rejected_lines l;

comment on view periksa.import_rejections is
    'One row per rejected line of an import: the line number, the raw record and every reason ([{"column", "rule", "message", "message_id", "message_en"}], in order).';

create function periksa.imports_deleted() returns trigger
language plpgsql as $fn$
begin
    delete from periksa.import_rejected_lines l using gone g where l.import_id = g.import_id;
    delete from periksa.import_problems p using gone g where p.import_id = g.import_id;
    return null;
end
$fn$;

create trigger imports_deleted after delete on periksa.imports
referencing old table as gone for each statement execute function periksa.imports_deleted();
