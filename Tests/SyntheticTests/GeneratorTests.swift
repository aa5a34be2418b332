import Compliance
import Foundation
import Postgres
import Synthetic
import TestSupport
import Testing

@Suite("periksa generate")
struct GeneratorTests {
    static let files = [
        "employers.csv", "workforce.csv", "contributions.csv", "payments.csv", "minimum-wages.csv", "truth.csv",
    ]

    static func generate(seed: UInt64, dirty: Bool = false, employers: Int = 300) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "periksa-gen-\(UUID().uuidString)"
        ).path
        _ = try Generator(
            options: .init(
                directory: directory, employers: employers, months: 3, seed: seed, period: 2025 * 12 + 11, dirty: dirty)
        ).run()
        return directory
    }

    @Test("the same seed writes the same bytes; another seed, other data")
    func deterministic() throws {
        let first = try Self.generate(seed: 42)
        let second = try Self.generate(seed: 42)
        let other = try Self.generate(seed: 43)
        defer { for folder in [first, second, other] { try? FileManager.default.removeItem(atPath: folder) } }
        for file in Self.files {
            let a = try Data(contentsOf: URL(fileURLWithPath: first + "/" + file))
            #expect(a == (try Data(contentsOf: URL(fileURLWithPath: second + "/" + file))), "\(file)")
        }
        #expect(
            try Data(contentsOf: URL(fileURLWithPath: first + "/contributions.csv"))
                != Data(contentsOf: URL(fileURLWithPath: other + "/contributions.csv")))
        let truth = try String(contentsOfFile: first + "/truth.csv", encoding: .utf8)
        #expect(truth.hasPrefix("run_id,category,npp,source_ref,period,estimated_loss_idr,reason\n"))
        for category in ["PDS_PROGRAM", "PDS_TK", "PDS_UPAH", "PWBD", "TUNGGAKAN"] {
            #expect(truth.contains(",\(category),"), "truth.csv has no \(category)")
        }
    }

    @Test("--dirty: importing the files rejects exactly the expected rows and loads every other one")
    func dirtyRoundTrip() throws {
        let folder = try Self.generate(seed: 9, dirty: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try TestDatabase.withConnection { connection in
            var loaded: [String: Int] = [:]
            for kind in [ImportKind.employers, .minimumWages, .workforce, .contributions, .payments] {
                let summary = try Importer(connection: connection).run(
                    .init(kind: kind, path: "\(folder)/\(kind.rawValue).csv"))
                loaded[kind.rawValue] = summary.rowsLoaded
            }
            let got = try connection.query(
                """
                select i.file_name, r.line_number, r.reasons->0->>'rule'
                from periksa.import_rejections r join periksa.imports i using (import_id)
                order by 1, 2
                """
            ).map { row -> String in
                let (file, line, rule) = try row.decode((String, Int32, String).self)
                return "\(file),\(line),\(rule)"
            }
            let expected = try String(contentsOfFile: folder + "/expected-rejections.csv", encoding: .utf8)
                .split(separator: "\n").dropFirst().map(String.init)
                .sorted {
                    ($0.split(separator: ",")[0], Int($0.split(separator: ",")[1])!) < (
                        $1.split(separator: ",")[0], Int($1.split(separator: ",")[1])!
                    )
                }
            #expect(got == expected)
            // Every other row loaded: data lines of each file minus its rejections.
            for kind in ["employers", "workforce", "contributions", "payments", "minimum-wages"] {
                let lines =
                    try String(contentsOfFile: "\(folder)/\(kind).csv", encoding: .utf8).split(separator: "\n").count
                    - 1
                let rejected = expected.filter { $0.hasPrefix(kind + ".csv,") }.count
                #expect(loaded[kind] == lines - rejected, "\(kind)")
            }
        }
    }
}
