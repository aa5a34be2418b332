import Foundation
import Postgres
import SQLFiles

/// The coverage target a report measures regions against: a share of the working population,
/// and where it comes from.
public struct CoverageTarget: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// Given with `--target`.
        case given
        /// A national plan's target for the year: the plan (`RPJMN 2025–2029`, `RKP 2026`).
        case plan(String)
        /// No national target is known for the year: Periksa's default.
        case fallback
    }

    /// Percent, `32.15`.
    public var percent: Decimal
    public var source: Source
    /// The year of the period (the national targets are set per year).
    public var year: Int

    public init(percent: Decimal, source: Source, year: Int) {
        (self.percent, self.source, self.year) = (percent, source, year)
    }

    /// Periksa's target where no national one is known for the year: 70 %.
    public static let fallbackPercent = Decimal(70)

    /// The national targets for the share of workers who are participants of BPJS
    /// Ketenagakerjaan, per year, as the Ministry of Home Affairs (Ditjen Bina Pembangunan
    /// Daerah) stated them in May 2025: RPJMN 2025–2029 (Perpres 12/2025) 32.15 % in 2025 and
    /// 43.92 % in 2029, and the 2026 government work plan (RKP 2026) 34.99 %. Other years: none known.
    public static let national: [Int: (percent: Decimal, plan: String)] = [
        2025: (Decimal(string: "32.15")!, "RPJMN 2025–2029"), 2026: (Decimal(string: "34.99")!, "RKP 2026"),
        2029: (Decimal(string: "43.92")!, "RPJMN 2025–2029"),
    ]

    /// The target of `year`: the national one where known, else 70 %.
    public static func `default`(year: Int) -> CoverageTarget {
        guard let known = national[year] else {
            return CoverageTarget(percent: fallbackPercent, source: .fallback, year: year)
        }
        return CoverageTarget(percent: known.percent, source: .plan(known.plan), year: year)
    }
}

/// What the coverage report (*Laporan Cakupan Kepesertaan*) shows: coverage in the period and
/// a year earlier, the outreach list's counts (no person's data), and the reconciliation of
/// every list that funds someone in the period (docs/coverage.md).
public struct CoverageReportData: Sendable {
    /// How many people of the outreach list, and how many of them a list funds for the period.
    public struct Count: Sendable, Equatable {
        public var people = 0
        public var funded = 0

        public init(people: Int = 0, funded: Int = 0) { (self.people, self.funded) = (people, funded) }
    }

    /// The outreach list counted by region, district and category: only the counts are kept.
    public struct OutreachCounts: Sendable, Equatable {
        public var total = Count()
        public var regions: [String: Count] = [:]
        public var districts: [String: Count] = [:]
        /// A person on lists of several categories counts in each.
        public var categories: [String: Count] = [:]

        public init() {}

        public mutating func add(_ row: OutreachRow) {
            add(region: row.region, district: row.district, categories: row.categories, funded: row.funded, people: 1)
        }

        /// `people` of the outreach list with these region, district, categories and funding.
        public mutating func add(region: String, district: String, categories list: String, funded: Bool, people: Int) {
            func bump(_ count: inout Count) {
                count.people += people
                if funded { count.funded += people }
            }
            bump(&total)
            bump(&regions[region, default: Count()])
            bump(&districts[district, default: Count()])
            for category in list.split(separator: "|") {
                bump(&categories[String(category), default: Count()])
            }
        }
    }

    /// `YYYY-MM`.
    public var period: String
    public var basis: CoverageBasis
    public var region: String?
    public var target: CoverageTarget
    public var current: [CoverageRow]
    /// The same period a year earlier.
    public var yearEarlier: [CoverageRow]
    public var outreach: OutreachCounts
    public var reconciliations: [Reconciliation]
    /// Names of the provinces and regencies/cities, for the page.
    public var names: RegionNames

    public init(
        period: String, basis: CoverageBasis, region: String?, target: CoverageTarget, current: [CoverageRow],
        yearEarlier: [CoverageRow], outreach: OutreachCounts, reconciliations: [Reconciliation],
        names: RegionNames
    ) {
        (self.period, self.basis, self.region, self.target) = (period, basis, region, target)
        (self.current, self.yearEarlier, self.outreach) = (current, yearEarlier, outreach)
        (self.reconciliations, self.names) = (reconciliations, names)
    }

    /// `YYYY-MM` twelve months before `period`.
    public static func yearBefore(_ period: String) -> String {
        "\(String(format: "%04d", (Int(period.prefix(4)) ?? 0) - 1))-\(period.suffix(2))"
    }

