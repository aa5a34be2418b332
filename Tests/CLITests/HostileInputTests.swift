import Foundation
import FuzzHarness
import Postgres
import Synthetic
import TestSupport
import Testing

/// Hostile input: the fuzzing harnesses' committed seeds, and whole files mutated at random
/// (seeded, so a failure can be replayed) and imported by `periksa import`. Every run exits 0,
/// 1 or 3; rows read = loaded + rejected, on the command line and in periksa.imports; no output
/// shows a NIK of the file in full. `PERIKSA_MUTATIONS` sets how many files (`make faults`
/// runs thousands; `make test` a few hundred).
@Suite("Hostile input")
struct HostileInputTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fuzz/corpus")

    @Test("every committed seed runs through its fuzzing harness", arguments: Harness.allCases)
    func seeds(harness: Harness) throws {
        let folder = Self.corpus.appendingPathComponent(harness.rawValue)
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files.count >= 3, "the seed corpus of \(harness.rawValue) is missing")
        for file in files {
            let data = try Data(contentsOf: folder.appendingPathComponent(file))
            data.withUnsafeBytes { harness.run($0) }
        }
    }

    static let employers = """
        npp,name,kbli,scale,risk_group,region_code,branch_code,programs,registered_on
        MUT00001,PT Satu,47111,kecil,1,3171,JKT,JKK|JKM|JHT,2020-01-01
        MUT00002,PT Dua,47111,kecil,1,3171,JKT,JKK|JKM|JHT,2020-01-01

        """

    static let niks = (1...40).map { "31710141019\(String(10_000 + $0).suffix(5))" }

    static let contributions: [UInt8] = {
        var text = "npp,period,kpj,nik,name,wage\n"
        for (index, nik) in niks.enumerated() {
            text +=
                "MUT0000\(index % 2 + 1),2025-06,\(String(10_000_000_000 + index)),\(nik),Pekerja \(index),5000000\n"
        }
        return Array(text.utf8)
    }()

    /// One mutation of `bytes`: the kinds of damage files arrive with.
    static func mutate(_ bytes: [UInt8], _ random: inout SeededRandom) -> [UInt8] {
        var bytes = bytes
        for _ in 0..<(1 + random.below(4)) {
            let at = bytes.isEmpty ? 0 : random.below(bytes.count)
            switch random.below(11) {
            case 0: bytes.insert(contentsOf: [0xFF, 0xFE, 0xC3], at: at)  // invalid UTF-8
            case 1: bytes.insert(0, at: at)  // NUL
            case 2:  // a huge field
                bytes.insert(contentsOf: [UInt8](repeating: UInt8(ascii: "9"), count: 70_000), at: at)
            case 3: bytes.insert(UInt8(ascii: "\""), at: at)  // stray quote
            case 4: bytes = bytes.map { $0 == 0x0A ? 0x0D : $0 }  // CR-only lines
            case 5:  // a mangled header
                if let end = bytes.firstIndex(of: 0x0A) {
                    bytes.replaceSubrange(0..<min(end, 1 + random.below(max(end, 1))), with: Array("xyz,".utf8))
                }
            case 6: if !bytes.isEmpty { bytes.removeSubrange(at..<min(bytes.count, at + random.below(40) + 1)) }
            case 7: bytes = bytes.map { $0 == UInt8(ascii: ",") && random.below(5) == 0 ? UInt8(ascii: ";") : $0 }
            case 8: bytes.insert(contentsOf: Array(",,,'; drop table periksa.imports; --".utf8), at: at)
            case 9: if !bytes.isEmpty { bytes[at] = UInt8(truncatingIfNeeded: random.next()) }
            default: bytes = Array(bytes.prefix(at))  // cut short
            }
        }
        return bytes
    }

    @Test("rejected lines come back from periksa.import_rejections as they were, with every reason in order")
    func rejectionsRoundTrip() throws {
        try TestDatabase.with { conninfo in
            try TemporaryFile.with(Self.employers, name: "employers.csv") { path in
                let loaded = try CommandRunner.periksa(["import", "employers", path, "--database-url", conninfo])
                #expect(loaded.status == 0, "\(loaded.stderr)")
            }
            // A tab, a backslash, a quoted line break, a carriage return, and a row with too
            // many fields (a reason without a column).
            let lines = [
                "MUT00001,2025-06,10000000001,317101410190,\"Nama\tdengan\\tab\",\"5000000,00\"",
                "MUT00001,2025-06,10000000002,3171014101900002,\"Baris\ndua\r\",5.000.000",
                "MUT00002,2025-06,10000000003,3171014101900003,Nama,5000000,lebih",
            ]
            let file = "npp,period,kpj,nik,name,wage\n" + lines.joined(separator: "\n") + "\n"
            try TemporaryFile.with(file, name: "rejected.csv") { path in
                let result = try CommandRunner.periksa(["import", "contributions", path, "--database-url", conninfo])
                #expect(result.status == 3, "\(result.stderr)")
            }
            let monitor = try Connection(conninfo: conninfo)
            let stored = try monitor.query(
                """
                select line_number, raw_line,
                       (select string_agg(coalesce(r->>'column', '-') || ':' || (r->>'rule'), ' ' order by o)
                        from jsonb_array_elements(reasons) with ordinality x(r, o)),
                       (select bool_and(r ? 'message' and r ? 'message_id' and r ? 'message_en'
                                        and (r->>'message') = (r->>'message_id'))
                        from jsonb_array_elements(reasons) r)
                from periksa.import_rejections order by line_number
                """
            ).map { try $0.decode((Int, String, String, Bool).self) }
            #expect(stored.map(\.0) == [2, 3, 5])
            #expect(stored.map(\.1) == lines)
            #expect(
                stored.map(\.2) == [
                    "nik:nik_length wage:money_decimal_comma", "wage:money_thousands_separator", "-:field_count",
                ])
            #expect(stored.allSatisfy { $0.3 }, "each reason carries its message in the import's language and both")
        }
    }

    @Test("mutated files through periksa import: exit 0, 1 or 3; read = loaded + rejected; no NIK shown in full")
    func mutatedImports() throws {
        let count = Int(ProcessInfo.processInfo.environment["PERIKSA_MUTATIONS"] ?? "") ?? 120
        try TestDatabase.with { conninfo in
            try TemporaryFile.with(Self.employers, name: "employers.csv") { path in
                let loaded = try CommandRunner.periksa(["import", "employers", path, "--database-url", conninfo])
                #expect(loaded.status == 0, "\(loaded.stderr)")
            }
            let monitor = try Connection(conninfo: conninfo)
            var random = SeededRandom(seed: 20_261_201)
            var statuses: [Int32: Int] = [:]
            for run in 0..<count {
                let bytes = Self.mutate(Self.contributions, &random)
                try TemporaryFile.with(bytes: bytes, name: "mutated-\(run).csv") { path in
                    let result = try CommandRunner.periksa(
                        ["import", "contributions", path, "--database-url", conninfo, "--lang", "en"])
                    statuses[result.status, default: 0] += 1
                    #expect(
                        [0, 1, 3].contains(result.status), "mutation \(run): exit \(result.status): \(result.stderr)")
                    let output = result.stdout + result.stderr
                    for nik in Self.niks where output.contains(nik) {
                        Issue.record("mutation \(run): NIK \(nik.prefix(4))… shown in full")
                    }
                    guard result.status != 1 else {
                        #expect(!result.stderr.isEmpty, "mutation \(run): exit 1 without a message")
                        return
                    }
                    let summary = try #require(result.stdout.split(separator: "\n").last, "mutation \(run)")
                    var fields: [String: Int] = [:]
                    for pair in summary.split(separator: " ") {
                        let parts = pair.split(separator: "=")
                        if parts.count == 2, let value = Int(parts[1]) { fields[String(parts[0])] = value }
                    }
                    if summary.contains("already-imported") { return }
                    #expect(
                        fields["read"] == (fields["loaded"] ?? -1) + (fields["rejected"] ?? -1),
                        "mutation \(run): \(summary)")
                }
            }
            #expect(
                try monitor.count(
                    "select count(*) from periksa.imports where rows_read <> rows_loaded + rows_rejected") == 0)
            #expect(
                try monitor.count(
                    "select count(*) from periksa.imports where status not in ('loaded', 'partial', 'rejected')") == 0)
            // The mutations reached every outcome.
            #expect(statuses[1, default: 0] > 0 && statuses[3, default: 0] > 0, "\(statuses)")
        }
    }
}

extension SeededRandom {
    /// A number in 0..<bound (the mutations' draws).
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
