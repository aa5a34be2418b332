import Compliance
import Foundation
import Postgres
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The embedded cluster crashing under Periksa: its postmaster killed with SIGKILL during an
/// import, an immediate shutdown during an audit, and the web app meanwhile. Periksa exits 1
/// saying the server went away, `periksa db start` brings the cluster back, nothing is
/// half-loaded, and the rerun completes. Each test has a cluster of its own (`PERIKSA_HOME`).
@Suite("Faults: the embedded cluster crashing", .serialized)
struct ServerCrashTests {
    /// `periksa` on the cluster in `home` only: the test server's variables removed.
    static func environment(_ home: URL) -> [String: String?] {
        var variables: [String: String?] = ["PERIKSA_HOME": home.path, "DATABASE_URL": nil, "PERIKSA_CONFIG": nil]
        for name in ["PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD", "PGSERVICE", "PGSSLMODE", "PGPASSFILE"] {
            variables[name] = String?.none
        }
        return variables
    }

    static func withCluster(_ body: (URL, [String: String?], Connection) throws -> Void) throws {
        let home = URL(fileURLWithPath: "/tmp/periksa-crash-\(UInt32.random(in: 0...UInt32.max))")
        let environment = Self.environment(home)
        defer {
            _ = try? CommandRunner.periksa(["db", "stop"], environment: environment)
            try? FileManager.default.removeItem(at: home)
        }
        let started = try CommandRunner.periksa(["db", "start"], environment: environment)
        #expect(started.status == 0, "\(started.stderr)")
        try TemporaryFile.with(FaultTests.employers, name: "employers.csv") { path in
            let loaded = try CommandRunner.periksa(["import", "employers", path], environment: environment)
            #expect(loaded.status == 0, "\(loaded.stderr)")
        }
        let cluster = LocalCluster(home: home)
        try body(home, environment, try Connection(conninfo: cluster.conninfo))
    }

    /// The postmaster's process id, from its pid file.
    static func postmaster(_ home: URL) throws -> pid_t {
        let text = try String(
            contentsOf: home.appendingPathComponent("data/postmaster.pid"), encoding: .utf8)
        return pid_t(text.split(separator: "\n").first.flatMap { Int32($0) } ?? 0)
    }

    static func expectServerWentAway(_ result: CommandRunner.Result, sourceLocation: SourceLocation = #_sourceLocation)
    {
        #expect(result.status == 1, "exit \(result.status): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(
            result.stderr.contains("the database server went away in the middle of the command"), "\(result.stderr)",
            sourceLocation: sourceLocation)
        #expect(result.stdout.isEmpty, "\(result.stdout)", sourceLocation: sourceLocation)
    }

