import Compliance
import Foundation
import Hummingbird
import Postgres
import Reports

/// The reports as pages: the audit list, the compliance and case reports, coverage and the
/// outreach list. Each is the same document `periksa report …` writes, with its download.
extension Routes {
    /// The period asked for, else the latest one audited (runs are every user's to read); 404
    /// when nothing has been audited yet.
    static func period(_ asked: String?, _ connection: Connection, _ language: Language) throws -> String {
        if let asked { return asked }
        guard
            let latest = try connection.queryFirst(
                "select periksa.period_text(max(period)) from periksa.runs where status = 'finished'")?
                .decode(String?.self, at: 0)
        else {
            throw HTTPError(
                .notFound,
                message: language.text(
                    "Belum ada audit: halaman ini menunggu audit pertama (periksa audit).",
                    "Nothing has been audited yet: this page waits for the first audit (periksa audit)."))
        }
        return latest
    }

    /// `GET /audit-list[?period=YYYY-MM][&branch=B][&capacity=N][&format=html|md]`: the ranked
    /// audit list of the period's latest run (default: the latest period audited), of the user's
    /// branches (the database scopes it), the same document as `periksa report audit-list`;
    /// each NPP links to its dossier.
    func auditList(_ request: Request, _ context: WebContext) async throws -> Response {
        let query = Query(request)
        let language = query.language
        let session = try signedIn(context, language, roles: Self.branchRoles)
        let asked = try query.optionalPeriod("period")
        let branch = try query.text("branch", length: 1...40)
        let capacity = try query.number("capacity", in: 1...1000) ?? 20
        let format = try query.format(["html", "md"])
        let suffix = language == .english ? "&lang=en" : ""
        let name = session.user.name
        let cache = documents
        let (text, period): (String, String) = try await pool.acting(for: name) { connection in
            let period = try Self.period(asked, connection, language)
            let run = try Findings(connection: connection).resolveRun(period: period, run: nil)
            try AccessLog(connection: connection).append(
                actor: name, action: "audit_list.view", object: branch, detail: "period=\(period)")
            let (version, scope) = try DocumentCache.versionAndScope(connection)
            let page = "audit-list \(run) \(branch ?? "*") \(capacity) \(language.rawValue) \(format)"
            let text = try cache.document(.init(version: version, scope: scope, page: page)) {
                let (runPeriod, asOf) = try Runs(connection: connection).header(run: run)
                var entries: [AuditList.Entry] = []
                try AuditList(connection: connection).stream(run: run, branch: branch, capacity: capacity) {
                    entries.append($0)
                }
                return try AuditListReport.render(
                    entries: entries, header: .init(period: runPeriod, run: run, asOf: asOf, generatedAt: Date()),
                    format: format == "md" ? .md : .html, language: language,
                    dossierLink: { "/employers/\($0)?period=\(runPeriod)\(suffix)" })
            }
            return (text, period)
        }
        return reportPage(
            request, session, language, text, format: format, name: "audit-list-\(period)")
    }

    /// `GET /reports/compliance[?period=YYYY-MM][&branch=B][&region=R][&format=html|md]`:
    /// the compliance report of the user's branches (default: the latest period audited).
    func complianceReport(_ request: Request, _ context: WebContext) async throws -> Response {
        let query = Query(request)
        let language = query.language
        let session = try signedIn(context, language, roles: Self.branchRoles)
        let asked = try query.optionalPeriod("period")
        let branch = try query.text("branch", length: 1...40)
        let region = try query.text("region", length: 2...4)
        let format = try query.format(["html", "md"])
        let (text, period): (String, String) = try await pool.acting(for: session.user.name) { connection in
            let period = try Self.period(asked, connection, language)
            let data = try ComplianceData.load(
                period: try ReportPeriod.parse(period: period, quarter: nil, year: nil), region: region,
                branch: branch, connection: connection)
            return (
                try ComplianceReport.render(
                    data, generatedAt: Date(), format: format == "md" ? .md : .html, language: language), period
            )
        }
        return reportPage(
            request, session, language, text, format: format, name: "laporan-kepatuhan-\(period)")
    }

    /// `GET /reports/cases[?branch=B][&format=html|md]`: the follow-up of the user's cases as of
    /// today (of one branch, or of every branch the user sees).
    func casesReport(_ request: Request, _ context: WebContext) async throws -> Response {
        let query = Query(request)
        let language = query.language
        let session = try signedIn(context, language, roles: Self.branchRoles)
        let branch = try query.text("branch", length: 1...40)
        let format = try query.format(["html", "md"])
        let day = CaseDates.today()
        let fineRate = configuration.settings.fineRate
        let scope = branch ?? (session.user.branches.count == 1 ? session.user.branches[0] : nil)
        let text = try await pool.acting(for: session.user.name) { connection in
            let (cases, months) = try Cases(connection: connection, fineRate: fineRate).withMonthEnds(
                branch: scope, asOf: day)
            return try CasesReport.render(
                branch: scope ?? language.text("semua cabang Anda", "all your branches"), cases: cases,
                months: months, asOf: day, format: format == "md" ? .md : .html, language: language,
                fineRate: fineRate)
        }
        return reportPage(
            request, session, language, text, format: format, name: "laporan-kasus-\(day)")
    }

