import ArgumentParser
import Compliance
import Foundation
import Postgres

#if canImport(Glibc)
    import Glibc
#endif

/// The web app under a bounded load: on a database with a Jakarta-scale month (audited here
/// when it has no run yet), `users` inspectors, one per branch from the largest (Jakarta's 17
/// branches: the three largest have two), each logged in; `periksa serve` on loopback; `wrk` with `users` connections, each request the
/// audit list of one user's branch (capacity 1,000) or the dossier of one of its listed
/// employers, half and half, with that user's session. Reports the latency percentiles, the
/// errors (any answer but 200), and the server's resident memory sampled every 10 seconds.
/// Bars: p95 < 300 ms, no errors, memory flat.
struct WebBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "web", abstract: "The web app under 20 logged-in users (wrk): latency, errors, memory.")

    @Option(help: "libpq connection string of the database's owner (a Jakarta-scale month).")
    var conninfo: String

    @Option(help: "The periksa executable.")
    var periksa: String

    @Option(help: "The audited period.") var period = "2025-12"
    @Option(help: "Logged-in users (wrk connections).") var users = 20
    @Option(help: "Seconds of load.") var seconds = 600
    @Option(help: "The port to serve on.") var port = 18_080
    @Option(help: "Employers on each audit list.") var capacity = 1000
    @Option(
        help: """
            A wage file to import (--force) again and again during a second load as long as the \
            first: the same users while the month's rows are replaced under them.
            """)
    var importing: String?

    func run() throws {
        let owner = try Connection(conninfo: conninfo)
        try Spawn.run(periksa, ["db", "migrate", "--database-url", conninfo]).check("db migrate")
        let first = period + "-01"
        if try owner.queryFirst("select 1 from periksa.runs where period = \(first)::date and status = 'finished'")
            == nil
        {
            print("auditing \(period) first…")
            let audit = try Spawn.run(periksa, ["audit", "--period", period, "--database-url", conninfo])
            try audit.check("audit")
            print(
                String(
                    format: "audit of %@: %.1f s, peak RSS %d MB", period, audit.seconds, audit.maxRSSKilobytes / 1024))
        }
        // A run audited before the audit indexed its month's wage rows by NPP: indexed as it would.
        _ = try owner.queryFirst("select periksa.index_contributions_by_employer(\(first)::date)")
        // The web login and one inspector per branch, each with a session.
        let login = "bench_web"
        try Analytics.createRoles(on: owner)
        try Analytics.grant(.web, to: login, branches: [], on: owner)
        try owner.execute(unsafeSQL: "alter role \(login) password 'bench-web-password'")
        // Nothing of the benchmark stays behind: its users (and their sessions), its login.
        defer {
            _ = try? owner.execute("delete from periksa.web_users where name like 'bench.inspector%'")
            _ = try? owner.execute(unsafeSQL: "drop owned by \(login) cascade; drop role if exists \(login)")
        }
        let branches = try owner.query(
            """
            select e.branch_code from periksa.run_employers e
            where e.run_id = (select max(run_id) from periksa.runs where period = \(first)::date and status = 'finished')
            group by e.branch_code order by count(*) desc, e.branch_code
            """
        ).map { try $0.decode(String.self, at: 0) }
        guard !branches.isEmpty else { throw ValidationError("the run has no employer") }
        let accounts = WebUsers(connection: owner, actor: "cli:bench")
        let sessions = WebSessions(connection: owner)
        var lines: [String] = []
        // One inspector per branch, the largest first; more users than branches share them.
        for index in 0..<users {
            let branch = branches[index % branches.count]
            let name = String(format: "bench.inspector%02d", index + 1)
            if try accounts.user(name) == nil {
                try accounts.add(name: name, role: .inspector, branches: [branch], password: "bench password \(index)")
            }
            guard let user = try accounts.user(name) else { throw ValidationError("no user \(name)") }
            let token = try sessions.open(for: user, lifetime: Double(seconds + 3600))
            // Dossiers of employers on the branch's list (those with findings), at most 50.
            let npps = try owner.query(
                """
                select f.npp from periksa.findings f join periksa.employers e on e.npp = f.npp
                where f.run_id = (select max(run_id) from periksa.runs
                                  where period = \(first)::date and status = 'finished')
                  and e.branch_code = \(branch)
                group by f.npp order by sum(f.estimated_loss_idr) desc, f.npp limit 50
                """
            ).map { try $0.decode(String.self, at: 0) }
            let paths =
                ["/audit-list?period=\(period)&capacity=\(capacity)"]
                + npps.map { "/employers/\($0)?period=\(period)" }
            lines.append(
                "{ cookie = \"periksa_session=\(token)\", list = \"\(paths[0])\", dossiers = {"
                    + paths.dropFirst().map { "\"\($0)\"" }.joined(separator: ", ") + "} }")
        }
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("periksa-web-bench.lua")
        try Self.lua(users: lines).write(to: script, atomically: true, encoding: .utf8)

        // The server, as a user would start it, with the web login.
        // `--conninfo` is key=value pairs (a URI is refused): the same server and database,
        // the web login instead of the owner.
        guard !conninfo.contains("://") else {
            throw ValidationError("--conninfo takes key=value pairs (host=… dbname=… user=…), not a URI")
        }
        var parts = conninfo.split(separator: " ").filter { !$0.hasPrefix("user=") && !$0.hasPrefix("password=") }
        parts += ["user=\(login)", "password=bench-web-password"]
        let server = Process()
        server.executableURL = URL(fileURLWithPath: periksa)
        server.arguments = ["serve", "--port", String(port), "--database-url", parts.joined(separator: " ")]
        server.standardOutput = FileHandle.nullDevice
        let serverLog = FileManager.default.temporaryDirectory.appendingPathComponent("periksa-web-bench-server.log")
        guard FileManager.default.createFile(atPath: serverLog.path, contents: nil) else {
            throw ValidationError("cannot write \(serverLog.path)")
        }
        server.standardError = try FileHandle(forWritingTo: serverLog)
        try server.run()
        defer {
            server.terminate()
            server.waitUntilExit()
        }
        var ready = false
        for _ in 0..<100 where !ready {
            Thread.sleep(forTimeInterval: 0.1)
            ready = Self.accepts(port: port)
        }
        guard ready else {
            throw ValidationError("periksa serve did not answer on port \(port): see \(serverLog.path)")
        }

        // Memory every 10 s while wrk runs.
        let samples = Samples()
        let pid = server.processIdentifier
        let sampler = Thread {
            while !samples.stopped {
                samples.add(Self.residentKilobytes(pid))
                Thread.sleep(forTimeInterval: 10)
            }
        }
        sampler.start()
        func load() throws -> String {
            let wrk = Process()
            wrk.executableURL = URL(fileURLWithPath: "/usr/bin/wrk")
            wrk.arguments = [
                "-t", "2", "-c", String(users), "-d", "\(seconds)s", "--timeout", "10s", "-s", script.path,
                "http://127.0.0.1:\(port)",
            ]
            let output = Pipe()
            wrk.standardOutput = output
            try wrk.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            wrk.waitUntilExit()
            return text
        }
        let alone = try load()
        if let importing {
            print("== the web app alone")
            print(alone)
            // The same load while the month's wage rows are imported again and again.
            let imports = Samples()
            let finished = DispatchSemaphore(value: 0)
            let loop = Thread { [periksa, conninfo] in
                defer { finished.signal() }
                while !imports.stopped {
                    guard
                        let result = try? Spawn.run(
                            periksa, ["import", "contributions", importing, "--force", "--database-url", conninfo]),
                        result.status == 0 || result.status == 3
                    else {
                        imports.add(-1)
                        return
                    }
                    imports.add(Int(result.seconds * 1000))
                }
            }
            loop.start()
            let during = try load()
            imports.stop()
            // The import under way finishes before the server is stopped.
            finished.wait()
            print("== the web app while \(importing) is imported again and again")
            print(during)
            let times = imports.values
            guard !times.contains(-1) else { throw ValidationError("an import failed during the load") }
            print(
                "imports during the load: \(times.count), seconds each: "
                    + times.map { String(format: "%.1f", Double($0) / 1000) }.joined(separator: " "))
        } else {
            print(alone)
        }
        samples.stop()
        let memory = samples.values
        guard let first = memory.first, let last = memory.last, let peak = memory.max() else { return }
        let minute = memory.prefix(6).max() ?? first
        print(
            "server RSS: first sample \(first / 1024) MB, after the first minute \(minute / 1024) MB, "
                + "last \(last / 1024) MB, peak \(peak / 1024) MB (\(memory.count) samples, every 10 s)")
        print("RSS samples (MB): " + memory.map { String($0 / 1024) }.joined(separator: " "))
    }

    /// Whether something listens on 127.0.0.1:`port`.
    static func accepts(port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// `VmRSS` of process `pid` in kB.
    static func residentKilobytes(_ pid: Int32) -> Int {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") ?? 0
        }
        return 0
    }

    /// wrk's script: each request one user's audit list or one of its dossiers, with its
    /// session; at the end the percentiles and the count of answers other than 200.
    static func lua(users: [String]) -> String {
        """
        local users = {
        \(users.joined(separator: ",\n"))
        }
        local errors = 0
        local counter = 0
        request = function()
          counter = counter + 1
          local user = users[math.random(#users)]
          local path = user.list
          if counter % 2 == 0 and #user.dossiers > 0 then path = user.dossiers[math.random(#user.dossiers)] end
          return wrk.format("GET", path, { ["Cookie"] = user.cookie })
        end
        -- A user reads a page before asking for the next: 1 to 3 s.
        delay = function()
          return math.random(1000, 3000)
        end
        local threads = {}
        setup = function(thread)
          thread:set("bad", 0)
          table.insert(threads, thread)
        end
        response = function(status, headers, body)
          if status ~= 200 then bad = bad + 1 end
        end
        done = function(summary, latency, requests)
          local bad = 0
          for _, thread in ipairs(threads) do bad = bad + thread:get("bad") end
          io.write(string.format("requests %d in %.1f s (%.1f/s)\\n", summary.requests, summary.duration / 1e6,
            summary.requests / (summary.duration / 1e6)))
          io.write(string.format("latency p50 %.1f ms, p90 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms\\n",
            latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(95) / 1000,
            latency:percentile(99) / 1000, latency.max / 1000))
          io.write(string.format("answers other than 200: %d; socket errors: connect %d, read %d, write %d, timeout %d\\n",
            bad, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
        end
        """
    }
}

/// Memory samples, taken on one thread and read on another.
final class Samples: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Int] = []
    private var done = false
    func add(_ value: Int) { lock.withLock { list.append(value) } }
    func stop() { lock.withLock { done = true } }
    var stopped: Bool { lock.withLock { done } }
    var values: [Int] { lock.withLock { list } }
}
