import Foundation

/// The states of a case (docs/cases.md).
public enum CaseState: String, Sendable, CaseIterable, Codable {
    case dibuka, diperiksa, sp1, sp2, denda, tmp2t, dirujuk, selesai, ditutup

    /// Not closed: an employer has at most one such case, and the audit list leaves it out.
    /// Only `ditutup` closes a case (`selesai` says the employer complied; the case is closed
    /// with `tutup --reason patuh` once that is confirmed).
    public var isOpen: Bool { self != .ditutup }

    public func label(_ language: Language) -> String {
        switch self {
        case .dibuka: language.text("dibuka", "opened")
        case .diperiksa: language.text("diperiksa", "inspected")
        case .sp1: language.text("surat peringatan I", "written warning I")
        case .sp2: language.text("surat peringatan II", "written warning II")
        case .denda: language.text("denda administratif", "administrative fine")
        case .tmp2t: language.text("permintaan TMP2T", "TMP2T requested")
        case .dirujuk: language.text("dirujuk ke Jaksa Pengacara Negara", "referred to the state attorney")
        case .selesai: language.text("selesai (patuh)", "complied")
        case .ditutup: language.text("ditutup", "closed")
        }
    }
}

/// The events a case records.
public enum CaseEventKind: String, Sendable, CaseIterable, Codable {
    case inspection, sp1, sp2, denda, tmp2t, rujuk, selesai, tutup
}

public enum InspectionKind: String, Sendable, CaseIterable, Codable { case kantor, lapangan }

public enum InspectionOutcome: String, Sendable, CaseIterable, Codable {
    case terbukti, sebagian
    case tidakTerbukti = "tidak_terbukti"

    /// The finding was confirmed, wholly or in part.
    public var isHit: Bool { self != .tidakTerbukti }
}

public enum ClosingReason: String, Sendable, CaseIterable, Codable {
    case patuh
    case tidakTerbukti = "tidak_terbukti"
    case tidakTertagih = "tidak_tertagih"
    case lainnya
}

/// One event to record: what, on which day (`YYYY-MM-DD`), and its options.
public struct CaseEventRequest: Sendable, Equatable {
    public var event: CaseEventKind
    public var on: String
    public var kind: InspectionKind?
    public var outcome: InspectionOutcome?
    public var reason: ClosingReason?
    public var note: String?

    public init(
        event: CaseEventKind, on: String, kind: InspectionKind? = nil, outcome: InspectionOutcome? = nil,
        reason: ClosingReason? = nil, note: String? = nil
    ) {
        self.event = event
        self.on = on
        self.kind = kind
        self.outcome = outcome
        self.reason = reason
        self.note = note
    }
}

/// What a case's events so far leave: the facts the next event is judged by.
public struct CaseHistory: Sendable, Equatable {
    public var caseID: Int
    public var state: CaseState
    public var openedOn: String
    /// The date of the latest event (the opening date before any).
    public var latestOn: String
    /// The latest inspection's outcome, if any.
    public var latestOutcome: InspectionOutcome?
    /// Warning II's deadline, once recorded.
    public var warningIIDeadline: String?
    /// The current warning's deadline (state `sp1` or `sp2`).
    public var warningDeadline: String?

    public init(
        caseID: Int, state: CaseState, openedOn: String, latestOn: String, latestOutcome: InspectionOutcome?,
        warningIIDeadline: String?, warningDeadline: String?
    ) {
        self.caseID = caseID
        self.state = state
        self.openedOn = openedOn
        self.latestOn = latestOn
        self.latestOutcome = latestOutcome
        self.warningIIDeadline = warningIIDeadline
        self.warningDeadline = warningDeadline
    }
}

/// The dates the rules compare an event's date with, worked out by the database (working days
/// skip its holidays).
public struct CaseDates: Sendable, Equatable {
    /// Warning II's deadline + 30 days, when there is one.
    public var tmp2tFrom: String?

    public init(tmp2tFrom: String?) { self.tmp2tFrom = tmp2tFrom }
}

/// The table of allowed events (docs/cases.md): which event the current state allows, and the
/// state it leads to. Pure: the database supplies the dates.
public enum CaseMachine {
    /// The events `history` allows now, in the table's order (whatever their dates).
    public static func allowed(after history: CaseHistory) -> [CaseEventKind] {
        CaseEventKind.allCases.filter { stateAllows($0, history) }
    }

