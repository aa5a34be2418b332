import ArgumentParser
import Compliance
import Foundation
import Postgres
import Reports

/// `periksa case …`: open a case, record its events, show it, write its letters.
struct CaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "case",
        abstract: "Follow one employer up after an audit: open a case, record its steps, show it, write its letters.",
        discussion: "The states, events and deadlines are in docs/cases.md.",
        subcommands: [CaseOpenCommand.self, CaseRecordCommand.self, CaseShowCommand.self, CaseLetterCommand.self])
}

extension CaseEventKind: ExpressibleByArgument {}
extension InspectionKind: ExpressibleByArgument {}
extension InspectionOutcome: ExpressibleByArgument {}
extension ClosingReason: ExpressibleByArgument {}

/// Dates on the command line: `YYYY-MM-DD`, a real day; today is the local calendar's.
enum CaseDay {
    static func parse(_ text: String?, option: String) throws -> String {
        guard let text else { return CaseDates.today() }
        guard let day = CaseDates.validDay(text) else {
            throw ValidationError("\(option) takes a date YYYY-MM-DD, not \(text)")
        }
        return day
    }
}

/// `periksa case open`.
struct CaseOpenCommand: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open a case for an employer (--npp), or one per employer of a branch's audit list (--audit-list).",
        discussion: """
            --npp X [--run ID | --period P]: a targeted case from that run (default: the latest run \
            with a finding for X). --audit-list --period P --branch B --capacity N [--control K \
            --seed S]: a targeted case for each employer on the list, and K control cases drawn at \
            random from the branch's other active employers without an open case (the same seed \
            draws the same employers). Prints case_id=N per case. Exit 1, nothing opened, for an \
            employer with an open case or without a finding in the run.
            """)

    @Option(help: "The employer's NPP.") var npp: String?
    @Flag(name: .customLong("audit-list"), help: "Open the cases of a branch's audit list.") var auditList = false
    @Option(help: "The audit run (with --npp).") var run: Int?
    @Option(help: "The audited period, YYYY-MM.") var period: String?
    @Option(help: "The branch office (with --audit-list).") var branch: String?
    @Option(help: "Employers on the list (with --audit-list).") var capacity: Int?
    @Option(help: "Control cases to draw at random (with --audit-list).") var control = 0
    @Option(help: "The seed of the control sample.") var seed = 1
    @Option(help: "The opening date, YYYY-MM-DD (default today).") var on: String?
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if auditList {
            guard npp == nil else { throw ValidationError("give either --npp or --audit-list, not both") }
            guard period != nil, branch != nil, let capacity else {
                throw ValidationError("--audit-list needs --period P, --branch B and --capacity N")
            }
            guard capacity >= 1 else { throw ValidationError("--capacity must be at least 1") }
            guard run == nil else { throw ValidationError("--audit-list takes the latest run of --period, not --run") }
        } else {
            guard npp != nil else { throw ValidationError("give --npp X or --audit-list") }
            guard run == nil || period == nil else { throw ValidationError("give --run or --period, not both") }
            guard control == 0 else { throw ValidationError("--control only with --audit-list") }
        }
        guard control >= 0 else { throw ValidationError("--control must be 0 or more") }
        _ = try CaseDay.parse(on, option: "--on")
    }

    func execute() throws {
        let connection = try global.connect()
        let day = try CaseDay.parse(on, option: "--on")
        let cases = Cases(connection: connection)
        if auditList, let period, let branch, let capacity {
            let opened = try cases.openFromAuditList(
                period: period, branch: branch, capacity: capacity, control: control, seed: seed, on: day)
            for entry in opened { print("case_id=\(entry.caseID)") }
            printNote(
                global.language.text(
                    "\(opened.filter { $0.selection == "targeted" }.count) kasus sasaran, \(opened.filter { $0.selection == "control" }.count) kasus kontrol (seed \(seed)) dibuka di cabang \(branch)",
                    "\(opened.filter { $0.selection == "targeted" }.count) targeted and \(opened.filter { $0.selection == "control" }.count) control cases (seed \(seed)) opened in branch \(branch)"
                ))
        } else if let npp {
            print("case_id=\(try cases.open(npp: npp, runID: run, period: period, on: day))")
        }
    }
}

