import Foundation
import Postgres
import SQLFiles

/// A reporting period: a month (`2025-12`), a quarter (`2024Q2`) or a year (`2024`).
public struct ReportPeriod: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case month, quarter, year }

    public var kind: Kind
    public var year: Int
    /// The month (1–12), the quarter (1–4), or 1 for a year.
    public var number: Int

    public init(kind: Kind, year: Int, number: Int) { (self.kind, self.year, self.number) = (kind, year, number) }

    /// From `--period YYYY-MM`, `--quarter YYYYQn` or `--year YYYY` (exactly one).
    public static func parse(period: String?, quarter: String?, year: String?) throws -> ReportPeriod {
        switch (period, quarter, year) {
        case (let period?, nil, nil):
            let (y, m) = try AuditRunner.parsePeriod(period)
            return ReportPeriod(kind: .month, year: y, number: m)
        case (nil, let quarter?, nil):
            let parts = quarter.uppercased().split(separator: "Q")
            guard quarter.count == 6, parts.count == 2, let y = Int(parts[0]), let q = Int(parts[1]),
                (1...4).contains(q)
            else { throw AuditError.badReportPeriod(quarter) }
            return ReportPeriod(kind: .quarter, year: y, number: q)
        case (nil, nil, let year?):
            guard year.count == 4, let y = Int(year) else { throw AuditError.badReportPeriod(year) }
            return ReportPeriod(kind: .year, year: y, number: 1)
        default: throw AuditError.badReportPeriod("")
        }
    }

    /// The months it covers, as year*12 + month − 1.
    public var months: ClosedRange<Int> {
        switch kind {
        case .month: (year * 12 + number - 1)...(year * 12 + number - 1)
        case .quarter: (year * 12 + (number - 1) * 3)...(year * 12 + (number - 1) * 3 + 2)
        case .year: (year * 12)...(year * 12 + 11)
        }
    }

    /// The period before this one, of the same kind.
    public var previous: ReportPeriod { shifted(by: -1) }

    public func shifted(by steps: Int) -> ReportPeriod {
        let perYear = kind == .month ? 12 : kind == .quarter ? 4 : 1
        let index = year * perYear + (number - 1) + steps
        return ReportPeriod(kind: kind, year: index / perYear, number: index % perYear + 1)
    }

    /// `2025-12`, `2024Q2`, `2024`.
    public var text: String {
        switch kind {
        case .month: String(format: "%04d-%02d", year, number)
        case .quarter: "\(year)Q\(number)"
        case .year: String(year)
        }
    }
}

/// What the compliance report shows, read from the runs' per-employer figures and their
/// findings by aggregate queries (SQL/queries/compliance_*.sql): nothing is loaded per
/// finding. A quarter or a year is reported as of its last audited month.
public struct ComplianceData: Sendable {
    /// One run's figures over the scope.
    public struct Totals: Sendable {
        public var runID: Int
        public var month: String
        public var asOf: Date
        public var active: Int
        public var flagged: Int
        public var workers: Int
        public var uncovered: Int
        public var pwbdBusinesses: Int
        public var pwbdWorkers: Int
        public var due: Decimal
        public var paid: Decimal
        /// Per category: findings and their rupiah.
        public var categories: [Category: (count: Int, rupiah: Int64)]

        /// Workers reported over those reported, seen elsewhere and not reported, and those of
        /// unregistered businesses.
        public var coverage: Double? {
            let known = workers + uncovered + pwbdWorkers
            return known > 0 ? Double(workers) / Double(known) : nil
        }

        /// Active employers without a finding over active employers.
        public var complianceRate: Double? { active > 0 ? Double(active - flagged) / Double(active) : nil }

        public var rupiah: Int64 { categories.values.reduce(0) { $0 + $1.rupiah } }
        public var findings: Int { categories.values.reduce(0) { $0 + $1.count } }
    }

    /// One region, branch, KBLI section or scale.
    public struct Group: Sendable {
        public var dimension: String
        public var key: String
        public var active: Int
        public var flagged: Int
        public var workers: Int
        public var uncovered: Int
        public var rupiah: Int64

