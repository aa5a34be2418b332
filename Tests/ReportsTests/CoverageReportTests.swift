import Compliance
import Foundation
import Postgres
import Reports
import TestSupport
import Testing

/// Province 15 (Jambi) in June 2025 and June 2024, worked by hand (docs/coverage.md).
///
/// Wage earners (PU) in June 2025: Ani and Budi at JMB00001 (region 1571), Citra at MRJ00002
/// (region 1505; also a BPU row, so counted as PU), Dodi and Eko at MRJ00002, Fajar at JMB00001
/// (NIK of 1509, which has no labour-force row). BPU in June 2025: Gita and Hadi paid by 1571
/// (on its list), Indah paid by 1571 (on no list of it), Joko (mandiri, domicile 1505), Kiki
/// paid by province 15 (on its list), Lina (mandiri). In June 2024: Ani, Budi and Dodi (PU),
/// Gita and Hadi (BPU).
///
/// By the NIK's region in June 2025: 1571 has 3 PU + 4 BPU = 7 of 20 workers (35.00 %; PU 3 of
/// 8, 37.50 %; BPU 4 of 12, 33.33 %), 1505 1 + 1 = 2 of 10 (20.00 %), 1504 1 + 1 = 2 of 5
/// (40.00 %), 1509 one PU and no labour-force row, the province 6 + 6 = 12 of 100 (12.00 %; PU
/// 6 of 40, 15.00 %; BPU 6 of 60, 10.00 %). June 2024: 1571 4 of 16 (25.00 %), 1505 1 of 8
/// (12.50 %), 1504 no labour-force row up to 2024, the province 5 of 80 (6.25 %).
enum CoverageFixture {
    static let nik = (
        ani: "1571014101900001", budi: "1571014101900002", citra: "1571024101900003", dodi: "1505014101900001",
        eko: "1504014101900001", fajar: "1509014101900001", gita: "1571014101900011", hadi: "1571014101900012",
        indah: "1571024101900013", joko: "1571024101900014", kiki: "1505014101900011", lina: "1504014101900011",
        mega: "1571014101900021", nur: "1571024101900022", oki: "1571024101900023", putri: "1505024101900031",
        rudi: "1505024101900032"
    )

    /// The people's names: none may show on the report.
    static let names = [
        "Ani Suryani", "Budi Santoso", "Citra Lestari", "Gita Permata", "Hadi Wibowo", "Indah Sari", "Megawati Sukma",
        "Nuraini Lestari", "Oki Setiawan", "Putri Anggraini", "Rudi Hartono",
    ]

