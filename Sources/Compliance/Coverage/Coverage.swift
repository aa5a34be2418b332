import Foundation
import Postgres
import SQLFiles

/// How a participant is placed in a region (docs/coverage.md).
public enum CoverageBasis: String, Sendable, CaseIterable {
    /// The first four digits of the NIK: the regency/city that issued it.
    case nik
    /// The employer of the highest wage (PU), the domicile (BPU).
    case employer
}

/// Coverage of one province or regency/city in a period.
public struct CoverageRow: Sendable, Equatable {
    public var region: String
    public var participants: Int
    public var pu: Int
    public var bpu: Int
    /// The latest labour-force row with year ≤ the period's: workers and year (nil: none).
    public var workers: Int?
    public var labourForceYear: Int?
    /// Percentages as written (`51.39`), two decimals, halves away from zero.
    public var coveragePct: String?
    public var puCoveragePct: String?
    public var bpuCoveragePct: String?
    /// The region's name, when the reference table has it.
    public var name: String?

    /// `Kota Jambi (1571)`, or the code alone.
    public var label: String { name.map { "\($0) (\(region))" } ?? region }
}

/// One person of the outreach list.
public struct OutreachRow: Sendable, Equatable {
    public var nik: String
    public var name: String?
    public var region: String
    public var district: String
    public var lists: String
    public var categories: String
    public var funded: Bool

    /// The outreach CSV's header (docs/coverage.md).
    public static let csvHeader = "nik,name,region_code,district_code,lists,categories,funded\n"

    /// The row's fields in the CSV's order; NIK and name masked unless `showPersonalData`.
    public func fields(showPersonalData: Bool) -> [String] {
        [
            showPersonalData ? nik : Masking.nik(nik), name.map { showPersonalData ? $0 : Masking.name($0) } ?? "",
            region, district, lists, categories, funded ? "true" : "false",
        ]
    }
}

/// The reconciliation of a funded list for a period.
public struct Reconciliation: Sendable {
    public enum Status: String, Sendable, CaseIterable {
        case missing
        case alreadyPU = "already_pu"
        case paidNotListed = "paid_not_listed"
        case enrolled
    }

    public struct Row: Sendable, Equatable {
        public var status: Status
        public var nik: String
        public var name: String?
        public var declaredIncome: Decimal
        public var package: Decimal
        public var amount: Decimal?
        /// For `already_pu`: the employer of the person's highest wage in the period (ties: the
        /// smallest NPP), which owes their contributions.
        public var employer: Employer? = nil
    }

    /// An employer by NPP and name.
    public struct Employer: Sendable, Equatable {
        public var npp: String
        public var name: String
    }

    public var listCode: String
    public var pemdaCode: String
    /// `YYYY-MM`.
    public var period: String
    /// The rows (empty for a summary: `Coverage.reconcileSummary`).
    public var rows: [Row]
    /// How many NIKs the list funds for the period.
    public private(set) var expected: Int
    private var counts: [Status: Int]
    /// Σ over the expected NIKs of the BPU package of the list's declared income.
    public private(set) var budget: Decimal
    /// Σ of what the enrolled paid.
    public private(set) var paid: Decimal

    /// A reconciliation with its rows; the counts and sums follow from them.
    public init(listCode: String, pemdaCode: String, period: String, rows: [Row]) {
        var packages: [String: Decimal] = [:]
        for row in rows where row.status != .paidNotListed { packages[row.nik] = row.package }
        self.init(
            listCode: listCode, pemdaCode: pemdaCode, period: period, rows: rows, expected: packages.count,
            counts: Dictionary(grouping: rows, by: \.status).mapValues(\.count), budget: packages.values.reduce(0, +),
            paid: rows.filter { $0.status == .enrolled }.reduce(0) { $0 + ($1.amount ?? 0) })
    }

    /// A summary: the counts and sums only.
    public init(
        listCode: String, pemdaCode: String, period: String, rows: [Row] = [], expected: Int, counts: [Status: Int],
        budget: Decimal, paid: Decimal
    ) {
        (self.listCode, self.pemdaCode, self.period, self.rows) = (listCode, pemdaCode, period, rows)
        (self.expected, self.counts, self.budget, self.paid) = (expected, counts, budget, paid)
    }

    public func count(_ status: Status) -> Int { counts[status] ?? 0 }
    public var difference: Decimal { budget - paid }
}

/// Why a coverage command did nothing.
public enum CoverageError: Localized, CustomStringConvertible, Sendable, Equatable {
    case badRegion(String)
    case unknownList(String)
    case listFundsNobody(list: String, period: String)

    public var description: String { message(.english) }

    public func message(_ language: Language) -> String {
        switch self {
        case .badRegion(let text):
            language.text(
                "--region \(text): kode wilayah 2 digit (provinsi) atau 4 digit (kabupaten/kota)",
                "--region \(text): a region code of 2 digits (province) or 4 (regency/city)")
        case .unknownList(let code):
            language.text(
                "daftar \(code) tidak ada (impor worker-lists lebih dahulu)",
                "no list \(code) (import worker-lists first)")
        case .listFundsNobody(let list, let period):
            language.text(
                "daftar \(list) tidak membiayai siapa pun untuk periode \(period)",
                "list \(list) funds nobody for the period \(period)")
        }
    }
}

/// Coverage, outreach and reconciliation over the imported data.
public struct Coverage {
    public let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    static func firstDay(_ period: String) throws -> String {
        FieldRules.firstDay(try AuditRunner.parsePeriod(period))
    }

    static func checkRegion(_ region: String?) throws {
        guard let region else { return }
        guard region.count == 2 || region.count == 4, region.allSatisfy(\.isASCII), region.allSatisfy(\.isNumber) else {
            throw CoverageError.badRegion(region)
        }
    }

