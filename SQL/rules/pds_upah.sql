-- PDS_UPAH: wages under-reported. One finding per employer with either trigger, its loss the
-- sum of its parts; rates of P and the employer's risk group; S(e): e's enrolled programmes.
-- Trigger 1, medium and large employers (menengah, besar) with a known minimum wage M(e), over
-- e's own reported rows of P with wage < M(e):
--   flagged when their count ≥ pds_upah.min_workers_below (default 1)
--   loss₁ = Σ (c(M(e), S(e)) − c(wage, S(e)))
-- Trigger 2, groups g with W(g) > 0 and a tax record counting for them: the record of source
-- pajak with headcount H_tax > 0 and wage bill B > 0 (several: the largest headcount, then the
-- largest wage bill); R(g): the group's reported wages.
--   flagged when R(g) × H_tax < pds_upah.max_ratio_to_tax (default 0.90) × B × W(g), exactly
--   a_tax = round(B / H_tax), a_bpjs = round(R(g) / W(g)): whole rupiah, halves away from zero
--   loss₂ = W(g) × (c(a_tax, S(lead)) − c(a_bpjs, S(lead))), on the group's lead
-- loss = loss₁ + loss₂, each 0 when its trigger does not hold.
-- Evidence: below_minimum and/or under_tax, each with its figures and its part of the loss.
insert into audit_findings (category, npp, source_ref, estimated_loss_idr, evidence)
with context as (
    select * from periksa.audit_run
), below_minimum as (
    select
        e.npp, e.minimum_wage,
        count(*) as workers_below,
        sum(periksa.contribution(e.minimum_wage, e.programs, t.jkk, t.jkm, t.jht, t.jp, t.jp_cap)
            - periksa.contribution(r.wage, e.programs, t.jkk, t.jkm, t.jht, t.jp, t.jp_cap)) as loss,
        jsonb_agg(jsonb_build_object('nik', r.nik, 'wage', r.wage) order by r.wage, r.nik) as workers
    from periksa.contributions r
    join audit_employers e on e.npp = r.npp
    cross join context x
    join periksa.audit_rates t on t.period = x.period and t.risk_group = e.risk_group
    where r.period = (select period from periksa.audit_run) and e.is_active
      and e.scale in ('menengah', 'besar') and e.minimum_wage is not null and r.wage < e.minimum_wage
    group by e.npp, e.minimum_wage
    having count(*) >= (select pds_upah_min_workers_below from context)
), tax_records as (
    -- Several tax records for a group: the largest headcount, then the largest wage bill.
    select distinct on (group_key) group_key, headcount, wage_bill
    from audit_matches
    where source = 'pajak' and headcount > 0 and wage_bill > 0
    order by group_key, headcount desc, wage_bill desc
), under_tax as (
    select
        g.lead_npp as npp, s.workers, s.wages, t.headcount, t.wage_bill,
        round(t.wage_bill / t.headcount) as average_tax,
        round(s.wages / s.workers) as average_bpjs
    from tax_records t
    join audit_group_stats s using (group_key)
    join audit_groups g on g.group_key = t.group_key and g.npp = g.lead_npp
    cross join context x
    where s.workers > 0
      and s.wages * t.headcount < x.pds_upah_max_ratio_to_tax * t.wage_bill * s.workers
), under_tax_priced as (
    select u.*,
           u.workers * (periksa.contribution(u.average_tax, e.programs, r.jkk, r.jkm, r.jht, r.jp, r.jp_cap)
                      - periksa.contribution(u.average_bpjs, e.programs, r.jkk, r.jkm, r.jht, r.jp, r.jp_cap)) as loss
    from under_tax u
    join audit_employers e using (npp)
    cross join context x
    join periksa.audit_rates r on r.period = x.period and r.risk_group = e.risk_group
), employers as (
    select npp from below_minimum
    union
    select npp from under_tax_priced
)
select
    'PDS_UPAH', e.npp, null,
    coalesce(b.loss, 0) + coalesce(u.loss, 0),
    jsonb_strip_nulls(jsonb_build_object(
        'below_minimum', case when b.npp is not null then jsonb_build_object(
            'minimum_wage', b.minimum_wage, 'workers', b.workers, 'loss', b.loss) end,
        'under_tax', case when u.npp is not null then jsonb_build_object(
            'tax_headcount', u.headcount, 'tax_wage_bill', u.wage_bill, 'average_tax', u.average_tax,
            'reported_workers', u.workers, 'reported_wages', u.wages, 'average_bpjs', u.average_bpjs,
            'max_ratio_to_tax', x.pds_upah_max_ratio_to_tax, 'loss', u.loss) end))
from employers e
left join below_minimum b using (npp)
left join under_tax_priced u using (npp)
cross join context x;
