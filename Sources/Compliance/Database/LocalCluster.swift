import Foundation
import Postgres

/// An error setting up or driving the embedded PostgreSQL cluster, worded for the user.
public struct LocalClusterError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// The embedded default: a private PostgreSQL cluster under `.periksa/` (or `$PERIKSA_HOME`),
/// created on first use with the installed server programs, listening only on a Unix socket
/// in that folder (no TCP), and kept across runs.
///
/// Run as root, the server runs as the unprivileged system user `postgres` (PostgreSQL
/// refuses to run as root). Setup is serialised with a lock file, so two `periksa` processes
/// starting at once do not both initialise or start it.
public struct LocalCluster: Sendable {
    /// The folder that holds everything: `data/`, the socket, `server.log`, the lock.
    public let home: URL
    /// The port number only names the socket file (`.s.PGSQL.5432`); there is no TCP.
    public let port = 5432
    /// The superuser and database that `initdb` and the first start create.
    public static let user = "periksa"
    public static let database = "periksa"

    public init(home: URL) {
        self.home = home.standardizedFileURL
    }

    /// `$PERIKSA_HOME`, else `.periksa` in the working directory.
    public static func defaultHome(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let home = environment["PERIKSA_HOME"], !home.isEmpty {
            return URL(fileURLWithPath: home, isDirectory: true)
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
            .appendingPathComponent(".periksa", isDirectory: true)
    }

    public var dataDirectory: URL { home.appendingPathComponent("data", isDirectory: true) }
    public var logFile: URL { home.appendingPathComponent("server.log") }
    var lockFile: URL { home.appendingPathComponent("lock") }
    var readyMarker: URL { home.appendingPathComponent("ready") }
    var socketFile: String { home.path + "/.s.PGSQL.\(port)" }

    /// The libpq connection string for the cluster's database.
    public var conninfo: String {
        "host='\(Self.quoted(home.path))' port=\(port) user=\(Self.user) dbname=\(Self.database)"
    }

    /// Whether the cluster has been created (it may be stopped).
    public var exists: Bool {
        FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("PG_VERSION").path)
    }

    // MARK: - Lifecycle

    /// Creates the cluster if needed, starts it if stopped, and makes sure its database
    /// exists. Safe to call from several processes at once.
    public func ensureRunning() throws {
        try checkSocketPathLength()
        let owner = try serverUser()
        try createHome(owner: owner)
        try withLock {
            let programs = try ServerPrograms.locate()
            if !exists { try initialise(programs: programs, owner: owner) }
            if try !isRunning(programs: programs, owner: owner) {
                try start(programs: programs, owner: owner)
            }
            try awaitSessions(programs: programs, owner: owner)
            if !FileManager.default.fileExists(atPath: readyMarker.path) {
                try createDatabase()
            }
        }
    }

    /// Stops the server if it runs; returns false when it was not running. `immediately`: at
    /// once, ending every session without a checkpoint (PostgreSQL's immediate shutdown, as in a
    /// crash); the next start recovers from the write-ahead log.
    @discardableResult
    public func stop(immediately: Bool = false) throws -> Bool {
        guard exists else { return false }
        let owner = try serverUser()
        return try withLock {
            let programs = try ServerPrograms.locate()
            guard try isRunning(programs: programs, owner: owner) else { return false }
            let outcome = try ProcessRunner.run(
                programs.pgCtl,
                ["stop", "-D", dataDirectory.path, "-m", immediately ? "immediate" : "fast", "-w", "-t", "60"],
                as: owner.runAs)
            guard outcome.status == 0 else {
                throw LocalClusterError("pg_ctl could not stop the local PostgreSQL server:\n\(outcome.output)")
            }
            return true
        }
    }

    /// What `periksa db status` shows of the embedded cluster.
    public struct Status: Sendable {
        public var exists: Bool
        public var running: Bool
        public var pid: Int?
        public var version: String?
    }

