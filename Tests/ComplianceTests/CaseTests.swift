import Crypto
import Foundation
import Postgres
import TestSupport
import Testing

@testable import Compliance

/// Cases (docs/cases.md) on the hand-computed fixture of the rules, audited for 2025-06: in
/// branch JKT-A, LEAD0001 has PDS_TK and PDS_UPAH, ARREARS9 TUNGGAKAN (February 987,669 and
/// March 1,002,822 outstanding), NOJP0010 PDS_PROGRAM; in JKT-B, UMKCITY5 PDS_UPAH.
///
/// Working days over the holidays of 2026 used below: 16 and 17 February (cuti bersama Imlek,
/// Imlek), 16 January (Isra Mikraj); 2025: 25 and 26 December, 1 January 2026.
@Suite("Cases: events, deadlines, figures, control sample, evaluation")
struct CaseTests {
    static func withAudit(_ body: (Connection, Cases, Int) throws -> Void) throws {
        try AuditRuleTests.withFixture { connection in
            let run = try AuditRunner(connection: connection).run(
                period: "2025-06", asOf: nil, parameters: AuditParameters()
            ).runID
            try body(connection, Cases(connection: connection), run)
        }
    }

    /// Records `event`, expecting it to be accepted; returns the deadline it set.
    @discardableResult
    static func accept(
        _ cases: Cases, _ id: Int, _ event: CaseEventKind, _ on: String, kind: InspectionKind? = nil,
        outcome: InspectionOutcome? = nil, reason: ClosingReason? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String? {
        try cases.record(
            case: id, CaseEventRequest(event: event, on: on, kind: kind, outcome: outcome, reason: reason)
        ).deadline
    }

    /// Records `event`, expecting a refusal that names the case and its state; returns the message.
    static func refuse(
        _ cases: Cases, _ id: Int, _ event: CaseEventKind, _ on: String, kind: InspectionKind? = nil,
        outcome: InspectionOutcome? = nil, reason: ClosingReason? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let before = try cases.events(of: id).count
        var message = ""
        #expect(sourceLocation: sourceLocation) {
            try cases.record(
                case: id, CaseEventRequest(event: event, on: on, kind: kind, outcome: outcome, reason: reason))
        } throws: { error in
            guard let error = error as? CaseError, case .refused(let refusedCase, _, _, _) = error else { return false }
            message = error.message(.english)
            return refusedCase == id
        }
        #expect(try cases.events(of: id).count == before, "a refusal wrote nothing", sourceLocation: sourceLocation)
        return message
    }

    @Test("the event table, allowed and refused, with dates around each deadline")
    func eventTable() throws {
        try Self.withAudit { connection, cases, run in
            let id = try cases.open(npp: "ARREARS9", runID: run, period: nil, on: "2026-01-26")
            // dibuka: only inspection and tutup; tutup tidak_terbukti needs such an inspection.
            for event in [CaseEventKind.sp1, .sp2, .denda, .tmp2t, .rujuk, .selesai] {
                let message = try Self.refuse(cases, id, event, "2026-01-27")
                #expect(message.contains("case \(id) is in state dibuka"), "\(message)")
                #expect(message.contains("events allowed: inspection, tutup"), "\(message)")
            }
            _ = try Self.refuse(cases, id, .tutup, "2026-01-27", reason: .tidakTerbukti)
            // Before the opening date.
            #expect(
                try Self.refuse(cases, id, .inspection, "2026-01-25", kind: .kantor, outcome: .terbukti).contains(
                    "before"))
            // The inspection deadline of dibuka: 20 working days after 26 January, past 16–17 February.
            #expect(try cases.status(asOf: "2026-02-24", caseID: id).first?.deadline == "2026-02-25")
            #expect(try cases.status(asOf: "2026-02-25", caseID: id).first?.overdue(on: "2026-02-25") == false)
            #expect(try cases.status(asOf: "2026-02-26", caseID: id).first?.overdue(on: "2026-02-26") == true)

            // Inspections: the latest outcome stands.
            try Self.accept(cases, id, .inspection, "2026-02-02", kind: .kantor, outcome: .tidakTerbukti)
            _ = try Self.refuse(cases, id, .sp1, "2026-02-03")
            _ = try Self.refuse(cases, id, .selesai, "2026-02-03")
            try Self.accept(cases, id, .inspection, "2026-02-10", kind: .lapangan, outcome: .sebagian)
            #expect(
                try Self.refuse(cases, id, .inspection, "2026-02-09", kind: .kantor, outcome: .terbukti).contains(
                    "before"))
            _ = try Self.refuse(cases, id, .tutup, "2026-02-10", reason: .tidakTerbukti)

