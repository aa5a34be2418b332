import Crypto
import Foundation
import Logging
import Postgres
import SQLFiles

/// Runs every rule of RULES.md for one period, in one transaction, and records the run.
public struct AuditRunner {
    /// What a run found, per category.
    public struct Summary: Sendable {
        public var runID: Int
        public var period: String
        public var asOf: String
        public var counts: [String: Int]
        public var rupiah: [String: Int64]
        public var notes: [String: Int]
        public var seconds: Double
    }

    public static let categories = ["PDS_PROGRAM", "PDS_TK", "PDS_UPAH", "PWBD", "TUNGGAKAN"]

    let connection: Connection
    let logger: Logger

    public init(connection: Connection, logger: Logger = Logger(label: "periksa.audit")) {
        self.connection = connection
        self.logger = logger
    }

    /// The rule files in the order they run: the shared preparation (`0…`), one per category,
    /// then what the run keeps besides its findings (`9…`).
    static func ruleFiles() throws -> [SQLFiles.File] {
        let files = try SQLFiles.files(in: "rules")
        return files.filter { $0.name.hasPrefix("0") }
            + files.filter { !$0.name.hasPrefix("0") && !$0.name.hasPrefix("9") }
            + files.filter { $0.name.hasPrefix("9") }
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
    public func run(period: String, asOf: String?, parameters: AuditParameters) throws -> Summary {
        let (year, month) = try Self.parsePeriod(period)
        let firstDay = FieldRules.firstDay((year, month))
        let next = year * 12 + month  // the month after, as an index
        // By default the day after the payment due date: the 16th of the next month.
        let asOfDate =
            try asOf.map(Self.parseDate) ?? String(FieldRules.firstDay((next / 12, next % 12 + 1)).dropLast(2)) + "16"
        let files = try Self.ruleFiles()
        let version = String(
            SHA256.hash(data: Data(files.map { $0.name + "\n" + $0.text }.joined().utf8))
                .map { String(format: "%02x", $0) }.joined().prefix(12))
        try Migrator.bundled().migrate(on: connection)
        let clock = ContinuousClock()
        let started = clock.now

        let runID: Int = try connection.transaction { connection in
            let runID = try connection.queryFirst(
                """
                insert into periksa.runs (period, as_of, parameters, rules_version, last_import_id, status)
                values (\(firstDay)::date, \(asOfDate)::date, \(parameters.json)::jsonb, \(version),
                        (select max(import_id) from periksa.imports), 'running')
                returning run_id
                """)!.decode(Int.self, at: 0)
            try connection.execute(
                unsafeSQL: """
                    create temp table audit_context (
                        run_id bigint, period date, period_end date, as_of date, window_start date,
                        pds_tk_min_gap integer, pds_tk_min_ratio numeric, pds_upah_min_workers_below integer,
                        pds_upah_max_ratio_to_tax numeric, tunggakan_fine_rate_monthly numeric, tunggakan_min_amount numeric
                    ) on commit drop
                    """)
            let value = parameters.values
            try connection.execute(
                """
                insert into audit_context values (
                    \(runID), \(firstDay)::date, (\(firstDay)::date + interval '1 month - 1 day')::date, \(asOfDate)::date,
                    (\(firstDay)::date - interval '11 months')::date,
                    \(value["pds_tk.min_gap"]!)::integer, \(value["pds_tk.min_ratio"]!)::numeric,
                    \(value["pds_upah.min_workers_below"]!)::integer, \(value["pds_upah.max_ratio_to_tax"]!)::numeric,
                    \(value["tunggakan.fine_rate_monthly"]!)::numeric, \(value["tunggakan.min_amount"]!)::numeric)
                """)
            // The same context as settings of the transaction, for statements that must not read
            // temporary tables (parallel plans cannot).
            try connection.execute(
                """
                select set_config('periksa.run_id', run_id::text, true), set_config('periksa.period', period::text, true),
                       set_config('periksa.period_end', period_end::text, true),
                       set_config('periksa.window_start', window_start::text, true)
                from audit_context
                """)
            for file in files {
                let ruleStart = clock.now
                try connection.execute(unsafeSQL: file.text)
                logger.debug("\(file.name): \(clock.now - ruleStart)")
            }
            // Employers whose floor rule was skipped: no minimum wage for their region and year.
            try connection.execute(
                """
                insert into periksa.run_notes (run_id, kind, detail)
                select \(runID), 'minimum_wage_missing', jsonb_build_object('npp', npp, 'region_code', region_code)
                from audit_employers where is_active and minimum_wage is null and scale in ('menengah', 'besar')
                """)
            try connection.execute(
                """
                update periksa.runs set status = 'finished', finished_at = clock_timestamp(),
                    findings_count = (select coalesce(jsonb_object_agg(category, n), '{}') from
                        (select category, count(*) as n from periksa.findings where run_id = \(runID) group by category) c),
                    rupiah = (select coalesce(jsonb_object_agg(category, total), '{}') from
                        (select category, sum(estimated_loss_idr) as total from periksa.findings where run_id = \(runID) group by category) r)
                where run_id = \(runID)
                """)
            return runID
        }
        try Analytics.refresh(on: connection, months: [firstDay])
        var summary = Summary(
            runID: runID, period: period, asOf: asOfDate, counts: [:], rupiah: [:], notes: [:],
            seconds: Double((clock.now - started).components.seconds) + Double(
                (clock.now - started).components.attoseconds) / 1e18)
        for row in try connection.query(
            "select category, count(*), sum(estimated_loss_idr) from periksa.findings where run_id = \(runID) group by category"
        ) {
            let (category, count, total) = try row.decode((String, Int, Decimal).self)
            summary.counts[category] = count
            summary.rupiah[category] = NSDecimalNumber(decimal: total).int64Value
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
