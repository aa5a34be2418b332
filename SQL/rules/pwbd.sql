-- PWBD: businesses that should be registered and are not. Candidates: the outside records of P
-- that hit no registered employer of any status (01_prepare.sql), with headcount ≥ 1 and an
-- NPWP or a NIB. Candidates sharing an NPWP or a NIB, directly or through a chain of records,
-- are one business. For each business:
--   H          = the largest headcount of its records; region = that record's region (ties:
--                source order wlkp, pajak, pemda, oss, then the smallest region code)
--   M          = the UMK of that region for the year of P, else the UMP of its province
--   S          = JKK, JKM, JHT, and JP when H ≥ 20
--   loss       = H × c(M, S), with the rates of P and JKK at risk group I; 0 when M is unknown
--                (the finding stands)
--   source_ref = 'npwp:' || the smallest NPWP of its records, else 'nib:' || the smallest NIB
-- No parameter. A hint only: a registered employer of the same region whose name shares the
-- first distinctive word and has pg_trgm similarity ≥ 0.5 (as periksa.possible_match).
-- Records with only an unknown NPP (no NPWP, no NIB) have no usable identifier: they are left
-- out and noted on the run (record_without_identifier).
-- The registered names the hint compares with, each once per region (the smallest NPP that
-- bears it): many employers share a name, and the similarity is the costly part. The same
-- answer as periksa.possible_match: the most similar name, then the smallest NPP.
create temp table audit_names on commit drop as
select region_code, periksa.name_key(name) as name_key, name, min(npp) as npp
from periksa.employers
group by region_code, periksa.name_key(name), name;

create index on audit_names (region_code, name_key);
analyze audit_names;

insert into audit_findings (category, npp, source_ref, estimated_loss_idr, evidence)
with recursive context as (
    select * from periksa.audit_run
), candidates as (
    select record_id, source, source_rank, npwp, nib, name, region_code, headcount
    from audit_records
    where hit_npp is null and headcount >= 1 and (npwp is not null or nib is not null)
), edges as (
    select a.record_id as a, b.record_id as b from candidates a join candidates b on a.npwp = b.npwp
    union
    select a.record_id, b.record_id from candidates a join candidates b on a.nib = b.nib
), reach (a, b) as (
    select a, b from edges
    union
    select r.a, e.b from reach r join edges e on e.a = r.b
), components as (
    select a as record_id, min(b) as business from reach group by a
), businesses as (
    select
        c.business,
        coalesce('npwp:' || min(r.npwp), 'nib:' || min(r.nib)) as source_ref,
        jsonb_agg(jsonb_build_object('source', r.source, 'headcount', r.headcount, 'npwp', r.npwp, 'nib', r.nib,
            'name', r.name, 'region_code', r.region_code) order by r.source_rank, r.headcount desc) as records
    from components c
    join candidates r using (record_id)
    group by c.business
), best as (
    -- H: the largest headcount; its region (ties: source order, then the smallest code).
    select distinct on (c.business) c.business, r.headcount, r.region_code, r.name
    from components c
    join candidates r using (record_id)
    order by c.business, r.headcount desc, r.source_rank, r.region_code
), priced as (
    select
        b.*, s.source_ref, s.records,
        coalesce(umk.amount, ump.amount) as minimum_wage,
        b.headcount * coalesce(periksa.contribution(coalesce(umk.amount, ump.amount),
            case when b.headcount >= 20 then array['JKK', 'JKM', 'JHT', 'JP'] else array['JKK', 'JKM', 'JHT'] end,
            t.jkk, t.jkm, t.jht, t.jp, t.jp_cap), 0) as loss
    from best b
    join businesses s using (business)
    cross join context x
    join periksa.audit_rates t on t.period = x.period and t.risk_group = 1
    left join periksa.minimum_wages umk on umk.region_code = b.region_code and umk.year = extract(year from x.period)
    left join periksa.minimum_wages ump on ump.region_code = left(b.region_code, 2) and ump.year = extract(year from x.period)
)
select
    'PWBD', null, p.source_ref, p.loss,
    jsonb_strip_nulls(jsonb_build_object(
        'headcount', p.headcount, 'region_code', p.region_code, 'minimum_wage', p.minimum_wage, 'records', p.records,
        'possible_npp', h.npp, 'possible_name', h.name))
from priced p
-- A registered employer in the same region with a similar name: a possible match (a hint).
left join lateral (
    select n.npp, n.name
    from audit_names n
    where n.region_code = p.region_code and n.name_key = periksa.name_key(p.name)
      and similarity(n.name, p.name) >= 0.5
    order by similarity(n.name, p.name) desc, n.npp
    limit 1
) h on true;

-- Records with only an NPP that matches nobody: no identifier to act on.
insert into periksa.run_notes (run_id, kind, detail)
select c.run_id, 'record_without_identifier',
       jsonb_build_object('source', r.source, 'npp', r.npp, 'name', r.name, 'headcount', r.headcount)
from audit_records r
cross join periksa.audit_run c
where r.hit_npp is null and r.npwp is null and r.nib is null;
