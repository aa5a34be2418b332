import Compliance
import Foundation
import Hummingbird
import HummingbirdTesting
import PeriksaWeb
import Postgres
import TestSupport
import Testing

/// The pages of the work: dossiers, cases, events, letters, the reports, coverage and outreach;
/// each role's scope as the database decides it. The rules' fixture is audited for June 2025:
/// UMKCITY5 is of branch JKT-B, the others of JKT-A.
@Suite("The web app: dossiers, cases, letters, reports, scope by role", .serialized)
struct WorkRoutesTests {
    typealias W = WebAppTests

    /// The audited fixture, the inspector siti (JKT-B), the manager maya (JKT-A), the analyst
    /// ani; `body` gets the app's configuration and the owner's connection.
    static func withAudit(_ body: (WebConfiguration, Connection) async throws -> Void) async throws {
        try await W.withApp { configuration, ownerURL in
            let owner = try Connection(conninfo: ownerURL)
            for (kind, csv) in [
                (ImportKind.employers, RuleFixture.employers), (.minimumWages, RuleFixture.minimumWages),
                (.workforce, RuleFixture.workforce), (.contributions, RuleFixture.contributions),
                (.payments, RuleFixture.payments),
            ] {
                _ = try TemporaryFile.with(csv) { try Importer(connection: owner).run(.init(kind: kind, path: $0)) }
            }
            _ = try AuditRunner(connection: owner).run(period: "2025-06", asOf: nil, parameters: AuditParameters())
            let users = WebUsers(connection: owner, actor: "cli:test")
            try users.add(name: "siti", role: .inspector, branches: ["JKT-B"], password: "teh manis 2026")
            try users.add(name: "maya", role: .manager, branches: ["JKT-A"], password: "kopi susu 2026")
            try users.add(name: "ani", role: .analyst, branches: [], password: "jus alpukat 2026")
            try await body(configuration, owner)
        }
    }

