import ArgumentParser
import Compliance

/// `periksa db migrate`: creates or upgrades the schema; idempotent.
struct DatabaseMigrate: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Create or upgrade the schema (idempotent).")

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let migrator = try Migrator.bundled()
        let connection = try global.connect()
        let applied = try migrator.migrate(on: connection)
        let language = global.language
        for migration in applied {
            printNote(language.text("diterapkan: ", "applied: ") + migration.name)
        }
        print(
            applied.isEmpty
                ? language.text(
                    "Skema sudah mutakhir (\(migrator.migrations.count) migrasi).",
                    "The schema is up to date (\(migrator.migrations.count) migrations).")
                : language.text(
                    "\(applied.count) migrasi diterapkan; skema mutakhir.",
                    "\(applied.count) migrations applied; the schema is up to date."))
    }
}
