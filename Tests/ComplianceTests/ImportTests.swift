import Compliance
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("periksa import, against PostgreSQL")
struct ImportTests {
    static let employersHeader =
        "npp,name,npwp,nib,kbli,scale,risk_group,region_code,branch_code,programs,registered_on,status\n"
    static let employers =
        employersHeader
        + "JJ0P4391,PT Maju Jaya,01.234.567.8-901.000,,47111,besar,2,3171,JKT-PUSAT,JKK|JKM|JHT|JP,2020-01-15,aktif\n"
        + "AB000012,CV Sinar,,1234567890123,10792,kecil,1,3172,JKT-UTARA,JKK JKM JHT,2021-03-01,\n"

    static func run(
        _ connection: Connection, _ kind: ImportKind, _ csv: String, strict: Bool = false, force: Bool = false
    )
        throws -> Importer.Summary
    {
        try TemporaryFile.with(csv, name: "\(kind.rawValue).csv") { path in
            try Importer(connection: connection).run(.init(kind: kind, path: path, strict: strict, force: force))
        }
    }

    static func count(_ connection: Connection, _ sql: String) throws -> Int {
        try connection.queryFirst(PostgresQuery(unsafeSQL: sql))!.decode(Int.self, at: 0)
    }

    @Test("employers: normalised, counted, a duplicated NPP rejects both rows, a later file updates")
    func employers() throws {
        try TestDatabase.withConnection { connection in
            let first = try Self.run(
                connection, .employers,
                Self.employers + "ZZ000001,PT Ganda,,,47111,mikro,1,3171,JKT,JKK|JKM,2022-01-01,\n"
                    + "zz000001,PT Ganda Lagi,,,47111,mikro,1,3171,JKT,JKK|JKM,2022-01-01,\n")
            #expect(first.status == .partial)
            #expect((first.rowsRead, first.rowsLoaded, first.rowsRejected) == (4, 2, 2))
            #expect(first.firstRejections.map(\.line) == [4, 5])
            #expect(first.firstRejections[0].problems[0].rule == "npp_duplicate")
            let row = try connection.queryFirst(
                "select npwp, programs::text, status from periksa.employers where npp = 'JJ0P4391'")
            let (npwp, programs, status) = try #require(row).decode((String, String, String).self)
            #expect([npwp, programs, status] == ["0012345678901000", "{JKK,JKM,JHT,JP}", "aktif"])
            let stored = try Self.count(connection, "select count(*) from periksa.import_rejections")
            #expect(stored == 2)

            let update = try Self.run(
                connection, .employers,
                Self.employersHeader
                    + "JJ0P4391,PT Maju Jaya Abadi,,,47111,besar,3,3171,JKT-PUSAT,JKK|JKM|JHT|JP,2020-01-15,nonaktif\n")
            #expect(update.status == .loaded)
            let updated = try connection.queryFirst(
                "select name, risk_group, status from periksa.employers where npp = 'JJ0P4391'")
            let (name, riskGroup, newStatus) = try #require(updated).decode((String, Int32, String).self)
            #expect(name == "PT Maju Jaya Abadi" && riskGroup == 3 && newStatus == "nonaktif")
            #expect(try Self.count(connection, "select count(*) from periksa.employers") == 2)
        }
    }

