import Compliance
import Foundation
import Postgres
import TestSupport
import Testing

/// Coverage, outreach and reconciliation (docs/coverage.md) on a fixture worked by hand, for
/// June 2025. Wage earners (PU): A, B at COV00001 (region 3171); X at COV00001 (3,000,000) and
/// COV00002 (region 3273, 8,000,000: its highest wage); C at COV00002; D at COV00003 (region
/// 3201); Y at COV00001 and COV00003 with the same wage (the smaller NPP counts). BPU: Z
/// (mandiri), W (domicile 3273), V (paid by 3171, on no list of it), A (also PU: counts as PU),
/// E (paid by 3171, on its list).
@Suite("Coverage, outreach and reconciliation on a hand-worked fixture")
struct CoverageTests {
    static let nik = (
        a: "3171014101900001", b: "3171014101900002", c: "3171014101900003", d: "3172014101900004",
        x: "3273014101900001", y: "3275014101900002", z: "3171014101900005", w: "3171014101900006",
        v: "3302014101900007", e: "3171014101900015", m1: "3171014101900010", m2: "3171014101900011",
        m3: "3172014101900012", m4: "3171014101900014"
    )

    static var files: [(ImportKind, String)] {
        let n = nik
        return [
            (
                .employers,
                """
                npp,name,kbli,scale,risk_group,region_code,branch_code,programs,registered_on
                COV00001,PT Satu,47111,kecil,1,3171,JKT-A,JKK|JKM|JHT,2020-01-01
                COV00002,PT Dua,47111,kecil,1,3273,BDG-A,JKK|JKM|JHT,2020-01-01
                COV00003,PT Tiga,47111,kecil,1,3201,BGR-A,JKK|JKM|JHT,2020-01-01

                """
            ),
            (
                .contributions,
                """
                npp,period,kpj,nik,name,wage
                COV00001,2025-06,10000000001,\(n.a),Ani,5000000
                COV00001,2025-06,10000000002,\(n.b),Budi,4000000
                COV00001,2025-06,10000000003,\(n.x),Xena,3000000
                COV00001,2025-06,10000000004,\(n.y),Yani,5000000
                COV00002,2025-06,10000000005,\(n.x),Xena,8000000
                COV00002,2025-06,10000000006,\(n.c),Cici,5000000
                COV00003,2025-06,10000000007,\(n.d),Dedi,6000000
                COV00003,2025-06,10000000008,\(n.y),Yani,5000000

                """
            ),
            (
                .bpuContributions,
                """
                kpj,nik,name,period,declared_income,programs,amount,paid_on,funded_by,domicile_region
                20000000001,\(n.z),Zaki,2025-06,1000000,JKK|JKM,16800,2025-06-10,mandiri,
                20000000002,\(n.w),Wati,2025-06,1500000,JKK|JKM|JHT,51800,2025-06-10,mandiri,3273
                20000000003,\(n.v),Vino,2025-06,1000000,JKK|JKM,16800,2025-06-10,3171,
                20000000004,\(n.a),Ani,2025-06,1000000,JKK|JKM,16800,2025-06-10,mandiri,
                20000000005,\(n.e),Eka,2025-06,2000000,JKK|JKM,26800,2025-06-10,3171,
                20000000006,\(n.z),Zaki,2025-05,1000000,JKK|JKM,16800,2025-05-10,mandiri,

                """
            ),
            (
                .labourForce,
                """
                region_code,year,workers,wage_workers,non_wage_workers,source
                31,2024,1000,800,200,BPS Sakernas Agustus 2024
                3171,2023,500,,,BPS
                3171,2025,400,,,BPS
                3273,2020,800,,,BPS
                3273,2026,10,,,BPS

                """
            ),
            (
                .workerLists,
                """
                list_code,pemda_code,nik,name,region_code,category,funded,funded_from,funded_to,declared_income
                SK-JKT-1,31,\(n.a),Ani,3171,rentan,ya,2025-01,2025-12,
                SK-JKT-1,31,\(n.m1),Mira,3171,rentan,ya,2025-01,2025-12,
                SK-JKT-1,31,\(n.m2),Mona,3171,informal,tidak,,,
                SK-PUSAT-2,3171,\(n.m1),Mira,3172,keagamaan,ya,2025-07,2025-12,
                SK-PUSAT-2,3171,\(n.z),Zaki,3171,rentan,ya,2025-01,2025-12,
                SK-PUSAT-2,3171,\(n.m3),,3172,non_asn,yes,2025-01,2025-12,
                SK-PUSAT-2,3171,\(n.b),Budi,3171,rentan,ya,2025-01,2025-12,
                SK-PUSAT-2,3171,\(n.e),Eka,3171,rentan,ya,2025-06,2025-06,2000000
                SK-PUSAT-2,3171,\(n.m4),Maya,3171,rentan,ya,2025-01,2025-12,

                """
            ),
        ]
    }

