import Foundation
import Postgres
import SQLFiles

/// A case as of a date: what `periksa.case_status` gives (docs/cases.md).
public struct CaseStatus: Sendable, Equatable {
    public var caseID: Int
    public var npp: String
    public var branch: String
    public var runID: Int
    /// `YYYY-MM`.
    public var period: String
    public var selection: String
    public var state: CaseState
    public var openedOn: String
    /// The current deadline (`YYYY-MM-DD`), if the state has one.
    public var deadline: String?
    public var categories: [String]
    public var atStake: Int64
    public var fine: Int64
    public var recovered: Int64
    public var addedMonthly: Int64
    public var inspections: Int
    public var outcome: InspectionOutcome?
    public var employerName: String
    public var region: String

    /// Overdue on `day`: the current deadline is before it.
    public func overdue(on day: String) -> Bool { deadline.map { $0 < day } ?? false }

    public var inspected: Bool { inspections > 0 }
    public var hit: Bool { outcome?.isHit == true }
}

/// One recorded event of a case.
public struct CaseEvent: Sendable, Equatable {
    public var event: CaseEventKind
    public var on: String
    public var state: CaseState
    public var deadline: String?
    public var kind: InspectionKind?
    public var outcome: InspectionOutcome?
    public var reason: ClosingReason?
    public var note: String?
    public var recordedBy: String
    public var recordedAt: Date
}

/// Cases in the database: opening them, recording their events, reading them as of a date.
/// Everything goes through the session's login, so row-level security keeps an inspector to
/// the cases of its branches.
public struct Cases {
    public let connection: Connection
    /// `cases.fine_rate_monthly` (0.1 % a month unless configured).
    public var fineRate: Decimal

    public static let defaultFineRate = Decimal(string: "0.001")!

    public init(connection: Connection, fineRate: Decimal = Cases.defaultFineRate) {
        self.connection = connection
        self.fineRate = fineRate
    }

    // MARK: - Opening

    /// Opens a targeted case for `npp` from run `runID` (or the latest run of `period`, or the
    /// latest run with a finding for it). Returns the case id.
    public func open(npp rawNPP: String, runID: Int?, period: String?, on day: String) throws -> Int {
        let npp = rawNPP.uppercased()
        return try connection.transaction { connection in
            guard try connection.queryFirst("select 1 from periksa.employers where npp = \(npp)") != nil else {
                throw CaseError.unknownEmployer(npp)
            }
            let run: Int
            if runID != nil || period != nil {
                run = try Findings(connection: connection).resolveRun(period: period, run: runID)
            } else {
                guard
                    let row = try connection.queryFirst(
                        """
                        select max(f.run_id) from periksa.findings f join periksa.runs r using (run_id)
                        where f.npp = \(npp) and r.status = 'finished'
                        """), let found = try row.decode(Int?.self, at: 0)
                else { throw CaseError.noRunWithFinding(npp: npp) }
                run = found
            }
            guard
                try connection.queryFirst(
                    "select 1 from periksa.findings where run_id = \(run) and npp = \(npp) limit 1") != nil
            else { throw CaseError.noFinding(npp: npp, runID: run) }
            return try insertCase(npp: npp, run: run, selection: "targeted", on: day, connection)
        }
    }

    /// Opens a targeted case for every employer on the audit list of `period` and `branch`
    /// (the latest run, `capacity` employers), then `control` control cases drawn with `seed`
    /// from the branch's other active employers without an open case. One transaction.
    public func openFromAuditList(
        period: String, branch: String, capacity: Int, control: Int, seed: Int, on day: String
    ) throws -> [(caseID: Int, npp: String, selection: String)] {
        try connection.transaction { connection in
            let run = try Findings(connection: connection).resolveRun(period: period, run: nil)
            var listed: [String] = []
            try AuditList(connection: connection).stream(run: run, branch: branch, capacity: capacity) {
                listed.append($0.npp)
            }
            var opened: [(Int, String, String)] = []
            for npp in listed {
                opened.append(
                    (try insertCase(npp: npp, run: run, selection: "targeted", on: day, connection), npp, "targeted"))
            }
            if control > 0 {
                let drawn = try connection.query(
                    PostgresQuery(
                        unsafeSQL: SQLFiles.text(of: "case_control_sample.sql", in: "queries"),
                        binds: [branch, String(seed), control, listed])
                ).map { try $0.decode(String.self, at: 0) }
                for npp in drawn {
                    opened.append(
                        (try insertCase(npp: npp, run: run, selection: "control", on: day, connection), npp, "control"))
                }
            }
            return opened
        }
    }

