import Compliance
import Foundation
import Postgres
import Reports
import TestSupport
import Testing

/// The hand-computed fixture of the rules (TestSupport.RuleFixture): the audit of
/// June 2025 flags TUNGGAKAN for ARREARS9 (Rp 2,169,484: 987,669 outstanding for February and
/// 1,002,822 for March, 1,990,491 in all, and 178,993 of late-payment fines), PDS_TK and
/// PDS_UPAH for LEAD0001 (3,880,800 + 462,000), PDS_PROGRAM for NOJP0010 (316,422), all of
/// branch JKT-A (region 3171).
enum CaseFixture {
    static let employers = RuleFixture.employers
    static var contributions: String { RuleFixture.contributions }
    static let workforce = RuleFixture.workforce
    static let payments = RuleFixture.payments

    /// The fixture imported into a fresh database and audited for June 2025 (as of 2025-07-16).
    static func with(_ body: (Connection, Int) throws -> Void) throws {
        try TestDatabase.withConnection { connection in
            for (kind, csv) in [
                (ImportKind.employers, employers), (.minimumWages, RuleFixture.minimumWages),
                (.workforce, workforce), (.contributions, contributions), (.payments, payments),
            ] {
                _ = try load(csv, kind, connection)
            }
            let run = try AuditRunner(connection: connection).run(
                period: "2025-06", asOf: nil, parameters: AuditParameters()
            ).runID
            try body(connection, run)
        }
    }

    /// Imports `csv` as `kind`; every row must load. The import's id.
    static func load(_ csv: String, _ kind: ImportKind, _ connection: Connection) throws -> Int {
        let summary = try TemporaryFile.with(csv) {
            try Importer(connection: connection).run(.init(kind: kind, path: $0))
        }
        #expect(summary.rowsRejected == 0, "\(kind): \(summary.firstRejections)")
        return try #require(summary.importID)
    }

    /// The branch's letterhead as a configuration file would give it.
    static let letterhead = Configuration.Branch(
        name: "Kantor Cabang Jakarta Menteng", address: "Jl. Teuku Cik Ditiro No. 8, Jakarta 10310", city: "Jakarta",
        head: "Dewi Kartika Sari", headTitle: "Kepala Kantor Cabang Jakarta Menteng")
}

@Suite("Case letters and the follow-up report, rendered and read in a browser")
struct CaseReportTests {
    /// True when every string of `parts` is in `text`, each after the one before.
    static func inOrder(_ text: String, _ parts: [String]) -> Bool {
        var rest = text[...]
        for part in parts {
            guard let found = rest.range(of: part) else { return false }
            rest = rest[found.upperBound...]
        }
        return true
    }

    /// The part of `text` from `start` up to `end` (or its end), empty when `start` is missing.
    static func section(_ text: String, from start: String, to end: String? = nil) -> String {
        guard let begin = text.range(of: start) else { return "" }
        let rest = text[begin.lowerBound...]
        guard let end, let stop = rest.range(of: end) else { return String(rest) }
        return String(rest[..<stop.lowerBound])
    }

