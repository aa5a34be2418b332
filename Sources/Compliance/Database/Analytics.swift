import Crypto
import Foundation
import Postgres
import SQLFiles

/// Schema `analytics` for analysts: the views of SQL/views, their refresh, the roles that read
/// them, and the data dictionary written from the database's own comments.
public enum Analytics {
    public enum Role: String, CaseIterable, Sendable {
        case admin, inspector, analyst

        /// `periksa_admin`, …
        public var name: String { "periksa_\(rawValue)" }
    }

    public struct AccessError: Error, CustomStringConvertible, Sendable {
        public var description: String
        public init(_ description: String) { self.description = description }
    }

    /// (Re)installs the views when SQL/views changed since they were installed; true when it did.
    /// The views are dropped and created again in one transaction, then granted again.
    @discardableResult
    public static func install(on connection: Connection) throws -> Bool {
        let files = try SQLFiles.files(in: "views")
        let checksum = Checksum.sha256(files.map { $0.name + "\n" + $0.text }.joined())
        let installed = try connection.queryFirst("select checksum from periksa.analytics_installed")?.decode(
            String.self, at: 0)
        guard installed != checksum else { return false }
        try connection.transaction { connection in
            // The store of employer periods, whatever kind of relation an earlier version made it.
            if let kind = try connection.queryFirst(
                "select relkind::text from pg_class where oid = to_regclass('periksa.employer_periods_store')")?
                .decode(String.self, at: 0)
            {
                try connection.execute(
                    unsafeSQL: kind == "m"
                        ? "drop materialized view periksa.employer_periods_store cascade"
                        : "drop table periksa.employer_periods_store cascade")
            }
            try connection.execute(unsafeSQL: "drop function if exists periksa.refresh_employer_periods(date[])")
            for row in try connection.query(
                "select format('drop view if exists analytics.%I cascade', viewname) from pg_views where schemaname = 'analytics'"
            ) {
                try connection.execute(unsafeSQL: try row.decode(String.self, at: 0))
            }
            for file in files { try connection.execute(unsafeSQL: file.text) }
            try grantViews(connection)
            try connection.execute("delete from periksa.analytics_installed")
            try connection.execute("insert into periksa.analytics_installed (checksum) values (\(checksum))")
        }
        return true
    }

    /// Recomputes what is materialised for `months` (`YYYY-MM-01`; nil: all), after an import
    /// or an audit; returns the seconds it took.
    @discardableResult
    public static func refresh(on connection: Connection, months: [String]? = nil) throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        if let months, months.isEmpty { return 0 }
        try connection.execute("select periksa.refresh_employer_periods(\(months)::date[])")
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    static func rolesExist(_ connection: Connection) throws -> Bool {
        try connection.queryFirst(
            "select count(*) = 3 from pg_roles where rolname in ('periksa_admin', 'periksa_inspector', 'periksa_analyst')"
        )!.decode(Bool.self, at: 0)
    }

    static func grantViews(_ connection: Connection) throws {
        guard try rolesExist(connection) else { return }
        try connection.execute(
            unsafeSQL: """
                grant usage on schema analytics to periksa_admin, periksa_inspector, periksa_analyst;
                grant select on all tables in schema analytics to periksa_admin, periksa_inspector, periksa_analyst;
                """)
    }

    /// Creates the three roles (no login) and their privileges; idempotent.
    /// `periksa_admin`: everything in schema periksa (import, audit; the schema's owner migrates).
    /// `periksa_inspector`: the registry, runs and findings of its branches (row-level security)
    /// and the analytics views, which filter the same way. `periksa_analyst`: the analytics views
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
                        periksa.inspections, periksa.kbli_sections, periksa.holidays to periksa_inspector;
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

    /// The data dictionary of schema analytics, in Markdown, from the comments in the database.
    public static func dictionary(on connection: Connection) throws -> String {
        var out = """
            # Data dictionary: schema `analytics`

            Written by `periksa db docs` from the comments in the database (SQL/views); do not edit by
            hand. Every view filters rows for inspectors (their branches only) and masks NIK.
            Analysts (`periksa_analyst`) read these views and nothing else.

            """
        let views = try connection.query(
            """
            select c.oid::bigint, c.relname, case c.relkind when 'm' then 'materialised view' else 'view' end,
                   coalesce(obj_description(c.oid, 'pg_class'), '')
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where n.nspname = 'analytics' and c.relkind in ('v', 'm')
            order by c.relname
            """
        ).map { try $0.decode((Int64, String, String, String).self) }
        for (oid, name, kind, comment) in views {
            out += "\n## analytics.\(name)\n\n\(comment) (\(kind))\n\n| column | type | meaning |\n|---|---|---|\n"
            try connection.stream(
                """
                select a.attname, format_type(a.atttypid, a.atttypmod), coalesce(col_description(a.attrelid, a.attnum), '')
                from pg_attribute a where a.attrelid = \(oid)::oid and a.attnum > 0 and not a.attisdropped
                order by a.attnum
                """
            ) { column in
                let (attribute, type, meaning) = try column.decode((String, String, String).self)
                out += "| `\(attribute)` | \(type) | \(meaning.replacingOccurrences(of: "|", with: "\\|")) |\n"
            }
        }
        return out
    }
}
