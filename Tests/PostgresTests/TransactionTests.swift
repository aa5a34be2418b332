import Foundation
import Postgres
import TestSupport
import Testing

@Suite("Transactions and cancellation")
struct TransactionTests {
    struct Abort: Error {}

    @Test("a transaction commits when its closure returns and rolls back when it throws")
    func commitAndRollback() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("create table imports (id integer)")
            try connection.transaction { try $0.execute("insert into imports values (1)") }
            #expect(throws: Abort.self) {
                try connection.transaction { connection in
                    try connection.execute("insert into imports values (2)")
                    throw Abort()
                }
            }
            let ids = try connection.query("select id from imports order by id").map {
                try $0.decode(Int32.self, at: 0)
            }
            #expect(ids == [1])
            #expect(connection.transactionStatus == .idle)
        }
    }

    @Test("a savepoint undoes only its own part")
    func savepoint() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("create table imports (id integer)")
            try connection.transaction { connection in
                try connection.execute("insert into imports values (1)")
                _ = try? connection.savepoint { connection in
                    try connection.execute("insert into imports values (2)")
                    throw Abort()
                }
                // A nested transaction is a savepoint too.
                try connection.transaction { try $0.execute("insert into imports values (3)") }
            }
            let ids = try connection.query("select id from imports order by id").map {
                try $0.decode(Int32.self, at: 0)
            }
            #expect(ids == [1, 3])
        }
    }

    @Test("a transaction whose statement failed is not reported as committed")
    func failedTransaction() throws {
        try TestDatabase.withConnection { connection in
            try connection.execute("create table imports (id integer primary key)")
            let error = #expect(throws: PostgresError.self) {
                try connection.transaction { connection in
                    try connection.execute("insert into imports values (1)")
                    _ = try? connection.execute("insert into imports values (1)")
                }
            }
            #expect(error?.kind == .client)
            #expect(try connection.query("select * from imports").isEmpty)
        }
    }

    @Test("a cancel token stops a running statement with SQLSTATE 57014")
    func cancel() throws {
        try TestDatabase.withConnection { connection in
            let token = connection.cancelToken()
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { token.cancel() }
            let started = Date()
            let error = #expect(throws: PostgresError.self) { try connection.execute("select pg_sleep(30)") }
            #expect(error?.sqlState == .queryCanceled)
            #expect(Date().timeIntervalSince(started) < 10)
            let stillUsable = try connection.queryFirst("select 1")?.decode(Int32.self, at: 0)
            #expect(stillUsable == 1)
        }
    }

    @Test("a statement timeout stops a long statement")
    func statementTimeout() throws {
        try TestDatabase.withConnection { connection in
            try connection.setStatementTimeout(milliseconds: 200)
            let error = #expect(throws: PostgresError.self) { try connection.execute("select pg_sleep(30)") }
            #expect(error?.sqlState == .queryCanceled)
            try connection.setStatementTimeout(milliseconds: nil)
            #expect(try connection.queryFirst("show statement_timeout")?.decode(String.self, at: 0) == "0")
        }
    }
}
