import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Ctrl-C")
struct InterruptTests {
    @Test("Ctrl-C during an import cancels it on the server: exit 130, a clear message, nothing loaded")
    func interruptImport() throws {
        try TestDatabase.with { conninfo in
            var employers = "npp,name,kbli,scale,risk_group,region_code,branch_code,programs,registered_on\n"
            var contributions = "npp,period,kpj,nik,name,wage\n"
            for employer in 0..<3_000 {
                let npp = "AA" + String(employer).leftPadded(6)
                employers += "\(npp),PT \(employer),47111,kecil,1,3171,JKT,JKK|JKM|JHT,2020-01-01\n"
                for worker in 1...100 {
                    contributions +=
                        "\(npp),2025-06,\(String(employer * 100 + worker).leftPadded(11)),3171010101900\(String(worker).leftPadded(3)),Nama,5000000\n"
                }
            }
            try TemporaryFile.with(employers, name: "employers.csv") { path in
                let loaded = try CommandRunner.periksa(["import", "employers", path, "--database-url", conninfo])
                #expect(loaded.status == 0)
            }
            try TemporaryFile.with(contributions, name: "contributions.csv") { path in
                let process = Process()
                process.executableURL = CommandRunner.executable
                process.arguments = ["import", "contributions", path, "--database-url", conninfo]
                let errors = Pipe()
                process.standardError = errors
                process.standardOutput = FileHandle.nullDevice
                try process.run()
                // Wait until the COPY runs on the server, then press Ctrl-C.
                let monitor = try Connection(conninfo: conninfo)
                var copying = false
                for _ in 0..<500 where !copying {
                    copying =
                        try monitor.queryFirst(
                            """
                            select count(*) > 0 from pg_stat_activity
                            where datname = current_database() and query like 'copy periksa.contributions%' and state = 'active'
                            """)?.decode(Bool.self, at: 0) ?? false
                    if !copying { Thread.sleep(forTimeInterval: 0.01) }
                }
                #expect(copying, "the import never reached its COPY")
                process.interrupt()
                process.waitUntilExit()
                let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                #expect(process.terminationStatus == 130)
                #expect(stderr.contains("dibatalkan oleh pengguna (Ctrl-C); tidak ada yang diubah"))
                let rows = try monitor.queryFirst("select count(*) from periksa.contributions")?.decode(Int.self, at: 0)
                #expect(rows == 0)
                let imports = try monitor.queryFirst(
                    "select count(*) from periksa.imports where kind = 'contributions'")?.decode(Int.self, at: 0)
                #expect(imports == 0)
            }
        }
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
