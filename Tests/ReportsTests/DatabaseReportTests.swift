import Compliance
import Foundation
import Postgres
import Reports
import Synthetic
import TestSupport
import Testing

/// The dossier and the compliance report on a small generated dataset (seed 5, 80 employers,
/// twelve months), audited for November and December 2025, with two inspections between.
enum ReportFixture {
    static let generatedAt = Date(timeIntervalSince1970: 1_795_219_200)  // 21 November 2026

    struct Context {
        var connection: Connection
        var conninfo: String
        var november: Int
        var december: Int
        /// The employer with the most findings in December (then the most rupiah, the smallest NPP).
        var npp: String
    }

    static func with(_ body: (Context) throws -> Void) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "periksa-reports-\(UUID().uuidString)"
        )
        .path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        _ = try Generator(
            options: .init(directory: folder, employers: 80, months: 12, seed: 5, period: 2025 * 12 + 11, dirty: false)
        ).run()
        try TestDatabase.with { conninfo in
            let connection = try Connection(conninfo: conninfo)
            for kind in [ImportKind.employers, .minimumWages, .workforce, .contributions, .payments] {
                _ = try Importer(connection: connection).run(.init(kind: kind, path: "\(folder)/\(kind.rawValue).csv"))
            }
            let november = try AuditRunner(connection: connection).run(
                period: "2025-11", asOf: nil, parameters: AuditParameters()
            ).runID
            // Two employers found in November are inspected in December.
            let inspected = try connection.query(
                """
                select distinct npp from periksa.findings where run_id = \(november) and npp is not null
                order by npp limit 2
                """
            ).map { try $0.decode(String.self, at: 0) }
            let file = "\(folder)/inspections.csv"
            try ("npp,inspected_on,outcome\n" + inspected.map { "\($0),2025-12-10,pds_tk\n" }.joined()).write(
                toFile: file, atomically: true, encoding: .utf8)
            _ = try Importer(connection: connection).run(.init(kind: .inspections, path: file))
            let december = try AuditRunner(connection: connection).run(
                period: "2025-12", asOf: nil, parameters: AuditParameters()
            ).runID
            let npp = try connection.queryFirst(
                """
                select npp from periksa.findings where run_id = \(december) and npp is not null
                group by npp order by count(*) desc, sum(estimated_loss_idr) desc, npp limit 1
                """)!.decode(String.self, at: 0)
            try body(
                Context(connection: connection, conninfo: conninfo, november: november, december: december, npp: npp))
        }
    }

    static func dossier(_ context: Context, format: ReportFormat, language: Language, personal: Bool = false) throws
        -> String
    {
        let dossier = try #require(
            try EmployerDossier.load(npp: context.npp, run: context.december, connection: context.connection))
        let schedule = try EnforcementSchedule.load(start: generatedAt, connection: context.connection)
        return try DossierReport.render(
            dossier, schedule: schedule, generatedAt: generatedAt, format: format, language: language,
            showPersonalData: personal)
    }

    static func compliance(
        _ context: Context, period: ReportPeriod, region: String? = nil, format: ReportFormat, language: Language
    ) throws -> (ComplianceData, String) {
        let data = try ComplianceData.load(period: period, region: region, branch: nil, connection: context.connection)
        return (data, try ComplianceReport.render(data, generatedAt: generatedAt, format: format, language: language))
    }
}

@Suite("The dossier and the compliance report, from the database")
struct DatabaseReportTests {
    static let december = ReportPeriod(kind: .month, year: 2025, number: 12)
    static let quarter = ReportPeriod(kind: .quarter, year: 2025, number: 4)

