import Compliance
import Foundation
import Hummingbird
import Postgres
import Reports

/// The opening form's fields (fixed: scripts post them).
struct OpenCaseForm: Decodable {
    var npp: String
    var period: String
    var csrf_token: String
}

/// An event's form: what happened, when, and the options the event takes.
struct CaseEventForm: Decodable {
    var event: String
    var on: String?
    var kind: String?
    var outcome: String?
    var reason: String?
    var note: String?
    var csrf_token: String
}

/// A page asked for without a session: the answer is the login page.
struct LoginFirst: Error {}

/// The pages of the work itself: dossiers, cases, letters. Every read and change runs in a
/// transaction that acts for the user, so the database's row-level security decides what exists.
extension Routes {
    /// An NPP from a path or a form: letters and digits, at most 20 (upper-cased); else 400.
    static func checkedNPP(_ text: String?, language: Language) throws -> String {
        let npp = (text ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        guard (1...20).contains(npp.count), npp.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw HTTPError(
                .badRequest,
                message: "npp: "
                    + language.text(
                        "NPP terdiri dari 1–20 huruf atau angka", "an NPP is 1–20 letters or digits"))
        }
        return npp
    }

    /// A case number from the path; else 400.
    static func checkedCaseID(_ context: WebContext, language: Language) throws -> Int {
        guard let text = context.parameters.get("id"), let id = Int(text), id > 0, id < Int(Int32.max) else {
            throw HTTPError(
                .badRequest, message: "id: " + language.text("nomor kasus berupa bilangan bulat", "a case number"))
        }
        return id
    }

    /// The roles that open the branch pages (an analyst has none).
    static let branchRoles: Set<WebUser.Role> = [.inspector, .manager, .admin]

    /// The session of a page: without one, on to the login page (303); a role not in `roles`,
    /// 403.
    func signedIn(_ context: WebContext, _ language: Language, roles: Set<WebUser.Role>? = nil) throws
        -> WebSession
    {
        guard let session = context.session else { throw LoginFirst() }
        if let roles { try refuse(session, unless: roles, language) }
        return session
    }

    /// A report as a page: its document with the web app's bar above it (the navigation, the
    /// Markdown download, `actions`), or the download itself.
    func reportPage(
        _ request: Request, _ session: WebSession, _ language: Language, _ text: String, format: String,
        name: String, actions: String = ""
    ) -> Response {
        let download = Escaping.html(Self.download(request, format: "md"))
        let bar =
            Page.navigation(session, language)
            + "<div class=\"actions\">\(language.text("Unduh", "Download")): <a href=\"\(download)\">Markdown</a>\(actions)</div>"
        return Page.document(text, format: format, name: name, toolbar: bar)
    }

    /// The same page with `format` (and the language) in its query.
    static func download(_ request: Request, format: String) -> String {
        var items = request.uri.queryParameters.filter { $0.key != "format" }.map { ($0.key, $0.value) }
        items.append(("format", Substring(format)))
        let query = items.map { "\(escapeQuery(String($0.0)))=\(escapeQuery(String($0.1)))" }.joined(separator: "&")
        return request.uri.path + "?" + query
    }

