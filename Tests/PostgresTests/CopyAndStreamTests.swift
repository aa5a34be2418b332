import Foundation
import Postgres
import TestSupport
import Testing

@Suite("COPY and streamed reads")
struct CopyAndStreamTests {
    static let contributions =
        "create table contributions (npp text, period text, kpj text, nik text, name text, wage numeric(15,2))"

    /// A contribution row with the characters COPY must escape in some names.
    static func row(_ index: Int) -> [String?] {
        let names = ["Siti Nurhaliza", "Budi \"Bule\" Santoso", "Tab\there", "Baris\nbaru", "Back\\slash", "Ñoño ☕"]
        return [
            "JJ0P\(String(format: "%04d", index % 10_000))", "2025-0\(index % 9 + 1)",
            String(format: "%011d", index), String(format: "3171%012d", index),
            index % 97 == 0 ? nil : names[index % names.count],
            "\(5_000_000 + index % 1000).\(String(format: "%02d", index % 100))",
        ]
    }

    @Test("100,000 rows go in by COPY and come out again byte-identical")
    func copyRoundTrip() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute(unsafeSQL: Self.contributions)
            var sent = [UInt8]()
            let loaded = try connection.copyIn("copy contributions from stdin") { writer in
                for index in 0..<100_000 {
                    let row = Self.row(index)
                    try writer.writeRow(row)
                    sent += Self.encode(row)
                }
            }
            #expect(loaded == 100_000)
            var received = [UInt8]()
            received.reserveCapacity(sent.count)
            try connection.copyOut("copy (select * from contributions order by kpj) to stdout") {
                received.append(contentsOf: $0)
            }
            #expect(received.count == sent.count)
            let firstDifference = zip(received, sent).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            let context = firstDifference.map { at in
                (
                    String(decoding: received[max(0, at - 80)..<min(received.count, at + 40)], as: UTF8.self),
                    String(decoding: sent[max(0, at - 80)..<min(sent.count, at + 40)], as: UTF8.self)
                )
            }
            #expect(
                firstDifference == nil,
                "first difference at byte \(firstDifference ?? -1): \(String(describing: context))")
            let name = try connection.queryFirst(
                "select name from contributions where kpj = \(String(format: "%011d", 3))")
            #expect(try name?.decode(String.self, at: 0) == "Baris\nbaru")
        }
    }

    @Test("a row the server refuses stops the COPY, names its line and loads nothing")
    func copyError() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute(unsafeSQL: Self.contributions)
            let error = #expect(throws: PostgresError.self) {
                try connection.copyIn("copy contributions from stdin") { writer in
                    for index in 1...50_000 {
                        var row = Self.row(index)
                        if index == 5_000 { row[5] = "5.396.761" }
                        try writer.writeRow(row)
                    }
                }
            }
            #expect(error?.sqlState == .invalidTextRepresentation)
            #expect(error?.copyLine == 5_000)
            #expect(error?.description.contains("5.396.761") == false)
            #expect(try connection.queryFirst("select count(*) from contributions")?.decode(Int.self, at: 0) == 0)
        }
    }

    @Test("a COPY whose source fails is aborted and the connection stays usable")
    func copyAborted() throws {
        struct SourceFailed: Error {}
        try TestDatabase.withConnection { connection in
            try connection.execute(unsafeSQL: Self.contributions)
            #expect(throws: SourceFailed.self) {
                try connection.copyIn("copy contributions from stdin") { writer in
                    for index in 0..<1_000 { try writer.writeRow(Self.row(index)) }
                    throw SourceFailed()
                }
            }
            #expect(try connection.queryFirst("select count(*) from contributions")?.decode(Int.self, at: 0) == 0)
        }
    }

    @Test("a large COPY waits for the server instead of piling data up in memory")
    func copyMemoryStaysFlat() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("create table blobs (line text)")
            var chunk = [UInt8]()
            for index in 0..<10_000 { chunk += Array("\(index)\t\(String(repeating: "x", count: 90))\n".utf8) }
            chunk = chunk.filter { $0 != 0x09 }  // one column
            let baseline = TestDatabase.residentMemory()
            var peak = baseline
            let loaded = try connection.copyIn("copy blobs from stdin") { writer in
                for _ in 0..<40 {  // about 40 MB
                    try writer.write(bytes: chunk)
                    peak = max(peak, TestDatabase.residentMemory())
                }
            }
            #expect(loaded == 400_000)
            #expect(peak - baseline < 20 << 20, "memory grew by \((peak - baseline) >> 20) MB during the COPY")
        }
    }

    @Test("raw CSV bytes go in through COPY … (format csv)")
    func copyCSV() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute(unsafeSQL: Self.contributions)
            let csv =
                "npp,period,kpj,nik,name,wage\nJJ0P4391,2025-01,12345678901,3171014101900001,\"Maju, \"\"Jaya\"\"\",5396761.00\n"
            let loaded = try connection.copyIn("copy contributions from stdin (format csv, header true)") {
                try $0.write(bytes: Array(csv.utf8))
            }
            #expect(loaded == 1)
            #expect(
                try connection.queryFirst("select name from contributions")?.decode(String.self, at: 0)
                    == "Maju, \"Jaya\"")
        }
    }

    @Test("2 million rows stream through with flat memory")
    func streamedRead() throws {
        try TestDatabase.withConnection { connection in
            var count = 0
            var total: Int64 = 0
            let baseline = TestDatabase.residentMemory()
            var peak = baseline
            try connection.stream("select g, 'NIK ' || g, (g % 1000)::numeric / 100 from generate_series(1, 2000000) g")
            { row in
                count += 1
                total += try row.decode(Int64.self, at: 0)
                if count % 100_000 == 0 { peak = max(peak, TestDatabase.residentMemory()) }
            }
            #expect(count == 2_000_000)
            #expect(total == 2_000_000 * 2_000_001 / 2)
            let growth = peak - baseline
            #expect(growth < 64 << 20, "resident memory grew by \(growth >> 20) MB while streaming")
        }
    }

    @Test("a stream stopped by its reader cancels the rest")
    func streamStopped() throws {
        struct Enough: Error {}
        try TestDatabase.withConnection { connection in
            var seen = 0
            let started = Date()
            #expect(throws: Enough.self) {
                try connection.stream("select g from generate_series(1, 50000000) g") { _ in
                    seen += 1
                    if seen == 10 { throw Enough() }
                }
            }
            #expect(seen == 10)
            #expect(Date().timeIntervalSince(started) < 20)
            let stillUsable = try connection.queryFirst("select 1")?.decode(Int32.self, at: 0)
            #expect(stillUsable == 1)
        }
    }

    /// COPY text format, as the server writes it.
    static func encode(_ row: [String?]) -> [UInt8] {
        var out = [UInt8]()
        for (index, value) in row.enumerated() {
            if index > 0 { out.append(0x09) }
            guard let value else { out += Array("\\N".utf8); continue }
            for byte in value.utf8 {
                switch byte {
                case 0x5C: out += [0x5C, 0x5C]
                case 0x09: out += Array("\\t".utf8)
                case 0x0A: out += Array("\\n".utf8)
                case 0x0D: out += Array("\\r".utf8)
                default: out.append(byte)
                }
            }
        }
        out.append(0x0A)
        return out
    }
}

