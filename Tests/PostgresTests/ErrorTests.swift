import Foundation
import Logging
import Postgres
import TestSupport
import Testing

@Suite("Errors the server reports")
struct ErrorTests {
    @Test("a unique violation carries SQLSTATE 23505 and its constraint, and its description hides the value")
    func uniqueViolation() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("create table workers (nik text constraint workers_nik_key unique)")
            let nik = "3171014101900001"
            try connection.execute("insert into workers values (\(nik))")
            let error = #expect(throws: PostgresError.self) {
                try connection.execute("insert into workers values (\(nik))")
            }
            #expect(error?.sqlState == .uniqueViolation)
            #expect(error?.constraint == "workers_nik_key")
            #expect(error?.table == "workers")
            #expect(error?.description.contains(nik) == false)
            #expect(error?.debugDescription.contains(nik) == true)
            #expect(error?.sql == "insert into workers values ($1)")
        }
    }

    @Test("a data exception does not quote the value it refused")
    func dataException() throws {
        try TestDatabase.withConnection { connection in
            let error = #expect(throws: PostgresError.self) {
                try connection.execute("select \("3171014101900001X")::bigint")
            }
            #expect(error?.sqlState == .invalidTextRepresentation)
            #expect(error?.description.contains("3171014101900001X") == false)
            #expect(error?.description.contains("invalid input syntax for type bigint") == true)
        }
    }

    @Test("a syntax error carries SQLSTATE 42601 and its position")
    func syntaxError() throws {
        try TestDatabase.withConnection { connection in
            let error = #expect(throws: PostgresError.self) { try connection.execute("select from where") }
            #expect(error?.sqlState == .syntaxError)
            #expect(error?.position == 13)
            // The connection stays usable.
            let stillUsable = try connection.queryFirst("select 1")?.decode(Int32.self, at: 0)
            #expect(stillUsable == 1)
        }
    }

    @Test("permission denied carries SQLSTATE 42501")
    func permissionDenied() throws {
        try TestDatabase.withConnection { connection in
            let role = "periksa_test_reader_\(UInt32.random(in: 0...UInt32.max))"
            try connection.execute(unsafeSQL: "create role \(role) nologin; create table secrets (nik text)")
            defer { _ = try? connection.execute(unsafeSQL: "reset role; drop table secrets; drop role \(role)") }
            try connection.execute(unsafeSQL: "set role \(role)")
            let error = #expect(throws: PostgresError.self) { try connection.query("select nik from secrets") }
            #expect(error?.sqlState == .insufficientPrivilege)
            try connection.execute("reset role")
        }
    }

    @Test("a connection failure names host and port and never the password")
    func connectionFailure() throws {
        for conninfo in [
            "host=127.0.0.1 port=1 user=inspektur password=rahasia-sekali dbname=periksa connect_timeout=5",
            "postgresql://inspektur:rahasia-sekali@127.0.0.1:1/periksa?connect_timeout=5",
        ] {
            let error = #expect(throws: PostgresError.self) { try Connection(conninfo: conninfo) }
            #expect(error?.kind == .connection)
            let text = error.map { "\($0.description) \($0.debugDescription)" } ?? ""
            #expect(text.contains("127.0.0.1"))
            #expect(text.contains("port 1"))
            #expect(text.contains("Connection refused"))
            #expect(!text.contains("rahasia"))
        }
        let malformed = #expect(throws: PostgresError.self) {
            try Connection(conninfo: "postgresql://inspektur:rahasia sekali@[bad/periksa")
        }
        #expect(malformed?.description.contains("rahasia") == false)
    }

    @Test("server notices go to the logger, not to stdout")
    func notices() throws {
        let box = CapturedLogs()
        let logger = Logger(label: "test") { _ in CapturingHandler(box: box) }
        try TestDatabase.with { conninfo in
            let connection = try Connection(conninfo: conninfo, logger: logger)
            try connection.execute("do $$ begin raise notice 'pemeriksaan dimulai'; end $$")
        }
        #expect(box.messages.contains("NOTICE: pemeriksaan dimulai"))
    }
}

final class CapturedLogs: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    var messages: [String] { lock.withLock { stored } }
    func append(_ message: String) { lock.withLock { stored.append(message) } }
}

struct CapturingHandler: LogHandler {
    let box: CapturedLogs
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) { box.append(event.message.description) }
}
