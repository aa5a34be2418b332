import Foundation
import NIOPosix
import Postgres

/// libpq connections for the web app, used off the event loop: each piece of database work
/// runs on NIO's thread pool with a connection of its own, taken from the idle ones or opened.
/// A connection whose server went away is dropped, and the next request opens a new one, so
/// the server recovers when the database is back.
final class ConnectionPool: @unchecked Sendable {
    private let conninfo: String
    private let limit: Int
    private let lock = NSLock()
    private var idle: [Connection] = []

    init(conninfo: String, limit: Int = 8) {
        (self.conninfo, self.limit) = (conninfo, limit)
    }

    /// Runs `body` with a connection on the thread pool.
    func with<T: Sendable>(_ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive { [self] in
            let connection = try take()
            do {
                let value = try body(connection)
                give(back: connection)
                return value
            } catch let error as PostgresError where error.kind == .connection {
                throw error
            } catch {
                // A statement failed; the connection itself is fine once its transaction ended.
                if connection.transactionStatus == .idle { give(back: connection) }
                throw error
            }
        }
    }

    /// Runs `body` on the thread pool without a connection (bcrypt's work).
    func hashOffLoop<T: Sendable>(_ body: @escaping @Sendable () -> T) async throws -> T {
        try await NIOThreadPool.singleton.runIfActive(body)
    }

    /// Runs `body` in a transaction that acts for the web user `name`: the database's policies
    /// and views then scope every row to that user (SQL/migrations/0012_web_users.sql).
    func acting<T: Sendable>(for name: String, _ body: @escaping @Sendable (Connection) throws -> T) async throws -> T {
        try await with { connection in
            try connection.transaction { connection in
                _ = try connection.query("select set_config('periksa.web_user', \(name), true)")
                return try body(connection)
            }
        }
    }

    /// An idle connection, or a new one. JIT compilation is off for the web app's statements:
    /// they are small, and PostgreSQL's default threshold compiled the audit list's (3 s of
    /// compiling for 0.2 s of work at Jakarta scale).
    private func take() throws -> Connection {
        if let connection = lock.withLock({ idle.popLast() }) { return connection }
        let connection = try Connection(conninfo: conninfo)
        try connection.execute("set jit = off")
        return connection
    }

    private func give(back connection: Connection) {
        lock.withLock {
            if idle.count < limit { idle.append(connection) }
        }
    }
}