    @Test(
        "the postmaster killed with SIGKILL during an import's COPY: exit 1, the server went away; db start; nothing loaded; the rerun loads"
    )
    func postmasterKilledDuringImport() throws {
        try Self.withCluster { home, environment, monitor in
            try TemporaryFile.with(FaultTests.contributions, name: "contributions.csv") { path in
                let command = try Background(
                    ["import", "contributions", path, "--lang", "en"], environment: environment)
                #expect(
                    try eventually {
                        try monitor.queryFirst(
                            "select coalesce(max(tuples_processed), 0) >= 100000 from pg_stat_progress_copy")!.decode(
                                Bool.self, at: 0)
                    })
                kill(try Self.postmaster(home), SIGKILL)
                Self.expectServerWentAway(command.finish())

                let restarted = try CommandRunner.periksa(["db", "start"], environment: environment)
                #expect(restarted.status == 0, "\(restarted.stderr)")
                let after = try Connection(conninfo: LocalCluster(home: home).conninfo)
                try FaultTests.expectNothingImported(after)
                let rerun = try CommandRunner.periksa(["import", "contributions", path], environment: environment)
                #expect(rerun.stdout.hasSuffix("read=300003 loaded=300000 rejected=3\n"), "\(rerun.stderr)")
                #expect(try after.count("select count(*) from periksa.contributions") == FaultTests.goodRows)
            }
        }
    }

    @Test(
        "an immediate shutdown during an audit: exit 1, the server went away; db start; no run left; the rerun audits")
    func immediateShutdownDuringAudit() throws {
        try Self.withCluster { home, environment, monitor in
            try TemporaryFile.with(FaultTests.contributions, name: "contributions.csv") { path in
                let loaded = try CommandRunner.periksa(["import", "contributions", path], environment: environment)
                #expect(loaded.status == 3, "\(loaded.stderr)")
            }
            // The audit waits for the payments (the arrears rule), its earlier rules done.
            try monitor.execute("begin")
            try monitor.execute("lock table periksa.payments in access exclusive mode")
            let watcher = try Connection(conninfo: LocalCluster(home: home).conninfo)
            let command = try Background(["audit", "--period", "2025-06", "--lang", "en"], environment: environment)
            #expect(try eventually { try watcher.statementWaitingForLock() != nil })
            let stopped = try CommandRunner.periksa(["db", "stop", "--immediate"], environment: environment)
            #expect(stopped.status == 0, "\(stopped.stderr)")
            Self.expectServerWentAway(command.finish())

            let restarted = try CommandRunner.periksa(["db", "start"], environment: environment)
            #expect(restarted.status == 0, "\(restarted.stderr)")
            let after = try Connection(conninfo: LocalCluster(home: home).conninfo)
            #expect(try after.count("select count(*) from periksa.runs") == 0)
            #expect(try after.count("select count(*) from periksa.findings") == 0)
            let rerun = try CommandRunner.periksa(["audit", "--period", "2025-06"], environment: environment)
            #expect(rerun.status == 0, "\(rerun.stderr)")
            #expect(try after.count("select count(*) from periksa.runs where status = 'finished'") == 1)
        }
    }

    @Test("a server process killed: the server recovers by itself, and the next command waits for it and runs")
    func backendKilled() throws {
        try Self.withCluster { home, environment, monitor in
            // A backend killed with SIGKILL makes the postmaster end every session and replay
            // the write-ahead log; meanwhile it refuses sessions ("not yet accepting connections").
            let next = try TemporaryFile.with(FaultTests.contributions, name: "contributions.csv") { path in
                kill(try monitor.backendPID(), SIGKILL)
                // The command starts while the server refuses sessions.
                let conninfo = LocalCluster(home: home).conninfo
                #expect(eventually(within: 10) { Connection.ping(conninfo: conninfo) == .refusing })
                return try CommandRunner.periksa(["import", "contributions", path], environment: environment)
            }
            #expect(next.stdout.hasSuffix("read=300003 loaded=300000 rejected=3\n"), "\(next.stderr)")
            let after = try Connection(conninfo: LocalCluster(home: home).conninfo)
            #expect(try after.count("select count(*) from periksa.contributions") == FaultTests.goodRows)
        }
    }

    @Test("a full disk during an import: exit 1 with a clear message, nothing half-written; usable once space is freed")
    func fullDisk() throws {
        // The cluster on a 160 MB tmpfs of its own (the test runs as root, as CI does), filled
        // with a file to within a few MB of the end before the import.
        let home = URL(fileURLWithPath: "/tmp/periksa-disk-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let mounted = try CommandRunner.run(
            "/bin/mount", ["-t", "tmpfs", "-o", "size=160m,mode=0755", "tmpfs", home.path])
        #expect(mounted.status == 0, "mounting a tmpfs needs root: \(mounted.stderr)")
        guard mounted.status == 0 else {
            try? FileManager.default.removeItem(at: home)
            return
        }
        let environment = Self.environment(home)
        defer {
            _ = try? CommandRunner.periksa(["db", "stop", "--immediate"], environment: environment)
            _ = try? CommandRunner.run("/bin/umount", ["-l", home.path])
            try? FileManager.default.removeItem(at: home)
        }
        #expect(try CommandRunner.periksa(["db", "start"], environment: environment).status == 0)
        try TemporaryFile.with(FaultTests.employers, name: "employers.csv") { path in
            let loaded = try CommandRunner.periksa(["import", "employers", path], environment: environment)
            #expect(loaded.status == 0, "\(loaded.stderr)")
        }
        let filler = home.appendingPathComponent("filler").path
        var stats = statvfs()
        statvfs(home.path, &stats)
        let free = Int(stats.f_bavail) * Int(stats.f_frsize)
        let filled = try CommandRunner.run(
            "/usr/bin/fallocate", ["-l", String(max(free - 12 * 1_048_576, 0)), filler])
        #expect(filled.status == 0, "\(filled.stderr)")

        try TemporaryFile.with(FaultTests.contributions, name: "contributions.csv") { path in
            let full = try CommandRunner.periksa(
                ["import", "contributions", path, "--lang", "en"], environment: environment)
            #expect(full.status == 1, "exit \(full.status): \(full.stderr)")
            #expect(
                full.stderr.contains("the database server's disk is full")
                    || full.stderr.contains("the database server went away in the middle of the command"),
                "\(full.stderr)")
            #expect(full.stdout.isEmpty)

            // Space freed: the cluster (restarted if the full disk stopped it) holds nothing of
            // the import, and the rerun loads the file.
            try FileManager.default.removeItem(atPath: filler)
            #expect(try CommandRunner.periksa(["db", "start"], environment: environment).status == 0)
            let after = try Connection(conninfo: LocalCluster(home: home).conninfo)
            try FaultTests.expectNothingImported(after)
            let rerun = try CommandRunner.periksa(["import", "contributions", path], environment: environment)
            #expect(rerun.stdout.hasSuffix("read=300003 loaded=300000 rejected=3\n"), "\(rerun.stderr)")
        }
    }

    @Test("the web app answers 503 while the cluster is down and recovers by itself when it is back")
    func webAppDuringCrash() throws {
        try Self.withCluster { home, environment, monitor in
            #expect(try CommandRunner.periksa(["db", "roles"], environment: environment).status == 0)
            #expect(
                try CommandRunner.periksa(["db", "grant", "web", "crash_web"], environment: environment).status == 0)
            try monitor.execute("alter role crash_web password 'crash-web-secret'")
            let web = LocalCluster(home: home).conninfo + " user=crash_web password=crash-web-secret"
            let port = Int.random(in: 20_000...29_999)
            let server = try Background(
                ["serve", "--port", String(port), "--listen", "127.0.0.1", "--database-url", web],
                environment: environment)
            func health() -> Int {
                var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/healthz")!)
                request.timeoutInterval = 5
                let status = StatusBox()
                let done = DispatchSemaphore(value: 0)
                URLSession.shared.dataTask(with: request) { _, response, _ in
                    status.value = (response as? HTTPURLResponse)?.statusCode ?? 0
                    done.signal()
                }.resume()
                done.wait()
                return status.value
            }
            #expect(eventually(within: 30) { health() == 200 }, "the web app never answered")
            kill(try Self.postmaster(home), SIGKILL)
            #expect(eventually(within: 30) { health() == 503 }, "the web app did not say the database is unavailable")
            #expect(health() == 503)
            let restarted = try CommandRunner.periksa(["db", "start"], environment: environment)
            #expect(restarted.status == 0, "\(restarted.stderr)")
            #expect(eventually(within: 30) { health() == 200 }, "the web app did not recover")
            #expect(server.isRunning)
            server.killHard()
        }
    }
}

final class StatusBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored = 0
    var value: Int {
        get { lock.withLock { stored } }
        set { lock.withLock { stored = newValue } }
    }
}
