import Foundation
import TestSupport
import Testing

@Suite("periksa db docs")
struct DataDictionaryTests {
    @Test("the committed data dictionary is what db docs writes from a freshly migrated database")
    func current() throws {
        try TestDatabase.with { conninfo in
            let result = try CommandRunner.periksa(["db", "docs", "--out", "-", "--database-url", conninfo])
            #expect(result.status == 0, "\(result.stderr)")
            let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent().appendingPathComponent("docs/data-dictionary.md")
            if ProcessInfo.processInfo.environment["PERIKSA_UPDATE_GOLDEN"] == "1" {
                try result.stdout.write(to: file, atomically: true, encoding: .utf8)
            }
            let committed = try String(contentsOf: file, encoding: .utf8)
            #expect(result.stdout == committed, "docs/data-dictionary.md is stale: run `periksa db docs` and commit it")
            for view in [
                "employers", "employer_periods", "findings", "findings_all_runs", "runs", "coverage",
                "arrears_by_age", "unregistered_businesses",
            ] {
                #expect(committed.contains("## analytics.\(view)\n"))
            }
            // Every column is explained.
            #expect(!committed.contains("|  |\n"))
        }
    }
}
