import ArgumentParser
import Compliance
import Foundation

/// `periksa db roles`: creates the roles periksa_admin, periksa_inspector and periksa_analyst.
struct DatabaseRoles: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "roles",
        abstract: "Create the roles admin, inspector and analyst and their privileges (idempotent).")

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let connection = try global.connect()
        try Migrator.bundled().migrate(on: connection)
        try Analytics.createRoles(on: connection)
        print(
            global.language.text(
                "Peran siap: periksa_admin, periksa_inspector, periksa_analyst, periksa_web.",
                "Roles ready: periksa_admin, periksa_inspector, periksa_analyst, periksa_web."))
    }
}

extension Analytics.Role: ExpressibleByArgument {}
