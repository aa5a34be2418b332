import ArgumentParser
import Foundation
import Postgres

/// COPY of the same CSV file through the wrapper (`PQputCopyData`) and through
/// `psql -c "\copy …"`, into identical tables, alternating, several runs.
struct CopyBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy", abstract: "Wrapper COPY vs psql \\copy of a contribution-shaped CSV.")

    @OptionGroup var options: BenchOptions

    func run() throws {
        let path = try ContributionFile.ensure(rows: options.rows, folder: options.data)
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let connection = try Connection(conninfo: options.conninfo)
        for table in ["bench_copy_wrapper", "bench_copy_psql"] {
            try connection.execute(
                unsafeSQL: """
                    drop table if exists \(table);
                    create table \(table) (npp text, period text, kpj text, nik text, name text, wage numeric(15,2))
                    """)
        }
        var wrapper: [Double] = []
        var psqlTimes: [Double] = []
        for run in 0..<options.runs {
            for contender in run % 2 == 0 ? ["wrapper", "psql"] : ["psql", "wrapper"] {
                let table = contender == "wrapper" ? "bench_copy_wrapper" : "bench_copy_psql"
                try connection.execute(unsafeSQL: "truncate \(table); checkpoint")
                if contender == "wrapper" {
                    var loaded = 0
                    wrapper.append(try time { loaded = try copyFile(path, into: table, on: connection) })
                    guard loaded == options.rows else { throw ValidationError("wrapper loaded \(loaded) rows") }
                } else {
                    psqlTimes.append(
                        try time {
                            try psql(
                                options.conninfo,
                                ["-c", "\\copy \(table) from '\(path)' with (format csv, header true)"])
                        })
                }
            }
        }
        let counts = try connection.queryFirst(
            "select (select count(*) from bench_copy_wrapper), (select count(*) from bench_copy_psql)")
        let (wrapperRows, psqlRows) = try counts!.decode((Int, Int).self)
        guard wrapperRows == options.rows, psqlRows == options.rows else {
            throw ValidationError("row counts differ: wrapper \(wrapperRows), psql \(psqlRows)")
        }
        let ratio = median(wrapper) / median(psqlTimes)
        print("COPY of \(options.rows) rows (\(size / 1_048_576) MiB CSV), \(options.runs) runs each, alternating")
        print("  wrapper COPY   median \(format(median(wrapper)))   runs \(wrapper.map(format))")
        print("  psql \\copy     median \(format(median(psqlTimes)))   runs \(psqlTimes.map(format))")
        print(String(format: "  ratio wrapper/psql: %.2f (bar: ≤ 1.30)", ratio))
        print("  peak RSS of this process: \(procStatus("VmHWM") / 1024) MB")
        for table in ["bench_copy_psql"] { try connection.execute(unsafeSQL: "drop table \(table)") }
    }

    /// Feeds the file to `COPY … FROM STDIN` in 1 MiB reads.
    func copyFile(_ path: String, into table: String, on connection: Connection) throws -> Int {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ValidationError("cannot open \(path)") }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        return try connection.copyIn("copy \(unsafeSQL: table) from stdin (format csv, header true)") { writer in
            while true {
                let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
                guard count > 0 else { break }
                try writer.write(bytes: buffer[0..<count])
            }
        }
    }
}
