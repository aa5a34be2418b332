-- 0006: access for analysts and inspectors. The schema of the analytics views (their
-- definitions live in SQL/views and are installed by `periksa db migrate`), the branches each
-- inspector login may see, the row filter every view and policy applies, masking, and row-level
-- security on the raw tables inspectors may read.

create schema if not exists analytics;

comment on schema analytics is
    'Periksa for analysts: documented views over the registry, runs and findings; personal data masked.';

-- Which view definitions are installed (the SHA-256 of SQL/views), one row.
create table periksa.analytics_installed (
    checksum      text not null,
    installed_at  timestamptz not null default now()
);

comment on table periksa.analytics_installed is 'The SHA-256 of the SQL/views files installed in schema analytics.';

-- The branches an inspector login may see (periksa db grant inspector NAME --branch CODE).
create table periksa.inspector_branches (
    login        text not null,
    branch_code  text not null,
    granted_at   timestamptz not null default now(),
    primary key (login, branch_code)
);

comment on table periksa.inspector_branches is
    'One row per inspector login and branch office it may see (row-level security).';

-- Whether the session's login may see rows of `branch`: everyone but an inspector sees every
-- branch; an inspector (member of periksa_inspector and not of periksa_admin) only those granted
-- to it. Security definer, so that callers need no access to periksa.inspector_branches; it
-- judges session_user, the login, not the definer.
create or replace function analytics.visible_branch(branch text) returns boolean
language sql stable security definer set search_path = pg_catalog, periksa as $$
    select case
        when to_regrole('periksa_inspector') is null then true
        when not pg_has_role(session_user, 'periksa_inspector', 'member') then true
        when to_regrole('periksa_admin') is not null and pg_has_role(session_user, 'periksa_admin', 'member') then true
        else exists (select 1 from periksa.inspector_branches b
                     where b.login = session_user and b.branch_code = branch)
    end
$$;

comment on function analytics.visible_branch(text) is
    'True when the session''s login may see rows of the branch office: inspectors only their granted branches.';

-- Whether the session's login may see an unregistered business (PWBD) of `region`: inspectors
-- those in the regions of the employers of their branches.
create or replace function analytics.visible_region(region text) returns boolean
language sql stable security definer set search_path = pg_catalog, periksa as $$
    select case
        when to_regrole('periksa_inspector') is null then true
        when not pg_has_role(session_user, 'periksa_inspector', 'member') then true
        when to_regrole('periksa_admin') is not null and pg_has_role(session_user, 'periksa_admin', 'member') then true
        else exists (select 1 from periksa.employers e
                     join periksa.inspector_branches b on b.branch_code = e.branch_code and b.login = session_user
                     where e.region_code = region)
    end
$$;

comment on function analytics.visible_region(text) is
    'True when the session''s login may see unregistered businesses of the region: inspectors those of their branches'' regions.';

-- NIK masked as the reports show it: region (4) and serial (4) kept, birth date hidden.
create or replace function analytics.mask_nik(nik text) returns text
language sql immutable parallel safe as $$
    select case when nik is null then null
                when length(nik) <= 8 then repeat('*', length(nik))
                else left(nik, 4) || repeat('*', length(nik) - 8) || right(nik, 4) end
$$;

comment on function analytics.mask_nik(text) is 'NIK masked: 3171********0001 (UU 27/2022).';

-- A finding's evidence with every NIK in it masked (PDS_UPAH lists workers below the minimum).
create or replace function analytics.mask_evidence(evidence jsonb) returns jsonb
language sql immutable parallel safe as $$
    select case when evidence ? 'below_minimum' then
        jsonb_set(evidence, '{below_minimum,workers}', coalesce((
            select jsonb_agg(jsonb_set(w, '{nik}', to_jsonb(analytics.mask_nik(w->>'nik'))))
            from jsonb_array_elements(evidence->'below_minimum'->'workers') w), '[]'::jsonb))
    else evidence end
$$;

comment on function analytics.mask_evidence(jsonb) is 'A finding''s evidence with the NIK of listed workers masked.';

-- New monthly partitions are created by the owner of the table, whoever imports.
alter function periksa.ensure_contribution_partition(date) security definer;

-- Row-level security on the raw tables an inspector may read (admins and the owner see all;
-- analysts have no access to schema periksa at all).
alter table periksa.employers enable row level security;
create policy employers_by_branch on periksa.employers using (analytics.visible_branch(branch_code));
alter table periksa.run_employers enable row level security;
create policy run_employers_by_branch on periksa.run_employers using (analytics.visible_branch(branch_code));
alter table periksa.findings enable row level security;
create policy findings_by_branch on periksa.findings using (
    case when npp is null then analytics.visible_region(evidence->>'region_code')
         else analytics.visible_branch((select e.branch_code from periksa.employers e where e.npp = findings.npp)) end);
alter table periksa.inspections enable row level security;
create policy inspections_by_branch on periksa.inspections using (
    analytics.visible_branch((select e.branch_code from periksa.employers e where e.npp = inspections.npp)));