    private func insertCase(npp: String, run: Int, selection: String, on day: String, _ connection: Connection) throws
        -> Int
    {
        if let row = try connection.queryFirst(
            "select case_id, state from periksa.cases where npp = \(npp) and state <> 'ditutup' limit 1")
        {
            let (id, state) = try row.decode((Int, String).self)
            throw CaseError.openCaseExists(npp: npp, caseID: id, state: CaseState(rawValue: state) ?? .dibuka)
        }
        guard
            let row = try connection.queryFirst(
                PostgresQuery(
                    unsafeSQL: SQLFiles.text(of: "case_open.sql", in: "queries"), binds: [run, npp, day, selection]))
        else { throw CaseError.unknownEmployer(npp) }
        let caseID = try row.decode(Int.self, at: 0)
        try connection.execute(
            PostgresQuery(
                unsafeSQL: SQLFiles.text(of: "case_open_arrears.sql", in: "queries"), binds: [caseID]))
        return caseID
    }

    // MARK: - Events

    /// Records one event; returns the state it leaves and its deadline. Refusals change nothing.
    @discardableResult
    public func record(case caseID: Int, _ request: CaseEventRequest) throws -> (state: CaseState, deadline: String?) {
        try connection.transaction { connection in
            guard
                let row = try connection.queryFirst(
                    "select opened_on::text from periksa.cases where case_id = \(caseID) for update")
            else { throw CaseError.caseNotFound(caseID) }
            let openedOn = try row.decode(String.self, at: 0)
            // The state follows from the events (periksa.cases.state mirrors the latest one).
            let events = try self.events(of: caseID, connection)
            let history = Self.history(caseID: caseID, openedOn: openedOn, events: events)
            var dates = CaseDates(tmp2tFrom: nil)
            if let deadline = history.warningIIDeadline {
                dates.tmp2tFrom = try connection.queryFirst("select (\(deadline)::date + 30)::text")!.decode(
                    String.self, at: 0)
            }
            let next = try CaseMachine.next(history, request, dates: dates)
            var deadline: String?
            if request.event == .sp1 || request.event == .sp2 {
                deadline = try connection.queryFirst("select periksa.add_working_days(\(request.on)::date, 10)::text")!
                    .decode(String.self, at: 0)
            }
            try connection.execute(
                """
                insert into periksa.case_events (case_id, event, on_date, kind, outcome, reason, note, state, deadline)
                values (\(caseID), \(request.event.rawValue), \(request.on)::date, \(request.kind?.rawValue),
                        \(request.outcome?.rawValue), \(request.reason?.rawValue), \(request.note), \(next.rawValue),
                        \(deadline)::date)
                """)
            try connection.execute("update periksa.cases set state = \(next.rawValue) where case_id = \(caseID)")
            return (next, deadline)
        }
    }

    /// What the events so far leave, for judging the next one.
    public static func history(caseID: Int, openedOn: String, events: [CaseEvent]) -> CaseHistory {
        CaseHistory(
            caseID: caseID, state: events.last?.state ?? .dibuka, openedOn: openedOn,
            latestOn: events.last?.on ?? openedOn,
            latestOutcome: events.last(where: { $0.event == .inspection })?.outcome,
            warningIIDeadline: events.last(where: { $0.event == .sp2 })?.deadline,
            warningDeadline: events.last?.deadline)
    }

    /// The events of a case, oldest first.
    public func events(of caseID: Int) throws -> [CaseEvent] { try events(of: caseID, connection) }

