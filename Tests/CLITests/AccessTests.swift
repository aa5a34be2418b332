import Compliance
import Foundation
import Postgres
import Synthetic
import TestSupport
import Testing

/// Analysts, inspectors and `periksa query` on a generated dataset (seed 11, 200 employers; its December has workers below the minimum wage),
/// audited for December 2025. Roles are shared by the whole server, so one test does it all,
/// with logins of its own.
@Suite("SQL access: views, roles, row-level security, periksa query")
struct AccessTests {
    @Test("analysts see masked views only, inspectors their branch, query is read-only, arguments stay data")
    func access() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "periksa-access-\(UUID().uuidString)"
        )
        .path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try Generator(
            options: .init(
                directory: folder, employers: 200, months: 12, seed: 11, period: 2025 * 12 + 11, dirty: false)
        ).run()
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
        let analyst = "analis_\(suffix)"
        let inspector = "pemeriksa_\(suffix)"
        let webLogin = "web_\(suffix)"
        let admin = "admin_\(suffix)"
        try TestDatabase.with { conninfo in
            let owner = try Connection(conninfo: conninfo)
            defer {
                for name in [analyst, inspector, webLogin, admin] {
                    _ = try? owner.execute(unsafeSQL: "drop owned by \(name) cascade")
                    _ = try? owner.execute(unsafeSQL: "drop role if exists \(name)")
                }
            }
            for kind in [
                ImportKind.employers, .minimumWages, .workforce, .contributions, .payments, .bpuContributions,
                .workerLists, .labourForce,
            ] {
                _ = try Importer(connection: owner).run(.init(kind: kind, path: "\(folder)/\(kind.rawValue).csv"))
            }
            let run = try AuditRunner(connection: owner).run(
                period: "2025-12", asOf: nil, parameters: AuditParameters()
            )
            .runID
            let url = ["--database-url", conninfo]
            func periksa(_ arguments: [String]) throws -> CommandRunner.Result {
                try CommandRunner.periksa(arguments + url, environment: ["LANG": "en_US.UTF-8"])
            }

            // Roles, twice (idempotent); logins granted through the command line.
            for _ in 0..<2 { #expect(try periksa(["db", "roles"]).status == 0) }
            let branch = try owner.queryFirst(
                """
                select e.branch_code from periksa.employers e
                join periksa.findings f on f.npp = e.npp and f.run_id = \(run) and f.category = 'TUNGGAKAN'
                group by 1 order by count(*) desc, 1 limit 1
                """)!.decode(
                    String.self, at: 0)
            #expect(try periksa(["db", "grant", "analyst", analyst]).status == 0)
            let granted = try periksa(["db", "grant", "inspector", inspector, "--branch", branch])
            #expect(granted.status == 0, "\(granted.stderr)")
            #expect(try periksa(["db", "grant", "inspector", "lonely_\(suffix)"]).status == 1)
            // A name that looks like SQL is refused as a name, and nothing is created.
            let hostile = try periksa(["db", "grant", "analyst", "x' or 1=1 --"])
            #expect(hostile.status == 1 && hostile.stderr.contains("login name"))
            #expect(try owner.queryFirst("select 1 from pg_roles where rolname like 'x''%'") == nil)
            for name in [analyst, inspector] {
                try owner.execute(unsafeSQL: "alter role \(name) password 'pw_\(suffix)'")
            }

            // An admin login, not the schema's owner, imports (the worker lists again, which
            // refreshes the people's entries) and reads the outreach list.
            #expect(try periksa(["db", "grant", "admin", admin]).status == 0)
            try owner.execute(unsafeSQL: "alter role \(admin) password 'pw_\(suffix)'")
            let adminURL = ["--database-url", TestDatabase.login(conninfo, user: admin, password: "pw_\(suffix)")]
            let adminImport = try CommandRunner.periksa(
                ["import", "worker-lists", "\(folder)/worker-lists.csv", "--force"] + adminURL,
                environment: ["LANG": "en_US.UTF-8"])
            #expect(adminImport.status == 0, "\(adminImport.stderr)")
            let adminOutreach = try CommandRunner.periksa(
                ["outreach", "--period", "2025-12", "--format", "csv"] + adminURL, environment: ["LANG": "en_US.UTF-8"])
            #expect(adminOutreach.status == 0, "\(adminOutreach.stderr)")
            #expect(adminOutreach.stdout.split(separator: "\n").count > 1)

            // The figures of `periksa findings` for the run.
            var byCategory: [String: (Int, Int64)] = [:]
            var byBranch: [String: Int64] = [:]
            let branches = Dictionary(
                uniqueKeysWithValues: try owner.query("select npp, branch_code from periksa.employers").map {
                    try $0.decode((String, String).self)
                })
            try Findings(connection: owner).stream(run: run) { finding in
                byCategory[finding.category.code, default: (0, 0)].0 += 1
                byCategory[finding.category.code, default: (0, 0)].1 += finding.estimatedLoss
                if let code = branches[finding.npp] { byBranch[code, default: 0] += finding.estimatedLoss }
            }
            #expect(byCategory.count == 5)

            // The views agree with them (as the owner: no filter).
            for row in try owner.query(
                "select category, count(*), sum(estimated_loss_idr)::bigint from analytics.findings group by 1")
            {
                let (category, count, rupiah) = try row.decode((String, Int, Int64).self)
                #expect(byCategory[category]?.0 == count && byCategory[category]?.1 == rupiah, "\(category)")
            }
            for row in try owner.query(
                "select key, estimated_loss_idr::bigint from analytics.coverage where dimension = 'branch'")
            {
                let (code, rupiah) = try row.decode((String, Int64).self)
                #expect(rupiah == byBranch[code, default: 0], "\(code)")
            }
            let pwbd = try owner.queryFirst(
                "select count(*), sum(estimated_loss_idr)::bigint from analytics.unregistered_businesses")!
                .decode((Int, Int64).self)
            #expect(pwbd.0 == byCategory["PWBD"]?.0 && pwbd.1 == byCategory["PWBD"]?.1)
            let arrears = try owner.queryFirst(
                """
                select (select sum(outstanding) from analytics.arrears_by_age),
                       (select sum((evidence->>'outstanding')::numeric) from periksa.findings
                        where run_id = \(run) and category = 'TUNGGAKAN')
                """)!.decode((Decimal, Decimal).self)
            #expect(arrears.0 == arrears.1)
            let periods = try owner.queryFirst(
                """
                select (select sum(workers) from analytics.employer_periods where period = '2025-12-01'),
                       (select count(*) from periksa.contributions where period = '2025-12-01'),
                       (select sum(due) from analytics.employer_periods where period = '2025-12-01'),
                       (select sum(due) from periksa.run_employers where run_id = \(run))
                """)!.decode((Int, Int, Decimal, Decimal).self)
            #expect(periods.0 == periods.1 && periods.2 == periods.3)

            // The analyst: permission denied on raw tables and NIK, masked values in the views.
            let asAnalyst = try Connection(
                conninfo: TestDatabase.login(conninfo, user: analyst, password: "pw_\(suffix)"))
            for sql in ["select nik from periksa.contributions limit 1", "select * from periksa.employers limit 1"] {
                #expect {
                    _ = try asAnalyst.query(PostgresQuery(unsafeSQL: sql))
                } throws: { error in (error as? PostgresError)?.sqlState?.rawValue == "42501" }
            }
            let niks = try asAnalyst.query(
                """
                select w->>'nik' from analytics.findings f,
                     jsonb_array_elements(f.evidence->'below_minimum'->'workers') w
                where f.category = 'PDS_UPAH'
                """
            ).map { try $0.decode(String.self, at: 0) }
            let listed = try owner.queryFirst(
                """
                select count(*) from periksa.findings f, jsonb_array_elements(f.evidence->'below_minimum'->'workers') w
                where f.run_id = \(run)
                """)!.decode(Int.self, at: 0)
            #expect(listed > 0 && niks.count == listed)
            #expect(niks.allSatisfy { $0.range(of: #"^[0-9]{4}\*{8}[0-9]{4}$"#, options: .regularExpression) != nil })
            #expect(
                try asAnalyst.queryFirst("select count(*) from analytics.employers")!.decode(Int.self, at: 0)
                    == branches.count)
            let analystWrite = try CommandRunner.periksa(
                [
                    "query", "--write", "delete from analytics.findings", "--database-url",
                    TestDatabase.login(conninfo, user: analyst, password: "pw_\(suffix)"),
                ], environment: ["LANG": "en_US.UTF-8"])
            #expect(analystWrite.status == 1 && analystWrite.stderr.contains("admins"))

            // The inspector: its branch only, through every view and the raw tables.
            let asInspector = try Connection(
                conninfo: TestDatabase.login(conninfo, user: inspector, password: "pw_\(suffix)"))
            let expected = branches.values.filter { $0 == branch }.count
            for sql in [
                "select branch_code from analytics.employers", "select branch_code from analytics.employer_periods",
                "select branch_code from analytics.findings where npp is not null",
                "select branch_code from analytics.findings_all_runs where npp is not null",
                "select key from analytics.coverage where dimension = 'branch'",
                "select branch_code from analytics.arrears_by_age", "select branch_code from periksa.employers",
                "select e.branch_code from periksa.findings f join periksa.employers e using (npp)",
            ] {
                let seen = Set(
                    try asInspector.query(PostgresQuery(unsafeSQL: sql)).map { try $0.decode(String.self, at: 0) })
                #expect(seen.isSubset(of: [branch]) && !seen.isEmpty, "\(sql): \(seen)")
            }
            #expect(
                try asInspector.queryFirst("select count(*) from analytics.employers")!.decode(Int.self, at: 0)
                    == expected)
            #expect(
                try asInspector.queryFirst(
                    "select coalesce(sum(estimated_loss_idr), 0)::bigint from analytics.findings where npp is not null")!
                    .decode(Int64.self, at: 0) == byBranch[branch, default: 0])

            // Coverage and outreach: the functions that run with their owner's rights are not the
            // inspector's or the analyst's to call (they would show every listed person's NIK
            // and name); the views show the outreach list masked, an inspector its regions only.
            for login in [asInspector, asAnalyst] {
                for sql in [
                    "select nik, name from periksa.outreach_rows('2025-12-01')",
                    "select region_code from periksa.coverage_rows('2025-12-01', 'nik')",
                ] {
                    #expect {
                        _ = try login.query(PostgresQuery(unsafeSQL: sql))
                    } throws: { error in (error as? PostgresError)?.sqlState?.rawValue == "42501" }
                }
            }
            let outreachCount = try owner.queryFirst("select count(*) from periksa.outreach_rows('2025-12-01')")!
                .decode(Int.self, at: 0)
            let analystOutreach = try asAnalyst.query(
                "select nik_masked from analytics.outreach where period = '2025-12-01'"
            ).map { try $0.decode(String.self, at: 0) }
            #expect(outreachCount > 0 && analystOutreach.count == outreachCount)
            #expect(
                analystOutreach.allSatisfy {
                    $0.range(of: #"^[0-9]{4}\*{8}[0-9]{4}$"#, options: .regularExpression) != nil
                })
            let inspectorRegions = Set(
                try owner.query(
                    "select distinct region_code from periksa.employers where branch_code = \(branch)"
                ).map { try $0.decode(String.self, at: 0) })
            let seenRegions = Set(
                try asInspector.query("select region_code from analytics.outreach where period = '2025-12-01'").map {
                    try $0.decode(String.self, at: 0)
                })
            #expect(seenRegions.isSubset(of: inspectorRegions), "\(seenRegions) beyond \(inspectorRegions)")
            let coverageRegions = Set(
                try asInspector.query(
                    "select region_code from analytics.coverage_by_region where period = '2025-12-01' and basis = 'nik'"
                ).map { try $0.decode(String.self, at: 0) })
            #expect(
                !coverageRegions.isEmpty
                    && coverageRegions.isSubset(
                        of: inspectorRegions.union(inspectorRegions.map { String($0.prefix(2)) }))
            )

            // Cases: the owner opens one in the inspector's branch and one in another; the
            // inspector sees, opens and follows up only its branch's.
            func flagged(inBranch: Bool, offset: Int = 0) throws -> String {
                let row = try owner.queryFirst(
                    inBranch
                        ? """
                        select distinct f.npp from periksa.findings f join periksa.employers e using (npp)
                        where f.run_id = \(run) and e.branch_code = \(branch) order by f.npp offset \(offset) limit 1
                        """
                        : """
                        select distinct f.npp from periksa.findings f join periksa.employers e using (npp)
                        where f.run_id = \(run) and e.branch_code <> \(branch) order by f.npp offset \(offset) limit 1
                        """)
                return try #require(row, "no employer with a finding").decode(String.self, at: 0)
            }
            let (ownNPP, otherNPP, secondNPP) = (
                try flagged(inBranch: true), try flagged(inBranch: false), try flagged(inBranch: true, offset: 1)
            )
            let ownCase = try periksa(["case", "open", "--npp", ownNPP, "--on", "2026-01-05"])
            #expect(ownCase.status == 0 && ownCase.stdout == "case_id=1\n", "\(ownCase.stderr)")
            let otherCase = try periksa(["case", "open", "--npp", otherNPP, "--on", "2026-01-05"])
            #expect(otherCase.status == 0 && otherCase.stdout == "case_id=2\n", "\(otherCase.stderr)")
            let inspectorURL = TestDatabase.login(conninfo, user: inspector, password: "pw_\(suffix)")
            func inspecting(_ arguments: [String]) throws -> CommandRunner.Result {
                try CommandRunner.periksa(
                    arguments + ["--database-url", inspectorURL, "--lang", "en"], environment: ["PERIKSA_CONFIG": nil])
            }
            func events(_ id: Int) throws -> Int {
                try owner.queryFirst("select count(*) from periksa.case_events where case_id = \(id)")!.decode(
                    Int.self, at: 0)
            }
            let caseList = try inspecting(["cases", "--format", "csv", "--as-of", "2026-01-31"])
            #expect(caseList.status == 0, "\(caseList.stderr)")
            let caseLines = caseList.stdout.split(separator: "\n").map(String.init)
            #expect(caseLines.count == 2, "\(caseList.stdout)")
            #expect(caseLines.last?.hasPrefix("1,\(ownNPP),\(branch),targeted,dibuka,2026-01-05,") == true)
            #expect(!caseList.stdout.contains(otherNPP))
            let hidden = try inspecting(["case", "show", "2", "--format", "json"])
            #expect(hidden.status == 1 && hidden.stdout.isEmpty)
            #expect(hidden.stderr.contains("case 2 does not exist (or is not of your branches)"), "\(hidden.stderr)")
            let intrusion = try inspecting(
                [
                    "case", "record", "2", "inspection", "--kind", "kantor", "--outcome", "terbukti", "--on",
                    "2026-01-12",
                ])
            #expect(intrusion.status == 1 && intrusion.stdout.isEmpty)
            #expect(intrusion.stderr.contains("case 2 does not exist (or is not of your branches)"))
            #expect(try events(2) == 0)
            #expect(
                try owner.queryFirst("select state from periksa.cases where case_id = 2")!.decode(String.self, at: 0)
                    == "dibuka")
            let foreign = try inspecting(["case", "open", "--npp", otherNPP, "--on", "2026-01-06"])
            #expect(foreign.status == 1 && foreign.stderr.contains("is not in the registry (or not of your branches)"))
            #expect(try inspecting(["case", "letter", "2", "--kind", "sp1"]).status == 1)
            // Its own branch: it records, and opens.
            let recorded = try inspecting(
                [
                    "case", "record", "1", "inspection", "--kind", "lapangan", "--outcome", "terbukti", "--on",
                    "2026-01-12", "--note", "diperiksa di lokasi",
                ])
            #expect(recorded.status == 0 && recorded.stdout == "case_id=1 state=diperiksa\n", "\(recorded.stderr)")
            #expect(try events(1) == 1)
            let shownCase = try inspecting(["case", "show", "1", "--format", "json", "--as-of", "2026-01-31"])
            let shownObject = try JSONSerialization.jsonObject(with: Data(shownCase.stdout.utf8)) as? [String: Any]
            #expect(shownObject?["state"] as? String == "diperiksa")
            let shownEvents = shownObject?["events"] as? [[String: Any]]
            #expect(shownEvents?.first?["recorded_by"] as? String == inspector)
            #expect(shownEvents?.first?["note"] as? String == "diperiksa di lokasi")
            let opened = try inspecting(["case", "open", "--npp", secondNPP, "--on", "2026-01-06"])
            #expect(opened.status == 0 && opened.stdout == "case_id=3\n", "\(opened.stderr)")
            // The analysts' views: the inspector's branch only; the owner sees all three.
            let caseRows = try asInspector.query("select case_id, branch_code from analytics.cases order by case_id")
                .map { try $0.decode((Int, String).self) }
            #expect(caseRows.map(\.0) == [1, 3] && caseRows.allSatisfy { $0.1 == branch }, "\(caseRows)")
            #expect(
                try asInspector.query("select distinct case_id from analytics.case_events").map {
                    try $0.decode(Int.self, at: 0)
                } == [1])
            #expect(try owner.queryFirst("select count(*) from analytics.cases")!.decode(Int.self, at: 0) == 3)

            // The web app's login: each request's scope is the web user it names, and only its
            // own sessions may name one.
            #expect(try periksa(["db", "grant", "web", webLogin]).status == 0)
            try owner.execute(unsafeSQL: "alter role \(webLogin) password 'pw_\(suffix)'")
            let users = WebUsers(connection: owner, actor: "cli:test")
            try users.add(name: "budi", role: .inspector, branches: [branch], password: "kopi tubruk 42")
            try users.add(name: "rina", role: .manager, branches: [], allBranches: true, password: "teh manis 2026")
            try users.add(name: "ana", role: .analyst, branches: [], password: "es campur 7 rasa")
            try users.add(name: "mantan", role: .inspector, branches: [branch], password: "kopi tubruk 42")
            try users.disable("mantan")
            let asWeb = try Connection(conninfo: TestDatabase.login(conninfo, user: webLogin, password: "pw_\(suffix)"))
            func acting<T>(as user: String?, on connection: Connection, _ body: (Connection) throws -> T) throws -> T {
                try connection.transaction { connection in
                    _ = try connection.query("select set_config('periksa.web_user', \(user ?? ""), true)")
                    return try body(connection)
                }
            }
            func branchesSeen(as user: String?, on connection: Connection) throws -> Set<String> {
                try acting(as: user, on: connection) { connection in
                    Set(
                        try connection.query("select distinct branch_code from periksa.employers").map {
                            try $0.decode(String.self, at: 0)
                        })
                }
            }
            #expect(try branchesSeen(as: "budi", on: asWeb) == [branch])
            #expect(try branchesSeen(as: "rina", on: asWeb) == Set(branches.values))
            for nobody in ["ana", "mantan", "siapa", nil] {
                #expect(try branchesSeen(as: nobody, on: asWeb).isEmpty, "\(nobody ?? "no user")")
            }
            // The analyst reads the masked views, every branch; the inspector its own.
            #expect(
                try acting(as: "ana", on: asWeb) {
                    try $0.queryFirst("select count(*) from analytics.employers")!.decode(Int.self, at: 0)
                } == branches.count)
            #expect(
                try acting(as: "budi", on: asWeb) {
                    try $0.queryFirst("select count(*) from analytics.employers")!.decode(Int.self, at: 0)
                } == expected)
            // A person's own login that names a web user changes nothing.
            #expect(try branchesSeen(as: "rina", on: asInspector) == [branch])
            // Only an inspector changes cases: the manager's update touches no row.
            for (user, rows) in [("budi", 1), ("rina", 0), ("ana", 0)] {
                let changed = try acting(as: user, on: asWeb) {
                    try $0.query("update periksa.cases set state = state where case_id = 1 returning case_id").count
                }
                #expect(changed == rows, "\(user)")
            }
            #expect(
                try acting(as: "budi", on: asWeb) {
                    try $0.query("update periksa.cases set state = state where case_id = 2 returning case_id").count
                } == 0)

            // periksa query: read-only unless --write; errors point at the position.
            let write = try periksa(["query", "delete from periksa.holidays"])
            #expect(write.status == 1 && write.stderr.contains("--write"))
            #expect(try owner.queryFirst("select count(*) from periksa.holidays")!.decode(Int.self, at: 0) > 0)
            let typo = try periksa(["query", "select npp,\n  nosuchcolumn from analytics.employers"])
            #expect(typo.status == 1 && typo.stderr.contains("line 2:   nosuchcolumn") && typo.stderr.contains("^"))
            let csv = try periksa([
                "query", "select category, count(*) from analytics.findings group by 1 order by 1", "--format", "csv",
            ])
            #expect(csv.stdout.hasPrefix("category,count\nPDS_PROGRAM,"))
            let json = try periksa(["query", "select 'a' as x, 2 as y, null as z", "--format", "json"])
            #expect(json.stdout.contains(#"{"x": "a", "y": 2, "z": null}"#))

            // Arguments that look like SQL are data.
            let injection = "' or 1=1 --"
            #expect(try periksa(["findings", "--period", injection]).status == 1)
            let employer = try periksa(["report", "employer", "--npp", injection, "--period", "2025-12"])
            #expect(employer.status == 1 && employer.stderr.contains("no registered employer"))
            let list = try periksa(["audit-list", "--period", "2025-12", "--branch", injection, "--format", "csv"])
            #expect(list.status == 0 && list.stdout.split(separator: "\n").count == 1)

            // A password in the URL never shows, even when the connection fails.
            let secret = "S3cret-\(suffix)"
            let failed = try CommandRunner.periksa(
                ["query", "select 1", "--database-url", "postgresql://someone:\(secret)@127.0.0.1:1/periksa"])
            #expect(failed.status == 1)
            #expect(!failed.stdout.contains(secret) && !failed.stderr.contains(secret))
            let wrong = try CommandRunner.periksa(
                ["query", "select 1", "--database-url", TestDatabase.login(conninfo, user: analyst, password: secret)])
            #expect(wrong.status == 1 && !wrong.stderr.contains(secret))
        }
    }
}
