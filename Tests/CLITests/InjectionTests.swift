import Foundation
import Postgres
import TestSupport
import Testing

/// SQL metacharacters in every kind of input a user hands Periksa: command-line arguments and
/// file values. Each is data: a refusal names the field and what is allowed (or the value is
/// simply not found), nothing is changed, no statement is broken, and no password is printed.
@Suite("Injection and leaks")
struct InjectionTests {
    static let hostile = [
        "'; drop table periksa.findings; --", "x' or '1'='1", "\"; select pg_sleep(5); --", "$1", "\\'\\\"%_*",
        "2025-06'||'", "31' union select 1 --",
    ]

    @Test(
        "SQL metacharacters in every argument of the reading commands are data: refused or not found, nothing changed")
    func arguments() throws {
        try FaultTests.withFixture { conninfo, monitor in
            _ = try FaultTests.audit(conninfo)
            let tables = try monitor.count("select count(*) from pg_tables where schemaname = 'periksa'")
            let findings = try monitor.count("select count(*) from periksa.findings")
            for value in Self.hostile {
                for arguments in [
                    ["findings", "--period", value], ["findings", "--period", "2025-06", "--run", value],
                    ["case", "open", "--npp", value, "--on", "2026-02-02"],
                    ["case", "open", "--audit-list", "--period", "2025-06", "--branch", value],
                    ["coverage", "--period", "2025-06", "--region", value],
                    ["outreach", "--period", "2025-06", "--list", value],
                    ["report", "audit-list", "--period", "2025-06", "--branch", value],
                    ["imports", "show", value], ["case", "show", value], ["audit", "--period", value],
                ] {
                    let result = try CommandRunner.periksa(arguments + ["--database-url", conninfo, "--lang", "en"])
                    #expect(
                        [0, 1, 64].contains(result.status), "\(arguments): exit \(result.status): \(result.stderr)")
                    #expect(!result.stderr.contains("syntax error"), "\(arguments): \(result.stderr)")
                    #expect(!result.stderr.contains("42601"), "\(arguments): \(result.stderr)")
                    if result.status != 0 {
                        #expect(!result.stderr.isEmpty, "\(arguments): refused without a message")
                    }
                }
            }
            #expect(try monitor.count("select count(*) from pg_tables where schemaname = 'periksa'") == tables)
            #expect(try monitor.count("select count(*) from periksa.findings") == findings)
            #expect(try monitor.count("select count(*) from periksa.cases") == 0)
        }
    }

    @Test("SQL metacharacters in file values are stored as they are or rejected with their rule")
    func fileValues() throws {
        try TestDatabase.with { conninfo in
            var employers = "npp,name,kbli,scale,risk_group,region_code,branch_code,programs,registered_on\n"
            for (index, value) in Self.hostile.enumerated() {
                let quoted = "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                employers += "INJ0000\(index),\(quoted),47111,kecil,1,3171,JKT,JKK|JKM,2020-01-01\n"
                employers += "\(quoted),PT \(index),47111,kecil,1,3171,JKT,JKK|JKM,2020-01-01\n"
            }
            try TemporaryFile.with(employers, name: "employers.csv") { path in
                let result = try CommandRunner.periksa(["import", "employers", path, "--database-url", conninfo])
                #expect(result.status == 3, "\(result.stderr)")
                #expect(result.stdout.hasSuffix("read=14 loaded=7 rejected=7\n"), "\(result.stdout)")
            }
            let monitor = try Connection(conninfo: conninfo)
            let names = try monitor.query("select name from periksa.employers order by npp").map {
                try $0.decode(String.self, at: 0)
            }
            #expect(names == Self.hostile, "the names are stored exactly as written")
            let rules = try monitor.query(
                "select distinct r->>'rule' from periksa.import_rejections, jsonb_array_elements(reasons) r"
            ).map { try $0.decode(String.self, at: 0) }
            #expect(rules == ["npp_format"], "\(rules)")
        }
    }

    @Test("a password never appears in any output, not even when the connection fails")
    func passwords() throws {
        let secret = "Geheim-\(UInt32.random(in: 0...UInt32.max))"
        for url in [
            "postgresql://periksa:\(secret)@127.0.0.1:1/periksa", "host=127.0.0.1 port=1 user=x password=\(secret)",
        ] {
            for arguments in [
                ["db", "status"], ["findings", "--period", "2025-06"], ["audit", "--period", "2025-06"],
            ] {
                let result = try CommandRunner.periksa(arguments + ["--database-url", url])
                #expect(result.status == 1, "\(arguments): \(result.stderr)")
                #expect(!(result.stdout + result.stderr).contains(secret), "\(arguments): the password was printed")
            }
        }
    }
}
