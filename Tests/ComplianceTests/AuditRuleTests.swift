import Compliance
import Foundation
import Postgres
import TestSupport
import Testing

/// Each employer of this fixture exercises one case of the rules (docs/rules.md); every rupiah below was
/// worked out by hand (rates of 2025: JKK I 0.24 %, II 0.54 %, JKM 0.30 %, JHT 5.70 %, JP 3 %
/// capped at 10,042,300 before 1 March and 10,547,400 from it).
@Suite("The rules, on hand-computed fixtures")
struct AuditRuleTests {
    static let employers = RuleFixture.employers
    static var contributions: String { RuleFixture.contributions }
    static let workforce = RuleFixture.workforce
    static let payments = RuleFixture.payments

    /// The fixture, imported into a fresh database.
    static func withFixture(_ body: (Connection) throws -> Void) throws {
        try TestDatabase.withConnection { connection in
            for (kind, csv) in [
                (ImportKind.employers, employers), (.minimumWages, RuleFixture.minimumWages),
                (.workforce, workforce), (.contributions, contributions), (.payments, payments),
            ] {
                let summary = try TemporaryFile.with(csv) {
                    try Importer(connection: connection).run(.init(kind: kind, path: $0))
                }
                #expect(summary.rowsRejected == 0, "\(kind): \(summary.firstRejections)")
            }
            try body(connection)
        }
    }

    static func findings(_ connection: Connection, run: Int) throws -> [String] {
        var out: [String] = []
        try Findings(connection: connection).stream(run: run) {
            out.append("\($0.category.code) \($0.npp)\($0.sourceRef) \($0.estimatedLoss)")
        }
        return out
    }

