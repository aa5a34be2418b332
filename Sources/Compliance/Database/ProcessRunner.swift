import Foundation

/// Runs a helper program (initdb, pg_ctl) and captures what it prints.
///
/// Built on `posix_spawn` and `waitpid` rather than Foundation's `Process`: `pg_ctl start`
/// leaves a server running that inherits descriptors, and `Process` then never reports the
/// helper's exit. Output goes to a temporary file for the same reason (a pipe would never
/// reach end-of-file while the server lives).
struct ProcessRunner {
    /// The outcome of one run.
    struct Outcome {
        var status: Int32
        var output: String
    }

    /// Runs `executable` with `arguments`, as `user` when given (through `runuser`, which
    /// needs root), and waits for it.
    static func run(_ executable: String, _ arguments: [String], as user: String? = nil) throws -> Outcome {
        let argv =
            try user.map { [try findRunuser(), "-u", $0, "--", executable] + arguments } ?? [executable] + arguments
        let capture = FileManager.default.temporaryDirectory
            .appendingPathComponent("periksa-\(getpid())-\(UInt64.random(in: 0...UInt64.max)).out").path
        let descriptor = open(capture, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw LocalClusterError("cannot create the temporary file \(capture): \(String(cString: strerror(errno)))")
        }
        defer {
            close(descriptor)
            unlink(capture)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, descriptor, 1)
        posix_spawn_file_actions_adddup2(&actions, descriptor, 2)
        // Nothing else of ours: a server started by `pg_ctl start` would keep every inherited
        // descriptor open as long as it runs (the pipe of a caller waiting for our output
        // would never reach its end).
        if let closeFrom = closeFrom { _ = closeFrom(&actions, 3) }

        var cArguments: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { cArguments.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, environ)
        guard spawned == 0 else {
            throw LocalClusterError("cannot run \(argv[0]): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else {
                throw LocalClusterError("lost track of \(argv[0]): \(String(cString: strerror(errno)))")
            }
        }
        let output = (try? String(contentsOfFile: capture, encoding: .utf8)) ?? ""
        // WIFEXITED / WEXITSTATUS, which Swift does not import.
        let exitStatus: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Outcome(status: exitStatus, output: output)
    }

    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later), which Swift does
    /// not import; nil where the C library lacks it.
    private static let closeFrom: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32)? =
        {
            guard let symbol = dlsym(nil, "posix_spawn_file_actions_addclosefrom_np") else { return nil }
            return unsafeBitCast(
                symbol, to: (@convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32).self)
        }()

    private static func findRunuser() throws -> String {
        for candidate in ["/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw LocalClusterError(
            "running as root, Periksa starts its PostgreSQL server as an unprivileged user with `runuser`, "
                + "which is missing: install util-linux, or run periksa as a normal user, or set DATABASE_URL")
    }
}