    static func escapeQuery(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// Refuses `roles` with 403: a page that is not theirs (an analyst has no branch pages).
    func refuse(_ session: WebSession, unless roles: Set<WebUser.Role>, _ language: Language) throws {
        guard roles.contains(session.user.role) else {
            throw HTTPError(
                .forbidden,
                message: language.text(
                    "Halaman ini bukan untuk peran \(session.user.role.rawValue).",
                    "This page is not for the role \(session.user.role.rawValue)."))
        }
    }

    // MARK: - Dossier

    /// `GET /employers/{npp}?period=YYYY-MM[&personal=1][&format=html|md]`: the dossier of the
    /// period's latest run. NIK and names are masked unless `personal=1` and the user may see
    /// them (an inspector, a manager, an admin); every view is in the access log, with whether
    /// personal data was shown. Another branch's employer answers 404, as an unknown one does.
    func dossier(_ request: Request, _ context: WebContext) async throws -> Response {
        let query = Query(request)
        let language = query.language
        let session = try signedIn(context, language, roles: Self.branchRoles)
        let npp = try Self.checkedNPP(context.parameters.get("npp"), language: language)
        let period = try query.period("period")
        let format = try query.format(["html", "md"])
        let personal = try query.number("personal", in: 0...1) == 1
        let name = session.user.name
        let text: String? = try await pool.acting(for: name) { connection in
            let run = try Findings(connection: connection).resolveRun(period: period, run: nil)
            guard let dossier = try EmployerDossier.load(npp: npp, run: run, connection: connection) else {
                return nil
            }
            try AccessLog(connection: connection).append(
                actor: name, action: personal ? "dossier.personal_data" : "dossier.view", object: npp,
                detail: "period=\(period)")
            let schedule = try EnforcementSchedule.load(start: Date(), connection: connection)
            return try DossierReport.render(
                dossier, schedule: schedule, generatedAt: Date(), format: format == "md" ? .md : .html,
                language: language, showPersonalData: personal)
        }
        guard let text else {
            throw HTTPError(
                .notFound,
                message: language.text(
                    "NPP \(npp) tidak ada (atau bukan cabang Anda).",
                    "NPP \(npp) does not exist (or is not of your branches)."))
        }
        var actions = ""
        if session.user.role == .inspector {
            actions += """
                <form method="post" action="/cases\(language == .english ? "?lang=en" : "")">\(Page.csrfField(session.csrfToken))\
                <input type="hidden" name="npp" value="\(Escaping.html(npp))"><input type="hidden" name="period" value="\(period)">\
                <button type="submit">\(language.text("Buka kasus", "Open a case"))</button></form>
                """
        }
        let personalLink =
            personal
            ? "<a href=\"/employers/\(npp)?period=\(period)\(language == .english ? "&lang=en" : "")\">\(language.text("Samarkan data pribadi", "Mask personal data"))</a>"
            : "<a href=\"/employers/\(npp)?period=\(period)&personal=1\(language == .english ? "&lang=en" : "")\">\(language.text("Tampilkan NIK dan nama (dicatat)", "Show NIK and names (logged)"))</a>"
        return reportPage(
            request, session, language, text, format: format, name: "berkas-\(npp)-\(period)",
            actions: " · " + personalLink + " " + actions)
    }

    // MARK: - Cases

    /// `GET /cases[?state=open|all][&format=html|csv]`: the cases of the user's branches as of
    /// today, overdue first.
    func caseList(_ request: Request, _ context: WebContext) async throws -> Response {
        let query = Query(request)
        let language = query.language
        let session = try signedIn(context, language, roles: Self.branchRoles)
        let format = try query.format(["html", "csv"])
        let state = try query.choice("state", ["open", "all"]) ?? "open"
        let day = CaseDates.today()
        let fineRate = configuration.settings.fineRate
        var cases = try await pool.acting(for: session.user.name) { connection in
            try Cases(connection: connection, fineRate: fineRate).status(asOf: day)
        }
        if state == "open" { cases = cases.filter { $0.state.isOpen } }
        cases.sort { ($0.overdue(on: day) ? 0 : 1, $0.caseID) < ($1.overdue(on: day) ? 0 : 1, $1.caseID) }
        if format == "csv" {
            var csv =
                "case_id,npp,employer_name,branch_code,period,selection,state,opened_on,deadline,overdue,at_stake_idr,fine_idr,recovered_idr\n"
            for item in cases {
                let fields: [String] = [
                    String(item.caseID), item.npp, item.employerName, item.branch, item.period, item.selection,
                    item.state.rawValue, item.openedOn, item.deadline ?? "", item.overdue(on: day) ? "true" : "false",
                    String(item.atStake), String(item.fine), String(item.recovered),
                ]
                csv += fields.map(CSV.field).joined(separator: ",") + "\n"
            }
            return Page.document(csv, format: "csv", name: "kasus-\(day)")
        }
        let en = language == .english
        let rows = cases.map { item in
            """
            <tr><td><a href="/cases/\(item.caseID)\(en ? "?lang=en" : "")">\(item.caseID)</a></td>\
            <td><strong>\(Escaping.html(item.employerName))</strong><br><span class="muted">NPP \(Escaping.html(item.npp)) · \(Escaping.html(item.branch))</span></td>\
            <td>\(Escaping.html(item.state.label(language)))</td>\
            <td\(item.overdue(on: day) ? " class=\"flag\"" : "")>\(item.deadline ?? "–")\(item.overdue(on: day) ? language.text(" (lewat)", " (overdue)") : "")</td>\
            <td class="amount">\(Formatting.rupiah(Decimal(item.atStake)))</td></tr>
            """
        }
        let other = state == "open" ? "all" : "open"
        return Page.html(
            title: language.text("Kasus", "Cases"), language: language,
            body: """
                <h1>\(language.text("Kasus", "Cases"))</h1>
                <p>\(language.text("Per", "As of")) \(day) · \(cases.count) \(language.text("kasus", "cases")) · \
                <a href="/cases?state=\(other)\(en ? "&lang=en" : "")">\(other == "all" ? language.text("semua, termasuk yang ditutup", "all, closed included") : language.text("hanya yang terbuka", "open only"))</a> · \
                <a href="\(Escaping.html(Self.download(request, format: "csv")))">CSV</a></p>
                \(cases.isEmpty ? "<p class=\"muted\">\(language.text("Belum ada kasus.", "No case yet."))</p>" : """
                <table class="list"><thead><tr><th>\(language.text("Kasus", "Case"))</th><th>\(language.text("Pemberi kerja", "Employer"))</th>\
                <th>\(language.text("Status", "State"))</th><th>\(language.text("Batas waktu", "Deadline"))</th>\
                <th class="amount">\(language.text("Nilai temuan", "At stake"))</th></tr></thead><tbody>
                \(rows.joined(separator: "\n"))
                </tbody></table>
                """)
                """, session: session)
    }

    /// `POST /cases` (form `npp`, `period`, `csrf_token`): opens a targeted case for the
    /// employer from the period's latest run, and shows it (303). Only an inspector may (the
    /// database refuses anyone else: 403).
    func openCase(_ request: Request, _ context: WebContext) async throws -> Response {
        let session = try requireSession(context)
        let form = try await decode(OpenCaseForm.self, request, context)
        try checkCSRF(form.csrf_token, session, request)
        let language = Page.language(request)
        // The database refuses anyone else too (SQL/migrations/0012_web_users.sql); this says so first.
        try refuse(session, unless: [.inspector], language)
        let npp = try Self.checkedNPP(form.npp, language: language)
        guard (try? AuditRunner.parsePeriod(form.period)) != nil else {
            throw HTTPError(
                .badRequest,
                message: "period: "
                    + language.text("periode YYYY-MM, misalnya 2025-12", "a period YYYY-MM, such as 2025-12"))
        }
        let (name, period, day) = (session.user.name, form.period, CaseDates.today())
        let id = try await pool.acting(for: name) { connection in
            let id = try Cases(connection: connection).open(npp: npp, runID: nil, period: period, on: day)
            try AccessLog(connection: connection).append(
                actor: name, action: "case.open", object: "case \(id)", detail: "npp=\(npp) period=\(period)")
            return id
        }
        return .redirect(to: "/cases/\(id)" + (language == .english ? "?lang=en" : ""), type: .normal)
    }

    /// `GET /cases/{id}`: the case as of today, its events, the forms of the events its state
    /// allows (an inspector), and its letters.
    func showCase(_ request: Request, _ context: WebContext) async throws -> Response {
        let language = Page.language(request)
        let session = try signedIn(context, language, roles: Self.branchRoles)
        let id = try Self.checkedCaseID(context, language: language)
        let fineRate = configuration.settings.fineRate
        let day = CaseDates.today()
        let found: (CaseStatus, [CaseEvent], String?)? = try await pool.acting(for: session.user.name) { connection in
            let cases = Cases(connection: connection, fineRate: fineRate)
            guard let status = try cases.status(asOf: "9999-12-31", caseID: id).first else { return nil }
            let current = try cases.status(asOf: max(day, status.openedOn), caseID: id).first ?? status
            return (current, try cases.events(of: id), try cases.holidaysListedUntil())
        }
        guard let (status, events, listedUntil) = found else { throw CaseError.caseNotFound(id) }
        let en = language == .english
        let history = events.map { event in
            var what = Escaping.html(event.event.rawValue)
            if let kind = event.kind, let outcome = event.outcome { what += " (\(kind.rawValue), \(outcome.rawValue))" }
            if let reason = event.reason { what += " (\(reason.rawValue))" }
            return """
                <tr><td>\(event.on)</td><td>\(what)</td><td>\(Escaping.html(event.state.label(language)))</td>\
                <td>\(event.deadline ?? "–")</td><td>\(Escaping.html(event.note ?? ""))</td>\
                <td class="muted">\(Escaping.html(event.recordedBy))</td></tr>
                """
        }
        let allowed = CaseMachine.allowed(after: Cases.history(caseID: id, openedOn: status.openedOn, events: events))
        var form = ""
        if session.user.role == .inspector, !allowed.isEmpty {
            let options = allowed.map { "<option value=\"\($0.rawValue)\">\($0.rawValue)</option>" }.joined()
            let choices = { (values: [String]) in
                "<option value=\"\"></option>" + values.map { "<option value=\"\($0)\">\($0)</option>" }.joined()
            }
            form = """
                <form class="card" method="post" action="/cases/\(id)/events\(en ? "?lang=en" : "")">\(Page.csrfField(session.csrfToken))
                <h2>\(language.text("Catat peristiwa", "Record an event"))</h2>
                <label for="event">\(language.text("Peristiwa", "Event"))</label><select id="event" name="event" required>\(options)</select>
                <label for="on">\(language.text("Tanggal", "Date"))</label><input id="on" name="on" type="date" value="\(day)" required>
                <label for="kind">\(language.text("Jenis pemeriksaan (pemeriksaan)", "Inspection kind (inspection)"))</label>\
                <select id="kind" name="kind">\(choices(InspectionKind.allCases.map(\.rawValue)))</select>
                <label for="outcome">\(language.text("Hasil (pemeriksaan)", "Outcome (inspection)"))</label>\
                <select id="outcome" name="outcome">\(choices(InspectionOutcome.allCases.map(\.rawValue)))</select>
                <label for="reason">\(language.text("Alasan (tutup)", "Reason (tutup)"))</label>\
                <select id="reason" name="reason">\(choices(ClosingReason.allCases.map(\.rawValue)))</select>
                <label for="note">\(language.text("Catatan", "Note"))</label><textarea id="note" name="note" maxlength="2000" rows="2"></textarea>
                <button type="submit">\(language.text("Catat", "Record"))</button></form>
                """
        }
        let letters = CaseLetterKind.allCases.filter { kind in events.contains { $0.event == kind.event } }.map {
            kind in
            "<a href=\"/cases/\(id)/letters/\(kind.rawValue)\">\(kind.rawValue.uppercased())</a> (<a href=\"/cases/\(id)/letters/\(kind.rawValue)?format=md\">md</a>)"
        }
        let provisional =
            status.deadline.map { CaseText.isProvisional($0, listedUntil: listedUntil) } == true
            ? language.text(
                " (sementara: hari libur tahun itu belum terdaftar)",
                " (provisional: that year's holidays are not listed)")
            : ""
        return Page.html(
            title: language.text("Kasus", "Case") + " \(id)", language: language,
            body: """
                <h1>\(language.text("Kasus", "Case")) \(id): \(Escaping.html(status.employerName))</h1>
                <section class="card">
                <p>NPP <a href="/employers/\(Escaping.html(status.npp))?period=\(status.period)\(en ? "&lang=en" : "")">\(Escaping.html(status.npp))</a> · \
                \(Escaping.html(status.branch)) · \(language.text("periode", "period")) \(status.period) · \(Escaping.html(status.selection))</p>
                <p>\(language.text("Status", "State")): <strong id="state">\(Escaping.html(status.state.label(language)))</strong>\
                \(status.deadline.map { " · " + language.text("batas waktu", "deadline") + " <strong>\($0)</strong>" + provisional } ?? "")\
                \(status.overdue(on: day) ? " <span class=\"flag\">\(language.text("lewat", "overdue"))</span>" : "")</p>
                <p>\(language.text("Nilai temuan", "At stake")): \(Formatting.rupiah(Decimal(status.atStake))) · \
                \(language.text("denda", "fine")): \(Formatting.rupiah(Decimal(status.fine))) · \
                \(language.text("dipulihkan", "recovered")): \(Formatting.rupiah(Decimal(status.recovered)))</p>
                <p>\(language.text("Surat", "Letters")): \(letters.isEmpty ? "–" : letters.joined(separator: " · "))</p>
                </section>
                <h2>\(language.text("Riwayat", "History"))</h2>
                \(history.isEmpty ? "<p class=\"muted\">\(language.text("Dibuka", "Opened")) \(status.openedOn); \(language.text("belum ada peristiwa.", "no event yet."))</p>" : """
                <table class="list"><thead><tr><th>\(language.text("Tanggal", "Date"))</th><th>\(language.text("Peristiwa", "Event"))</th>\
                <th>\(language.text("Status", "State"))</th><th>\(language.text("Batas waktu", "Deadline"))</th>\
                <th>\(language.text("Catatan", "Note"))</th><th>\(language.text("Oleh", "By"))</th></tr></thead><tbody>
                \(history.joined(separator: "\n"))
                </tbody></table>
                """)
                \(form)
                """, session: session)
    }

    /// `POST /cases/{id}/events`: records one event (an inspector); 400 for a field out of
    /// range, 409 when the case's state does not allow it; then back to the case (303).
    func recordEvent(_ request: Request, _ context: WebContext) async throws -> Response {
        let session = try requireSession(context)
        let language = Page.language(request)
        let id = try Self.checkedCaseID(context, language: language)
        let form = try await decode(CaseEventForm.self, request, context)
        try checkCSRF(form.csrf_token, session, request)
        try refuse(session, unless: [.inspector], language)
        func field<T: RawRepresentable>(_ name: String, _ value: String?, _ type: T.Type) throws -> T?
        where T.RawValue == String, T: CaseIterable {
            guard let value, !value.isEmpty else { return nil }
            guard let parsed = T(rawValue: value) else {
                throw HTTPError(
                    .badRequest,
                    message: "\(name): "
                        + language.text("salah satu dari ", "one of ")
                        + T.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return parsed
        }
        guard let event = try field("event", form.event, CaseEventKind.self) else {
            throw HTTPError(
                .badRequest, message: "event: " + CaseEventKind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let kind = try field("kind", form.kind, InspectionKind.self)
        let outcome = try field("outcome", form.outcome, InspectionOutcome.self)
        let reason = try field("reason", form.reason, ClosingReason.self)
        let on = (form.on ?? "").isEmpty ? CaseDates.today() : form.on ?? ""
        guard let day = CaseDates.validDay(on) else {
            throw HTTPError(.badRequest, message: "on: " + language.text("tanggal YYYY-MM-DD", "a date YYYY-MM-DD"))
        }
        if event == .inspection, kind == nil || outcome == nil {
            throw HTTPError(
                .badRequest,
                message: language.text(
                    "pemeriksaan memerlukan jenis (kantor, lapangan) dan hasil (terbukti, sebagian, tidak_terbukti)",
                    "an inspection needs a kind (kantor, lapangan) and an outcome (terbukti, sebagian, tidak_terbukti)")
            )
        }
        if event == .tutup, reason == nil {
            throw HTTPError(
                .badRequest,
                message: language.text(
                    "tutup memerlukan alasan (patuh, tidak_terbukti, tidak_tertagih, lainnya)",
                    "tutup needs a reason (patuh, tidak_terbukti, tidak_tertagih, lainnya)"))
        }
        let note = form.note.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap {
            $0.isEmpty ? nil : $0
        }
        if let note, note.count > 2000 {
            throw HTTPError(
                .badRequest, message: "note: " + language.text("paling banyak 2000 karakter", "at most 2000 characters")
            )
        }
        let request = CaseEventRequest(
            event: event, on: day, kind: event == .inspection ? kind : nil,
            outcome: event == .inspection ? outcome : nil, reason: event == .tutup ? reason : nil, note: note)
        let name = session.user.name
        try await pool.acting(for: name) { connection in
            let (state, _) = try Cases(connection: connection).record(case: id, request)
            try AccessLog(connection: connection).append(
                actor: name, action: "case.event", object: "case \(id)", detail: "\(event.rawValue) → \(state.rawValue)"
            )
        }
        return .redirect(to: "/cases/\(id)" + (language == .english ? "?lang=en" : ""), type: .normal)
    }

    /// `GET /cases/{id}/letters/{kind}[?format=html|md]`: the letter of a step the case has
    /// reached (409 otherwise), the same document as `periksa case letter`.
    func letter(_ request: Request, _ context: WebContext) async throws -> Response {
        let query = Query(request)
        let language = query.language
        let session = try signedIn(context, language, roles: Self.branchRoles)
        let id = try Self.checkedCaseID(context, language: language)
        guard let kind = context.parameters.get("kind").flatMap(CaseLetterKind.init(rawValue:)) else {
            throw HTTPError(.notFound, message: "kind: sp1, sp2, tmp2t, rujuk")
        }
        let format = try query.format(["html", "md"])
        let settings = configuration.settings
        let name = session.user.name
        let text = try await pool.acting(for: name) { connection in
            let data = try Cases(connection: connection, fineRate: settings.fineRate).letter(case: id, kind: kind)
            try AccessLog(connection: connection).append(
                actor: name, action: "case.letter", object: "case \(id)", detail: kind.rawValue)
            return try CaseLetter.render(
                data, branch: settings.branch(data.status.branch), format: format == "md" ? .md : .html,
                fineRate: settings.fineRate)
        }
        return reportPage(
            request, session, language, text, format: format, name: "surat-\(kind.rawValue)-kasus-\(id)",
            actions: " · <a href=\"/cases/\(id)\">\(language.text("Kembali ke kasus", "Back to the case")) \(id)</a>")
    }
}
