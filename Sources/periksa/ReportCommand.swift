import ArgumentParser
import Compliance
import Foundation
import Reports

/// `periksa report …`: reports for the inspection teams, in HTML or Markdown.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Reports for inspectors and managers (HTML, Markdown).",
        subcommands: [AuditListReportCommand.self])
}

extension AuditListReport.Format: ExpressibleByArgument {}

/// `periksa report audit-list --period P [--branch B] [--capacity N] --format html|md --out FILE`.
struct AuditListReportCommand: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-list", abstract: "Daftar Prioritas Pemeriksaan: the ranked audit list as a report.")

    @OptionGroup var list: AuditListOptions

    @Option(help: "html or md.")
    var format: AuditListReport.Format = .html

    @Option(help: "The file to write (default: stdout).")
    var out: String?

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let connection = try global.connect()
        let runID = try Findings(connection: connection).resolveRun(period: list.period, run: list.run)
        guard
            let row = try connection.queryFirst(
                "select periksa.period_text(period), as_of from periksa.runs where run_id = \(runID)")
        else { throw ValidationError("there is no run \(runID)") }
        let (runPeriod, asOf) = try row.decode((String, Date).self)
        var entries: [AuditList.Entry] = []
        try AuditList(connection: connection).stream(run: runID, branch: list.branch, capacity: list.capacity) {
            entries.append($0)
        }
        let text = try AuditListReport.render(
            entries: entries, header: .init(period: runPeriod, run: runID, asOf: asOf, generatedAt: Date()),
            format: format,
            language: global.language)
        if let out {
            try text.write(toFile: out, atomically: true, encoding: .utf8)
            printNote(global.language.text("ditulis: ", "written: ") + out)
        } else {
            print(text, terminator: "")
        }
    }
}
