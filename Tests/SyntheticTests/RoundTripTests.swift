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
            // Every finding's evidence decodes into its category's type, and that type holds every
            // key the rule wrote: a key renamed, added or dropped in a rule fails here.
            var decoded: Set<String> = []
            for row in try connection.query(
                "select category, coalesce(npp, source_ref), evidence::text from periksa.findings where run_id = \(summary.runID)"
            ) {
                let (code, subject, json) = try row.decode((String, String, String).self)
                let evidence = try Evidence.decode(json, category: Category(code: code), subject: subject)
                #expect(
                    try Self.keyPaths(Data(json.utf8)) == Self.keyPaths(evidence.json()),
                    "\(code) \(subject): the evidence type and the rule's JSON have different keys")
                decoded.insert(code)
            }
            #expect(decoded == Set(Category.allCases.map(\.code)))
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

    /// The key paths of a JSON document (`records[].source`), leaving out null values.
    static func keyPaths(_ data: Data) throws -> Set<String> {
        var paths: Set<String> = []
        func walk(_ value: Any, _ path: String) {
            if let object = value as? [String: Any] {
                for (key, child) in object where !(child is NSNull) {
                    walk(child, path.isEmpty ? key : path + "." + key)
                }
                if object.isEmpty { paths.insert(path) }
            } else if let array = value as? [Any] {
                for child in array { walk(child, path + "[]") }
                if array.isEmpty { paths.insert(path + "[]") }
            } else {
                paths.insert(path)
            }
        }
        walk(try JSONSerialization.jsonObject(with: data), "")
        return paths
    }
}
