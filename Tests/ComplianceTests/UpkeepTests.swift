import Compliance
import Foundation
import Postgres
import TestSupport
import Testing

/// What repeated work leaves on disk and in the planner's statistics: a month re-imported
/// again and again keeps its size (the rows it replaced are vacuumed as the import ends), and
/// the run history is analysed when it has grown, not after every run.
@Suite("Upkeep: space of replaced rows, statistics of the history")
struct UpkeepTests {
    /// 30 employers with 100 workers each in June 2025 (3,000 wage rows).
    static let employers =
        "npp,name,kbli,scale,risk_group,region_code,branch_code,programs,registered_on\n"
        + (0..<30).map {
            "UP\(String(format: "%06d", $0)),PT Upkeep \($0),47111,kecil,1,3171,JKT,JKK|JKM|JHT,2020-01-01\n"
        }
        .joined()
    static let contributions =
        "npp,period,kpj,nik,name,wage\n"
        + (0..<30).flatMap { employer in
            (1...100).map { worker in
                "UP\(String(format: "%06d", employer)),2025-06,\(String(format: "%011d", employer * 100 + worker)),"
                    + "3171010101\(String(format: "%06d", 900_000 + employer * 100 + worker)),Nama,5000000\n"
            }
        }.joined()

    static func size(_ table: String, _ connection: Connection) throws -> Int {
        try connection.queryFirst("select pg_relation_size(\(table)::regclass)")!.decode(Int.self, at: 0)
    }

    @Test("a month re-imported five times with --force keeps its size: the replaced rows' space is reused")
    func reimports() throws {
        try TestDatabase.withConnection { connection in
            try TemporaryFile.with(Self.employers) {
                _ = try Importer(connection: connection).run(.init(kind: .employers, path: $0))
            }
            try TemporaryFile.with(Self.contributions) { path in
                let first = try Importer(connection: connection).run(.init(kind: .contributions, path: path))
                #expect(first.rowsLoaded == 3_000)
                let partitions = ["periksa.contributions_2025_06"]
                let loaded = try partitions.map { try Self.size($0, connection) }
                for _ in 1...5 {
                    let again = try Importer(connection: connection).run(
                        .init(kind: .contributions, path: path, force: true))
                    #expect(again.rowsLoaded == 3_000)
                }
                #expect(
                    try connection.count("select count(*) from periksa.contributions where period = '2025-06-01'")
                        == 3_000)
                // A re-import writes its rows before it deletes the old ones: twice the month
                // at most, never six times.
                for (table, before) in zip(partitions, loaded) {
                    let after = try Self.size(table, connection)
                    #expect(
                        after <= 2 * before + 8192,
                        "\(table): \(before) bytes after the first import, \(after) after five more")
                }
            }
        }
    }

    @Test("the run history is analysed when it has no statistics or has grown by a fifth, not otherwise")
    func historyStatistics() throws {
        try TestDatabase.withConnection { connection in
            try Migrator.bundled().migrate(on: connection)
            try connection.execute("create table periksa.upkeep_history (run_id integer, value text)")
            try connection.transaction { connection in
                func grown() throws -> Bool {
                    try connection.queryFirst("select periksa.analyse_when_grown('periksa.upkeep_history')")!
                        .decode(Bool.self, at: 0)
                }
                func insert(_ rows: Int, run: Int) throws {
                    try connection.execute(
                        "insert into periksa.upkeep_history select \(run), 'x' from generate_series(1, \(rows))")
                }
                try insert(1_000, run: 1)
                #expect(try grown(), "never analysed")
                #expect(
                    try connection.count(
                        "select reltuples::bigint from pg_class where oid = 'periksa.upkeep_history'::regclass")
                        == 1_000)
                #expect(try !grown(), "analysed, nothing added")
                try insert(150, run: 2)
                #expect(try !grown(), "a seventh more")
                try insert(150, run: 3)
                #expect(try grown(), "more than a fifth more")
                try insert(250, run: 4)
                #expect(try !grown(), "a fifth of 1,300 is 260")
            }
            // An ANALYZE rolled back (a run that failed after it) leaves the row count, written
            // in place, without the statistics: analysed again.
            try connection.execute("create table periksa.upkeep_lost (n integer)")
            try connection.execute("insert into periksa.upkeep_lost select generate_series(1, 2000)")
            try connection.execute("begin")
            try connection.execute("analyze periksa.upkeep_lost")
            try connection.execute("rollback")
            #expect(
                try connection.count(
                    "select reltuples::bigint from pg_class where oid = 'periksa.upkeep_lost'::regclass") == 2_000)
            #expect(
                try connection.queryFirst("select periksa.analyse_when_grown('periksa.upkeep_lost')")!.decode(
                    Bool.self, at: 0))
        }
    }
}