/// `periksa case record N EVENT`.
struct CaseRecordCommand: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record a step of a case: inspection, sp1, sp2, denda, tmp2t, rujuk, selesai, tutup.",
        discussion: """
            inspection --kind kantor|lapangan --outcome terbukti|sebagian|tidak_terbukti; tutup \
            --reason patuh|tidak_terbukti|tidak_tertagih|lainnya. A step the case's state does not \
            allow, or dated before its latest event, is refused: exit 1, nothing written.
            """)

    @Argument(help: "The case id.") var caseID: Int
    @Argument(help: "The event.") var event: CaseEventKind
    @Option(help: "kantor or lapangan (inspection).") var kind: InspectionKind?
    @Option(help: "terbukti, sebagian or tidak_terbukti (inspection).") var outcome: InspectionOutcome?
    @Option(help: "patuh, tidak_terbukti, tidak_tertagih or lainnya (tutup).") var reason: ClosingReason?
    @Option(help: "Free text, kept as written.") var note: String?
    @Option(help: "The date of the event, YYYY-MM-DD (default today).") var on: String?
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if event == .inspection {
            guard kind != nil, outcome != nil else {
                throw ValidationError(
                    "inspection needs --kind kantor|lapangan and --outcome terbukti|sebagian|tidak_terbukti")
            }
        } else if kind != nil || outcome != nil {
            throw ValidationError("--kind and --outcome belong to inspection only")
        }
        if event == .tutup {
            guard reason != nil else {
                throw ValidationError("tutup needs --reason patuh|tidak_terbukti|tidak_tertagih|lainnya")
            }
        } else if reason != nil {
            throw ValidationError("--reason belongs to tutup only")
        }
        _ = try CaseDay.parse(on, option: "--on")
    }

    func execute() throws {
        let connection = try global.connect()
        let request = CaseEventRequest(
            event: event, on: try CaseDay.parse(on, option: "--on"), kind: kind, outcome: outcome, reason: reason,
            note: note)
        let cases = Cases(connection: connection)
        let (state, deadline) = try cases.record(case: caseID, request)
        let language = global.language
        print(
            "case_id=\(caseID) state=\(state.rawValue)" + (deadline.map { " deadline=\($0)" } ?? ""))
        if let deadline {
            printNote(
                language.text("Batas waktu: ", "Deadline: ") + CaseText.longDate(deadline, language)
                    + (try CaseText.isProvisional(deadline, listedUntil: cases.holidaysListedUntil())
                        ? language.text(
                            " (sementara: hari libur tahun itu belum terdaftar, hanya Sabtu dan Minggu dilewati)",
                            " (provisional: that year's holidays are not listed yet, only weekends skipped)") : ""))
        }
    }
}

/// `periksa case show N`.
struct CaseShowCommand: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "One case: its state, deadline, figures and events, as of a date.")

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, table }

    @Argument(help: "The case id.") var caseID: Int
    @Option(name: .customLong("as-of"), help: "The date the figures are as of, YYYY-MM-DD (default today).")
    var asOf: String?
    @Option(help: "json or table.") var format: Format = .table
    @Option(help: "The configuration file (fine rate).") var config: String?
    @OptionGroup var global: GlobalOptions

    func validate() throws { _ = try CaseDay.parse(asOf, option: "--as-of") }

    func execute() throws {
        let connection = try global.connect()
        let day = try CaseDay.parse(asOf, option: "--as-of")
        let configuration = try Configuration.load(path: config)
        let cases = Cases(connection: connection, fineRate: configuration.fineRate)
        guard let status = try cases.status(asOf: day, caseID: caseID).first else {
            if let later = try cases.status(asOf: "9999-12-31", caseID: caseID).first {
                throw CaseError.badOption(
                    global.language.text(
                        "kasus \(caseID) dibuka pada \(later.openedOn), sesudah --as-of \(day)",
                        "case \(caseID) was opened on \(later.openedOn), after --as-of \(day)"))
            }
            throw CaseError.caseNotFound(caseID)
        }
        let events = try cases.events(of: caseID).filter { $0.on <= day }
        let listedUntil = try cases.holidaysListedUntil()
        let language = global.language
        switch format {
        case .json:
            var object = CaseJSON.object(status, asOf: day)
            object["events"] = events.map(CaseJSON.event)
            object["deadline_provisional"] =
                status.deadline.map {
                    CaseText.isProvisional($0, listedUntil: listedUntil)
                } ?? false
            print(try CaseJSON.text(object))
        case .table:
            let rows: [(String, String)] = [
                (language.text("kasus", "case"), String(status.caseID)),
                ("NPP", "\(status.npp)  \(status.employerName)"),
                (language.text("cabang", "branch"), status.branch),
                (language.text("audit", "run"), "#\(status.runID) (\(status.period))"),
                (language.text("jenis", "selection"), status.selection),
                (language.text("status", "state"), "\(status.state.rawValue) (\(status.state.label(language)))"),
                (language.text("dibuka", "opened"), status.openedOn),
                (
                    language.text("batas waktu", "deadline"),
                    status.deadline.map {
                        CaseText.longDate($0, language)
                            + (status.overdue(on: day) ? language.text(" — TERLAMBAT", " — OVERDUE") : "")
                            + (CaseText.isProvisional($0, listedUntil: listedUntil)
                                ? language.text(" (sementara)", " (provisional)") : "")
                    } ?? "-"
                ),
                (
                    language.text("kategori", "categories"),
                    status.categories.isEmpty ? "-" : status.categories.joined(separator: ", ")
                ),
                (language.text("nilai temuan", "at stake"), Formatting.rupiah(status.atStake, language)),
                (language.text("denda", "fine"), Formatting.rupiah(status.fine, language)),
                (language.text("iuran tertagih", "recovered"), Formatting.rupiah(status.recovered, language)),
                (
                    language.text("tambahan iuran/bulan", "added monthly"),
                    Formatting.rupiah(status.addedMonthly, language)
                ),
            ]
            let width = rows.map(\.0.count).max() ?? 0
            var text = rows.map { $0.0.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.1 }
                .joined(separator: "\n")
            text += "\n\n" + language.text("Peristiwa (per \(day)):", "Events (as of \(day)):") + "\n"
            if events.isEmpty { text += language.text("  belum ada\n", "  none yet\n") }
            for event in events {
                var line = "  \(event.on)  \(event.event.rawValue)"
                if let kind = event.kind, let outcome = event.outcome {
                    line += " \(kind.rawValue) \(outcome.rawValue)"
                }
                if let reason = event.reason { line += " \(reason.rawValue)" }
                if let deadline = event.deadline {
                    line += language.text("  batas \(deadline)", "  deadline \(deadline)")
                }
                line += "  → \(event.state.rawValue)"
                if let note = event.note { line += "\n      " + language.text("catatan: ", "note: ") + note }
                text += line + "\n"
            }
            print(text, terminator: "")
        }
    }
}

