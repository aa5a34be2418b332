import Foundation
import TestSupport
import Testing

/// `periksa case …` and `periksa cases …` against a throwaway database holding the
/// hand-computed fixture of AuditRuleTests, imported and audited through the command line: the
/// audit of June 2025 (run 1) flags TUNGGAKAN for ARREARS9 (Rp 2,169,484), PDS_TK and PDS_UPAH
/// for LEAD0001 (4,342,800 together), PDS_PROGRAM for NOJP0010 (316,422), all of branch JKT-A,
/// and PDS_UPAH for UMKCITY5 (9,540) of JKT-B.
@Suite("periksa case and cases")
struct CaseCommandTests {
    static let employers = RuleFixture.employers
    static var contributions: String { RuleFixture.contributions }
    static let workforce = RuleFixture.workforce
    static let payments = RuleFixture.payments

    static let csvHeader =
        "case_id,npp,branch_code,selection,state,opened_on,deadline,overdue,at_stake_idr,fine_idr,recovered_idr,added_monthly_idr"
    static let evaluateHeader =
        "branch_code,selection,inspected,hits,hit_rate,ci_low,ci_high,recovered_idr,added_monthly_idr"

    /// `periksa` against the fixture's database, run in a folder of its own (no stray
    /// periksa.json), messages in Bahasa Indonesia unless `--lang en` is given.
    struct CLI {
        var conninfo: String
        var folder: URL

        @discardableResult
        func callAsFunction(_ arguments: [String], environment: [String: String?] = [:], in directory: URL? = nil)
            throws -> CommandRunner.Result
        {
            var variables: [String: String?] = [
                "LC_ALL": nil, "LC_MESSAGES": nil, "LANG": "C.UTF-8", "PERIKSA_CONFIG": nil,
            ]
            for (key, value) in environment { variables[key] = value }
            return try CommandRunner.periksa(
                arguments + ["--database-url", conninfo], environment: variables, directory: directory ?? folder)
        }

        /// Writes `text` to `name` in the folder; its path.
        func file(_ name: String, _ text: String) throws -> String {
            let path = folder.appendingPathComponent(name).path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }

        /// Imports `csv` as `kind`; every row must load.
        func load(_ kind: String, _ csv: String, name: String) throws {
            let result = try self(["import", kind, try file(name, csv)])
            #expect(result.status == 0, "\(kind): \(result.stderr)")
        }