    private static func stateAllows(_ event: CaseEventKind, _ history: CaseHistory) -> Bool {
        let state = history.state
        if state == .ditutup { return false }
        switch event {
        case .inspection: return state == .dibuka || state == .diperiksa
        case .sp1: return state == .diperiksa && history.latestOutcome?.isHit == true
        case .sp2: return state == .sp1
        case .denda: return state == .sp2
        case .tmp2t: return state == .denda
        case .rujuk: return state == .sp2 || state == .denda || state == .tmp2t
        case .selesai: return state != .selesai && history.latestOutcome?.isHit == true
        case .tutup: return true
        }
    }

    /// The state `request` leads to, or why it is refused.
    public static func next(_ history: CaseHistory, _ request: CaseEventRequest, dates: CaseDates) throws(CaseError)
        -> CaseState
    {
        let refuse = { (why: CaseError.Refusal) -> CaseError in
            .refused(case: history.caseID, state: history.state, allowed: allowed(after: history), why: why)
        }
        if history.state == .ditutup { throw refuse(.closed) }
        if request.on < history.latestOn {
            throw refuse(.datedBefore(latest: history.latestOn))
        }
        guard stateAllows(request.event, history) else {
            if request.event == .sp1 && history.state == .diperiksa { throw refuse(.inspectionNotConfirmed) }
            if request.event == .selesai && history.state != .selesai { throw refuse(.inspectionNotConfirmed) }
            throw refuse(.notAllowed(request.event))
        }
        switch request.event {
        case .inspection:
            return .diperiksa
        case .sp1:
            return .sp1
        case .sp2:
            let deadline = history.warningDeadline ?? history.latestOn
            guard request.on > deadline else { throw refuse(.deadlineNotPassed(step: .sp1, deadline: deadline)) }
            return .sp2
        case .denda:
            let deadline = history.warningIIDeadline ?? history.latestOn
            guard request.on > deadline else { throw refuse(.deadlineNotPassed(step: .sp2, deadline: deadline)) }
            return .denda
        case .tmp2t:
            let from = dates.tmp2tFrom ?? history.latestOn
            guard request.on >= from else { throw refuse(.tmp2tTooEarly(from: from)) }
            return .tmp2t
        case .rujuk:
            let deadline = history.warningIIDeadline ?? history.latestOn
            guard request.on > deadline else { throw refuse(.deadlineNotPassed(step: .sp2, deadline: deadline)) }
            return .dirujuk
        case .selesai:
            return .selesai
        case .tutup:
            if request.reason == .tidakTerbukti, history.latestOutcome != .tidakTerbukti {
                throw refuse(.notDisproved)
            }
            return .ditutup
        }
    }
}

/// Why a case command did nothing. Every message names the case and its state, and what would
/// be allowed.
public enum CaseError: Localized, CustomStringConvertible, Sendable, Equatable {
    public enum Refusal: Sendable, Equatable {
        case closed
        case datedBefore(latest: String)
        case notAllowed(CaseEventKind)
        case inspectionNotConfirmed
        case deadlineNotPassed(step: CaseEventKind, deadline: String)
        case tmp2tTooEarly(from: String)
        case notDisproved
    }

    case refused(case: Int, state: CaseState, allowed: [CaseEventKind], why: Refusal)
    case caseNotFound(Int)
    case openCaseExists(npp: String, caseID: Int, state: CaseState)
    case noFinding(npp: String, runID: Int)
    case noRunWithFinding(npp: String)
    case unknownEmployer(String)
    case badOption(String)
    case letterNotReached(case: Int, state: CaseState, kind: String)

    public var description: String { message(.english) }

