import Foundation
import TestSupport
import Testing

/// `periksa coverage`, `outreach` and `reconcile` end to end: the contract's CSV headers, the
/// masking, JSON, the files per district, refusals.
@Suite("periksa coverage, outreach and reconcile")
struct CoverageCommandTests {
    static let files: [(String, String)] = [
        (
            "employers",
            """
            npp,name,kbli,scale,risk_group,region_code,branch_code,programs,registered_on
            COV00001,PT Satu,47111,kecil,1,3171,JKT-A,JKK|JKM|JHT,2020-01-01

            """
        ),
        (
            "contributions",
            """
            npp,period,kpj,nik,name,wage
            COV00001,2025-06,10000000001,3171014101900001,Ani,5000000

            """
        ),
        (
            "bpu-contributions",
            """
            kpj,nik,name,period,declared_income,programs,amount,paid_on,funded_by,domicile_region
            20000000001,3171014101900005,Zaki Amir,2025-06,1000000,JKK|JKM,16800,2025-06-10,3171,

            """
        ),
        (
            "labour-force",
            """
            region_code,year,workers,wage_workers,non_wage_workers,source
            31,2025,400,,,BPS
            3171,2025,200,,,BPS

            """
        ),
        (
            "worker-lists",
            """
            list_code,pemda_code,nik,name,region_code,category,funded,funded_from,funded_to,declared_income
            SK-9,3171,3171014101900005,Zaki Amir,3171,rentan,ya,2025-01,2025-12,
            SK-9,3171,3171014101900010,Mira Sari,3171,informal,ya,2025-01,2025-12,
            SK-9,3171,3172014101900012,Budi Santoso,3172,rentan,tidak,,,
            SK-10,3171,3171014101900001,Ani,3171,rentan,ya,2025-01,2025-12,

            """
        ),
    ]

    @Test("the contract's outputs: headers, masking, JSON, files per district, refusals")
    func commands() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("periksa-cov-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try TestDatabase.with { conninfo in
            func periksa(_ arguments: [String]) throws -> CommandRunner.Result {
                try CommandRunner.periksa(
                    arguments + ["--database-url", conninfo], environment: ["LANG": "en_US.UTF-8"])
            }
            for (kind, csv) in Self.files {
                let path = folder.appendingPathComponent("\(kind).csv").path
                try csv.write(toFile: path, atomically: true, encoding: .utf8)
                let result = try periksa(["import", kind, path])
                #expect(result.status == 0, "\(kind): \(result.stderr)")
            }

            // Coverage: Ani (PU) and Zaki (BPU) in 3171; province 31 over its own row.
            let coverage = try periksa(["coverage", "--period", "2025-06", "--format", "csv"])
            #expect(coverage.status == 0)
            let lines = coverage.stdout.split(separator: "\n").map(String.init)
            #expect(
                lines.first?.hasPrefix(
                    "period,basis,region_code,participants,pu_participants,bpu_participants,workers,labour_force_year,coverage_pct"
                ) == true)
            #expect(
                lines.dropFirst().map {
                    $0.split(separator: ",", omittingEmptySubsequences: false).prefix(9).joined(separator: ",")
                } == [
                    "2025-06,nik,31,2,1,1,400,2025,0.50", "2025-06,nik,3171,2,1,1,200,2025,1.00",
                ])
            #expect(lines.last?.contains("Kota Administrasi Jakarta Pusat") == true)

            // Outreach: Mira and Budi are on the list and not covered; masked unless asked.
            let outreach = try periksa(["outreach", "--period", "2025-06"])
            #expect(
                outreach.stdout == """
                    nik,name,region_code,district_code,lists,categories,funded
                    3171********0010,M*** S***,3171,317101,SK-9,informal,true
                    3172********0012,B*** S***,3172,317201,SK-9,rentan,false

                    """)
            #expect(!outreach.stdout.contains("3171014101900010") && !outreach.stderr.contains("Mira"))
            let shown = try periksa(["outreach", "--period", "2025-06", "--show-personal-data", "--region", "3172"])
            #expect(shown.stdout.contains("3172014101900012,Budi Santoso,3172,317201,SK-9,rentan,false"))
            #expect(!shown.stdout.contains("3171014101900010"))
            let json = try periksa(["outreach", "--period", "2025-06", "--format", "json", "--list", "SK-9"])
            let people = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
            #expect(people?.count == 2 && people?.first?["lists"] as? [String] == ["SK-9"])
            #expect(people?.first?["funded"] as? Bool == true)
            // One file per district, written anew on a second run.
            let districts = folder.appendingPathComponent("outreach").path
            for _ in 0..<2 {
                #expect(try periksa(["outreach", "--period", "2025-06", "--split-by-district", districts]).status == 0)
            }
            let written = try FileManager.default.contentsOfDirectory(atPath: districts).sorted()
            #expect(written == ["outreach-317101.csv", "outreach-317201.csv"])
            let district = try String(contentsOfFile: districts + "/outreach-317101.csv", encoding: .utf8)
            #expect(district.split(separator: "\n").count == 2)

            // Reconcile SK-9: Zaki enrolled (paid by 3171), Mira missing; budget 2 × 16,800.
            let reconcile = try periksa(["reconcile", "--list", "SK-9", "--period", "2025-06"])
            #expect(
                reconcile.stdout == """
                    status,nik,name,declared_income,package_idr,amount_idr
                    missing,3171********0010,M*** S***,1000000,16800,
                    enrolled,3171********0005,Z*** A***,1000000,16800,16800

                    """)
            #expect(reconcile.stderr.contains("budget Rp 33,600, paid Rp 16,800, difference Rp 16,800"))
            let object =
                try JSONSerialization.jsonObject(
                    with: Data(
                        try periksa(["reconcile", "--list", "SK-9", "--period", "2025-06", "--format", "json"]).stdout
                            .utf8))
                as? [String: Any]
            #expect(
                object?["expected"] as? Int == 2 && object?["missing"] as? Int == 1 && object?["enrolled"] as? Int == 1)
            #expect(object?["budget_idr"] as? Int == 33_600 && object?["difference_idr"] as? Int == 16_800)
            #expect((object?["rows"] as? [[String: Any]])?.count == 2)

            // SK-10 funds Ani, a wage earner: her employer is named, on request in CSV, always in
            // the table; the contract's columns come first.
            let employer = try periksa(["reconcile", "--list", "SK-10", "--period", "2025-06", "--with-employer"])
            #expect(
                employer.stdout == """
                    status,nik,name,declared_income,package_idr,amount_idr,npp,employer_name
                    already_pu,3171********0001,A***,1000000,16800,,COV00001,PT Satu

                    """)
            let table = try periksa(["reconcile", "--list", "SK-10", "--period", "2025-06", "--format", "table"])
            #expect(table.status == 0 && table.stdout.contains("PT Satu (COV00001)"))

            // Refusals: exit 1 with a message.
            let nobody = try periksa(["reconcile", "--list", "SK-9", "--period", "2026-01"])
            #expect(nobody.status == 1 && nobody.stderr.contains("funds nobody"))
            #expect(try periksa(["reconcile", "--list", "SK-0", "--period", "2025-06"]).status == 1)
            let region = try periksa(["coverage", "--period", "2025-06", "--region", "317"])
            #expect(region.status == 1 && region.stderr.contains("--region 317"))
            #expect(try periksa(["coverage", "--period", "2025-13"]).status == 1)
        }
    }
}
