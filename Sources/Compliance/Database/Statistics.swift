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
