import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Two statements at once, on two connections")
struct ConcurrentlyTests {
    @Test("Both run at the same time, each on its own backend, and both results come back")
    func bothAtOnce() throws {
        try TestDatabase.with { conninfo in
            let connection = try Connection(conninfo: conninfo)
            let mine = try connection.queryFirst("select pg_backend_pid()")!.decode(Int.self, at: 0)
            let started = Date()
            // Each sleeps a second: one after the other they would take two.
            let (main, side) = try concurrently(
                { try connection.queryFirst("select pg_backend_pid() from pg_sleep(1)")!.decode(Int.self, at: 0) },
                side: { side in
                    try side.queryFirst("select pg_backend_pid() from pg_sleep(1)")!.decode(Int.self, at: 0)
                },
                connect: { try Connection(conninfo: conninfo) })
            #expect(main == mine && side != mine)
            #expect(Date().timeIntervalSince(started) < 1.8)
        }
    }

    @Test("An error of the side's statement, or of its connecting, reaches the caller after the main work ended")
    func sideErrors() throws {
        try TestDatabase.with { conninfo in
            let connection = try Connection(conninfo: conninfo)
            let mainRan = MainRan()
            #expect(throws: PostgresError.self) {
                _ = try concurrently(
                    { mainRan.mark() },
                    side: { try $0.execute(unsafeSQL: "select * from no_such_table") },
                    connect: { try Connection(conninfo: conninfo) })
            }
            #expect(mainRan.value)
            #expect(throws: PostgresError.self) {
                _ = try concurrently(
                    { 1 }, side: { _ in 2 },
                    connect: { try Connection(conninfo: conninfo + " dbname=no_such_database_here") })
            }
        }
    }

    @Test("An error of the main work is thrown once the side's work has ended")
    func mainErrors() throws {
        try TestDatabase.with { conninfo in
            let connection = try Connection(conninfo: conninfo)
            let sideEnded = MainRan()
            #expect(throws: PostgresError.self) {
                _ = try concurrently(
                    { try connection.execute(unsafeSQL: "select 1/0") },
                    side: { side in
                        try side.execute(unsafeSQL: "select pg_sleep(0.3)")
                        sideEnded.mark()
                    },
                    connect: { try Connection(conninfo: conninfo) })
            }
            #expect(sideEnded.value)
        }
    }
}

/// A flag set from another thread.
private final class MainRan: @unchecked Sendable {
    private let lock = NSLock()
    private var set = false
    func mark() { lock.withLock { set = true } }
    var value: Bool { lock.withLock { set } }
}
