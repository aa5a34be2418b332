import Crypto
import Foundation
import Logging
import Postgres
import SQLFiles

/// Runs every rule (docs/rules.md) for one period, in one transaction, and records the run.
public struct AuditRunner {
    /// What a run found, per category.
    public struct Summary: Sendable {
        public var runID: Int
        public var period: String
        public var asOf: String
        public var counts: [Category: Int]
        public var rupiah: [Category: Int64]
        public var notes: [String: Int]
        public var seconds: Double
    }

    /// One step of a run, for a progress line.
    public enum Step: Sendable, Equatable {
        /// The contributions due of one month (`YYYY-MM-01`) recomputed from its wage rows: the
        /// month's rows or its rates changed other than by `periksa import`.
        case monthDue(String)
        /// What every rule shares (01_prepare.sql).
        case prepare
        /// The rule of one category.
        case rule(Category)
        /// The findings rendered and kept.
        case keepFindings
        /// What the run keeps besides its findings (the per-employer figures).
        case runFigures
        /// The run's notes and counts; the run finished.
        case finish
        /// The materialised analytics of the audited month.
        case analytics
    }

    let connection: Connection
    let logger: Logger
    /// Called as each step begins, with its number (from 1) and how many there are.
    let progress: ((Step, Int, Int) -> Void)?

    public init(
        connection: Connection, logger: Logger = Logger(label: "periksa.audit"),
        progress: ((Step, Int, Int) -> Void)? = nil
    ) {
        self.connection = connection
        self.logger = logger
        self.progress = progress
    }

    /// The rule files in the order they run: the shared preparation (`0…`), one per category,
    /// then what the run keeps besides its findings (`9…`).
    static func ruleFiles() throws -> [SQLFiles.File] {
        let files = try SQLFiles.files(in: "rules")
        return files.filter { $0.name.hasPrefix("0") }
            + files.filter { !$0.name.hasPrefix("0") && !$0.name.hasPrefix("9") }
            + files.filter { $0.name.hasPrefix("9") }
    }

    /// Renders the reason of every finding the rules wrote (`audit_findings`) and keeps the
    /// findings in `periksa.findings`: batches through a cursor, so memory stays flat.
    func keepFindings(on connection: Connection) throws {
        try connection.execute(
            "create temp table audit_reasons (finding_id bigint primary key, reason text not null) on commit drop")
        try connection.execute(
            """
            declare audit_findings_cursor no scroll cursor for
            select finding_id, category, coalesce(npp, source_ref), estimated_loss_idr, evidence::text
            from audit_findings
            """)
        while true {
            let rows = try connection.query("fetch 10000 from audit_findings_cursor")
            if rows.isEmpty { break }
            var reasons: [(Int64, String)] = []
            reasons.reserveCapacity(rows.count)
            for row in rows {
                let (id, code, subject, loss, json) = try row.decode((Int64, String, String, Int64, String).self)
                let evidence = try Evidence.decode(json, category: Category(code: code), subject: subject)
                reasons.append((id, FindingText.reason(evidence, loss: loss, .indonesian)))
            }
            _ = try connection.copyIn("copy audit_reasons (finding_id, reason) from stdin") { writer in
                for (id, reason) in reasons { try writer.writeRow(values: id, reason) }
            }
        }
        try connection.execute("close audit_findings_cursor")
        try connection.execute(PostgresQuery(unsafeSQL: SQLFiles.text(of: "keep_findings.sql", in: "queries")))
    }

    /// The step a rule file is: the preparation, a category's rule, or the run's figures.
    static func step(of file: SQLFiles.File) throws -> Step {
        if file.name.hasPrefix("0") { return .prepare }
        if file.name.hasPrefix("9") { return .runFigures }
        guard let category = Category.allCases.first(where: { $0.ruleFile == file.name }) else {
            throw FindingDataError.unknownCategory(file.name)
        }
        return .rule(category)
    }

    /// `YYYY-MM` → the first day of that month; `YYYY-MM-DD` → that day.
    public static func parsePeriod(_ text: String) throws -> (year: Int, month: Int) {
        let parts = text.split(separator: "-")
        guard text.count == 7, parts.count == 2, let year = Int(parts[0]), let month = Int(parts[1]),
            (1...12).contains(month)
        else { throw AuditError.badPeriod(text) }
        return (year, month)
    }

