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
        try TestDatabase.withConnection { connection in
            for kind in [ImportKind.employers, .minimumWages, .workforce, .contributions, .payments] {
                _ = try Importer(connection: connection).run(.init(kind: kind, path: "\(folder)/\(kind.rawValue).csv"))
            }
            let summary = try AuditRunner(connection: connection).run(
                period: "2025-12", asOf: nil, parameters: AuditParameters())
            let evaluation = try Evaluation.evaluate(
                truthPath: "\(folder)/truth.csv", run: summary.runID, connection: connection)
            #expect(
                evaluation.isPerfect,
                "missing \(evaluation.missing), unexpected \(evaluation.unexpected), differing \(evaluation.differing)")
            for category in AuditRunner.categories {
                let line = evaluation.lines.first { $0.category == category }
                #expect((line?.truth ?? 0) > 0, "the generated data has no \(category) finding")
            }
        }
    }
}