    static var files: [(ImportKind, String)] {
        let n = nik
        return [
            (
                .employers,
                """
                npp,name,kbli,scale,risk_group,region_code,branch_code,programs,registered_on
                JMB00001,PT Angso Duo,47111,kecil,1,1571,JMB-A,JKK|JKM|JHT,2020-01-01
                MRJ00002,PT Sekernan Jaya,47111,kecil,1,1505,JMB-A,JKK|JKM|JHT,2020-01-01

                """
            ),
            (
                .contributions,
                """
                npp,period,kpj,nik,name,wage
                JMB00001,2025-06,10000000001,\(n.ani),Ani Suryani,5000000
                JMB00001,2025-06,10000000002,\(n.budi),Budi Santoso,4000000
                MRJ00002,2025-06,10000000003,\(n.citra),Citra Lestari,6000000
                MRJ00002,2025-06,10000000004,\(n.dodi),Dodi,4500000
                MRJ00002,2025-06,10000000005,\(n.eko),Eko,4500000
                JMB00001,2025-06,10000000006,\(n.fajar),Fajar,4000000
                JMB00001,2024-06,10000000001,\(n.ani),Ani Suryani,4800000
                JMB00001,2024-06,10000000002,\(n.budi),Budi Santoso,3800000
                MRJ00002,2024-06,10000000004,\(n.dodi),Dodi,4300000

                """
            ),
            (
                .bpuContributions,
                """
                kpj,nik,name,period,declared_income,programs,amount,paid_on,funded_by,domicile_region
                20000000001,\(n.gita),Gita Permata,2025-06,1000000,JKK|JKM,16800,2025-06-10,1571,
                20000000002,\(n.hadi),Hadi Wibowo,2025-06,2000000,JKK|JKM,26800,2025-06-10,1571,
                20000000003,\(n.indah),Indah Sari,2025-06,1000000,JKK|JKM,16800,2025-06-10,1571,
                20000000004,\(n.joko),Joko,2025-06,1000000,JKK|JKM,16800,2025-06-10,mandiri,1505
                20000000005,\(n.citra),Citra Lestari,2025-06,1000000,JKK|JKM,16800,2025-06-10,mandiri,
                20000000006,\(n.kiki),Kiki,2025-06,1000000,JKK|JKM,16800,2025-06-10,15,
                20000000007,\(n.lina),Lina,2025-06,1000000,JKK|JKM,16800,2025-06-10,mandiri,
                20000000001,\(n.gita),Gita Permata,2024-06,1000000,JKK|JKM,16800,2024-06-10,1571,
                20000000002,\(n.hadi),Hadi Wibowo,2024-06,2000000,JKK|JKM,26800,2024-06-10,1571,

                """
            ),
            (
                .labourForce,
                """
                region_code,year,workers,wage_workers,non_wage_workers,source
                15,2024,80,,,BPS Sakernas Agustus 2024
                15,2025,100,40,60,BPS Sakernas Agustus 2025
                1571,2024,16,,,BPS
                1571,2025,20,8,12,BPS
                1505,2024,8,,,BPS
                1505,2025,10,,,BPS
                1504,2025,5,,,BPS

                """
            ),
            (
                .workerLists,
                """
                list_code,pemda_code,nik,name,region_code,category,funded,funded_from,funded_to,declared_income
                SK-1571/2025/001,1571,\(n.gita),Gita Permata,1571,rentan,ya,2025-01,2025-12,
                SK-1571/2025/001,1571,\(n.hadi),Hadi Wibowo,1571,rentan,ya,2025-01,2025-12,2000000
                SK-1571/2025/001,1571,\(n.mega),Megawati Sukma,1571,rentan,ya,2025-01,2025-12,
                SK-1571/2025/001,1571,\(n.budi),Budi Santoso,1571,keagamaan,ya,2025-01,2025-12,
                SK-1571/2025/001,1571,\(n.nur),Nuraini Lestari,1571,keagamaan,ya,2025-01,2025-12,
                SK-1571/2024/003,1571,\(n.oki),Oki Setiawan,1571,non_asn,ya,2024-01,2024-12,
                SK-15/2025/007,15,\(n.putri),Putri Anggraini,1505,informal,ya,2025-01,2025-06,
                SK-15/2025/007,15,\(n.kiki),Kiki,1505,informal,ya,2025-01,2025-06,
                DTKS-1505,1505,\(n.rudi),Rudi Hartono,1505,lainnya,tidak,,,
                DTKS-1505,1505,\(n.mega),Megawati Sukma,1571,informal,tidak,,,

                """
            ),
        ]
    }

    /// The fixture imported into a fresh database, with the names of its regions.
    static func with(_ body: (Connection) throws -> Void) throws {
        try with { connection, _ in try body(connection) }
    }

    /// The same, with the database's connection string too (for a second connection).
    static func with(_ body: (Connection, String) throws -> Void) throws {
        try TestDatabase.with { conninfo in
            let connection = try Connection(conninfo: conninfo)
            for (kind, csv) in files {
                let summary = try TemporaryFile.with(csv) {
                    try Importer(connection: connection).run(.init(kind: kind, path: $0))
                }
                #expect(summary.rowsRejected == 0, "\(kind): \(summary.firstRejections)")
            }
            try connection.execute(
                """
                insert into periksa.regions (region_code, name, kind) values
                    ('15', 'Jambi', 'provinsi'), ('1504', 'Kabupaten Batanghari', 'kabupaten'),
                    ('1505', 'Kabupaten Muaro Jambi', 'kabupaten'), ('1509', 'Kabupaten Tebo', 'kabupaten'),
                    ('1571', 'Kota Jambi', 'kota')
                on conflict (region_code) do nothing
                """)
            try body(connection, conninfo)
        }
    }

    /// 15 July 2025.
    static let generatedAt = Date(timeIntervalSince1970: 1_752_537_600)
}

