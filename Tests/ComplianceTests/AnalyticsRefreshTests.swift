import Compliance
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Refreshing the employer periods")
struct AnalyticsRefreshTests {
    /// Every row of the store, in one order, as text.
    static func store(_ connection: Connection) throws -> [String] {
        try connection.query(
            """
            select format('%s|%s|%s|%s|%s|%s|%s|%s|%s|%s', npp, period, workers, wages, wlkp, pajak, pemda, oss,
                          due, paid)
            from periksa.employer_periods_store order by npp, period
            """
        ).map { try $0.decode(String.self, at: 0) }
    }

    @Test("month by month, with progress, the store ends as after one full refresh; every month is reported")
    func monthByMonth() throws {
        try AuditRuleTests.withFixture { connection in
            _ = try AuditRunner(connection: connection).run(
                period: "2025-06", asOf: nil, parameters: AuditParameters())
            try Analytics.refresh(on: connection)
            let whole = try Self.store(connection)
            #expect(!whole.isEmpty)
            // A month whose data is gone: a stale row the month-by-month refresh must empty.
            try connection.execute(
                """
                insert into periksa.employer_periods_store
                select npp, '2019-01-01', branch_code, region_code, workers, wages, wlkp, pajak, pemda, oss,
                       null, null, paid, paid_by_due_date, null
                from periksa.employer_periods_store limit 1
                """)
            var reported: [(String, Int, Int)] = []
            try Analytics.refresh(on: connection) { reported.append(($0, $1, $2)) }
            #expect(try Self.store(connection) == whole)
            let months = Set(whole.map { $0.split(separator: "|")[1] }).map(String.init).sorted()
            #expect(reported.map(\.0).filter { $0 != "2019-01-01" } == months)
            #expect(reported.map(\.1) == Array(1...reported.count))
            #expect(reported.allSatisfy { $0.2 == reported.count })

            // Some months only: those are recomputed, the others left as they are.
            var some: [String] = []
            try Analytics.refresh(on: connection, months: [months[0]]) { month, _, _ in some.append(month) }
            #expect(some == [months[0]])
            #expect(try Self.store(connection) == whole)
        }
    }
}
