import Compliance
import Foundation
import TestSupport
import Testing

@Suite("periksa audit and findings")
struct AuditCommandTests {
    @Test("audit prints the run id; findings follow the contract in csv and json; errors exit 1")
    func auditAndFindings() throws {
        try TestDatabase.with { conninfo in
            let url = ["--database-url", conninfo]
            let employers = """
                npp,name,kbli,scale,risk_group,region_code,branch_code,programs,registered_on
                NOJP0001,"PT Tanpa Pensiun, Tbk",47111,besar,1,3171,JKT-A,JKK|JKM|JHT,2020-01-01
                NOJP0002,PT Tanpa Pensiun Dua,47111,besar,1,3171,JKT-A,JKK|JKM|JHT,2020-01-01

                """
            let contributions = """
                npp,period,kpj,nik,name,wage
                NOJP0001,2025-06,10000000001,3171014101900001,A,12000000
                NOJP0002,2025-06,10000000002,3171014101900002,B,6000000

                """
            for (kind, csv) in [("employers", employers), ("contributions", contributions)] {
                try TemporaryFile.with(csv, name: "\(kind).csv") { path in
                    let result = try CommandRunner.periksa(["import", kind, path] + url)
                    #expect(result.status == 0, "\(result.stderr)")
                }
            }
            let audit = try CommandRunner.periksa(
                ["audit", "--period", "2025-06", "--param", "tunggakan.min_amount=999999999"] + url)
            #expect(audit.status == 0, "\(audit.stderr)")
            #expect(audit.stdout == "run_id=1\n")
            #expect(audit.stderr.contains("PDS_PROGRAM"))
            // Piped, no progress line: stderr holds only the summary.
            #expect(!audit.stderr.contains("\r") && !audit.stderr.contains("\u{1B}["))

            let csv = try CommandRunner.periksa(["findings", "--period", "2025-06", "--format", "csv"] + url)
            #expect(csv.status == 0)
            let lines = csv.stdout.split(separator: "\n").map(String.init)
            #expect(lines.first == "run_id,category,npp,source_ref,period,estimated_loss_idr,reason")
            // Sorted by loss within the category: 316,422 (JP on the cap) before 180,000.
            #expect(
                lines.dropFirst().map {
                    $0.split(separator: ",", omittingEmptySubsequences: false).prefix(6).joined(separator: ",")
                } == [
                    "1,PDS_PROGRAM,NOJP0001,,2025-06,316422", "1,PDS_PROGRAM,NOJP0002,,2025-06,180000",
                ])
            #expect(lines[1].hasSuffix("\""))  // the reason holds commas: quoted

            // The contract's reason is Bahasa Indonesia, whatever the locale; --lang en gives English
            // throughout, amounts included.
            let english = try CommandRunner.periksa(
                ["findings", "--period", "2025-06", "--format", "csv", "--lang", "en"] + url)
            #expect(english.status == 0)
            #expect(
                english.stdout.contains(
                    "\"Mandatory programmes missing: JP (scale large, mandatory JKK, JKM, JHT, JP); 1 worker reported, contributions unpaid Rp 316,422\""
                ))
            let localeOnly = try CommandRunner.periksa(
                ["findings", "--period", "2025-06", "--format", "csv"] + url, environment: ["LANG": "en_US.UTF-8"])
            #expect(localeOnly.stdout == csv.stdout)
            #expect(
                csv.stdout.contains(
                    "\"Program wajib tidak diikuti: JP (skala besar, wajib JKK, JKM, JHT, JP); 1 pekerja dilaporkan, iuran tidak dibayar Rp 316.422\""
                ))

            let json = try CommandRunner.periksa(["findings", "--run", "1", "--format", "json"] + url)
            let objects = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
            #expect(objects?.count == 2)
            #expect(
                Set(objects?.first?.keys ?? [:].keys) == [
                    "run_id", "category", "npp", "source_ref", "period", "estimated_loss_idr", "reason",
                ])
            #expect(objects?.first?["estimated_loss_idr"] as? Int == 316_422)

            // A second run where every unpaid month counts: TUNGGAKAN appears, the rest stays.
            let second = try CommandRunner.periksa(
                ["audit", "--period", "2025-06", "--param", "tunggakan.min_amount=1"] + url)
            #expect(second.stdout == "run_id=2\n")
            let diff = try CommandRunner.periksa(["runs", "diff", "1", "2"] + url)
            #expect(diff.status == 0)
            #expect(
                diff.stdout.split(separator: "\n").map { $0.split(separator: ",").prefix(3).joined(separator: ",") }
                    == ["new,TUNGGAKAN,NOJP0001", "new,TUNGGAKAN,NOJP0002"])
            let runs = try CommandRunner.periksa(["runs"] + url)
            #expect(runs.stdout.contains("2025-06"))
            #expect(runs.stdout.split(separator: "\n").count == 4)  // header, rule, two runs
            let englishAudit = try CommandRunner.periksa(
                ["audit", "--period", "2025-06", "--param", "tunggakan.min_amount=999999999", "--lang", "en"] + url)
            #expect(englishAudit.stderr.contains("Rp 496,422"), "\(englishAudit.stderr)")
            #expect(!englishAudit.stderr.contains("detik"))

            let noRun = try CommandRunner.periksa(["findings", "--period", "2030-01"] + url)
            #expect(noRun.status == 1)
            #expect(
                noRun.stderr.contains("belum ada audit untuk 2030-01: jalankan dulu `periksa audit --period 2030-01`"))
            let noRunEnglish = try CommandRunner.periksa(["findings", "--period", "2030-01", "--lang", "en"] + url)
            #expect(noRunEnglish.stderr.contains("no audit run for 2030-01"))
            let badPeriod = try CommandRunner.periksa(["audit", "--period", "2025-13"] + url)
            #expect(badPeriod.status == 1)
            let badParameter = try CommandRunner.periksa(
                ["audit", "--period", "2025-06", "--param", "pds_tk.gap=1"] + url)
            #expect(badParameter.status == 1)
            #expect(badParameter.stderr.contains("parameter tidak dikenal pds_tk.gap=1"))
        }
    }
}