    @Test("golden files for each report, and each HTML report loads in headless Chromium")
    func golden() throws {
        try ReportFixture.with { context in
            var pages: [(String, String)] = []
            var compliance: [Language: ComplianceData] = [:]
            for (format, language) in [
                (ReportFormat.html, Language.indonesian), (.html, .english), (.md, .indonesian), (.md, .english),
            ] {
                let dossier = try ReportFixture.dossier(context, format: format, language: language)
                try Self.compare(dossier, golden: "dossier.\(language.rawValue).\(format.rawValue)")
                let (data, monthly) = try ReportFixture.compliance(
                    context, period: Self.december, format: format, language: language)
                try Self.compare(monthly, golden: "compliance-month.\(language.rawValue).\(format.rawValue)")
                compliance[language] = data
                if format == .html {
                    pages += [("dossier-\(language.rawValue)", dossier), ("compliance-\(language.rawValue)", monthly)]
                }
                if language == .english {
                    #expect(
                        RenderingTests.indonesian(in: dossier) == [],
                        "\(format): \(RenderingTests.indonesian(in: dossier))")
                }
            }
            let (_, quarterly) = try ReportFixture.compliance(
                context, period: Self.quarter, region: "31", format: .md, language: .indonesian)
            try Self.compare(quarterly, golden: "compliance-quarter-31.id.md")
            for (name, html) in pages where name.hasSuffix("-id") {
                #expect(!html.contains("<script"))
                #expect(html.range(of: #"(src|href)\s*=\s*"?(https?:)?//"#, options: .regularExpression) == nil)
                let size = try RenderingTests.render(html, name: name)
                #expect(size > 10_000, "the screenshot of \(name) is \(size) bytes")
            }
            // What a reader sees in the browser: the employer, the figures, in the page's language.
            let texts = try RenderingTests.visibleText(pages.map { (name: $0.0, html: $0.1) })
            let dossier = try #require(
                try EmployerDossier.load(npp: context.npp, run: context.december, connection: context.connection))
            let total = dossier.findings.reduce(Int64(0)) { $0 + $1.loss }
            let data = try #require(compliance[.indonesian])
            let top = try #require(data.top.first)
            for language in Language.allCases {
                let dossierText = try #require(texts["dossier-\(language.rawValue)"])
                #expect(dossierText.contains(dossier.name))
                #expect(dossierText.contains(context.npp))
                #expect(dossierText.contains(Formatting.rupiah(total, language)), "\(language) dossier total")
                let complianceText = try #require(texts["compliance-\(language.rawValue)"])
                #expect(complianceText.contains(top.name))
                #expect(complianceText.contains(Formatting.rupiah(data.current.rupiah, language)), "\(language) total")
            }
            for name in ["dossier-en", "compliance-en"] {
                let text = try #require(texts[name])
                #expect(RenderingTests.indonesian(in: text) == [], "\(name): \(RenderingTests.indonesian(in: text))")
            }
        }
    }

    static func compare(_ text: String, golden name: String) throws {
        let file = AuditListReportTests.golden(name)
        if ProcessInfo.processInfo.environment["PERIKSA_UPDATE_GOLDEN"] == "1" {
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(text == expected, "\(name) differs from its reference file (PERIKSA_UPDATE_GOLDEN=1 to review)")
    }

    @Test("every number agrees with the findings and the database; masking holds unless asked; names are text")
    func agreement() throws {
        try ReportFixture.with { context in
            let connection = context.connection
            // The findings as `periksa findings` streams them.
            var byCategory: [String: (count: Int, rupiah: Int64)] = [:]
            var byEmployer: [String: Int64] = [:]
            try Findings(connection: connection).stream(run: context.december) { finding in
                byCategory[finding.category.code, default: (0, 0)].count += 1
                byCategory[finding.category.code, default: (0, 0)].rupiah += finding.estimatedLoss
                if !finding.npp.isEmpty { byEmployer[finding.npp, default: 0] += finding.estimatedLoss }
            }
            #expect(byCategory.count == 5, "the fixture lacks a category: \(byCategory.keys.sorted())")

            // Compliance report: per category and in total, as findings gives them.
            let (data, markdown) = try ReportFixture.compliance(
                context, period: Self.december, format: .md, language: .indonesian)
            #expect(data.current.runID == context.december)
            #expect(data.previous?.runID == context.november)
            for (category, expected) in byCategory {
                let found = data.current.categories[try Category(code: category)]
                #expect(found?.count == expected.count && found?.rupiah == expected.rupiah, "\(category)")
                #expect(markdown.contains("| \(Formatting.rupiah(expected.rupiah)) |"), "\(category)")
            }
            let total = byCategory.values.reduce(Int64(0)) { $0 + $1.rupiah }
            #expect(markdown.contains("**Rp") && markdown.contains(Formatting.rupiah(total)))
            // The top employers, and the database's own counts.
            for employer in data.top { #expect(employer.rupiah == byEmployer[employer.npp]) }
            let (active, reportedWorkers) = try connection.queryFirst(
                """
                select count(*) filter (where status = 'aktif' and registered_on <= '2025-12-31'),
                       (select count(distinct (npp, nik)) from periksa.contributions c
                        where c.period = '2025-12-01'
                          and c.npp in (select npp from periksa.employers where status = 'aktif'
                                        and registered_on <= '2025-12-31'))
                from periksa.employers
                """)!.decode((Int, Int).self)
            #expect(data.current.active == active)
            #expect(data.current.workers == reportedWorkers)
            #expect(data.current.flagged == Set(byEmployer.keys).count)
            let byRegion = data.groups.filter { $0.dimension == "region" }
            #expect(byRegion.reduce(0) { $0 + $1.active } == active)
            #expect(byRegion.reduce(Int64(0)) { $0 + $1.rupiah } == total - (byCategory["PWBD"]?.rupiah ?? 0))

            // Scoped to a province: the findings of its employers and businesses.
            let (province, _) = try ReportFixture.compliance(
                context, period: Self.december, region: "31", format: .md, language: .indonesian)
            let scoped = try connection.queryFirst(
                """
                select count(*), sum(f.estimated_loss_idr)::bigint from periksa.findings f
                left join periksa.employers e on e.npp = f.npp
                where f.run_id = \(context.december) and coalesce(e.region_code, f.evidence->>'region_code') like '31%'
                """)!.decode((Int, Int64).self)
            #expect(province.current.findings == scoped.0 && province.current.rupiah == scoped.1)

            // The dossier: its findings, and what was paid each month.
            let dossier = try #require(
                try EmployerDossier.load(npp: context.npp, run: context.december, connection: connection))
            #expect(dossier.findings.reduce(Int64(0)) { $0 + $1.loss } == byEmployer[context.npp])
            let paid = try connection.queryFirst(
                """
                select coalesce(sum(amount), 0) from periksa.payments
                where npp = \(context.npp) and period between '2025-01-01' and '2025-12-01' and paid_on <= '2026-01-16'
                """)!.decode(Decimal.self, at: 0)
            #expect(dossier.months.reduce(Decimal(0)) { $0 + $1.paid } == paid)
            let text = try ReportFixture.dossier(context, format: .md, language: .indonesian)
            for finding in dossier.findings { #expect(text.contains(Formatting.rupiah(finding.loss))) }

            // Masking: no NIK or worker name of the employer unless asked for.
            let workers = try connection.query(
                "select nik, name from periksa.contributions where npp = \(context.npp) and period = '2025-12-01'"
            ).map { try $0.decode((String, String?).self) }
            #expect(!workers.isEmpty)
            let shown = try ReportFixture.dossier(context, format: .html, language: .indonesian, personal: true)
            for (nik, name) in workers {
                #expect(!text.contains(nik) && !markdownless(text).contains(nik))
                if let name { #expect(!text.contains(name)) }
            }
            let below = dossier.workers.filter { $0.wage < (dossier.minimumWage ?? 0) }
            for worker in below.prefix(DossierReport.workerRows) {
                #expect(shown.contains(worker.nik))
                #expect(text.contains(Escaping.markdownCell(Masking.nik(worker.nik))))
            }

            // Through the command line as well: masked by default, shown when asked.
            if let worker = below.first {
                let masked = try CommandRunner.periksa(
                    [
                        "report", "employer", "--npp", context.npp, "--period", "2025-12", "--format", "md",
                        "--date", "2026-11-21", "--database-url", context.conninfo,
                    ])
                #expect(masked.status == 0, "\(masked.stderr)")
                #expect(!masked.stdout.contains(worker.nik) && masked.stdout.contains("Berkas Pemeriksaan"))
                let open = try CommandRunner.periksa(
                    [
                        "report", "employer", "--npp", context.npp, "--period", "2025-12", "--format", "md",
                        "--show-personal-data", "--database-url", context.conninfo,
                    ])
                #expect(open.stdout.contains(worker.nik))
            }

            // A hostile employer name renders as text in every format.
            let hostile = "<script>alert(1)</script> & \"PT | Maju\""
            try connection.execute("update periksa.employers set name = \(hostile) where npp = \(context.npp)")
            for format in ReportFormat.allCases {
                let dossierText = try ReportFixture.dossier(context, format: format, language: .indonesian)
                let (_, complianceText) = try ReportFixture.compliance(
                    context, period: Self.december, format: format, language: .indonesian)
                for report in [dossierText, complianceText] {
                    #expect(!report.contains("<script>"))
                    #expect(
                        report.contains(
                            format == .html
                                ? "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;PT | Maju&quot;"
                                : "&lt;script&gt;alert(1)&lt;/script&gt; &amp; \"PT \\| Maju\""))
                }
            }
        }
    }

    /// The text without Markdown escapes (a NIK could hide behind `\*`).
    func markdownless(_ text: String) -> String { text.replacingOccurrences(of: "\\", with: "") }
}
