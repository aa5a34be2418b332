-- 0017: rejected lines found by block range, not by a B-tree of every line.
--
-- The primary key (import_id, line_number) of periksa.import_rejected_lines cost more than
-- everything else in storing a file of wrong rows: 2 million rejected lines took 5.9 s to
-- copy in with it, 2.6 s without. Nothing looks a single line up: the rejections are read
-- per import (periksa.import_rejections, the first ones by line number), and every line
-- comes from the import's own spool, once, in one COPY. The lines of one import lie together
-- in the table (imports append), so a BRIN index on import_id finds them for a few bytes per
-- hundred pages and costs nothing to keep up. The import writes each line once; the check
-- of uniqueness goes with the key.

alter table periksa.import_rejected_lines drop constraint import_rejected_lines_pkey;

create index import_rejected_lines_import on periksa.import_rejected_lines using brin (import_id)
    with (pages_per_range = 32);
