import Compliance
import Foundation
import Hummingbird
import Reports

/// The web app's pages: one layout, every value escaped, no script, no external resource;
/// Bahasa Indonesia unless `?lang=en`.
enum Page {
    /// `?lang=en` switches to English; anything else is Bahasa Indonesia.
    static func language(_ request: Request) -> Language {
        request.uri.queryParameters["lang"].map(String.init) == "en" ? .english : .indonesian
    }

    static let style = """
        body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1b1b1b;background:#f6f7f9}
        header{background:#0b5394;color:#fff;padding:.75rem 1rem}header a{color:#fff}
        main{max-width:60rem;margin:1rem auto;padding:0 1rem}td{overflow-wrap:anywhere}
        form.card,section.card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:1rem;margin:1rem 0}
        label{display:block;margin:.5rem 0 .25rem}
        input,select,textarea{font:inherit;padding:.4rem;width:100%;box-sizing:border-box}
        nav.periksa{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center;margin-top:.25rem}
        nav.periksa form{display:inline;margin:0}nav.periksa button{margin:0;padding:.1rem .6rem}
        table.list{border-collapse:collapse;background:#fff;display:block;max-width:100%;overflow-x:auto}
        table.list th,table.list td{border-bottom:1px solid #d0d7de;padding:.35rem .5rem;text-align:left;vertical-align:top}
        td.amount,th.amount{text-align:right}.muted{color:#57606a}.flag{color:#a40e26;font-weight:600}
        button{font:inherit;padding:.45rem 1rem;margin-top:.75rem}.error{color:#a40e26;font-weight:600}
        """

    /// A whole page; with a session, its header links to every page and logs out.
    static func html(
        title: String, language: Language, body: String, status: HTTPResponse.Status = .ok,
        session: WebSession? = nil
    ) -> Response {
        let lang = language == .english ? "en" : "id"
        let page = """
            <!doctype html>
            <html lang="\(lang)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Escaping.html(title)) · Periksa</title><style>\(style)</style></head>
            <body><header><strong>Periksa</strong>\(session.map { navigation($0, language) } ?? "")</header><main>
            \(body)
            </main></body></html>
            """
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: page)))
    }

    /// A page that says what went wrong, with its status.
    static func error(status: HTTPResponse.Status, message: String, language: Language) -> Response {
        html(
            title: language.text("Tidak dapat dilanjutkan", "Cannot continue"), language: language,
            body: "<h1>\(status.code)</h1><p class=\"error\">\(Escaping.html(message))</p>", status: status)
    }

    /// A report as a page (`html`: the report's own document, with the web app's links above it
    /// when `toolbar` is given) or as its download (`md`, `csv`: a file).
    static func document(_ text: String, format: String, name: String, toolbar: String? = nil) -> Response {
        var headers: HTTPFields = [:]
        var body = text
        switch format {
        case "md":
            headers[.contentType] = "text/markdown; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"\(name).md\""
        case "csv":
            headers[.contentType] = "text/csv; charset=utf-8"
            headers[.contentDisposition] = "attachment; filename=\"\(name).csv\""
        default:
            headers[.contentType] = "text/html; charset=utf-8"
            if let toolbar, let range = body.range(of: "<body>") {
                body.replaceSubrange(
                    range,
                    with: "<body><div class=\"periksa-toolbar\"><style>\(toolbarStyle)</style>\(toolbar)</div>")
            }
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static let toolbarStyle = """
        .periksa-toolbar{font:15px/1.5 system-ui,sans-serif;background:#0b5394;color:#fff;padding:.5rem 1rem}
        .periksa-toolbar a{color:#fff}.periksa-toolbar nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}
        .periksa-toolbar form{display:inline;margin:0}.periksa-toolbar button{font:inherit;padding:.1rem .6rem}
        .periksa-toolbar .actions{margin-top:.35rem}
        @media print{.periksa-toolbar{display:none}}
        """

    /// The links of a logged-in page: every page the user may open, the other language, logout.
    static func navigation(_ session: WebSession, _ language: Language) -> String {
        let en = language == .english
        func link(_ path: String, _ indonesian: String, _ english: String) -> String {
            let href = en ? path + (path.contains("?") ? "&" : "?") + "lang=en" : path
            return "<a href=\"\(Escaping.html(href))\">\(language.text(indonesian, english))</a>"
        }
        var links = [link("/", "Beranda", "Home")]
        if session.user.role != .analyst {
            links += [
                link("/cases", "Kasus", "Cases"), link("/reports/cases", "Laporan kasus", "Case report"),
                link("/reports/compliance", "Laporan kepatuhan", "Compliance report"),
            ]
        }
        links += [link("/coverage", "Cakupan", "Coverage"), link("/outreach", "Penjangkauan", "Outreach")]
        return """
            <nav class="periksa">\(links.joined())\
            <span class="muted" style="color:#dbe7f5">\(Escaping.html(session.user.name))</span>\
            <form method="post" action="/logout">\(csrfField(session.csrfToken))\
            <button type="submit">\(language.text("Keluar", "Log out"))</button></form></nav>
            """
    }

    /// 503: the database does not answer (the next request tries again).
    static func databaseDown(_ language: Language) -> Response {
        error(
            status: .serviceUnavailable,
            message: language.text(
                "Basis data tidak dapat dihubungi. Coba lagi sebentar lagi.",
                "The database cannot be reached. Try again in a moment."), language: language)
    }

    /// 500: something went wrong on the server; the page says no more (the log has the kind).
    static func failure(_ language: Language) -> Response {
        error(
            status: .internalServerError,
            message: language.text(
                "Terjadi kesalahan; sudah dicatat. Coba lagi.", "Something went wrong; it was logged. Try again."),
            language: language)
    }

    /// The hidden CSRF field of a form.
    static func csrfField(_ token: String) -> String {
        "<input type=\"hidden\" name=\"csrf_token\" value=\"\(Escaping.html(token))\">"
    }
}
