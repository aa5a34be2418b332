import Compliance
import Foundation
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
        response.setCookie(cookie(WebApp.loginCSRFCookie, token, maxAge: 3600))
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
            response.setCookie(cookie(WebApp.sessionCookie, token, maxAge: Int(lifetime)))
            response.setCookie(cookie(WebApp.loginCSRFCookie, "", maxAge: 0))
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
        response.setCookie(cookie(WebApp.sessionCookie, "", maxAge: 0))
        return response
    }

    /// `GET /`: the user's dashboard.
    func dashboard(_ request: Request, _ context: WebContext) throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login") }
        let language = Page.language(request)
        let user = session.user
        let scope =
            user.allBranches
            ? language.text("semua kantor cabang", "every branch")
            : user.branches.isEmpty ? "–" : user.branches.map(Escaping.html).joined(separator: ", ")
        return Page.html(
            title: language.text("Beranda", "Home"), language: language,
            body: """
                <h1>\(language.text("Selamat datang", "Welcome")), \(Escaping.html(user.name))</h1>
                <section class="card"><p>\(language.text("Peran", "Role")): <strong>\(Escaping.html(user.role.rawValue))</strong></p>
                <p>\(language.text("Kantor cabang", "Branches")): \(scope)</p></section>
                <form class="card" method="post" action="/logout">\(Page.csrfField(session.csrfToken))
                <button type="submit">\(language.text("Keluar", "Log out"))</button></form>
                """)
    }

    /// `GET /audit-list?period=YYYY-MM[&branch=B][&capacity=N][&format=html|md]`: the ranked
    /// audit list of the period's latest run, of the user's branches (the database scopes it),
    /// the same document as `periksa report audit-list`.
    func auditList(_ request: Request, _ context: WebContext) async throws -> Response {
        guard let session = context.session else { return .redirect(to: "/login") }
        let query = Query(request)
        let language = query.language
        let period = try query.period("period")
        let branch = try query.text("branch", length: 1...40)
        let capacity = try query.number("capacity", in: 1...1000) ?? 20
        let format = try query.format(["html", "md"])
        let text: String? = try await pool.acting(for: session.user.name) { connection in
            let run: Int
            do {
                run = try Findings(connection: connection).resolveRun(period: period, run: nil)
            } catch AuditError.noRun {
                return nil
            }
            let (runPeriod, asOf) = try Runs(connection: connection).header(run: run)
            var entries: [AuditList.Entry] = []
            try AuditList(connection: connection).stream(run: run, branch: branch, capacity: capacity) {
                entries.append($0)
            }
            return try AuditListReport.render(
                entries: entries, header: .init(period: runPeriod, run: run, asOf: asOf, generatedAt: Date()),
                format: format == "md" ? .md : .html, language: language)
        }
        guard let text else {
            throw HTTPError(
                .badRequest,
                message: language.text(
                    "Belum ada audit untuk periode \(period).", "There is no audit run for the period \(period) yet."))
        }
        return Page.document(text, format: format, name: "audit-list-\(period)")
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

    /// The cookies of the web app: HttpOnly, SameSite=Strict, path /, Secure when configured.
    func cookie(_ name: String, _ value: String, maxAge: Int) -> Cookie {
        Cookie(
            name: name, value: value, maxAge: maxAge, path: "/", secure: configuration.secureCookies, httpOnly: true,
            sameSite: .strict)
    }
}

/// Compares two tokens in time that does not depend on where they differ.
func constantTimeEqual(_ a: String, _ b: String) -> Bool {
    let (x, y) = (Array(a.utf8), Array(b.utf8))
    guard x.count == y.count else { return false }
    return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
}
