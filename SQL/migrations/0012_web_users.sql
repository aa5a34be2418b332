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
