import Crypto
import Foundation
import Postgres
import SQLFiles

/// One numbered file of `SQL/migrations` (`0001_schema_foundation.sql`).
public struct Migration: Sendable, Equatable {
    public let version: Int
    public let name: String
    public let sql: String
    /// SHA-256 of the file's bytes, lower-case hex.
    public let checksum: String

    public init(name: String, sql: String) throws {
        guard let prefix = name.split(separator: "_").first, prefix.count == 4, let version = Int(prefix),
            name.hasSuffix(".sql")
        else {
            throw MigrationError("the migration file \(name) is not named NNNN_what.sql")
        }
        self.version = version
        self.name = name
        self.sql = sql
        checksum = Checksum.sha256(sql)
    }
}

/// A migration that cannot be applied, in words for the user.
public struct MigrationError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Applies the numbered migrations in order, each in its own transaction, and records each
/// with its checksum in `periksa.schema_migrations`. Refuses to run when a file that was
/// applied has changed since, or when the database knows a migration this program does not.
public struct Migrator: Sendable {
    public let migrations: [Migration]

    public init(migrations: [Migration]) throws {
        let sorted = migrations.sorted { $0.version < $1.version }
        for (first, second) in zip(sorted, sorted.dropFirst()) where first.version == second.version {
            throw MigrationError("two migrations have the number \(first.version): \(first.name) and \(second.name)")
        }
        self.migrations = sorted
    }

    /// The migrations shipped in `SQL/migrations`.
    public static func bundled() throws -> Migrator {
        try Migrator(migrations: SQLFiles.files(in: "migrations").map { try Migration(name: $0.name, sql: $0.text) })
    }

    /// A migration as the database has recorded it.
    public struct Applied: Sendable {
        public let version: Int
        public let name: String
        public let checksum: String
        public let appliedAt: Date
    }

    /// The state of each migration, for `db status`.
    public enum State: Sendable, Equatable {
        case applied(Date)
        case pending
        /// Applied, but the file has changed since.
        case changed(Date)
        /// Recorded in the database, unknown to this program (a newer Periksa applied it).
        case unknown(Date)
    }

    /// What the database has recorded; empty when the schema does not exist yet.
    public func applied(on connection: Connection) throws -> [Applied] {
        let table = try connection.queryFirst("select to_regclass('periksa.schema_migrations') is not null")
        guard try table?.decode(Bool.self, at: 0) == true else { return [] }
        return try connection.query(
            "select version, name, checksum, applied_at from periksa.schema_migrations order by version"
        ).map { row in
            let (version, name, checksum, appliedAt) = try row.decode((Int, String, String, Date).self)
            return Applied(version: version, name: name, checksum: checksum, appliedAt: appliedAt)
        }
    }

    /// Each migration known to the program or the database, with its state, by number.
    public func status(on connection: Connection) throws -> [(version: Int, name: String, state: State)] {
        let recorded = Dictionary(uniqueKeysWithValues: try applied(on: connection).map { ($0.version, $0) })
        var rows: [(version: Int, name: String, state: State)] = migrations.map { migration in
            guard let done = recorded[migration.version] else { return (migration.version, migration.name, .pending) }
            let state: State = done.checksum == migration.checksum ? .applied(done.appliedAt) : .changed(done.appliedAt)
            return (migration.version, migration.name, state)
        }
        let known = Set(migrations.map(\.version))
        rows += recorded.values.filter { !known.contains($0.version) }.map {
            ($0.version, $0.name, .unknown($0.appliedAt))
        }
        return rows.sorted { $0.version < $1.version }
    }

    /// Applies every pending migration and returns those applied (none when up to date).
    /// Concurrent runs wait for each other on an advisory lock.
    @discardableResult
    public func migrate(on connection: Connection) throws -> [Migration] {
        try connection.execute("select pg_advisory_lock(hashtext('periksa.migrate'))")
        defer { _ = try? connection.execute("select pg_advisory_unlock(hashtext('periksa.migrate'))") }
        try verify(on: connection)
        let done = Set(try applied(on: connection).map(\.version))
        let pending = migrations.filter { !done.contains($0.version) }
        for migration in pending {
            do {
                try connection.transaction { connection in
                    try connection.execute(unsafeSQL: migration.sql)
                    try connection.execute(
                        """
                        insert into periksa.schema_migrations (version, name, checksum)
                        values (\(migration.version), \(migration.name), \(migration.checksum))
                        """)
                }
            } catch let error as PostgresError {
                throw MigrationError("migration \(migration.name) failed and was rolled back: \(error)")
            }
        }
        // The analytics views follow SQL/views (installed again when a file changed).
        if migrations.contains(where: { $0.name.hasPrefix("0006") }) {
            do {
                try Analytics.install(on: connection)
            } catch let error as PostgresError {
                throw MigrationError("installing the analytics views (SQL/views) failed and was rolled back: \(error)")
            }
        }
        return pending
    }

    /// Deletes all of Periksa's data (schemas periksa and analytics) and migrates anew; returns
    /// the migrations applied. For test and demo databases (`periksa db reset --yes`).
    public func reset(on connection: Connection) throws -> [Migration] {
        try connection.transaction { connection in
            try connection.execute(unsafeSQL: "drop schema if exists analytics cascade")
            try connection.execute(unsafeSQL: "drop schema if exists periksa cascade")
        }
        return try migrate(on: connection)
    }

    /// Throws when an applied migration's file has changed or the database is ahead.
    public func verify(on connection: Connection) throws {
        for entry in try status(on: connection) {
            switch entry.state {
            case .changed(let date):
                throw MigrationError(
                    "migration \(entry.name) was applied on \(date) but its file has changed since: an applied "
                        + "migration is never edited. Restore the file and put the change in a new migration.")
            case .unknown:
                throw MigrationError(
                    "the database has migration \(entry.name), which this version of Periksa does not know: it was "
                        + "migrated by a newer version. Use that version, or a database of this one.")
            case .applied, .pending:
                continue
            }
        }
    }
}
