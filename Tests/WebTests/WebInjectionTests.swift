import Compliance
import Foundation
import Hummingbird
import HummingbirdTesting
import PeriksaWeb
import Postgres
import TestSupport
import Testing

/// SQL metacharacters in every form field and query parameter of the web app: each is data. A
/// refusal is a 4xx that names the field, never a 500; nothing is changed but what a valid
/// request changes; a note is kept exactly as written.
@Suite("The web app: hostile form fields and query parameters", .serialized)
struct WebInjectionTests {
    typealias R = WorkRoutesTests

    static let hostile = ["'; drop table periksa.cases; --", "x' or '1'='1", "$1", "\\'\"%_*", "2025-06'||'"]

    @Test("hostile values in the query strings and forms: 4xx or a page, never 500; nothing changed")
    func hostileFields() async throws {
        try await R.withAudit { configuration, owner in
            let tables = try owner.count("select count(*) from pg_tables where schemaname = 'periksa'")
            let note = Self.hostile.joined(separator: "\n")
            let app = Application(router: WebApp.router(configuration))
            try await app.test(.router) { client in
                let (cookie, csrf) = try await R.session(client, "siti", "teh manis 2026")
                for value in Self.hostile {
                    let escaped = value.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                    for uri in [
                        "/audit-list?period=\(escaped)", "/audit-list?page=\(escaped)", "/employers/\(escaped)",
                        "/cases?state=\(escaped)", "/cases?format=\(escaped)", "/cases/\(escaped)",
                        "/reports/compliance?period=\(escaped)", "/coverage?period=\(escaped)",
                        "/outreach?region=\(escaped)", "/?lang=\(escaped)",
                    ] {
                        let (status, _, _) = try await R.get(client, uri, cookie)
                        #expect(status.code < 500, "\(uri): \(status)")
                    }
                    let (opened, _, _) = try await R.post(
                        client, "/cases", cookie, ["npp": value, "period": value, "csrf_token": csrf])
                    #expect((400..<500).contains(opened.code), "open \(value): \(opened)")
                }
                // A case opened properly, then events with hostile values: refused with a 4xx, or
                // (a note) kept exactly as written.
                let (opened, _, location) = try await R.post(
                    client, "/cases", cookie, ["npp": "UMKCITY5", "period": "2025-06", "csrf_token": csrf])
                #expect(opened == .seeOther)
                let path = try #require(location)
                for value in Self.hostile {
                    for fields in [
                        ["event": value],
                        ["event": "inspection", "on": value, "kind": "kantor", "outcome": "terbukti"],
                        ["event": "inspection", "on": CaseDates.today(), "kind": value, "outcome": "terbukti"],
                        ["event": "tutup", "on": CaseDates.today(), "reason": value],
                    ] {
                        let (status, _, _) = try await R.post(
                            client, path + "/events", cookie, fields.merging(["csrf_token": csrf]) { $1 })
                        #expect((400..<500).contains(status.code), "\(fields): \(status)")
                    }
                }
                let (recorded, _, _) = try await R.post(
                    client, path + "/events", cookie,
                    [
                        "event": "inspection", "on": CaseDates.today(), "kind": "kantor", "outcome": "terbukti",
                        "note": note,
                        "csrf_token": csrf,
                    ])
                #expect(recorded == .seeOther)
            }
            let stored = try owner.queryFirst("select note from periksa.case_events where note is not null")?
                .decode(String.self, at: 0)
            #expect(stored == note)
            #expect(try owner.count("select count(*) from pg_tables where schemaname = 'periksa'") == tables)
            #expect(try owner.count("select count(*) from periksa.cases") == 1)
            #expect(try owner.count("select count(*) from periksa.case_events where event = 'inspection'") == 1)
        }
    }
}
