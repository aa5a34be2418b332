import Compliance
import Foundation
import Hummingbird
import HummingbirdTesting
import PeriksaWeb
import Postgres
import TestSupport
import Testing

/// The web app's routes through HummingbirdTesting, against a real database and a login of
/// role periksa_web: login, sessions, CSRF, lockout, logout, expiry, headers, a database down.
/// Roles are shared by the whole server, so the suite runs its tests one after another.
@Suite("The web app: login, sessions, CSRF, lockout, headers", .serialized)
struct WebAppTests {
    /// A migrated database with the inspector budi.s (of a branch whose code is hostile HTML)
    /// and a periksa_web login; `body` gets the web app's configuration and the owner's conninfo.
    static func withApp(
        idleTimeout: TimeInterval = 1800, _ body: (WebConfiguration, String) async throws -> Void
    ) async throws {
        try await TestDatabase.withDatabase { conninfo in
            let owner = try Connection(conninfo: conninfo)
            _ = try Migrator.bundled().migrate(on: owner)
            let login = "web_\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
            // The roles are the cluster's, their privileges this database's.
            try Analytics.createRoles(on: owner)
            try Analytics.grant(.web, to: login, branches: [], on: owner)
            defer {
                _ = try? owner.execute(unsafeSQL: "drop owned by \(login) cascade")
                _ = try? owner.execute(unsafeSQL: "drop role if exists \(login)")
            }
            try owner.execute(unsafeSQL: "alter role \(login) password 'pw_\(login)'")
            try WebUsers(connection: owner, actor: "cli:test").add(
                name: "budi.s", role: .inspector, branches: ["<b>JKT</b>"], password: "kopi tubruk 42")
            let configuration = WebConfiguration(
                conninfo: TestDatabase.login(conninfo, user: login, password: "pw_\(login)"), idleTimeout: idleTimeout)
            try await body(configuration, conninfo)
        }
    }

    /// The value of a `Set-Cookie` header named `name`, and the whole header.
    static func cookie(_ name: String, in response: TestResponse) -> (value: String, header: String)? {
        for header in response.headers[values: .setCookie] where header.hasPrefix(name + "=") {
            let value = header.dropFirst(name.count + 1).prefix { $0 != ";" }
            return (String(value), header)
        }
        return nil
    }

    static func csrfToken(in html: String) -> String? { HTMLForms.csrfToken(in: html) }

    static func text(_ response: TestResponse) -> String { String(buffer: response.body) }

    static func form(_ fields: [String: String]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._")
        return ByteBuffer(
            string: fields.sorted { $0.key < $1.key }.map {
                "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
            }.joined(separator: "&"))
    }

    /// Opens the login page: the form's token and its cookie.
    static func loginForm(_ client: some TestClientProtocol) async throws -> (token: String, cookie: String) {
        try await client.execute(uri: "/login", method: .get) { response in
            let token = try #require(csrfToken(in: text(response)))
            let cookie = try #require(Self.cookie("periksa_login_csrf", in: response)).value
            return (token, cookie)
        }
    }

    /// Logs in; the session cookie.
    static func logIn(
        _ client: some TestClientProtocol, as name: String = "budi.s", password: String = "kopi tubruk 42"
    ) async throws -> String? {
        let (token, cookie) = try await loginForm(client)
        return try await client.execute(
            uri: "/login", method: .post, headers: [.cookie: "periksa_login_csrf=\(cookie)"],
            body: form(["username": name, "password": password, "csrf_token": token])
        ) { response in Self.cookie("periksa_session", in: response)?.value }
    }

