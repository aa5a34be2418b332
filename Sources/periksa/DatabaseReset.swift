import ArgumentParser
import Compliance

/// `periksa db reset --yes`: deletes every table and view of Periksa in the database and
/// creates the schema anew. For test and demo databases; refuses without `--yes`.
struct DatabaseReset: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Delete all of Periksa's data in the database and create the schema anew (needs --yes).")

    @Flag(help: "Confirm that every import, run and finding in this database is to be deleted.")
    var yes = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard yes else {
            throw ValidationError(
                "db reset deletes every import, run and finding in the database: add --yes to confirm")
        }
    }

    func execute() throws {
        let applied = try Migrator.bundled().reset(on: try global.connect())
        print(
            global.language.text(
                "Semua data Periksa dihapus; \(applied.count) migrasi diterapkan.",
                "All of Periksa's data deleted; \(applied.count) migrations applied."))
    }
}
