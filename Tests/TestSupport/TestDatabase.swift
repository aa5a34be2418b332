import Foundation
import Postgres

/// A throwaway database on the test server, dropped when the test ends.
///
/// The server comes from `DATABASE_URL` or libpq's `PG*` variables; `make test` starts one
/// with `pg_virtualenv`. Without either, tests fail (they never skip) and say how to run them.
public enum TestDatabase {
    /// Why the tests cannot run, when no server is configured.
    public struct NoServer: Error, CustomStringConvertible {
        public var description: String {
            "No PostgreSQL server for the tests. Run `make test`, which starts a throwaway server with "
                + "pg_virtualenv, or set DATABASE_URL (or PGHOST, PGPORT, PGUSER, …) to a server where this user "
                + "may create databases."
        }
    }

    /// The connection string of the server itself (its maintenance database).
    public static func serverConninfo() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["DATABASE_URL"], !url.isEmpty { return url }
        guard environment["PGHOST"] != nil || environment["PGPORT"] != nil || environment["PGSERVICE"] != nil else {
            throw NoServer()
        }
        return ""
    }

    /// Runs `body` with the connection string of a new, empty database, then drops it.
    public static func with<T>(_ body: (String) throws -> T) throws -> T {
        let server = try serverConninfo()
        let admin = try Connection(conninfo: server)
        let name = "periksa_test_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        try admin.execute(unsafeSQL: "create database \(name)")
        defer { _ = try? admin.execute(unsafeSQL: "drop database if exists \(name) with (force)") }
        return try body(conninfo(server: server, database: name))
    }

    /// Runs the async `body` with the connection string of a new, empty database, then drops it.
    public static func withDatabase<T>(_ body: (String) async throws -> T) async throws -> T {
        let server = try serverConninfo()
        let admin = try Connection(conninfo: server)
        let name = "periksa_test_\(getpid())_\(UInt32.random(in: 0...UInt32.max))"
        try admin.execute(unsafeSQL: "create database \(name)")
        do {
            let value = try await body(conninfo(server: server, database: name))
            _ = try? admin.execute(unsafeSQL: "drop database if exists \(name) with (force)")
            return value
        } catch {
            _ = try? admin.execute(unsafeSQL: "drop database if exists \(name) with (force)")
            throw error
        }
    }

    /// `conninfo` logging in as `user` with `password`.
    public static func login(_ conninfo: String, user: String, password: String) -> String {
        if conninfo.hasPrefix("postgres://") || conninfo.hasPrefix("postgresql://"),
            var components = URLComponents(string: conninfo)
        {
            components.user = user
            components.password = password
            return components.string ?? conninfo
        }
        return conninfo + " user=\(user) password=\(password)"
    }

    /// Runs `body` with a connection to a new, empty database, then drops it.
    public static func withConnection<T>(_ body: (Connection) throws -> T) throws -> T {
        try with { conninfo in try body(Connection(conninfo: conninfo)) }
    }

    /// The server's connection string with another database name.
    public static func conninfo(server: String, database: String) -> String {
        if server.hasPrefix("postgres://") || server.hasPrefix("postgresql://") {
            // Replace the path of the URL, keep the query.
            guard var components = URLComponents(string: server) else { return server }
            components.path = "/" + database
            return components.string ?? server
        }
        return server + " dbname=\(database)"
    }

    /// The resident memory of this process, in bytes (Linux: /proc/self/statm).
    public static func residentMemory() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