@Suite("The coverage report on a hand-worked fixture, read in a browser")
struct CoverageReportTests {
    /// No NIK, masked or not, and no name of the fixture's people.
    static func personalData(in text: String) -> [String] {
        var found = CoverageFixture.names.filter { text.contains($0) }
        if text.range(of: #"[0-9]{16}"#, options: .regularExpression) != nil { found.append("a NIK") }
        if text.range(of: #"[0-9]{4}\*{8}[0-9]{4}"#, options: .regularExpression) != nil {
            found.append("a masked NIK")
        }
        return found
    }

    @Test("the default target: the national one of the year where known, else 70 %")
    func defaultTarget() {
        #expect(
            CoverageTarget.default(year: 2025)
                == .init(percent: Decimal(string: "32.15")!, source: .plan("RPJMN 2025–2029"), year: 2025))
        #expect(
            CoverageTarget.default(year: 2026)
                == .init(percent: Decimal(string: "34.99")!, source: .plan("RKP 2026"), year: 2026))
        #expect(
            CoverageTarget.default(year: 2029)
                == .init(percent: Decimal(string: "43.92")!, source: .plan("RPJMN 2025–2029"), year: 2029))
        #expect(CoverageTarget.default(year: 2027) == .init(percent: 70, source: .fallback, year: 2027))
        #expect(CoverageTarget.default(year: 2024) == .init(percent: 70, source: .fallback, year: 2024))
    }

    @Test(
        "by the NIK's region: provinces and regencies/cities, a year earlier, the target, outreach, lists, rankings; no NIK"
    )
    func report() throws {
        try CoverageFixture.with { connection, conninfo in
            // The lists read on a second connection while the coverage is read on the first, as
            // `periksa report coverage` does; the English page below reads all on one.
            let data = try CoverageReportData.load(
                period: "2025-06", basis: .nik, region: nil, target: nil, connection: connection,
                connect: { try Connection(conninfo: conninfo) })
            #expect(
                data.target == .init(percent: Decimal(string: "32.15")!, source: .plan("RPJMN 2025–2029"), year: 2025))
            #expect(data.current.map(\.region) == ["15", "1504", "1505", "1509", "1571"])
            #expect(data.yearEarlier.map(\.region) == ["15", "1505", "1571"])
            #expect(data.reconciliations.map(\.listCode) == ["SK-15/2025/007", "SK-1571/2025/001"])
            #expect(data.outreach.total == .init(people: 5, funded: 3))
            let english = try CoverageReportData.load(
                period: "2025-06", basis: .nik, region: nil, target: 50, connection: connection)

            let at = CoverageFixture.generatedAt
            let pages = [
                ("coverage-id", try CoverageReport.render(data, generatedAt: at, format: .html, language: .indonesian)),
                ("coverage-en", try CoverageReport.render(english, generatedAt: at, format: .html, language: .english)),
            ]
            for (name, html) in pages {
                #expect(!html.contains("<script"), "\(name)")
                #expect(html.range(of: #"(src|href)\s*=\s*"?(https?:)?//"#, options: .regularExpression) == nil)
                #expect(html.components(separatedBy: "<svg").count - 1 == 4, "\(name): four charts")
                #expect(Self.personalData(in: html) == [], "\(name) shows \(Self.personalData(in: html))")
            }
            let texts = try RenderingTests.visibleText(pages)
            let text = try #require(texts["coverage-id"])

            #expect(text.contains("Laporan Cakupan Kepesertaan"))
            #expect(text.contains("Seluruh wilayah · Juni 2025"), "\(text)")
            // The basis and the target, stated with where the target comes from.
            #expect(
                text.contains(
                    "Dasar hitung: wilayah NIK: empat digit pertama NIK (kabupaten/kota yang menerbitkannya)"),
                "\(text)")
            #expect(
                text.contains("Sasaran: 32,15% (sasaran nasional RPJMN 2025–2029 untuk tahun 2025)"), "\(text)")
            #expect(text.contains("dibuat 15 Juli 2025"))
            for figure in ["Peserta\n12\nPU 6 · BPU 6", "Daftar sosialisasi\n5\n3 dibiayai daftar pemda"] {
                #expect(text.contains(figure), "the figures lack \(figure): \(text)")
            }
            #expect(text.contains("Kabupaten/kota di bawah sasaran\n1\ndari 3 dengan data angkatan kerja"), "\(text)")

            // The province: 12 of 100 (12.00 %), PU 6 of 40, BPU 6 of 60; a year earlier 5 of 80
            // (6.25 %): +5.75 points; 32.15 − 12.00 = 20.15 points short, ⌈100 × 32.15 %⌉ − 12 = 21 people.
            let provinces = CaseReportTests.section(
                text, from: "Cakupan per provinsi", to: "Cakupan per kabupaten/kota")
            #expect(
                provinces.contains(
                    "Jambi (15)\t12\t6\t6\t100 (2025)\t12,00%\t15,00%\t10,00%\t6,25%\t+5,75 poin\t20,15 poin\t21"),
                "\(provinces)")
            #expect(provinces.contains("Juni 2024"), "the year-earlier column names its period")

            // Regencies/cities: Kota Jambi 7 of 20 (35.00 %), a year earlier 4 of 16 (25.00 %):
            // +10.00 points, the target reached (⌈20 × 32.15 %⌉ = 7 people); Muaro Jambi 2 of 10,
            // 12.50 % before: +7.50, 12.15 points and ⌈3.215⌉ − 2 = 2 people short; Batanghari 2 of 5
            // with no labour-force row for 2024: no change; Tebo: no labour-force row at all.
            let regencies = CaseReportTests.section(
                text, from: "Cakupan per kabupaten/kota", to: "Peringkat kabupaten/kota")
            for line in [
                "Kabupaten Batanghari (1504)\t2\t1\t1\t5 (2025)\t40,00%\t–\t–\t–\t–\ttercapai\t0",
                "Kabupaten Muaro Jambi (1505)\t2\t1\t1\t10 (2025)\t20,00%\t–\t–\t12,50%\t+7,50 poin\t12,15 poin\t2",
                "Kabupaten Tebo (1509)\t1\t1\t0\t–\ttidak ada data angkatan kerja\t–\t–\t–\t–\t–\t–",
                "Kota Jambi (1571)\t7\t3\t4\t20 (2025)\t35,00%\t37,50%\t33,33%\t25,00%\t+10,00 poin\ttercapai\t0",
            ] {
                #expect(regencies.contains(line), "regencies lack \(line): \(regencies)")
            }

            // The rankings: by coverage Batanghari, Kota Jambi, Muaro Jambi (Tebo has no
            // labour-force row); by change Kota Jambi, Muaro Jambi (Batanghari has none a year earlier).
            let byCoverage = CaseReportTests.section(
                text, from: "Peringkat kabupaten/kota menurut cakupan", to: "Peringkat kabupaten/kota menurut perubahan"
            )
            #expect(
                CaseReportTests.inOrder(
                    byCoverage,
                    [
                        "1\tKabupaten Batanghari (1504)\t40,00%\t2\t5\ttercapai",
                        "2\tKota Jambi (1571)\t35,00%\t7\t20\ttercapai",
                        "3\tKabupaten Muaro Jambi (1505)\t20,00%\t2\t10\t12,15 poin",
                    ]), "\(byCoverage)")
            #expect(!byCoverage.contains("Tebo"))
            let byChange = CaseReportTests.section(
                text, from: "Peringkat kabupaten/kota menurut perubahan", to: "Daftar sosialisasi")
            #expect(
                CaseReportTests.inOrder(
                    byChange,
                    [
                        "1\tKota Jambi (1571)\t25,00%\t35,00%\t+10,00 poin",
                        "2\tKabupaten Muaro Jambi (1505)\t12,50%\t20,00%\t+7,50 poin",
                    ]), "\(byChange)")
            #expect(!byChange.contains("Batanghari") && !byChange.contains("Tebo"))

            // The outreach list: Megawati (two lists, rentan and informal, funded), Nuraini (funded),
            // Oki (funded in 2024 only) in 1571; Putri (funded) and Rudi in 1505. Gita, Hadi and
            // Kiki paid BPU, Budi is PU: not on it.
            let outreach = CaseReportTests.section(
                text, from: "orang di daftar pemda yang belum", to: "Rekonsiliasi daftar yang dibiayai")
            #expect(
                text.contains(
                    "5 orang di daftar pemda yang belum menjadi peserta dalam periode ini; dibiayai daftar pemda: 3"),
                "\(outreach)")
            for line in [
                "Kabupaten Muaro Jambi (1505)\t2\t1\t1", "Kota Jambi (1571)\t3\t2\t1",
                "150502\tKabupaten Muaro Jambi (1505)\t2\t1\t1", "157101\tKota Jambi (1571)\t1\t1\t0",
                "157102\tKota Jambi (1571)\t2\t1\t1",
                "rentan Pekerja rentan\t1\t1\t0", "informal Pekerja informal\t2\t2\t0",
                "non_asn Pegawai non-ASN\t1\t0\t1", "keagamaan Pekerja keagamaan\t1\t1\t0", "lainnya Lainnya\t1\t0\t1",
            ] {
                #expect(outreach.contains(line), "outreach lacks \(line): \(outreach)")
            }

            // Reconciliation. SK-15/2025/007 (province 15): Putri missing, Kiki enrolled; budget 2 ×
            // 16,800, paid 16,800. SK-1571/2025/001: Megawati and Nuraini missing, Budi already PU,
            // Gita and Hadi enrolled, Indah paid by 1571 but on no list of it; budget 4 × 16,800 +
            // (2,000,000 × 1 % + 6,800) = 94,000, paid 16,800 + 26,800 = 43,600, difference 50,400.
            // SK-1571/2024/003 funds nobody in June 2025: not there.
            let reconciliation = CaseReportTests.section(text, from: "Rekonsiliasi daftar yang dibiayai", to: "Catatan")
            for line in [
                "SK-15/2025/007\tJambi (15)\t2\t1\t1\t0\t0\tRp 33.600\tRp 16.800\tRp 16.800",
                "SK-1571/2025/001\tKota Jambi (1571)\t5\t2\t2\t1\t1\tRp 94.000\tRp 43.600\tRp 50.400",
                "Jumlah\t\t7\t3\t3\t1\t1\tRp 127.600\tRp 60.400\tRp 67.200",
            ] {
                #expect(reconciliation.contains(line), "reconciliation lacks \(line): \(reconciliation)")
            }
            #expect(!reconciliation.contains("SK-1571/2024/003") && !reconciliation.contains("DTKS-1505"))
            #expect(Self.personalData(in: text) == [])

            // In English, against a target of 50 %: Kota Jambi 15.00 points and ⌈10⌉ − 7 = 3 people
            // short, Batanghari 10.00 and ⌈2.5⌉ − 2 = 1, the province 38.00 and 50 − 12 = 38.
            let en = try #require(texts["coverage-en"])
            for fact in [
                "Coverage Report", "All regions · June 2025",
                "Counting basis: the NIK's region: its first four digits (the regency/city that issued it)",
                "Target: 50% (set with --target)",
                "Jambi (15)\t12\t6\t6\t100 (2025)\t12.00%\t15.00%\t10.00%\t6.25%\t+5.75 pts\t38.00 pts\t38",
                "Kota Jambi (1571)\t7\t3\t4\t20 (2025)\t35.00%\t37.50%\t33.33%\t25.00%\t+10.00 pts\t15.00 pts\t3",
                "Kabupaten Batanghari (1504)\t2\t1\t1\t5 (2025)\t40.00%\t–\t–\t–\t–\t10.00 pts\t1",
                "Kabupaten Tebo (1509)\t1\t1\t0\t–\tno labour-force data",
                "1\tKota Jambi (1571)\t25.00%\t35.00%\t+10.00 pts",
                "5 people on the local governments' lists who are not participants in the period; funded by a list: 3",
                "informal Informal workers\t2\t2\t0",
                "SK-1571/2025/001\tKota Jambi (1571)\t5\t2\t2\t1\t1\tRp 94,000\tRp 43,600\tRp 50,400",
                "Total\t\t7\t3\t3\t1\t1\tRp 127,600\tRp 60,400\tRp 67,200",
            ] {
                #expect(en.contains(fact), "English lacks \(fact): \(en)")
            }
            #expect(
                CaseReportTests.inOrder(
                    en,
                    [
                        "1\tKabupaten Batanghari (1504)\t40.00%", "2\tKota Jambi (1571)\t35.00%",
                        "3\tKabupaten Muaro Jambi (1505)\t20.00%",
                    ]))
            #expect(
                RenderingTests.indonesian(in: en) == [],
                "English page shows Bahasa: \(RenderingTests.indonesian(in: en))")

            // The Markdown report carries the same facts.
            let md = try CoverageReport.render(data, generatedAt: at, format: .md, language: .indonesian)
            #expect(md.hasPrefix("# Laporan Cakupan Kepesertaan\n"))
            for fact in [
                "**Dasar hitung:** wilayah NIK: empat digit pertama NIK (kabupaten/kota yang menerbitkannya)",
                "**Sasaran:** 32,15% (sasaran nasional RPJMN 2025–2029 untuk tahun 2025)",
                "| Peserta | **12** (PU 6 · BPU 6) |",
                "| Jambi (15) | 12 | 6 | 6 | 100 (2025) | **12,00%** | 15,00% | 10,00% | 6,25% | +5,75 poin | 20,15 poin | 21 |",
                "| Kota Jambi (1571) | 7 | 3 | 4 | 20 (2025) | **35,00%** | 37,50% | 33,33% | 25,00% | +10,00 poin | tercapai | 0 |",
                "| Kabupaten Tebo (1509) | 1 | 1 | 0 | – | **tidak ada data angkatan kerja** | – | – | – | – | – | – |",
                "| 1 | Kabupaten Batanghari (1504) | **40,00%** | 2 | 5 | tercapai |",
                "| 3 | Kabupaten Muaro Jambi (1505) | **20,00%** | 2 | 10 | 12,15 poin |",
                "| 1 | Kota Jambi (1571) | 25,00% | 35,00% | **+10,00 poin** |",
                "| 2 | Kabupaten Muaro Jambi (1505) | 12,50% | 20,00% | **+7,50 poin** |",
                "**5** orang di daftar pemda yang belum menjadi peserta dalam periode ini; dibiayai daftar pemda: **3**",
                "| 157102 | Kota Jambi (1571) | 2 | 1 | 1 |", "| non\\_asn — Pegawai non-ASN | 1 | 0 | 1 |",
                "| SK-1571/2025/001 | Kota Jambi (1571) | 5 | 2 | 2 | 1 | 1 | Rp 94.000 | Rp 43.600 | **Rp 50.400** |",
                "| **Jumlah** | | 7 | 3 | 3 | 1 | 1 | Rp 127.600 | Rp 60.400 | Rp 67.200 |",
            ] {
                #expect(md.contains(fact), "coverage.md lacks \(fact)")
            }
            #expect(
                CaseReportTests.inOrder(
                    md,
                    [
                        "| 1 | Kabupaten Batanghari (1504) |", "| 2 | Kota Jambi (1571) |",
                        "| 3 | Kabupaten Muaro Jambi (1505) |", "| 1 | Kota Jambi (1571) |",
                        "| 2 | Kabupaten Muaro Jambi (1505) |",
                    ]))
            #expect(Self.personalData(in: md) == [])
        }
    }

    /// By the employer's region, one regency/city: Citra and Eko count where MRJ00002 is (1505),
    /// Fajar where JMB00001 is (1571), Joko at his domicile (1505). Kota Jambi: Ani, Budi, Fajar
    /// (PU) and Gita, Hadi, Indah (BPU): 6 of 20, 30.00 %; PU 3 of 8, 37.50 %; BPU 3 of 12, 25.00 %;
    /// June 2024 4 of 16, 25.00 %: +5.00 points; 32.15 − 30.00 = 2.15 points, ⌈6.43⌉ − 6 = 1 short.
    @Test("by the employer's region, for Kota Jambi alone: its figures, its outreach, its list")
    func employerBasisOneRegion() throws {
        try CoverageFixture.with { connection, conninfo in
            let data = try CoverageReportData.load(
                period: "2025-06", basis: .employer, region: "1571", target: nil, connection: connection,
                connect: { try Connection(conninfo: conninfo) })
            let md = try CoverageReport.render(
                data, generatedAt: CoverageFixture.generatedAt, format: .md, language: .indonesian)
            for fact in [
                "**Kota Jambi (1571)** · Juni 2025",
                "**Dasar hitung:** wilayah pemberi kerja: PU menurut pemberi kerja dengan upah tertinggi dalam periode (sama besar: NPP terkecil), BPU menurut domisili (tanpa domisili: empat digit pertama NIK)",
                "| Peserta | **6** (PU 3 · BPU 3) |", "| Cakupan | **30,00%** (dari 20 angkatan kerja · +5,00 poin) |",
                "| Kota Jambi (1571) | 6 | 3 | 3 | 20 (2025) | **30,00%** | 37,50% | 25,00% | 25,00% | +5,00 poin | 2,15 poin | 1 |",
                "| 1 | Kota Jambi (1571) | **30,00%** | 6 | 20 | 2,15 poin |",
                "**3** orang di daftar pemda yang belum menjadi peserta dalam periode ini; dibiayai daftar pemda: **2**",
                "| SK-1571/2025/001 | Kota Jambi (1571) | 5 | 2 | 2 | 1 | 1 | Rp 94.000 | Rp 43.600 | **Rp 50.400** |",
            ] {
                #expect(md.contains(fact), "coverage.md lacks \(fact): \(md)")
            }
            for absent in ["Jambi (15) |", "Muaro Jambi", "SK-15/2025/007", "150502"] {
                #expect(!md.contains(absent), "coverage.md of 1571 shows \(absent)")
            }
            #expect(Self.personalData(in: md) == [])
        }
    }
}
