-- 0012: the people who use Periksa in a browser (docs/web.md): who they are, what they may
-- see, the failed logins that lock a name, and the access log (UU 27/2022 on personal data:
-- every view of personal data and every change, with who and when).

-- A user of the web app. The password is kept only as a bcrypt hash ($2b$, cost ≥ 10).
--   inspector  the employers and cases of its branches, read and changed
--   manager    its branches read (every branch with all_branches)
--   analyst    the analytics pages, personal data masked
--   admin      manages users; reads everything
create table periksa.web_users (
    name                 text primary key check (name ~ '^[a-z][a-z0-9._-]{1,39}$'),
    role                 text not null check (role in ('inspector', 'manager', 'analyst', 'admin')),
    password_hash        text not null check (password_hash ~ '^\$2[aby]\$[0-9]{2}\$[./A-Za-z0-9]{53}$'),
    all_branches         boolean not null default false,
    created_at           timestamptz not null default now(),
    created_by           text not null default session_user,
    password_changed_at  timestamptz not null default now(),
    disabled_at          timestamptz,
    check (not all_branches or role = 'manager')
);

comment on table periksa.web_users is
    'The users of the web app: name, role, bcrypt hash of the password, whether disabled.';

-- The branch offices an inspector or a manager works for.
create table periksa.web_user_branches (
    name         text not null references periksa.web_users on delete cascade,
    branch_code  text not null check (char_length(branch_code) between 1 and 40),
    primary key (name, branch_code)
);

comment on table periksa.web_user_branches is 'The branch offices of an inspector or a manager.';

-- The web app's sessions. The browser holds a random token; the database only its SHA-256,
-- so that reading this table does not let anyone log in. A session ends at expires_at, or
-- when it has been idle too long (the server's setting), or at logout.
create table periksa.web_sessions (
    token_sha256  text primary key check (token_sha256 ~ '^[0-9a-f]{64}$'),
    name          text not null references periksa.web_users on delete cascade,
    csrf_token    text not null check (char_length(csrf_token) >= 32),
    created_at    timestamptz not null default now(),
    last_seen_at  timestamptz not null default now(),
    expires_at    timestamptz not null
);

create index web_sessions_name_idx on periksa.web_sessions (name);

comment on table periksa.web_sessions is
    'Sessions of the web app: the SHA-256 of the browser''s token, the user, the CSRF token, when it ends.';

-- Failed logins, per name: 10 within 15 minutes lock the name for 15 minutes.
create table periksa.login_failures (
    name       text not null,
    failed_at  timestamptz not null default now()
);

create index login_failures_name_idx on periksa.login_failures (name, failed_at);

comment on table periksa.login_failures is 'Failed logins per user name, for the lockout (10 in 15 minutes).';

-- The access log: appended, never changed. `actor` is the web user, or the database login for
-- a change made with the command line (`cli:` before it); `action` what was done; `object` what
-- it was done to (an NPP, a case number, a user name), never a NIK or a person's name.
create table periksa.access_log (
    id      bigint generated always as identity primary key,
    at      timestamptz not null default now(),
    actor   text not null,
    action  text not null check (action ~ '^[a-z_]+(\.[a-z_]+)*$'),
    object  text,
    detail  text
);

create index access_log_at_idx on periksa.access_log (at);

comment on table periksa.access_log is
    'Who viewed personal data or changed something, and when: appended, never changed.';

create function periksa.access_log_append_only() returns trigger
language plpgsql as $$
begin
    raise exception 'the access log is appended, never changed (% on access_log)', tg_op;
end
$$;

create trigger access_log_append_only before update or delete or truncate on periksa.access_log
for each statement execute function periksa.access_log_append_only();

-- The web app's database scope. The server logs in as a login that is a member of role
-- periksa_web (created by `periksa db roles`) and, for each request, says whom it acts for with
-- `set local periksa.web_user = 'name'`. The setting is trusted only in a session of such a
-- login: a person's own login that sets it changes nothing. Row-level security and the
-- analysts' views read the scope from here, so the database, not the server's code, decides
-- what a request sees. A web session that names nobody, a disabled user or an unknown one
-- sees nothing.

-- Whether the session is the web app's (a member of periksa_web, not of periksa_admin:
-- superusers are members of every role).
create or replace function analytics.web_session() returns boolean
language sql stable security definer set search_path = pg_catalog, periksa, pg_temp as $$
    select to_regrole('periksa_web') is not null and pg_has_role(session_user, 'periksa_web', 'member')
       and not (to_regrole('periksa_admin') is not null and pg_has_role(session_user, 'periksa_admin', 'member'))
