import Foundation
import Postgres

/// A `periksa` run in the background, to be killed or waited for: its output goes to files, so
/// that no pipe fills while the test looks elsewhere.
public final class Background: @unchecked Sendable {
    public let process = Process()
    private let out: URL
    private let err: URL

    /// Starts `periksa arguments…` with the environment changed by `environment`.
    public init(_ arguments: [String], environment: [String: String?] = [:]) throws {
        let folder = FileManager.default.temporaryDirectory
        out = folder.appendingPathComponent("periksa-out-\(UUID().uuidString)")
        err = folder.appendingPathComponent("periksa-err-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.executableURL = CommandRunner.executable
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        variables["LANG"] = "C.UTF-8"
        variables["LC_ALL"] = nil
        for (key, value) in environment { variables[key] = value }
        process.environment = variables
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: out)
        try? FileManager.default.removeItem(at: err)
    }

    /// SIGKILL: no handler runs, nothing is cleaned up by the process itself.
    public func killHard() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// Waits for the end; the exit status and what was printed.
    public func finish() -> CommandRunner.Result {
        process.waitUntilExit()
        return CommandRunner.Result(
            status: process.terminationStatus,
            stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    public var isRunning: Bool { process.isRunning }
}

/// Polls `condition` every 5 ms until it holds or `seconds` pass; whether it held.
public func eventually(within seconds: Double = 60, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.005)
    }
    return try condition()
}

extension Connection {
    /// This session's server process.
    public func backendPID() throws -> Int32 {
        try queryFirst("select pg_backend_pid()")!.decode(Int32.self, at: 0)
    }

    /// The other sessions of this database (the command under test), by process id, besides
    /// those of `besides`.
    public func otherBackends(besides: [Int32] = []) throws -> [Int32] {
        try query(
            """
            select pid from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
            """
        ).map { try $0.decode(Int32.self, at: 0) }.filter { !besides.contains($0) }
    }

    /// The statement another session of this database waits with for a lock, if one does.
    public func statementWaitingForLock() throws -> String? {
        try queryFirst(
            """
            select query from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and wait_event_type = 'Lock'
            limit 1
            """)?.decode(String.self, at: 0)
    }

    /// Waits until no other session of this database is left (a killed client's backend ends
    /// once it notices); whether none is.
    public func awaitOtherBackendsGone(besides: [Connection] = [], within seconds: Double = 60) throws -> Bool {
        let kept = try besides.map { try $0.backendPID() }
        return try eventually(within: seconds) { try otherBackends(besides: kept).isEmpty }
    }

    /// `select count(*) …` as an Int.
    public func count(_ sql: String) throws -> Int {
        try queryFirst(PostgresQuery(unsafeSQL: sql, binds: []))!.decode(Int.self, at: 0)
    }
}
