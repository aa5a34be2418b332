import Compliance
import Foundation

/// *Daftar Prioritas Pemeriksaan*: the ranked audit list per branch office, in HTML or
/// Markdown. A pure function of its input: the same entries, language and date give the
/// same bytes.
public enum AuditListReport {
    public typealias Format = ReportFormat

    /// What the report is about.
    public struct Header: Sendable {
        public var period: String
        public var run: Int
        public var asOf: Date
        public var generatedAt: Date

        public init(period: String, run: Int, asOf: Date, generatedAt: Date) {
            (self.period, self.run, self.asOf, self.generatedAt) = (period, run, asOf, generatedAt)
        }
    }

    /// The next enforcement step (PP 86/2013): an inspection first; after one that found the
    /// employer non-compliant, written warning I (at most 10 working days).
    static func nextStep(_ entry: AuditList.Entry, _ language: Language) -> String {
        let fieldWork = entry.categories.contains(.pdsTK)
        if entry.lastInspected != nil {
            return language.text(
                "Surat peringatan I (paling lama 10 hari kerja)", "Written warning I (at most 10 working days)")
        }
        return fieldWork
            ? language.text(
                "Pemeriksaan lapangan: daftar hadir, daftar gaji", "Field inspection: attendance and payroll")
            : language.text(
                "Pemeriksaan dokumen: laporan upah dan bukti bayar", "Desk inspection: wage reports and payments")
    }

    /// Renders the list.
    /// `dossierLink`: the address of an employer's dossier, when the report is a page of the web
    /// app (its NPP then links to it).
    public static func render(
        entries: [AuditList.Entry], header: Header, format: Format, language: Language,
        dossierLink: ((String) -> String)? = nil
    ) throws -> String {
        let branches = Dictionary(grouping: entries, by: \.branch).sorted { $0.key < $1.key }.map { code, entries in
            [
                "code": code,
                "entries": entries.sorted { $0.rank < $1.rank }.map { entry -> [String: Any] in
                    let evidence = entry.reasons(language)
                    let codes: [String] = entry.categories.map(\.code)
                    return [
                        "rank": String(entry.rank), "npp": entry.npp, "name": entry.name, "region": entry.regionLabel,
                        "link": dossierLink?(entry.npp) ?? false,
                        "scale": FindingText.scaleName(entry.scale, language), "categories": codes,
                        "categoriesText": codes.joined(separator: " "),
                        "evidence": evidence, "evidenceText": evidence.joined(separator: " · "),
                        "atStake": Formatting.rupiah(entry.totalLoss, language),
                        "score": Formatting.rupiah(entry.score, language), "nextStep": nextStep(entry, language),
                    ]
                },
            ] as [String: Any]
        }
        let labels: [String: String] = [
            "period": language.text("Periode", "Period"), "run": language.text("audit", "run"),
            "asOf": language.text("per", "as of"), "generated": language.text("dibuat", "generated"),
            "branch": language.text("Kantor cabang", "Branch office"),
            "employer": language.text("Pemberi kerja", "Employer"),
            "categories": language.text("Kode", "Codes"), "evidence": language.text("Bukti", "Evidence"),
            "atStake": language.text("Nilai iuran", "At stake"), "score": language.text("skor", "score"),
            "nextStep": language.text("Langkah berikut", "Next step"),
            "empty": language.text("Tidak ada pemberi kerja dengan temuan.", "No employer with findings."),
            "footnote": language.text(
                "Urutan menurut skor: jumlah nilai temuan, dikali 1,5 bila temuan dalam dua kategori atau lebih. Pemberi kerja yang diperiksa dalam 180 hari terakhir tidak dicantumkan.",
                "Ordered by score: the sum of the findings' rupiah, × 1.5 with findings in two or more categories. Employers inspected in the last 180 days are left out."
            ),
        ]
        let context: [String: Any] = [
            "lang": language.rawValue, "landscape": true,
            "title": language.text("Daftar Prioritas Pemeriksaan", "Inspection Priority List"),
            "period": Formatting.period(header.period, language), "run": String(header.run),
            "asOf": Formatting.date(header.asOf, language), "generated": Formatting.date(header.generatedAt, language),
            "labels": labels, "branches": branches,
        ]
        return try TemplateRenderer.render("audit-list", format: format, context: context)
    }
}
