import ArgumentParser
import Foundation
import Postgres

/// A file in which every row is wrong, against the same file right: the generated Jakarta
/// month's wage rows (about 2 million) as they are, and as a spreadsheet exports them with
/// decimal commas and NIKs cut to 15 digits. Each imported into a database holding only the
/// registry, alternating, several runs, medians; and how long the wrong file takes to say
/// that its first 1,000 rows were all rejected for the same reasons (the warning on stderr).
/// Bar: the wrong file within 2× the right one; the warning at once.
struct BadInputBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bad-input", abstract: "A file of rejected rows against a good one, and the early warning, timed.")

    @Option(help: "libpq connection string of a database this benchmark may empty.")
    var conninfo: String

    @Option(help: "The periksa executable.")
    var periksa: String

    @Option(help: "The generated month (employers.csv, contributions.csv).")
    var data = "bench-data/jakarta"

    @Option(help: "Timed runs of each file.")
    var runs = 3

    func run() throws {
        let good = data + "/contributions.csv"
        let bad = data + "/contributions-decimal-commas.csv"
        if !FileManager.default.fileExists(atPath: bad) {
            // npp,period,kpj,nik,name,wage → the NIK cut to 15 digits, the wage as "4303365,00".
            try Spawn.run(
                "/bin/sh",
                [
                    "-c",
                    #"awk -F, 'NR==1{print;next}{OFS=","; $4=substr($4,1,15); $6="\"" $6 ",00\""; print}' "$0" > "$1""#,
                    good, bad,
                ]
            ).check("writing the file with decimal commas")
        }
        let connection = try Connection(conninfo: conninfo)
        try connection.execute(
            unsafeSQL: "drop schema if exists analytics cascade; drop schema if exists periksa cascade")
        try Spawn.run(periksa, ["db", "migrate", "--database-url", conninfo]).check("db migrate")
        try Spawn.run(periksa, ["import", "employers", data + "/employers.csv", "--database-url", conninfo]).check(
            "import employers")
        let rows = try String(contentsOfFile: good, encoding: .utf8).utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) } - 1
        print("== bad input: \(rows) wage rows, every one of the second file rejected (NIK 15 digits, decimal comma)")
        var goodSeconds: [Double] = []
        var badSeconds: [Double] = []
        var warnings: [Double] = []
        var rss = (good: 0, bad: 0)
        // Each run as a month's first import, as the import benchmark measures it: the month's
        // partition dropped (the good file would otherwise delete the rows it replaces first,
        // and vacuum them after), a checkpoint so that no run pays for the one before.
        let fresh = "drop table if exists periksa.contributions_2025_12; checkpoint"
        for run in 1...runs {
            try connection.execute(unsafeSQL: fresh)
            let loaded = try Spawn.run(
                periksa, ["import", "contributions", good, "--force", "--database-url", conninfo])
            try loaded.check("import of the good file")
            try connection.execute(unsafeSQL: fresh)
            let rejected = try Spawn.run(
                periksa, ["import", "contributions", bad, "--force", "--database-url", conninfo])
            guard rejected.status == 3 else { throw ValidationError("the bad file exited \(rejected.status), not 3") }
            goodSeconds.append(loaded.seconds)
            badSeconds.append(rejected.seconds)
            rss = (max(rss.good, loaded.maxRSSKilobytes), max(rss.bad, rejected.maxRSSKilobytes))
            print("run \(run): good \(format(loaded.seconds)), all rejected \(format(rejected.seconds))")
        }
        for _ in 1...runs {
            let (_, warning) = try Self.timedWithWarning(
                periksa, ["import", "contributions", bad, "--force", "--database-url", conninfo])
            warnings.append(warning ?? .nan)
        }
        let ratio = median(badSeconds) / median(goodSeconds)
        print(
            String(
                format:
                    "== bad input: good %.2f s (%d MB), all rejected %.2f s (%d MB) = %.2f× (bar 2×); first warning after %.2f s",
                median(goodSeconds), rss.good / 1024, median(badSeconds), rss.bad / 1024, ratio, median(warnings)))
        let rejectedRows = try connection.queryFirst(
            "select rows_rejected from periksa.imports where kind = 'contributions' order by import_id desc limit 1")!
            .decode(Int.self, at: 0)
        guard rejectedRows == rows else { throw ValidationError("\(rejectedRows) rows rejected, not \(rows)") }
    }

    /// Runs the command with its stderr read as it comes: the seconds to the end, and to the
    /// line that warns of the first rows all rejected alike.
    static func timedWithWarning(_ executable: String, _ arguments: [String]) throws -> (Spawn.Result, Double?) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments + ["--lang", "en"]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        let start = DispatchTime.now().uptimeNanoseconds
        try process.run()
        var warning: Double?
        var seen = Data()
        while case let chunk = errors.fileHandleForReading.availableData, !chunk.isEmpty {
            seen.append(chunk)
            if warning == nil, String(decoding: seen, as: UTF8.self).contains("Warning: the first") {
                warning = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            }
        }
        process.waitUntilExit()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return (Spawn.Result(status: process.terminationStatus, seconds: seconds, maxRSSKilobytes: 0), warning)
    }
}
