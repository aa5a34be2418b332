import Compliance
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("The web app's users: bcrypt hashes, roles and branches, the access log")
struct WebUsersTests {
    static func withUsers(_ body: (Connection, WebUsers) throws -> Void) throws {
        try TestDatabase.withConnection { connection in
            _ = try Migrator.bundled().migrate(on: connection)
            try body(connection, WebUsers(connection: connection, actor: "cli:tester"))
        }
    }

    @Test("a user is added with a bcrypt hash, checked by its password, disabled, given a new password")
    func lifecycle() throws {
        try Self.withUsers { connection, users in
            try users.add(
                name: "budi.s", role: .inspector, branches: ["JKT-B", "JKT-A", "JKT-A"], password: "kopi tubruk 42")
            try users.add(name: "rina", role: .manager, branches: [], allBranches: true, password: "teh manis 2026")
            #expect(
                try users.list().map { "\($0.name) \($0.role.rawValue) \($0.branches) \($0.allBranches)" } == [
                    "budi.s inspector [\"JKT-A\", \"JKT-B\"] false", "rina manager [] true",
                ])
            let hash = try connection.queryFirst("select password_hash from periksa.web_users where name = 'budi.s'")!
                .decode(String.self, at: 0)
            #expect(hash.hasPrefix("$2b$12$") && hash.count == 60 && !hash.contains("kopi"))
            #expect(try users.verify(name: "budi.s", password: "kopi tubruk 42")?.branches == ["JKT-A", "JKT-B"])
            #expect(try users.verify(name: "budi.s", password: "kopi tubruk 43") == nil)
            #expect(try users.verify(name: "nobody", password: "kopi tubruk 42") == nil)

            try users.setPassword("budi.s", to: "es campur 7 rasa")
            #expect(try users.verify(name: "budi.s", password: "kopi tubruk 42") == nil)
            #expect(try users.verify(name: "budi.s", password: "es campur 7 rasa")?.name == "budi.s")
            try users.disable("budi.s")
            #expect(try users.verify(name: "budi.s", password: "es campur 7 rasa") == nil)
            #expect(try users.user("budi.s")?.isDisabled == true)
            #expect(throws: WebUserError.disabledAlready("budi.s")) { try users.disable("budi.s") }
            #expect(throws: WebUserError.noUser("siti")) { try users.disable("siti") }
            #expect(throws: WebUserError.noUser("siti")) { try users.setPassword("siti", to: "es campur 7 rasa") }
            #expect(throws: WebUserError.exists("rina")) {
                try users.add(name: "rina", role: .analyst, branches: [], password: "teh manis 2026")
            }

            // Every change is in the access log, with who made it; no password is.
            let log = try AccessLog(connection: connection).entries(since: nil, actor: nil)
            #expect(
                log.map { "\($0.actor) \($0.action) \($0.object ?? "-") \($0.detail ?? "-")" } == [
                    "cli:tester user.add budi.s inspector JKT-A,JKT-B", "cli:tester user.add rina manager all branches",
                    "cli:tester user.password budi.s -", "cli:tester user.disable budi.s -",
                ])
            #expect(try AccessLog(connection: connection).entries(since: nil, actor: "someone").isEmpty)
            #expect(
                try AccessLog(connection: connection).entries(since: Date().addingTimeInterval(3600), actor: nil)
                    .isEmpty)
            // Appended, never changed.
            #expect(throws: PostgresError.self) { try connection.execute("delete from periksa.access_log") }
            #expect(throws: PostgresError.self) { try connection.execute("update periksa.access_log set actor = 'x'") }
        }
    }

    @Test("bad names, passwords and branches are refused with the field and what is allowed")
    func refusals() throws {
        try Self.withUsers { connection, users in
            let cases: [(String, WebUser.Role, [String], Bool, String, WebUserError)] = [
                ("Budi", .inspector, ["A"], false, "kopi tubruk 42", .badName("Budi")),
                ("b", .inspector, ["A"], false, "kopi tubruk 42", .badName("b")),
                ("budi; drop", .inspector, ["A"], false, "kopi tubruk 42", .badName("budi; drop")),
                ("budi", .inspector, ["A"], false, "pendek", .passwordLength(bytes: 6)),
                ("budi", .inspector, ["A"], false, String(repeating: "é", count: 37), .passwordLength(bytes: 74)),
                ("budi", .inspector, ["A"], false, "aaaaaaaaaaaa", .weakPassword),
                ("budi.santoso", .inspector, ["A"], false, "BUDI.SANTOSO", .weakPassword),
                ("budi", .inspector, [], false, "kopi tubruk 42", .inspectorNeedsBranch),
                ("budi", .inspector, ["A"], true, "kopi tubruk 42", .allBranchesOnlyForManager),
                ("budi", .manager, [], false, "kopi tubruk 42", .managerNeedsBranches),
                ("budi", .manager, ["A"], true, "kopi tubruk 42", .branchesAndAll),
                ("budi", .analyst, ["A"], false, "kopi tubruk 42", .noBranches(.analyst)),
                (
                    "budi", .manager, [String(repeating: "X", count: 41)], false, "kopi tubruk 42",
                    .badBranch(String(repeating: "X", count: 41))
                ),
            ]
            for (name, role, branches, all, password, error) in cases {
                #expect(throws: error, "\(name) \(role) \(branches)") {
                    try users.add(name: name, role: role, branches: branches, allBranches: all, password: password)
                }
            }
            let listed = try users.list()
            let logged = try AccessLog(connection: connection).entries(since: nil, actor: nil)
            #expect(listed.isEmpty && logged.isEmpty)
            #expect(WebUserError.inspectorNeedsBranch.message(.indonesian).contains("--branch KODE"))
        }
    }
}
