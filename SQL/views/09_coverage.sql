-- analytics.coverage_by_region
-- Grain: one row per month with wage or BPU rows, counting basis (nik, employer) and province
-- or regency/city with participants or a labour-force row.
-- Columns: period, basis, region_code, region_name, participants, pu_participants,
--   bpu_participants, workers, labour_force_year, coverage_pct, pu_coverage_pct,
--   bpu_coverage_pct.
-- Filter on period: each month is computed when asked for. Inspectors see the regions of their
-- branches' employers and their provinces.
-- periksa.coverage_rows and periksa.outreach_rows run with their owner's rights and are not
-- executable by inspectors and analysts: these two functions are how the views reach them,
-- each returning only what the session's login may see (all, or the regions of an
-- inspector's branches and their provinces) and the outreach list's NIKs masked, no names.
create or replace function analytics.visible_coverage(month date, basis text)
returns table (
    region_code text, participants bigint, pu_participants bigint, bpu_participants bigint, workers bigint,
    labour_force_year integer, coverage_pct text, pu_coverage_pct text, bpu_coverage_pct text, region_name text
)
language sql stable security definer set search_path = pg_catalog, periksa, pg_temp as $$
    select c.* from periksa.coverage_rows(month, basis) c
    where (select analytics.sees_all())
       or c.region_code in (select analytics.my_regions())
       or c.region_code in (select left(r, 2) from analytics.my_regions() r)
$$;

create or replace function analytics.visible_outreach(month date)
returns table (nik_masked text, region_code text, district_code text, lists text, categories text, funded boolean)
language sql stable security definer set search_path = pg_catalog, periksa, pg_temp as $$
    select analytics.mask_nik(o.nik), o.region_code, o.district_code, o.lists, o.categories, o.funded
    from periksa.outreach_rows(month) o
    where (select analytics.sees_all()) or o.region_code in (select analytics.my_regions())
$$;

create view analytics.coverage_by_region as
select m.period, b.basis, c.region_code, c.region_name, c.participants, c.pu_participants, c.bpu_participants,
       c.workers, c.labour_force_year, c.coverage_pct::numeric as coverage_pct,
       c.pu_coverage_pct::numeric as pu_coverage_pct, c.bpu_coverage_pct::numeric as bpu_coverage_pct
from (select period from periksa.due_months union select distinct period from periksa.bpu_contributions) m
cross join (values ('nik'), ('employer')) as b (basis)
cross join lateral analytics.visible_coverage(m.period, b.basis) c;

comment on view analytics.coverage_by_region is
    'Coverage of each province and regency/city per month and counting basis: participants (PU, BPU) over the working population.';
comment on column analytics.coverage_by_region.period is 'The month (first day).';
comment on column analytics.coverage_by_region.basis is 'nik: the region of the NIK; employer: of the employer of the highest wage (BPU: the domicile).';
comment on column analytics.coverage_by_region.region_code is 'Province (2 digits) or regency/city (4 digits), Kemendagri code.';
comment on column analytics.coverage_by_region.region_name is 'Its name.';
comment on column analytics.coverage_by_region.participants is 'Participants: NIKs with a wage row or a BPU row in the month, once each.';
comment on column analytics.coverage_by_region.pu_participants is 'Of them, wage earners (PU); one with a BPU row too counts here.';
comment on column analytics.coverage_by_region.bpu_participants is 'Of them, informal participants (BPU) only.';
comment on column analytics.coverage_by_region.workers is 'The working population of the region''s latest labour-force row up to the month''s year.';
comment on column analytics.coverage_by_region.labour_force_year is 'The year of that row (null: no row, no coverage).';
comment on column analytics.coverage_by_region.coverage_pct is 'round(100 × participants / workers, 2).';
comment on column analytics.coverage_by_region.pu_coverage_pct is 'round(100 × PU participants / wage workers, 2), when wage workers are given.';
comment on column analytics.coverage_by_region.bpu_coverage_pct is 'round(100 × BPU participants / non-wage workers, 2), when given.';

-- analytics.outreach
-- Grain: one row per month with wage or BPU rows and person on a local government's list who is
-- not a participant that month (the outreach list).
-- Columns: period, nik_masked, region_code, district_code, lists, categories, funded.
-- NIK masked, no names. Filter on period: each month is computed when asked for.
create view analytics.outreach as
select m.period, o.nik_masked, o.region_code, o.district_code, o.lists, o.categories, o.funded
from (select period from periksa.due_months union select distinct period from periksa.bpu_contributions) m
cross join lateral analytics.visible_outreach(m.period) o;

comment on view analytics.outreach is
    'The outreach list per month: people on the local governments'' lists who are not participants, NIK masked.';
comment on column analytics.outreach.period is 'The month (first day).';
comment on column analytics.outreach.nik_masked is 'The NIK, masked (3171********0001).';
comment on column analytics.outreach.region_code is 'The region of the person''s first list row.';
comment on column analytics.outreach.district_code is 'The district (kecamatan): the NIK''s first six digits.';
comment on column analytics.outreach.lists is 'The lists the person is on, sorted, joined by |.';
comment on column analytics.outreach.categories is 'The categories on those lists (rentan, informal, non_asn, keagamaan, lainnya), sorted, joined by |.';
comment on column analytics.outreach.funded is 'Whether a list funds the person''s contributions that month.';
