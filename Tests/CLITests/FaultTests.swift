import Foundation
import Postgres
import TestSupport
import Testing

/// What Periksa survives: a command killed with SIGKILL at chosen points (no handler runs),
/// and work that meets other work. A killed command's transaction dies with its connection:
/// nothing of it is visible, no import or run record is left in between, and the rerun does
/// exactly what the first run would have done. The points are reached deterministically: the
/// test holds a lock the command needs next, sees it wait, and kills it there.
@Suite("Faults: killed commands and concurrent work")
struct FaultTests {
    /// 3,000 employers, 100 wage rows each for 2025-06 (300,000), and three bad rows at the end.
    static let employers: String = {
        var text = "npp,name,kbli,scale,risk_group,region_code,branch_code,programs,registered_on\n"
        for employer in 0..<3_000 {
            text += "AA\(String(employer).leftPadded(6)),PT \(employer),47111,kecil,1,3171,JKT,JKK|JKM|JHT,2020-01-01\n"
        }
        return text
    }()

    static let contributions: String = {
        var text = "npp,period,kpj,nik,name,wage\n"
        for employer in 0..<3_000 {
            let npp = "AA" + String(employer).leftPadded(6)
            for worker in 1...100 {
                text +=
                    "\(npp),2025-06,\(String(employer * 100 + worker).leftPadded(11)),3171010101900\(String(worker).leftPadded(3)),Nama,5000000\n"
            }
        }
        text += "AA000001,2025-06,99999999991,317101010190,Nama,5000000\n"
        text += "AA000002,2025-06,99999999992,3171010101900999,Nama,\"5000000,00\"\n"
        text += "NOTREG01,2025-06,99999999993,3171010101900998,Nama,5000000\n"
        return text
    }()

    static let goodRows = 300_000

