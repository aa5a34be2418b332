import ArgumentParser
import Compliance
import Foundation
import Logging
import PeriksaWeb
import Postgres

/// `periksa serve [--listen 127.0.0.1] [--port 8080]`: the web app (docs/web.md).
struct ServeCommand: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web app. Connects as a login of role periksa_web (periksa db grant web LOGIN).")

    @Option(help: "The address to listen on.") var listen = "127.0.0.1"
    @Option(help: "The port.") var port = 8080
    @Flag(
        name: .customLong("secure-cookies"),
        help: "Mark cookies Secure: for a proxy in front that serves HTTPS (docs/web.md).")
    var secureCookies = false
    @Option(help: "The configuration file (fine rate, the branches' letterheads for the letters).") var config: String?
    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port takes 1–65535, not \(port)") }
    }

    func execute() throws {
        let conninfo = try global.target.conninfo()
        // The scope of each request is decided by the database only for a periksa_web login:
        // any other login would see what its own grants allow, for every user.
        let connection = try Connection(conninfo: conninfo)
        let isWeb = try connection.queryFirst("select analytics.web_session()")?.decode(Bool.self, at: 0) ?? false
        guard isWeb else {
            throw ValidationError(
                global.language.text(
                    "periksa serve butuh login dengan peran periksa_web: periksa db grant web NAMA, beri kata sandi, lalu --database-url dengan login itu",
                    "periksa serve needs a login of role periksa_web: periksa db grant web NAME, give it a password, then --database-url with that login"
                ))
        }
        let settings = try Configuration.load(path: config)
        var logger = Logger(label: "periksa.web")
        logger.logLevel = global.verbose ? .debug : .info
        var web = WebConfiguration(conninfo: conninfo, host: listen, port: port, secureCookies: secureCookies)
        web.settings = settings
        let app = WebApp.application(web, logger: logger)
        printNote(global.language.text("melayani di http://\(listen):\(port)/", "serving on http://\(listen):\(port)/"))
        let done = DispatchSemaphore(value: 0)
        let failure = ServeFailure()
        Task {
            do { try await app.runService() } catch { failure.set(error) }
            done.signal()
        }
        done.wait()
        if let error = failure.get() { throw error }
    }
}

/// The server's error, handed from its task to the waiting command.
private final class ServeFailure: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?
    func set(_ error: any Error) { lock.withLock { self.error = error } }
    func get() -> (any Error)? { lock.withLock { error } }
}