    @Test("health, the login page and its headers; anonymous pages go to the login")
    func anonymous() async throws {
        try await Self.withApp { configuration, _ in
            let app = Application(router: WebApp.router(configuration))
            try await app.test(.router) { client in
                try await client.execute(uri: "/healthz", method: .get) { response in
                    #expect(response.status == .ok && Self.text(response) == "ok\n")
                }
                try await client.execute(uri: "/", method: .get) { response in
                    #expect(response.status == .seeOther && response.headers[.location] == "/login")
                }
                try await client.execute(uri: "/login", method: .get) { response in
                    #expect(response.status == .ok)
                    let html = Self.text(response)
                    #expect(html.contains("<html lang=\"id\">") && html.contains("Nama pengguna"))
                    #expect(Self.csrfToken(in: html)?.count == 43)
                    #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                    #expect(response.headers[.referrerPolicy] == "same-origin")
                    let cookie = try #require(Self.cookie("periksa_login_csrf", in: response)).header
                    #expect(
                        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"))
                    #expect(!html.contains("<script"))
                }
                try await client.execute(uri: "/login?lang=en", method: .get) { response in
                    #expect(
                        Self.text(response).contains("<html lang=\"en\">") && Self.text(response).contains("User name"))
                }
            }
        }
    }

    @Test("a login needs the form's CSRF token; a wrong password is 401; ten failures lock the name")
    func loginRefusals() async throws {
        try await Self.withApp { configuration, ownerURL in
            let app = Application(router: WebApp.router(configuration))
            try await app.test(.router) { client in
                let (token, cookie) = try await Self.loginForm(client)
                // No cookie, or a token that is not the cookie's: 403, and no session.
                for headers: HTTPFields in [[:], [.cookie: "periksa_login_csrf=\(cookie)x"]] {
                    try await client.execute(
                        uri: "/login", method: .post, headers: headers,
                        body: Self.form(["username": "budi.s", "password": "kopi tubruk 42", "csrf_token": token])
                    ) { response in
                        #expect(response.status == .forbidden && Self.cookie("periksa_session", in: response) == nil)
                    }
                }
                try await client.execute(
                    uri: "/login", method: .post, headers: [.cookie: "periksa_login_csrf=\(cookie)"],
                    body: Self.form(["username": "budi.s", "csrf_token": token])
                ) { response in
                    #expect(response.status == .badRequest)
                }
                for _ in 0..<10 {
                    let status = try await client.execute(
                        uri: "/login", method: .post, headers: [.cookie: "periksa_login_csrf=\(cookie)"],
                        body: Self.form(["username": "budi.s", "password": "salah sekali", "csrf_token": token])
                    ) { response in
                        #expect(Self.text(response).contains("Nama pengguna atau kata sandi salah."))
                        return response.status
                    }
                    #expect(status == .unauthorized)
                }
                // Locked: even the right password is refused, for this name only.
                let locked = try await client.execute(
                    uri: "/login", method: .post, headers: [.cookie: "periksa_login_csrf=\(cookie)"],
                    body: Self.form(["username": "budi.s", "password": "kopi tubruk 42", "csrf_token": token])
                ) { response in (response.status, Self.cookie("periksa_session", in: response)) }
                #expect(locked.0 == .tooManyRequests && locked.1 == nil)
                // A new password lifts the lockout.
                try WebUsers(connection: Connection(conninfo: ownerURL), actor: "cli:test").setPassword(
                    "budi.s", to: "es campur 7 rasa")
                #expect(try await Self.logIn(client, password: "es campur 7 rasa") != nil)
            }
        }
    }

    @Test("a session: its cookie, the dashboard with escaped values, CSRF on logout, logout, the log")
    func session() async throws {
        try await Self.withApp { configuration, ownerURL in
            let app = Application(router: WebApp.router(configuration))
            try await app.test(.router) { client in
                let (token, cookie) = try await Self.loginForm(client)
                let session = try await client.execute(
                    uri: "/login", method: .post, headers: [.cookie: "periksa_login_csrf=\(cookie)"],
                    body: Self.form(["username": "budi.s", "password": "kopi tubruk 42", "csrf_token": token])
                ) { response in
                    #expect(response.status == .seeOther && response.headers[.location] == "/")
                    let header = try #require(Self.cookie("periksa_session", in: response))
                    #expect(header.header.contains("HttpOnly") && header.header.contains("SameSite=Strict"))
                    return header.value
                }
                let stored = try Connection(conninfo: ownerURL).queryFirst(
                    "select token_sha256 from periksa.web_sessions")!.decode(
                        String.self, at: 0)
                #expect(stored.count == 64 && stored != session)
                let page = try await client.execute(
                    uri: "/", method: .get, headers: [.cookie: "periksa_session=\(session)"]
                ) { response in
                    #expect(response.status == .ok)
                    return Self.text(response)
                }
                #expect(page.contains("Selamat datang, budi.s") && page.contains("&lt;b&gt;JKT&lt;/b&gt;"))
                #expect(!page.contains("<b>JKT</b>"))
                let csrf = try #require(Self.csrfToken(in: page))
                // Logout without the token, or with another: 403, the session lives on.
                for form in [["csrf_token": "x"], ["csrf_token": token]] {
                    try await client.execute(
                        uri: "/logout", method: .post, headers: [.cookie: "periksa_session=\(session)"],
                        body: Self.form(form)
                    ) { response in #expect(response.status == .forbidden) }
                }
                try await client.execute(
                    uri: "/logout", method: .post, headers: [.cookie: "periksa_session=\(session)"],
                    body: Self.form(["csrf_token": csrf])
                ) { response in
                    #expect(response.status == .seeOther && response.headers[.location] == "/login")
                    #expect(Self.cookie("periksa_session", in: response)?.header.contains("Max-Age=0") == true)
                }
                try await client.execute(uri: "/", method: .get, headers: [.cookie: "periksa_session=\(session)"]) {
                    response in #expect(response.status == .seeOther)
                }
                let log = try AccessLog(connection: Connection(conninfo: ownerURL)).entries(since: nil, actor: "budi.s")
                    .map(\.action)
                #expect(log == ["session.login", "session.logout"])
            }
        }
    }

    @Test("an idle session ends; a disabled user's session ends with it")
    func expiry() async throws {
        try await Self.withApp(idleTimeout: 1) { configuration, ownerURL in
            let app = Application(router: WebApp.router(configuration))
            try await app.test(.router) { client in
                let session = try #require(try await Self.logIn(client))
                try await Task.sleep(for: .milliseconds(1500))
                try await client.execute(uri: "/", method: .get, headers: [.cookie: "periksa_session=\(session)"]) {
                    response in #expect(response.status == .seeOther)
                }
                let left = try Connection(conninfo: ownerURL).queryFirst("select count(*) from periksa.web_sessions")!
                    .decode(Int.self, at: 0)
                #expect(left == 0)
            }
        }
        try await Self.withApp { configuration, ownerURL in
            let app = Application(router: WebApp.router(configuration))
            try await app.test(.router) { client in
                let session = try #require(try await Self.logIn(client))
                try WebUsers(connection: Connection(conninfo: ownerURL), actor: "cli:test").disable("budi.s")
                try await client.execute(uri: "/", method: .get, headers: [.cookie: "periksa_session=\(session)"]) {
                    response in #expect(response.status == .seeOther)
                }
            }
        }
    }

    @Test("the audit list: the user's branches only (the database decides), its download, bad input 400")
    func auditList() async throws {
        // The rules' fixture, audited for June 2025: JKT-A and JKT-B employers; siti of JKT-B.
        try await WorkRoutesTests.withAudit { configuration, _ in
            let app = Application(router: WebApp.router(configuration))
            try await app.test(.router) { client in
                try await client.execute(uri: "/audit-list?period=2025-06", method: .get) { response in
                    #expect(response.status == .seeOther && response.headers[.location] == "/login")
                }
                let session = try #require(try await Self.logIn(client, as: "siti", password: "teh manis 2026"))
                let cookie: HTTPFields = [.cookie: "periksa_session=\(session)"]
                for uri in ["/audit-list?period=2025-06", "/audit-list?period=2025-06&branch=JKT-A"] {
                    try await client.execute(uri: uri, method: .get, headers: cookie) { response in
                        #expect(response.status == .ok)
                        let page = Self.text(response)
                        #expect(page.contains("Daftar Prioritas Pemeriksaan"))
                        #expect(page.contains("UMKCITY5") == !uri.contains("JKT-A"), "\(uri)")
                        #expect(!page.contains("LEAD0001") && !page.contains("ARREARS9"), "\(uri)")
                    }
                }
                try await client.execute(uri: "/audit-list?period=2025-06&format=md", method: .get, headers: cookie) {
                    response in
                    #expect(response.headers[.contentType] == "text/markdown; charset=utf-8")
                    #expect(Self.text(response).contains("UMKCITY5") && !Self.text(response).contains("<html"))
                }
                // No period: the latest audited.
                try await client.execute(uri: "/audit-list", method: .get, headers: cookie) { response in
                    #expect(response.status == .ok && Self.text(response).contains("UMKCITY5"))
                }
                for (uri, message, status) in [
                    ("/audit-list?period=2025-13", "period", HTTPResponse.Status.badRequest),
                    ("/audit-list?period=2024-01", "2024-01", .notFound),
                    ("/audit-list?period=2025-06&capacity=0", "capacity", .badRequest),
                    ("/audit-list?period=2025-06&format=pdf", "format", .badRequest),
                ] {
                    try await client.execute(uri: uri, method: .get, headers: cookie) { response in
                        #expect(response.status == status, "\(uri)")
                        #expect(Self.text(response).contains(message), "\(uri)")
                    }
                }
            }
        }
    }

    @Test("a database that does not answer: 503 and a message, no stack trace")
    func databaseDown() async throws {
        let configuration = WebConfiguration(conninfo: "host=127.0.0.1 port=1 dbname=none connect_timeout=2")
        let app = Application(router: WebApp.router(configuration))
        try await app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
            }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: "periksa_session=abc"]) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(Self.text(response).contains("Basis data tidak dapat dihubungi"))
                #expect(!Self.text(response).contains("PostgresError"))
            }
        }
    }
}
