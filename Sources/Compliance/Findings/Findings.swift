import Foundation
import Postgres

/// The findings of a run, as `periksa findings` writes them (the data contract's columns).
public struct Findings {
    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// One finding: what the rule found, with its evidence; its words come from `FindingText`.
    public struct Finding: Sendable, Equatable {
        public var runID: Int
        public var category: Category
        public var npp: String
        public var sourceRef: String
        public var period: String
        public var estimatedLoss: Int64
        public var evidence: Evidence

        /// The one-line reason in `language` (the contract's `reason` in Bahasa Indonesia).
        public func reason(_ language: Language) -> String {
            FindingText.reason(evidence, loss: estimatedLoss, language)
        }
    }

    /// The run: `run` itself, or the latest run of `period`.
    public func resolveRun(period: String?, run: Int?) throws -> Int {
        if let run {
            guard
                try connection.queryFirst("select 1 from periksa.runs where run_id = \(run) and status = 'finished'")
                    != nil
            else { throw AuditError.runNotFound(run) }
            return run
        }
        guard let period else { throw AuditError.badPeriod("") }
        let (year, month) = try AuditRunner.parsePeriod(period)
        guard
            let row = try connection.queryFirst(
                """
                select max(run_id) from periksa.runs
                where period = \(FieldRules.firstDay((year, month)))::date and status = 'finished'
                """), let id = try row.decode(Int?.self, at: 0)
        else { throw AuditError.noRun(period: period) }
        return id
    }

    /// Streams the findings of a run in the contract's order: category, loss descending, then
    /// NPP or source reference.
    public func stream(run: Int, _ body: (Finding) throws -> Void) throws {
        try connection.stream(
            """
            select run_id, category, coalesce(npp, ''), coalesce(source_ref, ''), periksa.period_text(period),
                   estimated_loss_idr, evidence::text
            from periksa.findings
            where run_id = \(run)
            order by category, estimated_loss_idr desc, coalesce(npp, source_ref)
            """
        ) { row in
            let (runID, code, npp, sourceRef, period, loss, json) = try row.decode(
                (Int, String, String, String, String, Int64, String).self)
            let category = try Category(code: code)
            try body(
                Finding(
                    runID: runID, category: category, npp: npp, sourceRef: sourceRef, period: period,
                    estimatedLoss: loss,
                    evidence: Evidence.decode(json, category: category, subject: npp.isEmpty ? sourceRef : npp)))
        }
    }
}
