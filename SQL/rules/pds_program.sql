-- PDS_PROGRAM: mandatory programmes missing. For each active employer e whose enrolled
-- programmes S(e) do not contain every mandatory programme of its scale (besar, menengah: JKK,
-- JKM, JHT, JP; kecil: JKK, JKM, JHT; mikro: JKK, JKM):
--   missing(e) = mandatory(scale of e) \ S(e), in the order JKK, JKM, JHT, JP
--   loss       = Σ over e's own reported rows of P of c(wage, missing(e)), with the rates of P
--                and e's JKK risk group; 0 when e reported no one (the finding stands)
-- Per NPP, not per group; no parameter. One finding per employer, on its NPP.
-- Evidence: scale, enrolled, mandatory, missing, reported_workers (e's rows of P).
insert into audit_findings (category, npp, source_ref, estimated_loss_idr, evidence)
with missing as (
    select
        e.npp, e.scale, e.risk_group, e.programs,
        array(
            select p from unnest(periksa.mandatory_programmes(e.scale)) p
            where not p = any(e.programs)
            order by array_position(array['JKK', 'JKM', 'JHT', 'JP', 'JKP'], p)
        ) as missing
    from audit_employers e
    where e.is_active and not periksa.mandatory_programmes(e.scale) <@ e.programs
), losses as (
    -- Σ over e's rows of c(wage, X): the sums of the programmes of X (audit_month).
    select
        m.npp,
        coalesce(d.workers, 0) as workers,
        coalesce(periksa.month_due(m.missing, m.risk_group, d.jkk1, d.jkk2, d.jkk3, d.jkk4, d.jkk5,
            d.jkm, d.jht, d.jp), 0) as loss
    from missing m
    left join audit_month d on d.npp = m.npp
)
select
    'PDS_PROGRAM', m.npp, null, l.loss,
    jsonb_build_object(
        'scale', m.scale, 'enrolled', m.programs, 'mandatory', periksa.mandatory_programmes(m.scale),
        'missing', m.missing, 'reported_workers', l.workers)
from missing m
join losses l using (npp);
