import ArgumentParser
import Compliance
import Foundation
import Postgres

/// `periksa audit-list --period P [--branch CODE] [--capacity N]`: who to inspect first.
struct AuditListCommand: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit-list",
        abstract: "The ranked audit list of a period, per branch office, sized to the team's capacity.")

    @OptionGroup var list: AuditListOptions

    @Option(help: "table or csv.")
    var format: FindingsCommand.Format = .table

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let connection = try global.connect()
        let runID = try list.selection.resolve(connection)
        let language = global.language
        let out = OutputBuffer()
        if format == .csv {
            out.write(
                "run_id,branch_code,rank,npp,name,region_code,scale,categories,score,estimated_loss_idr,gap,reasons\n")
        }
        var currentBranch: String?
        var count = 0
        try AuditList(connection: connection).stream(run: runID, branch: list.branch, capacity: list.capacity) {
            entry in
            count += 1
            let reasons = entry.reasons(language)
            let codes = entry.categories.map(\.code).joined(separator: " ")
            if format == .csv {
                out.write(
                    [
                        String(runID), entry.branch, String(entry.rank), entry.npp, entry.name, entry.region,
                        entry.scale,
                        codes, "\(entry.score)", String(entry.totalLoss),
                        String(entry.gap),
                        reasons.joined(separator: " | "),
                    ].map(CSV.field).joined(separator: ",") + "\n")
                return
            }
            if currentBranch != entry.branch {
                currentBranch = entry.branch
                out.write(
                    language.text(
                        "\nKantor cabang \(entry.branch) (audit #\(runID))\n",
                        "\nBranch \(entry.branch) (run #\(runID))\n"))
            }
            out.write(
                "\(String(entry.rank).leftAligned(3)). \(entry.npp)  \(entry.name)  [\(codes)]  "
                    + language.text("skor ", "score ") + Formatting.rupiah(entry.score, language)
                    + language.text(", kerugian ", ", at stake ") + Formatting.rupiah(entry.totalLoss, language) + "\n")
            for reason in reasons { out.write("       \(reason)\n") }
        }
        if count == 0, format != .csv {
            out.write(
                language.text("Tidak ada pemberi kerja dengan temuan", "No employer with findings")
                    + (list.branch.map { " (\($0))" } ?? "") + ".\n")
        }
        out.flush()
    }
}

/// The options that choose a run: the latest of a period, or one by its id.
struct RunOptions: ParsableArguments {
    @Option(help: "The audited period, YYYY-MM.")
    var period: String?

    @Option(help: "A run id instead of the latest run of the period.")
    var run: Int?

    func validate() throws {
        guard period != nil || run != nil else { throw ValidationError("give --period YYYY-MM or --run ID") }
    }

    /// The run's id.
    func resolve(_ connection: Connection) throws -> Int {
        try Findings(connection: connection).resolveRun(period: period, run: run)
    }
}

/// The options that choose an audit list: which run, which branch, how many.
struct AuditListOptions: ParsableArguments {
    @OptionGroup var selection: RunOptions

    @Option(help: "Only this branch office.")
    var branch: String?

    @Option(help: "Employers per branch.")
    var capacity = 20

    func validate() throws {
        guard capacity >= 1 else { throw ValidationError("--capacity must be at least 1") }
    }
}
