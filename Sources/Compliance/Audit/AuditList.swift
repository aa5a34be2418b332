import Foundation
import Postgres
import SQLFiles

/// The ranked audit list of RULES.md (SQL/queries/audit_list.sql).
public struct AuditList {
    /// One employer on the list.
    public struct Entry: Sendable {
        public var branch: String
        public var rank: Int
        public var npp: String
        public var name: String
        public var region: String
        public var scale: String
        /// The categories of its findings, in order (`PDS_TK`, `TUNGGAKAN`).
        public var categories: [String]
        public var score: Decimal
        public var totalLoss: Int64
        public var gap: Int
        public var lastInspected: Date?
        /// Per finding: category, loss and the one-line reason.
        public var evidence: [(category: String, loss: Int64, reason: String)]

        public init(
            branch: String, rank: Int, npp: String, name: String, region: String, scale: String, categories: [String],
            score: Decimal, totalLoss: Int64, gap: Int, lastInspected: Date?,
            evidence: [(category: String, loss: Int64, reason: String)]
        ) {
            (self.branch, self.rank, self.npp, self.name, self.region, self.scale) = (
                branch, rank, npp, name, region, scale
            )
            (self.categories, self.score, self.totalLoss, self.gap, self.lastInspected, self.evidence) =
                (categories, score, totalLoss, gap, lastInspected, evidence)
        }
    }

    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// Streams the list of a run: each branch (or only `branch`), its top `capacity` employers.
    public func stream(run: Int, branch: String?, capacity: Int, _ body: (Entry) throws -> Void) throws {
        let sql = try SQLFiles.text(of: "audit_list.sql", in: "queries")
        try connection.stream(PostgresQuery(unsafeSQL: sql, binds: [run, branch, capacity])) { row in
            let (branchCode, rank, npp, name, region, scale, categories, score) = try row.decode(
                (String, Int, String, String, String, String, String, String).self)
            let totalLoss = try row.decode(Int64.self, at: 8)
            let gap = try row.decode(Int32.self, at: 9)
            let inspected = try row.decode(Date?.self, at: 10)
            let json = try row.decode(String.self, at: 11)
            let items = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [[String: Any]] ?? []
            try body(
                Entry(
                    branch: branchCode, rank: rank, npp: npp, name: name, region: region, scale: scale,
                    categories: categories.split(separator: " ").map(String.init),
                    score: Decimal(string: score) ?? 0, totalLoss: totalLoss, gap: Int(gap), lastInspected: inspected,
                    evidence: items.map {
                        (
                            $0["category"] as? String ?? "", ($0["loss"] as? NSNumber)?.int64Value ?? 0,
                            $0["reason"] as? String ?? ""
                        )
                    }))
        }
    }
}