    public static func parseDate(_ text: String) throws -> String {
        let parts = text.split(separator: "-")
        guard text.count == 10, parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]),
            let day = Int(parts[2]), (1...12).contains(month), day >= 1,
            day <= FieldRules.daysIn(year: year, month: month)
        else { throw AuditError.badDate(text) }
        return text
    }

    /// Runs the audit of `period` (`YYYY-MM`) as of `asOf` (default: the 16th of the next month).
    /// The months of the audit's window whose contributions due are stale.
    static func staleMonths(_ firstDay: String, _ connection: Connection) throws -> [String] {
        try connection.query(
            PostgresQuery(unsafeSQL: SQLFiles.text(of: "stale_month_due.sql", in: "queries"), binds: [firstDay])
        ).map { try $0.decode(String.self, at: 0) }
    }

    public func run(period: String, asOf: String?, parameters: AuditParameters) throws -> Summary {
        let (year, month) = try Self.parsePeriod(period)
        let firstDay = FieldRules.firstDay((year, month))
        let next = year * 12 + month  // the month after, as an index
        // By default the day after the payment due date: the 16th of the next month.
        let asOfDate =
            try asOf.map(Self.parseDate) ?? String(FieldRules.firstDay((next / 12, next % 12 + 1)).dropLast(2)) + "16"
        let files = try Self.ruleFiles()
        let version = String(Checksum.sha256(files.map { $0.name + "\n" + $0.text }.joined()).prefix(12))
        try Migrator.bundled().migrate(on: connection)
        let clock = ContinuousClock()
        let started = clock.now
        // The months to recompute, every rule file, the findings kept, the run finished, the
        // analytics.
        var steps = files.count + 3
        var done = 0
        func timed(_ step: Step, _ name: String, _ body: () throws -> Void) throws {
            done += 1
            progress?(step, done, steps)
            let stepStart = clock.now
            try body()
            logger.debug("\(name): \(clock.now - stepStart)")
        }

        // The derived data the rules read, made current first in a transaction of its own (read
        // committed, each statement on the latest data): statistics of tables loaded by other
        // means, and the contributions due of every month of the window that is stale.
        var dead = DeadRows()
        func prepare() throws {
            try connection.transaction { connection in
                let analysed = try Statistics.analyseStale(on: connection)
                if !analysed.isEmpty { logger.debug("analysed first: \(analysed.joined(separator: ", "))") }
                let stale = try Self.staleMonths(firstDay, connection)
                steps += stale.count
                for month in stale {
                    try timed(.monthDue(month), "contributions due of \(month) recomputed") {
                        try connection.execute("select periksa.compute_month_due(\(month)::date)")
                    }
                }
                try Statistics.analyse(stale.map(Statistics.monthDuePartition(firstDay:)), on: connection)
                try dead.note(on: connection)
            }
        }
        try prepare()
        var recorded: Int?
        for _ in 0..<3 where recorded == nil {
            recorded = try connection.transaction { connection -> Int? in
                // One snapshot for the whole run: an import committed while the rules run must
                // not reach the later rules and leave the earlier ones on the data before it.
                try connection.execute("set transaction isolation level repeatable read")
                // Wage rows written other than by an import since `prepare` (an import keeps its
                // months' sums itself): prepare again, then take a new snapshot.
                guard try Self.staleMonths(firstDay, connection).isEmpty else { return nil }
                let runID = try connection.queryFirst(
                    """
                    insert into periksa.runs (period, as_of, parameters, rules_version, last_import_id, status)
                    values (\(firstDay)::date, \(asOfDate)::date, \(parameters.json)::jsonb, \(version),
                            (select max(import_id) from periksa.imports), 'running')
                    returning run_id
                    """)!.decode(Int.self, at: 0)
                // The one channel into the rules: the run record, named by a transaction setting
                // (periksa.audit_run reads it). JIT compilation costs more than it saves on the
                // rules' statements (PostgreSQL's default threshold compiled even small ones).
                try connection.execute("select set_config('periksa.run_id', \(String(runID)), true)")
                try connection.execute("set local jit = off")
                // The preparation and the rules write facts; the findings are kept with their
                // reasons; then what the run keeps besides them (9…), which reads them.
                for file in files where !file.name.hasPrefix("9") {
                    try timed(try Self.step(of: file), file.name) { try connection.execute(unsafeSQL: file.text) }
                }
                try timed(.keepFindings, "findings kept with their reasons") { try keepFindings(on: connection) }
                for file in files where file.name.hasPrefix("9") {
                    try timed(.runFigures, file.name) { try connection.execute(unsafeSQL: file.text) }
                }
                try timed(.finish, "run finished") {
                    try connection.execute(unsafeSQL: SQLFiles.text(of: "finish_run.sql", in: "queries"))
                }
                try dead.note(on: connection)
                return runID
            }
            if recorded == nil { try prepare() }
        }
        guard let runID = recorded else {
            throw AuditError.keepsChanging(period: period)
        }
        try timed(.analytics, "analytics of the month") {
            try connection.transaction { connection in
                _ = try Analytics.refresh(on: connection, months: [firstDay])
                try dead.note(on: connection)
            }
        }
        // The dossiers of the run read one employer's wage rows of the month: indexed once.
        let indexed = try connection.queryFirst(
            "select periksa.index_contributions_by_employer(\(firstDay)::date)")?.decode(Bool.self, at: 0)
        if indexed == true { logger.debug("wage rows of \(firstDay) indexed by NPP for the dossiers") }
        dead.reclaim(on: connection, logger: logger)
        var summary = Summary(
            runID: runID, period: period, asOf: asOfDate, counts: [:], rupiah: [:], notes: [:],
            seconds: Double((clock.now - started).components.seconds) + Double(
                (clock.now - started).components.attoseconds) / 1e18)
        for row in try connection.query(
            "select category, count(*), sum(estimated_loss_idr)::bigint from periksa.findings where run_id = \(runID) group by category"
        ) {
            let (code, count, total) = try row.decode((String, Int, Int64).self)
            let category = try Category(code: code)
            summary.counts[category] = count
            summary.rupiah[category] = total
        }
        for row in try connection.query(
            "select kind, count(*) from periksa.run_notes where run_id = \(runID) group by kind")
        {
            let (kind, count) = try row.decode((String, Int).self)
            summary.notes[kind] = count
        }
        return summary
    }
}
