import ArgumentParser

/// The root command: employer compliance auditing for BPJS Ketenagakerjaan inspection teams.
@main
struct Periksa: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "periksa",
        abstract: "Audit kepatuhan pemberi kerja BPJS Ketenagakerjaan / employer compliance auditing.",
        discussion: """
            Connection: --database-url, then DATABASE_URL, then libpq's PG* variables; with none of \
            these, Periksa uses its own local PostgreSQL cluster in .periksa/ (or $PERIKSA_HOME).
            """,
        version: "0.1.0",
        subcommands: [DatabaseCommand.self, ImportCommand.self, ImportsCommand.self]
    )
}
