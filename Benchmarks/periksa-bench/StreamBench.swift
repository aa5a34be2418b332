import ArgumentParser
import Foundation
import Postgres

/// A streamed read of the loaded contributions, every column decoded, with this process's
/// peak resident memory; psql's time for the same query (with FETCH_COUNT, so it streams
/// too) for reference.
struct StreamBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stream", abstract: "Streamed read of the table `copy` loaded, with peak RSS.")

    @OptionGroup var options: BenchOptions

    func run() throws {
        let connection = try Connection(conninfo: options.conninfo)
        let query = "select npp, period, kpj, nik, name, wage from bench_copy_wrapper"
        let before = procStatus("VmHWM")
        var times: [Double] = []
        var rows = 0
        var total = Decimal(0)
        for _ in 0..<options.runs {
            rows = 0
            total = 0
            times.append(
                try time {
                    try connection.stream(PostgresQuery(unsafeSQL: query)) { row in
                        let (_, _, _, nik, _, wage) = try row.decode(
                            (String, String, String, String, String?, Decimal).self)
                        rows += nik.isEmpty ? 0 : 1
                        total += wage
                    }
                })
        }
        var rawTimes: [Double] = []
        for _ in 0..<options.runs {
            var count = 0
            rawTimes.append(try time { try connection.stream(PostgresQuery(unsafeSQL: query)) { _ in count += 1 } })
        }
        let peak = procStatus("VmHWM")
        var psqlTimes: [Double] = []
        for _ in 0..<options.runs {
            psqlTimes.append(try time { try psql(options.conninfo, ["-At", "-v", "FETCH_COUNT=10000", "-c", query]) })
        }
        print("Streamed read of \(rows) rows, every column decoded (wage total Rp \(total)), \(options.runs) runs")
        print("  wrapper stream median \(format(median(times)))  = \(Int(Double(rows) / median(times))) rows/s")
        print("  wrapper stream, rows not decoded: median \(format(median(rawTimes)))")
        print("  psql (FETCH_COUNT=10000, to /dev/null) median \(format(median(psqlTimes)))")
        print("  peak RSS: \(peak / 1024) MB (before the read: \(before / 1024) MB; bar: < 100 MB)")
    }
}
