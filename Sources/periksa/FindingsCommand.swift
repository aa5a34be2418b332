import ArgumentParser
import Compliance
import Foundation

/// `periksa findings --period YYYY-MM [--run ID] --format csv|json|table`.
struct FindingsCommand: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "findings",
        abstract: "The findings of the latest run of a period (or of run ID): csv, json or table.",
        discussion: "The reason is in Bahasa Indonesia, as the data contract fixes; --lang en gives it in English.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json, table }

    @Option(help: "The audited period, YYYY-MM.")
    var period: String?

    @Option(help: "A run id instead of the latest run of the period.")
    var run: Int?

    @Option(help: "csv, json or table.")
    var format: Format = .csv

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard period != nil || run != nil else { throw ValidationError("give --period YYYY-MM or --run ID") }
    }

    func execute() throws {
        let findings = Findings(connection: try global.connect())
        let runID = try findings.resolveRun(period: period, run: run)
        let language = global.contractLanguage
        let out = OutputBuffer()
        switch format {
        case .csv:
            out.write("run_id,category,npp,source_ref,period,estimated_loss_idr,reason\n")
            try findings.stream(run: runID) { finding in
                out.write(
                    [
                        String(finding.runID), finding.category.code, finding.npp, finding.sourceRef, finding.period,
                        String(finding.estimatedLoss), finding.reason(language),
                    ].map(CSV.field).joined(separator: ",") + "\n")
            }
        case .json:
            var first = true
            out.write("[")
            try findings.stream(run: runID) { finding in
                let object: [String: Any] = [
                    "run_id": finding.runID, "category": finding.category.code, "npp": finding.npp,
                    "source_ref": finding.sourceRef, "period": finding.period,
                    "estimated_loss_idr": finding.estimatedLoss, "reason": finding.reason(language),
                ]
                let data = try JSONSerialization.data(
                    withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
                out.write((first ? "\n  " : ",\n  ") + String(decoding: data, as: UTF8.self))
                first = false
            }
            out.write(first ? "]\n" : "\n]\n")
        case .table:
            var rows: [[String]] = []
            try findings.stream(run: runID) { finding in
                rows.append([
                    finding.category.code, finding.npp.isEmpty ? finding.sourceRef : finding.npp,
                    Formatting.rupiah(finding.estimatedLoss, language), finding.reason(language),
                ])
            }
            out.write(
                TextTable.render(header: ["category", "npp / source_ref", "estimated_loss_idr", "reason"], rows: rows)
                    + "\n")
        }
        out.flush()
    }
}
