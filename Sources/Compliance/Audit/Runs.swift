import Foundation
import Postgres
import SQLFiles

/// The audit runs kept in `periksa.runs`: the list, one run's header, what changed between two.
public struct Runs {
    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// One finished run as `periksa runs` lists it.
    public struct Record: Sendable {
        public var runID: Int
        public var period: String
        public var asOf: String
        public var startedAt: String
        public var runBy: String
        /// Seconds from start to finish, as text with one decimal.
        public var seconds: String
        public var rulesVersion: String
        public var lastImportID: Int?
        public var findings: Int64
        public var rupiah: Int64
    }

    /// A finding that is new, gone or changed in rupiah between two runs.
    public struct Change: Sendable {
        public enum Kind: String, Sendable { case new, gone, changed }
        public var kind: Kind
        public var category: Category
        public var subject: String
        public var before: Int64?
        public var after: Int64?
    }

    /// The `limit` latest finished runs, newest first.
    public func list(limit: Int) throws -> [Record] {
        try connection.query(
            PostgresQuery(unsafeSQL: SQLFiles.text(of: "runs_list.sql", in: "queries"), binds: [limit])
        )
        .map { row in
            let (id, period, asOf, started, by, seconds, version) = try row.decode(
                (Int, String, String, String, String, String, String).self)
            return Record(
                runID: id, period: period, asOf: asOf, startedAt: started, runBy: by, seconds: seconds,
                rulesVersion: version, lastImportID: try row.decode(Int?.self, at: 7),
                findings: try row.decode(Int64.self, at: 8), rupiah: try row.decode(Int64.self, at: 9))
        }
    }

    /// The period (`YYYY-MM`) and as-of date of a finished run.
    public func header(run: Int) throws -> (period: String, asOf: Date) {
        guard
            let row = try connection.queryFirst(
                "select periksa.period_text(period), as_of from periksa.runs where run_id = \(run) and status = 'finished'"
            )
        else { throw AuditError.runNotFound(run) }
        return try row.decode((String, Date).self)
    }

    /// Streams the findings new in `to`, gone since `from` and changed in rupiah, in order.
    public func diff(from: Int, to: Int, _ body: (Change) throws -> Void) throws {
        let findings = Findings(connection: connection)
        _ = try findings.resolveRun(period: nil, run: from)
        _ = try findings.resolveRun(period: nil, run: to)
        try connection.stream(
            PostgresQuery(unsafeSQL: SQLFiles.text(of: "runs_diff.sql", in: "queries"), binds: [from, to])
        ) { row in
            let (kind, code, subject, before, after) = try row.decode((String, String, String, Int64?, Int64?).self)
            guard let change = Change.Kind(rawValue: kind) else {
                throw FindingDataError.unknownCategory("change \(kind)")
            }
            try body(
                Change(kind: change, category: try Category(code: code), subject: subject, before: before, after: after)
            )
        }
    }
}
