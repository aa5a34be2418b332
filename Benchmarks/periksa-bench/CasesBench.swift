import ArgumentParser
import Foundation
import Postgres

/// Cases at Jakarta scale: 10,000 cases (9,000 targeted from the December run's flagged
/// employers, 1,000 control) and 60,000 events, written straight into the tables (the states
/// and deadlines as `periksa case record` would leave them), then `periksa cases --overdue`,
/// `periksa cases evaluate` and the follow-up report of the branch with the most cases, each
/// timed end to end (process start to output), several runs, the median. Bar: under 1 s each.
struct CasesBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases", abstract: "Cases listed, evaluated and reported at Jakarta scale, timed.")

    @Option(help: "libpq connection string of a database holding an audited Jakarta-scale 2025-12.")
    var conninfo: String

    @Option(help: "The periksa executable.")
    var periksa: String

    @Option(help: "Timed runs of each command.")
    var runs = 5

    func run() throws {
        let connection = try Connection(conninfo: conninfo)
        try Spawn.run(periksa, ["db", "migrate", "--database-url", conninfo]).check("db migrate")
        guard
            let run = try connection.queryFirst(
                "select max(run_id) from periksa.runs where period = '2025-12-01' and status = 'finished'")?
                .decode(Int?.self, at: 0)
        else { throw ValidationError("no finished run of 2025-12 in this database: run the scale benchmark first") }
        let seconds = try time {
            try connection.transaction { connection in
                try connection.execute("truncate periksa.case_events, periksa.case_arrears, periksa.cases")
                // 9,000 targeted cases of flagged employers, 1,000 control cases of others.
                try connection.execute(
                    """
                    insert into periksa.cases (npp, branch_code, run_id, period, selection, opened_on, categories, at_stake_idr)
                    select f.npp, e.branch_code, \(run), '2025-12-01', 'targeted', '2026-01-19',
                           array_agg(f.category order by f.category), sum(f.estimated_loss_idr)
                    from periksa.findings f join periksa.employers e using (npp)
                    where f.run_id = \(run) and f.npp is not null
                    group by f.npp, e.branch_code
                    order by md5(f.npp) limit 9000
                    """)
                try connection.execute(
                    """
                    insert into periksa.cases (npp, branch_code, run_id, period, selection, opened_on, categories, at_stake_idr)
                    select e.npp, e.branch_code, \(run), '2025-12-01', 'control', '2026-01-19', '{}', 0
                    from periksa.employers e
                    where e.status = 'aktif' and not exists (select 1 from periksa.cases c where c.npp = e.npp)
                    order by md5('control:' || e.npp) limit 1000
                    """)
                try connection.execute(
                    """
                    insert into periksa.case_arrears (case_id, period, outstanding_idr)
                    select c.case_id, (m->>'period' || '-01')::date, (m->>'outstanding')::numeric
                    from periksa.cases c
                    join periksa.findings f on f.run_id = c.run_id and f.npp = c.npp and f.category = 'TUNGGAKAN'
                    cross join lateral jsonb_array_elements(f.evidence->'periods') m
                    """)
                // Events: a fifth of the cases inspected and warned once (half of those long
                // overdue), the rest through the whole way to the referral and completion.
                try connection.execute(
                    """
                    insert into periksa.case_events (case_id, event, on_date, kind, outcome, reason, note, state, deadline)
                    select c.case_id, s.event, s.on_date::date, s.kind, s.outcome, null, s.note, s.state, s.deadline::date
                    from (select case_id, row_number() over (order by case_id) as n from periksa.cases) c
                    cross join lateral (values
                        (1, 'inspection', '2026-01-27', 'lapangan',
                         case when c.n % 3 = 0 then 'tidak_terbukti' else 'terbukti' end, 'diperiksa', null::text,
                         'Daftar hadir diperiksa'),
                        (2, 'sp1', case when c.n % 10 = 0 then '2026-04-27' else '2026-01-28' end, null, null, 'sp1',
                         case when c.n % 10 = 0 then '2026-05-11' else '2026-02-11' end, null),
                        (3, 'sp2', '2026-02-12', null, null, 'sp2', '2026-03-02', null),
                        (4, 'denda', '2026-03-03', null, null, 'denda', null, null),
                        (5, 'tmp2t', '2026-04-01', null, null, 'tmp2t', null, null),
                        (6, 'rujuk', '2026-04-15', null, null, 'dirujuk', null, 'SKK'),
                        (7, 'selesai', '2026-04-20', null, null, 'selesai', null, null)
                    ) as s (step, event, on_date, kind, outcome, state, deadline, note)
                    where s.step <= case when c.n % 5 = 0 then 2 else 7 end
                    order by c.case_id, s.step
                    """)
                try connection.execute(
                    """
                    update periksa.cases c set state = l.state
                    from (select distinct on (case_id) case_id, state from periksa.case_events
                          order by case_id, on_date desc, event_id desc) l
                    where l.case_id = c.case_id
                    """)
            }
            try connection.execute("analyze periksa.cases")
            try connection.execute("analyze periksa.case_events")
            try connection.execute("analyze periksa.case_arrears")
        }
        let (cases, events) = try connection.queryFirst(
            "select (select count(*) from periksa.cases), (select count(*) from periksa.case_events)")!.decode(
                (Int, Int).self)
        let (branch, branchCases) = try connection.queryFirst(
            "select branch_code, count(*) from periksa.cases group by 1 order by 2 desc, 1 limit 1")!.decode(
                (String, Int).self)
        print(
            String(
                format: "Cases: %d cases, %d events written in %.1f s; the largest branch %@ has %d", cases, events,
                seconds, branch, branchCases))
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("periksa-cases-bench.html").path
        let commands: [(String, [String])] = [
            (
                "periksa cases --overdue (every branch, CSV)",
                ["cases", "--overdue", "--as-of", "2026-04-30", "--format", "csv"]
            ),
            (
                "periksa cases evaluate (every branch, CSV)",
                ["cases", "evaluate", "--as-of", "2026-04-30", "--format", "csv"]
            ),
            (
                "periksa report cases --branch \(branch) (HTML)",
                ["report", "cases", "--branch", branch, "--as-of", "2026-04-30", "--format", "html", "--out", out]
            ),
        ]
        for (name, arguments) in commands {
            var times: [Double] = []
            for _ in 0..<runs {
                let result = try Spawn.run(periksa, arguments + ["--database-url", conninfo])
                try result.check(name)
                times.append(result.seconds)
            }
            print(
                String(format: "  %@: median %.3f s (bar: < 1 s)", name, median(times)), "runs",
                times.map { String(format: "%.3f s", $0) })
        }
    }
}
