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

        let process = Process()
        process.executableURL = Self.root.appendingPathComponent("scripts/render-html")
        process.arguments = [page.path, picture.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(name): \(message)")
        if let keep = ProcessInfo.processInfo.environment["PERIKSA_KEEP_PNG"] {
            try? FileManager.default.copyItem(
                at: picture, to: URL(fileURLWithPath: keep).appendingPathComponent("\(name).png"))
        }
        return (try? FileManager.default.attributesOfItem(atPath: picture.path)[.size] as? Int) ?? 0
    }

    @Test("the script fails on a page that writes to the console")
    func consoleError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "periksa-render-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("broken.html")
        try "<html><body><script>undefinedFunction()</script></body></html>".write(
            to: page, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = Self.root.appendingPathComponent("scripts/render-html")
        process.arguments = [page.path, folder.appendingPathComponent("broken.png").path]
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 1)
    }
}
