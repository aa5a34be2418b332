import Foundation
import TestSupport
import Testing

@testable import Compliance

@Suite("Reading CSV as the contract says")
struct CSVReaderTests {
    /// Every record after the header: its line, its fields and its structural problem.
    static func records(_ bytes: [UInt8]) throws -> (
        header: [String], delimiter: Character, rows: [(Int, [String], CSVReader.RecordProblem?)]
    ) {
        try TemporaryFile.with(bytes: bytes) { path in
            let reader = try CSVReader(path: path)
            let header = try reader.readHeader() ?? []
            var rows: [(Int, [String], CSVReader.RecordProblem?)] = []
            while try reader.next() {
                rows.append(
                    (
                        reader.line, (0..<reader.fieldCount).map { String(decoding: reader.field($0), as: UTF8.self) },
                        reader.problem
                    ))
            }
            return (header, Character(Unicode.Scalar(reader.delimiter)), rows)
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
}