            // sp1 on Wednesday 11 February: 10 working days across a weekend and the Imlek days.
            #expect(try Self.accept(cases, id, .sp1, "2026-02-11") == "2026-02-27")
            _ = try Self.refuse(cases, id, .inspection, "2026-02-12", kind: .kantor, outcome: .terbukti)
            for event in [CaseEventKind.denda, .tmp2t, .rujuk] { _ = try Self.refuse(cases, id, event, "2026-03-02") }
            // sp2: the day before warning I's deadline, the day itself: refused; the day after: allowed.
            #expect(try Self.refuse(cases, id, .sp2, "2026-02-26").contains("2026-02-27"))
            _ = try Self.refuse(cases, id, .sp2, "2026-02-27")
            #expect(try Self.accept(cases, id, .sp2, "2026-02-28") == "2026-03-13")
            #expect(try cases.status(asOf: "2026-03-13", caseID: id).first?.overdue(on: "2026-03-13") == false)
            #expect(try cases.status(asOf: "2026-03-14", caseID: id).first?.overdue(on: "2026-03-14") == true)
            // denda and rujuk: after warning II's deadline only.
            _ = try Self.refuse(cases, id, .denda, "2026-03-12")
            _ = try Self.refuse(cases, id, .denda, "2026-03-13")
            _ = try Self.refuse(cases, id, .rujuk, "2026-03-13")
            _ = try Self.refuse(cases, id, .tmp2t, "2026-03-20")
            try Self.accept(cases, id, .denda, "2026-03-14")
            #expect(try cases.status(asOf: "2026-03-14", caseID: id).first?.deadline == nil)
            // tmp2t: from warning II's deadline + 30 days (12 April).
            #expect(try Self.refuse(cases, id, .tmp2t, "2026-04-11").contains("2026-04-12"))
            try Self.accept(cases, id, .tmp2t, "2026-04-12")
            try Self.accept(cases, id, .rujuk, "2026-04-12")
            #expect(try cases.status(asOf: "2026-04-12", caseID: id).first?.state == .dirujuk)
            _ = try Self.refuse(cases, id, .sp1, "2026-04-13")
            // selesai after a confirmed inspection, then tutup; nothing after that.
            try Self.accept(cases, id, .selesai, "2026-04-20")
            _ = try Self.refuse(cases, id, .selesai, "2026-04-21")
            try Self.accept(cases, id, .tutup, "2026-04-21", reason: .patuh)
            for event in CaseEventKind.allCases {
                let message = try Self.refuse(
                    cases, id, event, "2026-04-22", kind: event == .inspection ? .kantor : nil,
                    outcome: event == .inspection ? .terbukti : nil, reason: event == .tutup ? .lainnya : nil)
                #expect(message.contains("closed"), "\(message)")
            }
            // The state as of earlier dates follows the events up to them.
            #expect(try cases.status(asOf: "2026-02-11", caseID: id).first?.state == .sp1)
            #expect(try cases.status(asOf: "2026-02-01", caseID: id).first?.state == .dibuka)

