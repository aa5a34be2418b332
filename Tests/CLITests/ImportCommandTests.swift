import Foundation
import TestSupport
import Testing

@Suite("periksa import and imports")
struct ImportCommandTests {
    static let employers = """
        npp;name;kbli;scale;risk_group;region_code;branch_code;programs;registered_on;catatan
        JJ0P4391;PT Maju Jaya;47111;besar;2;3171;JKT-PUSAT;JKK|JKM|JHT|JP;2020-01-15;x
        AB000012;CV Sinar;10792;kecil;1;3172;JKT-UTARA;JKK JKM JHT;2021-03-01;y

        """

    @Test("a file whose first 1,000 rows are all rejected alike says so before its summary; mixed reasons do not")
    func earlyWarning() throws {
        try TestDatabase.with { conninfo in
            let url = ["--database-url", conninfo]
            try TemporaryFile.with(Self.employers, name: "employers.csv") { path in
                let loaded = try CommandRunner.periksa(["import", "employers", path] + url)
                #expect(loaded.status == 0, "\(loaded.stderr)")
            }
            func file(_ wage: (Int) -> String) -> String {
                "npp,period,kpj,nik,name,wage\n"
                    + (1...1_200).map {
                        "JJ0P4391,2025-06,\(10_000_000_000 + $0),31710141019\(String(10_000 + $0).suffix(5)),Nama,\(wage($0))\n"
                    }.joined()
            }
            try TemporaryFile.with(file { _ in "\"5000000,00\"" }, name: "commas.csv") { path in
                let result = try CommandRunner.periksa(["import", "contributions", path, "--lang", "en"] + url)
                #expect(result.status == 3, "\(result.stderr)")
                let warning = try #require(
                    result.stderr.range(
                        of: "Warning: the first 1,000 rows were all rejected for the same reasons (money_decimal_comma)"
                    ),
                    "\(result.stderr)")
                let summary = try #require(result.stderr.range(of: "1,200 rows read, 0 loaded, 1,200 rejected"))
                #expect(warning.lowerBound < summary.lowerBound)
                #expect(result.stderr.contains("line 2, column wage: use a point for decimals"))
            }
            try TemporaryFile.with(file { $0 % 2 == 0 ? "\"5000000,00\"" : "5.000.000" }, name: "mixed.csv") { path in
                let result = try CommandRunner.periksa(
                    ["import", "contributions", path, "--lang", "en", "--force"] + url)
                #expect(result.status == 3, "\(result.stderr)")
                #expect(!result.stderr.contains("Warning:"), "\(result.stderr)")
            }
        }
    }

    @Test("a wage of 40 digits is rejected with the limit named, the rest of the file loads")
    func hugeWage() throws {
        try TestDatabase.with { conninfo in
            let url = ["--database-url", conninfo]
            try TemporaryFile.with(Self.employers, name: "employers.csv") { path in
                let loaded = try CommandRunner.periksa(["import", "employers", path] + url)
                #expect(loaded.status == 0, "\(loaded.stderr)")
            }
            let huge = String(repeating: "9", count: 40)
            let contributions = """
                npp,period,kpj,nik,name,wage
                JJ0P4391,2025-06,11111111111,3171014101900001,Siti Aminah,5396761
                JJ0P4391,2025-06,11111111112,3171014101900002,Budi Santoso,\(huge)
                JJ0P4391,2025-06,11111111113,3171014101900003,Ani,\(huge).25

                """
            try TemporaryFile.with(contributions, name: "upah.csv") { path in
                let result = try CommandRunner.periksa(["import", "contributions", path, "--lang", "en"] + url)
                #expect(result.status == 3, "\(result.stderr)")
                #expect(result.stderr.contains("3 rows read, 1 loaded, 2 rejected"))
                #expect(
                    result.stderr.contains(
                        "line 3, column wage: at most 15 digits before the point (under a thousand trillion rupiah); this value has 40"
                    ))
                #expect(!result.stderr.contains(huge))
            }
        }
    }

    @Test("exit 0 when every row loads, 3 with rejections, 1 when nothing can be done")
    func exitCodes() throws {
        try TestDatabase.with { conninfo in
            let url = ["--database-url", conninfo]
            try TemporaryFile.with(Self.employers, name: "employers.csv") { path in
                let loaded = try CommandRunner.periksa(["import", "employers", path] + url)
                #expect(loaded.status == 0, "\(loaded.stderr)")
                #expect(loaded.stdout.hasPrefix("import_id=1 status=loaded read=2 loaded=2 rejected=0"))
                #expect(loaded.stderr.contains("peringatan: kolom tidak dikenal diabaikan: catatan"))
                #expect(loaded.stderr.contains("pemisah ';'"))
                let again = try CommandRunner.periksa(["import", "employers", path] + url)
                #expect(again.status == 0)
                #expect(again.stderr.contains("sudah diimpor sebagai impor #1"))
            }
            let contributions = """
                npp,period,kpj,nik,name,wage
                JJ0P4391,2025-06,11111111111,3171014101900001,Siti Aminah,5396761
                JJ0P4391,2025-06,1111111111,317101410190000,Budi Santoso,5.396.761

                """
            try TemporaryFile.with(contributions, name: "upah.csv") { path in
                let partial = try CommandRunner.periksa(["import", "contributions", path, "--lang", "en"] + url)
                #expect(partial.status == 3)
                #expect(partial.stderr.contains("2 rows read, 1 loaded, 1 rejected"))
                #expect(partial.stderr.contains("line 3, column kpj: \"1111****11\" must be 11 digits"))
                // Personal data stays out of messages: no NIK, no name, no wage.
                #expect(!partial.stderr.contains("317101410190000"))
                #expect(!partial.stderr.contains("Budi"))
                #expect(!partial.stderr.contains("5.396.761"))

                let shown = try CommandRunner.periksa(["imports", "show", "2"] + url)
                #expect(shown.status == 0)
                #expect(shown.stdout.contains("baris 3, kolom kpj:"))
                #expect(!shown.stdout.contains("Budi"))
                let raw = try CommandRunner.periksa(["imports", "show", "2", "--show-personal-data"] + url)
                #expect(raw.stdout.contains("Budi Santoso"))

                let listed = try CommandRunner.periksa(["imports"] + url)
                #expect(listed.stdout.contains("contributions  upah.csv"))
            }
            try TemporaryFile.with("npp,period,kpj,name,wage\n", name: "tanpa-nik.csv") { path in
                let missing = try CommandRunner.periksa(["import", "contributions", path] + url)
                #expect(missing.status == 1)
                #expect(missing.stderr.contains("kolom wajib tidak ada di header: nik"))
            }
            let unreadable = try CommandRunner.periksa(["import", "payments", "/nonexistent/bayar.csv"] + url)
            #expect(unreadable.status == 1)
            #expect(unreadable.stderr.contains("tidak dapat dibaca"))
            let badKind = try CommandRunner.periksa(["import", "pegawai", "/dev/null"] + url)
            #expect(badKind.status == 1)
            #expect(badKind.stderr.contains("KIND must be one of"))
        }
    }
}
