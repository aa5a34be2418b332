-- After the rules: the run's findings, each with the reason `periksa audit` rendered from its
-- evidence (pg_temp.audit_reasons), kept in periksa.findings.
insert into periksa.findings (run_id, category, npp, source_ref, period, estimated_loss_idr, reason, evidence)
select r.run_id, f.category, f.npp, f.source_ref, r.period, f.estimated_loss_idr, t.reason, f.evidence
from audit_findings f
join audit_reasons t using (finding_id)
cross join periksa.audit_run r;
