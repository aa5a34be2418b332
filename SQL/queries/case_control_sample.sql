-- The control sample of an audit list: $3 active employers of branch $1 that are not on the
-- list ($4, their NPPs) and have no open case, drawn uniformly at random with seed $2: ordered
-- by the MD5 of the seed and the NPP, which the same seed over the same employers repeats.
select e.npp
from periksa.employers e
where e.branch_code = $1::text
  and e.status = 'aktif'
  and not (e.npp = any($4::text[]))
  and not exists (select 1 from periksa.cases c where c.npp = e.npp and c.state <> 'ditutup')
order by md5($2::text || ':' || e.npp), e.npp
limit $3::integer
