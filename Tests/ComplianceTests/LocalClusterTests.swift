import Compliance
import Foundation
import Postgres
import Testing

@Suite("The embedded local cluster")
struct LocalClusterTests {
    @Test("created on first use, stopped, and reused with its data")
    func lifecycle() throws {
        let home = try Self.temporaryHome()
        defer { Self.remove(home) }
        let cluster = LocalCluster(home: home)
        #expect(!cluster.exists)

        // Two starts at once: one creates the cluster, the other waits and finds it running.
        let errors = ErrorBox()
        DispatchQueue.concurrentPerform(iterations: 2) { _ in
            do { try cluster.ensureRunning() } catch { errors.add(error) }
        }
        #expect(errors.all.isEmpty, "\(errors.all)")
        #expect(cluster.exists)
        #expect(try cluster.status().running)

        let connection = try DatabaseTarget.embedded(cluster).connect()
        #expect(connection.safeDescription.contains("socket \(home.path)"))
        try connection.execute("create table kept (note text)")
        try connection.execute("insert into kept values (\("masih ada"))")
        let tcp = try connection.queryFirst("show listen_addresses")
        #expect(try tcp?.decode(String.self, at: 0) == "")

        #expect(try cluster.stop())
        #expect(try !cluster.status().running)
        #expect(try !cluster.stop())
        #expect(throws: PostgresError.self) { try Connection(conninfo: cluster.conninfo) }

        // The next connection starts it again, with the data still there.
        let again = try DatabaseTarget.embedded(cluster).connect()
        #expect(try again.queryFirst("select note from kept")?.decode(String.self, at: 0) == "masih ada")
        try cluster.stop()
    }

    @Test("the connection settings are taken in the contract's order")
    func resolution() {
        let home = ["PERIKSA_HOME": "/srv/periksa"]
        #expect(
            DatabaseTarget.resolve(databaseURL: "postgresql://a@h/db", environment: ["DATABASE_URL": "x"]).description
                == "--database-url (postgresql://a@h/db)")
        #expect(
            DatabaseTarget.resolve(
                databaseURL: nil, environment: ["DATABASE_URL": "postgresql://u:geheim@h/db", "PGHOST": "h"]
            )
            .description == "DATABASE_URL (postgresql://u:****@h/db)")
        #expect(
            DatabaseTarget.resolve(databaseURL: nil, environment: ["PGSERVICE": "periksa"]).description
                == "libpq environment variables (PG*)")
        #expect(
            DatabaseTarget.resolve(databaseURL: nil, environment: home).description
                == "the local PostgreSQL cluster in /srv/periksa")
    }

    @Test("a folder too deep for a Unix socket is refused with advice")
    func socketPath() throws {
        let deep = URL(fileURLWithPath: "/tmp/" + String(repeating: "sangat-panjang/", count: 8))
        let error = #expect(throws: LocalClusterError.self) { try LocalCluster(home: deep).ensureRunning() }
        #expect(error?.description.contains("PERIKSA_HOME") == true)
    }

    /// A fresh folder the server's user can reach (under /tmp, which is world-traversable).
    static func temporaryHome() throws -> URL {
        let url = URL(fileURLWithPath: "/tmp/periksa-cluster-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func remove(_ url: URL) {
        try? FileManager.default.removeItem(at: url)
    }
}

final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [Error] = []
    var all: [Error] { lock.withLock { errors } }
    func add(_ error: Error) { lock.withLock { errors.append(error) } }
}
