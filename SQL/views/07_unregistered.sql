-- analytics.unregistered_businesses
-- Grain: one row per unregistered business (PWBD finding) of each audited period's latest run.
-- Columns: run_id, period, source_ref, name, region_code, headcount, sources,
--   estimated_loss_idr, possible_npp.
-- Inspectors see the businesses in the regions of their branches' employers.
create view analytics.unregistered_businesses as
select f.run_id, f.period, f.source_ref, f.evidence->'records'->0->>'name' as name, f.region_code,
       (f.evidence->>'headcount')::integer as headcount,
       array(select distinct r->>'source' from jsonb_array_elements(f.evidence->'records') r order by 1) as sources,
       f.estimated_loss_idr, f.evidence->>'possible_npp' as possible_npp
from analytics.findings f
where f.category = 'PWBD';

comment on view analytics.unregistered_businesses is
    'Per audited period: businesses seen by outside sources and not registered (PWBD), with headcount and rupiah.';
comment on column analytics.unregistered_businesses.run_id is 'The latest finished run of the period.';
comment on column analytics.unregistered_businesses.period is 'The audited month.';
comment on column analytics.unregistered_businesses.source_ref is 'The business''s identifier (npwp:…, nib:…).';
comment on column analytics.unregistered_businesses.name is 'Its name in the first source.';
comment on column analytics.unregistered_businesses.region_code is 'Its region.';
comment on column analytics.unregistered_businesses.headcount is 'The largest headcount any source gives.';
comment on column analytics.unregistered_businesses.sources is 'The sources that see it.';
comment on column analytics.unregistered_businesses.estimated_loss_idr is 'Contributions at stake, whole rupiah.';
comment on column analytics.unregistered_businesses.possible_npp is 'A registered employer with a similar name in the region (a hint).';
