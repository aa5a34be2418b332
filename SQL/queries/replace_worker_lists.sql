-- Import: the staged, valid rows of a file (pg_temp.periksa_staging) replace, list by list,
-- every earlier row of the lists the file holds (a revised decree replaces the list): those
-- rows are deleted, the file's inserted, and the entries of the people on those lists, before
-- or after (periksa.list_persons), refreshed:
-- periksa.replace_worker_lists (SQL/migrations/0019_list_persons.sql).
-- $1: the import.
select periksa.replace_worker_lists($1::bigint)
