import ArgumentParser
import Compliance
import Foundation
import Postgres

/// `periksa cases [list]` and `periksa cases evaluate`.
struct CasesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cases",
        abstract: "List cases (by branch, state, overdue), or evaluate the targeting.",
        subcommands: [CasesListCommand.self, CasesEvaluateCommand.self],
        defaultSubcommand: CasesListCommand.self)
}

/// The options both share: branch, date, format, configuration.
struct CaseListOptions: ParsableArguments {
    @Option(help: "Only this branch office.") var branch: String?
    @Option(name: .customLong("as-of"), help: "The date the figures are as of, YYYY-MM-DD (default today).")
    var asOf: String?
    @Option(help: "The configuration file (fine rate).") var config: String?

    func validate() throws { _ = try CaseDay.parse(asOf, option: "--as-of") }

    func statuses(_ global: GlobalOptions) throws -> (day: String, cases: [CaseStatus]) {
        let day = try CaseDay.parse(asOf, option: "--as-of")
        let configuration = try Configuration.load(path: config)
        let connection = try global.connect()
        return (
            day, try Cases(connection: connection, fineRate: configuration.fineRate).status(asOf: day, branch: branch)
        )
    }
}

/// `periksa cases [--branch B] [--state S] [--overdue] [--as-of D] --format csv|json|table`.
struct CasesListCommand: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "The cases you may see, with their state, deadline and figures.")

    @OptionGroup var options: CaseListOptions
    @Option(help: "Only cases in this state.") var state: CaseState?
    @Flag(help: "Only cases whose current deadline has passed.") var overdue = false
    @Option(help: "csv, json or table.") var format: FindingsCommand.Format = .table
    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let (day, all) = try options.statuses(global)
        let cases = all.filter { (state == nil || $0.state == state) && (!overdue || $0.overdue(on: day)) }
        let out = OutputBuffer()
        let language = global.language
        switch format {
        case .csv:
            out.write(
                "case_id,npp,branch_code,selection,state,opened_on,deadline,overdue,at_stake_idr,fine_idr,recovered_idr,added_monthly_idr\n"
            )
            for item in cases {
                out.write(
                    [
                        String(item.caseID), item.npp, item.branch, item.selection, item.state.rawValue, item.openedOn,
                        item.deadline ?? "", item.overdue(on: day) ? "true" : "false", String(item.atStake),
                        String(item.fine), String(item.recovered), String(item.addedMonthly),
                    ].map(CSV.field).joined(separator: ",") + "\n")
            }
        case .json:
            out.write(try CaseJSON.text(cases.map { CaseJSON.object($0, asOf: day) }) + "\n")
        case .table:
            if cases.isEmpty {
                out.write(language.text("Tidak ada kasus.\n", "No cases.\n"))
                break
            }
            let header = language.text(
                [
                    "kasus", "NPP", "cabang", "jenis", "status", "dibuka", "batas", "terlambat", "nilai", "denda",
                    "tertagih", "tambahan/bln",
                ],
                [
                    "case", "NPP", "branch", "selection", "state", "opened", "deadline", "overdue", "at stake", "fine",
                    "recovered", "added/mo",
                ])
            out.write(
                TextTable.render(
                    header: header,
                    rows: cases.map { item in
                        [
                            String(item.caseID), item.npp, item.branch, item.selection, item.state.rawValue,
                            item.openedOn, item.deadline ?? "-",
                            item.overdue(on: day) ? language.text("ya", "yes") : "",
                            Formatting.rupiah(item.atStake, language), Formatting.rupiah(item.fine, language),
                            Formatting.rupiah(item.recovered, language), Formatting.rupiah(item.addedMonthly, language),
                        ]
                    }) + "\n")
        }
        out.flush()
    }
}

/// `periksa cases evaluate [--branch B] [--as-of D] --format csv|json|table`.
struct CasesEvaluateCommand: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract:
            "Hit rate of targeted against control cases (95 % Wilson intervals), recoveries, precision per audit list.")

    @OptionGroup var options: CaseListOptions
    @Option(help: "csv, json or table.") var format: FindingsCommand.Format = .table
    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let (day, cases) = try options.statuses(global)
        let evaluation = CaseEvaluation(cases)
        let d4 = CaseEvaluation.decimals4
        let out = OutputBuffer()
        let language = global.language
        switch format {
        case .csv:
            out.write("branch_code,selection,inspected,hits,hit_rate,ci_low,ci_high,recovered_idr,added_monthly_idr\n")
            for group in evaluation.groups {
                out.write(
                    [
                        group.branch, group.selection, String(group.inspected), String(group.hits), d4(group.hitRate),
                        d4(group.interval.low), d4(group.interval.high), String(group.recovered),
                        String(group.addedMonthly),
                    ].map(CSV.field).joined(separator: ",") + "\n")
            }
        case .json:
            let groups: [[String: Any]] = evaluation.groups.map { group in
                [
                    "branch_code": group.branch, "selection": group.selection, "inspected": group.inspected,
                    "hits": group.hits, "hit_rate": d4(group.hitRate), "ci_low": d4(group.interval.low),
                    "ci_high": d4(group.interval.high), "recovered_idr": group.recovered,
                    "added_monthly_idr": group.addedMonthly, "recovered_per_case_idr": group.recoveredPerCase,
                    "added_monthly_per_case_idr": group.addedMonthlyPerCase,
                ]
            }
            let runs: [[String: Any]] = evaluation.runs.map { run in
                [
                    "run_id": run.runID, "period": run.period, "k": run.k, "inspected": run.inspected, "hits": run.hits,
                    "precision_at_k": run.precision.map(d4) ?? NSNull(),
                ]
            }
            out.write(try CaseJSON.text(["as_of": day, "groups": groups, "runs": runs]) + "\n")
        case .table:
            if evaluation.groups.isEmpty {
                out.write(
                    language.text(
                        "Belum ada kasus yang diperiksa (per \(day)).\n",
                        "No case has been inspected yet (as of \(day)).\n"))
            } else {
                out.write(
                    TextTable.render(
                        header: language.text(
                            [
                                "cabang", "jenis", "diperiksa", "terbukti", "tingkat", "IK 95% bawah", "IK 95% atas",
                                "tertagih", "per kasus", "tambahan/bln",
                            ],
                            [
                                "branch", "selection", "inspected", "hits", "hit rate", "95% CI low", "95% CI high",
                                "recovered", "per case", "added/mo",
                            ]),
                        rows: evaluation.groups.map { group in
                            [
                                group.branch, group.selection, String(group.inspected), String(group.hits),
                                d4(group.hitRate), d4(group.interval.low), d4(group.interval.high),
                                Formatting.rupiah(group.recovered, language),
                                Formatting.rupiah(group.recoveredPerCase, language),
                                Formatting.rupiah(group.addedMonthly, language),
                            ]
                        }) + "\n")
            }
            if !evaluation.runs.isEmpty {
                out.write("\n" + language.text("Presisi per daftar audit:\n", "Precision of each audit list:\n"))
                out.write(
                    TextTable.render(
                        header: language.text(
                            ["audit", "periode", "k", "diperiksa", "terbukti", "presisi@k"],
                            ["run", "period", "k", "inspected", "hits", "precision@k"]),
                        rows: evaluation.runs.map { run in
                            [
                                "#\(run.runID)", run.period, String(run.k), String(run.inspected), String(run.hits),
                                run.precision.map(d4) ?? "-",
                            ]
                        }) + "\n")
            }
        }
        out.flush()
    }
}

extension CaseState: ExpressibleByArgument {}
