-- analytics.employers
-- Grain: one row per registered employer (NPP), as last imported.
-- Columns: npp, name, npwp, nib, kbli, kbli_section, scale, risk_group, region_code,
--   province_code, branch_code, programs, mandatory_programs, missing_programs, registered_on,
--   status.
-- Inspectors see the employers of their branches only.
create view analytics.employers as
select e.npp, e.name, e.npwp, e.nib, e.kbli, periksa.kbli_section(e.kbli) as kbli_section, e.scale,
       e.risk_group, e.region_code, left(e.region_code, 2) as province_code, e.branch_code, e.programs,
       periksa.mandatory_programmes(e.scale) as mandatory_programs,
       array(select unnest(periksa.mandatory_programmes(e.scale)) except select unnest(e.programs)) as missing_programs,
       e.registered_on, e.status
from periksa.employers e
where (select analytics.sees_all()) or e.branch_code in (select analytics.my_branches());

comment on view analytics.employers is 'One row per registered employer (NPP), as last imported.';
comment on column analytics.employers.npp is 'BPJS employer registration number.';
comment on column analytics.employers.name is 'Registered name of the employer.';
comment on column analytics.employers.npwp is 'Tax number (16 digits), when known.';
comment on column analytics.employers.nib is 'OSS business number (13 digits), when known.';
comment on column analytics.employers.kbli is 'Line of business, 5-digit KBLI code.';
comment on column analytics.employers.kbli_section is 'KBLI section letter (A–U), ? when unknown.';
comment on column analytics.employers.scale is 'besar, menengah, kecil or mikro.';
comment on column analytics.employers.risk_group is 'JKK risk group 1–5.';
comment on column analytics.employers.region_code is 'Regency/city code (4 digits).';
comment on column analytics.employers.province_code is 'Province code (2 digits).';
comment on column analytics.employers.branch_code is 'BPJS branch office.';
comment on column analytics.employers.programs is 'Programmes enrolled (JKK, JKM, JHT, JP, JKP).';
comment on column analytics.employers.mandatory_programs is 'Programmes mandatory for the scale (Perpres 109/2013).';
comment on column analytics.employers.missing_programs is 'Mandatory programmes not enrolled.';
comment on column analytics.employers.registered_on is 'Registration date.';
comment on column analytics.employers.status is 'aktif or nonaktif.';
