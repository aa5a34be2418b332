import ArgumentParser
import Compliance
import Foundation

/// `periksa db refresh`: refreshes the materialised analytics views.
struct DatabaseRefresh: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh", abstract: "Refresh the materialised analytics views.")

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let connection = try global.connect()
        try Migrator.bundled().migrate(on: connection)
        let seconds = try Analytics.refresh(on: connection)
        print(
            global.language.text(
                String(format: "Tampilan analitik diperbarui (%.1f detik).", seconds),
                String(format: "Analytics views refreshed (%.1f s).", seconds)))
    }
}
