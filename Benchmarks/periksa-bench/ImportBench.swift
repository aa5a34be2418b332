import ArgumentParser
import Foundation
import Postgres

/// `periksa import` at Jakarta scale: a generated month (115,446 employers, about 2.1 million
/// contribution rows); all five files once, then contributions against `psql \copy` of the
/// same file into a bare table of text columns, alternating, several runs.
struct ImportBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "periksa import vs psql \\copy on a generated Jakarta-scale month.")

    @Option(help: "libpq connection string of the server (a database the bench may fill).")
    var conninfo: String

    @Option(help: "The periksa executable.")
    var periksa: String

    @Option(help: "Registered employers to generate.")
    var employers = 115_446

    @Option(help: "Timed runs of each contender (alternating).")
    var runs = 5

    @Option(help: "Folder for generated data files.")
    var data = "bench-data/jakarta"

    func run() throws {
        if !FileManager.default.fileExists(atPath: data + "/contributions.csv") {
            FileHandle.standardError.write(Data("generating \(data)…\n".utf8))
            let generated = try Spawn.run(
                periksa,
                [
                    "generate", "--out", data, "--employers", String(employers), "--months", "1", "--seed", "1",
                    "--period", "2025-12",
                ])
            guard generated.status == 0 else { throw ValidationError("periksa generate failed") }
        }
        let connection = try Connection(conninfo: conninfo)
        try connection.execute(
            unsafeSQL: "drop schema if exists analytics cascade; drop schema if exists periksa cascade")
        var lines: [String] = []
        var total = 0.0
        for kind in ["employers", "minimum-wages", "workforce", "contributions", "payments"] {
            let result = try Spawn.run(periksa, ["import", kind, "\(data)/\(kind).csv", "--database-url", conninfo])
            guard result.status == 0 || result.status == 3 else {
                throw ValidationError("periksa import \(kind) failed")
            }
            total += result.seconds
            lines.append(
                "    " + kind.padding(toLength: 14, withPad: " ", startingAt: 0)
                    + String(format: "%7.2f s  peak RSS %4d MB", result.seconds, result.maxRSSKilobytes / 1024))
        }
        let rows = try connection.queryFirst("select count(*) from periksa.contributions where period = '2025-12-01'")!
            .decode(Int.self, at: 0)
        let size = (try FileManager.default.attributesOfItem(atPath: "\(data)/contributions.csv")[.size] as? Int) ?? 0

        var periksaTimes: [Double] = []
        var psqlTimes: [Double] = []
        var peak = 0
        for run in 0..<runs {
            for contender in run % 2 == 0 ? ["periksa", "psql"] : ["psql", "periksa"] {
                if contender == "periksa" {
                    // The state before a month's first import: no partition for it yet.
                    try connection.execute(
                        unsafeSQL: "drop table if exists periksa.contributions_2025_12; checkpoint")
                    let result = try Spawn.run(
                        periksa,
                        [
                            "import", "contributions", "\(data)/contributions.csv", "--force", "--no-refresh",
                            "--database-url", conninfo,
                        ])
                    guard result.status == 0 else { throw ValidationError("periksa import failed") }
                    periksaTimes.append(result.seconds)
                    peak = max(peak, result.maxRSSKilobytes)
                } else {
                    try connection.execute(
                        unsafeSQL: """
                            drop table if exists bench_contributions_text;
                            create table bench_contributions_text (npp text, period text, kpj text, nik text, name text, wage text);
                            checkpoint
                            """)
                    let result = try Spawn.run(
                        "/usr/bin/psql",
                        [
                            "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", conninfo, "-c",
                            "\\copy bench_contributions_text from '\(data)/contributions.csv' with (format csv, header true)",
                        ])
                    guard result.status == 0 else { throw ValidationError("psql failed") }
                    psqlTimes.append(result.seconds)
                }
            }
        }
        try connection.execute(unsafeSQL: "drop table if exists bench_contributions_text")
        // The same import as a user runs it: the analytics views refreshed at the end.
        try connection.execute(unsafeSQL: "drop table if exists periksa.contributions_2025_12; checkpoint")
        let refreshed = try Spawn.run(
            periksa, ["import", "contributions", "\(data)/contributions.csv", "--force", "--database-url", conninfo])
        try refreshed.check("periksa import with refresh")
        let ratio = median(periksaTimes) / median(psqlTimes)
        print(
            "Import of a generated Jakarta-scale month (\(employers) employers, \(rows) contribution rows, \(size / 1_048_576) MiB)"
        )
        print("  all five files, in order: \(String(format: "%.2f", total)) s")
        lines.forEach { print($0) }
        print(
            "  periksa import contributions  median \(format(median(periksaTimes)))   runs \(periksaTimes.map(format))")
        print("  psql \\copy (text columns)     median \(format(median(psqlTimes)))   runs \(psqlTimes.map(format))")
        print(String(format: "  ratio periksa/psql: %.2f (bar: ≤ 1.50; periksa with --no-refresh, as psql)", ratio))
        print("  periksa import contributions with the analytics refresh (the default): \(format(refreshed.seconds))")
        print("  peak RSS of periksa import contributions: \(peak / 1024) MB (bar: < 150 MB)")
    }
}

/// Runs a program and measures its wall time and peak resident memory (`wait4`).
enum Spawn {
    struct Result {
        var status: Int32
        var seconds: Double
        var maxRSSKilobytes: Int

        /// Fails unless the command exited 0 (or 3, rows rejected, when `allowRejections`).
        func check(_ what: String, allowRejections: Bool = false) throws {
            guard status == 0 || (allowRejections && status == 3) else {
                throw ValidationError("\(what) failed (exit \(status))")
            }
        }
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Result {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = [executable] + arguments
        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, executable, &actions, nil, &cArguments, environ) == 0 else {
            throw ValidationError("cannot run \(executable)")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0, errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Result(status: (status >> 8) & 0xff, seconds: seconds, maxRSSKilobytes: Int(usage.ru_maxrss))
    }
}
