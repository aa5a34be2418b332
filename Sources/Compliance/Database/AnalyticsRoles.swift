import Foundation
import Postgres

/// The roles that read schema analytics and the logins that hold them.
extension Analytics {
    public enum Role: String, CaseIterable, Sendable {
        /// `web`: the login the web app's server uses; the scope of each request is the web user
        /// it names (SQL/migrations/0012_web_users.sql).
        case admin, inspector, analyst, web

        /// `periksa_admin`, …
        public var name: String { "periksa_\(rawValue)" }
    }

    public struct AccessError: Error, CustomStringConvertible, Sendable {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    static func rolesExist(_ connection: Connection) throws -> Bool {
        try connection.queryFirst(
            """
            select count(*) = 4 from pg_roles
            where rolname in ('periksa_admin', 'periksa_inspector', 'periksa_analyst', 'periksa_web')
            """
        )!.decode(Bool.self, at: 0)
    }

    /// Creates the three roles (no login) and their privileges; idempotent.
    /// `periksa_admin`: everything in schema periksa (import, audit; the schema's owner migrates).
    /// `periksa_inspector`: the registry, runs and findings of its branches (row-level security)
    /// and the analytics views, which filter the same way; it opens and follows up the cases of
    /// its branches (row-level security on the case tables). `periksa_analyst`: the analytics views
    /// only, personal data masked; no access to schema periksa.
    public static func createRoles(on connection: Connection) throws {
        try connection.transaction { connection in
            for role in Role.allCases {
                let exists = try connection.queryFirst("select 1 from pg_roles where rolname = \(role.name)") != nil
                if !exists {
                    let sql = try connection.queryFirst("select format('create role %I nologin', \(role.name)::text)")!
                        .decode(String.self, at: 0)
                    try connection.execute(unsafeSQL: sql)
                }
            }
            try connection.execute(
                unsafeSQL: """
                    revoke all on schema periksa from periksa_analyst;
                    grant usage, create on schema periksa to periksa_admin;
                    grant all on all tables in schema periksa to periksa_admin;
                    grant all on all sequences in schema periksa to periksa_admin;
                    alter default privileges in schema periksa grant all on tables to periksa_admin;
                    grant usage on schema periksa to periksa_inspector;
                    grant select on periksa.employers, periksa.runs, periksa.findings, periksa.run_employers,
                        periksa.inspections, periksa.kbli_sections, periksa.holidays, periksa.regions
                        to periksa_inspector;
                    grant select, insert on periksa.cases, periksa.case_events, periksa.case_arrears to periksa_inspector;
                    grant update (state) on periksa.cases to periksa_inspector;
                    grant execute on function periksa.coverage_rows(date, text), periksa.outreach_rows(date)
                        to periksa_admin;
                    grant execute on function periksa.employer_visible(text),
                        periksa.dossier_registration(text, bigint), periksa.dossier_months(bigint, text),
                        periksa.dossier_due(bigint, text), periksa.dossier_due_rows(bigint, text, date[])
                        to periksa_admin, periksa_inspector, periksa_web;
                    grant execute on function periksa.dossier_workers(bigint, text) to periksa_admin, periksa_web;
                    grant execute on function periksa.coverage_report_lists(date, text[]) to periksa_admin, periksa_web;
                    grant execute on function periksa.index_contributions_by_employer(date) to periksa_admin;
                    grant execute on function periksa.replace_worker_lists(bigint),
                        periksa.refresh_list_persons(text[]) to periksa_admin;
                    grant execute on function periksa.audit_list(bigint, text, integer)
                        to periksa_admin, periksa_inspector, periksa_web;
                    grant select (import_id) on periksa.imports to periksa_web;
                    grant execute on function periksa.coverage_rows(date, text), periksa.web_outreach_rows(date)
                        to periksa_web;
                    grant select (list_code, pemda_code, funded, funded_from, funded_to) on periksa.worker_lists
                        to periksa_web;
                    grant usage on schema periksa to periksa_web;
                    grant select on periksa.employers, periksa.runs, periksa.findings, periksa.run_employers,
                        periksa.inspections, periksa.kbli_sections, periksa.holidays, periksa.regions to periksa_web;
                    grant select, insert on periksa.cases, periksa.case_events, periksa.case_arrears to periksa_web;
                    grant update (state) on periksa.cases to periksa_web;
                    grant select on periksa.web_users, periksa.web_user_branches to periksa_web;
                    grant select, insert, delete on periksa.login_failures to periksa_web;
                    grant select, insert, update, delete on periksa.web_sessions to periksa_web;
                    grant insert on periksa.access_log to periksa_web;
                    """)
            try grantViews(connection)
        }
    }

    /// Grants `role` to the login `name` (created, without a password, when missing); for an
    /// inspector, also the branches it may see. Names are checked and quoted by the server.
    public static func grant(_ role: Role, to name: String, branches: [String], on connection: Connection) throws {
        guard name.range(of: #"^[A-Za-z_][A-Za-z0-9_.\-]{0,62}$"#, options: .regularExpression) != nil else {
            throw AccessError(
                "a login name is a letter or _ then letters, digits, _ . or -, at most 63 characters; not \(name)")
        }
        guard !name.lowercased().hasPrefix("periksa_") && !name.lowercased().hasPrefix("pg_") else {
            throw AccessError("\(name) is a reserved name")
        }
        if role == .inspector && branches.isEmpty {
            throw AccessError("an inspector sees only the branches granted to it: add --branch CODE")
        }
        if try !rolesExist(connection) { try createRoles(on: connection) }
        try connection.transaction { connection in
            if try connection.queryFirst("select 1 from pg_roles where rolname = \(name)") == nil {
                try connection.execute(
                    unsafeSQL: try connection.queryFirst("select format('create role %I login', \(name)::text)")!
                        .decode(String.self, at: 0))
            }
            try connection.execute(
                unsafeSQL: try connection.queryFirst(
                    "select format('grant %I to %I', \(role.name)::text, \(name)::text)")!
                    .decode(String.self, at: 0))
            for branch in branches {
                try connection.execute(
                    """
                    insert into periksa.inspector_branches (login, branch_code) values (\(name), \(branch))
                    on conflict do nothing
                    """)
            }
        }
    }

}