    static func session(_ client: some TestClientProtocol, _ name: String, _ password: String) async throws
        -> (cookie: HTTPFields, csrf: String)
    {
        let session = try #require(try await W.logIn(client, as: name, password: password))
        let cookie: HTTPFields = [.cookie: "periksa_session=\(session)"]
        let page = try await client.execute(uri: "/", method: .get, headers: cookie) { W.text($0) }
        return (cookie, try #require(W.csrfToken(in: page)))
    }

    static func get(_ client: some TestClientProtocol, _ uri: String, _ cookie: HTTPFields) async throws
        -> (HTTPResponse.Status, String, HTTPFields)
    {
        try await client.execute(uri: uri, method: .get, headers: cookie) { ($0.status, W.text($0), $0.headers) }
    }

    static func post(
        _ client: some TestClientProtocol, _ uri: String, _ cookie: HTTPFields, _ fields: [String: String]
    ) async throws -> (HTTPResponse.Status, String, String?) {
        try await client.execute(uri: uri, method: .post, headers: cookie, body: W.form(fields)) {
            ($0.status, W.text($0), $0.headers[.location])
        }
    }

    @Test("the dossier: masked by default, in full on request and logged; another branch's NPP 404; bad NPP 400")
    func dossier() async throws {
        try await Self.withAudit { configuration, owner in
            try owner.execute("update periksa.employers set name = '<script>x</script> Kota' where npp = 'UMKCITY5'")
            let app = Application(router: WebApp.router(configuration))
            try await app.test(.router) { client in
                let (status, _, headers) = try await Self.get(client, "/employers/UMKCITY5?period=2025-06", [:])
                #expect(status == .seeOther && headers[.location] == "/login")
                let (cookie, _) = try await Self.session(client, "siti", "teh manis 2026")
                let (ok, page, _) = try await Self.get(client, "/employers/UMKCITY5?period=2025-06", cookie)
                #expect(ok == .ok)
                #expect(page.contains("Berkas Pemeriksaan Pemberi Kerja") && page.contains("UMKCITY5"))
                #expect(page.contains("&lt;script&gt;x&lt;/script&gt; Kota") && !page.contains("<script>x"))
                #expect(!page.contains("3172014101900001"), "a NIK in full without personal=1")
                #expect(page.contains("Buka kasus") && W.csrfToken(in: page) != nil)
                let (_, full, _) = try await Self.get(client, "/employers/umkcity5?period=2025-06&personal=1", cookie)
                #expect(full.contains("3172014101900001"))
                let (_, markdown, mdHeaders) = try await Self.get(
                    client, "/employers/UMKCITY5?period=2025-06&format=md", cookie)
                #expect(mdHeaders[.contentDisposition]?.contains("berkas-UMKCITY5-2025-06.md") == true)
                #expect(markdown.contains("UMKCITY5") && !markdown.contains("<html"))
                // Another branch's employer is as absent as an unknown one.
                for uri in ["/employers/LEAD0001?period=2025-06", "/employers/NOSUCH99?period=2025-06"] {
                    let (status, text, _) = try await Self.get(client, uri, cookie)
                    #expect(status == .notFound, "\(uri)")
                    #expect(!text.contains("PT Induk Jaya"), "\(uri)")
                }
                for (uri, field) in [
                    ("/employers/UMK%20CITY?period=2025-06", "npp"), ("/employers/UMKCITY5", "period"),
                    ("/employers/UMKCITY5?period=2025-06&personal=2", "personal"),
                    ("/employers/\(String(repeating: "A", count: 21))?period=2025-06", "npp"),
                ] {
                    let (status, text, _) = try await Self.get(client, uri, cookie)
                    #expect(status == .badRequest && text.contains(field), "\(uri)")
                }
                let (none, _, _) = try await Self.get(client, "/employers/UMKCITY5?period=2024-01", cookie)
                #expect(none == .notFound)
            }
            let log = try AccessLog(connection: owner).entries(since: nil, actor: "siti").map {
                "\($0.action) \($0.object ?? "")"
            }
            #expect(log.contains("dossier.view UMKCITY5") && log.contains("dossier.personal_data UMKCITY5"))
            #expect(!log.contains { $0.contains("LEAD0001") })
        }
    }

    @Test("a case from the dossier: opened, inspected, warning I, its letter; refusals 403, 409, 404")
    func cases() async throws {
        try await Self.withAudit { configuration, owner in
            // A case of JKT-A that the inspector of JKT-B must not reach.
            let other = try Cases(connection: owner).open(
                npp: "LEAD0001", runID: nil, period: "2025-06", on: "2025-07-01")
            let app = Application(router: WebApp.router(configuration))
            try await app.test(.router) { client in
                let (cookie, csrf) = try await Self.session(client, "siti", "teh manis 2026")
                // The audit list before the case (rendered and kept), and after it: the employer
                // with an open case leaves the list, the kept page is not served again.
                let (_, before, _) = try await Self.get(client, "/audit-list", cookie)
                #expect(before.contains("UMKCITY5"))
                let open = ["npp": "UMKCITY5", "period": "2025-06", "csrf_token": csrf]
                let (forbidden, _, _) = try await Self.post(
                    client, "/cases", cookie, open.merging(["csrf_token": "x"]) { $1 })
                #expect(forbidden == .forbidden)
                let (opened, _, location) = try await Self.post(client, "/cases", cookie, open)
                #expect(opened == .seeOther)
                let path = try #require(location)
                #expect(path.hasPrefix("/cases/"))
                let (_, after, _) = try await Self.get(client, "/audit-list", cookie)
                #expect(!after.contains("UMKCITY5") && after.contains("Daftar Prioritas Pemeriksaan"))
                let (again, message, _) = try await Self.post(client, "/cases", cookie, open)
                #expect(again == .conflict && message.contains("sudah memiliki kasus terbuka"))
                let (_, page, _) = try await Self.get(client, path, cookie)
                #expect(page.contains("<strong id=\"state\">dibuka</strong>") && page.contains("Catat peristiwa"))
                // Inspection first; warning I before it is refused with the allowed events. The
                // case was opened today: its events are dated today (no date in the form).
                let (refused, why, _) = try await Self.post(
                    client, path + "/events", cookie, ["event": "sp1", "csrf_token": csrf])
                #expect(refused == .conflict && why.contains("inspection"))
                let (bad, field, _) = try await Self.post(
                    client, path + "/events", cookie,
                    ["event": "inspection", "kind": "rumah", "outcome": "terbukti", "csrf_token": csrf])
                #expect(bad == .badRequest && field.contains("kind"))
                let (badDay, day, _) = try await Self.post(
                    client, path + "/events", cookie, ["event": "sp1", "on": "2025-02-30", "csrf_token": csrf])
                #expect(badDay == .badRequest && day.contains("on: "))
                for event in [
                    ["event": "inspection", "kind": "lapangan", "outcome": "terbukti"],
                    ["event": "sp1", "note": "diterima <b>HRD</b>"],
                ] {
                    let (status, text, back) = try await Self.post(
                        client, path + "/events", cookie, event.merging(["csrf_token": csrf]) { $1 })
                    #expect(status == .seeOther && back == path, "\(text)")
                }
                let (_, shown, _) = try await Self.get(client, path, cookie)
                #expect(shown.contains("surat peringatan I") && shown.contains("diterima &lt;b&gt;HRD&lt;/b&gt;"))
                #expect(shown.contains("web:siti") && shown.contains("/letters/sp1"))
                let (letter, text, _) = try await Self.get(client, path + "/letters/sp1", cookie)
                #expect(letter == .ok && text.contains("UMKCITY5") && text.contains("Surat Peringatan"))
                let (notYet, _, _) = try await Self.get(client, path + "/letters/sp2", cookie)
                #expect(notYet == .conflict)
                let (list, csv, headers) = try await Self.get(client, "/cases?format=csv", cookie)
                #expect(list == .ok && headers[.contentType] == "text/csv; charset=utf-8")
                #expect(csv.contains("UMKCITY5") && !csv.contains("LEAD0001"))
                // The other branch's case: 404 to read, to change, for its letter.
                let (hidden, _, _) = try await Self.get(client, "/cases/\(other)", cookie)
                #expect(hidden == .notFound)
                let (unchanged, _, _) = try await Self.post(
                    client, "/cases/\(other)/events", cookie,
                    [
                        "event": "inspection", "on": "2025-07-02", "kind": "kantor", "outcome": "terbukti",
                        "csrf_token": csrf,
                    ])
                #expect(unchanged == .notFound)
                let (noLetter, _, _) = try await Self.get(client, "/cases/\(other)/letters/sp1", cookie)
                #expect(noLetter == .notFound)
                let (badID, _, _) = try await Self.get(client, "/cases/abc", cookie)
                #expect(badID == .badRequest)
            }
            // A manager reads its branch's case but may not change it: the database refuses.
            try await app.test(.router) { client in
                let (cookie, csrf) = try await Self.session(client, "maya", "kopi susu 2026")
                let (read, page, _) = try await Self.get(client, "/cases/\(other)", cookie)
                #expect(read == .ok && page.contains("PT Induk Jaya") && !page.contains("Catat peristiwa"))
                let (status, _, _) = try await Self.post(
                    client, "/cases/\(other)/events", cookie,
                    [
                        "event": "inspection", "on": "2025-07-02", "kind": "kantor", "outcome": "terbukti",
                        "csrf_token": csrf,
                    ])
                #expect(status == .forbidden)
                let (opening, _, _) = try await Self.post(
                    client, "/cases", cookie, ["npp": "GAPONE03", "period": "2025-06", "csrf_token": csrf])
                #expect(opening == .forbidden)
            }
            // A case of an employer in arrears keeps its periods in arrears (a statement of
            // their own, which the row-level security check of case_arrears passes).
            try WebUsers(connection: owner, actor: "cli:test").add(
                name: "joko", role: .inspector, branches: ["JKT-A"], password: "wedang jahe 2026")
            try await app.test(.router) { client in
                let (cookie, csrf) = try await Self.session(client, "joko", "wedang jahe 2026")
                let (status, text, _) = try await Self.post(
                    client, "/cases", cookie, ["npp": "ARREARS9", "period": "2025-06", "csrf_token": csrf])
                #expect(status == .seeOther, "\(text)")
            }
            let arrears = try owner.queryFirst(
                "select count(*) from periksa.case_arrears a join periksa.cases c using (case_id) where c.npp = 'ARREARS9'"
            )!.decode(Int.self, at: 0)
            #expect(arrears > 0)
            let recorded = try owner.query("select recorded_by from periksa.case_events order by event_id").map {
                try $0.decode(String.self, at: 0)
            }
            #expect(recorded == ["web:siti", "web:siti"])
            let opened = try owner.queryFirst("select opened_by from periksa.cases where npp = 'UMKCITY5'")!
                .decode(String.self, at: 0)
            #expect(opened == "web:siti")
            let actions = try AccessLog(connection: owner).entries(since: nil, actor: "siti").map(\.action)
            #expect(actions.filter { $0 == "case.open" }.count == 1 && actions.filter { $0 == "case.event" }.count == 2)
            #expect(actions.contains("case.letter"))
        }
    }

    @Test("reports, coverage and outreach by role: an analyst gets counts and masked lists, no branch pages")
    func reportsByRole() async throws {
        try await Self.withAudit { configuration, _ in
            let app = Application(router: WebApp.router(configuration))
            try await app.test(.router) { client in
                let (cookie, _) = try await Self.session(client, "maya", "kopi susu 2026")
                let (compliance, report, _) = try await Self.get(client, "/reports/compliance", cookie)
                #expect(compliance == .ok && report.contains("Laporan Kepatuhan") && report.contains("Juni 2025"))
                let (_, english, _) = try await Self.get(client, "/reports/compliance?lang=en", cookie)
                #expect(english.contains("Compliance Report"))
                let (casesReport, follow, _) = try await Self.get(client, "/reports/cases", cookie)
                #expect(casesReport == .ok && follow.contains("Laporan tindak lanjut kasus"))
                let (coverage, counts, _) = try await Self.get(client, "/coverage?period=2025-06", cookie)
                #expect(coverage == .ok && counts.contains("Laporan Cakupan Kepesertaan"))
                let (outreach, _, _) = try await Self.get(client, "/outreach?period=2025-06", cookie)
                #expect(outreach == .ok)
                let (list, listPage, _) = try await Self.get(client, "/audit-list", cookie)
                #expect(list == .ok)
                #expect(listPage.contains("href=\"/employers/LEAD0001?period=2025-06\""))
                #expect(!listPage.contains("UMKCITY5"))
                let (badRegion, text, _) = try await Self.get(client, "/coverage?region=31710", cookie)
                #expect(badRegion == .badRequest && text.contains("region"))
            }
            try await app.test(.router) { client in
                let (cookie, _) = try await Self.session(client, "ani", "jus alpukat 2026")
                for uri in ["/reports/compliance", "/cases", "/audit-list", "/employers/LEAD0001?period=2025-06"] {
                    let (status, _, _) = try await Self.get(client, uri, cookie)
                    #expect(status == .forbidden, "\(uri)")
                }
                let (coverage, _, _) = try await Self.get(client, "/coverage?period=2025-06", cookie)
                #expect(coverage == .ok)
                let (outreach, _, _) = try await Self.get(client, "/outreach?period=2025-06&format=csv", cookie)
                #expect(outreach == .ok)
            }
        }
    }
}
