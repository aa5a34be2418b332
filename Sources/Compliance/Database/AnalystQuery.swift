import Postgres

/// One statement of `periksa query`: read-only unless a writer asks otherwise, with a statement
/// timeout, rows streamed to the caller; rolled back on any error.
public enum AnalystQuery {
    /// Whether the connected login may write: a superuser, a member of `periksa_admin`, or the
    /// owner of schema periksa.
    public static func mayWrite(_ connection: Connection) throws -> Bool {
        guard
            let row = try connection.queryFirst(
                """
                select r.rolsuper
                    or (to_regrole('periksa_admin') is not null and pg_has_role(current_user, 'periksa_admin', 'member'))
                    or exists (select 1 from pg_namespace n where n.nspname = 'periksa'
                               and pg_has_role(current_user, n.nspowner, 'member'))
                from pg_roles r where r.rolname = current_user
                """)
        else { return false }
        return try row.decode(Bool.self, at: 0)
    }

    /// Runs `sql` in a transaction of its own (read-only unless `write`), `timeout` seconds at
    /// most; each row goes to `body`. Commits only a write that succeeded.
    public static func run(
        _ sql: String, write: Bool, timeoutSeconds: Int, on connection: Connection, _ body: (Row) throws -> Void
    ) throws {
        try connection.execute(unsafeSQL: write ? "begin" : "begin transaction read only")
        do {
            try connection.execute("select set_config('statement_timeout', \(String(timeoutSeconds * 1000)), true)")
            try connection.stream(PostgresQuery(unsafeSQL: sql), body)
            try connection.execute(unsafeSQL: write ? "commit" : "rollback")
        } catch {
            _ = try? connection.execute(unsafeSQL: "rollback")
            throw error
        }
    }
}
