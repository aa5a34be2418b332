import ArgumentParser
import Compliance
import Foundation

/// `periksa audit --period YYYY-MM [--as-of YYYY-MM-DD]`: runs every rule for one period.
struct AuditCommand: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Run every rule of the audit (docs/rules.md) for one period; prints the run id and a summary.")

    @Option(help: "The audited period, YYYY-MM.")
    var period: String

    @Option(help: "The reference date, YYYY-MM-DD (default: the 16th of the next month).")
    var asOf: String?

    @Option(name: .customLong("param"), help: "Override a parameter: name=value (repeatable), e.g. pds_tk.min_gap=3.")
    var parameters: [String] = []

    @Option(help: "A file of name=value lines overriding parameters.")
    var config: String?

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        var values = AuditParameters()
        if let config { try values.apply(file: config) }
        try values.apply(parameters)
        _ = try AuditRunner.parsePeriod(period)
        let language = global.language
        let progress = ProgressLine()
        let summary: AuditRunner.Summary
        do {
            summary = try AuditRunner(connection: global.connect(), logger: global.logger) { step, number, total in
                progress.show(
                    language.text("Audit \(period): ", "Audit \(period): ") + Self.name(of: step, language)
                        + " (\(number)/\(total)), "
                        + Formatting.decimal(progress.elapsed, language, digits: 0) + language.text(" dtk", " s"),
                    now: true)
            }.run(period: period, asOf: asOf, parameters: values)
        } catch {
            progress.clear()
            throw error
        }
        progress.clear()
        print("run_id=\(summary.runID)")
        printNote(
            language.text(
                "Audit #\(summary.runID) periode \(summary.period), per \(summary.asOf), \(Formatting.decimal(summary.seconds, .indonesian, digits: 1)) detik:",
                "Audit run #\(summary.runID) of \(summary.period), as of \(summary.asOf), \(Formatting.decimal(summary.seconds, .english, digits: 1)) s:"
            ))
        for category in Category.allCases {
            let count = summary.counts[category] ?? 0
            let rupiah = summary.rupiah[category] ?? 0
            printNote(
                "  \(category.code.padding(toLength: 12, withPad: " ", startingAt: 0)) \(Formatting.count(count, language).leftAligned(9)) \(Formatting.rupiah(rupiah, language))"
            )
        }
        if let missing = summary.notes["minimum_wage_missing"] {
            printNote(
                language.text(
                    "  \(missing) pemberi kerja menengah/besar tanpa upah minimum wilayahnya: aturan upah minimum dilewati",
                    "  \(missing) medium/large employers have no minimum wage for their region: the floor rule was skipped"
                ))
        }
        if let unusable = summary.notes["record_without_identifier"] {
            printNote(
                language.text(
                    "  \(unusable) catatan luar hanya dengan NPP yang tidak dikenal: tidak dapat ditindaklanjuti",
                    "  \(unusable) outside records carry only an unknown NPP: left out"))
        }
    }

    /// A step of the audit as the progress line names it.
    static func name(of step: AuditRunner.Step, _ language: Language) -> String {
        switch step {
        case .monthDue(let month):
            language.text(
                "iuran terutang \(month.prefix(7)) dihitung ulang", "contributions due of \(month.prefix(7)) recomputed"
            )
        case .prepare: language.text("persiapan", "preparation")
        case .rule(let category): category.label(language)
        case .keepFindings: language.text("temuan disimpan", "findings kept")
        case .runFigures: language.text("angka per pemberi kerja", "per-employer figures")
        case .finish: language.text("penyelesaian", "finishing")
        case .analytics: language.text("analitik bulan ini", "the month's analytics")
        }
    }
}
