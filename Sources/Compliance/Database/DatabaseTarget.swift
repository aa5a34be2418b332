import Foundation
import Logging
import Postgres

/// Which PostgreSQL server a command talks to, resolved as the data contract orders it:
/// `--database-url`, then `DATABASE_URL`, then libpq's `PG*` variables, then the embedded
/// local cluster.
public enum DatabaseTarget: Sendable, CustomStringConvertible {
    /// A connection string given by `--database-url` or `DATABASE_URL`.
    case url(String, origin: String)
    /// libpq's own environment variables (`PGHOST`, `PGSERVICE`, …).
    case libpqEnvironment
    /// The embedded cluster that Periksa manages.
    case embedded(LocalCluster)

    /// The variables whose presence means "use libpq's environment".
    static let libpqVariables = [
        "PGHOST", "PGHOSTADDR", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSSLMODE", "PGSERVICE",
        "PGSERVICEFILE", "PGPASSFILE", "PGOPTIONS",
    ]

    /// Resolves the target from the command line and the environment.
    public static func resolve(
        databaseURL: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> DatabaseTarget {
        if let databaseURL, !databaseURL.isEmpty { return .url(databaseURL, origin: "--database-url") }
        if let url = environment["DATABASE_URL"], !url.isEmpty { return .url(url, origin: "DATABASE_URL") }
        if libpqVariables.contains(where: { !(environment[$0] ?? "").isEmpty }) { return .libpqEnvironment }
        return .embedded(LocalCluster(home: LocalCluster.defaultHome(environment: environment)))
    }

    /// Where the settings came from, with no password.
    public var description: String { describe(in: .english) }

    /// Where the settings came from, with no password, in `language`.
    public func describe(in language: Language) -> String {
        switch self {
        case .url(let url, let origin): "\(origin) (\(ConnectionString.redacted(url)))"
        case .libpqEnvironment: language.text("variabel lingkungan libpq (PG*)", "libpq environment variables (PG*)")
        case .embedded(let cluster):
            language.text("klaster PostgreSQL lokal di ", "the local PostgreSQL cluster in ") + cluster.home.path
        }
    }

    /// The libpq connection string (`""`: libpq's environment); for the embedded cluster,
    /// after starting it if needed. Holds the password of a URL that has one: never log it.
    public func conninfo() throws -> String {
        switch self {
        case .url(let url, _): return url
        case .libpqEnvironment: return ""
        case .embedded(let cluster):
            try cluster.ensureRunning()
            return cluster.conninfo
        }
    }

    /// Opens a connection; for the embedded cluster, creates and starts it first if needed.
    public func connect(logger: Logger = Logger(label: "periksa.postgres")) throws -> Connection {
        switch self {
        case .url(let url, _):
            return try Connection(conninfo: url, logger: logger)
        case .libpqEnvironment:
            return try Connection(conninfo: "", logger: logger)
        case .embedded(let cluster):
            if cluster.exists, let connection = try? Connection(conninfo: cluster.conninfo, logger: logger) {
                return connection
            }
            try cluster.ensureRunning()
            return try Connection(conninfo: cluster.conninfo, logger: logger)
        }
    }
}
