import Compliance
import Foundation
import Reports
import Testing

@Suite("HTML reports in a browser")
struct RenderingTests {
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    @Test("the audit list loads in headless Chromium with no console message, self-contained, and gives a picture")
    func auditList() throws {
        let html = try AuditListReport.render(
            entries: try AuditListReportTests.entries(), header: AuditListReportTests.header, format: .html,
            language: .indonesian)
        // Self-contained: no script, nothing fetched from elsewhere.
        #expect(!html.contains("<script"))
        #expect(html.range(of: #"(src|href)\s*=\s*"?(https?:)?//"#, options: .regularExpression) == nil)
        #expect(!html.contains("url(http"))
        #expect(html.contains("@media print"))

        let size = try Self.render(html, name: "audit-list")
        #expect(size > 10_000, "the screenshot is \(size) bytes")
    }

    /// Words of Bahasa Indonesia that no English page may show (employer names aside, which
    /// stay as registered): what a page in English would hold if a phrase were left untranslated.
    static let indonesianWords = [
        "tenaga kerja", "pekerja", "iuran", "periode", "denda", "tertunggak", "pemeriksaan", "laporan", "desember",
        "belum terdaftar", "mencatat", "upah", "skala", "wajib", "bulan", "kantor cabang", "dasar",
        "tidak", "menurut", "dilaporkan", "hari kerja", "peringatan", "pajak", "pemda", "kerugian", "berkas", "temuan",
        "kepatuhan", "cakupan", "dibuat", "langkah", "selisih",
    ]

    /// The Indonesian words `text` shows (to be none on an English page).
    static func indonesian(in text: String) -> [String] {
        // The category codes (PDS_UPAH, TUNGGAKAN) are the data contract's, in every language.
        var lowered = text.lowercased()
        for category in Category.allCases {
            lowered = lowered.replacingOccurrences(of: category.code.lowercased(), with: "")
        }
        return indonesianWords.filter { lowered.contains($0) }
    }

    /// The text a reader sees on each page, opened in Chromium (scripts/page-text); a page that
    /// does not load or writes to the console fails the test.
    static func visibleText(_ pages: [(name: String, html: String)]) throws -> [String: String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "periksa-text-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var arguments: [String] = []
        for page in pages {
            let file = folder.appendingPathComponent("\(page.name).html")
            try page.html.write(to: file, atomically: true, encoding: .utf8)
            arguments += [file.path, folder.appendingPathComponent("\(page.name).txt").path]
        }
        let (status, message) = try Self.script("page-text", arguments)
        #expect(status == 0, "\(message)")
        var texts: [String: String] = [:]
        for page in pages {
            texts[page.name] = try String(
                contentsOf: folder.appendingPathComponent("\(page.name).txt"), encoding: .utf8)
        }
        return texts
    }

    @Test("the audit list in Chromium, in both languages: the hostile name as text, the amounts, no Bahasa in English")
    func auditListText() throws {
        let entries = try AuditListReportTests.entries()
        let pages = try Language.allCases.map { language in
            (
                name: "audit-list-\(language.rawValue)",
                html: try AuditListReport.render(
                    entries: entries, header: AuditListReportTests.header, format: .html, language: language)
            )
        }
        let texts = try Self.visibleText(pages)
        let indonesian = try #require(texts["audit-list-id"])
        let english = try #require(texts["audit-list-en"])
        for text in [indonesian, english] {
            #expect(text.contains("<script>alert(1)</script> & \"PT | Maju\""))
            #expect(text.contains("CV Sinar_Jaya *Abadi*"))
            #expect(text.contains("JKT-SETIABUDI"))
        }
        #expect(indonesian.contains("Daftar Prioritas Pemeriksaan"))
        #expect(indonesian.contains("Rp 4.342.800"))
        #expect(indonesian.contains("WLKP mencatat 10 tenaga kerja"))
        #expect(english.contains("Inspection Priority List"))
        #expect(english.contains("Rp 4,342,800"))
        #expect(english.contains("WLKP records 10 workers"))
        #expect(Self.indonesian(in: english) == [], "English page shows Bahasa: \(Self.indonesian(in: english))")
    }

    /// Runs one of the scripts/ programs; its exit status and what it wrote to stderr.
    static func script(_ name: String, _ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = Self.root.appendingPathComponent("scripts/\(name)")
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, message)
    }

    /// Renders `html` with scripts/render-html; expects it to load without a console message and
    /// returns the size of the PNG. `PERIKSA_KEEP_PNG=DIR` keeps the pictures in DIR.
    static func render(_ html: String, name: String) throws -> Int {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "periksa-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("\(name).html")
        let picture = folder.appendingPathComponent("\(name).png")
        try html.write(to: page, atomically: true, encoding: .utf8)

        let (status, message) = try Self.script("render-html", [page.path, picture.path])
        #expect(status == 0, "\(name): \(message)")
        if let keep = ProcessInfo.processInfo.environment["PERIKSA_KEEP_PNG"] {
            try? FileManager.default.copyItem(
                at: picture, to: URL(fileURLWithPath: keep).appendingPathComponent("\(name).png"))
        }
        return (try? FileManager.default.attributesOfItem(atPath: picture.path)[.size] as? Int) ?? 0
    }

    @Test("both browser scripts fail on a page that writes to the console")
    func consoleError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "periksa-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("broken.html")
        try "<html><body><script>undefinedFunction()</script></body></html>".write(
            to: page, atomically: true, encoding: .utf8)
        let picture = try Self.script("render-html", [page.path, folder.appendingPathComponent("broken.png").path])
        #expect(picture.status == 1)
        let text = try Self.script("page-text", [page.path, folder.appendingPathComponent("broken.txt").path])
        #expect(text.status == 1)
        #expect(text.stderr.contains("undefinedFunction"))
    }
}
