import ArgumentParser
import Compliance
import Logging
import Postgres

/// Options every command that touches the database shares.
struct GlobalOptions: ParsableArguments {
    @Option(name: .customLong("database-url"), help: "PostgreSQL connection URL (overrides DATABASE_URL and PG*).")
    var databaseURL: String?

    @Option(name: .customLong("lang"), help: "Message language: id (default) or en.")
    var languageCode: String?

    @Flag(name: .shortAndLong, help: "Print debug messages (server notices, timings) to stderr.")
    var verbose = false

    mutating func validate() throws {
        if let languageCode, Language.resolve(languageCode) == nil {
            throw ValidationError("--lang takes id or en, not \(languageCode)")
        }
    }

    var language: Language { Language.resolve(languageCode) ?? .indonesian }

    /// The language of output fixed by the data contract (the findings' `reason`): Bahasa
    /// Indonesia unless `--lang` asks otherwise. Unlike messages it does not follow `LANG`, so
    /// a script reading the contract's CSV on a server with an English locale gets what the
    /// contract says.
    var contractLanguage: Language { languageCode.flatMap { Language.resolve($0) } ?? .indonesian }

    var target: DatabaseTarget { DatabaseTarget.resolve(databaseURL: databaseURL) }

    var logger: Logger {
        var logger = Logger(label: "periksa")
        logger.logLevel = verbose ? .debug : .warning
        return logger
    }

    /// Opens the connection and lets Ctrl-C cancel what runs on it.
    func connect() throws -> Connection {
        let connection = try target.connect(logger: logger)
        Interrupts.shared.watch(connection.cancelToken())
        return connection
    }
}