    public func status() throws -> Status {
        guard exists else { return Status(exists: false, running: false) }
        let owner = try serverUser()
        let programs = try ServerPrograms.locate()
        let running = try isRunning(programs: programs, owner: owner)
        let pidText = try? String(contentsOf: dataDirectory.appendingPathComponent("postmaster.pid"), encoding: .utf8)
        let version = try? String(contentsOf: dataDirectory.appendingPathComponent("PG_VERSION"), encoding: .utf8)
        return Status(
            exists: true, running: running,
            pid: running ? pidText?.split(separator: "\n").first.flatMap { Int($0) } : nil,
            version: version?.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    // MARK: - Steps

    private func initialise(programs: ServerPrograms, owner: ServerUser) throws {
        // initdb writes into a fresh folder that is renamed into place only when complete: an
        // interrupted initdb leaves no half-made cluster behind.
        let staging = home.appendingPathComponent("data.initdb", isDirectory: true)
        try? FileManager.default.removeItem(at: staging)
        let outcome = try ProcessRunner.run(
            programs.initdb,
            [
                "-D", staging.path, "-U", Self.user, "--auth=trust", "--encoding=UTF8", "--locale=C",
                "--no-instructions",
            ],
            as: owner.runAs)
        guard outcome.status == 0 else {
            throw LocalClusterError(
                "initdb could not create the local PostgreSQL cluster in \(staging.path):\n\(outcome.output)")
        }
        let settings = """

            # Periksa's embedded cluster: reachable only through the socket in \(home.path).
            listen_addresses = ''
            port = \(port)
            unix_socket_directories = '\(Self.quoted(home.path))'
            unix_socket_permissions = 0700
            # Sized for bulk loads and set-based audits on a small machine.
            shared_buffers = 256MB
            work_mem = 64MB
            maintenance_work_mem = 512MB
            max_wal_size = 4GB
            wal_level = minimal
            max_wal_senders = 0
            logging_collector = off

            """
        let configuration = staging.appendingPathComponent("postgresql.conf")
        let handle = try FileHandle(forWritingTo: configuration)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(settings.utf8))
        try handle.close()
        try FileManager.default.moveItem(at: staging, to: dataDirectory)
        try? FileManager.default.removeItem(at: readyMarker)
    }

    private func isRunning(programs: ServerPrograms, owner: ServerUser) throws -> Bool {
        let outcome = try ProcessRunner.run(programs.pgCtl, ["status", "-D", dataDirectory.path], as: owner.runAs)
        return outcome.status == 0 && !postmasterIsDead()
    }

    /// Whether the process the pid file names has died without removing it: killed, it stays a
    /// zombie until its parent reaps it, and `pg_ctl status` takes a zombie for a live server.
    private func postmasterIsDead() -> Bool {
        guard
            let text = try? String(
                contentsOf: dataDirectory.appendingPathComponent("postmaster.pid"), encoding: .utf8),
            let pid = text.split(separator: "\n").first.flatMap({ Int32($0) }),
            let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let state = stat.split(separator: ")").last?.split(separator: " ").first
        else { return false }
        return state == "Z" || state == "X"
    }

    private func start(programs: ServerPrograms, owner: ServerUser) throws {
        var outcome = try ProcessRunner.run(
            programs.pgCtl, ["start", "-D", dataDirectory.path, "-l", logFile.path, "-w", "-t", "120"], as: owner.runAs)
        // After a crash the old server's sessions may hold its shared memory for a moment
        // ("pre-existing shared memory block is still in use"), and a killed postmaster not yet
        // reaped still owns its lock file: both end on their own. Other failures are reported.
        func transient() -> Bool {
            let log = (try? String(contentsOf: logFile, encoding: .utf8))?.suffix(2_000) ?? ""
            return log.contains("is still in use") || log.contains("already exists")
        }
        for _ in 0..<10 where outcome.status != 0 && transient() {
            Thread.sleep(forTimeInterval: 1)
            outcome = try ProcessRunner.run(
                programs.pgCtl, ["start", "-D", dataDirectory.path, "-l", logFile.path, "-w", "-t", "120"],
                as: owner.runAs)
        }
        guard outcome.status == 0 else {
            let log =
                (try? String(contentsOf: logFile, encoding: .utf8))?.split(separator: "\n").suffix(10)
                .joined(separator: "\n") ?? ""
            throw LocalClusterError(
                "the local PostgreSQL server in \(dataDirectory.path) did not start:\n\(outcome.output)\(log)")
        }
    }

    /// A running server may still refuse sessions: after a crash of one of its processes (a
    /// full disk stops the write-ahead log's writer, say) the postmaster restarts the others
    /// and replays the log first, and `pg_ctl status` already says it runs. Waits until the
    /// server accepts sessions, as `pg_ctl start -w` does, for up to `timeout` seconds.
    private func awaitSessions(programs: ServerPrograms, owner: ServerUser, timeout: TimeInterval = 120) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            switch Connection.ping(conninfo: maintenanceConninfo) {
            case .accepting: return
            case .badConnectionString:
                throw LocalClusterError("the local PostgreSQL server's socket path is not usable: \(home.path)")
            case .silent where try !isRunning(programs: programs, owner: owner):
                throw LocalClusterError(
                    "the local PostgreSQL server in \(dataDirectory.path) stopped while starting; see \(logFile.path)")
            case .refusing, .silent:
                guard Date() < deadline else {
                    throw LocalClusterError(
                        "the local PostgreSQL server in \(dataDirectory.path) runs but has not accepted "
                            + "sessions for \(Int(timeout)) s (still recovering?); see \(logFile.path)")
                }
                Thread.sleep(forTimeInterval: 0.2)
            }
        }
    }

    /// The server's own `postgres` database, for creating Periksa's and for asking readiness.
    private var maintenanceConninfo: String {
        "host='\(Self.quoted(home.path))' port=\(port) user=\(Self.user) dbname=postgres"
    }

    private func createDatabase() throws {
        let connection = try Connection(conninfo: maintenanceConninfo)
        do {
            try connection.execute(unsafeSQL: "create database \(Self.database)")
        } catch let error as PostgresError where error.sqlState == .duplicateDatabase {
            // Created by an earlier run that stopped before writing the marker.
        }
        _ = FileManager.default.createFile(atPath: readyMarker.path, contents: Data("ready\n".utf8))
    }

    // MARK: - The folder, the user, the lock

    /// The account the server runs as: the current user, or `postgres` when run as root.
    struct ServerUser {
        /// The user name to switch to, or nil to run as the current user.
        var runAs: String?
        var uid: uid_t
        var gid: gid_t
    }

    func serverUser() throws -> ServerUser {
        guard geteuid() == 0 else { return ServerUser(runAs: nil, uid: geteuid(), gid: getegid()) }
        let name = ProcessInfo.processInfo.environment["PERIKSA_SERVER_USER"] ?? "postgres"
        guard let entry = getpwnam(name) else {
            throw LocalClusterError(
                "running as root, Periksa runs its PostgreSQL server as the system user '\(name)', which does not "
                    + "exist: install PostgreSQL (`apt-get install postgresql` creates it), name another user with "
                    + "PERIKSA_SERVER_USER, run periksa as a normal user, or set DATABASE_URL to an existing server")
        }
        return ServerUser(runAs: name, uid: entry.pointee.pw_uid, gid: entry.pointee.pw_gid)
    }

    private func createHome(owner: ServerUser) throws {
        let manager = FileManager.default
        do {
            try manager.createDirectory(
                at: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw LocalClusterError(
                "cannot create the folder \(home.path) for the local PostgreSQL cluster: \(error.localizedDescription)")
        }
        guard let runAs = owner.runAs else { return }
        // Run as root: the folder belongs to the server's user, who must be able to reach it.
        guard chown(home.path, owner.uid, owner.gid) == 0 else {
            throw LocalClusterError(
                "cannot give \(home.path) to the user '\(runAs)': \(String(cString: strerror(errno)))")
        }
        let probe = try ProcessRunner.run("/usr/bin/test", ["-w", home.path, "-a", "-x", home.path], as: runAs)
        guard probe.status == 0 else {
            throw LocalClusterError(
                "the PostgreSQL server runs as the user '\(runAs)', who cannot reach \(home.path) (a parent folder "
                    + "is private): set PERIKSA_HOME to a folder that user can reach, for example "
                    + "PERIKSA_HOME=/var/lib/periksa, or run periksa as a normal user")
        }
    }

    private func checkSocketPathLength() throws {
        // sockaddr_un holds 108 bytes including the terminating NUL.
        guard socketFile.utf8.count <= 107 else {
            throw LocalClusterError(
                "the folder \(home.path) is too long for a Unix socket path (\(socketFile.utf8.count) of at most "
                    + "107 bytes): set PERIKSA_HOME to a shorter path")
        }
    }

    private func withLock<T>(_ body: () throws -> T) throws -> T {
        let descriptor = open(lockFile.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw LocalClusterError("cannot open the lock file \(lockFile.path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw LocalClusterError("cannot lock \(lockFile.path): \(String(cString: strerror(errno)))")
            }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    /// Escapes a value for a single-quoted libpq or postgresql.conf string.
    static func quoted(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
    }
}
