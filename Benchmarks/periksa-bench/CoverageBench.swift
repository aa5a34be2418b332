import ArgumentParser
import Foundation
import Postgres

/// Coverage and outreach at Jakarta scale: on the database of the scale benchmark (its 2025-12
/// wage rows: about 2.1 million PU participants), 500,000 BPU rows for 2025-12 (100,000 of them
/// people who are also wage earners) and worker lists of 600,000 people (a third of them BPU
/// participants, a sixth wage earners, the rest to reach), written by SQL; then
/// `periksa coverage`, `periksa outreach` (streamed to /dev/null) and, when the command exists,
/// `periksa report coverage`, each timed end to end with its peak memory, several runs, the
/// median. Bars: coverage and outreach < 10 s, the report < 5 s, memory flat.
struct CoverageBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage", abstract: "Coverage, outreach and the coverage report at Jakarta scale, timed.")

    @Option(help: "libpq connection string of a database holding a Jakarta-scale 2025-12.")
    var conninfo: String

    @Option(help: "The periksa executable.")
    var periksa: String

    @Option(help: "Timed runs of each command.")
    var runs = 3

    func run() throws {
        let connection = try Connection(conninfo: conninfo)
        try Spawn.run(periksa, ["db", "migrate", "--database-url", conninfo]).check("db migrate")
        let participants = try connection.queryFirst(
            "select count(distinct nik) from periksa.contributions where period = '2025-12-01'")!.decode(
                Int.self, at: 0)
        guard participants > 0 else {
            throw ValidationError("no wage rows for 2025-12 in this database: run the scale benchmark first")
        }
        let seconds = try time {
            try connection.transaction { connection in
                try connection.execute(
                    "insert into periksa.imports (kind, file_name, file_sha256, file_bytes, delimiter, is_strict, is_forced, status, rows_read, rows_loaded, rows_rejected, started_at) values ('bpu-contributions', 'bench', repeat('0', 64), 0, ',', false, false, 'loaded', 0, 0, 0, now())"
                )
                let importID = try connection.queryFirst("select max(import_id) from periksa.imports")!.decode(
                    Int.self, at: 0)
                try connection.execute(
                    "truncate periksa.bpu_contributions, periksa.worker_lists, periksa.list_persons, periksa.labour_force"
                )
                // A NIK of the bench: region 317x, district, a birth date, a serial, from n.
                let nik = """
                    ('317' || (1 + n % 5)::text || lpad((1 + n % 10)::text, 2, '0') || lpad((1 + n % 28)::text, 2, '0')
                     || lpad((1 + n % 12)::text, 2, '0') || lpad((n % 100)::text, 2, '0') || lpad((1 + n / 100 % 9999)::text, 4, '0'))
                    """
                // 100,000 BPU rows of wage earners, 400,000 of others (serials past any wage row's).
                try connection.execute(
                    unsafeSQL: """
                        insert into periksa.bpu_contributions (nik, period, kpj, name, declared_income, programs, amount,
                            paid_on, funded_by, domicile_region, import_id, line_number)
                        select nik, '2025-12-01', lpad(row_number() over ()::text, 11, '9'), 'Peserta', 1000000,
                               '{JKK,JKM}', 16800, '2025-12-10', case when rn % 3 = 0 then '3171' else 'mandiri' end,
                               case when rn % 4 = 0 then '3172' end, \(importID), rn::int
                        from (
                            select nik, row_number() over (order by nik) as rn from (
                                (select distinct nik from periksa.contributions where period = '2025-12-01' limit 100000)
                                union
                                (select \(nik) from generate_series(10000000, 10399999) n)
                            ) x
                        ) y
                        on conflict do nothing
                        """)
                // Lists: 200,000 BPU participants, 100,000 wage earners, 300,000 not covered.
                try connection.execute(
                    unsafeSQL: """
                        insert into periksa.worker_lists (list_code, pemda_code, government, nik, name, region_code,
                            category, funded, funded_from, funded_to, declared_income, import_id, line_number)
                        select 'SK-' || (1 + rn % 6), case when rn % 6 = 0 then '31' else '317' || (1 + rn % 5) end,
                               -- The list's government, as the import sets it: its smallest pemda_code.
                               case when rn % 6 = 0 then '31' else '3171' end, nik, 'Warga', '317' || (1 + rn % 5),
                               (array['rentan', 'informal', 'non_asn', 'keagamaan', 'lainnya'])[1 + rn % 5],
                               rn % 2 = 0, case when rn % 2 = 0 then date '2025-01-01' end,
                               case when rn % 2 = 0 then date '2025-12-01' end, 1000000, \(importID), rn::int
                        from (
                            select nik, row_number() over (order by nik) as rn from (
                                (select nik from periksa.bpu_contributions where period = '2025-12-01' order by nik limit 200000)
                                union
                                (select distinct nik from periksa.contributions where period = '2025-12-01' limit 100000)
                                union
                                (select \(nik) from generate_series(20000000, 20299999) n)
                            ) x
                        ) y
                        on conflict do nothing
                        """)
                // The people's entries, as the import keeps them.
                try connection.execute(
                    "select periksa.refresh_list_persons(array(select w.nik from periksa.worker_lists w))")
                try connection.execute(
                    """
                    insert into periksa.labour_force (region_code, year, workers, wage_workers, non_wage_workers, source, import_id)
                    select code, year, workers, workers * 7 / 10, workers * 3 / 10, 'BPS Sakernas Agustus ' || year, \(importID)
                    from (values ('31', 5600000), ('3171', 700000), ('3172', 1300000), ('3173', 1200000), ('3174', 1100000),
                                 ('3175', 1500000)) as r (code, workers)
                    cross join (values (2024), (2025)) as y (year)
                    """)
            }
            for table in ["bpu_contributions", "worker_lists", "list_persons", "labour_force"] {
                try connection.execute(unsafeSQL: "analyze periksa.\(table)")
            }
        }
        let (bpu, listed) = try connection.queryFirst(
            "select (select count(*) from periksa.bpu_contributions), (select count(*) from periksa.worker_lists)")!
            .decode(
                (Int, Int).self)
        print(
            String(
                format: "Coverage: %d PU participants in 2025-12, %d BPU rows, %d people on lists (written in %.1f s)",
                participants, bpu, listed, seconds))
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("periksa-coverage-bench").path
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var commands: [(String, [String], Double)] = [
            ("periksa coverage --period 2025-12 (CSV)", ["coverage", "--period", "2025-12", "--format", "csv"], 10),
            (
                "periksa coverage --period 2025-12 --basis employer (CSV)",
                ["coverage", "--period", "2025-12", "--basis", "employer", "--format", "csv"], 10
            ),
            (
                "periksa outreach --period 2025-12 (CSV, streamed)",
                ["outreach", "--period", "2025-12", "--format", "csv"], 10
            ),
        ]
        if try Spawn.run(periksa, ["report", "coverage", "--help"]).status == 0 {
            commands.append(
                (
                    "periksa report coverage --period 2025-12 (HTML)",
                    [
                        "report", "coverage", "--period", "2025-12", "--format", "html", "--out",
                        folder + "/coverage.html",
                    ], 5
                ))
        }
        for (name, arguments, bar) in commands {
            var times: [Double] = []
            var memory = 0
            for _ in 0..<runs {
                let result = try Spawn.run(periksa, arguments + ["--database-url", conninfo])
                try result.check(name)
                times.append(result.seconds)
                memory = max(memory, result.maxRSSKilobytes)
            }
            print(
                String(
                    format: "  %@: median %.2f s (bar: < %.0f s), peak RSS %d MB", name, median(times), bar,
                    memory / 1024),
                "runs", times.map { String(format: "%.2f s", $0) })
        }
    }
}
