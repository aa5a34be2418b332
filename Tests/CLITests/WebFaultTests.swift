import Foundation
import Postgres
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The web app as a process (`periksa serve`) meeting faults and other work: the server killed
/// with SIGKILL while it records a case event, and inspectors browsing while an import loads a
/// large file. The rule fixture is audited for June 2025 and has case 1 (ARREARS9, JKT-A).
@Suite("Faults: the web app killed in flight and under load during an import")
struct WebFaultTests {
    /// A browser without cookies of its own: the session and login cookies are sent by hand,
    /// redirects are not followed (a 303 and its cookies are what the test reads).
    final class Browser: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        let base: String
        private let lock = NSLock()
        private var cookies: [String: String] = [:]
        private var session: URLSession!

        init(port: Int) {
            base = "http://127.0.0.1:\(port)"
            super.init()
            let configuration = URLSessionConfiguration.ephemeral
            configuration.httpShouldSetCookies = false
            configuration.httpCookieAcceptPolicy = .never
            session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
        }

        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
            newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
        ) {
            completionHandler(nil)
        }

        struct Answer {
            /// 0 when no answer came (the connection closed, or the timeout).
            var status: Int
            var body: String
            var seconds: Double
        }

        /// One request; its answer. `form`: a POST of these fields, URL-encoded.
        func send(_ path: String, form: [String: String]? = nil, timeout: Double = 30) -> Answer {
            var request = URLRequest(url: URL(string: base + path)!)
            request.timeoutInterval = timeout
            let cookie = lock.withLock { cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; ") }
            if !cookie.isEmpty { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
            if let form {
                var allowed = CharacterSet.alphanumerics
                allowed.insert(charactersIn: "-._")
                request.httpMethod = "POST"
                request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
                request.httpBody = Data(
                    form.sorted { $0.key < $1.key }.map {
                        "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")"
                    }.joined(separator: "&").utf8)
            }
            let box = AnswerBox()
            let done = DispatchSemaphore(value: 0)
            let started = Date()
            session.dataTask(with: request) { data, response, _ in
                let http = response as? HTTPURLResponse
                box.answer = Answer(
                    status: http?.statusCode ?? 0, body: data.map { String(decoding: $0, as: UTF8.self) } ?? "",
                    seconds: Date().timeIntervalSince(started))
                if let fields = http?.allHeaderFields {
                    for (name, value) in fields where (name as? String)?.lowercased() == "set-cookie" {
                        box.setCookie = value as? String
                    }
                }
                done.signal()
            }.resume()
            done.wait()
            if let header = box.setCookie {
                // Several Set-Cookie headers may come joined with commas; the values have none.
                for part in header.split(separator: ",") {
                    let pair = part.split(separator: ";").first?.split(separator: "=", maxSplits: 1) ?? []
                    guard pair.count == 2 else { continue }
                    let name = pair[0].trimmingCharacters(in: .whitespaces)
                    lock.withLock { cookies[name] = String(pair[1]) }
                }
            }
            return box.answer
        }

        /// Logs in through the form; the CSRF token of the signed-in pages.
        func logIn(_ name: String, _ password: String) throws -> String {
            let page = send("/login")
            let token = try #require(HTMLForms.csrfToken(in: page.body), "no token on the login page: \(page.status)")
            let answer = send("/login", form: ["username": name, "password": password, "csrf_token": token])
            #expect(answer.status == 303, "login: \(answer.status) \(answer.body)")
            return try #require(HTMLForms.csrfToken(in: send("/").body), "no token on the dashboard")
        }
    }

    final class AnswerBox: @unchecked Sendable {
        var answer = Browser.Answer(status: 0, body: "", seconds: 0)
        var setCookie: String?
    }

    /// The audited fixture with case 1, the web login, the inspector budi of JKT-A, and
    /// `periksa serve` on a free port; `body` gets the database, a monitor connection and a
    /// function that starts the server (again).
    static func withServer(
        _ body: (_ conninfo: String, _ monitor: Connection, _ serve: () throws -> (Background, Browser)) throws -> Void
    ) throws {
        try FaultTests.withCase { conninfo, monitor in
            let login = "web_fault_\(UInt32.random(in: 0...UInt32.max))"
            #expect(try CommandRunner.periksa(["db", "roles", "--database-url", conninfo]).status == 0)
            let granted = try CommandRunner.periksa(["db", "grant", "web", login, "--database-url", conninfo])
            #expect(granted.status == 0, "\(granted.stderr)")
            try monitor.execute(unsafeSQL: "alter role \(login) password 'web-fault-secret'")
            defer {
                _ = try? monitor.execute(unsafeSQL: "drop owned by \(login) cascade; drop role if exists \(login)")
            }
            let added = try CommandRunner.periksa(
                ["user", "add", "budi", "--role", "inspector", "--branch", "JKT-A", "--database-url", conninfo],
                input: "kopi tubruk 42\n")
            #expect(added.status == 0, "\(added.stderr)")
            let web = conninfo + " user=\(login) password=web-fault-secret"
            var servers: [Background] = []
            defer { servers.forEach { $0.killHard() } }
            func serve() throws -> (Background, Browser) {
                let port = Int.random(in: 20_000...29_999)  // below the kernel's ephemeral ports
                let server = try Background(
                    ["serve", "--port", String(port), "--listen", "127.0.0.1", "--database-url", web])
                servers.append(server)
                let browser = Browser(port: port)
                #expect(eventually(within: 30) { browser.send("/healthz", timeout: 2).status == 200 })
                return (server, browser)
            }
            try body(conninfo, monitor, serve)
        }
    }

    @Test(
        "the server killed with SIGKILL while it records a case event: the case as it was; the event sent again is recorded once"
    )
    func serverKilledDuringEvent() throws {
        try Self.withServer { conninfo, monitor, serve in
            let events = try monitor.count("select count(*) from periksa.case_events where case_id = 1")
            let (server, browser) = try serve()
            let token = try browser.logIn("budi", "kopi tubruk 42")
            #expect(browser.send("/cases/1").body.contains("ARREARS9"))
            // The event waits on the case's row, which the test holds; the server dies there.
            let locker = try FaultTests.lockCase(conninfo)
            let inspection = [
                "event": "inspection", "kind": "kantor", "outcome": "terbukti", "on": "2026-02-10", "csrf_token": token,
            ]
            let answer = AnswerBox()
            let posted = DispatchSemaphore(value: 0)
            Thread.detachNewThread {
                answer.answer = browser.send("/cases/1/events", form: inspection)
                posted.signal()
            }
            #expect(try eventually { try monitor.statementWaitingForLock()?.contains("periksa.cases") == true })
            server.killHard()
            posted.wait()
            #expect(
                answer.answer.status == 0, "the browser got an answer from a killed server: \(answer.answer.status)")
            try FaultTests.expectCaseUntouched(monitor, releasing: locker, events: events)

            // The server started again: the inspector logs in and sends the form again.
            let (_, again) = try serve()
            let retoken = try again.logIn("budi", "kopi tubruk 42")
            let resent = again.send("/cases/1/events", form: inspection.merging(["csrf_token": retoken]) { $1 })
            #expect(resent.status == 303, "\(resent.status) \(resent.body)")
            #expect(try monitor.count("select count(*) from periksa.case_events where case_id = 1") == events + 1)
            #expect(
                try monitor.queryFirst("select state from periksa.cases where case_id = 1")?.decode(String.self, at: 0)
                    == "diperiksa")
        }
    }

    @Test("inspectors browsing while a 300,000-row import loads: every page 200, none waits on the import")
    func browsingDuringImport() throws {
        try Self.withServer { conninfo, monitor, serve in
            try TemporaryFile.with(FaultTests.employers, name: "employers.csv") { path in
                let loaded = try CommandRunner.periksa(["import", "employers", path, "--database-url", conninfo])
                #expect(loaded.status == 0, "\(loaded.stderr)")
            }
            let (_, browser) = try serve()
            _ = try browser.logIn("budi", "kopi tubruk 42")
            let pages = ["/", "/audit-list?period=2025-06", "/cases/1", "/employers/ARREARS9?period=2025-06", "/cases"]
            for page in pages { #expect(browser.send(page).status == 200, "\(page) before the import") }

            try TemporaryFile.with(FaultTests.contributions, name: "contributions.csv") { path in
                let command = try Background(["import", "contributions", path, "--database-url", conninfo])
                // Four inspectors' tabs at once, for as long as the import runs.
                let answers = Answers()
                let group = DispatchGroup()
                for tab in 0..<4 {
                    group.enter()
                    Thread.detachNewThread {
                        var index = tab
                        while command.isRunning {
                            let page = pages[index % pages.count]
                            answers.add(page, browser.send(page), during: command.isRunning)
                            index += 1
                        }
                        group.leave()
                    }
                }
                group.wait()
                let imported = command.finish()
                #expect(imported.stdout.hasSuffix("read=300003 loaded=300000 rejected=3\n"), "\(imported.stderr)")
                let all = answers.values
                let during = all.filter(\.during)
                #expect(during.count >= 10, "only \(during.count) requests while the import ran")
                let failed = all.filter { $0.answer.status != 200 }.map { "\($0.page): \($0.answer.status)" }
                #expect(failed.isEmpty, "\(failed.prefix(5))")
                // No page waited for the import's transaction (seconds of it, in this build):
                // the slowest stays far below that, even on a busy machine.
                let slowest = all.map(\.answer.seconds).max() ?? 0
                #expect(slowest < 10, "the slowest page took \(slowest) s")
            }
            #expect(try monitor.count("select count(*) from periksa.contributions where npp like 'AA%'") == 300_000)
        }
    }

    final class Answers: @unchecked Sendable {
        struct Entry {
            var page: String
            var answer: Browser.Answer
            var during: Bool
        }
        private let lock = NSLock()
        private var entries: [Entry] = []
        func add(_ page: String, _ answer: Browser.Answer, during: Bool) {
            lock.withLock { entries.append(Entry(page: page, answer: answer, during: during)) }
        }
        var values: [Entry] { lock.withLock { entries } }
    }
}
