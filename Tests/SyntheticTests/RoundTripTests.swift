import Compliance
import Foundation
import Postgres
import Synthetic
import TestSupport
import Testing

@Suite("generate → import → audit → evaluate")
struct RoundTripTests {
    @Test(
        "the SQL audit and the reference implementation agree on every finding and every rupiah",
        arguments: [11, 12] as [UInt64])
    func roundTrip(seed: UInt64) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "periksa-roundtrip-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try Generator(
            options: .init(
                directory: folder, employers: 400, months: 12, seed: seed, period: 2025 * 12 + 11, dirty: true)
        ).run()
        try TestDatabase.with { conninfo in
            let connection = try Connection(conninfo: conninfo)
            for kind in [ImportKind.employers, .minimumWages, .workforce, .contributions, .payments] {
                _ = try Importer(connection: connection).run(.init(kind: kind, path: "\(folder)/\(kind.rawValue).csv"))
            }
            let summary = try AuditRunner(connection: connection).run(
                period: "2025-12", asOf: nil, parameters: AuditParameters())
            // Audited right after the import, with no ANALYZE by hand: the import's own statistics
            // must keep the audit fast (planned blind, this audit took 24 s instead of 0.4 s).
            #expect(summary.seconds < 10, "the audit right after the import took \(summary.seconds) s")
            let evaluation = try Evaluation.evaluate(
                truthPath: "\(folder)/truth.csv", run: summary.runID, connection: connection)
            #expect(
                evaluation.isPerfect,
                "missing \(evaluation.missing), unexpected \(evaluation.unexpected), differing \(evaluation.differing)")
            for category in Category.allCases.map(\.code) {
                let line = evaluation.lines.first { $0.category == category }
                #expect((line?.truth ?? 0) > 0, "the generated data has no \(category) finding")
            }
            // The findings as users get them, reasons included, are those of the reviewed
            // reference file: a change of how findings are made must not change them.
            let findings = try CommandRunner.periksa(
                ["findings", "--period", "2025-12", "--format", "csv", "--database-url", conninfo])
            #expect(findings.status == 0, "\(findings.stderr)")
            let reference = try String(
                contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                    .appendingPathComponent("Reference/findings-seed-\(seed).csv"), encoding: .utf8)
            let produced = findings.stdout.split(separator: "\n", omittingEmptySubsequences: false)
            for (index, line) in reference.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                #expect(index < produced.count && produced[index] == line, "line \(index + 1) of the reference")
            }
            #expect(produced.count == reference.split(separator: "\n", omittingEmptySubsequences: false).count)
        }
    }
}