    private func events(of caseID: Int, _ connection: Connection) throws -> [CaseEvent] {
        try connection.query(
            """
            select event, on_date::text, state, deadline::text, kind, outcome, reason, note, recorded_by, recorded_at
            from periksa.case_events where case_id = \(caseID) order by on_date, event_id
            """
        ).map { row in
            let (event, on, state, deadline, kind, outcome) = try row.decode(
                (String, String, String, String?, String?, String?).self)
            let (reason, note, by, at) = try (
                row.decode(String?.self, at: 6), row.decode(String?.self, at: 7), row.decode(String.self, at: 8),
                row.decode(Date.self, at: 9)
            )
            guard let eventKind = CaseEventKind(rawValue: event), let stateValue = CaseState(rawValue: state) else {
                throw CaseError.badOption("case \(caseID) holds an event Periksa does not know: \(event)")
            }
            return CaseEvent(
                event: eventKind, on: on, state: stateValue, deadline: deadline,
                kind: kind.flatMap(InspectionKind.init(rawValue:)),
                outcome: outcome.flatMap(InspectionOutcome.init(rawValue:)),
                reason: reason.flatMap(ClosingReason.init(rawValue:)), note: note, recordedBy: by, recordedAt: at)
        }
    }

    // MARK: - Reading

    /// The cases the session may see as of `day` (of `branch`, or the one case `caseID`).
    public func status(asOf day: String, branch: String? = nil, caseID: Int? = nil) throws -> [CaseStatus] {
        try connection.query(
            """
            select case_id, npp, branch_code, run_id, period, selection, state, opened_on, deadline,
                   array_to_string(categories, ','),
                   at_stake_idr, fine_idr, recovered_idr, added_monthly_idr, inspections, outcome, employer_name,
                   region_code
            from periksa.case_status(\(day)::date, \(fineRate)::numeric, \(branch), \(caseID.map(Int64.init))::bigint)
            """
        ).map { row in
            let (id, npp, branch, run, period, selection) = try row.decode(
                (Int, String, String, Int, String, String).self)
            let (state, openedOn, deadline, categories, atStake, fine) = try (
                row.decode(String.self, at: 6), row.decode(String.self, at: 7), row.decode(String?.self, at: 8),
                row.decode(String.self, at: 9), row.decode(Int64.self, at: 10), row.decode(Int64.self, at: 11)
            )
            let (recovered, added, inspections, outcome, name, region) = try (
                row.decode(Int64.self, at: 12), row.decode(Int64.self, at: 13), row.decode(Int.self, at: 14),
                row.decode(String?.self, at: 15), row.decode(String.self, at: 16), row.decode(String.self, at: 17)
            )
            return CaseStatus(
                caseID: id, npp: npp, branch: branch, runID: run, period: period, selection: selection,
                state: CaseState(rawValue: state) ?? .dibuka, openedOn: openedOn, deadline: deadline,
                categories: categories.split(separator: ",").map(String.init), atStake: atStake, fine: fine,
                recovered: recovered, addedMonthly: added,
                inspections: inspections, outcome: outcome.flatMap(InspectionOutcome.init(rawValue:)),
                employerName: name, region: region)
        }
    }

    /// The holidays are listed up to this day; a deadline after it counts weekdays only.
    public func holidaysListedUntil() throws -> String? {
        try connection.queryFirst("select periksa.holidays_listed_until()::text")?.decode(String?.self, at: 0)
    }
}

/// A branch's case figures at the end of one month (the as-of date for the last).
public struct CaseMonthEnd: Sendable {
    public var month: String
    public var fine: Int64
    public var recovered: Int64
    public var addedMonthly: Int64

    public init(month: String, fine: Int64, recovered: Int64, addedMonthly: Int64) {
        (self.month, self.fine, self.recovered, self.addedMonthly) = (month, fine, recovered, addedMonthly)
    }
}

