import Compliance
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("periksa db")
struct DatabaseCommandTests {
    @Test("db migrate creates the schema, then says it is up to date; db status lists it")
    func migrateAndStatus() throws {
        try TestDatabase.with { conninfo in
            let first = try CommandRunner.periksa(["db", "migrate", "--database-url", conninfo])
            #expect(first.status == 0, "\(first.stderr)")
            #expect(first.stderr.contains("diterapkan: 0001_schema_foundation.sql"))
            let second = try CommandRunner.periksa(["db", "migrate", "--database-url", conninfo])
            #expect(second.status == 0)
            #expect(second.stdout.hasPrefix("Skema sudah mutakhir"))

            let status = try CommandRunner.periksa(
                ["db", "status", "--lang", "en"], environment: ["DATABASE_URL": conninfo])
            #expect(status.status == 0, "\(status.stderr)")
            #expect(status.stdout.contains("Connection settings: DATABASE_URL"))
            #expect(status.stdout.contains("Server: PostgreSQL 1"))
            let shipped = try Migrator.bundled().migrations.count
            #expect(status.stdout.contains("Migrations: \(shipped) applied, 0 pending"))
        }
    }

    @Test("db distribute refuses on a server without citus and changes nothing; --dry-run prints the plan")
    func distributeWithoutCitus() throws {
        try TestDatabase.with { conninfo in
            let result = try CommandRunner.periksa(["db", "distribute", "--database-url", conninfo, "--lang", "en"])
            #expect(result.status == 1)
            #expect(
                result.stderr.contains("this server has no citus extension: nothing was distributed"),
                "\(result.stderr)")
            let connection = try Connection(conninfo: conninfo)
            #expect(
                try connection.queryFirst("select count(*) from pg_extension where extname = 'citus'")?.decode(
                    Int.self, at: 0) == 0)
            let plan = try CommandRunner.periksa(["db", "distribute", "--dry-run"])
            #expect(plan.status == 0)
            #expect(plan.stdout.contains("select create_distributed_table('periksa.contributions', 'npp'"))
            #expect(plan.stdout.contains("select create_reference_table('periksa.programme_rates');"))
        }
    }

    @Test("an unreachable server fails with exit 1, names host and port, never the password")
    func unreachable() throws {
        let url = "postgresql://inspektur:sandi-rahasia@127.0.0.1:1/periksa?connect_timeout=5"
        for arguments in [["db", "migrate", "--database-url", url], ["db", "status", "--database-url", url]] {
            let result = try CommandRunner.periksa(arguments)
            #expect(result.status == 1)
            #expect(result.stderr.contains("tidak dapat terhubung ke basis data"))
            #expect(result.stderr.contains("127.0.0.1"))
            #expect(result.stderr.contains("port 1"))
            #expect(!(result.stdout + result.stderr).contains("sandi-rahasia"))
        }
    }

    @Test("db start refuses when the settings point at another server")
    func startNeedsEmbedded() throws {
        let result = try CommandRunner.periksa(
            ["db", "start", "--lang", "en"], environment: ["DATABASE_URL": "postgresql://h/db"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("manage the local cluster only"))
    }

    @Test("a bad --lang is a usage error")
    func badLanguage() throws {
        let result = try CommandRunner.periksa(["db", "status", "--lang", "fr"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("--lang takes id or en"))
    }
}
