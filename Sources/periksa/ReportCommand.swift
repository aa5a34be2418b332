import ArgumentParser
import Compliance
import Foundation
import Reports

/// `periksa report …`: reports for the inspection teams, in HTML or Markdown.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports for inspectors and managers (HTML, Markdown).",
        subcommands: [
            AuditListReportCommand.self, EmployerReportCommand.self, ComplianceReportCommand.self,
            CasesReportCommand.self, CoverageReportCommand.self,
        ])
}

extension ReportFormat: ExpressibleByArgument {}

/// What every report command takes: the format, where to write, the date it carries.
struct ReportOutputOptions: ParsableArguments {
    @Option(help: "html or md.")
    var format: ReportFormat = .html

    @Option(help: "The file to write (default: stdout). Written whole or not at all.")
    var out: String?

    @Option(help: "The date the report carries, YYYY-MM-DD (default: today); warnings are counted from it.")
    var date: String?

    func validate() throws {
        if let date { _ = try Self.day(date) }
    }

    /// `date`, or today in the local time zone, as midnight UTC of that day.
    var day: Date {
        get throws {
            if let date { return try Self.day(date) }
            let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
            return try Self.day(String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!))
        }
    }

    static func day(_ text: String) throws -> Date {
        guard (try? AuditRunner.parseDate(text)) != nil else {
            throw ValidationError("--date takes a day as YYYY-MM-DD, not \(text)")
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = text.split(separator: "-").compactMap { Int($0) }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2]))!
    }

    /// Writes the report to `out` (atomically) or stdout.
    func write(_ text: String, language: Language) throws {
        if let out {
            try text.write(toFile: out, atomically: true, encoding: .utf8)
            printNote(language.text("ditulis: ", "written: ") + out)
        } else {
            print(text, terminator: "")
        }
    }
}

/// `periksa report audit-list --period P [--branch B] [--capacity N] --format html|md --out FILE`.
struct AuditListReportCommand: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-list", abstract: "Daftar Prioritas Pemeriksaan: the ranked audit list as a report.")

    @OptionGroup var list: AuditListOptions

    @OptionGroup var output: ReportOutputOptions

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let connection = try global.connect()
        let runID = try list.selection.resolve(connection)
        let (runPeriod, asOf) = try Runs(connection: connection).header(run: runID)
        var entries: [AuditList.Entry] = []
        try AuditList(connection: connection).stream(run: runID, branch: list.branch, capacity: list.capacity) {
            entries.append($0)
        }
        let text = try AuditListReport.render(
            entries: entries, header: .init(period: runPeriod, run: runID, asOf: asOf, generatedAt: try output.day),
            format: output.format, language: global.language)
        try output.write(text, language: global.language)
    }
}

/// `periksa report employer --npp X --period P`: the dossier to take on the visit.
struct EmployerReportCommand: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "employer", abstract: "Berkas pemeriksaan: the dossier of one employer for a run.")

    @Option(help: "The employer's NPP.")
    var npp: String

    @OptionGroup var selection: RunOptions

    @Flag(help: "Show NIK and worker names unmasked (only for readers entitled to them).")
    var showPersonalData = false

    @OptionGroup var output: ReportOutputOptions

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let connection = try global.connect()
        let runID = try selection.resolve(connection)
        guard let dossier = try EmployerDossier.load(npp: npp, run: runID, connection: connection) else {
            throw AuditError.unknownEmployer(npp)
        }
        let day = try output.day
        let schedule = try EnforcementSchedule.load(start: day, connection: connection)
        let text = try DossierReport.render(
            dossier, schedule: schedule, generatedAt: day, format: output.format, language: global.language,
            showPersonalData: showPersonalData)
        try output.write(text, language: global.language)
    }
}

