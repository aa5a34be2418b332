import Compliance
import Foundation
import Reports
import Testing

@Suite("The audit list report")
struct AuditListReportTests {
    static let header = AuditListReport.Header(
        period: "2025-12", run: 7, asOf: Date(timeIntervalSince1970: 1_768_521_600),  // 16 January 2026
        generatedAt: Date(timeIntervalSince1970: 1_795_219_200))  // 21 November 2026

    /// Two employers of one branch, with evidence as the rules write it.
    static func entries() throws -> [AuditList.Entry] {
        let gap = """
            {"group": "npp:JJ0P4391", "members": [], "headcount": 10, "source": "wlkp", "reported_workers": 3, "gap": 7,
             "median_wage": 5396761.00, "minimum_wage": 5396761.00,
             "records": [{"source": "wlkp", "headcount": 10, "identifier": "npp:JJ0P4391"}]}
            """
        let arrears = """
            {"outstanding": 420000.00, "fines": 42000.00, "periods": [{"period": "2025-07", "due": 420000.00,
             "paid": 0, "outstanding": 420000.00, "due_date": "2025-08-15", "months_late": 5, "fine": 42000.00}]}
            """
        let programmes = """
            {"scale": "kecil", "enrolled": ["JKK", "JKM"], "mandatory": ["JKK", "JKM", "JHT"], "missing": ["JHT"],
             "reported_workers": 4}
            """
        return [
            AuditList.Entry(
                branch: "JKT-SETIABUDI", rank: 1, npp: "JJ0P4391", name: "<script>alert(1)</script> & \"PT | Maju\"",
                region: "3174", scale: "besar", score: Decimal(string: "6514200")!, totalLoss: 4_342_800, gap: 7,
                lastInspected: nil,
                findings: [
                    try FindingFacts(code: "PDS_TK", loss: 3_880_800, json: gap, subject: "JJ0P4391"),
                    try FindingFacts(code: "TUNGGAKAN", loss: 462_000, json: arrears, subject: "JJ0P4391"),
                ]),
            AuditList.Entry(
                branch: "JKT-SETIABUDI", rank: 2, npp: "AB000012", name: "CV Sinar_Jaya *Abadi*", region: "3174",
                scale: "kecil", score: 316_422, totalLoss: 316_422, gap: 0,
                lastInspected: Date(timeIntervalSince1970: 1_735_689_600),
                findings: [try FindingFacts(code: "PDS_PROGRAM", loss: 316_422, json: programmes, subject: "AB000012")]),
        ]
    }

    static func golden(_ name: String) -> URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
            .appendingPathComponent(name)
    }

    @Test(
        "HTML and Markdown, in both languages, equal the reviewed reference files",
        arguments: [
            (AuditListReport.Format.html, Language.indonesian), (.html, .english), (.md, .indonesian), (.md, .english),
        ])
    func golden(format: AuditListReport.Format, language: Language) throws {
        let text = try AuditListReport.render(
            entries: try Self.entries(), header: Self.header, format: format, language: language)
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
            entries: try Self.entries(), header: Self.header, format: .html, language: .indonesian)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;PT | Maju&quot;"))
        let markdown = try AuditListReport.render(
            entries: try Self.entries(), header: Self.header, format: .md, language: .indonesian)
        let row = try #require(markdown.split(separator: "\n").first { $0.contains("JJ0P4391") })
        #expect(!row.contains("<script>"))
        // Seven cells: the pipe inside the name is escaped, not a column.
        #expect(row.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 8)
        #expect(markdown.contains("Sinar\\_Jaya \\*Abadi\\*"))
    }

    @Test("amounts, dates and the next step as inspectors read them")
    func content() throws {
        let markdown = try AuditListReport.render(
            entries: try Self.entries(), header: Self.header, format: .md, language: .indonesian)
        #expect(markdown.hasPrefix("# Daftar Prioritas Pemeriksaan"))
        #expect(markdown.contains("Periode: Desember 2025 · audit #7 · per 16 Januari 2026 · dibuat 21 November 2026"))
        #expect(markdown.contains("Rp 4.342.800"))
        #expect(markdown.contains("Pemeriksaan lapangan"))
        #expect(markdown.contains("Surat peringatan I (paling lama 10 hari kerja)"))
    }
}
