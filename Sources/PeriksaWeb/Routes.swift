import Compliance
import Foundation
import HTTPTypes
import Hummingbird
import Postgres
import Reports

/// The login form's fields (fixed: scripts post them).
struct LoginForm: Decodable {
    var username: String
    var password: String
    var csrf_token: String
}

/// A form that only carries its CSRF token (logout).
struct TokenForm: Decodable {
    var csrf_token: String
}

/// The handlers: decode and check the request, call Compliance, render. No SQL here.
struct Routes: Sendable {
    let configuration: WebConfiguration
    let pool: ConnectionPool
    /// Rendered audit lists, reused while their data is unchanged.
    let documents = DocumentCache()

    /// `GET /healthz`: 200 when the database answers, 503 when it does not.
    func health() async throws -> Response {
        do {
            _ = try await pool.with { try $0.queryFirst("select 1")?.decode(Int.self, at: 0) }
            return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
        } catch {
            return Response(
                status: .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: "database unavailable\n")))
        }
    }

    /// `GET /login`: the form, with a CSRF token bound to a cookie of its own (no session yet).
    func loginPage(_ request: Request, _ context: WebContext, message: String? = nil, status: HTTPResponse.Status = .ok)
        -> Response
    {
        if context.session != nil, message == nil { return .redirect(to: "/") }
        let language = Page.language(request)
        let token = WebSessions.randomToken()
        let error = message.map { "<p class=\"error\" role=\"alert\">\(Escaping.html($0))</p>" } ?? ""
        let action = language == .english ? "/login?lang=en" : "/login"
        var response = Page.html(
            title: language.text("Masuk", "Log in"), language: language,
            body: """
                <h1>\(language.text("Masuk", "Log in"))</h1>\(error)
                <form class="card" method="post" action="\(action)">
                \(Page.csrfField(token))
                <label for="username">\(language.text("Nama pengguna", "User name"))</label>
                <input id="username" name="username" autocomplete="username" required maxlength="40">
                <label for="password">\(language.text("Kata sandi", "Password"))</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required>
                <button type="submit">\(language.text("Masuk", "Log in"))</button>
                </form>
                <p><a href="\(language == .english ? "/login" : "/login?lang=en")">\(language.text("English", "Bahasa Indonesia"))</a></p>
                """, status: status)
        response.setCookie(cookie(WebApp.loginCSRFCookie, token, maxAge: 3600, request))
        return response
    }

    /// `POST /login`: CSRF checked (403), a locked name refused (429), a wrong name or
    /// password 401; otherwise a new session and its cookie, and on to the dashboard.
    func login(_ request: Request, _ context: WebContext) async throws -> Response {
        let language = Page.language(request)
        let form = try await decode(LoginForm.self, request, context)
        guard let expected = request.cookies[WebApp.loginCSRFCookie]?.value, !expected.isEmpty,
            constantTimeEqual(form.csrf_token, expected)
        else {
            return Page.error(
                status: .forbidden,
                message: language.text(
                    "Formulir kedaluwarsa atau tidak sah: muat ulang halaman masuk.",
                    "The form expired or is not valid: reload the login page."), language: language)
        }
        let name = form.username.trimmingCharacters(in: .whitespaces).lowercased()
        let password = form.password
        let lifetime = configuration.sessionLifetime
        // A name that cannot exist is refused as a wrong password would be, after the same
        // bcrypt work, without reaching the database (nor its list of failures).
        guard (try? WebUsers.checkName(name)) != nil else {
            _ = try await pool.hashOffLoop { WebUsers.wasteVerification(password) }
            return loginPage(
                request, context,
                message: language.text("Nama pengguna atau kata sandi salah.", "Wrong user name or password."),
                status: .unauthorized)
        }
        let outcome: LoginOutcome = try await pool.with { connection in
            let sessions = WebSessions(connection: connection)
            guard try !sessions.isLocked(name) else { return .locked }
            guard let user = try WebUsers(connection: connection, actor: name).verify(name: name, password: password)
            else {
                try sessions.recordFailure(name)
                return .refused
            }
            let token = try sessions.open(for: user, lifetime: lifetime)
            try AccessLog(connection: connection).append(actor: user.name, action: "session.login", object: user.name)
            return .opened(token: token)
        }
        switch outcome {
        case .locked:
            return loginPage(
                request, context,
                message: language.text(
                    "Terlalu banyak percobaan gagal untuk nama ini: coba lagi dalam 15 menit.",
                    "Too many failed attempts for this name: try again in 15 minutes."), status: .tooManyRequests)
        case .refused:
            return loginPage(
                request, context,
                message: language.text("Nama pengguna atau kata sandi salah.", "Wrong user name or password."),
                status: .unauthorized)
        case .opened(let token):
            var response = Response.redirect(to: language == .english ? "/?lang=en" : "/")
            response.setCookie(cookie(WebApp.sessionCookie, token, maxAge: Int(lifetime), request))
            response.setCookie(cookie(WebApp.loginCSRFCookie, "", maxAge: 0, request))
            return response
        }
    }

    enum LoginOutcome: Sendable {
        case locked, refused
        case opened(token: String)
    }

    /// `POST /logout`: the session ends (CSRF checked), back to the login page.
    func logout(_ request: Request, _ context: WebContext) async throws -> Response {
        let session = try requireSession(context)
        let form = try await decode(TokenForm.self, request, context)
        try checkCSRF(form.csrf_token, session, request)
        if let token = context.sessionToken {
            let name = session.user.name
            try await pool.with { connection in
                try WebSessions(connection: connection).close(token: token)
                try AccessLog(connection: connection).append(actor: name, action: "session.logout", object: name)
            }
        }
        var response = Response.redirect(to: "/login")
        response.setCookie(cookie(WebApp.sessionCookie, "", maxAge: 0, request))
        return response
    }

    /// `GET /`: the user's dashboard: the latest audit list of its branches (its first ten),
    /// its overdue cases, the latest runs.
    func dashboard(_ request: Request, _ context: WebContext) async throws -> Response {
        let language = Page.language(request)
        let session = try signedIn(context, language)
        let user = session.user
        let en = language == .english
        let suffix = en ? "?lang=en" : ""
        let scope =
            user.allBranches || user.role == .admin
            ? language.text("semua kantor cabang", "every branch")
            : user.branches.isEmpty ? "–" : user.branches.map(Escaping.html).joined(separator: ", ")
        let day = CaseDates.today()
        let fineRate = configuration.settings.fineRate
        let branchPages = user.role != .analyst
        let (runs, entries, overdue, open): ([Runs.Record], [AuditList.Entry], [CaseStatus], Int) =
            try await pool.acting(for: user.name) { connection in
                let runs = try Runs(connection: connection).list(limit: 5)
                guard branchPages else { return (runs, [], [], 0) }
                var entries: [AuditList.Entry] = []
                if let latest = runs.first {
                    try AuditList(connection: connection).stream(run: latest.runID, branch: nil, capacity: 10) {
                        entries.append($0)
                    }
                }
                let cases = try Cases(connection: connection, fineRate: fineRate).status(asOf: day)
                return (runs, entries, cases.filter { $0.overdue(on: day) }, cases.filter { $0.state.isOpen }.count)
            }
        var sections: [String] = []
        if branchPages, let latest = runs.first {
            let rows = entries.prefix(10).map { entry in
                """
                <tr><td>\(entry.rank)</td><td><a href="/employers/\(Escaping.html(entry.npp))?period=\(latest.period)\(en ? "&lang=en" : "")">\(Escaping.html(entry.npp))</a></td>\
                <td>\(Escaping.html(entry.name))<br><span class="muted">\(Escaping.html(entry.branch))</span></td>\
                <td class="amount">\(Formatting.rupiah(entry.totalLoss, language))</td></tr>
                """
            }
            sections.append(
                """
                <section class="card"><h2>\(language.text("Daftar prioritas pemeriksaan", "Audit list")) \(latest.period)</h2>
                \(rows.isEmpty ? "<p class=\"muted\">\(language.text("Tidak ada pemberi kerja dengan temuan.", "No employer with findings."))</p>" : """
                <table class="list"><thead><tr><th>#</th><th>NPP</th><th>\(language.text("Pemberi kerja", "Employer"))</th>\
                <th class="amount">\(language.text("Nilai iuran", "At stake"))</th></tr></thead><tbody>\(rows.joined())</tbody></table>
                """)
                <p><a href="/audit-list?period=\(latest.period)\(en ? "&lang=en" : "")">\(language.text("Seluruh daftar", "The whole list"))</a></p></section>
                """)
        }
        if branchPages {
            let rows = overdue.map { item in
                """
                <tr><td><a href="/cases/\(item.caseID)\(suffix)">\(item.caseID)</a></td><td>\(Escaping.html(item.employerName))</td>\
                <td>\(Escaping.html(item.state.label(language)))</td><td class="flag">\(item.deadline ?? "")</td></tr>
                """
            }
            sections.append(
                """
                <section class="card"><h2>\(language.text("Kasus lewat batas waktu", "Overdue cases"))</h2>
                <p>\(open) \(language.text("kasus terbuka", "open cases")), \(overdue.count) \(language.text("lewat batas waktu", "overdue")) · <a href="/cases\(suffix)">\(language.text("Semua kasus", "All cases"))</a></p>
                \(rows.isEmpty ? "" : "<table class=\"list\"><tbody>\(rows.joined())</tbody></table>")</section>
                """)
        }
        let runRows = runs.map { run in
            """
            <tr><td>#\(run.runID)</td><td>\(run.period)</td><td>\(run.asOf)</td>\
            <td class="amount">\(Formatting.count(Int(run.findings), language))</td><td class="amount">\(Formatting.rupiah(run.rupiah, language))</td></tr>
            """
        }
        sections.append(
            """
            <section class="card"><h2>\(language.text("Audit terakhir", "Latest runs"))</h2>
            \(runRows.isEmpty ? "<p class=\"muted\">\(language.text("Belum ada audit.", "No run yet."))</p>" : """
            <table class="list"><thead><tr><th>\(language.text("Audit", "Run"))</th><th>\(language.text("Periode", "Period"))</th>\
            <th>\(language.text("Per", "As of"))</th><th class="amount">\(language.text("Temuan", "Findings"))</th>\
            <th class="amount">Rp</th></tr></thead><tbody>\(runRows.joined())</tbody></table>
            """)</section>
            """)
        return Page.html(
            title: language.text("Beranda", "Home"), language: language,
            body: """
                <h1>\(language.text("Selamat datang", "Welcome")), \(Escaping.html(user.name))</h1>
                <p>\(language.text("Peran", "Role")): <strong>\(Escaping.html(user.role.rawValue))</strong> · \
                \(language.text("Kantor cabang", "Branches")): \(scope) · \
                <a href="\(en ? "/" : "/?lang=en")">\(language.text("English", "Bahasa Indonesia"))</a></p>
                \(sections.joined(separator: "\n"))
                """, session: session)
    }

    // MARK: - Checks

    func requireSession(_ context: WebContext) throws -> WebSession {
        guard let session = context.session else {
            throw HTTPError(.unauthorized, message: "log in first")
        }
        return session
    }

    func checkCSRF(_ token: String, _ session: WebSession, _ request: Request) throws {
        guard constantTimeEqual(token, session.csrfToken) else {
            throw HTTPError(
                .forbidden,
                message: Page.language(request).text(
                    "Formulir tidak sah (token CSRF): muat ulang halaman.",
                    "The form is not valid (CSRF token): reload the page."))
        }
    }

    /// A form body: `application/x-www-form-urlencoded`, at most 64 KB; 400 when it is not one.
    func decode<T: Decodable>(_ type: T.Type, _ request: Request, _ context: WebContext) async throws -> T {
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let text = String(buffer: buffer)
        do {
            return try URLEncodedFormDecoder().decode(T.self, from: text)
        } catch {
            throw HTTPError(
                .badRequest,
                message: Page.language(request).text(
                    "Formulir tidak lengkap: isi setiap kolom.", "The form is incomplete: fill in every field."))
        }
    }

    /// The cookies of the web app: HttpOnly, SameSite=Strict, path /; Secure when configured, or
    /// when a proxy in front says the browser's request came over HTTPS (`X-Forwarded-Proto:
    /// https`: a claim that can only make the cookie stricter).
    func cookie(_ name: String, _ value: String, maxAge: Int, _ request: Request) -> Cookie {
        let forwarded = request.headers[HTTPField.Name("X-Forwarded-Proto")!]?.lowercased() == "https"
        return Cookie(
            name: name, value: value, maxAge: maxAge, path: "/", secure: configuration.secureCookies || forwarded,
            httpOnly: true, sameSite: .strict)
    }
}

/// Compares two tokens in time that does not depend on where they differ.
func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let (x, y) = (Array(a.utf8), Array(b.utf8))
    guard x.count == y.count else { return false }
    return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
}
