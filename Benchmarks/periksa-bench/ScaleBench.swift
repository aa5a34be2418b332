import ArgumentParser
import Foundation
import Postgres

/// A year of generated data at one scale: every file imported into an empty database, then
/// the twelfth month's `periksa import contributions` against `psql \copy` of the same file
/// (the database holding the other eleven), the audit of the month with the year loaded, the
/// same audit with only the audited month left, and what the year takes on disk.
struct ScaleBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scale", abstract: "Import of a month into a year, and the audit with and without the history.")

    @Option(help: "libpq connection string of a database the bench may empty.")
    var conninfo: String

    @Option(help: "The periksa executable.")
    var periksa: String

    @Option(help: "Folder with the generated months (periksa generate --months K --period 2025-12).")
    var data: String

    @Option(help: "How many months the folder holds, ending at 2025-12 (1–12).")
    var months = 12

    @Option(help: "Timed runs of each contender (alternating).")
    var runs = 3

    func run() throws {
        let months = ((13 - self.months)...12).map { String(format: "2025-%02d", $0) }
        try splitByMonth(months)
        let connection = try Connection(conninfo: conninfo)
        try connection.execute(
            unsafeSQL: "drop schema if exists analytics cascade; drop schema if exists periksa cascade")
        var loadSeconds = 0.0
        for kind in ["employers", "minimum-wages", "workforce"] {
            let result = try Spawn.run(periksa, ["import", kind, "\(data)/\(kind).csv", "--database-url", conninfo])
            try result.check("periksa import \(kind)", allowRejections: true)
            loadSeconds += result.seconds
        }
        for month in months.dropLast() {
            let result = try Spawn.run(
                periksa, ["import", "contributions", monthFile(month), "--database-url", conninfo])
            try result.check("periksa import contributions \(month)")
            loadSeconds += result.seconds
        }
        let payments = try Spawn.run(
            periksa, ["import", "payments", "\(data)/payments.csv", "--database-url", conninfo])
        try payments.check("periksa import payments")
        loadSeconds += payments.seconds

        // The twelfth month into the eleven, against psql \copy of the same file.
        let last = monthFile(months.last!)
        var periksaTimes: [Double] = []
        var psqlTimes: [Double] = []
        var peak = 0
        for run in 0..<runs {
            for contender in run % 2 == 0 ? ["periksa", "psql"] : ["psql", "periksa"] {
                if contender == "periksa" {
                    // The state before the month's first import: no partition for it yet.
                    try connection.execute(
                        unsafeSQL: """
                            drop table if exists periksa.contributions_2025_12;
                            drop table if exists periksa.employer_month_due_2025_12;
                            checkpoint
                            """)
                    let result = try Spawn.run(
                        periksa, ["import", "contributions", last, "--force", "--database-url", conninfo])
                    try result.check("periksa import contributions 2025-12")
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
                            "\\copy bench_contributions_text from '\(last)' with (format csv, header true)",
                        ])
                    try result.check("psql \\copy")
                    psqlTimes.append(result.seconds)
                }
            }
        }
        try connection.execute(unsafeSQL: "drop table if exists bench_contributions_text")
        try connection.execute(unsafeSQL: "vacuum analyze")
        let employers = try connection.queryFirst("select count(*) from periksa.employers")!.decode(Int.self, at: 0)
        let rows = try connection.queryFirst("select count(*) from periksa.contributions")!.decode(Int.self, at: 0)
        let lastRows = try connection.queryFirst(
            "select count(*) from periksa.contributions where period = '2025-12-01'")!.decode(Int.self, at: 0)
        let wageBytes = try connection.queryFirst(
            "select sum(pg_total_relation_size(inhrelid))::bigint from pg_inherits where inhparent = 'periksa.contributions'::regclass"
        )!.decode(Int.self, at: 0)
        let dueBytes = try connection.queryFirst(
            "select sum(pg_total_relation_size(inhrelid))::bigint from pg_inherits where inhparent = 'periksa.employer_month_due'::regclass"
        )!.decode(Int.self, at: 0)
        let databaseBytes = try connection.queryFirst("select pg_database_size(current_database())")!.decode(
            Int.self, at: 0)

        func audits() throws -> [Double] {
            try (0..<runs).map { _ in
                let result = try Spawn.run(periksa, ["audit", "--period", "2025-12", "--database-url", conninfo])
                try result.check("periksa audit")
                return result.seconds
            }
        }
        let withYear = months.count > 1 ? try audits() : []
        // The findings of the first audit, and how they compare with truth.csv when there is one.
        let firstRun = try connection.queryFirst("select min(run_id) from periksa.runs where status = 'finished'")!
            .decode(Int.self, at: 0)
        var found: Set<String> = []
        for row in try connection.query(
            "select category || '|' || coalesce(npp, '') || '|' || coalesce(source_ref, '') || '|' || estimated_loss_idr from periksa.findings where run_id = \(firstRun)"
        ) { found.insert(try row.decode(String.self, at: 0)) }
        var agreement = "no truth.csv"
        if let truth = try? String(contentsOfFile: "\(data)/truth.csv", encoding: .utf8) {
            // run_id,category,npp,source_ref,period,estimated_loss_idr,reason (reason last, may hold commas)
            let expected = Set(
                truth.split(separator: "\n").dropFirst().map { line -> String in
                    let fields = line.split(separator: ",", maxSplits: 6, omittingEmptySubsequences: false)
                    return "\(fields[1])|\(fields[2])|\(fields[3])|\(fields[5])"
                })
            agreement =
                "\(found.intersection(expected).count) of \(expected.count) in truth.csv found to the rupiah, "
                + "\(found.subtracting(expected).count) not in it"
        }
        // Only the audited month left: the other eleven months' rows and sums dropped.
        for month in months.dropLast() {
            let suffix = month.replacingOccurrences(of: "-", with: "_")
            try connection.execute(
                unsafeSQL: """
                    drop table periksa.contributions_\(suffix);
                    drop table periksa.employer_month_due_\(suffix);
                    """)
        }
        try connection.execute(unsafeSQL: "delete from periksa.payments where period < '2025-12-01'")
        try connection.execute(unsafeSQL: "vacuum analyze")
        let monthOnly = try audits()

        // The reports of the whole scale and of its largest branch, and the analytics of the
        // month (the only one left), as users run them.
        let branch = try connection.queryFirst(
            "select branch_code from periksa.employers group by branch_code order by count(*) desc, branch_code limit 1"
        )!
        .decode(String.self, at: 0)
        func timed(_ arguments: [String]) throws -> Double {
            let times = try (0..<runs).map { _ in
                let result = try Spawn.run(periksa, arguments + ["--database-url", conninfo])
                try result.check("periksa \(arguments.joined(separator: " "))")
                return result.seconds
            }
            return median(times)
        }
        let compliance = try timed([
            "report", "compliance", "--period", "2025-12", "--format", "html", "--out",
            "/tmp/periksa-scale-compliance.html",
        ])
        let auditList = try timed([
            "report", "audit-list", "--period", "2025-12", "--branch", branch, "--capacity", "1000", "--format", "html",
            "--out", "/tmp/periksa-scale-audit-list.html",
        ])
        let refresh = try timed(["db", "refresh", "--period", "2025-12"])

        print(
            "Scale: \(data) (\(employers) employers, \(rows) wage rows in \(months.count) months, \(lastRows) in 2025-12)"
        )
        print("  every file imported once: \(format(loadSeconds))")
        print(
            "  periksa import contributions 2025-12 into \(months.count - 1) months  median \(format(median(periksaTimes)))   runs \(periksaTimes.map(format))"
        )
        print(
            "  psql \\copy of the same file (text columns)          median \(format(median(psqlTimes)))   runs \(psqlTimes.map(format))"
        )
        print(String(format: "  ratio periksa/psql: %.2f (bar: ≤ 1.3)", median(periksaTimes) / median(psqlTimes)))
        print("  peak RSS of the import: \(peak / 1024) MB (bar: ≤ 150 MB)")
        if !withYear.isEmpty {
            print(
                "  audit 2025-12 with \(months.count) months loaded   median \(format(median(withYear)))   runs \(withYear.map(format))"
            )
        }
        print(
            "  audit 2025-12 with only 2025-12 left  median \(format(median(monthOnly)))   runs \(monthOnly.map(format))"
        )
        if !withYear.isEmpty {
            print(String(format: "  ratio year/month: %.2f (bar: ≤ 1.5)", median(withYear) / median(monthOnly)))
        }
        print("  findings of the first audit: \(found.count); \(agreement)")
        print("  compliance report, the whole scale, 2025-12 (HTML): median \(format(compliance)) (bar: < 5 s)")
        print("  audit list of branch \(branch), 1,000 employers (HTML): median \(format(auditList)) (bar: < 5 s)")
        print(
            "  analytics refresh of one month (db refresh --period 2025-12): median \(format(refresh)) (bar: < 30 s)")
        print(
            String(
                format:
                    "  on disk: wage rows %.0f bytes/row (%.2f GB), sums per employer-month %.2f GB, database %.2f GB",
                Double(wageBytes) / Double(max(rows, 1)), Double(wageBytes) / 1e9, Double(dueBytes) / 1e9,
                Double(databaseBytes) / 1e9))
    }

    func monthFile(_ month: String) -> String { "\(data)/months/contributions-\(month).csv" }

    /// One file per month from the year's contributions.csv (once).
    func splitByMonth(_ months: [String]) throws {
        guard !FileManager.default.fileExists(atPath: monthFile(months.last!)) else { return }
        try FileManager.default.createDirectory(atPath: "\(data)/months", withIntermediateDirectories: true)
        let split = try Spawn.run(
            "/usr/bin/awk",
            [
                "-F,",
                "NR==1{h=$0; next} {f=\"\(data)/months/contributions-\" substr($2,1,7) \".csv\"; if(!(f in seen)){seen[f]=1; print h > f} print > f}",
                "\(data)/contributions.csv",
            ])
        try split.check("splitting contributions.csv by month")
    }
}