        /// `case show N --format json` as of `day`: the text, and the object it holds.
        func show(_ id: Int, asOf day: String, _ extra: [String] = []) throws -> (text: String, object: [String: Any]) {
            let result = try self(["case", "show", String(id), "--format", "json", "--as-of", day] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
            return (result.stdout, try #require(object, "\(result.stdout)"))
        }

        /// The lines of a CSV output.
        func lines(_ arguments: [String]) throws -> [String] {
            let result = try self(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            return result.stdout.split(separator: "\n").map(String.init)
        }

        /// A command that must be refused: exit 1, nothing on stdout; its message.
        func refused(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
            let result = try self(arguments)
            #expect(
                result.status == 1, "\(arguments) exited \(result.status): \(result.stderr)",
                sourceLocation: sourceLocation)
            #expect(result.stdout.isEmpty, "\(arguments): \(result.stdout)", sourceLocation: sourceLocation)
            return result.stderr
        }
    }

    /// The fixture imported and audited for June 2025 (run 1) through the command line.
    static func withFixture(_ body: (CLI) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("periksa-cases-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try TestDatabase.with { conninfo in
            let cli = CLI(conninfo: conninfo, folder: folder)
            try cli.load("employers", employers, name: "employers.csv")
            try cli.load("minimum-wages", RuleFixture.minimumWages, name: "umk.csv")
            try cli.load("workforce", workforce, name: "workforce.csv")
            try cli.load("contributions", contributions, name: "contributions.csv")
            try cli.load("payments", payments, name: "payments.csv")
            let audit = try cli(["audit", "--period", "2025-06"])
            #expect(audit.status == 0 && audit.stdout == "run_id=1\n", "\(audit.stderr)")
            try body(cli)
        }
    }

    @Test(
        "case open: by NPP prints case_id; an open case or no finding exits 1 and opens nothing; the audit list with a seeded control sample"
    )
    func open() throws {
        try Self.withFixture { cli in
            let opened = try cli(["case", "open", "--npp", "ARREARS9", "--on", "2026-02-02"])
            #expect(opened.status == 0, "\(opened.stderr)")
            #expect(opened.stdout == "case_id=1\n")

            let again = try cli.refused(["case", "open", "--npp", "ARREARS9", "--on", "2026-02-03", "--lang", "en"])
            #expect(again.contains("NPP ARREARS9 already has an open case: case 1 (state dibuka)"), "\(again)")
            let againIndonesian = try cli.refused(["case", "open", "--npp", "ARREARS9", "--on", "2026-02-03"])
            #expect(againIndonesian.contains("NPP ARREARS9 sudah memiliki kasus terbuka: kasus 1 (status dibuka)"))
            let noFinding = try cli.refused(["case", "open", "--npp", "GAPONE03", "--on", "2026-02-03", "--lang", "en"])
            #expect(noFinding.contains("no audit run has a finding for NPP GAPONE03"), "\(noFinding)")
            let noFindingInRun = try cli.refused(
                ["case", "open", "--npp", "GAPONE03", "--period", "2025-06", "--on", "2026-02-03", "--lang", "en"])
            #expect(noFindingInRun.contains("NPP GAPONE03 has no finding in run #1"), "\(noFindingInRun)")
            let unknown = try cli.refused(["case", "open", "--npp", "NOBODY99", "--on", "2026-02-03", "--lang", "en"])
            #expect(unknown.contains("NPP NOBODY99 is not in the registry"), "\(unknown)")
            let noRun = try cli.refused(["case", "open", "--npp", "LEAD0001", "--period", "2030-01", "--lang", "en"])
            #expect(noRun.contains("2030-01"), "\(noRun)")
            #expect(
                try cli.lines(["cases", "--format", "csv", "--as-of", "2026-02-03"]) == [
                    Self.csvHeader, "1,ARREARS9,JKT-A,targeted,dibuka,2026-02-02,2026-03-04,false,2169484,0,0,0",
                ])

            // The audit list of JKT-A leaves ARREARS9 out (its case is open): LEAD0001 and
            // NOJP0010. The control sample of seed 1 orders JKT-A's other active employers by
            // MD5("1:NPP"): UNDERTEN 64b7…, MIKRO006 8308…, BRAN0002 96be…, GAPONE03 cb22…,
            // TAXNEAR7 cda7… (INACTIV8 is not active).
            let list = try cli(
                [
                    "case", "open", "--audit-list", "--period", "2025-06", "--branch", "JKT-A", "--capacity", "3",
                    "--control", "3", "--seed", "1", "--on", "2026-02-03",
                ])
            #expect(list.status == 0, "\(list.stderr)")
            #expect(list.stdout == "case_id=2\ncase_id=3\ncase_id=4\ncase_id=5\ncase_id=6\n")
            #expect(list.stderr.contains("2 kasus sasaran, 3 kasus kontrol (seed 1) dibuka di cabang JKT-A"))
            // Deadlines: 20 working days after 2 and 3 February, skipping 16 and 17 February: 4
            // and 5 March.
            #expect(
                try cli.lines(["cases", "--format", "csv", "--as-of", "2026-02-03"]) == [
                    Self.csvHeader, "1,ARREARS9,JKT-A,targeted,dibuka,2026-02-02,2026-03-04,false,2169484,0,0,0",
                    "2,LEAD0001,JKT-A,targeted,dibuka,2026-02-03,2026-03-05,false,4342800,0,0,0",
                    "3,NOJP0010,JKT-A,targeted,dibuka,2026-02-03,2026-03-05,false,316422,0,0,0",
                    "4,UNDERTEN,JKT-A,control,dibuka,2026-02-03,2026-03-05,false,0,0,0,0",
                    "5,MIKRO006,JKT-A,control,dibuka,2026-02-03,2026-03-05,false,0,0,0,0",
                    "6,BRAN0002,JKT-A,control,dibuka,2026-02-03,2026-03-05,false,0,0,0,0",
                ])
            // A control case without a finding: no categories, nothing at stake.
            let control = try cli.show(4, asOf: "2026-02-03").object
            #expect(control["selection"] as? String == "control")
            #expect(control["categories"] as? [Any] != nil && (control["categories"] as? [Any])?.isEmpty == true)
            #expect(control["at_stake_idr"] as? Int == 0)
            let targeted = try cli.show(2, asOf: "2026-02-03").object
            #expect(targeted["categories"] as? [String] == ["PDS_TK", "PDS_UPAH"])

            // The employers drawn have open cases now: none can be opened again.
            let lead = try cli.refused(["case", "open", "--npp", "LEAD0001", "--on", "2026-02-04", "--lang", "en"])
            #expect(lead.contains("NPP LEAD0001 already has an open case: case 2 (state dibuka)"), "\(lead)")
            #expect(try cli.lines(["cases", "--format", "csv", "--as-of", "2026-02-04"]).count == 7)
        }
    }

