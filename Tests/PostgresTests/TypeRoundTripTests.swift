import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Bound parameters and decoded values")
struct TypeRoundTripTests {
    @Test("text survives quotes, newlines, tabs, backslashes and non-Latin scripts")
    func text() throws {
        let samples = [
            "", "PT Maju \"Jaya\" 'Abadi'", "baris satu\nbaris dua\r\n\ttab", "C:\\folder\\", "Café Ñandú",
            "日本語 · العربية · 🇮🇩", "'; drop table employers; --",
        ]
        try TestDatabase.withConnection { connection in
            for sample in samples {
                let row = try #require(try connection.queryFirst("select \(sample)::text as value"))
                #expect(try row.decode(String.self, "value") == sample)
            }
        }
    }

    @Test("integers at their limits")
    func integers() throws {
        try TestDatabase.withConnection { connection in
            for value in [0, 1, -1, Int.max, Int.min] {
                let row = try #require(try connection.queryFirst("select \(value)::bigint"))
                #expect(try row.decode(Int.self, at: 0) == value)
            }
            let small = try #require(try connection.queryFirst("select \(Int32.max)::integer, \(Int32.min)::integer"))
            #expect(try small.decode((Int32, Int32).self) == (Int32.max, Int32.min))
            let int64 = try #require(try connection.queryFirst("select \(Int64(9_007_199_254_740_993))::bigint"))
            #expect(try int64.decode(Int64.self, at: 0) == 9_007_199_254_740_993)
        }
    }

    @Test("numeric keeps cents exact, for very large rupiah amounts too")
    func numeric() throws {
        let amounts = [
            "0.01", "2446880.68", "2905119.9", "-15.50", "999999999999999999.99", "123456789012345678901234.56",
        ]
        try TestDatabase.withConnection { connection in
            try connection.execute("create table money (amount numeric(30, 2))")
            for text in amounts {
                let amount = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
                try connection.execute("insert into money values (\(amount))")
                let row = try #require(
                    try connection.queryFirst("select amount, amount::text from money where amount = \(amount)"))
                let (decoded, serverText) = try row.decode((Decimal, String).self)
                #expect(decoded == amount)
                #expect(Decimal(string: serverText, locale: Locale(identifier: "en_US_POSIX")) == amount)
            }
            let sum = try #require(try connection.queryFirst("select sum(amount) from money where abs(amount) < 1e9"))
            #expect(try sum.decode(Decimal.self, at: 0) == Decimal(string: "5351985.09"))
        }
    }

    @Test("double, boolean and bytes")
    func scalars() throws {
        try TestDatabase.withConnection { connection in
            let row = try #require(
                try connection.queryFirst(
                    "select \(0.1 + 0.2)::float8, \(true), \(false), \(PostgresBytes([0, 1, 254, 255]))::bytea"))
            let (double, yes, no, bytes) = try row.decode((Double, Bool, Bool, PostgresBytes).self)
            #expect(double == 0.1 + 0.2)
            #expect(yes && !no)
            #expect(bytes.bytes == [0, 1, 254, 255])
        }
    }

    @Test("dates and timestamps")
    func dates() throws {
        try TestDatabase.withConnection { connection in
            let instant = Date(timeIntervalSince1970: 1_795_000_000.123456)
            let row = try #require(
                try connection.queryFirst(
                    "select \(instant)::timestamptz, '2024-02-29'::date, '1969-12-31'::date, '2026-11-21 07:00:00+07'::timestamptz"
                ))
            let (roundTrip, leapDay, beforeEpoch, jakarta) = try row.decode((Date, Date, Date, Date).self)
            #expect(abs(roundTrip.timeIntervalSince1970 - instant.timeIntervalSince1970) < 0.000_001)
            #expect(leapDay == Date(timeIntervalSince1970: 1_709_164_800))
            #expect(beforeEpoch == Date(timeIntervalSince1970: -86_400))
            #expect(jakarta == Date(timeIntervalSince1970: 1_795_219_200))
        }
    }

    @Test("NULL decodes into an optional and is refused by a non-optional")
    func null() throws {
        try TestDatabase.withConnection { connection in
            let none: String? = nil
            let query: PostgresQuery = "select \(none)::text as name, null::numeric as wage, null::date as paid_on"
            let row = try #require(try connection.queryFirst(query))
            #expect(try row.decode(String?.self, "name") == nil)
            #expect(try row.decode(Decimal?.self, "wage") == nil)
            #expect(try row.decode(Date?.self, "paid_on") == nil)
            #expect(row.isNull(0))
            let error = #expect(throws: PostgresError.self) { try row.decode(Decimal.self, "wage") }
            #expect(error?.kind == .decoding)
            #expect(error?.description.contains("\"wage\"") == true)
        }
    }

    @Test("a decoding error names the column, the server type and the Swift type")
    func decodingError() throws {
        try TestDatabase.withConnection { connection in
            let row = try #require(try connection.queryFirst("select 'Rp 5.396.761'::text as wage"))
            let error = #expect(throws: PostgresError.self) { try row.decode(Int.self, "wage") }
            #expect(error?.description == "column \"wage\" of type text cannot be decoded as Int")
            #expect(throws: PostgresError.self) { try row.decode(Int.self, "missing") }
        }
    }
}

@Suite("Arrays as bound parameters")
struct ArrayParameterTests {
    @Test("elements with quotes, backslashes, commas, braces and NULL arrive as they are")
    func roundTrip() throws {
        try TestDatabase.withConnection { connection in
            let values: [String?] = ["JKK", "a \"quoted\" word", "back\\slash", "x,y", "{braces}", nil, "", "NULL"]
            let row = try #require(
                try connection.queryFirst(
                    "select cardinality(\(values)::text[]), (\(values)::text[])[2], (\(values)::text[])[3], (\(values)::text[])[6] is null, (\(values)::text[])[8]"
                ))
            let (count, quoted, backslash, null, word) = try row.decode((Int, String, String, Bool, String).self)
            #expect(count == 8)
            #expect(quoted == "a \"quoted\" word")
            #expect(backslash == "back\\slash")
            #expect(null)
            #expect(word == "NULL")
            let months = ["2025-01-01", "2025-02-01"]
            let matched = try #require(
                try connection.queryFirst(
                    "select count(*) from unnest(\(months)::date[]) m where m = any(\(months)::date[])"))
            #expect(try matched.decode(Int.self, at: 0) == 2)
            let empty: [String] = []
            let none = try #require(try connection.queryFirst("select cardinality(\(empty)::text[])"))
            #expect(try none.decode(Int.self, at: 0) == 0)
        }
    }
}
