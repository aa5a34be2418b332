import Foundation
import TestSupport
import Testing

/// `periksa user` and `periksa access-log` end to end: the password from standard input, never
/// in an output; refusals with the field and exit 1; the log of who changed what.
@Suite("periksa user and access-log")
struct UserCommandTests {
    @Test("users added, listed, disabled and given a new password from standard input; the access log shows it")
    func users() throws {
        try TestDatabase.with { conninfo in
            func periksa(_ arguments: [String], input: String? = nil) throws -> CommandRunner.Result {
                try CommandRunner.periksa(
                    arguments + ["--database-url", conninfo, "--lang", "en"], input: input)
            }
            let add = try periksa(
                ["user", "add", "budi.s", "--role", "inspector", "--branch", "JKT-A", "--branch", "JKT-B"],
                input: "kopi tubruk 42\n")
            #expect(add.status == 0 && add.stderr.contains("user budi.s added (inspector)"), "\(add.stderr)")
            #expect(
                try periksa(
                    ["user", "add", "rina", "--role", "manager", "--all-branches"], input: "teh manis 2026\r\n"
                )
                .status == 0)
            let list = try periksa(["user", "list", "--format", "csv"])
            let rows = list.stdout.split(separator: "\n").map {
                $0.split(separator: ",").prefix(3).joined(separator: ",")
            }
            #expect(rows == ["name,role,branches", "budi.s,inspector,JKT-A|JKT-B", "rina,manager,all"])

            // Refusals: exit 1, the field and what is allowed, nothing added.
            let empty = try periksa(["user", "add", "siti", "--role", "analyst"])
            #expect(empty.status == 1 && empty.stderr.contains("standard input, which was empty"))
            let short = try periksa(["user", "add", "siti", "--role", "analyst"], input: "pendek\n")
            #expect(short.status == 1 && short.stderr.contains("password: 10–72 bytes, not 6"))
            let branchless = try periksa(["user", "add", "siti", "--role", "inspector"], input: "kopi tubruk 42\n")
            #expect(branchless.status == 1 && branchless.stderr.contains("add --branch CODE"))
            let role = try periksa(["user", "add", "siti", "--role", "boss"], input: "kopi tubruk 42\n")
            #expect(role.status == 1 && role.stderr.contains("boss"))
            let taken = try periksa(["user", "add", "rina", "--role", "analyst"], input: "kopi tubruk 42\n")
            #expect(taken.status == 1 && taken.stderr.contains("user rina exists already"))

            #expect(try periksa(["user", "password", "budi.s"], input: "es campur 7 rasa\n").status == 0)
            #expect(try periksa(["user", "disable", "budi.s"]).status == 0)
            let again = try periksa(["user", "disable", "budi.s"])
            #expect(again.status == 1 && again.stderr.contains("disabled already"))
            #expect(try periksa(["user", "list", "--format", "json"]).stdout.contains("\"disabled_at\" : \"20"))

            let log = try periksa(["access-log", "--format", "csv"])
            let actions = log.stdout.split(separator: "\n").dropFirst().map { line -> String in
                let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                return "\(fields[2].hasPrefix("cli:")) \(fields[3]) \(fields[4])"
            }
            #expect(
                actions == [
                    "true user.add budi.s", "true user.add rina", "true user.password budi.s",
                    "true user.disable budi.s",
                ])
            #expect(
                try periksa(["access-log", "--since", "2999-01-01", "--format", "csv"]).stdout
                    == "id,at,actor,action,object,detail\n")
            #expect(try periksa(["access-log", "--since", "yesterday"]).status == 1)
            // No password in any output.
            for result in [add, list, log, short] {
                #expect(
                    !(result.stdout + result.stderr).contains("kopi")
                        && !(result.stdout + result.stderr).contains("pendek\n"))
            }
        }
    }
}
