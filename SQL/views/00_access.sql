-- Who sees what, asked once per query: every view filters its rows with
--   (select analytics.sees_all()) or branch_code in (select analytics.my_branches())
-- so that the question is an init plan, not a call per row. Security definer, judging
-- session_user (the login): callers need no access to periksa.inspector_branches.

-- True unless the login is an inspector (member of periksa_inspector and not periksa_admin);
-- in the web app's session (analytics.web_session), true for an admin, an analyst and a
-- manager of every branch.
create or replace function analytics.sees_all() returns boolean
language sql stable security definer set search_path = pg_catalog, periksa, pg_temp as $$
    select case
        when analytics.web_session() then coalesce(
            (select u.role in ('admin', 'analyst') or u.all_branches from analytics.web_user() u), false)
        else to_regrole('periksa_inspector') is null
            or not pg_has_role(session_user, 'periksa_inspector', 'member')
            or (to_regrole('periksa_admin') is not null and pg_has_role(session_user, 'periksa_admin', 'member'))
    end
$$;

comment on function analytics.sees_all() is 'True unless the session''s login is an inspector limited to its branches.';

-- The branches granted to the login (for an inspector), or to the web user the web app's
-- session acts for.
create or replace function analytics.my_branches() returns setof text
language sql stable security definer set search_path = pg_catalog, periksa, pg_temp as $$
    select branch_code from periksa.inspector_branches where login = session_user and not analytics.web_session()
    union all
    select b.branch_code from periksa.web_user_branches b join analytics.web_user() u on u.name = b.name
$$;

comment on function analytics.my_branches() is 'The branch offices granted to the session''s login.';

-- The regions of the employers of those branches (unregistered businesses are by region).
create or replace function analytics.my_regions() returns setof text
language sql stable security definer set search_path = pg_catalog, periksa, pg_temp as $$
    select distinct e.region_code from periksa.employers e
    where e.branch_code in (select analytics.my_branches())
$$;

comment on function analytics.my_regions() is 'The regions of the employers of the branches granted to the session''s login.';