    @Test("a missing required column fails the whole file and changes nothing")
    func missingColumn() throws {
        try TestDatabase.withConnection { connection in
            let error = #expect(throws: ImportError.self) {
                try Self.run(
                    connection, .contributions, "npp,period,kpj,name,wage\nJJ0P4391,2025-06,12345678901,Siti,5396761\n")
            }
            #expect(error?.message(.indonesian).contains("kolom wajib tidak ada di header: nik") == true)
            // The header is read before anything touches the database: not even the schema exists.
            let schema = try connection.queryFirst("select to_regclass('periksa.imports') is null")
            #expect(try schema?.decode(Bool.self, at: 0) == true)
        }
    }

    @Test("contributions: registry check, duplicate NIK, and a corrected file replaces only its employer-periods")
    func contributions() throws {
        try TestDatabase.withConnection { connection in
            _ = try Self.run(connection, .employers, Self.employers)
            let header = "npp,period,kpj,nik,name,wage\n"
            let first = try Self.run(
                connection, .contributions,
                header
                    + "JJ0P4391,2025-06,11111111111,3171014101900001,Siti,5396761\n"
                    + "JJ0P4391,2025-06,11111111112,3171014101900002,Budi,5000000.50\n"
                    + "JJ0P4391,2025-06,11111111113,3171014101900002,Budi lagi,5000000\n"
                    + "JJ0P4391,2025-07,11111111111,3171014101900001,Siti,5396761\n"
                    + "AB000012,2025-06,22222222221,3172016502950003,Ani,2500000\n"
                    + "XX999999,2025-06,33333333331,3171014101900009,Tak Terdaftar,2500000\n")
            #expect((first.rowsRead, first.rowsLoaded, first.rowsRejected) == (6, 4, 2))
            #expect(first.firstRejections.map { $0.problems[0].rule } == ["nik_duplicate", "npp_unregistered"])
            #expect(first.firstRejections[0].problems[0].message(.indonesian).contains("baris 3"))

            // A corrected June file for JJ0P4391 only.
            let corrected = try Self.run(
                connection, .contributions, header + "JJ0P4391,2025-06,11111111111,3171014101900001,Siti,5729876\n")
            #expect(corrected.status == .loaded)
            let rows = try connection.query(
                "select npp, to_char(period, 'YYYY-MM'), wage::text from periksa.contributions order by npp, period, nik"
            ).map { try $0.decode((String, String, String).self) }
            #expect(rows.map(\.0) == ["AB000012", "JJ0P4391", "JJ0P4391"])
            #expect(rows.map(\.1) == ["2025-06", "2025-06", "2025-07"])
            #expect(rows.map(\.2) == ["2500000.00", "5729876.00", "5396761.00"])
        }
    }

    @Test("with the NIK index over budget, duplicates of returning employer-periods are still rejected, by SQL")
    func boundedIndex() throws {
        try TestDatabase.withConnection { connection in
            _ = try Self.run(connection, .employers, Self.employers)
            // JJ0P4391's June rows are split by AB000012's: the index (budget 1) is emptied between.
            let csv =
                "npp,period,kpj,nik,name,wage\n"
                + "JJ0P4391,2025-06,11111111111,3171014101900001,Siti,5396761\n"
                + "JJ0P4391,2025-06,11111111112,3171014101900002,Budi,5000000\n"
                + "AB000012,2025-06,22222222221,3172016502950003,Ani,2500000\n"
                + "AB000012,2025-06,22222222222,3172016502950004,Ana,2500000\n"
                + "JJ0P4391,2025-06,11111111113,3171014101900002,Budi lagi,5000001\n"
                + "JJ0P4391,2025-06,11111111114,3171014101900005,Dedi,5000000\n"
            let summary = try TemporaryFile.with(csv) { path in
                try Importer(connection: connection).run(.init(kind: .contributions, path: path, nikIndexBudget: 1))
            }
            #expect((summary.rowsRead, summary.rowsLoaded, summary.rowsRejected) == (6, 5, 1))
            #expect(summary.firstRejections.map(\.line) == [6])
            #expect(
                summary.firstRejections.first?.problems.first?.message(.english)
                    == "the same NIK is already on line 3 for this NPP and period")
            let wages = try connection.query(
                "select wage::text from periksa.contributions where nik = '3171014101900002'"
            ).map { try $0.decode(String.self, at: 0) }
            #expect(wages == ["5000000.00"])
            let stored = try connection.queryFirst(
                "select raw_line from periksa.import_rejections where line_number = 6")
            #expect(
                try stored?.decode(String.self, at: 0)
                    == "JJ0P4391,2025-06,11111111113,3171014101900002,Budi lagi,5000001")
        }
    }

    @Test("the same file again does nothing and names the earlier import; --force imports it again")
    func idempotent() throws {
        try TestDatabase.withConnection { connection in
            let first = try Self.run(connection, .employers, Self.employers)
            let again = try Self.run(connection, .employers, Self.employers)
            #expect(again.status == .alreadyImported)
            #expect(again.earlierImport?.id == first.importID)
            #expect(again.exitCode == 0)
            let forced = try Self.run(connection, .employers, Self.employers, force: true)
            #expect(forced.status == .loaded)
            #expect(forced.importID != first.importID)
            #expect(try Self.count(connection, "select count(*) from periksa.imports") == 2)
        }
    }

    @Test("a wage file that begins with rejected rows, then good ones, then rejected again: every line kept, in order")
    func rejectedFirst() throws {
        try TestDatabase.withConnection { connection in
            _ = try Self.run(connection, .employers, Self.employers)
            // The first lines stream to the server before any row is loaded; the good rows
            // take the connection over; the last are spooled and stored at the end.
            var csv = "npp,period,kpj,nik,name,wage\n"
            for line in 0..<1_500 {
                csv +=
                    "JJ0P4391,2025-06,\(String(format: "%011d", line)),3171010101\(String(format: "%06d", 900_001 + line)),Nama,\"5000000,00\"\n"
            }
            for line in 0..<1_000 {
                csv +=
                    "JJ0P4391,2025-06,\(String(format: "%011d", 5_000 + line)),3171010101\(String(format: "%06d", 800_001 + line)),Nama,5000000\n"
            }
            csv += "NOTREG01,2025-06,99999999993,3171010101900998,Nama,5000000\n"
            let summary = try Self.run(connection, .contributions, csv)
            #expect((summary.rowsRead, summary.rowsLoaded, summary.rowsRejected) == (2_501, 1_000, 1_501))
            #expect(try Self.count(connection, "select count(*) from periksa.contributions") == 1_000)
            let lines = try connection.query(
                "select line_number from periksa.import_rejections order by line_number"
            ).map { try $0.decode(Int.self, at: 0) }
            #expect(lines.count == 1_501 && lines.first == 2 && lines.last == 2_502)
            #expect(lines == Array(2...1_501) + [2_502], "the lines rejected are not the first 1,500 and the last")
            let rules = try connection.query(
                """
                select r.line_number, x->>'rule' from periksa.import_rejections r
                cross join lateral jsonb_array_elements(r.reasons) x where r.line_number in (2, 2502) order by 1
                """
            ).map { try $0.decode(String.self, at: 1) }
            #expect(rules == ["money_decimal_comma", "npp_unregistered"], "\(rules)")
        }
    }

    @Test(
        "rejected lines that are not UTF-8 or hold a NUL byte are kept (as U+FFFD and U+2400), before and after good rows"
    )
    func rejectedBytes() throws {
        try TestDatabase.withConnection { connection in
            _ = try Self.run(connection, .employers, Self.employers)
            var bytes = Array("npp,period,kpj,nik,name,wage\n".utf8)
            // First (streamed to the server): a Latin-1 name; then a good row; then (spooled) a NUL.
            bytes += Array("JJ0P4391,2025-06,00000000001,3171010101900001,Jos".utf8) + [0xE9] + Array(",5000000\n".utf8)
            bytes += Array("JJ0P4391,2025-06,00000000002,3171010101900002,Nama,5000000\n".utf8)
            bytes += Array("JJ0P4391,2025-06,0000".utf8) + [0] + Array("0000003,3171010101900003,Nama,5000000\n".utf8)
            let summary = try TemporaryFile.with(bytes: bytes, name: "contributions.csv") { path in
                try Importer(connection: connection).run(.init(kind: .contributions, path: path))
            }
            #expect((summary.rowsRead, summary.rowsLoaded, summary.rowsRejected) == (3, 1, 2))
            #expect(summary.exitCode == 3)
            let raw = try connection.query(
                "select raw_line from periksa.import_rejections order by line_number"
            ).map { try $0.decode(String.self, at: 0) }
            #expect(raw.count == 2)
            #expect(raw.first?.contains("Jos\u{FFFD}") == true, "\(raw)")
            #expect(raw.last?.contains("0000\u{2400}0000003") == true, "\(raw)")
            // Another kind, spooled only.
            var employers = Array(Self.employersHeader.utf8)
            employers +=
                Array("AB000099,PT Caf".utf8) + [0xE9] + Array(",,,47111,kecil,1,3171,JKT,JKK,2020-01-01,\n".utf8)
            let registry = try TemporaryFile.with(bytes: employers, name: "employers.csv") { path in
                try Importer(connection: connection).run(.init(kind: .employers, path: path))
            }
            #expect((registry.rowsRead, registry.rowsRejected) == (1, 1))
        }
    }

    @Test("--strict: one rejected row loads nothing, the rejection is kept, exit 3")
    func strict() throws {
        try TestDatabase.withConnection { connection in
            let summary = try Self.run(
                connection, .employers, Self.employers + "BAD!,X,,,1,besar,1,3171,JKT,JKK,2020-01-01,\n", strict: true)
            #expect(summary.status == .rejected)
            #expect(summary.exitCode == 3)
            #expect(
                (summary.rowsRead, summary.rowsLoaded, summary.rowsRejected, summary.rowsWithProblems) == (3, 0, 3, 1))
            #expect(try Self.count(connection, "select count(*) from periksa.employers") == 0)
            #expect(try Self.count(connection, "select count(*) from periksa.import_rejections") == 1)
            // A strict failure did not load, so the same file is not "already imported".
            #expect(
                try Self.run(connection, .employers, Self.employers + "BAD!,X,,,1,besar,1,3171,JKT,JKK,2020-01-01,\n")
                    .status == .partial)
        }
    }

    @Test("workforce: the first identifier names the unit; minimum wages override the shipped ones; payments append")
    func otherKinds() throws {
        try TestDatabase.withConnection { connection in
            _ = try Self.run(connection, .employers, Self.employers)
            let workforce = try Self.run(
                connection, .workforce,
                "source,period,npp,npwp,nib,name,region_code,headcount,wage_bill\n"
                    + "wlkp,2025-06,JJ0P4391,,,PT Maju,3171,40,\n"
                    + "PAJAK,2025-06,,01.234.567.8-901.000,,PT Maju,3171,38,201000000.50\n"
                    + "oss,2025-06,,,9999999999999,Toko Baru,3171,5,\n"
                    + "oss,2025-06,,,9999999999999,Toko Baru lagi,3171,6,\n"
                    + "pemda,2025-06,,,,Tanpa Identitas,3171,3,\n"
                    + "pemda,2025-06,,,1234567890123,Angka,3171,-3,\n")
            #expect((workforce.rowsLoaded, workforce.rowsRejected) == (2, 4))
            #expect(
                workforce.firstRejections.map { $0.problems.map(\.rule) }
                    == [["workforce_duplicate"], ["workforce_duplicate"], ["identifier_missing"], ["whole_number"]])
            let keys = try connection.query("select unit_key from periksa.workforce order by source").map {
                try $0.decode(String.self, at: 0)
            }
            #expect(keys == ["npwp:0012345678901000", "npp:JJ0P4391"])

            _ = try Self.run(
                connection, .minimumWages, "region_code,year,amount\n31,2025,5400000\n3171,2025,5500000.25\n")
            let wages = try connection.query(
                "select region_code, amount::text, import_id is null from periksa.minimum_wages where year = 2025 and region_code like '31%' order by 1"
            ).map { try $0.decode((String, String, Bool).self) }
            #expect(wages.map(\.0) == ["31", "3171"])
            #expect(wages.map(\.1) == ["5400000.00", "5500000.25"])
            #expect(wages.allSatisfy { !$0.2 })

            let payments =
                "npp,period,paid_on,amount\nJJ0P4391,2025-06,2025-07-10,1000000\nJJ0P4391,2025-06,2025-07-20,500000.50\n"
            _ = try Self.run(connection, .payments, payments)
            _ = try Self.run(connection, .payments, payments, force: true)
            #expect(try Self.count(connection, "select count(*) from periksa.payments") == 4)
        }
    }

    @Test("an import whose connection is terminated mid-way leaves nothing behind, and then loads")
    func interrupted() throws {
        try TestDatabase.with { conninfo in
            let connection = try Connection(conninfo: conninfo)
            var employers = Self.employersHeader
            var contributions = "npp,period,kpj,nik,name,wage\n"
            for employer in 0..<2_000 {
                let npp = "AA" + String(format: "%06d", employer)
                employers += "\(npp),PT \(employer),,,47111,kecil,1,3171,JKT,JKK|JKM|JHT,2020-01-01,\n"
                for worker in 0..<100 {
                    contributions +=
                        "\(npp),2025-06,\(String(format: "%011d", employer * 100 + worker)),3171010101900\(String(format: "%03d", worker + 1)),Nama,5000000\n"
                }
            }
            _ = try Self.run(connection, .employers, employers)
            try TemporaryFile.with(contributions) { path in
                let stopper = Thread {
                    guard let monitor = try? Connection(conninfo: conninfo) else { return }
                    for _ in 0..<400 {
                        let terminated = try? monitor.queryFirst(
                            """
                            select pg_terminate_backend(pid) from pg_stat_activity
                            where datname = current_database() and query like 'copy periksa.contributions%' and pid <> pg_backend_pid()
                            """)
                        if terminated != nil { return }
                        Thread.sleep(forTimeInterval: 0.01)
                    }
                }
                stopper.start()
                let importing = try Connection(conninfo: conninfo)
                #expect(throws: PostgresError.self) {
                    try Importer(connection: importing).run(.init(kind: .contributions, path: path))
                }
                let check = try Connection(conninfo: conninfo)
                #expect(try Self.count(check, "select count(*) from periksa.contributions") == 0)
                #expect(try Self.count(check, "select count(*) from periksa.imports where kind = 'contributions'") == 0)
                let retried = try Importer(connection: check).run(.init(kind: .contributions, path: path))
                #expect(retried.rowsLoaded == 200_000)
            }
        }
    }
}