    /// Coverage of every province and regency/city (of `region`) in `period`.
    public func coverage(period: String, basis: CoverageBasis, region: String?) throws -> [CoverageRow] {
        try Self.checkRegion(region)
        let day = try Self.firstDay(period)
        return try connection.query(
            PostgresQuery(
                unsafeSQL: SQLFiles.text(of: "coverage.sql", in: "queries"), binds: [day, basis.rawValue, region])
        ).map { row in
            let (code, participants, pu, bpu, workers, year) = try row.decode(
                (String, Int, Int, Int, Int?, Int?).self)
            let (pct, puPct, bpuPct, name) = try (
                row.decode(String?.self, at: 6), row.decode(String?.self, at: 7), row.decode(String?.self, at: 8),
                row.decode(String?.self, at: 9)
            )
            return CoverageRow(
                region: code, participants: participants, pu: pu, bpu: bpu, workers: workers, labourForceYear: year,
                coveragePct: pct, puCoveragePct: puPct, bpuCoveragePct: bpuPct, name: name)
        }
    }

    /// Runs `body` in a transaction whose sorts may use 256 MB: the outreach list and the
    /// reconciliation sort hundreds of thousands of rows in the caller's statement, which a
    /// server with the default 4 MB sorted on disk (the functions they read set their own).
    /// Inside a caller's transaction nothing is changed: a `set local` would outlive this call.
    func withSortMemory<T>(_ body: (Connection) throws -> T) throws -> T {
        guard connection.transactionStatus == .idle else { return try body(connection) }
        return try connection.transaction { connection in
            try connection.execute("set local work_mem = '256MB'")
            return try body(connection)
        }
    }

    /// Streams the outreach list of `period` (of `region`, of `list`). `forWebUser`: as the web
    /// user the session acts for may read it (`periksa.web_outreach_rows`: its regions, or every
    /// region masked for an analyst) instead of the whole list an admin reads.
    public func outreach(
        period: String, region: String?, list: String?, forWebUser: Bool = false,
        _ body: (OutreachRow) throws -> Void
    ) throws {
        try Self.checkRegion(region)
        let day = try Self.firstDay(period)
        var sql = try SQLFiles.text(of: "outreach.sql", in: "queries")
        if forWebUser {
            sql = sql.replacingOccurrences(of: "periksa.outreach_rows(", with: "periksa.web_outreach_rows(")
        }
        let query = PostgresQuery(unsafeSQL: sql, binds: [day, region, list])
        try withSortMemory { connection in try stream(query, on: connection, body) }
    }

    private func stream(_ query: PostgresQuery, on connection: Connection, _ body: (OutreachRow) throws -> Void) throws
    {
        try connection.stream(query) { row in
            let (nik, name, region, district, lists, categories) = try row.decode(
                (String, String?, String, String, String, String).self)
            try body(
                OutreachRow(
                    nik: nik, name: name, region: region, district: district, lists: lists, categories: categories,
                    funded: try row.decode(Bool.self, at: 6)))
        }
    }

    /// The reconciliation of `list` for `period`; refused when the list funds nobody then.
    public func reconcile(list: String, period: String) throws -> Reconciliation {
        guard try connection.queryFirst("select 1 from periksa.worker_lists where list_code = \(list) limit 1") != nil
        else {
            throw CoverageError.unknownList(list)
        }
        let month = String(try Self.firstDay(period).prefix(7))
        guard let result = try reconcile(lists: [list], period: period).first, result.expected > 0 else {
            throw CoverageError.listFundsNobody(list: list, period: month)
        }
        return result
    }

    /// The reconciliations of `lists` for `period`, in one pass over the month's rows (in the
    /// order of the codes; a list that funds nobody then has no rows, and so no entry).
    public func reconcile(lists: [String], period: String) throws -> [Reconciliation] {
        let day = try Self.firstDay(period)
        var grouped: [(list: String, pemda: String, rows: [Reconciliation.Row])] = []
        let query = PostgresQuery(
            unsafeSQL: try SQLFiles.text(of: "reconcile.sql", in: "queries"), binds: [lists, day])
        try withSortMemory { connection in
            try connection.stream(query) { row in
                let (status, nik, name, income, package) = try row.decode(
                    (String, String, String?, Decimal, Decimal).self)
                let (amount, pemda, list, npp, employerName) = try (
                    row.decode(Decimal?.self, at: 5), row.decode(String.self, at: 6), row.decode(String.self, at: 7),
                    row.decode(String?.self, at: 8), row.decode(String?.self, at: 9)
                )
                if grouped.last?.list != list { grouped.append((list, pemda, [])) }
                grouped[grouped.count - 1].rows.append(
                    Reconciliation.Row(
                        status: Reconciliation.Status(rawValue: status) ?? .missing, nik: nik, name: name,
                        declaredIncome: income, package: package, amount: amount,
                        employer: npp.map { Reconciliation.Employer(npp: $0, name: employerName ?? "") }))
            }
        }
        let results = grouped.map {
            Reconciliation(listCode: $0.list, pemdaCode: $0.pemda, period: String(day.prefix(7)), rows: $0.rows)
        }
        return results.filter { $0.expected > 0 }
    }

    /// The counts and sums of the reconciliations of `lists` for `period`, without their rows,
    /// as the coverage report reads them (SQL/queries/coverage_report_lists.sql); lists that
    /// fund nobody then have no entry.
    public func reconcileSummary(lists: [String], period: String) throws -> [Reconciliation] {
        let day = try Self.firstDay(period)
        return try CoverageReportData.readLists(
            lists, day: day, period: String(day.prefix(7)), region: nil, connection: connection
        ).1
    }
}
