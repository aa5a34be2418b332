import ArgumentParser
import Foundation
import Postgres

/// `periksa audit` on a generated Jakarta-scale year (115,446 employers, 12 months, about 25
/// million contribution rows) against the same rules run as one SQL script by psql, alternating.
/// The psql script is written from SQL/rules at run time (Benchmarks/audit-script.sql keeps
/// the last one): the same statements, with the run's context set by psql and the findings
/// going to a scratch table, so the ratio shows what Periksa adds around its SQL.
struct AuditBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "periksa audit vs the rules as one psql script, on a generated year.")

    @OptionGroup var year: YearOptions

    @Option(help: "Folder of SQL/rules.")
    var rules = "SQL/rules"

    @Option(help: "Timed runs of each contender (alternating).")
    var runs = 3

    func run() throws {
        let connection = try Connection(conninfo: year.conninfo)
        try Self.ensureYear(year, connection: connection)
        let rows = try connection.queryFirst("select count(*) from periksa.contributions")!.decode(Int.self, at: 0)
        let script = try writeScript()
        var periksaTimes: [Double] = []
        var psqlTimes: [Double] = []
        for run in 0..<runs {
            for contender in run % 2 == 0 ? ["periksa", "psql"] : ["psql", "periksa"] {
                if contender == "periksa" {
                    let result = try Spawn.run(
                        year.periksa, ["audit", "--period", "2025-12", "--database-url", year.conninfo])
                    guard result.status == 0 else { throw ValidationError("periksa audit failed") }
                    periksaTimes.append(result.seconds)
                } else {
                    let result = try Spawn.run(
                        "/usr/bin/psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", year.conninfo, "-f", script])
                    guard result.status == 0 else { throw ValidationError("psql script failed") }
                    psqlTimes.append(result.seconds)
                }
            }
        }
        let last = try connection.queryFirst("select max(run_id) from periksa.runs")!.decode(Int.self, at: 0)
        let counts = try connection.query(
            "select category, count(*) from periksa.findings where run_id = \(last) group by 1 order by 1"
        ).map { row -> String in
            let (category, count) = try row.decode((String, Int).self)
            return "\(category) \(count)"
        }
        print("Audit of 2025-12 over a generated year (\(rows) contribution rows in 12 months)")
        print("  periksa audit        median \(format(median(periksaTimes)))   runs \(periksaTimes.map(format))")
        print("  psql, same rules     median \(format(median(psqlTimes)))   runs \(psqlTimes.map(format))")
        print(
            String(
                format: "  ratio periksa/psql: %.2f (bar: ≤ 1.30); bar for the whole audit: < 60 s",
                median(periksaTimes) / median(psqlTimes)))
        print("  findings of the last run: " + counts.joined(separator: ", "))
    }

    /// Generates the Jakarta-scale year when missing and imports it when the database does not
    /// hold it yet (or `reload`).
    static func ensureYear(_ year: YearOptions, connection: Connection) throws {
        let (conninfo, periksa, data, reload) = (year.conninfo, year.periksa, year.data, year.reload)
        if !FileManager.default.fileExists(atPath: data + "/contributions.csv") {
            FileHandle.standardError.write(Data("generating \(data) (a few minutes)…\n".utf8))
            let generated = try Spawn.run(
                periksa,
                [
                    "generate", "--out", data, "--employers", "115446", "--months", "12", "--seed", "3", "--period",
                    "2025-12",
                ])
            guard generated.status == 0 else { throw ValidationError("periksa generate failed") }
        }
        let loaded =
            try connection.queryFirst("select to_regclass('periksa.runs') is not null")?.decode(Bool.self, at: 0)
            ?? false
        if reload || !loaded {
            try connection.execute(
                unsafeSQL: "drop schema if exists analytics cascade; drop schema if exists periksa cascade")
            for kind in ["employers", "minimum-wages", "workforce", "contributions", "payments"] {
                let result = try Spawn.run(
                    periksa, ["import", kind, "\(data)/\(kind).csv", "--database-url", conninfo])
                print(String(format: "  import %@: %.1f s", kind, result.seconds))
                guard result.status == 0 || result.status == 3 else { throw ValidationError("import \(kind) failed") }
            }
        }
    }

    /// The rules as one psql script: the context from psql, findings into a scratch table.
    func writeScript() throws -> String {
        let names = try FileManager.default.contentsOfDirectory(atPath: rules).filter { $0.hasSuffix(".sql") }.sorted()
        // The order periksa runs them in: preparation, the rules, then what the run keeps.
        let ordered =
            names.filter { $0.hasPrefix("0") } + names.filter { !$0.hasPrefix("0") && !$0.hasPrefix("9") }
            + names.filter { $0.hasPrefix("9") }
        var script = """
            -- Generated by periksa-bench audit from SQL/rules: the rules as one script, for psql.
            -- It opens a run inside its transaction and rolls everything back at the end.
            begin;
            insert into periksa.runs (period, as_of, parameters, rules_version, status)
            values (date '2025-12-01', date '2026-01-16',
                    '{"pds_tk.min_gap": 2, "pds_tk.min_ratio": 0.10, "pds_upah.min_workers_below": 1,
                      "pds_upah.max_ratio_to_tax": 0.90, "tunggakan.fine_rate_monthly": 0.02, "tunggakan.min_amount": 10000}',
                    'psql-script', 'running')
            returning run_id \\gset
            select set_config('periksa.run_id', :'run_id', true);
            set local jit = off;
            create temp table bench_findings (like periksa.findings) on commit drop;
            create temp table bench_notes (like periksa.run_notes) on commit drop;
            create temp table bench_run_employers (like periksa.run_employers) on commit drop;

            """
        for name in ordered {
            if name.hasPrefix("9") && !script.contains("-- findings kept") {
                // What periksa does between the rules and 9…: the findings kept (periksa renders
                // each reason in Swift; the script keeps the evidence's category as a stand-in).
                script += """
                    -- findings kept
                    insert into bench_findings (run_id, category, npp, source_ref, period, estimated_loss_idr, reason, evidence)
                    select r.run_id, f.category, f.npp, f.source_ref, r.period, f.estimated_loss_idr, f.category, f.evidence
                    from audit_findings f cross join periksa.audit_run r;

                    """
            }
            let text = try String(contentsOfFile: "\(rules)/\(name)", encoding: .utf8)
                .replacingOccurrences(of: "periksa.findings", with: "bench_findings")
                .replacingOccurrences(of: "periksa.run_notes", with: "bench_notes")
                .replacingOccurrences(of: "periksa.run_employers", with: "bench_run_employers")
            script += "-- \(name)\n" + text + "\n"
        }
        script += "select count(*) from bench_findings;\nrollback;\n"
        let path = "Benchmarks/audit-script.sql"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }
}

/// What the benchmarks on the generated Jakarta-scale year share: where it runs and the data.
struct YearOptions: ParsableArguments {
    @Option(help: "libpq connection string of a database the bench may empty.")
    var conninfo: String

    @Option(help: "The periksa executable.")
    var periksa: String

    @Option(help: "Folder with the generated year (periksa generate --months 12).")
    var data = "bench-data/jakarta-12m"

    @Flag(help: "Import the files even if the database already holds them.")
    var reload = false
}
