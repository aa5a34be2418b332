import Foundation
import Postgres

/// The ranked audit list (docs/rules.md), by `periksa.audit_list` (SQL/migrations/0014).
public struct AuditList {
    /// One employer on the list.
    public struct Entry: Sendable {
        public var branch: String
        public var rank: Int
        public var npp: String
        public var name: String
        public var region: String
        /// `Kota Jambi (1571)`, or the code.
        public var regionLabel: String
        public var scale: String
        /// The categories of its findings, in order (`PDS_TK`, `TUNGGAKAN`).
        public var categories: [Category] { findings.map(\.category) }
        public var score: Decimal
        public var totalLoss: Int64
        public var gap: Int
        public var lastInspected: Date?
        /// Its findings in the run, in category order.
        public var findings: [FindingFacts]

        public init(
            branch: String, rank: Int, npp: String, name: String, region: String, scale: String, score: Decimal,
            totalLoss: Int64, gap: Int, lastInspected: Date?, findings: [FindingFacts], regionLabel: String? = nil
        ) {
            self.regionLabel = regionLabel ?? region
            (self.branch, self.rank, self.npp, self.name, self.region, self.scale) = (
                branch, rank, npp, name, region, scale
            )
            (self.score, self.totalLoss, self.gap, self.lastInspected, self.findings) =
                (score, totalLoss, gap, lastInspected, findings)
        }

        /// `PDS_TK: <reason>` for each finding, in `language`.
        public func reasons(_ language: Language) -> [String] {
            findings.map { "\($0.category.code): \($0.reason(language))" }
        }
    }

    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// Streams the list of a run: each branch (or only `branch`), its top `capacity` employers,
    /// of the branches the session sees (`periksa.audit_list`, SQL/migrations/0014).
    public func stream(run: Int, branch: String?, capacity: Int, _ body: (Entry) throws -> Void) throws {
        let query: PostgresQuery = "select * from periksa.audit_list(\(run), \(branch), \(capacity)::integer)"
        try connection.stream(query) { row in
            let (branchCode, rank, npp, name, region, scale, score) = try row.decode(
                (String, Int, String, String, String, String, Decimal).self)
            let totalLoss = try row.decode(Int64.self, at: 7)
            let gap = try row.decode(Int32.self, at: 8)
            let inspected = try row.decode(Date?.self, at: 9)
            let findings = try FindingFacts.decodeList(try row.decode(String.self, at: 10), subject: npp)
            try body(
                Entry(
                    branch: branchCode, rank: rank, npp: npp, name: name, region: region, scale: scale,
                    score: score, totalLoss: totalLoss, gap: Int(gap), lastInspected: inspected, findings: findings,
                    regionLabel: try row.decode(String.self, at: 11)))
        }
    }
}
