import Logging
import Postgres
import SQLFiles

/// Planner statistics for what Periksa loads and reads. A table PostgreSQL has not analysed
/// yet looks empty to the planner: an audit right after an import, before autovacuum came
/// by, planned its joins over a freshly loaded month as if it had no rows and ran a hundred
/// times slower. So the import analyses what it loaded, in its own transaction (the
/// statistics become visible with the rows), and the audit analyses whatever is still
/// missing or stale before it plans anything.
public enum Statistics {
    /// The partition of `periksa.contributions` that holds the month of `firstDay`
    /// (`YYYY-MM-01`), as `periksa.ensure_contribution_partition` names it.
    static func contributionPartition(firstDay: String) -> String {
        "periksa.contributions_" + firstDay.prefix(7).replacingOccurrences(of: "-", with: "_")
    }

    /// The partition of `periksa.employer_month_due` of the month starting `firstDay`.
    static func monthDuePartition(firstDay: String) -> String {
        "periksa.employer_month_due_" + firstDay.prefix(7).replacingOccurrences(of: "-", with: "_")
    }

    /// Analyses those of the named tables that exist (names Periksa itself builds, never user
    /// input; a month whose every row was rejected has no partition), from a small sample
    /// (statistics target 10: 3,000 rows, a tenth of the default's time): what the planner
    /// needs most right after a load is the row count, which ANALYZE counts exactly. The rows
    /// just loaded count as changes, so autovacuum analyses the table again in full soon after.
    static func analyse(_ tables: [String], on connection: Connection) throws {
        guard !tables.isEmpty else { return }
        let existing = try connection.query(
            "select t::regclass::text from unnest(\(tables)::text[]) t where to_regclass(t) is not null"
        ).map { try $0.decode(String.self, at: 0) }
        guard !existing.isEmpty else { return }
        try connection.execute("set local default_statistics_target = 10")
        for table in existing { try connection.execute(unsafeSQL: "analyze \(table)") }
        try connection.execute("set local default_statistics_target to default")
    }

    /// Gives the partitioned `periksa.contributions` its statistics of the whole table when it
    /// has none. A statement that joins a month's wage rows reads them for some estimates (the
    /// distinct NIKs of a semi-join), and PostgreSQL never analyses a partitioned table on its
    /// own: without them the planner guessed 200 distinct NIKs among 2 million, and the coverage
    /// report right after the first import took 18 s instead of 5. Analysing the partitioned
    /// table analyses every partition again, so it is done once, when the statistics are missing
    /// (the first import, usually of one month); the NIKs' distinctness they record holds after.
    static func analyseContributionsOnce(on connection: Connection) throws {
        let missing = try connection.queryFirst(
            """
            select not exists (
                select 1 from pg_stats where schemaname = 'periksa' and tablename = 'contributions' and inherited)
            """)!.decode(Bool.self, at: 0)
        if missing { try analyse(["periksa.contributions"], on: connection) }
    }

    /// Analyses every input table or contribution partition whose statistics are missing or
    /// stale (`SQL/queries/stale_statistics.sql`); returns their names.
    @discardableResult
    public static func analyseStale(on connection: Connection) throws -> [String] {
        let stale = try connection.query(
            PostgresQuery(unsafeSQL: SQLFiles.text(of: "stale_statistics.sql", in: "queries"))
        )
        .map { try $0.decode(String.self, at: 0) }
        for table in stale { try connection.execute(unsafeSQL: "analyze \(table)") }
        return stale
    }
}

/// The space of rows a command deleted or rewrote, given back right after it commits.
///
/// A re-import (`--force`) deletes the rows it replaces, and an audit rewrites its month's
/// sums and analytics. Autovacuum would reclaim them in time, but the next import's ANALYZE of
/// the same partitions needs the lock autovacuum holds, and PostgreSQL then cancels autovacuum:
/// fifty re-imports of a month in a row left its partition with 350,000 dead rows never
/// vacuumed, and the cluster grew by a gigabyte. So a command notes, before each of its
/// transactions commits, the tables in which it deleted or rewrote many rows (the
/// transaction's own counts, `pg_stat_xact_user_tables`), and vacuums them once it is done:
/// the next load reuses the space instead of growing the table.
public struct DeadRows {
    /// Rows a table must have lost in one transaction to be vacuumed at once: at least this
    /// many, and a fifth of what it holds (autovacuum's own scale factor): a month's sums
    /// rewritten in full are vacuumed, a few thousand rows replaced in a large month are left
    /// to autovacuum.
    public static let minimum = 1_000
    /// The tables noted so far, schema-qualified and quoted, in the order first noted.
    public private(set) var tables: [String] = []

    public init() {}

    /// Notes the tables the current transaction churned; call it just before the commit.
    public mutating func note(on connection: Connection) throws {
        let churned = try connection.query(
            """
            select format('%I.%I', x.schemaname, x.relname)
            from pg_stat_xact_user_tables x join pg_class c on c.oid = x.relid
            where x.schemaname in ('periksa', 'analytics')
              and x.n_tup_del + x.n_tup_upd - x.n_tup_hot_upd >= greatest(\(Self.minimum), 0.2 * c.reltuples)
            """
        ).map { try $0.decode(String.self, at: 0) }
        for table in churned where !tables.contains(table) { tables.append(table) }
    }

    /// Vacuums the tables noted, outside any transaction. A table another session holds (an
    /// autovacuum or an import's ANALYZE under way) is skipped, never waited for; a failure only
    /// costs the space, so it is logged and the command's result stands.
    public func reclaim(on connection: Connection, logger: Logger) {
        guard !tables.isEmpty else { return }
        do {
            try connection.execute(unsafeSQL: "vacuum (skip_locked) " + tables.joined(separator: ", "))
            logger.debug("vacuumed after the command: \(tables.joined(separator: ", "))")
        } catch {
            logger.notice("the space of replaced rows was not reclaimed now (autovacuum will): \(error)")
        }
    }
}
