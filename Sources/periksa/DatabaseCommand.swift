import ArgumentParser

/// `periksa db …`: the schema and the embedded local cluster.
struct DatabaseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Manage the schema and the local PostgreSQL cluster.",
        subcommands: [
            DatabaseMigrate.self, DatabaseReset.self, DatabaseRoles.self, DatabaseGrant.self, DatabaseRefresh.self,
            DatabaseDocs.self, DatabaseStatus.self, DatabaseStart.self, DatabaseStop.self,
            DatabaseConninfo.self, DatabaseDistribute.self,
        ]
    )
}
