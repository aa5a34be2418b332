import ArgumentParser
import Foundation
import Postgres

/// The audit as a new user meets it: a default-configured server, the files imported, and
/// the audit run at once (no ANALYZE by hand, autovacuum not waited for). Fails when the
/// audit takes longer than `--bound`, set well above normal: an audit that plans over tables
/// without statistics took 294–437 s here instead of about 13.
struct FreshAuditBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fresh-audit",
        abstract: "Import then audit at once on a fresh server; fails above a time bound.")

    @Option(help: "libpq connection string of a database the bench may empty (\"\" for libpq's PG* variables).")
    var conninfo: String

    @Option(help: "The periksa executable.")
    var periksa: String

    @Option(help: "Folder for the generated files.")
    var data = "bench-data/fresh-3000x6"

    @Option(help: "Employers in the generated data.")
    var employers = 3000

    @Option(help: "Months of data, ending at the audited period.")
    var months = 6

    @Option(help: "The audited period.")
    var period = "2024-06"

    @Option(help: "Timed import-then-audit cycles, each from an empty schema.")
    var runs = 3

    @Option(help: "The most seconds the audit may take (the check fails above it).")
    var bound = 60.0

    func run() throws {
        if !FileManager.default.fileExists(atPath: data + "/contributions.csv") {
            let generated = try Spawn.run(
                periksa,
                [
                    "generate", "--out", data, "--employers", String(employers), "--months", String(months), "--seed",
                    "7", "--period", period,
                ])
            try generated.check("periksa generate")
        }
        let connection = try Connection(conninfo: conninfo)
        let server = try connection.queryFirst("show server_version")!.decode(String.self, at: 0)
        var audits: [Double] = []
        var imports: [Double] = []
        for _ in 0..<runs {
            try connection.execute(
                unsafeSQL: "drop schema if exists analytics cascade; drop schema if exists periksa cascade")
            var imported = 0.0
            for kind in ["employers", "minimum-wages", "workforce", "contributions", "payments"] {
                let result = try Spawn.run(
                    periksa, ["import", kind, "\(data)/\(kind).csv", "--database-url", conninfo])
                try result.check("periksa import \(kind)", allowRejections: true)
                imported += result.seconds
            }
            imports.append(imported)
            let audit = try Spawn.run(periksa, ["audit", "--period", period, "--database-url", conninfo])
            try audit.check("periksa audit")
            audits.append(audit.seconds)
        }
        let rows = try connection.queryFirst("select count(*) from periksa.contributions")!.decode(Int.self, at: 0)
        print(
            "Import, then audit at once, on a fresh default-configured server (PostgreSQL \(server)): "
                + "\(employers) employers, \(months) months, \(rows) contribution rows")
        print("  imports (five files)  median \(format(median(imports)))   runs \(imports.map(format))")
        print("  periksa audit \(period)  median \(format(median(audits)))   runs \(audits.map(format))")
        let worst = audits.max() ?? 0
        guard worst <= bound else {
            throw ValidationError(
                String(format: "the audit took %.1f s right after the import, above the bound of %.0f s", worst, bound))
        }
        print(String(format: "  slowest audit %.1f s: within the bound of %.0f s", worst, bound))
    }
}
