import ArgumentParser
import Compliance
import Foundation
import SQLFiles

/// `periksa db distribute`: spreads the tables over a Citus cluster (SQL/citus/distribute.sql),
/// on a coordinator whose server has the citus extension. Refuses, changing nothing, anywhere
/// else.
struct DatabaseDistribute: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "distribute",
        abstract: "Distribute the tables over a Citus cluster (run once on the coordinator, before the first import).",
        discussion: """
            Needs the citus extension on the server and the workers added (citus_add_node). \
            See docs/scale-out.md. This path is not exercised by the test suite.
            """)

    @Flag(help: "Print the statements instead of running them.")
    var dryRun = false

    @OptionGroup var global: GlobalOptions

    struct NoCitus: Error, Localized {
        func message(_ language: Language) -> String {
            language.text(
                "server ini tidak memiliki ekstensi citus: tabel tidak didistribusikan, tidak ada yang diubah",
                "this server has no citus extension: nothing was distributed, nothing was changed")
        }
    }

    func execute() throws {
        let script = try SQLFiles.text(of: "distribute.sql", in: "citus")
        if dryRun {
            print(script, terminator: "")
            return
        }
        let connection = try global.connect()
        // Checked before migrating, so that a refusal changes nothing at all.
        let available = try connection.queryFirst(
            "select count(*) from pg_available_extensions where name = 'citus'")!.decode(Int.self, at: 0)
        guard available > 0 else { throw NoCitus() }
        try Migrator.bundled().migrate(on: connection)
        try connection.transaction { connection in try connection.execute(unsafeSQL: script) }
        print(
            global.language.text(
                "Tabel didistribusikan ke klaster Citus.", "Tables distributed over the Citus cluster."))
    }
}