/// JSON of cases, as the contract names the keys.
enum CaseJSON {
    static func object(_ status: CaseStatus, asOf day: String) -> [String: Any] {
        [
            "case_id": status.caseID, "npp": status.npp, "branch_code": status.branch, "run_id": status.runID,
            "period": status.period, "selection": status.selection, "state": status.state.rawValue,
            "opened_on": status.openedOn, "categories": status.categories, "at_stake_idr": status.atStake,
            "deadline": status.deadline ?? NSNull(), "overdue": status.overdue(on: day), "fine_idr": status.fine,
            "recovered_idr": status.recovered, "added_monthly_idr": status.addedMonthly,
            "employer_name": status.employerName, "as_of": day,
        ]
    }

    static func event(_ event: CaseEvent) -> [String: Any] {
        var object: [String: Any] = [
            "event": event.event.rawValue, "on": event.on, "deadline": event.deadline ?? NSNull(),
            "note": event.note ?? NSNull(), "state": event.state.rawValue, "recorded_by": event.recordedBy,
        ]
        if event.event == .inspection {
            object["kind"] = event.kind?.rawValue ?? NSNull()
            object["outcome"] = event.outcome?.rawValue ?? NSNull()
        }
        if event.event == .tutup { object["reason"] = event.reason?.rawValue ?? NSNull() }
        return object
    }

    static func text(_ value: Any) throws -> String {
        let data = try JSONSerialization.data(
            withJSONObject: value, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}

/// `periksa case letter N --kind sp1|sp2|tmp2t|rujuk --format html|md [--out FILE]`.
struct CaseLetterCommand: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "letter",
        abstract: "The letter of a step (sp1, sp2, tmp2t, rujuk), in Bahasa Indonesia, A4 HTML or Markdown.",
        discussion: """
            The branch's letterhead (name, address, city, head of branch) comes from the \
            configuration file (--config, else $PERIKSA_CONFIG, else ./periksa.json; docs/cases.md). \
            A step the case has not reached is refused (exit 1).
            """)

    enum Kind: String, ExpressibleByArgument, CaseIterable { case sp1, sp2, tmp2t, rujuk }

    @Argument(help: "The case id.") var caseID: Int
    @Option(help: "sp1, sp2, tmp2t or rujuk.") var kind: Kind
    @Option(help: "html or md.") var format: ReportFormat = .html
    @Option(help: "The file to write (default: stdout). Written whole or not at all.") var out: String?
    @Option(help: "The configuration file (letterheads, fine rate).") var config: String?
    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let configuration = try Configuration.load(path: config)
        let connection = try global.connect()
        let cases = Cases(connection: connection, fineRate: configuration.fineRate)
        let data = try cases.letter(case: caseID, kind: CaseLetterKind(rawValue: kind.rawValue)!)
        let text = try CaseLetter.render(
            data, branch: configuration.branch(data.status.branch), format: format, fineRate: configuration.fineRate)
        if let out {
            try text.write(toFile: out, atomically: true, encoding: .utf8)
            printNote(global.language.text("ditulis: ", "written: ") + out)
        } else {
            print(text, terminator: "")
        }
    }
}
