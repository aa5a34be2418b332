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
        let connection = try global.connect()
        var rows: [[String]] = []
        try connection.stream(
            """
            select run_id, periksa.period_text(period), as_of::text, to_char(started_at, 'YYYY-MM-DD HH24:MI'), run_by,
                   coalesce(round(extract(epoch from finished_at - started_at)::numeric, 1)::text, ''), rules_version,
                   coalesce(last_import_id::text, ''),
                   coalesce((select sum(value::bigint) from jsonb_each_text(findings_count)), 0)::text,
                   coalesce((select sum(value::numeric) from jsonb_each_text(rupiah)), 0)::bigint
            from periksa.runs where status = 'finished' order by run_id desc limit \(limit)
            """
        ) { row in
            let (id, period, asOf, started, by, seconds, version, lastImport) = try row.decode(
                (Int, String, String, String, String, String, String, String).self)
            let findings = try row.decode(String.self, at: 8)
            let rupiah = try row.decode(Int64.self, at: 9)
            rows.append([
                String(id), period, asOf, started, by, seconds, version, lastImport, findings,
                "Rp " + Formatting.count(Int(rupiah), .indonesian),
            ])
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
        let connection = try global.connect()
        let findings = Findings(connection: connection)
        _ = try findings.resolveRun(period: nil, run: from)
        _ = try findings.resolveRun(period: nil, run: to)
        try connection.stream(
            """
            with a as (select category, coalesce(npp, source_ref) as subject, estimated_loss_idr as loss from periksa.findings where run_id = \(from)),
                 b as (select category, coalesce(npp, source_ref) as subject, estimated_loss_idr as loss from periksa.findings where run_id = \(to))
            select case when a.subject is null then 'new' when b.subject is null then 'gone' else 'changed' end,
                   coalesce(a.category, b.category), coalesce(a.subject, b.subject),
                   coalesce(a.loss::text, ''), coalesce(b.loss::text, '')
            from a full join b using (category, subject)
            where a.subject is null or b.subject is null or a.loss <> b.loss
            order by 1, 2, 3
            """
        ) { row in
            let (change, category, subject, before, after) = try row.decode(
                (String, String, String, String, String).self)
            print([change, category, subject, before, after].map(CSV.field).joined(separator: ","))
        }
    }
}
