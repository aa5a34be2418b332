import Foundation
import TestSupport
import Testing

@testable import Compliance

@Suite("Reading CSV as the contract says")
struct CSVReaderTests {
    /// Every record after the header: its line, its fields and its structural problem.
    /// Every record after the header, read the three ways a reader can: one batch at a time on
    /// this thread, and on a thread of its own ahead of the caller with tiny and with default
    /// batches. All three must agree (the test fails otherwise); the first is returned.
    static func records(_ bytes: [UInt8]) throws -> (
        header: [String], delimiter: Character, rows: [(Int, [String], CSVReader.RecordProblem?)]
    ) {
        let ways = try [(false, 2048), (true, 3), (true, 2048)].map { readAhead, batchSize in
            try read(bytes, readAhead: readAhead, batchSize: batchSize)
        }
        for other in ways.dropFirst() {
            #expect(other.header == ways[0].header)
            #expect(other.rows.count == ways[0].rows.count)
            for (a, b) in zip(other.rows, ways[0].rows) {
                #expect(a.0 == b.0 && a.1 == b.1 && a.2 == b.2 && a.3 == b.3)
            }
            #expect(other.sha256 == Checksum.sha256(Data(bytes)))
        }
        return (ways[0].header, ways[0].delimiter, ways[0].rows.map { ($0.0, $0.1, $0.2) })
    }

    static func read(_ bytes: [UInt8], readAhead: Bool, batchSize: Int) throws -> (
        header: [String], delimiter: Character, rows: [(Int, [String], CSVReader.RecordProblem?, String)],
        sha256: String?
    ) {
        try TemporaryFile.with(bytes: bytes) { path in
            let reader = try CSVReader(path: path, batchSize: batchSize)
            let header = try reader.readHeader() ?? []
            if readAhead { reader.readAhead(batches: 2) }
            var rows: [(Int, [String], CSVReader.RecordProblem?, String)] = []
            #expect(reader.sha256 == nil)
            while try reader.next() {
                rows.append(
                    (
                        reader.line, (0..<reader.fieldCount).map { String(decoding: reader.field($0), as: UTF8.self) },
                        reader.problem, reader.rawRecord
                    ))
            }
            return (header, Character(Unicode.Scalar(reader.delimiter)), rows, reader.sha256)
        }
    }

    @Test("quoted fields hold delimiters, doubled quotes and line breaks; lines are physical")
    func quoting() throws {
        let text = "a,b,c\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",z\n\n3, spaced ,  \" quoted \"  \n"
        let (header, delimiter, rows) = try Self.records(Array(text.utf8))
        #expect(header == ["a", "b", "c"])
        #expect(delimiter == ",")
        #expect(rows.map(\.0) == [2, 3, 6])
        #expect(rows[0].1 == ["1", "x, y", "say \"hi\""])
        #expect(rows[1].1 == ["2", "two\nlines", "z"])
        #expect(rows[2].1 == ["3", "spaced", " quoted "])
        #expect(rows.allSatisfy { $0.2 == nil })
        let raw = try Self.read(Array(text.utf8), readAhead: true, batchSize: 1).rows.map(\.3)
        #expect(raw == ["1,\"x, y\",\"say \"\"hi\"\"\"", "2,\"two\nlines\",z", "3, spaced ,  \" quoted \"  "])
    }

    @Test("a byte-order mark, CRLF line ends and the semicolon of Indonesian spreadsheets")
    func bomCRLFSemicolon() throws {
        let bytes: [UInt8] =
            [0xEF, 0xBB, 0xBF] + Array("NPP;Nama\r\nJJ0P4391;\"PT Maju; Jaya\"\r\n\r\nAB12;CV Sinar\r\n".utf8)
        let (header, delimiter, rows) = try Self.records(bytes)
        #expect(header == ["NPP", "Nama"])
        #expect(delimiter == ";")
        #expect(rows.map(\.0) == [2, 4])
        #expect(rows[0].1 == ["JJ0P4391", "PT Maju; Jaya"])
        #expect(rows[1].1 == ["AB12", "CV Sinar"])
    }

    @Test("an unclosed quote and text after a closing quote are reported, not guessed")
    func malformed() throws {
        let (_, _, rows) = try Self.records(Array("a,b\n\"x\"y,2\n3,\"open\n".utf8))
        #expect(rows[0].2 == .textAfterQuote)
        #expect(rows[1].2 == .unterminatedQuote)
        #expect(rows[1].0 == 3)
    }

    @Test("records that straddle the read buffer keep their fields and line numbers")
    func largeFile() throws {
        var text = "n,name\n"
        for index in 1...60_000 { text += "\(index),\"Nama \(index)\nbaris dua\"\n" }
        let (_, _, rows) = try Self.records(Array(text.utf8))
        #expect(rows.count == 60_000)
        #expect(rows.last?.0 == 2 + 59_999 * 2)
        #expect(rows.last?.1 == ["60000", "Nama 60000\nbaris dua"])
    }

    @Test("a reader dropped halfway through a file read ahead stops its thread, whatever is left")
    func abandoned() throws {
        var text = "n\n"
        for index in 1...50_000 { text += "\(index)\n" }
        try TemporaryFile.with(bytes: Array(text.utf8)) { path in
            for _ in 0..<20 {
                let reader = try CSVReader(path: path, batchSize: 64)
                _ = try reader.readHeader()
                reader.readAhead(batches: 2)
                for _ in 0..<100 { _ = try reader.next() }
                #expect(reader.line == 101)
                #expect(reader.sha256 == nil)
            }
        }
        // Twenty abandoned readers would leave twenty parsing threads blocked for good; other
        // tests running meanwhile may have a few of their own.
        func parsingThreads() -> Int {
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task")) ?? []
            return tasks.filter {
                (try? String(contentsOfFile: "/proc/self/task/\($0)/comm", encoding: .utf8))?.hasPrefix("periksa.csv")
                    == true
            }.count
        }
        var waited = 0
        while parsingThreads() >= 5, waited < 100 {
            usleep(50_000)
            waited += 1
        }
        #expect(parsingThreads() < 5)
    }
}