    /// Nothing of an import is left: no wage row, no sums, no rejection, no import record.
    static func expectNothingImported(_ monitor: Connection, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try monitor.count("select count(*) from periksa.contributions") == 0, sourceLocation: sourceLocation)
        #expect(
            try monitor.count("select count(*) from periksa.employer_month_due") == 0, sourceLocation: sourceLocation)
        #expect(
            try monitor.count("select count(*) from periksa.import_rejected_lines") == 0,
            sourceLocation: sourceLocation)
        #expect(try monitor.count("select count(*) from periksa.import_problems") == 0, sourceLocation: sourceLocation)
        #expect(
            try monitor.count("select count(*) from periksa.imports where kind = 'contributions'") == 0,
            sourceLocation: sourceLocation)
    }

    /// The rerun loads exactly what one import of the file loads.
    static func expectRerunLoads(_ path: String, _ conninfo: String, _ monitor: Connection) throws {
        let rerun = try CommandRunner.periksa(["import", "contributions", path, "--database-url", conninfo])
        #expect(rerun.status == 3, "\(rerun.stderr)")
        #expect(rerun.stdout.hasSuffix("read=300003 loaded=300000 rejected=3\n"), "\(rerun.stdout)")
        #expect(try monitor.count("select count(*) from periksa.contributions") == goodRows)
        #expect(try monitor.count("select count(*) from periksa.import_rejected_lines") == 3)
        #expect(
            try monitor.count(
                "select count(*) from periksa.imports where kind = 'contributions' and status = 'partial'")
                == 1)
        #expect(
            try monitor.count("select count(*) from periksa.imports where status not in ('loaded', 'partial')") == 0)
    }

    @Test(
        "periksa import killed with SIGKILL while recording the import, in the middle of the COPY, and in its last statements: nothing left, the rerun loads exactly",
        arguments: ["record", "copy", "last statements"])
    func killedImport(point: String) throws {
        try TestDatabase.with { conninfo in
            try TemporaryFile.with(Self.employers, name: "employers.csv") { path in
                let loaded = try CommandRunner.periksa(["import", "employers", path, "--database-url", conninfo])
                #expect(loaded.status == 0, "\(loaded.stderr)")
            }
            let monitor = try Connection(conninfo: conninfo)
            let locker = try Connection(conninfo: conninfo)
            try TemporaryFile.with(Self.contributions, name: "contributions.csv") { path in
                try locker.execute("begin")
                switch point {
                case "record":
                    // The import waits to insert its record into periksa.imports.
                    try locker.execute("lock table periksa.imports in share mode")
                case "last statements":
                    // The rows are sent and the sums written; the import waits to store its rejections.
                    try locker.execute("lock table periksa.import_problems in access exclusive mode")
                default: break
                }
                let command = try Background(["import", "contributions", path, "--database-url", conninfo])
                switch point {
                case "copy":
                    let halfway = try eventually {
                        try monitor.queryFirst(
                            "select coalesce(max(tuples_processed), 0) >= 100000 from pg_stat_progress_copy")!.decode(
                                Bool.self, at: 0)
                    }
                    #expect(halfway, "the COPY never got a third of the way")
                default:
                    var waiting: String?
                    #expect(
                        try eventually {
                            waiting = try monitor.statementWaitingForLock(); return waiting != nil
                        })
                    let expected = point == "record" ? "insert into periksa.imports" : "copy periksa.import_problems"
                    #expect(waiting?.contains(expected) == true, "waiting on: \(waiting ?? "nothing")")
                }
                command.killHard()
                try locker.execute("rollback")
                #expect(try monitor.awaitOtherBackendsGone(besides: [locker]), "the killed import's session lingers")
                try Self.expectNothingImported(monitor)
                try Self.expectRerunLoads(path, conninfo, monitor)
            }
        }
    }

    @Test("two imports of the same file at once load it once; the second says it was imported already")
    func sameFileTwice() throws {
        try TestDatabase.with { conninfo in
            try TemporaryFile.with(Self.employers, name: "employers.csv") { path in
                let loaded = try CommandRunner.periksa(["import", "employers", path, "--database-url", conninfo])
                #expect(loaded.status == 0, "\(loaded.stderr)")
            }
            let monitor = try Connection(conninfo: conninfo)
            try TemporaryFile.with(Self.contributions, name: "contributions.csv") { path in
                let first = try Background(["import", "contributions", path, "--database-url", conninfo])
                let second = try Background(["import", "contributions", path, "--database-url", conninfo])
                let results = [first.finish(), second.finish()]
                #expect(results.map(\.status).sorted() == [0, 3], "\(results.map(\.stderr))")
                #expect(
                    results.contains { $0.stdout.hasSuffix("status=already-imported\n") }, "\(results.map(\.stdout))")
                #expect(try monitor.count("select count(*) from periksa.contributions") == Self.goodRows)
                #expect(try monitor.count("select count(*) from periksa.imports where kind = 'contributions'") == 1)
            }
        }
    }

    /// The fixture of the rules imported (the audit is left to the test).
    static func withFixture(_ body: (String, Connection) throws -> Void) throws {
        try TestDatabase.with { conninfo in
            for (kind, text) in [
                ("employers", RuleFixture.employers), ("minimum-wages", RuleFixture.minimumWages),
                ("workforce", RuleFixture.workforce), ("contributions", RuleFixture.contributions),
                ("payments", RuleFixture.payments),
            ] {
                try TemporaryFile.with(text, name: "\(kind).csv") { path in
                    let result = try CommandRunner.periksa(["import", kind, path, "--database-url", conninfo])
                    #expect(result.status == 0, "\(kind): \(result.stderr)")
                }
            }
            try body(conninfo, try Connection(conninfo: conninfo))
        }
    }

    /// A run's findings as a comparable list: category, NPP, rupiah at stake.
    static func findings(of run: Int, _ monitor: Connection) throws -> [String] {
        try monitor.query(
            """
            select category || ' ' || coalesce(npp, '-') || ' ' || coalesce(estimated_loss_idr::text, '-')
            from periksa.findings where run_id = \(run) order by 1
            """
        ).map { try $0.decode(String.self, at: 0) }
    }

    static func audit(_ conninfo: String) throws -> Int {
        let result = try CommandRunner.periksa(["audit", "--period", "2025-06", "--database-url", conninfo])
        #expect(result.status == 0, "\(result.stderr)")
        return Int(result.stdout.dropFirst("run_id=".count).dropLast()) ?? -1
    }

    @Test(
        "periksa audit killed with SIGKILL in the middle of its rules leaves no run and no finding; the rerun finds exactly what an audit finds"
    )
    func killedAudit() throws {
        try Self.withFixture { conninfo, monitor in
            let locker = try Connection(conninfo: conninfo)
            try locker.execute("begin")
            // The arrears rule reads the payments: the audit waits there, its earlier rules done.
            try locker.execute("lock table periksa.payments in access exclusive mode")
            let command = try Background(["audit", "--period", "2025-06", "--database-url", conninfo])
            var waiting: String?
            #expect(
                try eventually {
                    waiting = try monitor.statementWaitingForLock(); return waiting != nil
                })
            #expect(waiting?.lowercased().hasPrefix("analyze") == false, "waiting on: \(waiting ?? "nothing")")
            #expect(try monitor.count("select count(*) from pg_locks where relation = 'periksa.runs'::regclass") > 0)
            command.killHard()
            try locker.execute("rollback")
            #expect(try monitor.awaitOtherBackendsGone(besides: [locker]), "the killed audit's session lingers")
            #expect(try monitor.count("select count(*) from periksa.runs") == 0)
            #expect(try monitor.count("select count(*) from periksa.findings") == 0)
            #expect(try monitor.count("select count(*) from periksa.run_notes") == 0)

            let rerun = try Self.audit(conninfo)
            let again = try Self.audit(conninfo)
            let found = try Self.findings(of: rerun, monitor)
            #expect(!found.isEmpty)
            #expect(found == (try Self.findings(of: again, monitor)))
            #expect(try monitor.count("select count(*) from periksa.runs where status <> 'finished'") == 0)
        }
    }

    @Test("an import committed while an audit runs does not change what the audit sees; the next audit sees it")
    func importDuringAudit() throws {
        try Self.withFixture { conninfo, monitor in
            let before = try Self.findings(of: Self.audit(conninfo), monitor)
            #expect(before.contains { $0.hasPrefix("PDS_UPAH UMKCITY5 ") }, "\(before)")

            let locker = try Connection(conninfo: conninfo)
            try locker.execute("begin")
            // The audit has read the months to recompute and waits to record its run.
            try locker.execute("lock table periksa.runs in share mode")
            let audit = try Background(["audit", "--period", "2025-06", "--database-url", conninfo])
            #expect(
                try eventually { try monitor.statementWaitingForLock()?.contains("insert into periksa.runs") == true })
            // UMKCITY5's June wages corrected to above the minimum wage, committed meanwhile.
            let corrected = """
                npp,period,kpj,nik,name,wage
                UMKCITY5,2025-06,20000000001,3172014101900001,Pekerja,6000000
                UMKCITY5,2025-06,20000000002,3172014101900002,Pekerja,6000000

                """
            try TemporaryFile.with(corrected, name: "umkcity5.csv") { path in
                let result = try CommandRunner.periksa(["import", "contributions", path, "--database-url", conninfo])
                #expect(result.status == 0, "\(result.stderr)")
            }
            try locker.execute("rollback")
            let during = audit.finish()
            #expect(during.status == 0, "\(during.stderr)")
            let duringRun = Int(during.stdout.dropFirst("run_id=".count).dropLast()) ?? -1
            #expect(try Self.findings(of: duringRun, monitor) == before)

            let after = try Self.findings(of: Self.audit(conninfo), monitor)
            #expect(!after.contains { $0.hasPrefix("PDS_UPAH UMKCITY5 ") }, "\(after)")
        }
    }

    /// The fixture audited, a case open for ARREARS9 (case 1).
    static func withCase(_ body: (String, Connection) throws -> Void) throws {
        try withFixture { conninfo, monitor in
            _ = try audit(conninfo)
            let opened = try CommandRunner.periksa(
                ["case", "open", "--npp", "ARREARS9", "--on", "2026-02-02", "--database-url", conninfo])
            #expect(opened.stdout == "case_id=1\n", "\(opened.stderr)")
            try body(conninfo, monitor)
        }
    }

    static let inspection = ["inspection", "--kind", "kantor", "--outcome", "terbukti", "--on", "2026-02-10"]

    /// A connection holding case 1's row lock in an open transaction: an event waits on it.
    static func lockCase(_ conninfo: String) throws -> Connection {
        let locker = try Connection(conninfo: conninfo)
        try locker.execute("begin")
        try locker.execute("select 1 from periksa.cases where case_id = 1 for update")
        return locker
    }

    /// Releases the lock once the writer of the event was killed, waits for its session to end,
    /// and checks that case 1 still has `events` events and its opening state.
    static func expectCaseUntouched(
        _ monitor: Connection, releasing locker: Connection, events: Int,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try locker.execute("rollback")
        #expect(try monitor.awaitOtherBackendsGone(besides: [locker]), sourceLocation: sourceLocation)
        #expect(
            try monitor.count("select count(*) from periksa.case_events where case_id = 1") == events,
            sourceLocation: sourceLocation)
        #expect(
            try monitor.queryFirst("select state from periksa.cases where case_id = 1")?.decode(String.self, at: 0)
                == "dibuka", sourceLocation: sourceLocation)
    }

    @Test("a case event killed with SIGKILL before it is written leaves the case as it was; the rerun records it")
    func killedEvent() throws {
        try Self.withCase { conninfo, monitor in
            let events = try monitor.count("select count(*) from periksa.case_events where case_id = 1")
            let locker = try Self.lockCase(conninfo)
            let command = try Background(["case", "record", "1"] + Self.inspection + ["--database-url", conninfo])
            #expect(try eventually { try monitor.statementWaitingForLock()?.contains("periksa.cases") == true })
            command.killHard()
            try Self.expectCaseUntouched(monitor, releasing: locker, events: events)
            let rerun = try CommandRunner.periksa(
                ["case", "record", "1"] + Self.inspection + ["--database-url", conninfo])
            #expect(rerun.stdout == "case_id=1 state=diperiksa\n", "\(rerun.stderr)")
        }
    }

    @Test("two inspectors recording on one case at once: one after the other, in order, each seeing the other's event")
    func concurrentEvents() throws {
        try Self.withCase { conninfo, monitor in
            let locker = try Self.lockCase(conninfo)
            // An inspection and a first warning letter, sent at the same moment: the warning is
            // only allowed after the inspection.
            let inspection = try Background(["case", "record", "1"] + Self.inspection + ["--database-url", conninfo])
            let warning = try Background(
                ["case", "record", "1", "sp1", "--on", "2026-02-11", "--database-url", conninfo, "--lang", "en"])
            #expect(
                try eventually {
                    try monitor.count(
                        "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'"
                    ) == 2
                })
            try locker.execute("rollback")
            let results = (inspection: inspection.finish(), warning: warning.finish())
            #expect(results.inspection.status == 0, "\(results.inspection.stderr)")
            let states = try monitor.query(
                "select event, state from periksa.case_events where case_id = 1 order by event_id"
            ).map { try $0.decode(String.self, at: 0) + ":" + $0.decode(String.self, at: 1) }
            if results.warning.status == 0 {
                // The warning came second: it saw the inspection.
                #expect(states.suffix(2) == ["inspection:diperiksa", "sp1:sp1"], "\(states)")
            } else {
                // The warning came first and was refused, saying why; the inspection is recorded.
                #expect(
                    results.warning.stderr.contains("sp1 is not allowed in this state"), "\(results.warning.stderr)")
                #expect(states.last == "inspection:diperiksa", "\(states)")
            }
            let last = try #require(states.last).split(separator: ":").last.map(String.init)
            #expect(
                try monitor.queryFirst("select state from periksa.cases where case_id = 1")?.decode(String.self, at: 0)
                    == last)
        }
    }
}
