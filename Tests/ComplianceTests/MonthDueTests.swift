import Compliance
import Foundation
import Postgres
import TestSupport
import Testing

/// The contributions due that the import keeps per employer and month
/// (periksa.employer_month_due): what the arrears rule prices every month with, whatever
/// changed in the registry or the reference data after the months were imported.
@Suite("Contributions due per employer and month")
struct MonthDueTests {
    /// The arrears of ARREARS9 in the fixture's audit of 2025-06: each month that counts, with
    /// its due and outstanding.
    static func arrears(_ connection: Connection) throws -> [String] {
        let summary = try AuditRunner(connection: connection).run(
            period: "2025-06", asOf: nil, parameters: AuditParameters())
        return try connection.query(
            """
            select p->>'period', p->>'due', p->>'outstanding'
            from periksa.findings f, jsonb_array_elements(f.evidence->'periods') p
            where f.run_id = \(summary.runID) and f.category = 'TUNGGAKAN' and f.npp = 'ARREARS9'
            order by 1
            """
        ).map { row in
            let (period, due, outstanding) = try row.decode((String, String, String).self)
            return "\(period) \(due) \(outstanding)"
        }
    }

    /// Every row of periksa.employer_month_due, in order.
    static func sums(_ connection: Connection) throws -> [String] {
        try connection.query(
            """
            select concat_ws(' ', npp, period, workers, wages, jkk1, jkk2, jkk3, jkk4, jkk5, jkm, jht, jp)
            from periksa.employer_month_due order by period, npp
            """
        ).map { try $0.decode(String.self, at: 0) }
    }

    @Test("the import's sums equal those recomputed from the wage rows in SQL, to the rupiah")
    func importedSumsEqualSQL() throws {
        try AuditRuleTests.withFixture { connection in
            let imported = try Self.sums(connection)
            #expect(imported.count == 11)  // nine employers in June, ARREARS9 in February and March
            // ARREARS9, 2025-02: 11,000,000 once; JKK I–V 26,400 59,400 97,900 139,700 191,400,
            // JKM 33,000, JHT 627,000, JP on the cap of February 10,042,300: 301,269.
            #expect(
                imported.contains(
                    "ARREARS9 2025-02-01 1 11000000.00 26400 59400 97900 139700 191400 33000 627000 301269"))
            for month in ["2025-02-01", "2025-03-01", "2025-06-01"] {
                try connection.execute("select periksa.compute_month_due(\(month)::date)")
            }
            #expect(try Self.sums(connection) == imported)
        }
    }

    @Test("an employer-period that comes back later in a file gets one row of sums, both stretches added up")
    func unitComesBack() throws {
        try TestDatabase.withConnection { connection in
            let employers = """
                npp,name,npwp,nib,kbli,scale,risk_group,region_code,branch_code,programs,registered_on,status
                AAAA0001,PT Satu,,,47111,kecil,1,3171,JKT-A,JKK|JKM|JHT,2020-01-01,aktif
                BBBB0002,PT Dua,,,47111,kecil,1,3171,JKT-A,JKK|JKM|JHT,2020-01-01,aktif

                """
            let contributions = """
                npp,period,kpj,nik,name,wage
                AAAA0001,2025-06,10000000001,3171014101900001,A,5000000
                BBBB0002,2025-06,10000000002,3171014101900002,B,6000000
                AAAA0001,2025-06,10000000003,3171014101900003,C,7000000.50

                """
            for (kind, csv) in [(ImportKind.employers, employers), (.contributions, contributions)] {
                let summary = try TemporaryFile.with(csv) {
                    try Importer(connection: connection).run(.init(kind: kind, path: $0))
                }
                #expect(summary.rowsRejected == 0)
            }
            let imported = try Self.sums(connection)
            // AAAA0001: two workers, 12,000,000.50; JKK I 12,000 + 16,800 = 28,800.
            #expect(imported.first?.hasPrefix("AAAA0001 2025-06-01 2 12000000.50 28800 ") == true, "\(imported)")
            #expect(imported.count == 2)
            try connection.execute("select periksa.compute_month_due('2025-06-01')")
            #expect(try Self.sums(connection) == imported)
        }
    }

    @Test("an employer's programmes and risk group changed after its months were imported price every month anew")
    func registryChange() throws {
        try AuditRuleTests.withFixture { connection in
            // Before: risk group I with JP. February 987,669 and March 1,002,822 unpaid; June
            // paid in full (1,002,822).
            #expect(
                try Self.arrears(connection) == [
                    "2025-02 987669 987669", "2025-03 1002822 1002822",
                ])
            let computedAt = try connection.query(
                "select period::text || computed_at::text from periksa.due_months order by 1"
            )
            .map { try $0.decode(String.self, at: 0) }
            // The registry now says risk group II and no JP (a later employers file).
            let updated = AuditRuleTests.employers.replacingOccurrences(
                of: "ARREARS9,PT Menunggak,,,47111,menengah,1,3171,JKT-A,JKK|JKM|JHT|JP",
                with: "ARREARS9,PT Menunggak,,,47111,menengah,2,3171,JKT-A,JKK|JKM|JHT")
            #expect(updated != AuditRuleTests.employers)
            _ = try TemporaryFile.with(updated) {
                try Importer(connection: connection).run(.init(kind: .employers, path: $0))
            }
            // After: 59,400 + 33,000 + 627,000 = 719,400 every month; June's payment of
            // 1,002,822 now covers it.
            #expect(
                try Self.arrears(connection) == [
                    "2025-02 719400 719400", "2025-03 719400 719400",
                ])
            // No month needed recomputing: the sums hold every risk group and programme.
            #expect(
                try connection.query("select period::text || computed_at::text from periksa.due_months order by 1")
                    .map { try $0.decode(String.self, at: 0) } == computedAt)
        }
    }

    @Test("a rate changed in the reference data after the import: the audit recomputes the months it applies to")
    func rateChange() throws {
        try AuditRuleTests.withFixture { connection in
            // JHT at 6 % from 1 March 2025 (a decree after the import).
            try connection.execute(
                """
                insert into periksa.programme_rates (programme, risk_group, effective_from, rate, legal_basis)
                values ('JHT', null, '2025-03-01', 0.060000, 'test')
                """)
            // February unchanged (987,669); March 26,400 + 33,000 + 660,000 + 316,422 = 1,035,822;
            // June the same, of which 1,002,822 paid: 33,000 outstanding.
            let found = try Self.arrears(connection)
            #expect(
                found == ["2025-02 987669 987669", "2025-03 1035822 1035822", "2025-06 1035822 33000.00"], "\(found)")
            #expect(
                try connection.query("select period::text || ' ' || jht from periksa.due_months order by period")
                    .map { try $0.decode(String.self, at: 0) } == [
                        "2025-02-01 57000", "2025-03-01 60000", "2025-06-01 60000",
                    ])
        }
    }

    @Test("wage rows written other than by the import make their month recomputed")
    func rowsChangedBySQL() throws {
        try AuditRuleTests.withFixture { connection in
            try connection.execute(
                "delete from periksa.contributions where npp = 'ARREARS9' and period = '2025-02-01'")
            #expect(
                try connection.queryFirst("select count(*) from periksa.due_months where period = '2025-02-01'")?
                    .decode(Int.self, at: 0) == 0)
            #expect(try Self.arrears(connection) == ["2025-03 1002822 1002822"])
            #expect(
                try connection.queryFirst(
                    "select count(*) from periksa.employer_month_due where period = '2025-02-01'")?
                    .decode(Int.self, at: 0) == 0)
        }
    }
}
