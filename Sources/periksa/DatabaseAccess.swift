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
                "Peran siap: periksa_admin, periksa_inspector, periksa_analyst.",
                "Roles ready: periksa_admin, periksa_inspector, periksa_analyst."))
    }
}

extension Analytics.Role: ExpressibleByArgument {}

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

/// `periksa db docs`: writes the data dictionary of schema analytics.
struct DatabaseDocs: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "docs", abstract: "Write the data dictionary of the analytics views (Markdown).")

    @Option(help: "The file to write (default: docs/data-dictionary.md; - for stdout).")
    var out = "docs/data-dictionary.md"

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let connection = try global.connect()
        try Migrator.bundled().migrate(on: connection)
        let text = try Analytics.dictionary(on: connection)
        if out == "-" {
            print(text, terminator: "")
        } else {
            try FileManager.default.createDirectory(
                atPath: (out as NSString).deletingLastPathComponent.isEmpty
                    ? "." : (out as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: out, atomically: true, encoding: .utf8)
            printNote(global.language.text("ditulis: ", "written: ") + out)
        }
    }
}