        public var coverage: Double? {
            workers + uncovered > 0 ? Double(workers) / Double(workers + uncovered) : nil
        }
        public var complianceRate: Double? { active > 0 ? Double(active - flagged) / Double(active) : nil }
    }

    public struct TopEmployer: Sendable {
        public var npp: String
        public var name: String
        public var branch: String
        public var region: String
        public var scale: String
        public var categories: [Category]
        public var rupiah: Int64
    }

    public struct Unregistered: Sendable {
        public var reference: String
        public var name: String
        public var region: String
        public var headcount: Int
        /// The PWBD finding: its rupiah and evidence (and so its reason, in any language).
        public var finding: FindingFacts
        public var rupiah: Int64 { finding.loss }
    }

    public struct ArrearsAge: Sendable {
        /// 1: 1–3 months late, 2: 4–6, 3: 7–12.
        public var bucket: Int
        public var employers: Int
        public var months: Int
        public var outstanding: Decimal
        public var fines: Decimal
    }

    public struct FollowUp: Sendable {
        public var category: Category
        public var earlier: Int
        public var inspected: Int
        public var foundAgain: Int
        public var rupiahAgain: Int64
    }

    public var period: ReportPeriod
    public var region: String?
    public var branch: String?
    /// Names of the regions, for the page.
    public var regionNames = RegionNames()
    /// The twelve periods ending with `period`, oldest first, each with the figures of its
    /// last audited month (nil: no run).
    public var trend: [(period: ReportPeriod, totals: Totals?)]
    public var current: Totals { trend.last!.totals! }
    public var previous: Totals? { trend.count > 1 ? trend[trend.count - 2].totals : nil }
    public var groups: [Group]
    public var previousGroups: [Group]
    public var top: [TopEmployer]
    public var unregistered: [Unregistered]
    public var arrears: [ArrearsAge]
    public var followUp: [FollowUp]

    static func query(_ name: String) throws -> String { try SQLFiles.text(of: name, in: "queries") }

