import ArgumentParser
import Compliance
import Foundation

/// `periksa evaluate --truth FILE [--run ID]`: precision, recall and rupiah agreement.
struct EvaluateCommand: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Compare a run's findings with a truth file: precision and recall per category, rupiah agreement.")

    @Option(help: "A file in the findings format (truth.csv from periksa generate).")
    var truth: String

    @Option(help: "The run (default: the latest run of the truth file's period).")
    var run: Int?

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let evaluation = try Evaluation.evaluate(truthPath: truth, run: run, connection: global.connect())
        func percent(_ value: Double) -> String { String(format: "%.1f%%", value * 100) }
        let rows = evaluation.lines.map {
            [
                $0.category, String($0.truth), String($0.found), String($0.matched), percent($0.precision),
                percent($0.recall), percent($0.rupiahAgreement),
            ]
        }
        print("run \(evaluation.runID) against \((truth as NSString).lastPathComponent)")
        print(
            TextTable.render(
                header: ["category", "truth", "found", "both", "precision", "recall", "rupiah equal"], rows: rows))
        for (title, examples) in [
            ("missing", evaluation.missing), ("unexpected", evaluation.unexpected),
            ("rupiah differ", evaluation.differing),
        ]
        where !examples.isEmpty {
            print("\(title): " + examples.joined(separator: "; "))
        }
    }
}