extension Cases {
    /// The cases as of `day` (of `branch`, or every branch the session sees) and their figures
    /// at each month end from the first opening (at most the last twelve, the last one `day`
    /// itself), as the follow-up report shows them.
    public func withMonthEnds(branch: String?, asOf day: String) throws -> (
        cases: [CaseStatus], months: [CaseMonthEnd]
    ) {
        let current = try status(asOf: day, branch: branch)
        guard let first = current.map(\.openedOn).min(),
            let firstYear = Int(first.prefix(4)), let firstMonth = Int(first.dropFirst(5).prefix(2)),
            let lastYear = Int(day.prefix(4)), let lastMonth = Int(day.dropFirst(5).prefix(2))
        else { return (current, []) }
        var ends: [String] = []
        var (year, month) = (firstYear, firstMonth)
        while (year, month) < (lastYear, lastMonth) {
            ends.append(
                String(format: "%04d-%02d-%02d", year, month, FieldRules.daysIn(year: year, month: month)))
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
        }
        ends = Array(ends.suffix(11)) + [day]
        let months = try ends.map { end in
            let figures = end == day ? current : try status(asOf: end, branch: branch)
            return CaseMonthEnd(
                month: String(end.prefix(7)), fine: figures.reduce(0) { $0 + $1.fine },
                recovered: figures.reduce(0) { $0 + $1.recovered },
                addedMonthly: figures.reduce(0) { $0 + $1.addedMonthly })
        }
        return (current, months)
    }
}

/// The steps that have a letter.
public enum CaseLetterKind: String, Sendable, CaseIterable {
    case sp1, sp2, tmp2t, rujuk

    /// The event that reaches the step.
    public var event: CaseEventKind {
        switch self {
        case .sp1: .sp1
        case .sp2: .sp2
        case .tmp2t: .tmp2t
        case .rujuk: .rujuk
        }
    }
}

/// What a letter says: the case as of the step's date, the step, the warnings before it, the
/// findings it was opened with.
public struct CaseLetterData: Sendable {
    public var kind: CaseLetterKind
    public var status: CaseStatus
    /// The step's event (its date is the letter's).
    public var step: CaseEvent
    public var events: [CaseEvent]
    public var findings: [FindingFacts]
    /// The periods in arrears at opening, `YYYY-MM`, with what was outstanding then.
    public var arrears: [(period: String, outstanding: Decimal)]
    /// The holidays are listed up to this day (a deadline after it may come too early).
    public var holidaysListedUntil: String?

    /// Warning I's and II's events, if recorded.
    public var warningI: CaseEvent? { events.last { $0.event == .sp1 } }
    public var warningII: CaseEvent? { events.last { $0.event == .sp2 } }
}

extension Cases {
    /// The facts of the letter of step `kind`; refused when the case has not reached it.
    public func letter(case caseID: Int, kind: CaseLetterKind) throws -> CaseLetterData {
        let events = try events(of: caseID)
        guard let step = events.last(where: { $0.event == kind.event }) else {
            // Not reached (or no such case): the message names the state the case is in.
            guard let any = try status(asOf: "9999-12-31", caseID: caseID).first else {
                throw CaseError.caseNotFound(caseID)
            }
            throw CaseError.letterNotReached(case: caseID, state: any.state, kind: kind.rawValue)
        }
        guard let status = try status(asOf: step.on, caseID: caseID).first else { throw CaseError.caseNotFound(caseID) }
        let findings = try connection.query(
            """
            select category, estimated_loss_idr, evidence::text from periksa.findings
            where run_id = \(status.runID) and npp = \(status.npp) order by category
            """
        ).map { row in
            let (code, loss, json) = try row.decode((String, Int64, String).self)
            return try FindingFacts(code: code, loss: loss, json: json, subject: status.npp)
        }
        let arrears = try connection.query(
            "select to_char(period, 'YYYY-MM'), outstanding_idr from periksa.case_arrears where case_id = \(caseID) order by period"
        ).map { row in try row.decode((String, Decimal).self) }
        return CaseLetterData(
            kind: kind, status: status, step: step, events: events.filter { $0.on <= step.on }, findings: findings,
            arrears: arrears.map { (period: $0.0, outstanding: $0.1) }, holidaysListedUntil: try holidaysListedUntil())
    }
}
