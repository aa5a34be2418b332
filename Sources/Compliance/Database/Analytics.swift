import Crypto
import Foundation
import Postgres
import SQLFiles

/// Schema `analytics` for analysts: the views of SQL/views, their refresh, the roles that read
/// them, and the data dictionary written from the database's own comments.
public enum Analytics {
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
    ///
    /// With `progress`, every month (all of them when `months` is nil) is recomputed on its own,
    /// in one transaction, and `progress` hears of each (`YYYY-MM-01`, its number, how many).
    @discardableResult
    public static func refresh(
        on connection: Connection, months: [String]? = nil, progress: ((String, Int, Int) -> Void)? = nil
    ) throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        if let months, months.isEmpty { return 0 }
        if let progress {
            try connection.transaction { connection in
                let list =
                    try months
                    ?? connection.query(
                        PostgresQuery(unsafeSQL: SQLFiles.text(of: "analytics_months.sql", in: "queries"))
                    )
                    .map { try $0.decode(String.self, at: 0) }
                // A full refresh empties the store first, as the single statement does: each
                // month is then only inserted (deleting a whole store month by month costs a
                // third more, in dead rows and index upkeep).
                if months == nil { try connection.execute("truncate periksa.employer_periods_store") }
                for (index, month) in list.enumerated() {
                    progress(month, index + 1, list.count)
                    try connection.execute("select periksa.refresh_employer_periods(\([month])::date[])")
                }
            }
        } else {
            try connection.execute("select periksa.refresh_employer_periods(\(months)::date[])")
        }
        let elapsed = clock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    static func grantViews(_ connection: Connection) throws {
        guard try rolesExist(connection) else { return }
        try connection.execute(
            unsafeSQL: """
                grant usage on schema analytics to periksa_admin, periksa_inspector, periksa_analyst, periksa_web;
                grant select on all tables in schema analytics
                    to periksa_admin, periksa_inspector, periksa_analyst, periksa_web;
                """)
    }

}