    @Test("every rule, exact to the rupiah, near misses left alone")
    func rules() throws {
        try Self.withFixture { connection in
            let summary = try AuditRunner(connection: connection).run(
                period: "2025-06", asOf: nil, parameters: AuditParameters())
            #expect(summary.asOf == "2025-07-16")
            let found = try Self.findings(connection, run: summary.runID)
            #expect(
                found == [
                    // JP missing for a large employer: c(12,000,000, {JP}) = 10,547,400 × 3 %.
                    "PDS_PROGRAM NOJP0010 316422",
                    // Group of two NPPs sharing an NPWP, on the lead (registered first): WLKP 10
                    // against 3 distinct NIKs, gap 7 × c(median 6,000,000) = 7 × 554,400.
                    "PDS_TK LEAD0001 3880800",
                    // Tax average 72,000,000 / 9 = 8,000,000 against 19,000,000 / 3 → 6,333,333:
                    // 3 × (739,200 − 585,200). The dotted 15-digit NPWP matched the 16-digit one.
                    "PDS_UPAH LEAD0001 462000",
                    // UMK 5,600,000 (not the UMP): one worker at 5,500,000, risk group II: 534,240 − 524,700.
                    "PDS_UPAH UMKCITY5 9540",
                    // Seen by OSS (NIB) and pemda (NIB and NPWP): one business, H 15 × c(UMP 5,396,761).
                    "PWBD npwp:0077777777777777 5051355",
                    // February (cap 10,042,300): 987,669 + 5 months' fine 98,767; March (cap
                    // 10,547,400): 1,002,822 + 4 months' fine 80,226.
                    "TUNGGAKAN ARREARS9 2169484",
                ], "\(found)")
            let reason = try connection.queryFirst(
                "select reason from periksa.findings where category = 'PDS_TK' and npp = 'LEAD0001'")?.decode(
                    String.self, at: 0)
            #expect(reason?.contains("WLKP mencatat 10 tenaga kerja, BPJS menerima laporan 3 (selisih 7)") == true)
            #expect(reason?.contains("grup NPWP yang sama: BRAN0002") == true)
            let evidence = try connection.queryFirst(
                "select evidence->'periods'->0->>'months_late', evidence->'periods'->1->>'fine' from periksa.findings where category = 'TUNGGAKAN'"
            )
            let (monthsLate, fine) = try #require(evidence).decode((String, String).self)
            #expect([monthsLate, fine] == ["5", "80226"])
            let notes = try connection.queryFirst(
                "select count(*) from periksa.run_notes where kind = 'record_without_identifier'")
            #expect(try notes?.decode(Int.self, at: 0) == 1)
        }
    }

    @Test("parameters are overridable and stored with the run; a run is immutable")
    func parameters() throws {
        try Self.withFixture { connection in
            var parameters = AuditParameters()
            try parameters.apply(["pds_tk.min_gap=8", "tunggakan.min_amount=3000000"])
            let summary = try AuditRunner(connection: connection).run(
                period: "2025-06", asOf: "2025-08-20", parameters: parameters)
            let found = try Self.findings(connection, run: summary.runID)
            #expect(!found.contains { $0.hasPrefix("PDS_TK") })
            #expect(!found.contains { $0.hasPrefix("TUNGGAKAN") })
            let stored = try connection.queryFirst(
                "select parameters->>'pds_tk.min_gap', as_of::text, status from periksa.runs where run_id = \(summary.runID)"
            )
            let (gap, asOf, status) = try #require(stored).decode((String, String, String).self)
            #expect([gap, asOf, status] == ["8", "2025-08-20", "finished"])
            #expect(throws: PostgresError.self) {
                try connection.execute(
                    "update periksa.findings set estimated_loss_idr = 0 where run_id = \(summary.runID)")
            }
            #expect(throws: AuditError.self) { try parameters.apply(["pds_tk.min_gap=two"]) }
            #expect(throws: AuditError.self) { try parameters.apply(["no.such=1"]) }
        }
    }

    @Test("the audit list: score × 1.5 with two categories, per branch, sized, recent inspections left out")
    func auditList() throws {
        try Self.withFixture { connection in
            let run = try AuditRunner(connection: connection).run(
                period: "2025-06", asOf: nil, parameters: AuditParameters()
            ).runID
            func list(_ branch: String?, _ capacity: Int) throws -> [String] {
                var out: [String] = []
                try AuditList(connection: connection).stream(run: run, branch: branch, capacity: capacity) {
                    out.append("\($0.branch) \($0.rank) \($0.npp) \($0.score)")
                }
                return out
            }
            // LEAD0001: (3,880,800 + 462,000) × 1.5 = 6,514,200.
            #expect(
                try list(nil, 10) == [
                    "JKT-A 1 LEAD0001 6514200", "JKT-A 2 ARREARS9 2169484", "JKT-A 3 NOJP0010 316422",
                    "JKT-B 1 UMKCITY5 9540",
                ])
            #expect(try list("JKT-A", 2) == ["JKT-A 1 LEAD0001 6514200", "JKT-A 2 ARREARS9 2169484"])
            // Inspected 76 days before as-of: left out; 227 days before: stays.
            let inspections = "npp,inspected_on,outcome\nLEAD0001,2025-05-01,patuh\nARREARS9,2024-12-01,tunggakan\n"
            let imported = try TemporaryFile.with(inspections) {
                try Importer(connection: connection).run(.init(kind: .inspections, path: $0))
            }
            #expect(imported.rowsLoaded == 2)
            #expect(try list("JKT-A", 2) == ["JKT-A 1 ARREARS9 2169484", "JKT-A 2 NOJP0010 316422"])
        }
    }

    @Test("the dossier: twelve months of workers, sources, due and paid, and the findings")
    func dossier() throws {
        try Self.withFixture { connection in
            let run = try AuditRunner(connection: connection).run(
                period: "2025-06", asOf: nil, parameters: AuditParameters()
            ).runID
            let arrears = try #require(try EmployerDossier.load(npp: "ARREARS9", run: run, connection: connection))
            #expect(
                arrears.months.map(\.period) == (7...12).map { "2024-\($0 < 10 ? "0" : "")\($0)" }
                    + (1...6).map { "2025-0\($0)" })
            let due = Dictionary(uniqueKeysWithValues: arrears.months.map { ($0.period, $0.due) })
            #expect(due["2025-02"] == 987_669)
            #expect(due["2025-03"] == 1_002_822)
            #expect(due["2025-04"] == 0)
            #expect(arrears.months.last?.paid == 1_002_822)
            #expect(arrears.months.last?.workers == 1)
            #expect(arrears.findings.map(\.category) == [.tunggakan])
            #expect(arrears.minimumWage == Decimal(5_396_761))

            let lead = try #require(try EmployerDossier.load(npp: "LEAD0001", run: run, connection: connection))
            #expect(lead.months.last?.sources == ["wlkp": 10, "pajak": 9])
            #expect(lead.months.last?.workers == 2)
            #expect(lead.findings.map(\.category) == [.pdsTK, .pdsUpah])
            #expect(lead.mandatory == ["JKK", "JKM", "JHT", "JP"])
            #expect(try EmployerDossier.load(npp: "NOBODY00", run: run, connection: connection) == nil)
        }
    }
}