    /// `GET /coverage[?period=YYYY-MM][&region=R][&basis=nik|employer][&format=html|md]`: the
    /// coverage report (counts by region, list and category; every role may read it), by default
    /// of the latest period audited.
    func coverage(_ request: Request, _ context: WebContext) async throws -> Response {
        let query = Query(request)
        let language = query.language
        let session = try signedIn(context, language)
        let asked = try query.optionalPeriod("period")
        let region = try query.text("region", length: 2...4)
        let basis =
            try query.choice("basis", CoverageBasis.allCases.map(\.rawValue)).flatMap(CoverageBasis.init) ?? .nik
        let format = try query.format(["html", "md"])
        let (text, period): (String, String) = try await pool.with { connection in
            let period = try Self.period(asked, connection, language)
            // On the pool's connection, the two halves one after the other: a page opens no
            // connection of its own.
            let data = try CoverageReportData.load(
                period: period, basis: basis, region: region, target: nil, connection: connection)
            return (
                try CoverageReport.render(
                    data, generatedAt: Date(), format: format == "md" ? .md : .html, language: language), period
            )
        }
        return reportPage(
            request, session, language, text, format: format, name: "laporan-cakupan-\(period)")
    }

    /// `GET /outreach?period=YYYY-MM[&region=R][&list=L][&personal=1][&format=html|csv]`: the
    /// outreach list as the database lets the user read it (its regions; an analyst every
    /// region, masked). NIK and names masked unless `personal=1`; every view is in the access
    /// log. The page shows the first 500 people; the CSV has them all.
    func outreach(_ request: Request, _ context: WebContext) async throws -> Response {
        let query = Query(request)
        let language = query.language
        let session = try signedIn(context, language)
        let asked = try query.optionalPeriod("period")
        let region = try query.text("region", length: 2...4)
        let list = try query.text("list", length: 1...40)
        let personal = try query.number("personal", in: 0...1) == 1 && session.user.role != .analyst
        let format = try query.format(["html", "csv"])
        let name = session.user.name
        let shown = format == "csv" ? Int.max : 500
        let (rows, total, period): ([[String]], Int, String) = try await pool.acting(for: name) { connection in
            let period = try Self.period(asked, connection, language)
            var rows: [[String]] = []
            var total = 0
            try Coverage(connection: connection).outreach(period: period, region: region, list: list, forWebUser: true)
            { row in
                total += 1
                if rows.count < shown { rows.append(row.fields(showPersonalData: personal)) }
            }
            try AccessLog(connection: connection).append(
                actor: name, action: personal ? "outreach.personal_data" : "outreach.view", object: region ?? list,
                detail: "period=\(period) people=\(total)")
            return (rows, total, period)
        }
        if format == "csv" {
            let csv = OutreachRow.csvHeader + rows.map { $0.map(CSV.field).joined(separator: ",") + "\n" }.joined()
            return Page.document(csv, format: "csv", name: "outreach-\(period)")
        }
        let en = language == .english
        var base = "/outreach?period=\(period)"
        if let region { base += "&region=\(Self.escapeQuery(region))" }
        if let list { base += "&list=\(Self.escapeQuery(list))" }
        if en { base += "&lang=en" }
        let toggle =
            session.user.role == .analyst
            ? ""
            : personal
                ? " · <a href=\"\(Escaping.html(base))\">\(language.text("Samarkan data pribadi", "Mask personal data"))</a>"
                : " · <a href=\"\(Escaping.html(base + "&personal=1"))\">\(language.text("Tampilkan NIK dan nama (dicatat)", "Show NIK and names (logged)"))</a>"
        let body = rows.map { fields in
            "<tr>" + fields.dropLast().map { "<td>\(Escaping.html($0))</td>" }.joined()
                + "<td>\(fields.last == "true" ? language.text("ya", "yes") : language.text("tidak", "no"))</td></tr>"
        }
        return Page.html(
            title: language.text("Daftar penjangkauan", "Outreach list"), language: language,
            body: """
                <h1>\(language.text("Daftar penjangkauan", "Outreach list")) \(period)</h1>
                <p>\(Formatting.count(total, language)) \(language.text("orang di daftar pemerintah daerah yang belum terlindungi", "people on the local governments' lists not yet covered"))\
                \(total > rows.count ? language.text(" (ditampilkan \(rows.count) pertama)", " (the first \(rows.count) shown)") : "") · \
                <a href="\(Escaping.html(Self.download(request, format: "csv")))">CSV</a>\(toggle)</p>
                <table class="list"><thead><tr><th>NIK</th><th>\(language.text("Nama", "Name"))</th>\
                <th>\(language.text("Wilayah", "Region"))</th><th>\(language.text("Kecamatan", "District"))</th>\
                <th>\(language.text("Daftar", "Lists"))</th><th>\(language.text("Kategori", "Categories"))</th>\
                <th>\(language.text("Dibiayai", "Funded"))</th></tr></thead><tbody>
                \(body.joined(separator: "\n"))
                </tbody></table>
                """, session: session)
    }
}
