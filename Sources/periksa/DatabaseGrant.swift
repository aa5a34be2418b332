import ArgumentParser
import Compliance
import Foundation

/// `periksa db grant analyst|inspector|admin NAME [--branch CODE]…`.
struct DatabaseGrant: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "Grant a role to a login (created without a password when missing); inspectors with their branches.")

    @Argument(help: "admin, inspector or analyst.")
    var role: Analytics.Role

    @Argument(help: "The login.")
    var name: String

    @Option(help: "A branch office the inspector may see (repeat for several).")
    var branch: [String] = []

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if role != .inspector && !branch.isEmpty { throw ValidationError("--branch is for inspectors only") }
    }

    func execute() throws {
        let connection = try global.connect()
        try Migrator.bundled().migrate(on: connection)
        do {
            try Analytics.grant(role, to: name, branches: branch, on: connection)
        } catch let error as Analytics.AccessError {
            throw ValidationError(error.description)
        }
        print(
            global.language.text("diberikan: ", "granted: ") + "\(role.name) → \(name)"
                + (branch.isEmpty ? "" : " (" + branch.joined(separator: ", ") + ")"))
    }
}
