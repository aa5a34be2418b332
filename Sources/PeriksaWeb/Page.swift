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
        main{max-width:48rem;margin:1rem auto;padding:0 1rem}
        form.card,section.card{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:1rem;margin:1rem 0}
        label{display:block;margin:.5rem 0 .25rem}input{font:inherit;padding:.4rem;width:100%;box-sizing:border-box}
        button{font:inherit;padding:.45rem 1rem;margin-top:.75rem}.error{color:#a40e26;font-weight:600}
        """

    /// A whole page.
    static func html(title: String, language: Language, body: String, status: HTTPResponse.Status = .ok) -> Response {
        let lang = language == .english ? "en" : "id"
        let page = """
            <!doctype html>
            <html lang="\(lang)"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Escaping.html(title)) · Periksa</title><style>\(style)</style></head>
            <body><header><strong>Periksa</strong></header><main>
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

    /// A report as a page (`html`) or as its download (`md`: a Markdown file).
    static func document(_ text: String, format: String, name: String) -> Response {
        var headers: HTTPFields = [
            .contentType: format == "md" ? "text/markdown; charset=utf-8" : "text/html; charset=utf-8"
        ]
        if format == "md" { headers[.contentDisposition] = "attachment; filename=\"\(name).md\"" }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
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
