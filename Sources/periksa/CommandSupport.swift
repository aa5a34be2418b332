import ArgumentParser
import Compliance
import Foundation
import Postgres

/// A subcommand whose failures become a message on stderr and exit code 1, and which a
/// Ctrl-C stops cleanly (the running statement is cancelled on the server, exit 130).
protocol PeriksaCommand: ParsableCommand {
    var global: GlobalOptions { get }
    func execute() throws
}

extension PeriksaCommand {
    func run() throws {
        Interrupts.shared.install()
        do {
            try execute()
        } catch let error as ExitCode {
            throw error
        } catch {
            let language = global.language
            if Interrupts.shared.interrupted {
                printError(
                    language.text(
                        "dibatalkan oleh pengguna (Ctrl-C); tidak ada yang diubah",
                        "cancelled by the user (Ctrl-C); nothing was changed"))
                throw ExitCode(130)
            }
            printError(describe(error, language: language))
            throw ExitCode.failure
        }
    }
}

/// Writes one line to stderr, prefixed with the program's name.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("periksa: \(message)\n".utf8))
}

/// Writes one line to stderr as it is.
func printNote(_ message: String) {
    FileHandle.standardError.write(Data("\(message)\n".utf8))
}

/// The user-facing text of an error: never bound values or passwords.
func describe(_ error: Error, language: Language) -> String {
    switch error {
    case let error as PostgresError where error.serverWentAway:
        language.text(
            "server basis data terputus di tengah perintah (dihentikan atau mati); pekerjaan yang belum selesai dibatalkan oleh server. Jalankan lagi server-nya (klaster lokal: `periksa db start`), lalu ulangi perintah ini. (",
            "the database server went away in the middle of the command (stopped or crashed); its unfinished work is rolled back by the server. Start the server again (the local cluster: `periksa db start`) and rerun this command. ("
        ) + error.description + ")"
    case let error as PostgresError where error.sqlState?.rawValue == "53100":
        language.text(
            "disk server basis data penuh; pekerjaan yang belum selesai dibatalkan oleh server, tidak ada yang tersimpan setengah. Kosongkan ruang di disk server (klaster lokal: sistem berkas PERIKSA_HOME), lalu ulangi perintah ini. (",
            "the database server's disk is full; its unfinished work is rolled back by the server, nothing is half-written. Free space on the server's disk (the local cluster: the filesystem of PERIKSA_HOME) and rerun this command. ("
        ) + error.description + ")"
    case let error as PostgresError where error.kind == .connection:
        language.text("tidak dapat terhubung ke basis data: ", "cannot reach the database: ") + error.description
    case let error as PostgresError:
        language.text("kesalahan basis data: ", "database error: ") + error.description
    case let error as Localized:
        error.message(language)
    case let error as CustomStringConvertible:
        error.description
    default:
        error.localizedDescription
    }
}

/// Ctrl-C handling: the first interrupt cancels the statement running on the server, a
/// second one ends the process at once.
final class Interrupts: @unchecked Sendable {
    static let shared = Interrupts()

    private let lock = NSLock()
    /// One per connection the command opened (the coverage report reads on two at once).
    private var tokens: [CancelToken] = []
    private var count = 0
    private var source: DispatchSourceSignal?

    var interrupted: Bool { lock.withLock { count > 0 } }

    /// Routes SIGINT (and SIGTERM) here instead of killing the process.
    func install() {
        lock.withLock {
            guard source == nil else { return }
            signal(SIGINT, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
            source.setEventHandler { [weak self] in self?.interrupt() }
            source.resume()
            self.source = source
        }
    }

    /// A connection whose statement Ctrl-C cancels (every watched one is cancelled).
    func watch(_ token: CancelToken) {
        lock.withLock { tokens.append(token) }
    }

    private func interrupt() {
        let (tokens, count) = lock.withLock { () -> ([CancelToken], Int) in
            self.count += 1
            return (self.tokens, self.count)
        }
        let cancelled = tokens.map { $0.cancel() }.contains(true)
        guard count == 1, cancelled else {
            // Nothing to cancel, or asked twice: an open transaction dies with the connection.
            FileHandle.standardError.write(Data("\nperiksa: interrupted\n".utf8))
            exit(130)
        }
    }
}