    /// Loads the report's figures. `region`: a regency/city code or a province (its prefix).
    public static func load(
        period: ReportPeriod, region: String?, branch: String?, top: Int = 10, unregistered: Int = 20,
        connection: Connection
    ) throws -> ComplianceData {
        let periods = (0..<12).map { period.shifted(by: $0 - 11) }
        // The latest finished run of each month of the twelve periods.
        var runOfMonth: [Int: (Int, Date)] = [:]
        let first = periods[0].months.lowerBound
        let last = period.months.upperBound
        try connection.stream(
            PostgresQuery(
                unsafeSQL: try query("compliance_runs.sql"),
                binds: [
                    FieldRules.firstDay((first / 12, first % 12 + 1)), FieldRules.firstDay((last / 12, last % 12 + 1)),
                ])
        ) { row in
            let (run, month, asOf) = try row.decode((Int, Int, Date).self)
            runOfMonth[month] = (run, asOf)
        }
        // Each period: the run of its last audited month.
        let chosen: [(ReportPeriod, Int?)] = periods.map { p in
            (p, p.months.reversed().first { runOfMonth[$0] != nil }.map { runOfMonth[$0]!.0 })
        }
        guard let currentRun = chosen.last?.1 else { throw AuditError.noRun(period: period.text) }
        let runs = chosen.compactMap(\.1)
        let binds: [any PostgresEncodable] = [runs, region, branch]

        var totals: [Int: Totals] = [:]
        let asOfByRun = Dictionary(uniqueKeysWithValues: runOfMonth.map { ($0.value.0, ($0.key, $0.value.1)) })
        try connection.stream(PostgresQuery(unsafeSQL: try query("compliance_totals.sql"), binds: binds)) { row in
            let (run, active, flagged, workers, uncovered, businesses, pwbdWorkers) = try row.decode(
                (Int, Int, Int, Int, Int, Int, Int).self)
            let (due, paid) = (try row.decode(Decimal.self, at: 7), try row.decode(Decimal.self, at: 8))
            let (month, asOf) = asOfByRun[run]!
            totals[run] = Totals(
                runID: run, month: String(format: "%04d-%02d", month / 12, month % 12 + 1), asOf: asOf, active: active,
                flagged: flagged, workers: workers, uncovered: uncovered, pwbdBusinesses: businesses,
                pwbdWorkers: pwbdWorkers, due: due, paid: paid, categories: [:])
        }
        try connection.stream(PostgresQuery(unsafeSQL: try query("compliance_categories.sql"), binds: binds)) { row in
            let (run, code, count, rupiah) = try row.decode((Int, String, Int, Int64).self)
            totals[run]?.categories[try Category(code: code)] = (count, rupiah)
        }
        guard totals[currentRun] != nil else { throw AuditError.emptyScope(region: region, branch: branch) }
        let previousRun = chosen.count > 1 ? chosen[chosen.count - 2].1 : nil

        var groups: [Group] = []
        var previousGroups: [Group] = []
        try connection.stream(
            PostgresQuery(
                unsafeSQL: try query("compliance_breakdown.sql"),
                binds: [Int64(currentRun), region, branch, previousRun.map(Int64.init)])
        ) { row in
            let (run, dimension, key, active, flagged, workers, uncovered, rupiah) = try row.decode(
                (Int, String, String, Int, Int, Int, Int, Int64).self)
            let group = Group(
                dimension: dimension, key: key, active: active, flagged: flagged, workers: workers,
                uncovered: uncovered,
                rupiah: rupiah)
            if run == currentRun { groups.append(group) } else { previousGroups.append(group) }
        }
        var topEmployers: [TopEmployer] = []
        try connection.stream(
            PostgresQuery(
                unsafeSQL: try query("compliance_top.sql"), binds: [Int64(currentRun), region, branch, Int64(top)])
        ) { row in
            let (npp, name, branchCode, regionCode, scale, categories, rupiah) = try row.decode(
                (String, String, String, String, String, String, Int64).self)
            topEmployers.append(
                TopEmployer(
                    npp: npp, name: name, branch: branchCode, region: regionCode, scale: scale,
                    categories: try categories.split(separator: " ").map { try Category(code: String($0)) },
                    rupiah: rupiah))
        }
        var businesses: [Unregistered] = []
        try connection.stream(
            PostgresQuery(
                unsafeSQL: try query("compliance_pwbd.sql"),
                binds: [Int64(currentRun), region, branch, Int64(unregistered)])
        ) { row in
            let (reference, name, regionCode, headcount, rupiah, evidence) = try row.decode(
                (String, String, String, Int, Int64, String).self)
            businesses.append(
                Unregistered(
                    reference: reference, name: name, region: regionCode, headcount: headcount,
                    finding: try FindingFacts(
                        code: Category.pwbd.code, loss: rupiah, json: evidence, subject: reference)))
        }
        var arrears: [ArrearsAge] = []
        try connection.stream(
            PostgresQuery(unsafeSQL: try query("compliance_arrears.sql"), binds: [Int64(currentRun), region, branch])
        ) { row in
            let (bucket, employers, months, outstanding, fines) = try row.decode((Int, Int, Int, Decimal, Decimal).self)
            arrears.append(
                ArrearsAge(bucket: bucket, employers: employers, months: months, outstanding: outstanding, fines: fines)
            )
        }
        var followUp: [FollowUp] = []
        if let previousRun {
            try connection.stream(
                PostgresQuery(
                    unsafeSQL: try query("compliance_followup.sql"),
                    binds: [Int64(currentRun), Int64(previousRun), region, branch])
            ) { row in
                let (code, earlier, inspected, again, rupiah) = try row.decode((String, Int, Int, Int, Int64).self)
                followUp.append(
                    FollowUp(
                        category: try Category(code: code), earlier: earlier, inspected: inspected, foundAgain: again,
                        rupiahAgain: rupiah))
            }
        }
        var data = ComplianceData(
            period: period, region: region, branch: branch,
            trend: chosen.map { ($0.0, $0.1.flatMap { totals[$0] }) }, groups: groups, previousGroups: previousGroups,
            top: topEmployers, unregistered: businesses, arrears: arrears, followUp: followUp)
        data.regionNames = try RegionNames.load(on: connection)
        return data
    }
}
