import Foundation
import Postgres

/// What the dossier of one employer shows (the report renders it): identity and programmes,
/// twelve months of workers reported against each outside source and of contributions due
/// against paid, and the findings of the run with their evidence.
public struct EmployerDossier: Sendable {
    public struct Month: Sendable, Equatable {
        public var period: String
        public var workers: Int
        public var wages: Decimal
        public var due: Decimal
        public var paid: Decimal
        /// Headcounts by source (`wlkp`, `pajak`, `pemda`, `oss`), nil where the source has none.
        public var sources: [String: Int]
    }

    /// One worker reported for the run's period (personal data: the report masks it).
    public struct Worker: Sendable {
        public var nik: String
        public var name: String?
        public var wage: Decimal
    }

    /// One earlier inspection of the employer.
    public struct Inspection: Sendable {
        public var date: Date
        public var outcome: String
    }

    public var npp: String
    public var name: String
    public var npwp: String?
    public var nib: String?
    public var kbli: String
    /// The KBLI section (`G`) and its name in Bahasa Indonesia and English.
    public var section: (code: String, indonesian: String, english: String)
    public var scale: String
    public var riskGroup: Int
    public var region: String
    /// `Kota Jambi (1571)`, or the code.
    public var regionLabel: String
    public var branch: String
    public var programs: [String]
    public var mandatory: [String]
    public var registeredOn: Date
    public var status: String
    public var minimumWage: Decimal?
    public var runID: Int
    public var period: String
    public var asOf: Date
    public var months: [Month]
    public var findings: [FindingFacts]

    /// The median wage the dossier shows: the one PDS_TK priced the employer's group with when
    /// it has that finding, else the median of its own reported wages by the same rule (an
    /// even count: the mean of the two middle wages, rounded to whole rupiah, halves away from
    /// zero); nil when it reported no one.
    public var medianWage: Decimal? {
        for finding in findings {
            if case .pdsTK(let evidence) = finding.evidence, let median = evidence.medianWage { return median }
        }
        return Self.median(workers.map(\.wage))
    }

    /// The median of `wages` as the rules define it.
    static func median(_ wages: [Decimal]) -> Decimal? {
        guard !wages.isEmpty else { return nil }
        let sorted = wages.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[middle] }
        var mean = (sorted[middle - 1] + sorted[middle]) / 2
        var rounded = Decimal()
        NSDecimalRound(&rounded, &mean, 0, .plain)
        return rounded
    }

    /// The workers reported for the period, by wage.
    public var workers: [Worker]
    public var inspections: [Inspection]

    /// Loads the dossier of `npp` for a run. The wage rows, sums, headcounts and payments are
    /// read by functions that return nothing for an employer the session may not see
    /// (SQL/migrations/0013_web_dossier.sql), so an inspector's or web user's dossier of another
    /// branch is nil, as for an unknown NPP.
    public static func load(npp: String, run: Int, connection: Connection) throws -> EmployerDossier? {
        guard
            let head = try connection.queryFirst(
                """
                select e.npp, e.name, e.npwp, e.nib, e.kbli, e.scale, e.risk_group, e.region_code,
                       periksa.region_label(e.region_code)
                from periksa.employers e where e.npp = \(npp)
                """)
        else { return nil }
        let (code, name, npwp, nib, kbli, scale, riskGroup, region) = try head.decode(
            (String, String, String?, String?, String, String, Int32, String).self)
        let regionLabel = try head.decode(String.self, at: 8)
        guard
            let more = try connection.queryFirst(
                "select * from periksa.dossier_registration(\(npp), \(run))")
        else { throw AuditError.runNotFound(run) }
        let (branch, programs, mandatory, registered, status, minimum, period, asOf) = try more.decode(
            (String, String, String, Date, String, Decimal?, String, Date).self)

        var months: [Month] = []
        var audited = false
        try connection.stream("select * from periksa.dossier_months(\(run), \(npp))") { row in
            let (month, workers, wages, due, paid) = try row.decode((String, Int32, Decimal, Decimal?, Decimal).self)
            var sources: [String: Int] = [:]
            for (offset, source) in ["wlkp", "pajak", "pemda", "oss"].enumerated() {
                if let value = try row.decode(Int32?.self, at: 5 + offset) { sources[source] = Int(value) }
            }
            audited = audited || due != nil
            months.append(
                Month(
                    period: month, workers: Int(workers), wages: wages, due: due ?? 0, paid: paid, sources: sources))
        }
        if !audited {
            // Runs keep no due per month (those of earlier versions did, for employers with a
            // finding): from the sums kept per employer and month, at the run's rates, and for
            // a month whose sums have other rates since, from its wage rows.
            var due: [String: Decimal] = [:]
            var covered: Set<String> = []
            try connection.stream("select * from periksa.dossier_due(\(run), \(npp))") { row in
                let (month, amount) = try row.decode((String, Decimal).self)
                covered.insert(month)
                due[String(month.prefix(7))] = amount
            }
            let window = months.map { $0.period + "-01" }.filter { !covered.contains($0) }
            if !window.isEmpty {
                try connection.stream("select * from periksa.dossier_due_rows(\(run), \(npp), \(window)::date[])") {
                    row in
                    let (month, amount) = try row.decode((String, Decimal).self)
                    due[String(month.prefix(7))] = amount
                }
            }
            for index in months.indices { months[index].due = due[months[index].period] ?? 0 }
        }
        var workers: [Worker] = []
        try connection.stream("select * from periksa.dossier_workers(\(run), \(npp))") { row in
            let (nik, name, wage) = try row.decode((String, String?, Decimal).self)
            workers.append(Worker(nik: nik, name: name, wage: wage))
        }
        var inspections: [Inspection] = []
        try connection.stream(
            """
            select i.inspected_on, i.outcome from periksa.inspections i
            join periksa.runs r on i.inspected_on <= r.as_of
            where r.run_id = \(run) and i.npp = \(npp)
            order by i.inspected_on desc
            """
        ) { row in
            let (date, outcome) = try row.decode((Date, String).self)
            inspections.append(Inspection(date: date, outcome: outcome))
        }
        let sectionRow = try connection.queryFirst(
            """
            select s.section, s.name_id, s.name_en from periksa.kbli_sections s
            where s.section = periksa.kbli_section(\(kbli))
            """)
        let section = try sectionRow?.decode((String, String, String).self) ?? ("?", "", "")
        var findings: [FindingFacts] = []
        try connection.stream(
            """
            select category, estimated_loss_idr, evidence::text from periksa.findings
            where run_id = \(run) and npp = \(npp) order by category
            """
        ) { row in
            let (category, loss, evidence) = try row.decode((String, Int64, String).self)
            findings.append(try FindingFacts(code: category, loss: loss, json: evidence, subject: npp))
        }
        return EmployerDossier(
            npp: code, name: name, npwp: npwp, nib: nib, kbli: kbli, section: section, scale: scale,
            riskGroup: Int(riskGroup),
            region: region, regionLabel: regionLabel,
            branch: branch, programs: programs.split(separator: " ").map(String.init),
            mandatory: mandatory.split(separator: " ").map(String.init), registeredOn: registered, status: status,
            minimumWage: minimum, runID: run, period: period, asOf: asOf, months: months, findings: findings,
            workers: workers, inspections: inspections)
    }
}