/// `periksa report compliance --period P | --quarter 2024Q2 | --year 2024 [--region CODE] [--branch B]`.
struct ComplianceReportCommand: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "compliance",
        abstract: "Laporan Kepatuhan: coverage, compliance, trends, rankings for a month, quarter or year.")

    @Option(help: "A month, YYYY-MM.")
    var period: String?

    @Option(help: "A quarter, YYYYQn (2024Q2): reported as of its last audited month.")
    var quarter: String?

    @Option(help: "A year, YYYY: reported as of its last audited month.")
    var year: String?

    @Option(help: "Only this region: a regency/city code (3171) or a province (31).")
    var region: String?

    @Option(help: "Only this branch office.")
    var branch: String?

    @Option(help: "Employers in the list of the largest amounts at stake.")
    var top = 10

    @OptionGroup var output: ReportOutputOptions

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        _ = try ReportPeriod.parse(period: period, quarter: quarter, year: year)
        if let region, !(region.count == 2 || region.count == 4) || !region.allSatisfy(\.isASCII) || Int(region) == nil
        {
            throw ValidationError(
                "--region takes a province (2 digits, 31) or a regency/city (4 digits, 3171), not \(region)")
        }
        guard (1...1000).contains(top) else { throw ValidationError("--top takes 1 to 1000") }
    }

    func execute() throws {
        let connection = try global.connect()
        let reportPeriod = try ReportPeriod.parse(period: period, quarter: quarter, year: year)
        let data = try ComplianceData.load(
            period: reportPeriod, region: region, branch: branch, top: top, connection: connection)
        let text = try ComplianceReport.render(
            data, generatedAt: try output.day, format: output.format, language: global.language)
        try output.write(text, language: global.language)
    }
}

/// `periksa report cases --branch B [--as-of D] --format html|md [--out FILE]`.
struct CasesReportCommand: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "The follow-up of a branch's cases: by state and age, overdue steps, money by month, targeting.")

    @Option(help: "The branch office.") var branch: String
    @Option(name: .customLong("as-of"), help: "The date the figures are as of, YYYY-MM-DD (default today).")
    var asOf: String?
    @Option(help: "html or md.") var format: ReportFormat = .html
    @Option(help: "The file to write (default: stdout). Written whole or not at all.") var out: String?
    @Option(help: "The configuration file (fine rate).") var config: String?
    @OptionGroup var global: GlobalOptions

    func validate() throws { _ = try CaseDay.parse(asOf, option: "--as-of") }

    func execute() throws {
        let day = try CaseDay.parse(asOf, option: "--as-of")
        let configuration = try Configuration.load(path: config)
        let connection = try global.connect()
        let cases = Cases(connection: connection, fineRate: configuration.fineRate)
        let (current, months) = try cases.withMonthEnds(branch: branch, asOf: day)
        let text = try CasesReport.render(
            branch: branch, cases: current, months: months, asOf: day, format: format, language: global.language,
            fineRate: configuration.fineRate)
        if let out {
            try text.write(toFile: out, atomically: true, encoding: .utf8)
            printNote(global.language.text("ditulis: ", "written: ") + out)
        } else {
            print(text, terminator: "")
        }
    }
}

/// `periksa report coverage --period P [--region CODE] [--basis nik|employer] [--target PCT] --format html|md`.
struct CoverageReportCommand: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract:
            "Laporan Cakupan Kepesertaan: coverage by region against a year earlier and a target, outreach counts, funded lists, a ranking.",
        discussion: """
            Coverage of each province and regency/city (PU and BPU) by the counting basis, the \
            change in percentage points against the same period a year earlier, the gap to the \
            target (default: the national RPJMN 2025–2029 target for the period's year where known, \
            else 70 %), the outreach list counted by region, district and category, the \
            reconciliation of every list that funds someone in the period, and the regencies/cities \
            ranked by coverage and by its change (docs/coverage.md). Counts only: no NIK, no name.
            """)

    @Option(help: "The period, YYYY-MM.") var period: String
    @Option(help: "Only this province (2 digits) and its regencies/cities, or one regency/city (4).")
    var region: String?
    @Option(help: "nik (default) or employer.") var basis: CoverageBasis = .nik
    @Option(help: "The target coverage in percent (70, 32.15); default: the national target of the year, else 70.")
    var target: String?
    @OptionGroup var output: ReportOutputOptions
    @OptionGroup var global: GlobalOptions

    /// `--target` as a percentage above 0 and at most 100 (`.` or `,` before the decimals).
    static func percent(_ text: String) throws -> Decimal {
        let normalised = text.replacingOccurrences(of: ",", with: ".")
        guard normalised.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            normalised.filter({ $0 == "." }).count <= 1, let value = Decimal(string: normalised), value > 0,
            value <= 100
        else {
            throw ValidationError("--target takes a percentage above 0 and at most 100 (70, 32.15), not \(text)")
        }
        return value
    }

    func validate() throws {
        _ = try FieldRulesPeriod.normalised(period)
        if let target { _ = try Self.percent(target) }
    }

    func execute() throws {
        let connection = try global.connect()
        let global = global
        let data = try CoverageReportData.load(
            period: period, basis: basis, region: region, target: try target.map(Self.percent),
            connection: connection, connect: { try global.connect() })
        let text = try CoverageReport.render(
            data, generatedAt: try output.day, format: output.format, language: global.language)
        try output.write(text, language: global.language)
    }
}