$$;

comment on function analytics.web_session() is
    'True when the session''s login is the web app''s: the scope is then the user named by periksa.web_user.';

-- The enabled user a web session acts for, or nothing.
create or replace function analytics.web_user() returns setof periksa.web_users
language sql stable security definer set search_path = pg_catalog, periksa, pg_temp as $$
    select u.* from periksa.web_users u
    where analytics.web_session() and u.name = current_setting('periksa.web_user', true) and u.disabled_at is null
$$;

comment on function analytics.web_user() is 'The enabled web user the web app''s session acts for (periksa.web_user).';

-- The raw rows a web user reads: an admin and a manager of all branches every branch; an
-- inspector and a manager their branches; an analyst none (the analysts' pages read the
-- masked views).
create or replace function analytics.web_branch(branch text) returns boolean
language sql stable security definer set search_path = pg_catalog, periksa, pg_temp as $$
    select coalesce((
        select u.role = 'admin' or u.all_branches
            or (u.role in ('inspector', 'manager')
                and exists (select 1 from periksa.web_user_branches b where b.name = u.name and b.branch_code = branch))
        from analytics.web_user() u), false)
$$;

-- Whether the session may see rows of `branch` (0006's rule, and the web user's in a web session).
create or replace function analytics.visible_branch(branch text) returns boolean
language sql stable security definer set search_path = pg_catalog, periksa, pg_temp as $$
    select case
        when analytics.web_session() then analytics.web_branch(branch)
        when to_regrole('periksa_inspector') is null then true
        when not pg_has_role(session_user, 'periksa_inspector', 'member') then true
        when to_regrole('periksa_admin') is not null and pg_has_role(session_user, 'periksa_admin', 'member') then true
        else exists (select 1 from periksa.inspector_branches b
                     where b.login = session_user and b.branch_code = branch)
    end
$$;

-- Whether the session may see an unregistered business of `region` (0006's rule; a web user:
-- every region when it reads every branch, else the regions of its branches' employers).
create or replace function analytics.visible_region(region text) returns boolean
language sql stable security definer set search_path = pg_catalog, periksa, pg_temp as $$
    select case
        when analytics.web_session() then coalesce((
            select u.role = 'admin' or u.all_branches
                or (u.role in ('inspector', 'manager') and exists (
                    select 1 from periksa.employers e
                    join periksa.web_user_branches b on b.branch_code = e.branch_code and b.name = u.name
                    where e.region_code = region))
            from analytics.web_user() u), false)
        when to_regrole('periksa_inspector') is null then true
        when not pg_has_role(session_user, 'periksa_inspector', 'member') then true
        when to_regrole('periksa_admin') is not null and pg_has_role(session_user, 'periksa_admin', 'member') then true
        else exists (select 1 from periksa.employers e
                     join periksa.inspector_branches b on b.branch_code = e.branch_code and b.login = session_user
                     where e.region_code = region)
    end
$$;

-- Whether the session may change cases: in a web session only an inspector (a manager, an
-- analyst and an admin read); every other login as its grants allow.
create or replace function analytics.may_change_cases() returns boolean
language sql stable security definer set search_path = pg_catalog, periksa, pg_temp as $$
    select not analytics.web_session() or coalesce((select u.role = 'inspector' from analytics.web_user() u), false)
$$;

create policy cases_changed_by_inspectors on periksa.cases as restrictive for insert
    with check (analytics.may_change_cases());
create policy cases_updated_by_inspectors on periksa.cases as restrictive for update
    using (analytics.may_change_cases());
create policy case_events_added_by_inspectors on periksa.case_events as restrictive for insert
    with check (analytics.may_change_cases());
create policy case_arrears_added_by_inspectors on periksa.case_arrears as restrictive for insert
    with check (analytics.may_change_cases());
