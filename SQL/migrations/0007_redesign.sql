-- 0007: one channel for an audit run's context, pg_trgm required, categories in long form.

-- The running audit's context, read by every rule (SQL/rules): the run record itself, named by
-- the transaction setting periksa.run_id that `periksa audit` sets. What the rules apply is
-- therefore exactly what the run stores (period, as-of, parameters). A view over a regular
-- table, so that statements reading it may still run in parallel (temporary tables forbid
-- that), and a primary-key lookup the planner knows to be one row.
create view periksa.audit_run as
select
    r.run_id,
    r.period,
    (r.period + interval '1 month - 1 day')::date as period_end,
    r.as_of,
    (r.period - interval '11 months')::date as window_start,
    (r.parameters ->> 'pds_tk.min_gap')::integer as pds_tk_min_gap,
    (r.parameters ->> 'pds_tk.min_ratio')::numeric as pds_tk_min_ratio,
    (r.parameters ->> 'pds_upah.min_workers_below')::integer as pds_upah_min_workers_below,
    (r.parameters ->> 'pds_upah.max_ratio_to_tax')::numeric as pds_upah_max_ratio_to_tax,
    (r.parameters ->> 'tunggakan.fine_rate_monthly')::numeric as tunggakan_fine_rate_monthly,
    (r.parameters ->> 'tunggakan.min_amount')::numeric as tunggakan_min_amount
from periksa.runs r
where r.run_id = current_setting('periksa.run_id')::bigint;

comment on view periksa.audit_run is
    'The audit run in progress (the run named by the setting periksa.run_id): its period, window, as-of and parameters.';

-- The rates and JP caps of the running audit, per month of its window and risk group.
create view periksa.audit_rates as
select t.*
from periksa.run_rates t
join periksa.audit_run r using (run_id);

comment on view periksa.audit_rates is 'The rates and JP caps the running audit applies (periksa.run_rates of periksa.audit_run).';

-- pg_trgm is required: the PWBD name hint must be the same on every installation. (0004
-- fell back to shared words where the extension could not be created.)
do $$
begin
    if not exists (select 1 from pg_available_extensions where name = 'pg_trgm') then
        raise exception 'the PostgreSQL extension pg_trgm is not installed on this server'
            using errcode = 'undefined_file',
                  hint = 'install the server''s contrib modules (Debian and Ubuntu: postgresql-contrib, which the '
                      || 'postgresql package brings; other systems: the package that provides pg_trgm), then run '
                      || 'periksa db migrate again';
    end if;
end
$$;

create extension if not exists pg_trgm;

-- A registered employer of the region whose name is like a business's: the PWBD hint. The
-- candidates share the first distinctive word (an index finds them); among them, trigram
-- similarity of at least 0.5, the most similar first, then the smallest NPP.
create or replace function periksa.possible_match(region text, business_name text)
returns table (npp text, name text)
language sql stable as $$
    select e.npp, e.name
    from periksa.employers e
    where e.region_code = region and periksa.name_key(e.name) = periksa.name_key(business_name)
      and similarity(e.name, business_name) >= 0.5
    order by similarity(e.name, business_name) desc, e.npp
    limit 1
$$;

-- Categories in long form: a run's rupiah per employer and category are its findings
-- (periksa.findings, one row per run, category and employer), so the per-employer figures
-- keep only how many findings the employer has and their total, and nothing that reads them
-- lists the categories. The view that read the old columns is installed again after the
-- migrations (SQL/views).
drop view if exists analytics.coverage cascade;

alter table periksa.run_employers
    add column finding_count smallint not null default 0,
    add column estimated_loss_idr bigint not null default 0;

alter table periksa.run_employers disable trigger run_employers_immutable;
update periksa.run_employers
set finding_count = num_nonnulls(pds_tk_idr, pds_upah_idr, pds_program_idr, tunggakan_idr),
    estimated_loss_idr = coalesce(pds_tk_idr, 0) + coalesce(pds_upah_idr, 0) + coalesce(pds_program_idr, 0)
        + coalesce(tunggakan_idr, 0)
where num_nonnulls(pds_tk_idr, pds_upah_idr, pds_program_idr, tunggakan_idr) > 0;
alter table periksa.run_employers enable trigger run_employers_immutable;

alter table periksa.run_employers
    drop column pds_tk_idr,
    drop column pds_upah_idr,
    drop column pds_program_idr,
    drop column tunggakan_idr;

comment on column periksa.run_employers.finding_count is
    'The employer''s findings in the run (PDS_PROGRAM, PDS_TK, PDS_UPAH, TUNGGAKAN); 0: compliant in the run.';
comment on column periksa.run_employers.estimated_loss_idr is
    'The sum of its findings'' estimated_loss_idr in the run (the findings have them per category).';

create index findings_run_npp_idx on periksa.findings (run_id, npp) where npp is not null;

-- Findings of earlier runs, whose reasons the rules wrote, get the facts those reasons drew
-- on, so that every finding renders from its evidence alone: the ratio a PDS_UPAH tax
-- comparison used (the run's parameter) and the name of a PWBD finding's possible match
-- (taken from the reason the run wrote).
alter table periksa.findings disable trigger findings_immutable;
update periksa.findings f
set evidence = jsonb_set(f.evidence, '{under_tax,max_ratio_to_tax}', r.parameters -> 'pds_upah.max_ratio_to_tax')
from periksa.runs r
where r.run_id = f.run_id and f.category = 'PDS_UPAH' and f.evidence ? 'under_tax'
  and not f.evidence -> 'under_tax' ? 'max_ratio_to_tax';
update periksa.findings f
set evidence = f.evidence || jsonb_build_object(
    'possible_name', substring(f.reason from '; mungkin sama dengan NPP [^ ]+ \((.*)\)$'))
where f.category = 'PWBD' and f.evidence ? 'possible_npp' and not f.evidence ? 'possible_name';
alter table periksa.findings enable trigger findings_immutable;