    @Test("SP I, SP II, TMP2T and the referral: number, addressee, deadline written out, amounts, signature")
    func letters() throws {
        try CaseFixture.with { connection, run in
            let cases = Cases(connection: connection)
            let id = try cases.open(npp: "ARREARS9", runID: nil, period: nil, on: "2026-02-02")
            func notReached(_ state: CaseState, _ kind: CaseLetterKind) {
                #expect(throws: CaseError.letterNotReached(case: id, state: state, kind: kind.rawValue)) {
                    try cases.letter(case: id, kind: kind)
                }
            }
            notReached(.dibuka, .sp1)
            try cases.record(
                case: id, .init(event: .inspection, on: "2026-02-10", kind: .lapangan, outcome: .terbukti))
            // 10 working days after Wednesday 11 February 2026, skipping 16 and 17 February
            // (cuti bersama and Imlek): Friday 27 February.
            let sp1 = try cases.record(case: id, .init(event: .sp1, on: "2026-02-11"))
            #expect(sp1.state == .sp1 && sp1.deadline == "2026-02-27")
            notReached(.sp1, .sp2)
            // Monday 2 March + 10 working days: Monday 16 March (before Nyepi's days off).
            let sp2 = try cases.record(case: id, .init(event: .sp2, on: "2026-03-02"))
            #expect(sp2.state == .sp2 && sp2.deadline == "2026-03-16")
            try cases.record(case: id, .init(event: .denda, on: "2026-03-17"))
            notReached(.denda, .tmp2t)
            // 16 March + 30 days = 15 April, the first day TMP2T may be asked for.
            try cases.record(case: id, .init(event: .tmp2t, on: "2026-04-15"))
            notReached(.tmp2t, .rujuk)
            let referred = try cases.record(case: id, .init(event: .rujuk, on: "2026-04-20"))
            #expect(referred.state == .dirujuk && referred.deadline == nil)

            var pages: [(name: String, html: String)] = []
            var markdown: [CaseLetterKind: String] = [:]
            for kind in CaseLetterKind.allCases {
                let data = try cases.letter(case: id, kind: kind)
                #expect(data.status.runID == run)
                pages.append(
                    (kind.rawValue, try CaseLetter.render(data, branch: CaseFixture.letterhead, format: .html)))
                markdown[kind] = try CaseLetter.render(data, branch: CaseFixture.letterhead, format: .md)
            }
            // The fine rate the letter announces is the configured one.
            let doubled = try CaseLetter.render(
                try cases.letter(case: id, kind: .sp2), branch: CaseFixture.letterhead, format: .md,
                fineRate: Decimal(string: "0.002")!)
            #expect(doubled.contains("denda administratif 0,2 % setiap bulan"))
            #expect(markdown[.sp2]?.contains("denda administratif 0,1 % (satu per seribu) setiap bulan") == true)
            // Without a letterhead: the branch code, and a blank to sign.
            let bare = try CaseLetter.render(
                try cases.letter(case: id, kind: .sp1), branch: Configuration.Branch(), format: .html)
            pages.append(("sp1-bare", bare))
            for (_, html) in pages {
                #expect(!html.contains("<script"))
                #expect(html.range(of: #"(src|href)\s*=\s*"?(https?:)?//"#, options: .regularExpression) == nil)
            }
            let texts = try RenderingTests.visibleText(pages)

            // Every letter: the letterhead, the number, the date, the findings, the signature.
            for kind in CaseLetterKind.allCases {
                let text = try #require(texts[kind.rawValue])
                let number = "\(id)/\(kind.rawValue.uppercased())/JKT-A/2026"
                #expect(text.contains("Nomor\t: \(number)") || text.contains("Nomor: \(number)"), "\(kind): \(text)")
                #expect(
                    Self.inOrder(
                        text,
                        [
                            "BPJS KETENAGAKERJAAN", "Kantor Cabang Jakarta Menteng",
                            "Jl. Teuku Cik Ditiro No. 8, Jakarta 10310", number,
                        ]), "\(kind) letterhead: \(text)")
                #expect(text.contains("PT Menunggak") && text.contains("NPP ARREARS9"), "\(kind)")
                #expect(text.contains("Undang-Undang Nomor 24 Tahun 2011"), "\(kind)")
                #expect(text.contains("Peraturan Pemerintah Nomor 86 Tahun 2013"), "\(kind)")
                // The finding with its amount, and the arrears it holds.
                #expect(text.contains("TUNGGAKAN") && text.contains("Rp 2.169.484"), "\(kind)")
                #expect(text.contains("Rp 1.990.491"), "\(kind)")
                #expect(text.contains("Juni 2025"), "\(kind): the audited period")
                #expect(
                    Self.inOrder(
                        text, ["Demikian kami sampaikan", "Kepala Kantor Cabang Jakarta Menteng", "Dewi Kartika Sari"]),
                    "\(kind) signature: \(text)")
                #expect(!text.contains("(nama dan tanda tangan)"), "\(kind)")
                // 2026's holidays are listed: no deadline is provisional.
                #expect(!text.contains("tanpa daftar hari libur"), "\(kind)")
            }

            let warningI = try #require(texts["sp1"])
            #expect(warningI.contains("Jakarta, 11 Februari 2026"))
            #expect(warningI.contains("Surat Peringatan Pertama (SP I)"))
            #expect(warningI.contains("Pimpinan PT Menunggak"))
            #expect(warningI.contains("selambat-lambatnya tanggal 27 Februari 2026 (10 hari kerja sejak surat ini)"))
            #expect(warningI.contains("kami akan menerbitkan Surat Peringatan Kedua"))
            #expect(!warningI.contains("Jaksa Pengacara Negara"))

            let warningII = try #require(texts["sp2"])
            #expect(warningII.contains("Jakarta, 2 Maret 2026"))
            #expect(warningII.contains("Surat Peringatan Kedua (SP II)"))
            #expect(warningII.contains("Pimpinan PT Menunggak"))
            #expect(warningII.contains("Surat Peringatan Pertama nomor \(id)/SP1/JKT-A/2026 tanggal 11 Februari 2026"))
            #expect(warningII.contains("selambat-lambatnya tanggal 16 Maret 2026"))
            #expect(warningII.contains("denda administratif sebesar 0,1 % (satu per seribu) setiap bulan"))

            // TMP2T: to the licensing office of the employer's region; the fine to the letter's
            // date, 0.1 % × 2,169,484 × months(17 March, 15 April) = 1 → Rp 2.169; the services.
            let tmp2t = try #require(texts["tmp2t"])
            #expect(tmp2t.contains("Jakarta, 15 April 2026"))
            #expect(tmp2t.contains("Tidak Mendapat Pelayanan Publik Tertentu (TMP2T)"))
            #expect(tmp2t.contains("Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu"))
            #expect(tmp2t.contains("kode wilayah 3171"))
            #expect(!tmp2t.contains("Pimpinan PT Menunggak"))
            #expect(tmp2t.contains("Surat Peringatan Kedua nomor \(id)/SP2/JKT-A/2026 tanggal 2 Maret 2026"))
            #expect(tmp2t.contains("Batas waktu Surat Peringatan Kedua, 16 Maret 2026, telah lewat lebih dari 30 hari"))
            #expect(tmp2t.contains("Denda administratif sampai tanggal surat ini: Rp 2.169."))
            #expect(
                Self.inOrder(
                    tmp2t,
                    [
                        "perizinan terkait usaha (termasuk izin usaha melalui OSS)",
                        "izin yang diperlukan dalam mengikuti tender proyek", "izin mempekerjakan tenaga kerja asing",
                        "izin mendirikan bangunan (persetujuan bangunan gedung)",
                    ]), "\(tmp2t)")

            // The referral: the amounts owed, the fine to 20 April: 0.1 % × 2,169,484 × 2 months
            // (17 March + 1 month = 17 April < 20 April) = 4,338.968 → Rp 4.339; in all 2,173,823.
            let referral = try #require(texts["rujuk"])
            #expect(referral.contains("Jakarta, 20 April 2026"))
            #expect(referral.contains("Permohonan Bantuan Hukum kepada Jaksa Pengacara Negara"))
            #expect(referral.contains("Kepala Kejaksaan Negeri"))
            #expect(referral.contains("surat kuasa khusus (SKK)"))
            #expect(referral.contains("Undang-Undang Nomor 16 Tahun 2004"))
            #expect(referral.contains("Surat Peringatan Kedua nomor \(id)/SP2/JKT-A/2026 tanggal 2 Maret 2026"))
            #expect(
                Self.inOrder(
                    referral,
                    [
                        "Nilai temuan", "Rp 2.169.484", "di antaranya tunggakan iuran saat kasus dibuka",
                        "Rp 1.990.491",
                        "Denda administratif sampai tanggal surat ini", "Rp 4.339", "Jumlah kewajiban", "Rp 2.173.823",
                    ]), "\(referral)")
            #expect(referral.contains("Batas waktu Surat Peringatan Kedua, 16 Maret 2026, telah lewat"))
            #expect(!referral.contains("perizinan terkait usaha"))

            // No letterhead configured: the branch's code, the date without a city, a blank to sign.
            let plain = try #require(texts["sp1-bare"])
            #expect(plain.contains("Kantor Cabang JKT-A"))
            #expect(!plain.contains("Jakarta Menteng") && !plain.contains("Jakarta, 11 Februari"))
            #expect(plain.contains("11 Februari 2026"))
            #expect(Self.inOrder(plain, ["Kepala Kantor Cabang JKT-A", "(nama dan tanda tangan)"]), "\(plain)")

            // The Markdown letters say the same.
            let sp1Markdown = try #require(markdown[.sp1])
            for fact in [
                "| Nomor | \(id)/SP1/JKT-A/2026 |", "| Tanggal | Jakarta, 11 Februari 2026 |", "Pimpinan PT Menunggak",
                "NPP ARREARS9", "**27 Februari 2026**", "Rp 2.169.484", "Kantor Cabang Jakarta Menteng",
                "Jl. Teuku Cik Ditiro No. 8, Jakarta 10310", "Kepala Kantor Cabang Jakarta Menteng",
                "**Dewi Kartika Sari**",
            ] {
                #expect(sp1Markdown.contains(fact), "sp1.md lacks \(fact)")
            }
            let sp2Markdown = try #require(markdown[.sp2])
            for fact in [
                "| Nomor | \(id)/SP2/JKT-A/2026 |", "Jakarta, 2 Maret 2026", "**16 Maret 2026**",
                "\(id)/SP1/JKT-A/2026 tanggal 11 Februari 2026",
            ] {
                #expect(sp2Markdown.contains(fact), "sp2.md lacks \(fact)")
            }
            let tmp2tMarkdown = try #require(markdown[.tmp2t])
            for fact in [
                "| Nomor | \(id)/TMP2T/JKT-A/2026 |", "Jakarta, 15 April 2026", "kode wilayah 3171",
                "**16 Maret 2026**", "Rp 2.169.", "- perizinan terkait usaha",
                "- izin yang diperlukan dalam mengikuti tender",
                "- izin mempekerjakan tenaga kerja asing", "- izin mendirikan bangunan",
            ] {
                #expect(tmp2tMarkdown.contains(fact), "tmp2t.md lacks \(fact)")
            }
            let referralMarkdown = try #require(markdown[.rujuk])
            for fact in [
                "| Nomor | \(id)/RUJUK/JKT-A/2026 |", "Jakarta, 20 April 2026", "Jaksa Pengacara Negara",
                "| Nilai temuan | Rp 2.169.484 |", "| di antaranya tunggakan iuran saat kasus dibuka | Rp 1.990.491 |",
                "| Denda administratif sampai tanggal surat ini | Rp 4.339 |",
                "| **Jumlah kewajiban** | **Rp 2.173.823** |",
                "**16 Maret 2026**",
            ] {
                #expect(referralMarkdown.contains(fact), "rujuk.md lacks \(fact)")
            }
            for (kind, text) in markdown {
                #expect(text.contains("NPP ARREARS9"), "\(kind).md")
                #expect(text.contains("**Dewi Kartika Sari**"), "\(kind).md")
            }
        }
    }

    @Test("a deadline past the last listed year is marked provisional; a hostile employer name stays text")
    func provisionalAndHostileName() throws {
        try CaseFixture.with { connection, _ in
            let hostile = #"<b>PT "Maju" & 'Jaya'</b> <img src=x onerror=alert(1)>"#
            try connection.execute("update periksa.employers set name = \(hostile) where npp = 'LEAD0001'")
            let cases = Cases(connection: connection)
            let id = try cases.open(npp: "LEAD0001", runID: nil, period: "2025-06", on: "2026-12-07")
            try cases.record(case: id, .init(event: .inspection, on: "2026-12-14", kind: .kantor, outcome: .sebagian))
            // Monday 21 December 2026 + 10 working days, skipping 24 and 25 December; 2027's
            // holidays are not listed, so 1 January 2027 counts: Wednesday 6 January 2027.
            let warning = try cases.record(case: id, .init(event: .sp1, on: "2026-12-21"))
            #expect(warning.deadline == "2027-01-06")
            let data = try cases.letter(case: id, kind: .sp1)
            let html = try CaseLetter.render(data, branch: CaseFixture.letterhead, format: .html)
            let markdown = try CaseLetter.render(data, branch: CaseFixture.letterhead, format: .md)
            #expect(!html.contains("<img") && !html.contains("<b>PT"))
            #expect(!markdown.contains("<img") && !markdown.contains("<b>PT"))
            let text = try #require(try RenderingTests.visibleText([("provisional", html)])["provisional"])
            #expect(text.contains("Pimpinan \(hostile)"), "\(text)")
            #expect(text.contains("NPP LEAD0001"))
            #expect(text.contains("\(id)/SP1/JKT-A/2026"))
            #expect(text.contains("selambat-lambatnya tanggal 6 Januari 2027"))
            #expect(text.contains("Catatan: batas waktu dihitung tanpa daftar hari libur tahun tersebut"), "\(text)")
            // Both of the employer's findings, and their sum: 3,880,800 + 462,000.
            #expect(text.contains("PDS_TK") && text.contains("PDS_UPAH"))
            #expect(text.contains("Rp 3.880.800") && text.contains("Rp 462.000") && text.contains("Rp 4.342.800"))
            #expect(markdown.contains("**6 Januari 2027**"))
            #expect(markdown.contains("*Catatan: batas waktu dihitung tanpa daftar hari libur"))
        }
    }

    /// Branch JKT-A on 20 April 2026: six cases (three targeted, three control), three of them
    /// overdue at three different steps, one closed, one with recovered contributions.
    static func followUp(_ connection: Connection) throws -> (cases: Cases, ids: [String: Int]) {
        let cases = Cases(connection: connection)
        var ids: [String: Int] = [:]
        ids["ARREARS9"] = try cases.open(npp: "ARREARS9", runID: nil, period: nil, on: "2026-02-02")
        // The audit list leaves ARREARS9 out (it has an open case): LEAD0001 and NOJP0010; the
        // control sample of seed 7 orders the others by MD5("7:NPP"): UNDERTEN 04ef…,
        // MIKRO006 2436…, TAXNEAR7 2b06…, BRAN0002 48bc…, GAPONE03 efec….
        let opened = try cases.openFromAuditList(
            period: "2025-06", branch: "JKT-A", capacity: 3, control: 3, seed: 7, on: "2026-02-03")
        #expect(
            opened.map { "\($0.npp) \($0.selection)" } == [
                "LEAD0001 targeted", "NOJP0010 targeted", "UNDERTEN control", "MIKRO006 control", "TAXNEAR7 control",
            ])
        for entry in opened { ids[entry.npp] = entry.caseID }
        // A case of another branch stays out of JKT-A's report.
        ids["UMKCITY5"] = try cases.open(npp: "UMKCITY5", runID: nil, period: nil, on: "2026-02-03")

        func record(_ npp: String, _ request: CaseEventRequest) throws {
            try cases.record(case: try #require(ids[npp]), request)
        }
        func inspect(_ npp: String, _ on: String, _ outcome: InspectionOutcome) throws {
            try record(npp, .init(event: .inspection, on: on, kind: .kantor, outcome: outcome))
        }
        // ARREARS9: fined from 17 March (warning II's deadline 16 March); not overdue.
        try inspect("ARREARS9", "2026-02-10", .terbukti)
        try record("ARREARS9", .init(event: .sp1, on: "2026-02-11"))
        try record("ARREARS9", .init(event: .sp2, on: "2026-03-02"))
        try record("ARREARS9", .init(event: .denda, on: "2026-03-17"))
        // LEAD0001: warning II of 9 March, deadline 30 March (18–24 March are days off): 21 days late.
        try inspect("LEAD0001", "2026-02-12", .terbukti)
        try record("LEAD0001", .init(event: .sp1, on: "2026-02-20"))
        try record("LEAD0001", .init(event: .sp2, on: "2026-03-09"))
        // NOJP0010: not borne out, closed.
        try inspect("NOJP0010", "2026-02-12", .tidakTerbukti)
        try record("NOJP0010", .init(event: .tutup, on: "2026-02-16", reason: .tidakTerbukti))
        // UNDERTEN (control): partly borne out; warning I of 1 April, deadline 16 April: 4 days late.
        try inspect("UNDERTEN", "2026-02-13", .sebagian)
        try record("UNDERTEN", .init(event: .sp1, on: "2026-04-01"))
        // MIKRO006 (control): nothing found.
        try inspect("MIKRO006", "2026-02-13", .tidakTerbukti)
        // TAXNEAR7 (control): never inspected; due within 20 working days, by 5 March: 46 days late.
        try inspect("UMKCITY5", "2026-02-13", .terbukti)

        // Payments for ARREARS9's months in arrears: one before the opening (not counted), one of
        // 500,000 for February, 2,000,000 for March (counted up to its 1,002,822), one after 20 April.
        _ = try CaseFixture.load(
            """
            npp,period,paid_on,amount
            ARREARS9,2025-02,2026-01-15,100000
            ARREARS9,2025-02,2026-03-10,500000
            ARREARS9,2025-03,2026-03-11,2000000
            ARREARS9,2025-02,2026-04-25,300000

            """, .payments, connection)
        // LEAD0001's July 2025 wages, imported on 15 March 2026: ten workers at 6,000,000, due
        // 10 × 554,400 = 5,544,000 against June's 2 × 554,400 = 1,108,800: 4,435,200 more a month.
        var july = "npp,period,kpj,nik,name,wage\n"
        for n in 0..<10 {
            july += "LEAD0001,2025-07,\(20_000_000_001 + n),\(3_171_014_101_901_000 + n),Pekerja,6000000\n"
        }
        let imported = try CaseFixture.load(july, .contributions, connection)
        try connection.execute(
            "update periksa.imports set finished_at = '2026-03-15 10:00:00+07' where import_id = \(imported)")
        return (cases, ids)
    }

    @Test("the follow-up report of a branch: counts, the overdue cases with their late step, money by month, hit rates")
    func followUpReport() throws {
        try CaseFixture.with { connection, run in
            let (cases, ids) = try Self.followUp(connection)
            let day = "2026-04-20"
            let current = try cases.status(asOf: day, branch: "JKT-A")
            #expect(current.map(\.npp) == ["ARREARS9", "LEAD0001", "NOJP0010", "UNDERTEN", "MIKRO006", "TAXNEAR7"])
            let months = try ["2026-02-28", "2026-03-31", day].map { end in
                let figures = try cases.status(asOf: end, branch: "JKT-A")
                return CasesReport.MonthEnd(
                    month: String(end.prefix(7)), fine: figures.reduce(0) { $0 + $1.fine },
                    recovered: figures.reduce(0) { $0 + $1.recovered },
                    addedMonthly: figures.reduce(0) { $0 + $1.addedMonthly })
            }
            // 31 March: fine 0.1 % × 2,169,484 × 1 month = 2,169; 20 April: 2 months, 4,339.
            #expect(months.map(\.fine) == [0, 2169, 4339])
            #expect(months.map(\.recovered) == [0, 1_502_822, 1_502_822])
            #expect(months.map(\.addedMonthly) == [0, 4_435_200, 4_435_200])

            var pages: [(name: String, html: String)] = []
            var markdown: [Language: String] = [:]
            for language in Language.allCases {
                pages.append(
                    (
                        "cases-\(language.rawValue)",
                        try CasesReport.render(
                            branch: "JKT-A", cases: current, months: months, asOf: day, format: .html,
                            language: language)
                    ))
                markdown[language] = try CasesReport.render(
                    branch: "JKT-A", cases: current, months: months, asOf: day, format: .md, language: language)
            }
            for (name, html) in pages {
                #expect(!html.contains("<script"), "\(name)")
                #expect(html.contains("<svg"), "\(name): the chart of three month ends")
            }
            let texts = try RenderingTests.visibleText(pages)
            let text = try #require(texts["cases-id"])

            #expect(text.contains("Laporan tindak lanjut kasus"))
            #expect(text.contains("Kantor cabang JKT-A · per 20 April 2026"), "\(text)")
            // The key figures, each above its label.
            for figure in [
                "6\nkasus", "5\nterbuka", "3\nterlambat", "Rp 4.339\ndenda", "Rp 1.502.822\niuran tertagih",
                "Rp 4.435.200\ntambahan iuran/bulan",
            ] {
                #expect(text.contains(figure), "the figures lack \(figure): \(text)")
            }
            #expect(!text.contains("PT Kota Utara"), "a case of JKT-B")

            // By state: one case each, all opened 76 or 77 days before, in the 31–90 days column.
            let byState = Self.section(text, from: "Kasus menurut status dan umur", to: "Kasus terlambat")
            for line in [
                "dibuka — dibuka\t0\t1\t0\t0\t1", "diperiksa — diperiksa\t0\t1\t0\t0\t1",
                "sp1 — surat peringatan I\t0\t1\t0\t0\t1", "sp2 — surat peringatan II\t0\t1\t0\t0\t1",
                "denda — denda administratif\t0\t1\t0\t0\t1", "ditutup — ditutup\t0\t1\t0\t0\t1",
            ] {
                #expect(byState.contains(line), "by state lacks \(line): \(byState)")
            }
            #expect(byState.contains("31–90 hari"))

            // Overdue, the earliest deadline first, each with the step that is late.
            let overdue = Self.section(text, from: "Kasus terlambat", to: "Denda, iuran tertagih dan tambahan iuran")
            #expect(
                Self.inOrder(
                    overdue,
                    [
                        "\(ids["TAXNEAR7"]!)", "CV Pas Sembilan Puluh", "NPP TAXNEAR7", "dibuka", "5 Maret 2026", "46",
                        "pemeriksaan (20 hari kerja sejak dibuka)", "Rp 0",
                        "\(ids["LEAD0001"]!)", "PT Induk Jaya", "NPP LEAD0001", "sp2", "30 Maret 2026", "21",
                        "SP II lewat batas: kenakan denda atau rujuk", "Rp 4.342.800",
                        "\(ids["UNDERTEN"]!)", "PT Besar Sekali", "NPP UNDERTEN", "sp1", "16 April 2026", "4",
                        "SP I lewat batas: terbitkan SP II", "Rp 0",
                    ]), "overdue: \(overdue)")
            #expect(!overdue.contains("PT Menunggak") && !overdue.contains("PT Tanpa Pensiun"))

            // Month ends.
            let money = Self.section(text, from: "Denda, iuran tertagih dan tambahan iuran", to: "Ketepatan sasaran")
            #expect(money.contains("Februari 2026\tRp 0\tRp 0\tRp 0"), "\(money)")
            #expect(money.contains("Maret 2026\tRp 2.169\tRp 1.502.822\tRp 4.435.200"), "\(money)")
            #expect(money.contains("April 2026\tRp 4.339\tRp 1.502.822\tRp 4.435.200"), "\(money)")

            // Hit rates with their Wilson intervals: targeted 2 of 3 (ARREARS9, LEAD0001; not
            // NOJP0010), control 1 of 2 (UNDERTEN; not MIKRO006; TAXNEAR7 not inspected).
            // Recovered per inspected targeted case: 1,502,822 / 3 = 500,940.67 → 500,941.
            let hits = Self.section(text, from: "Ketepatan sasaran", to: "Presisi tiap daftar audit")
            for line in [
                "JKT-A\tsasaran (daftar audit)\t3\t2\t0.6667\t0.2077 – 0.9385\tRp 1.502.822\tRp 500.941",
                "JKT-A\tkontrol (acak)\t2\t1\t0.5000\t0.0945 – 0.9055\tRp 0\tRp 0",
                "semua\tsasaran (daftar audit)\t3\t2\t0.6667\t0.2077 – 0.9385\tRp 1.502.822\tRp 500.941",
                "semua\tkontrol (acak)\t2\t1\t0.5000\t0.0945 – 0.9055\tRp 0\tRp 0",
            ] {
                #expect(hits.contains(line), "hit rates lack \(line): \(hits)")
            }
            // Precision of the list of run 1: k = 3 targeted cases (ARREARS9 by NPP, two from the list).
            let precision = Self.section(text, from: "Presisi tiap daftar audit", to: "Penagihan terbesar")
            #expect(precision.contains("#\(run)\tJuni 2025\t3\t3\t2\t0.6667"), "\(precision)")
            let top = Self.section(text, from: "Penagihan terbesar")
            #expect(
                Self.inOrder(top, ["\(ids["ARREARS9"]!)", "PT Menunggak", "NPP ARREARS9", "denda", "Rp 1.502.822"]),
                "\(top)")
            #expect(!top.contains("PT Induk Jaya"), "nothing recovered from LEAD0001")

            // In English, the same figures.
            let english = try #require(texts["cases-en"])
            for fact in [
                "Case follow-up report", "Branch JKT-A · as of 20 April 2026", "6\ncases", "5\nopen", "3\noverdue",
                "Rp 1,502,822\nrecovered", "warning II expired: impose the fine or refer",
                "warning I expired: issue warning II", "inspection (20 working days from opening)",
                "targeted (audit list)\t3\t2\t0.6667\t0.2077 – 0.9385",
                "control (random)\t2\t1\t0.5000\t0.0945 – 0.9055",
            ] {
                #expect(english.contains(fact), "English lacks \(fact)")
            }

            // The Markdown report holds the same facts.
            let md = try #require(markdown[.indonesian])
            for fact in [
                "| 6 | 5 | 3 | Rp 4.339 | Rp 1.502.822 | Rp 4.435.200 |",
                "| \(ids["TAXNEAR7"]!) | TAXNEAR7 | CV Pas Sembilan Puluh | dibuka | 5 Maret 2026 | 46 | pemeriksaan (20 hari kerja sejak dibuka) | Rp 0 |",
                "| \(ids["LEAD0001"]!) | LEAD0001 | PT Induk Jaya | sp2 | 30 Maret 2026 | 21 | SP II lewat batas: kenakan denda atau rujuk | Rp 4.342.800 |",
                "| \(ids["UNDERTEN"]!) | UNDERTEN | PT Besar Sekali | sp1 | 16 April 2026 | 4 | SP I lewat batas: terbitkan SP II | Rp 0 |",
                "| Maret 2026 | Rp 2.169 | Rp 1.502.822 | Rp 4.435.200 |",
                "| JKT-A | sasaran (daftar audit) | 3 | 2 | 0.6667 | 0.2077 – 0.9385 | Rp 1.502.822 | Rp 500.941 |",
                "| JKT-A | kontrol (acak) | 2 | 1 | 0.5000 | 0.0945 – 0.9055 | Rp 0 | Rp 0 |",
                "| #\(run) | Juni 2025 | 3 | 3 | 2 | 0.6667 |",
                "| \(ids["ARREARS9"]!) | ARREARS9 | PT Menunggak | denda | Rp 1.502.822 | Rp 0 | Rp 4.339 |",
            ] {
                #expect(md.contains(fact), "cases.md lacks \(fact)")
            }
            #expect(!md.contains("PT Kota Utara"))
            let englishMarkdown = try #require(markdown[.english])
            #expect(englishMarkdown.contains("| 6 | 5 | 3 | Rp 4,339 | Rp 1,502,822 | Rp 4,435,200 |"))
        }
    }
}
