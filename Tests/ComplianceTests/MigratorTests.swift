import Compliance
import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Schema migrations")
struct MigratorTests {
    @Test("the shipped migrations apply once; a second run changes nothing")
    func idempotent() throws {
        try TestDatabase.withConnection { connection in
            let migrator = try Migrator.bundled()
            #expect(!migrator.migrations.isEmpty)
            let first = try migrator.migrate(on: connection)
            #expect(first.map(\.name) == migrator.migrations.map(\.name))
            let second = try migrator.migrate(on: connection)
            #expect(second.isEmpty)
            let recorded = try migrator.applied(on: connection)
            #expect(recorded.map(\.checksum) == migrator.migrations.map(\.checksum))
            #expect(
                try migrator.status(on: connection).allSatisfy { if case .applied = $0.state { true } else { false } })
        }
    }

    @Test("an applied migration whose file changed is refused, and nothing else is applied")
    func changedMigration() throws {
        try TestDatabase.withConnection { connection in
            let original = try Migrator(migrations: Self.base)
            try original.migrate(on: connection)
            let edited = try Migrator(migrations: [
                try Migration(name: "0001_schema_foundation.sql", sql: Self.base[0].sql + "\n-- edited\n"),
                try Migration(name: "0002_more.sql", sql: "create table periksa.more (id integer)"),
            ])
            let error = #expect(throws: MigrationError.self) { try edited.migrate(on: connection) }
            #expect(error?.description.contains("0001_schema_foundation.sql") == true)
            #expect(error?.description.contains("changed") == true)
            #expect(
                try edited.status(on: connection).first?.state
                    == .changed(try original.applied(on: connection)[0].appliedAt))
            let more = try connection.queryFirst("select to_regclass('periksa.more') is null")
            #expect(try more?.decode(Bool.self, at: 0) == true)
        }
    }

    @Test("a database migrated by a newer version is refused")
    func unknownMigration() throws {
        try TestDatabase.withConnection { connection in
            let newer = try Migrator(migrations: Self.base + [try Migration(name: "0002_more.sql", sql: "select 1")])
            try newer.migrate(on: connection)
            let older = try Migrator(migrations: Self.base)
            let error = #expect(throws: MigrationError.self) { try older.migrate(on: connection) }
            #expect(error?.description.contains("0002_more.sql") == true)
        }
    }

    @Test("a failing migration is rolled back whole and not recorded")
    func failingMigration() throws {
        try TestDatabase.withConnection { connection in
            let migrator = try Migrator(
                migrations: Self.base + [
                    try Migration(
                        name: "0002_broken.sql", sql: "create table periksa.half (id integer); select * from nowhere;")
                ])
            let error = #expect(throws: MigrationError.self) { try migrator.migrate(on: connection) }
            #expect(error?.description.contains("0002_broken.sql") == true)
            let applied = try migrator.applied(on: connection).map(\.name)
            #expect(applied == ["0001_schema_foundation.sql"])
            let half = try connection.queryFirst("select to_regclass('periksa.half') is null")
            #expect(try half?.decode(Bool.self, at: 0) == true)
        }
    }

    @Test("file names must carry a four-digit number, used once")
    func names() throws {
        #expect(throws: MigrationError.self) { try Migration(name: "schema.sql", sql: "") }
        #expect(throws: MigrationError.self) {
            try Migrator(migrations: [
                try Migration(name: "0001_a.sql", sql: ""), try Migration(name: "0001_b.sql", sql: ""),
            ])
        }
    }

    static var base: [Migration] {
        get throws { try Array(Migrator.bundled().migrations.prefix(1)) }
    }
}
