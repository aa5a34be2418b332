import Compliance
import Foundation
import Reports
import Testing

@Suite("The audit list report")
struct AuditListReportTests {
    static let header = AuditListReport.Header(
        period: "2025-12", run: 7, asOf: Date(timeIntervalSince1970: 1_768_521_600),  // 16 January 2026
        generatedAt: Date(timeIntervalSince1970: 1_795_219_200))  // 21 November 2026

    static let entries = [
        AuditList.Entry(
            branch: "JKT-SETIABUDI", rank: 1, npp: "JJ0P4391", name: "<script>alert(1)</script> & \"PT | Maju\"",
            region: "3174", scale: "besar", categories: ["PDS_TK", "TUNGGAKAN"], score: Decimal(string: "6514200")!,
            totalLoss: 4_342_800, gap: 7, lastInspected: nil,
            evidence: [
                ("PDS_TK", 3_880_800, "WLKP mencatat 10 tenaga kerja, BPJS menerima laporan 3 (selisih 7)"),
                ("TUNGGAKAN", 462_000, "Iuran tertunggak Rp 462.000"),
            ]),
        AuditList.Entry(
            branch: "JKT-SETIABUDI", rank: 2, npp: "AB000012", name: "CV Sinar_Jaya *Abadi*", region: "3174",
            scale: "kecil",
            categories: ["PDS_PROGRAM"], score: 316_422, totalLoss: 316_422, gap: 0,
            lastInspected: Date(timeIntervalSince1970: 1_735_689_600),
            evidence: [("PDS_PROGRAM", 316_422, "Program wajib tidak diikuti: JHT")]),
    ]

    static func golden(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
            .appendingPathComponent(name)
    }

    @Test(
        "HTML and Markdown, in both languages, equal the reviewed reference files",
        arguments: [
            (AuditListReport.Format.html, Language.indonesian), (.md, .indonesian), (.md, .english),
        ])
    func golden(format: AuditListReport.Format, language: Language) throws {
        let text = try AuditListReport.render(
            entries: Self.entries, header: Self.header, format: format, language: language)
        let file = Self.golden("audit-list.\(language.rawValue).\(format.rawValue)")
        if ProcessInfo.processInfo.environment["PERIKSA_UPDATE_GOLDEN"] == "1" {
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(text == expected)
    }

    @Test("an employer named <script>alert(1)</script> & \"PT | Maju\" renders as text in both formats")
    func hostileName() throws {
        let html = try AuditListReport.render(
            entries: Self.entries, header: Self.header, format: .html, language: .indonesian)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;PT | Maju&quot;"))
        let markdown = try AuditListReport.render(
            entries: Self.entries, header: Self.header, format: .md, language: .indonesian)
        let row = try #require(markdown.split(separator: "\n").first { $0.contains("JJ0P4391") })
        #expect(!row.contains("<script>"))
        // Seven cells: the pipe inside the name is escaped, not a column.
        #expect(row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 8)
        #expect(markdown.contains("Sinar\\_Jaya \\*Abadi\\*"))
    }

    @Test("amounts, dates and the next step as inspectors read them")
    func content() throws {
        let markdown = try AuditListReport.render(
            entries: Self.entries, header: Self.header, format: .md, language: .indonesian)
        #expect(markdown.hasPrefix("# Daftar Prioritas Pemeriksaan"))
        #expect(markdown.contains("Periode: Desember 2025 · audit #7 · per 16 Januari 2026 · dibuat 21 November 2026"))
        #expect(markdown.contains("Rp 4.342.800"))
        #expect(markdown.contains("Pemeriksaan lapangan"))
        #expect(markdown.contains("Surat peringatan I (paling lama 10 hari kerja)"))
    }
}