            // rujuk straight from sp2, and tutup tidak_terbukti after such an inspection, on a
            // second case of the same employer (the first is closed).
            let second = try cases.open(npp: "ARREARS9", runID: run, period: nil, on: "2026-05-04")
            try Self.accept(cases, second, .inspection, "2026-05-05", kind: .kantor, outcome: .terbukti)
            try Self.accept(cases, second, .sp1, "2026-05-06")
            let deadline1 = try #require(try cases.events(of: second).last?.deadline)
            let afterFirst = try connection.queryFirst("select (\(deadline1)::date + 1)::text")!.decode(
                String.self, at: 0)
            let deadline2 = try #require(try Self.accept(cases, second, .sp2, afterFirst))
            _ = try Self.refuse(cases, second, .rujuk, deadline2)
            let afterSecond = try connection.queryFirst("select (\(deadline2)::date + 1)::text")!.decode(
                String.self, at: 0)
            try Self.accept(cases, second, .rujuk, afterSecond)
            let third = try cases.open(npp: "NOJP0010", runID: run, period: nil, on: "2026-05-04")
            try Self.accept(cases, third, .inspection, "2026-05-05", kind: .kantor, outcome: .tidakTerbukti)
            try Self.accept(cases, third, .tutup, "2026-05-05", reason: .tidakTerbukti)