@Suite("Binary COPY")
struct BinaryCopyTests {
    @Test(
        "numeric, date, bigint, text and NULL arrive as the same values",
        arguments: [
            "0", "0.01", "5396761", "2446880.68", "2905119.9", "100", "10000", "100000000", "0.5", "123456789012.34",
            "-15.50", "007", "999999999999999999", "1000000000000000000", "12345678901234567.8",
            String(repeating: "9", count: 40),
            String(repeating: "1", count: 60) + "." + String(repeating: "5", count: 30),
        ])
    func values(_ amount: String) throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("create table t (d date, n numeric, i bigint, s text, z text)")
            let writer = try connection.startCopy("copy t from stdin (format binary)")
            var text = amount
            let encoded = text.withUTF8 { bytes -> Bool in
                writer.beginBinaryRow(fields: 5)
                writer.binaryDate(year: 2025, month: 6, day: 1)
                let encoded = writer.binaryNumeric(bytes)
                writer.binaryInt64(-42)
                writer.binaryText("Siti \"Nur\"\ttab")
                writer.binaryNull()
                return encoded
            }
            #expect(encoded)
            try writer.endBinaryRow()
            writer.endBinary()
            #expect(try writer.finish() == 1)
            let row = try #require(try connection.queryFirst("select d::text, n = \(amount)::numeric, i, s, z from t"))
            let (date, equal, integer, string, null) = try row.decode((String, Bool, Int64, String, String?).self)
            #expect(date == "2025-06-01")
            #expect(equal)
            #expect(integer == -42)
            #expect(string == "Siti \"Nur\"\ttab")
            #expect(null == nil)
        }
    }

    @Test(
        "an amount in cents arrives as the same numeric as its decimal text, with two decimals",
        arguments: [Int64(0), 1, 10, 99, 100, 539_676_100, 244_688_068, 290_511_990, -1_550, 99_999_999_999_999_999])
    func cents(_ cents: Int64) throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("create table t (n numeric)")
            let writer = try connection.startCopy("copy t from stdin (format binary)")
            writer.beginBinaryRow(fields: 1)
            writer.binaryNumeric(cents: cents)
            try writer.endBinaryRow()
            writer.endBinary()
            #expect(try writer.finish() == 1)
            let text = try #require(try connection.queryFirst("select n::text from t")).decode(String.self, at: 0)
            let magnitude = cents.magnitude
            let fraction = magnitude % 100
            #expect(text == (cents < 0 ? "-" : "") + "\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)")
        }
    }

    @Test("rows spooled to a file now are loaded by a later COPY, as they were written")
    func spooled() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("create table t (s text, i integer, n numeric)")
            let file = try #require(tmpfile())
            defer { fclose(file) }
            let spool = CopyWriter(spoolingTo: file)
            for index in 0..<20_000 {  // several chunks of the writer's buffer
                spool.beginBinaryRow(fields: 3)
                spool.binaryText("baris \(index)")
                spool.binaryInt32(Int32(index))
                spool.binaryNumeric(cents: Int64(index) * 101)
                try spool.endBinaryRow()
            }
            spool.endBinary()
            #expect(try spool.finish() == 20_000)
            fflush(file)
            rewind(file)
            let loaded = try connection.copyIn("copy t from stdin (format binary)") { writer in
                var buffer = [UInt8](repeating: 0, count: 1 << 16)
                while true {
                    let count = fread(&buffer, 1, buffer.count, file)
                    if count == 0 { break }
                    try writer.write(bytes: buffer[0..<count])
                }
            }
            #expect(loaded == 20_000)
            let row = try #require(
                try connection.queryFirst("select count(*), sum(i), sum(n)::text, max(s) from t where s like 'baris %'")
            )
            let (count, sum, total, last) = try row.decode((Int64, Int64, String, String).self)
            #expect(count == 20_000)
            #expect(sum == 199_990_000)
            #expect(total == "201989900.00")  // 101 × Σ index cents
            #expect(last == "baris 9999")
        }
    }

    @Test("a decimal too long for the binary form is refused, not a crash")
    func tooLong() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("create table t (n numeric)")
            let writer = try connection.startCopy("copy t from stdin (format binary)")
            var text = String(repeating: "7", count: PostgresNumeric.maximumDigits + 1)
            let encoded = text.withUTF8 { writer.binaryNumeric($0) }
            #expect(!encoded)
            var plain = "12.5"
            #expect(plain.withUTF8 { PostgresNumeric.binary($0) } != nil)
            writer.endBinary()
            _ = try? writer.finish()
        }
    }
}

@Suite("COPY text escaping")
struct CopyTextTests {
    @Test("backslash, tab, line breaks and NUL survive COPY's text format; NUL shows as ␀")
    func escaping() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("create table t (s text)")
            let value = "a\\b\tc\nd\re\u{0}f"
            _ = try connection.copyIn("copy t from stdin") { writer in try writer.writeRow([value]) }
            let row = try #require(try connection.queryFirst("select s from t"))
            #expect(try row.decode(String.self, at: 0) == "a\\b\tc\nd\re\u{2400}f")
            #expect(CopyText.escape(value) == "a\\\\b\\tc\\nd\\re\u{2400}f")
        }
    }
}
