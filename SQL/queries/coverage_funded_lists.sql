-- The worker lists that fund someone for the period $1 (first day), for the coverage report:
-- lists with a funded row whose window covers P (funded_from ≤ P ≤ funded_to), the ones
-- docs/coverage.md reconciles. With region $2, only the lists of its local governments: the
-- government of that code, and for a province (2 digits) every government within it.
-- One row per list code, sorted.
select w.list_code
from periksa.worker_lists w
where w.funded and w.funded_from <= $1::date and $1::date <= w.funded_to
  and ($2::text is null or w.pemda_code = $2::text or (length($2::text) = 2 and left(w.pemda_code, 2) = $2::text))
group by w.list_code
order by w.list_code collate "C"