    static func withFixture(_ body: (Connection) throws -> Void) throws {
        try TestDatabase.withConnection { connection in
            for (kind, csv) in files {
                let summary = try TemporaryFile.with(csv) {
                    try Importer(connection: connection).run(.init(kind: kind, path: $0))
                }
                #expect(summary.rowsRejected == 0, "\(kind): \(summary.firstRejections)")
            }
            // The revised decree of SK-PUSAT-2: Maya is no longer on it.
            let revised =
                files[4].1.split(separator: "\n").filter { !$0.contains(nik.m4) && !$0.hasPrefix("SK-JKT-1") }
                .joined(separator: "\n") + "\n"
            let summary = try TemporaryFile.with(revised) {
                try Importer(connection: connection).run(.init(kind: .workerLists, path: $0))
            }
            #expect(summary.rowsLoaded == 5 && summary.rowsRejected == 0)
            try body(connection)
        }
    }

    static func table(_ rows: [CoverageRow]) -> [String] {
        rows.map {
            "\($0.region) \($0.participants)=\($0.pu)+\($0.bpu) \($0.workers.map(String.init) ?? "-")/\($0.labourForceYear.map(String.init) ?? "-") \($0.coveragePct ?? "-")"
        }
    }

    @Test("both counting bases, provinces, the latest labour-force year, halves rounded away from zero")
    func coverage() throws {
        try Self.withFixture { connection in
            let coverage = Coverage(connection: connection)
            // By NIK: 3171 has A, B, C (PU) and Z, W, E (BPU; A's BPU row counts as PU); 3172 D;
            // 3273 X; 3275 Y; 3302 V. Province 31: 3171 + 3172.
            // 3171: 6 / 400 (the 2025 row, not 2023) = 1.50 %; 3273: 1 / 800 (2020; the 2026
            // row is later than June 2025) = 0.125 → 0.13; 31: 7 / 1,000 (2024) = 0.70.
            #expect(
                Self.table(try coverage.coverage(period: "2025-06", basis: .nik, region: nil)) == [
                    "31 7=4+3 1000/2024 0.70", "3171 6=3+3 400/2025 1.50", "3172 1=1+0 -/- -",
                    "32 2=2+0 -/- -", "3273 1=1+0 800/2020 0.13", "3275 1=1+0 -/- -", "33 1=0+1 -/- -",
                    "3302 1=0+1 -/- -",
                ])
            let province = try #require(try coverage.coverage(period: "2025-06", basis: .nik, region: "31").first)
            // PU 4 / 800 wage workers, BPU 3 / 200 non-wage workers.
            #expect(province.puCoveragePct == "0.50" && province.bpuCoveragePct == "1.50")
            #expect(province.label == "DKI Jakarta (31)")
            // By employer: X at COV00002 (3273, its highest wage), Y at COV00001 (a tie: the smaller
            // NPP), D at COV00003 (3201); W by its domicile 3273, Z, E and V by their NIK.
            // 3273: 3 / 800 = 0.375 → 0.38.
            #expect(
                Self.table(try coverage.coverage(period: "2025-06", basis: .employer, region: nil)) == [
                    "31 5=3+2 1000/2024 0.50", "3171 5=3+2 400/2025 1.25", "32 4=3+1 -/- -", "3201 1=1+0 -/- -",
                    "3273 3=2+1 800/2020 0.38", "33 1=0+1 -/- -", "3302 1=0+1 -/- -",
                ])
            #expect(
                Self.table(try coverage.coverage(period: "2025-06", basis: .employer, region: "3273")) == [
                    "3273 3=2+1 800/2020 0.38"
                ])
            // A period with no participants still lists the regions with a labour-force row.
            #expect(
                Self.table(try coverage.coverage(period: "2024-06", basis: .nik, region: nil)) == [
                    "31 0=0+0 1000/2024 0.00", "3171 0=0+0 500/2023 0.00", "3273 0=0+0 800/2020 0.00",
                ])
            #expect(throws: CoverageError.badRegion("317")) {
                try coverage.coverage(period: "2025-06", basis: .nik, region: "317")
            }
        }
    }

    @Test("the outreach list: people on a list who are not participants, once each, first list row's region")
    func outreach() throws {
        try Self.withFixture { connection in
            var rows: [OutreachRow] = []
            try Coverage(connection: connection).outreach(period: "2025-06", region: nil, list: nil) { rows.append($0) }
            // A (PU), B (PU), Z and E (BPU) are covered; Maya left the revised list.
            #expect(
                rows.map {
                    "\($0.nik) \($0.name ?? "-") \($0.region) \($0.district) \($0.lists) \($0.categories) \($0.funded)"
                }
                    == [
                        "\(Self.nik.m1) Mira 3171 317101 SK-JKT-1|SK-PUSAT-2 keagamaan|rentan true",
                        "\(Self.nik.m2) Mona 3171 317101 SK-JKT-1 informal false",
                        "\(Self.nik.m3) - 3172 317201 SK-PUSAT-2 non_asn true",
                    ])
            var july: [OutreachRow] = []
            try Coverage(connection: connection).outreach(period: "2025-07", region: "3172", list: "SK-PUSAT-2") {
                july.append($0)
            }
            // In July nobody is a participant; of SK-PUSAT-2's people, only M3's first row is in 3172.
            #expect(july.map(\.nik) == [Self.nik.m3])
            // A second revision of SK-PUSAT-2 drops M1 (still on SK-JKT-1) and M3 (on no other
            // list) and names Zaki's row otherwise: each person's entry follows the lists.
            let second = """
                list_code,pemda_code,nik,name,region_code,category,funded,funded_from,funded_to,declared_income
                SK-PUSAT-2,3171,\(Self.nik.z),Zaki,3171,rentan,ya,2025-01,2025-12,
                SK-PUSAT-2,3171,\(Self.nik.b),Budi,3171,rentan,ya,2025-01,2025-12,
                SK-PUSAT-2,3171,\(Self.nik.m2),Mona Lisa,3172,keagamaan,ya,2025-01,2025-12,

                """
            let summary = try TemporaryFile.with(second) {
                try Importer(connection: connection).run(.init(kind: .workerLists, path: $0))
            }
            #expect(summary.rowsLoaded == 3 && summary.rowsRejected == 0)
            // The outreach list reads the people's entries; the flags of every list row say the
            // same: the first row of each person to be reached, in June and in July.
            for month in ["2025-06-01", "2025-07-01"] {
                let differences = try connection.queryFirst(
                    """
                    with rows as (
                        select l.nik, l.person_name, l.region_code, left(l.nik, 6), l.person_lists,
                               l.person_categories, l.person_funded, l.person_list_codes
                        from periksa.list_people(\(month)::date) l where l.outreach and l.person_first
                    ), entries as (select * from periksa.outreach_rows(\(month)::date))
                    select (select count(*) from (select * from rows except all select * from entries) x)
                         + (select count(*) from (select * from entries except all select * from rows) x),
                           (select count(*) from entries)
                    """)!.decode((Int, Int).self)
                #expect(differences.0 == 0 && differences.1 >= 2, "\(month): \(differences)")
            }
            var after: [OutreachRow] = []
            try Coverage(connection: connection).outreach(period: "2025-06", region: nil, list: nil) {
                after.append($0)
            }
            // Mona is now on both lists: her first row is still SK-JKT-1's (region 3171, her name
            // there), and SK-PUSAT-2 funds her.
            #expect(
                after.map {
                    "\($0.nik) \($0.name ?? "-") \($0.region) \($0.lists) \($0.categories) \($0.funded)"
                }
                    == [
                        "\(Self.nik.m1) Mira 3171 SK-JKT-1 rentan true",
                        "\(Self.nik.m2) Mona 3171 SK-JKT-1|SK-PUSAT-2 informal|keagamaan true",
                    ])
        }
    }

    @Test("reconciling a funded list: missing, already PU, paid but not listed, enrolled, and the money")
    func reconcile() throws {
        try Self.withFixture { connection in
            let result = try Coverage(connection: connection).reconcile(list: "SK-PUSAT-2", period: "2025-06")
            #expect(result.pemdaCode == "3171" && result.period == "2025-06")
            #expect(
                result.rows.map {
                    "\($0.status.rawValue) \($0.nik) \($0.declaredIncome) \($0.package) \($0.amount.map { "\($0)" } ?? "-")"
                }
                    == [
                        // Z paid for herself: the list's money did not reach her.
                        "missing \(Self.nik.z) 1000000 16800 -", "missing \(Self.nik.m3) 1000000 16800 -",
                        "already_pu \(Self.nik.b) 1000000 16800 -", "paid_not_listed \(Self.nik.v) 1000000 16800 16800",
                        // 2,000,000 × 1 % + 6,800.
                        "enrolled \(Self.nik.e) 2000000 26800 26800",
                    ])
            // M1 is funded from July only. Budget 3 × 16,800 + 26,800; paid 26,800.
            #expect(result.expected == 4 && result.count(.missing) == 2 && result.count(.enrolled) == 1)
            #expect(result.budget == 77_200 && result.paid == 26_800 && result.difference == 50_400)
            // The report's summary, added up by the server, says the same.
            let summary = try #require(
                try Coverage(connection: connection).reconcileSummary(
                    lists: ["SK-JKT-1", "SK-PUSAT-2"], period: "2025-06"
                )
                .last)
            #expect(summary.listCode == "SK-PUSAT-2" && summary.rows.isEmpty)
            // And for the province's list: A already PU, M1 missing, nothing paid by 31.
            let province = try Coverage(connection: connection).reconcile(list: "SK-JKT-1", period: "2025-06")
            let provinceSummary = try #require(
                try Coverage(connection: connection).reconcileSummary(lists: ["SK-JKT-1"], period: "2025-06").first)
            #expect(province.expected == 2 && province.count(.alreadyPU) == 1 && province.count(.missing) == 1)
            #expect(
                [provinceSummary.expected, provinceSummary.count(.alreadyPU), provinceSummary.count(.missing)] == [
                    2, 1, 1,
                ]
                    && provinceSummary.budget == province.budget && provinceSummary.paid == 0)
            #expect(summary.expected == 4 && summary.budget == 77_200 && summary.paid == 26_800)
            #expect(
                Reconciliation.Status.allCases.map(summary.count) == Reconciliation.Status.allCases.map(result.count))
            // The already-PU are named with the employer that owes their contributions: B's is
            // PT Satu; nobody else's row names one.
            #expect(
                result.rows.map { $0.employer?.npp ?? "-" } == ["-", "-", "COV00001", "-", "-"]
                    && result.rows[2].employer?.name == "PT Satu")
            // The employer of the highest wage in the month: X earns 8,000,000 at COV00002 and
            // 3,000,000 at COV00001; Y earns 5,000,000 at both (the smaller NPP).
            let list = """
                list_code,pemda_code,nik,name,region_code,category,funded,funded_from,funded_to,declared_income
                SK-JKT-9,31,\(Self.nik.a),Ani,3171,rentan,ya,2025-01,2025-12,
                SK-JKT-9,31,\(Self.nik.x),Xena,3273,rentan,ya,2025-01,2025-12,
                SK-JKT-9,31,\(Self.nik.y),Yani,3275,rentan,ya,2025-01,2025-12,

                """
            _ = try TemporaryFile.with(list) {
                try Importer(connection: connection).run(.init(kind: .workerLists, path: $0))
            }
            let named = try Coverage(connection: connection).reconcile(list: "SK-JKT-9", period: "2025-06")
            #expect(
                named.rows.map { "\($0.status.rawValue) \($0.nik) \($0.employer?.npp ?? "-")" } == [
                    "already_pu \(Self.nik.a) COV00001", "already_pu \(Self.nik.x) COV00002",
                    "already_pu \(Self.nik.y) COV00001",
                ])
            #expect(throws: CoverageError.listFundsNobody(list: "SK-PUSAT-2", period: "2026-01")) {
                try Coverage(connection: connection).reconcile(list: "SK-PUSAT-2", period: "2026-01")
            }
            #expect(throws: CoverageError.unknownList("SK-NONE")) {
                try Coverage(connection: connection).reconcile(list: "SK-NONE", period: "2025-06")
            }
        }
    }

    @Test("bad input in every new column is rejected with its rule; personal data stays masked")
    func badInput() throws {
        try TestDatabase.withConnection { connection in
            func rules(_ kind: ImportKind, _ csv: String) throws -> [[String]] {
                let summary = try TemporaryFile.with(csv) {
                    try Importer(connection: connection).run(.init(kind: kind, path: $0))
                }
                return try connection.query(
                    "select reasons::text from periksa.import_rejections where import_id = \(summary.importID) order by line_number"
                ).map { row in
                    let json = try row.decode(String.self, at: 0)
                    let reasons = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]] ?? []
                    #expect(!json.contains("3171014101900001"), "a NIK in a message: \(json)")
                    return reasons.compactMap { $0["rule"] as? String }
                }
            }
            let nik = "3171014101900001"
            var found: [[String]]
            found = try rules(
                .bpuContributions,
                """
                kpj,nik,name,period,declared_income,programs,amount,paid_on,funded_by,domicile_region
                1234,\(nik),A,2025-01,1000000,JKK|JKM,16800,2025-01-10,mandiri,
                20000000001,317101410190000,A,2025-13,0,JKK|JKM,16800,2025-06-10,mandiri,
                20000000001,\(nik),A,2025-02,1000000,JKK,16800,2025-02-10,mandiri,
                20000000001,\(nik),A,2025-03,1000000,JKK|JKM|JP,-5,2025-02-30,jakarta,31710
                20000000002,\(nik),A,2025-05,1000000,JKK|JKM,16800,2025-05-10,3171,
                20000000003,\(nik),A,2025-05,1000000,JKK|JKM,16800,2025-05-11,31,

                """)
            #expect(
                found == [
                    ["kpj_format"], ["nik_length", "period_format", "money_positive"], ["programs_bpu_required"],
                    [
                        "programs_bpu", "money_negative", "date_format", "funded_by_format",
                        "domicile_region_format",
                    ],
                    ["bpu_duplicate"], ["bpu_duplicate"],
                ])
            found = try rules(
                .workerLists,
                """
                list_code,pemda_code,nik,name,region_code,category,funded,funded_from,funded_to,declared_income
                ,317,\(nik),A,31,miskin,mungkin,,,
                L1,3171,\(nik),A,3171,rentan,ya,,2025-12,
                L1,3171,3171014101900002,B,3171,rentan,ya,2025-12,2025-01,0
                L2,31,3171014101900003,C,3171,rentan,tidak,2025-13,,
                L2,31,3171014101900004,D,3171,lainnya,no,,,
                L2,31,3171014101900004,D,3171,lainnya,no,,,

                """)
            #expect(
                found == [
                    ["required", "region_code_format", "region_code_format", "category_unknown", "funded_answer"],
                    ["required"], ["funded_window", "money_positive"], ["period_format"], ["worker_list_duplicate"],
                    ["worker_list_duplicate"],
                ])
            found = try rules(
                .labourForce,
                """
                region_code,year,workers,wage_workers,non_wage_workers,source
                317,1999,-1,x,,
                31,2025,10,,,
                31,2025,11,,,

                """)
            #expect(
                found == [
                    ["region_code_format", "number_range", "whole_number", "whole_number"],
                    ["labour_force_duplicate"],
                    ["labour_force_duplicate"],
                ])
        }
    }
}