    /// Reads the report's figures: coverage in the period and a year earlier with the
    /// `Coverage` API; the funded lists of the period by SQL/queries/coverage_funded_lists.sql
    /// (of the local governments of `region` when given); the outreach counts and those lists'
    /// reconciliations by SQL/queries/coverage_report_lists.sql, which passes over the month's
    /// wage rows once for both. With `connect`, the coverage a year earlier and the lists are
    /// read on two more connections while the month's coverage is read on `connection`: each
    /// takes about as long, and they run at once.
    /// `target` nil: the national target of the period's year, else 70 %.
    public static func load(
        period: String, basis: CoverageBasis, region: String?, target: Decimal?, connection: Connection,
        connect: (@Sendable () throws -> Connection)? = nil
    ) throws -> CoverageReportData {
        try Coverage.checkRegion(region)
        let (year, month) = try AuditRunner.parsePeriod(period)
        let text = String(format: "%04d-%02d", year, month)
        let day = FieldRules.firstDay((year, month))
        let earlierOf = { @Sendable (connection: Connection) in
            try Coverage(connection: connection).coverage(period: yearBefore(text), basis: basis, region: region)
        }
        let currentOf = { (connection: Connection) in
            (
                try Coverage(connection: connection).coverage(period: text, basis: basis, region: region),
                try RegionNames.load(on: connection)
            )
        }
        let listsOf = { @Sendable (connection: Connection) in
            let lists = try connection.query(
                PostgresQuery(
                    unsafeSQL: SQLFiles.text(of: "coverage_funded_lists.sql", in: "queries"), binds: [day, region])
            ).map { try $0.decode(String.self, at: 0) }
            return try readLists(lists, day: day, period: text, region: region, connection: connection)
        }
        let (current, earlier, names): ([CoverageRow], [CoverageRow], RegionNames)
        let (outreach, reconciliations): (OutreachCounts, [Reconciliation])
        if let connect {
            // Three connections: the month, the month a year earlier and the lists, each a pass
            // over a month's wage rows, at once.
            ((current, names, earlier), (outreach, reconciliations)) = try concurrently(
                {
                    let ((current, names), earlier) = try concurrently(
                        { try currentOf(connection) }, side: earlierOf, connect: connect)
                    return (current, names, earlier)
                }, side: listsOf, connect: connect)
        } else {
            (current, names) = try currentOf(connection)
            earlier = try earlierOf(connection)
            (outreach, reconciliations) = try listsOf(connection)
        }
        return CoverageReportData(
            period: text, basis: basis, region: region,
            target: target.map { CoverageTarget(percent: $0, source: .given, year: year) } ?? .default(year: year),
            current: current, yearEarlier: earlier, outreach: outreach, reconciliations: reconciliations,
            names: names)
    }

    /// The outreach counts (of `region`) and the reconciliations of `lists` in the month starting
    /// `day`, by SQL/queries/coverage_report_lists.sql.
    static func readLists(
        _ lists: [String], day: String, period: String, region: String?, connection: Connection
    ) throws -> (OutreachCounts, [Reconciliation]) {
        var outreach = OutreachCounts()
        var reconciliations: [Reconciliation] = []
        try connection.stream(
            PostgresQuery(
                unsafeSQL: SQLFiles.text(of: "coverage_report_lists.sql", in: "queries"), binds: [day, lists, region])
        ) { row in
            if try row.decode(String.self, at: 0) == "outreach" {
                let (regionCode, district, categories, funded, people) = try (
                    row.decode(String.self, at: 3), row.decode(String.self, at: 4), row.decode(String.self, at: 5),
                    row.decode(Bool.self, at: 6), row.decode(Int.self, at: 7)
                )
                outreach.add(
                    region: regionCode, district: district, categories: categories, funded: funded, people: people)
                return
            }
            let (list, pemda, expected, budget) = try (
                row.decode(String.self, at: 1), row.decode(String.self, at: 2), row.decode(Int.self, at: 8),
                row.decode(Decimal.self, at: 9)
            )
            let (enrolled, missing, alreadyPU, notListed, paid) = try (
                row.decode(Int.self, at: 10), row.decode(Int.self, at: 11), row.decode(Int.self, at: 12),
                row.decode(Int.self, at: 13), row.decode(Decimal.self, at: 14)
            )
            reconciliations.append(
                Reconciliation(
                    listCode: list, pemdaCode: pemda, period: period, expected: expected,
                    counts: [.enrolled: enrolled, .missing: missing, .alreadyPU: alreadyPU, .paidNotListed: notListed],
                    budget: budget, paid: paid))
        }
        return (outreach, reconciliations)
    }
}
