import ArgumentParser
import Compliance
import Foundation
import Postgres

/// `periksa runs`: past audit runs; `periksa runs diff A B`: what changed between two.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs", abstract: "List audit runs, or compare two.",
        subcommands: [RunsList.self, RunsDiff.self], defaultSubcommand: RunsList.self)
}

/// `periksa runs [list]`.
struct RunsList: PeriksaCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List audit runs, newest first.")

    @Option(help: "How many runs to list.")
    var limit = 30

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let language = global.language
        let rows = try Runs(connection: try global.connect()).list(limit: limit).map { run in
            [
                String(run.runID), run.period, run.asOf, run.startedAt, run.runBy, run.seconds, run.rulesVersion,
                run.lastImportID.map(String.init) ?? "", Formatting.count(Int(run.findings), language),
                Formatting.rupiah(run.rupiah, language),
            ]
        }
        print(
            TextTable.render(
                header: [
                    "run", "period", "as_of", "started", "by", "seconds", "rules", "last_import", "findings", "rupiah",
                ], rows: rows))
    }
}

/// `periksa runs diff A B`: findings new in B, gone since A, and changed in rupiah.
struct RunsDiff: PeriksaCommand {
    static let configuration = CommandConfiguration(commandName: "diff", abstract: "Compare the findings of two runs.")

    @Argument(help: "The earlier run.")
    var from: Int

    @Argument(help: "The later run.")
    var to: Int

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        try Runs(connection: try global.connect()).diff(from: from, to: to) { change in
            print(
                [
                    change.kind.rawValue, change.category.code, change.subject, change.before.map(String.init) ?? "",
                    change.after.map(String.init) ?? "",
                ].map(CSV.field).joined(separator: ","))
        }
    }
}
