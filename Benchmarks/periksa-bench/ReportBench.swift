import ArgumentParser
import Foundation
import Postgres

/// The reports at Jakarta scale: the compliance report of a month (and of its quarter, of the
/// province) over the generated year audited for its last three months, the audit list of
/// 1,000 employers of one branch, and the dossier of the employer with the most at stake.
/// Each command timed end to end (process start to file written), several runs, the median;
/// the HTML sizes reported. Bar: under 3 s each.
struct ReportBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "The reports on a generated Jakarta-scale year, timed.")

    @OptionGroup var year: YearOptions

    @Option(help: "Timed runs of each report.")
    var runs = 5

    func run() throws {
        let connection = try Connection(conninfo: year.conninfo)
        try AuditBench.ensureYear(year, connection: connection)
        try Spawn.run(year.periksa, ["db", "migrate", "--database-url", year.conninfo]).check("db migrate")
        // The last three months audited (once), for the trend and the follow-up.
        for month in ["2025-10", "2025-11", "2025-12"] {
            let audited = try connection.queryFirst(
                """
                select count(*) from periksa.runs r
                where r.period = \(month + "-01")::date and r.status = 'finished'
                  and exists (select 1 from periksa.run_employers e where e.run_id = r.run_id)
                """)!.decode(Int.self, at: 0)
            if audited == 0 {
                let result = try Spawn.run(year.periksa, ["audit", "--period", month, "--database-url", year.conninfo])
                try result.check("audit \(month)")
                print(String(format: "  audit %@: %.1f s", month, result.seconds))
            }
        }
        let (branch, flagged) = try connection.queryFirst(
            """
            select e.branch_code, count(distinct f.npp) from periksa.findings f
            join periksa.employers e on e.npp = f.npp
            where f.run_id = (select max(run_id) from periksa.runs where period = '2025-12-01')
            group by 1 order by 2 desc, 1 limit 1
            """)!.decode((String, Int).self)
        let npp = try connection.queryFirst(
            """
            select npp from periksa.findings
            where run_id = (select max(run_id) from periksa.runs where period = '2025-12-01') and npp is not null
            group by npp order by sum(estimated_loss_idr) desc, npp limit 1
            """)!.decode(String.self, at: 0)
        let employers = try connection.queryFirst("select count(*) from periksa.employers")!.decode(Int.self, at: 0)

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("periksa-report-bench").path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let reports: [(String, [String])] = [
            ("compliance report, month 2025-12, all regions", ["compliance", "--period", "2025-12"]),
            (
                "compliance report, quarter 2025Q4, province 31",
                ["compliance", "--quarter", "2025Q4", "--region", "31"]
            ),
            (
                "audit list, \(min(flagged, 1000)) employers of \(branch)",
                ["audit-list", "--period", "2025-12", "--branch", branch, "--capacity", "1000"]
            ),
            ("employer dossier \(npp)", ["employer", "--npp", npp, "--period", "2025-12"]),
        ]
        print("Reports over a generated year (\(employers) employers), 2025-10 to 2025-12 audited")
        for (index, (name, arguments)) in reports.enumerated() {
            var times: [Double] = []
            var sizes: [String: Int] = [:]
            for format in ["html", "md"] {
                let out = "\(folder)/report-\(index).\(format)"
                for _ in 0..<(format == "html" ? runs : 1) {
                    let result = try Spawn.run(
                        year.periksa,
                        ["report"] + arguments + ["--format", format, "--out", out, "--database-url", year.conninfo])
                    try result.check(name)
                    if format == "html" { times.append(result.seconds) }
                }
                sizes[format] = (try FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
            }
            print(
                "  \(name): median \(format(median(times)))   runs \(times.map(format))   "
                    + "HTML \(sizes["html"]! / 1024) KiB, Markdown \(sizes["md"]! / 1024) KiB   (bar: < 3 s)")
        }
    }
}
