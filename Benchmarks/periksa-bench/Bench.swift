import ArgumentParser
import Foundation
import Postgres

/// Benchmarks of the `Postgres` wrapper against `psql` on the same server and machine.
/// Not tests: run on purpose, in a release build (`make bench`), and read the figures.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "periksa-bench",
        abstract: "Benchmarks of Periksa against psql (release build).",
        subcommands: [
            CopyBench.self, StreamBench.self, ImportBench.self, AuditBench.self, ReportBench.self, ViewsBench.self,
            FreshAuditBench.self, ScaleBench.self, CasesBench.self, CoverageBench.self, WebBench.self,
            BadInputBench.self,
        ])
}

/// Options every benchmark shares.
struct BenchOptions: ParsableArguments {
    @Option(help: "libpq connection string of the server to measure on.")
    var conninfo: String

    @Option(help: "Rows in the data set.")
    var rows = 2_000_000

    @Option(help: "Timed runs of each contender (alternating).")
    var runs = 5

    @Option(help: "Folder for generated data files.")
    var data = "bench-data"
}

/// Wall-clock time of `body`, in seconds.
func time(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// A field of /proc/self/status in kB (`VmHWM` is the peak resident set, `VmRSS` the current).
func procStatus(_ field: String) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "0") ?? 0
    }
    return 0
}

/// Runs psql with `arguments` and fails on a non-zero exit.
func psql(_ conninfo: String, _ arguments: [String], discardOutput: Bool = true) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", conninfo] + arguments
    if discardOutput { process.standardOutput = FileHandle.nullDevice }
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ValidationError("psql \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
    }
}

func format(_ seconds: Double) -> String { String(format: "%.3f s", seconds) }
