import Compliance
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import PeriksaWeb
import Postgres
import TestSupport
import Testing

/// The web app in a real browser: Debian's Chromium driven by Playwright (scripts/browser-walk)
/// against the server listening on a port. An inspector logs in, opens the audit list and a
/// dossier, opens a case, records an inspection and warning I, downloads the letter and logs
/// out. The screenshots of every step are kept in `.build/screenshots/web` (or
/// `PERIKSA_SCREENSHOTS`) for anyone to look at.
@Suite("The web app in Chromium: an inspector's day", .serialized)
struct BrowserTests {
    static var root: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    static var screenshots: URL {
        ProcessInfo.processInfo.environment["PERIKSA_SCREENSHOTS"].map { URL(fileURLWithPath: $0) }
            ?? root.appendingPathComponent(".build/screenshots/web")
    }

    /// Runs a script of scripts/ without holding a thread of the test's pool: its exit status
    /// and what it wrote on standard error.
    static func run(_ name: String, _ arguments: [String]) async throws -> (status: Int32, stderr: String) {
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("periksa-\(UUID().uuidString).err")
        guard FileManager.default.createFile(atPath: errors.path, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: errors.path])
        }
        defer { try? FileManager.default.removeItem(at: errors) }
        let handle = try FileHandle(forWritingTo: errors)
        let process = Process()
        process.executableURL = root.appendingPathComponent("scripts/\(name)")
        process.arguments = arguments
        process.standardError = handle
        process.standardOutput = FileHandle.nullDevice
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        try handle.close()
        return (status, (try? String(contentsOf: errors, encoding: .utf8)) ?? "")
    }

    @Test("log in, audit list, dossier, a case with an inspection and warning I, its letter, log out")
    func inspectorsDay() async throws {
        try await WorkRoutesTests.withAudit { configuration, owner in
            var listening = configuration
            listening.port = 0
            let app = WebApp.application(listening, logger: Logger(label: "periksa.web.test"))
            try await app.test(.live) { client in
                let port = try #require(client.port)
                let folder = Self.screenshots
                try? FileManager.default.removeItem(at: folder)
                let (status, message) = try await Self.run(
                    "browser-walk", ["http://127.0.0.1:\(port)", "siti", "teh manis 2026", "2025-06", folder.path])
                #expect(status == 0, "\(message)")
                for picture in [
                    "login", "dashboard", "audit-list", "dossier", "case", "case-sp1", "letter-sp1", "logged-out",
                    "phone-dashboard", "phone-case",
                ] {
                    let size =
                        (try? FileManager.default.attributesOfItem(
                            atPath: folder.appendingPathComponent("\(picture).png").path)[.size] as? Int) ?? 0
                    #expect(size > 5_000, "\(picture).png: \(size) bytes")
                }
            }
            // What the browser did is in the database: the case, its two events, the log.
            let state = try owner.queryFirst("select state from periksa.cases where npp = 'UMKCITY5'")?.decode(
                String.self, at: 0)
            #expect(state == "sp1")
            let actions = try AccessLog(connection: owner).entries(since: nil, actor: "siti").map(\.action)
            #expect(
                actions == [
                    "session.login", "audit_list.view", "dossier.view", "case.open", "case.event", "case.event",
                    "case.letter", "case.letter", "session.logout",
                ])
        }
    }
}