            // Events are appended, never changed.
            #expect(throws: PostgresError.self) {
                try connection.execute("update periksa.case_events set note = 'x' where case_id = \(id)")
            }
        }
    }

    @Test("opening: one open case per employer, a finding needed, what the case keeps")
    func opening() throws {
        try Self.withAudit { connection, cases, run in
            let id = try cases.open(npp: "arrears9", runID: nil, period: "2025-06", on: "2026-01-05")
            let status = try #require(try cases.status(asOf: "2026-01-05", caseID: id).first)
            #expect(status.npp == "ARREARS9" && status.branch == "JKT-A" && status.period == "2025-06")
            #expect(status.categories == ["TUNGGAKAN"] && status.atStake == 2_169_484 && status.selection == "targeted")
            let arrears = try connection.query(
                "select to_char(period, 'YYYY-MM'), outstanding_idr::text from periksa.case_arrears where case_id = \(id) order by 1"
            ).map { try $0.decode((String, String).self) }
            #expect(arrears.map(\.0) == ["2025-02", "2025-03"])
            #expect(arrears.map(\.1) == ["987669", "1002822"])
            #expect(throws: CaseError.openCaseExists(npp: "ARREARS9", caseID: id, state: .dibuka)) {
                try cases.open(npp: "ARREARS9", runID: run, period: nil, on: "2026-01-06")
            }
            #expect(throws: CaseError.noFinding(npp: "GAPONE03", runID: run)) {
                try cases.open(npp: "GAPONE03", runID: run, period: nil, on: "2026-01-06")
            }
            #expect(throws: CaseError.unknownEmployer("NOBODY99")) {
                try cases.open(npp: "NOBODY99", runID: run, period: nil, on: "2026-01-06")
            }
            // A case does not exist before its opening date.
            #expect(try cases.status(asOf: "2026-01-04", caseID: id).isEmpty)
            #expect(try cases.status(asOf: "2026-01-04").isEmpty)
            // Two categories, summed.
            let lead = try cases.open(npp: "LEAD0001", runID: nil, period: nil, on: "2026-01-05")
            let leadStatus = try #require(try cases.status(asOf: "2026-01-05", caseID: lead).first)
            #expect(leadStatus.categories == ["PDS_TK", "PDS_UPAH"] && leadStatus.atStake == 3_880_800 + 462_000)
            // The audit list leaves out employers with an open case.
            var listed: [String] = []
            try AuditList(connection: connection).stream(run: run, branch: "JKT-A", capacity: 10) {
                listed.append($0.npp)
                // The region's name, for the reports.
                #expect($0.regionLabel == "Kota Administrasi Jakarta Pusat (3171)" && $0.region == "3171")
            }
            #expect(listed == ["NOJP0010"])
        }
    }

    @Test("the fine across month ends (31 January + 1 month), frozen at selesai, and its rate")
    func fine() throws {
        try Self.withAudit { _, cases, run in
            let id = try cases.open(npp: "ARREARS9", runID: run, period: nil, on: "2025-12-22")
            try Self.accept(cases, id, .inspection, "2025-12-29", kind: .lapangan, outcome: .terbukti)
            // 10 working days after 30 December skip 1 January: 14 January.
            #expect(try Self.accept(cases, id, .sp1, "2025-12-30") == "2026-01-14")
            // From 16 January (a holiday itself), the 10th working day is Friday 30 January.
            #expect(try Self.accept(cases, id, .sp2, "2026-01-16") == "2026-01-30")
            try Self.accept(cases, id, .denda, "2026-01-31")
            let atStake: Int64 = 2_169_484
            func fine(_ day: String, rate: Decimal = Cases.defaultFineRate) throws -> Int64? {
                try Cases(connection: cases.connection, fineRate: rate).status(asOf: day, caseID: id).first?.fine
            }
            // From 31 January: 28 February is one month, 1 March two, 31 March two, 1 April three.
            // round(0.001 × 2,169,484 × n): 2,169.484 → 2,169; 4,338.968 → 4,339; 6,508.452 → 6,508.
            #expect(try fine("2026-01-30") == 0)
            #expect(try fine("2026-01-31") == 2_169)
            #expect(try fine("2026-02-28") == 2_169)
            #expect(try fine("2026-03-01") == 4_339)
            #expect(try fine("2026-03-31") == 4_339)
            #expect(try fine("2026-04-01") == 6_508)
            #expect(try fine("2026-04-01", rate: Decimal(string: "0.002")!) == 13_017)  // 13,016.904
            try Self.accept(cases, id, .selesai, "2026-03-05")
            #expect(try fine("2026-12-31") == 4_339, "the fine stops at selesai")
            #expect(try fine("2026-03-04") == 4_339)
            _ = atStake
        }
    }

    @Test("recovered: capped at the outstanding amount, after opening and up to the as-of date only")
    func recovered() throws {
        try Self.withAudit { connection, cases, run in
            let id = try cases.open(npp: "ARREARS9", runID: run, period: nil, on: "2026-01-05")
            let payments = """
                npp,period,paid_on,amount
                ARREARS9,2025-02,2026-01-04,500000
                ARREARS9,2025-02,2026-01-05,400000
                ARREARS9,2025-02,2026-01-10,1500000
                ARREARS9,2025-03,2026-02-01,300000.50
                ARREARS9,2025-03,2026-03-10,100000
                ARREARS9,2025-04,2026-01-10,900000

                """
            _ = try TemporaryFile.with(payments) {
                try Importer(connection: connection).run(.init(kind: .payments, path: $0))
            }
            func recovered(_ day: String) throws -> Int64? { try cases.status(asOf: day, caseID: id).first?.recovered }
            // Before and on the opening day nothing counts; April was not in arrears at opening.
            #expect(try recovered("2026-01-09") == 0)
            // February: 1,500,000 paid, at most the 987,669 outstanding.
            #expect(try recovered("2026-01-10") == 987_669)
            // March: 300,000.50 more; the total rounds once: 1,287,669.50 → 1,287,670.
            #expect(try recovered("2026-02-28") == 1_287_670)
            #expect(try recovered("2026-03-10") == 1_387_670)
        }
    }

    @Test("added monthly contributions: the latest month imported by the date, against the audited one")
    func addedMonthly() throws {
        try Self.withAudit { connection, cases, run in
            let id = try cases.open(npp: "NOJP0010", runID: run, period: nil, on: "2025-08-01")
            // NOJP0010 pays JKK I, JKM, JHT on 12,000,000: 28,800 + 36,000 + 684,000 = 748,800 in June.
            #expect(try cases.status(asOf: "2099-01-01", caseID: id).first?.addedMonthly == 0)
            let july = """
                npp,period,kpj,nik,name,wage
                NOJP0010,2025-07,20000000001,3171014101900080,Pekerja,12000000
                NOJP0010,2025-07,20000000002,3171014101900081,Pekerja,12000000

                """
            _ = try TemporaryFile.with(july) {
                try Importer(connection: connection).run(.init(kind: .contributions, path: $0))
            }
            // Two workers in July: 1,497,600 − 748,800. Imported today: not yet on an earlier date.
            #expect(try cases.status(asOf: "2099-01-01", caseID: id).first?.addedMonthly == 748_800)
            #expect(try cases.status(asOf: "2025-09-01", caseID: id).first?.addedMonthly == 0)
            // A TUNGGAKAN case adds nothing, whatever the employer reports later.
            let arrears = try cases.open(npp: "ARREARS9", runID: run, period: nil, on: "2025-08-01")
            #expect(try cases.status(asOf: "2099-01-01", caseID: arrears).first?.addedMonthly == 0)
        }
    }

    @Test("the control sample: seeded, uniform over the branch's other active employers without an open case")
    func controlSample() throws {
        try Self.withAudit { _, cases, _ in
            // An open case keeps an employer out of the draw (and off the list).
            let held = try cases.open(npp: "NOJP0010", runID: nil, period: nil, on: "2026-01-05")
            func draw(seed: Int) throws -> (targeted: [String], control: [String]) {
                let opened = try cases.openFromAuditList(
                    period: "2025-06", branch: "JKT-A", capacity: 2, control: 3, seed: seed, on: "2026-01-05")
                for entry in opened {
                    try Self.accept(cases, entry.caseID, .tutup, "2026-01-05", reason: .lainnya)
                }
                return (
                    opened.filter { $0.selection == "targeted" }.map(\.npp),
                    opened.filter { $0.selection == "control" }.map(\.npp)
                )
            }
            // The active employers of JKT-A not on the list (LEAD0001, ARREARS9) and without an
            // open case (NOJP0010); INACTIV8 is nonaktif. The draw: by MD5 of "seed:NPP".
            let candidates = ["BRAN0002", "GAPONE03", "MIKRO006", "TAXNEAR7", "UNDERTEN"]
            func expected(_ seed: Int) -> [String] {
                Array(
                    candidates.sorted {
                        Insecure.MD5.hash(data: Data("\(seed):\($0)".utf8)).map { String(format: "%02x", $0) }.joined()
                            < Insecure.MD5.hash(data: Data("\(seed):\($1)".utf8)).map { String(format: "%02x", $0) }
                            .joined()
                    }.prefix(3))
            }
            let first = try draw(seed: 7)
            #expect(first.targeted == ["LEAD0001", "ARREARS9"])
            #expect(first.control == expected(7))
            #expect(try draw(seed: 7).control == first.control, "the same seed draws the same employers")
            let other = try draw(seed: 8)
            #expect(other.control == expected(8))
            #expect(Set(first.control + other.control).isSubset(of: candidates))
            // Control cases of employers without findings have no categories and nothing at stake.
            let all = try cases.status(asOf: "2026-01-05")
            for item in all where item.selection == "control" && item.npp != "LEAD0001" {
                #expect(item.categories.isEmpty && item.atStake == 0)
            }
            _ = held
        }
    }

    @Test("evaluation: hit rates per selection and branch, Wilson intervals worked by hand, precision per run")
    func evaluation() {
        // Wilson 95 %: 8 hits of 10 → (0.8 + 0.19208 ± 1.96·√(0.016 + 0.009604)) / 1.38416
        //   = (0.99208 ± 0.31361) / 1.38416 → 0.4902, 0.9433.
        let (low, high) = CaseEvaluation.wilson(hits: 8, of: 10)
        #expect(CaseEvaluation.decimals4(low) == "0.4902" && CaseEvaluation.decimals4(high) == "0.9433")
        // 0 of 5: (0 + 0.38416 ± 1.96·√(0.038416)) / 1.76832 = (0.38416 ± 0.38416) / 1.76832 → 0, 0.4345.
        let none = CaseEvaluation.wilson(hits: 0, of: 5)
        #expect(CaseEvaluation.decimals4(none.low) == "0.0000" && CaseEvaluation.decimals4(none.high) == "0.4345")
        // 1 of 1: (1 + 1.9208 ± 1.96·√(0.9604)) / 4.8416 = (2.9208 ± 1.9208) / 4.8416 → 0.2065, 1.
        let one = CaseEvaluation.wilson(hits: 1, of: 1)
        #expect(CaseEvaluation.decimals4(one.low) == "0.2065" && CaseEvaluation.decimals4(one.high) == "1.0000")

        func status(
            _ id: Int, branch: String, selection: String, run: Int, outcome: InspectionOutcome?, recovered: Int64
        ) -> CaseStatus {
            CaseStatus(
                caseID: id, npp: "N\(id)", branch: branch, runID: run, period: "2025-12", selection: selection,
                state: outcome == nil ? .dibuka : .diperiksa, openedOn: "2026-01-05", deadline: nil, categories: [],
                atStake: 0, fine: 0, recovered: recovered, addedMonthly: 0, inspections: outcome == nil ? 0 : 1,
                outcome: outcome, employerName: "", region: "3171")
        }
        let evaluation = CaseEvaluation([
            status(1, branch: "B", selection: "targeted", run: 3, outcome: .terbukti, recovered: 100),
            status(2, branch: "B", selection: "targeted", run: 3, outcome: .tidakTerbukti, recovered: 0),
            status(3, branch: "B", selection: "targeted", run: 3, outcome: nil, recovered: 999),
            status(4, branch: "A", selection: "targeted", run: 4, outcome: .sebagian, recovered: 51),
            status(5, branch: "A", selection: "control", run: 4, outcome: .tidakTerbukti, recovered: 0),
            status(6, branch: "A", selection: "control", run: 4, outcome: nil, recovered: 0),
        ])
        #expect(
            evaluation.groups.map { "\($0.branch) \($0.selection) \($0.inspected) \($0.hits)" } == [
                "A targeted 1 1", "A control 1 0", "B targeted 2 1", "ALL targeted 3 2", "ALL control 1 0",
            ])
        let all = evaluation.groups.first { $0.branch == "ALL" && $0.selection == "targeted" }!
        #expect(all.recovered == 151 && all.recoveredPerCase == 50)  // 151 / 3 = 50.33, uninspected 999 left out
        #expect(
            evaluation.runs.map { "\($0.runID) k=\($0.k) \($0.hits)/\($0.inspected)" } == ["3 k=3 1/2", "4 k=1 1/1"])
    }

    @Test("an inspection recorded in a case counts for the audit list's 180 days")
    func inspectionsRecordedInCases() throws {
        try Self.withAudit { connection, cases, run in
            // The run's as-of date is 2025-07-16: an inspection on 2025-07-01 keeps LEAD0001 off.
            let id = try cases.open(npp: "LEAD0001", runID: run, period: nil, on: "2025-06-20")
            try Self.accept(cases, id, .inspection, "2025-07-01", kind: .lapangan, outcome: .tidakTerbukti)
            try Self.accept(cases, id, .tutup, "2025-07-02", reason: .tidakTerbukti)
            var listed: [String] = []
            try AuditList(connection: connection).stream(run: run, branch: "JKT-A", capacity: 10) {
                listed.append($0.npp)
            }
            #expect(listed == ["ARREARS9", "NOJP0010"])
        }
    }

    @Test("the configuration file: defaults, a rate, and a wrong value named by its key")
    func configuration() throws {
        #expect(Configuration().fineRate == Cases.defaultFineRate && Configuration().branch("B").name == nil)
        func load(_ json: String) throws -> Configuration {
            try TemporaryFile.with(json) { try Configuration.load(path: $0, environment: [:]) }
        }
        let configured = try load(#"{"cases": {"fine_rate_monthly": 0.002}, "branches": {"B": {"name": "Kantor B"}}}"#)
        #expect(configured.fineRate == Decimal(string: "0.002")! && configured.branch("B").name == "Kantor B")
        #expect(configured.branch("C").name == nil)
        for (json, problem) in [
            (
                #"{"cases": {"fine_rate_monthly": "x"}}"#,
                "cases.fine_rate_monthly: must be a number (for example 0.001)"
            ),
            (#"{"branches": {"B": {"name": 5}}}"#, "branches.B.name: must be text in quotes"),
            (#"{"cases": {"fine_rate_monthly": 2}}"#, "cases.fine_rate_monthly must be between 0 and 1"),
            ("{not json", "is not valid JSON"),
        ] {
            #expect {
                try load(json)
            } throws: { error in
                (error as? ConfigurationError)?.problem == problem
            }
        }
        #expect(CaseText.percent(Decimal(string: "0.001")!) == "0,1 %")
        #expect(CaseText.percent(Decimal(string: "0.0025")!, .english) == "0.25 %")
    }
}
