import Foundation

/// Where the installed PostgreSQL server programs are.
struct ServerPrograms {
    let directory: String

    var initdb: String { directory + "/initdb" }
    var pgCtl: String { directory + "/pg_ctl" }

    /// Finds the server programs: `pg_config --bindir`, then the newest
    /// `/usr/lib/postgresql/*/bin` (Debian keeps them off the PATH), then the PATH.
    static func locate() throws -> ServerPrograms {
        var candidates: [String] = []
        if let pgConfig = search(path: "pg_config"),
            let outcome = try? ProcessRunner.run(pgConfig, ["--bindir"]), outcome.status == 0
        {
            candidates.append(outcome.output.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []
        candidates += versions.compactMap { Int($0) }.sorted(by: >).map { "/usr/lib/postgresql/\($0)/bin" }
        if let initdb = search(path: "initdb") {
            candidates.append((initdb as NSString).deletingLastPathComponent)
        }
        for directory in candidates {
            let programs = ServerPrograms(directory: directory)
            if FileManager.default.isExecutableFile(atPath: programs.initdb),
                FileManager.default.isExecutableFile(atPath: programs.pgCtl)
            {
                return programs
            }
        }
        throw LocalClusterError(
            "the PostgreSQL server programs (initdb, pg_ctl) are not installed, so Periksa cannot run its own "
                + "local database: install them (Debian: `apt-get install postgresql`), or point Periksa at an "
                + "existing server with --database-url, DATABASE_URL or libpq's PG* variables")
    }

    private static func search(path name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