    @Test(
        "case record: each step on a day it is allowed; refusals exit 1 naming the case, its state, the deadline and the events allowed, and write nothing"
    )
    func record() throws {
        try Self.withFixture { cli in
            #expect(try cli(["case", "open", "--npp", "ARREARS9", "--on", "2026-02-02"]).stdout == "case_id=1\n")
            func history() throws -> String { try cli.show(1, asOf: "2026-12-31").text }
            /// Refused with `message` (in English), and the case's events are as they were.
            func refuse(_ arguments: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation)
                throws
            {
                let before = try history()
                let stderr = try cli.refused(
                    ["case", "record", "1"] + arguments + ["--lang", "en"], sourceLocation: sourceLocation)
                #expect(stderr.contains(message), "\(arguments): \(stderr)", sourceLocation: sourceLocation)
                #expect(try history() == before, "\(arguments) wrote something", sourceLocation: sourceLocation)
            }
            func record(_ arguments: [String], _ expected: String, sourceLocation: SourceLocation = #_sourceLocation)
                throws
            {
                let result = try cli(["case", "record", "1"] + arguments)
                #expect(result.status == 0, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
                #expect(result.stdout == expected + "\n", "\(arguments)", sourceLocation: sourceLocation)
            }

            try refuse(
                ["sp1", "--on", "2026-02-11"],
                "case 1 is in state dibuka: sp1 is not allowed in this state; events allowed: inspection, tutup")
            try refuse(
                ["inspection", "--kind", "kantor", "--outcome", "terbukti", "--on", "2026-02-01"],
                "case 1 is in state dibuka: the event is dated before the case's latest event (2026-02-02); events allowed: inspection, tutup"
            )
            try refuse(
                ["selesai", "--on", "2026-02-05"],
                "case 1 is in state dibuka: the latest inspection did not confirm the finding (outcome terbukti or sebagian needed); events allowed: inspection, tutup"
            )
            let note = "Diterima <script>alert(\"x\")</script> & 'Bu Sri' \"HRD\" \\ baris 1\nbaris 2"
            try record(
                ["inspection", "--kind", "kantor", "--outcome", "terbukti", "--on", "2026-02-10", "--note", note],
                "case_id=1 state=diperiksa")
            try refuse(
                ["sp2", "--on", "2026-02-11"],
                "case 1 is in state diperiksa: sp2 is not allowed in this state; events allowed: inspection, sp1, selesai, tutup"
            )
            try refuse(
                ["tutup", "--reason", "tidak_terbukti", "--on", "2026-02-11"],
                "reason tidak_terbukti only after an inspection with outcome tidak_terbukti; events allowed: inspection, sp1, selesai, tutup"
            )
            try refuse(["sp1", "--on", "2026-02-09"], "dated before the case's latest event (2026-02-10)")
            // 11 February + 10 working days, skipping 16 and 17 February: 27 February.
            let warningI = try cli(["case", "record", "1", "sp1", "--on", "2026-02-11"])
            #expect(warningI.status == 0, "\(warningI.stderr)")
            #expect(warningI.stdout == "case_id=1 state=sp1 deadline=2026-02-27\n")
            #expect(warningI.stderr.contains("Batas waktu: 27 Februari 2026"))
            try refuse(
                ["sp2", "--on", "2026-02-27"],
                "case 1 is in state sp1: the sp1 deadline (2026-02-27) has not passed; the day after it at the earliest; events allowed: sp2, selesai, tutup"
            )
            try refuse(
                ["denda", "--on", "2026-03-02"],
                "case 1 is in state sp1: denda is not allowed in this state; events allowed: sp2, selesai, tutup")
            try refuse(
                ["inspection", "--kind", "lapangan", "--outcome", "sebagian", "--on", "2026-03-02"],
                "inspection is not allowed in this state")
            try record(["sp2", "--on", "2026-03-02"], "case_id=1 state=sp2 deadline=2026-03-16")
            try refuse(
                ["denda", "--on", "2026-03-16"],
                "case 1 is in state sp2: the sp2 deadline (2026-03-16) has not passed; the day after it at the earliest; events allowed: denda, rujuk, selesai, tutup"
            )
            try refuse(["rujuk", "--on", "2026-03-16"], "the sp2 deadline (2026-03-16) has not passed")
            try refuse(["tmp2t", "--on", "2026-04-20"], "tmp2t is not allowed in this state")
            try record(["denda", "--on", "2026-03-17"], "case_id=1 state=denda")
            // TMP2T from warning II's deadline + 30 days: 15 April.
            try refuse(
                ["tmp2t", "--on", "2026-04-14"],
                "case 1 is in state denda: TMP2T at the earliest 30 days after warning II's deadline, on 2026-04-15; events allowed: tmp2t, rujuk, selesai, tutup"
            )
            try record(["tmp2t", "--on", "2026-04-15"], "case_id=1 state=tmp2t")
            try record(["rujuk", "--on", "2026-04-20"], "case_id=1 state=dirujuk")

            // As of 20 April: dirujuk, no deadline; the fine from 17 March, two months begun:
            // round(0.001 × 2,169,484 × 2) = 4,339.
            let (_, shown) = try cli.show(1, asOf: "2026-04-20")
            let required: Set<String> = [
                "case_id", "npp", "branch_code", "run_id", "period", "selection", "state", "opened_on", "categories",
                "at_stake_idr", "deadline", "overdue", "fine_idr", "recovered_idr", "added_monthly_idr", "events",
            ]
            #expect(required.isSubset(of: Set(shown.keys)), "missing: \(required.subtracting(shown.keys))")
            #expect(shown["deadline"] is NSNull)
            let decoder = JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            let referred = try decoder.decode(
                ShownCase.self, from: Data(try cli.show(1, asOf: "2026-04-20").text.utf8))
            #expect(referred.caseId == 1 && referred.npp == "ARREARS9" && referred.branchCode == "JKT-A")
            #expect(referred.runId == 1 && referred.period == "2025-06" && referred.selection == "targeted")
            #expect(referred.state == "dirujuk" && referred.openedOn == "2026-02-02" && referred.deadline == nil)
            #expect(referred.categories == ["TUNGGAKAN"] && referred.atStakeIdr == 2_169_484)
            #expect(referred.overdue == false && referred.fineIdr == 4339)
            #expect(referred.recoveredIdr == 0 && referred.addedMonthlyIdr == 0)
            #expect(referred.events.map(\.event) == ["inspection", "sp1", "sp2", "denda", "tmp2t", "rujuk"])
            #expect(
                referred.events.map(\.on) == [
                    "2026-02-10", "2026-02-11", "2026-03-02", "2026-03-17", "2026-04-15", "2026-04-20",
                ])
            #expect(referred.events.map(\.deadline) == [nil, "2026-02-27", "2026-03-16", nil, nil, nil])
            // The note as written, markup, quotes, backslash and line break included.
            #expect(referred.events.first?.note == note)
            #expect(referred.events.dropFirst().allSatisfy { $0.note == nil })
            let events = try #require(shown["events"] as? [[String: Any]])
            #expect(events.first?["kind"] as? String == "kantor" && events.first?["outcome"] as? String == "terbukti")
            for event in events {
                #expect(Set(["event", "on", "deadline", "note"]).isSubset(of: Set(event.keys)), "\(event)")
                if event["event"] as? String != "inspection" {
                    #expect(event["kind"] == nil && event["outcome"] == nil, "\(event)")
                }
                #expect(event["reason"] == nil, "\(event)")
            }

            // As of an earlier day: the state, deadline and events of that day; overdue the
            // day after the deadline.
            let inWarning = try decoder.decode(
                ShownCase.self, from: Data(try cli.show(1, asOf: "2026-02-27").text.utf8))
            #expect(inWarning.state == "sp1" && inWarning.deadline == "2026-02-27" && inWarning.overdue == false)
            #expect(inWarning.events.map(\.event) == ["inspection", "sp1"] && inWarning.fineIdr == 0)
            let late = try decoder.decode(ShownCase.self, from: Data(try cli.show(1, asOf: "2026-02-28").text.utf8))
            #expect(late.state == "sp1" && late.overdue == true)
            // The fine rate of the configuration file: round(0.002 × 2,169,484 × 2) = 8,678.
            let rate = try cli.file("rate.json", #"{"cases": {"fine_rate_monthly": 0.002}}"#)
            #expect(try cli.show(1, asOf: "2026-04-20", ["--config", rate]).object["fine_idr"] as? Int == 8678)

            // Complied on 4 May: the fine stops there (two months), the case stays open until closed.
            try record(["selesai", "--on", "2026-05-04"], "case_id=1 state=selesai")
            #expect(try cli.show(1, asOf: "2026-12-31").object["fine_idr"] as? Int == 4339)
            try refuse(
                ["selesai", "--on", "2026-05-05"],
                "case 1 is in state selesai: selesai is not allowed in this state; events allowed: tutup")
            let stillOpen = try cli.refused(["case", "open", "--npp", "ARREARS9", "--on", "2026-05-05", "--lang", "en"])
            #expect(stillOpen.contains("already has an open case: case 1 (state selesai)"), "\(stillOpen)")
            try record(
                ["tutup", "--reason", "patuh", "--on", "2026-05-05", "--note", "lunas"], "case_id=1 state=ditutup")
            try refuse(
                ["inspection", "--kind", "kantor", "--outcome", "terbukti", "--on", "2026-05-06"],
                "case 1 is in state ditutup: the case is closed, no event is accepted; events allowed: none")
            let closed = try decoder.decode(ShownCase.self, from: Data(try history().utf8))
            #expect(closed.state == "ditutup" && closed.deadline == nil)
            #expect(closed.events.last?.event == "tutup" && closed.events.last?.reason == "patuh")
            #expect(closed.events.last?.note == "lunas")
            // Closed: the employer may have a case again.
            #expect(try cli(["case", "open", "--npp", "ARREARS9", "--on", "2026-05-06"]).stdout == "case_id=2\n")

            // Options that do not belong to the event, and unknown cases.
            for arguments in [
                ["inspection", "--kind", "kantor", "--on", "2026-05-07"], ["sp1", "--outcome", "terbukti"],
                ["tutup", "--on", "2026-05-07"], ["sp1", "--reason", "patuh"], ["teguran", "--on", "2026-05-07"],
            ] {
                let before = try cli.show(2, asOf: "2026-12-31").text
                _ = try cli.refused(["case", "record", "2"] + arguments)
                #expect(try cli.show(2, asOf: "2026-12-31").text == before)
            }
            let missing = try cli.refused(["case", "record", "99", "sp1", "--on", "2026-05-07", "--lang", "en"])
            #expect(missing.contains("case 99 does not exist"), "\(missing)")
            #expect(try cli.refused(["case", "show", "99", "--lang", "en"]).contains("case 99 does not exist"))
        }
    }

    /// `case show --format json`, decoded with the JSON types docs/cases.md gives.
    struct ShownCase: Decodable {
        struct Event: Decodable {
            var event: String
            var on: String
            var deadline: String?
            var note: String?
            var kind: String?
            var outcome: String?
            var reason: String?
        }
        var caseId: Int
        var npp: String
        var branchCode: String
        var runId: Int
        var period: String
        var selection: String
        var state: String
        var openedOn: String
        var categories: [String]
        var atStakeIdr: Int
        var deadline: String?
        var overdue: Bool
        var fineIdr: Int
        var recoveredIdr: Int
        var addedMonthlyIdr: Int
        var events: [Event]
    }

    /// Seven cases on 20 April 2026 (six of JKT-A, one of JKT-B), three overdue at three steps;
    /// payments for ARREARS9's arrears; LEAD0001's July wages imported (today).
    static func history(_ cli: CLI) throws {
        func run(_ arguments: [String]) throws {
            let result = try cli(arguments)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        try run(["case", "open", "--npp", "ARREARS9", "--on", "2026-02-02"])
        // Seed 7: MD5("7:NPP") orders UNDERTEN 04ef…, MIKRO006 2436…, TAXNEAR7 2b06…, BRAN0002 48bc….
        let list = try cli(
            [
                "case", "open", "--audit-list", "--period", "2025-06", "--branch", "JKT-A", "--capacity", "3",
                "--control", "3", "--seed", "7", "--on", "2026-02-03",
            ])
        #expect(list.stdout == "case_id=2\ncase_id=3\ncase_id=4\ncase_id=5\ncase_id=6\n", "\(list.stderr)")
        try run(["case", "open", "--npp", "UMKCITY5", "--on", "2026-02-03"])
        let steps: [(Int, [String])] = [
            (1, ["inspection", "--kind", "kantor", "--outcome", "terbukti", "--on", "2026-02-10"]),
            (1, ["sp1", "--on", "2026-02-11"]), (1, ["sp2", "--on", "2026-03-02"]),
            (1, ["denda", "--on", "2026-03-17"]),
            (2, ["inspection", "--kind", "lapangan", "--outcome", "terbukti", "--on", "2026-02-12"]),
            // Warning II of 9 March: deadline 30 March (18–24 March are days off).
            (2, ["sp1", "--on", "2026-02-20"]), (2, ["sp2", "--on", "2026-03-09"]),
            (3, ["inspection", "--kind", "kantor", "--outcome", "tidak_terbukti", "--on", "2026-02-12"]),
            (3, ["tutup", "--reason", "tidak_terbukti", "--on", "2026-02-16"]),
            // Warning I of 1 April: deadline 16 April (3 April is Good Friday).
            (4, ["inspection", "--kind", "kantor", "--outcome", "sebagian", "--on", "2026-02-13"]),
            (4, ["sp1", "--on", "2026-04-01"]),
            (5, ["inspection", "--kind", "kantor", "--outcome", "tidak_terbukti", "--on", "2026-02-13"]),
            (7, ["inspection", "--kind", "kantor", "--outcome", "terbukti", "--on", "2026-02-13"]),
        ]
        for (id, step) in steps { try run(["case", "record", String(id)] + step) }
        // ARREARS9's arrears (February 987,669, March 1,002,822): a payment before the opening
        // does not count; March's 2,000,000 counts up to 1,002,822; 300,000 more on 25 April.
        try cli.load(
            "payments",
            """
            npp,period,paid_on,amount
            ARREARS9,2025-02,2026-01-15,100000
            ARREARS9,2025-02,2026-03-10,500000
            ARREARS9,2025-03,2026-03-11,2000000
            ARREARS9,2025-02,2026-04-25,300000

            """, name: "bayar-2026.csv")
        // July 2025: LEAD0001 reports ten workers at 6,000,000: due 10 × 554,400 against June's
        // 2 × 554,400, 4,435,200 more a month, counted from the day this import finishes.
        var july = "npp,period,kpj,nik,name,wage\n"
        for n in 0..<10 {
            july += "LEAD0001,2025-07,\(20_000_000_001 + n),\(3_171_014_101_901_000 + n),Pekerja,6000000\n"
        }
        try cli.load("contributions", july, name: "upah-juli.csv")
    }

    @Test(
        "cases and cases evaluate: the CSV columns of the contract, --overdue, --state, --branch; hit rates with ALL last"
    )
    func lists() throws {
        try Self.withFixture { cli in
            try Self.history(cli)
            let all = [
                "1,ARREARS9,JKT-A,targeted,denda,2026-02-02,,false,2169484,4339,1502822,0",
                "2,LEAD0001,JKT-A,targeted,sp2,2026-02-03,2026-03-30,true,4342800,0,0,0",
                "3,NOJP0010,JKT-A,targeted,ditutup,2026-02-03,,false,316422,0,0,0",
                "4,UNDERTEN,JKT-A,control,sp1,2026-02-03,2026-04-16,true,0,0,0,0",
                "5,MIKRO006,JKT-A,control,diperiksa,2026-02-03,,false,0,0,0,0",
                "6,TAXNEAR7,JKT-A,control,dibuka,2026-02-03,2026-03-05,true,0,0,0,0",
                "7,UMKCITY5,JKT-B,targeted,diperiksa,2026-02-03,,false,9540,0,0,0",
            ]
            let asOf = ["--as-of", "2026-04-20"]
            #expect(try cli.lines(["cases", "--format", "csv"] + asOf) == [Self.csvHeader] + all)
            #expect(try cli.lines(["cases", "list", "--format", "csv"] + asOf) == [Self.csvHeader] + all)
            #expect(
                try cli.lines(["cases", "--format", "csv", "--overdue"] + asOf) == [
                    Self.csvHeader, all[1], all[3], all[5],
                ])
            // Overdue only once the deadline is before the day: UNDERTEN's is 16 April.
            #expect(
                try cli.lines(["cases", "--format", "csv", "--overdue", "--as-of", "2026-04-16"]).map {
                    $0.split(separator: ",").prefix(2).joined(separator: ",")
                } == ["case_id,npp", "2,LEAD0001", "6,TAXNEAR7"])
            #expect(try cli.lines(["cases", "--format", "csv", "--state", "sp1"] + asOf) == [Self.csvHeader, all[3]])
            #expect(
                try cli.lines(["cases", "--format", "csv", "--branch", "JKT-B"] + asOf) == [Self.csvHeader, all[6]])
            let json = try cli(["cases", "--format", "json", "--overdue"] + asOf)
            let objects = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
            #expect(objects?.map { $0["npp"] as? String } == ["LEAD0001", "UNDERTEN", "TAXNEAR7"])
            #expect(objects?.allSatisfy { $0["overdue"] as? Bool == true } == true)
            let table = try cli(["cases", "--overdue", "--lang", "en"] + asOf)
            #expect(table.status == 0 && table.stdout.contains("LEAD0001") && !table.stdout.contains("ARREARS9"))

            // Targeted 2 of 3 in JKT-A (NOJP0010 not borne out), control 1 of 2 (UNDERTEN;
            // TAXNEAR7 not inspected), JKT-B 1 of 1; ALL: 3 of 4 and 1 of 2. Wilson, z = 1.96.
            #expect(
                try cli.lines(["cases", "evaluate", "--format", "csv"] + asOf) == [
                    Self.evaluateHeader,
                    "JKT-A,targeted,3,2,0.6667,0.2077,0.9385,1502822,0",
                    "JKT-A,control,2,1,0.5000,0.0945,0.9055,0,0",
                    "JKT-B,targeted,1,1,1.0000,0.2065,1.0000,0,0",
                    "ALL,targeted,4,3,0.7500,0.3006,0.9544,1502822,0",
                    "ALL,control,2,1,0.5000,0.0945,0.9055,0,0",
                ])
            #expect(
                try cli.lines(["cases", "evaluate", "--format", "csv", "--branch", "JKT-B"] + asOf) == [
                    Self.evaluateHeader, "JKT-B,targeted,1,1,1.0000,0.2065,1.0000,0,0",
                    "ALL,targeted,1,1,1.0000,0.2065,1.0000,0,0",
                ])
            // Before any inspection: no row.
            #expect(
                try cli.lines(["cases", "evaluate", "--format", "csv", "--as-of", "2026-02-09"]) == [
                    Self.evaluateHeader
                ])
            // Today: the payment of 25 April counts (February 800,000 of 987,669), and July's
            // wages, imported today, add 4,435,200 a month to LEAD0001.
            #expect(
                try cli.lines(["cases", "evaluate", "--format", "csv"]) == [
                    Self.evaluateHeader,
                    "JKT-A,targeted,3,2,0.6667,0.2077,0.9385,1802822,4435200",
                    "JKT-A,control,2,1,0.5000,0.0945,0.9055,0,0",
                    "JKT-B,targeted,1,1,1.0000,0.2065,1.0000,0,0",
                    "ALL,targeted,4,3,0.7500,0.3006,0.9544,1802822,4435200",
                    "ALL,control,2,1,0.5000,0.0945,0.9055,0,0",
                ])
            // Precision of run 1's list: four targeted cases, three inspected hits of four.
            let evaluation = try cli(["cases", "evaluate", "--format", "json"] + asOf)
            let object = try JSONSerialization.jsonObject(with: Data(evaluation.stdout.utf8)) as? [String: Any]
            let runs = try #require(object?["runs"] as? [[String: Any]])
            #expect(runs.count == 1)
            #expect(runs.first?["run_id"] as? Int == 1 && runs.first?["k"] as? Int == 4)
            #expect(runs.first?["inspected"] as? Int == 4 && runs.first?["hits"] as? Int == 3)
            #expect(runs.first?["precision_at_k"] as? String == "0.7500")

            // The follow-up report from the command line.
            let report = try cli(["report", "cases", "--branch", "JKT-A", "--format", "md"] + asOf)
            #expect(report.status == 0, "\(report.stderr)")
            #expect(report.stdout.contains("SP II lewat batas: kenakan denda atau rujuk"))
            #expect(report.stdout.contains("| 6 | 5 | 3 | Rp 4.339 | Rp 1.502.822 | Rp 0 |"), "\(report.stdout)")
            #expect(!report.stdout.contains("UMKCITY5"))
        }
    }

    @Test(
        "case letter: a step not reached exits 1; the letterhead from --config, $PERIKSA_CONFIG or ./periksa.json; bad files and dates exit 1"
    )
    func lettersConfigurationAndDates() throws {
        try Self.withFixture { cli in
            try cli(["case", "open", "--npp", "ARREARS9", "--on", "2026-02-02"])
            try cli([
                "case", "record", "1", "inspection", "--kind", "kantor", "--outcome", "terbukti", "--on", "2026-02-10",
            ])
            #expect(try cli(["case", "record", "1", "sp1", "--on", "2026-02-11"]).status == 0)

            for kind in ["sp2", "tmp2t", "rujuk"] {
                let refused = try cli.refused(["case", "letter", "1", "--kind", kind, "--lang", "en"])
                #expect(
                    refused.contains("case 1 (state sp1) has not reached step \(kind): no letter written"), "\(refused)"
                )
            }
            let indonesian = try cli.refused(["case", "letter", "1", "--kind", "sp2"])
            #expect(indonesian.contains("kasus 1 (status sp1) belum mencapai tahap sp2"))
            let out = cli.folder.appendingPathComponent("sp2.html").path
            _ = try cli.refused(["case", "letter", "1", "--kind", "sp2", "--out", out])
            #expect(!FileManager.default.fileExists(atPath: out))
            #expect(try cli.refused(["case", "letter", "1", "--kind", "teguran"]).contains("teguran"))

            // No configuration: the branch code, a blank to sign.
            let plain = try cli(["case", "letter", "1", "--kind", "sp1", "--format", "md"])
            #expect(plain.status == 0, "\(plain.stderr)")
            for fact in [
                "Kantor Cabang JKT-A", "| Nomor | 1/SP1/JKT-A/2026 |", "| Tanggal | 11 Februari 2026 |",
                "Pimpinan PT Menunggak, NPP ARREARS9", "**27 Februari 2026**", "Rp 2.169.484",
                "(nama dan tanda tangan)",
            ] {
                #expect(plain.stdout.contains(fact), "the letter lacks \(fact): \(plain.stdout)")
            }

            // A letterhead from each place the configuration may come from.
            let configuration = """
                {
                  "cases": { "fine_rate_monthly": 0.001 },
                  "branches": {
                    "JKT-A": {
                      "name": "Kantor Cabang Jakarta Menteng",
                      "address": "Jl. Teuku Cik Ditiro No. 8, Jakarta 10310",
                      "city": "Jakarta",
                      "head": "Dewi Kartika Sari",
                      "head_title": "Kepala Kantor Cabang Jakarta Menteng"
                    }
                  }
                }
                """
            let good = try cli.file("kantor.json", configuration)
            let bad = try cli.file("salah.json", #"{"cases": {"fine_rate_monthly": "x"}}"#)
            let local = cli.folder.appendingPathComponent("kerja")
            try FileManager.default.createDirectory(at: local, withIntermediateDirectories: true)
            try configuration.write(to: local.appendingPathComponent("periksa.json"), atomically: true, encoding: .utf8)
            let letter = ["case", "letter", "1", "--kind", "sp1", "--format", "md"]
            for (name, result) in [
                ("--config", try cli(letter + ["--config", good])),
                ("$PERIKSA_CONFIG", try cli(letter, environment: ["PERIKSA_CONFIG": good])),
                (
                    "--config over $PERIKSA_CONFIG",
                    try cli(letter + ["--config", good], environment: ["PERIKSA_CONFIG": bad])
                ),
                ("./periksa.json", try cli(letter, in: local)),
            ] {
                #expect(result.status == 0, "\(name): \(result.stderr)")
                for fact in [
                    "**BPJS KETENAGAKERJAAN** — Kantor Cabang Jakarta Menteng",
                    "Jl. Teuku Cik Ditiro No. 8, Jakarta 10310", "| Tanggal | Jakarta, 11 Februari 2026 |",
                    "Kepala Kantor Cabang Jakarta Menteng", "**Dewi Kartika Sari**",
                ] {
                    #expect(result.stdout.contains(fact), "\(name): the letter lacks \(fact)")
                }
                #expect(!result.stdout.contains("(nama dan tanda tangan)"), "\(name)")
            }
            // --out writes the file, stdout stays empty.
            let written = try cli(["case", "letter", "1", "--kind", "sp1", "--out", out, "--config", good])
            #expect(written.status == 0 && written.stdout.isEmpty, "\(written.stderr)")
            let html = try String(contentsOfFile: out, encoding: .utf8)
            #expect(html.contains("1/SP1/JKT-A/2026") && html.contains("Kantor Cabang Jakarta Menteng"))

            // Files that cannot be used: exit 1 naming the file (and the key).
            let notJSON = try cli.file("rusak.json", "{ cases: ")
            let wrongBranch = try cli.file("cabang.json", #"{"branches": {"JKT-A": {"name": 5}}}"#)
            let outOfRange = try cli.file("tarif.json", #"{"cases": {"fine_rate_monthly": 2}}"#)
            let absent = cli.folder.appendingPathComponent("tidak-ada.json").path
            for (file, key) in [
                (bad, "cases.fine_rate_monthly"), (wrongBranch, "branches.JKT-A.name"), (notJSON, "not valid JSON"),
                (outOfRange, "cases.fine_rate_monthly must be between 0 and 1"), (absent, "cannot be read"),
            ] {
                for command in [
                    ["case", "letter", "1", "--kind", "sp1"], ["case", "show", "1"], ["cases"], ["cases", "evaluate"],
                    ["report", "cases", "--branch", "JKT-A"],
                ] {
                    let message = try cli.refused(command + ["--config", file])
                    #expect(message.contains("configuration file \(file)"), "\(command) \(file): \(message)")
                    #expect(message.contains(key), "\(command) \(file): \(message)")
                }
            }
            let fromEnvironment = try cli(["cases"], environment: ["PERIKSA_CONFIG": bad])
            #expect(fromEnvironment.status == 1 && fromEnvironment.stderr.contains(bad), "\(fromEnvironment.stderr)")
            let inFolder = cli.folder.appendingPathComponent("salah")
            try FileManager.default.createDirectory(at: inFolder, withIntermediateDirectories: true)
            try #"{"branches": []}"#.write(
                to: inFolder.appendingPathComponent("periksa.json"), atomically: true, encoding: .utf8)
            let broken = try cli(["case", "letter", "1", "--kind", "sp1"], in: inFolder)
            #expect(broken.status == 1 && broken.stderr.contains("periksa.json"), "\(broken.stderr)")

            // Dates that are not days: exit 1, nothing written.
            let before = try cli.show(1, asOf: "2026-12-31").text
            for (arguments, shown) in [
                (["case", "record", "1", "sp2", "--on", "2026-02-30"], "2026-02-30"),
                (["case", "record", "1", "sp2", "--on", "2026-3-02"], "2026-3-02"),
                (["case", "open", "--npp", "LEAD0001", "--on", "2026-13-01"], "2026-13-01"),
                (["case", "show", "1", "--as-of", "20260301"], "20260301"),
                (["cases", "--as-of", "2026-02-29"], "2026-02-29"),
                (["cases", "evaluate", "--as-of", "kemarin"], "kemarin"),
                (["report", "cases", "--branch", "JKT-A", "--as-of", "2026-04-31"], "2026-04-31"),
            ] {
                let message = try cli.refused(arguments)
                #expect(message.contains("YYYY-MM-DD") && message.contains(shown), "\(arguments): \(message)")
            }
            #expect(try cli.show(1, asOf: "2026-12-31").text == before)
            #expect(try cli.lines(["cases", "--format", "csv", "--as-of", "2026-12-31"]).count == 2)
        }
    }
}