    public func message(_ language: Language) -> String {
        switch self {
        case .refused(let id, let state, let allowed, let why):
            let list =
                allowed.isEmpty ? language.text("tidak ada", "none") : allowed.map(\.rawValue).joined(separator: ", ")
            let head = language.text(
                "kasus \(id) berstatus \(state.rawValue): ", "case \(id) is in state \(state.rawValue): ")
            let tail = language.text("; peristiwa yang diizinkan: \(list)", "; events allowed: \(list)")
            let reason: String
            switch why {
            case .closed:
                reason = language.text(
                    "kasus sudah ditutup, tidak ada peristiwa lagi", "the case is closed, no event is accepted")
            case .datedBefore(let latest):
                reason = language.text(
                    "tanggal peristiwa sebelum peristiwa terakhir kasus (\(latest))",
                    "the event is dated before the case's latest event (\(latest))")
            case .notAllowed(let event):
                reason = language.text(
                    "\(event.rawValue) tidak diizinkan pada status ini",
                    "\(event.rawValue) is not allowed in this state")
            case .inspectionNotConfirmed:
                reason = language.text(
                    "pemeriksaan terakhir tidak membuktikan temuan (hasil terbukti atau sebagian diperlukan)",
                    "the latest inspection did not confirm the finding (outcome terbukti or sebagian needed)")
            case .deadlineNotPassed(let step, let deadline):
                reason = language.text(
                    "batas waktu \(step.rawValue) (\(deadline)) belum lewat; paling cepat sehari sesudahnya",
                    "the \(step.rawValue) deadline (\(deadline)) has not passed; the day after it at the earliest")
            case .tmp2tTooEarly(let from):
                reason = language.text(
                    "TMP2T paling cepat 30 hari sesudah batas waktu SP2, yaitu \(from)",
                    "TMP2T at the earliest 30 days after warning II's deadline, on \(from)")
            case .notDisproved:
                reason = language.text(
                    "alasan tidak_terbukti hanya sesudah pemeriksaan dengan hasil tidak_terbukti",
                    "reason tidak_terbukti only after an inspection with outcome tidak_terbukti")
            }
            return head + reason + tail
        case .caseNotFound(let id):
            return language.text(
                "kasus \(id) tidak ada (atau bukan cabang Anda)",
                "case \(id) does not exist (or is not of your branches)")
        case .openCaseExists(let npp, let id, let state):
            return language.text(
                "NPP \(npp) sudah memiliki kasus terbuka: kasus \(id) (status \(state.rawValue))",
                "NPP \(npp) already has an open case: case \(id) (state \(state.rawValue))")
        case .noFinding(let npp, let runID):
            return language.text(
                "NPP \(npp) tidak memiliki temuan di audit #\(runID)", "NPP \(npp) has no finding in run #\(runID)")
        case .noRunWithFinding(let npp):
            return language.text(
                "tidak ada audit dengan temuan untuk NPP \(npp)", "no audit run has a finding for NPP \(npp)")
        case .unknownEmployer(let npp):
            return language.text(
                "NPP \(npp) tidak ada di registri (atau bukan cabang Anda)",
                "NPP \(npp) is not in the registry (or not of your branches)")
        case .badOption(let text):
            return text
        case .letterNotReached(let id, let state, let kind):
            return language.text(
                "kasus \(id) (status \(state.rawValue)) belum mencapai tahap \(kind): surat tidak dibuat",
                "case \(id) (state \(state.rawValue)) has not reached step \(kind): no letter written")
        }
    }
}

extension CaseDates {
    /// Today on the local calendar, `YYYY-MM-DD`: the day a case is opened or an event dated
    /// when none is given.
    public static func today() -> String {
        let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
        return String(format: "%04d-%02d-%02d", parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1)
    }

    /// `text` when it is a real day written `YYYY-MM-DD`, else nil.
    public static func validDay(_ text: String) -> String? {
        var copy = text
        return copy.withUTF8 { bytes -> String? in
            guard case .success = FieldRules.date(bytes, column: "on") else { return nil }
            return text
        }
    }
}

/// How cases write dates for people.
public enum CaseText {
    /// A deadline after the last day the holidays are listed for counts weekdays only: it may
    /// come too early once that year's holidays are known.
    public static func isProvisional(_ deadline: String, listedUntil: String?) -> Bool {
        listedUntil.map { deadline > $0 } ?? true
    }

    /// A monthly rate as a percentage: 0.001 → `0,1 %` (`0.1 %` in English).
    public static func percent(_ rate: Decimal, _ language: Language = .indonesian) -> String {
        let text = NSDecimalNumber(decimal: rate * 100).stringValue
        return (language == .indonesian ? text.replacingOccurrences(of: ".", with: ",") : text) + " %"
    }

    /// `2026-11-21` → `21 November 2026`.
    public static func longDate(_ day: String, _ language: Language = .indonesian) -> String {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return day }
        return Formatting.date(year: parts[0], month: parts[1], day: parts[2], language)
    }
}
