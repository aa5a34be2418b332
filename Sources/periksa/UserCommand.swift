import ArgumentParser
import Compliance
import Foundation

/// `periksa user add|list|disable|password`: the web app's users (docs/web.md).
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage the web app's users (passwords kept as bcrypt hashes).",
        subcommands: [Add.self, List.self, Disable.self, Password.self])

    /// `periksa user add NAME --role ROLE [--branch CODE]… [--all-branches]`.
    struct Add: PeriksaCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a user; the password is read from standard input (asked twice on a terminal).")

        @Argument(help: "The user name: 2–40 lower-case letters, digits, . _ or -.") var name: String
        @Option(help: "inspector, manager, analyst or admin.") var role: WebUser.Role
        @Option(name: .customLong("branch"), help: "A branch office of an inspector or a manager (repeatable).")
        var branches: [String] = []
        @Flag(name: .customLong("all-branches"), help: "A manager who reads every branch.") var allBranches = false
        @OptionGroup var global: GlobalOptions

        func execute() throws {
            let connection = try global.connect()
            // The first user may come before any import: the schema is created when missing.
            _ = try Migrator.bundled().migrate(on: connection)
            let password = try PasswordInput.read(language: global.language)
            let users = WebUsers(connection: connection, actor: try AccessLog.commandLineActor(on: connection))
            try users.add(name: name, role: role, branches: branches, allBranches: allBranches, password: password)
            printNote(
                global.language.text(
                    "pengguna \(name) ditambahkan (\(role.rawValue))", "user \(name) added (\(role.rawValue))"))
        }
    }

    /// `periksa user list`.
    struct List: PeriksaCommand {
        static let configuration = CommandConfiguration(abstract: "List the users, their roles and branches.")

        @Option(help: "csv, json or table.") var format: FindingsCommand.Format = .table
        @OptionGroup var global: GlobalOptions

        func execute() throws {
            let connection = try global.connect()
            let users = try WebUsers(connection: connection, actor: "").list()
            let language = global.language
            func fields(_ user: WebUser) -> [String] {
                [
                    user.name, user.role.rawValue,
                    user.allBranches ? language.text("semua", "all") : user.branches.joined(separator: "|"),
                    Formatting.isoTimestamp(user.createdAt),
                    user.disabledAt.map(Formatting.isoTimestamp) ?? "",
                ]
            }
            let out = OutputBuffer()
            switch format {
            case .csv:
                out.write("name,role,branches,created_at,disabled_at\n")
                for user in users { out.write(fields(user).map(CSV.field).joined(separator: ",") + "\n") }
            case .json:
                let keys = ["name", "role", "branches", "created_at", "disabled_at"]
                let objects: [[String: Any]] = users.map { user in
                    var object: [String: Any] = Dictionary(uniqueKeysWithValues: zip(keys, fields(user)))
                    object["branches"] = user.branches
                    object["all_branches"] = user.allBranches
                    object["disabled_at"] = user.disabledAt.map(Formatting.isoTimestamp) ?? NSNull()
                    return object
                }
                out.write(try CaseJSON.text(objects) + "\n")
            case .table:
                out.write(
                    TextTable.render(
                        header: language.text(
                            ["nama", "peran", "kantor cabang", "dibuat", "dinonaktifkan"],
                            ["name", "role", "branches", "created", "disabled"]),
                        rows: users.map(fields)) + "\n")
            }
            out.flush()
        }
    }

    /// `periksa user disable NAME`.
    struct Disable: PeriksaCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a user: it can no longer log in.")

        @Argument(help: "The user name.") var name: String
        @OptionGroup var global: GlobalOptions

        func execute() throws {
            let connection = try global.connect()
            try WebUsers(connection: connection, actor: try AccessLog.commandLineActor(on: connection)).disable(name)
            printNote(global.language.text("pengguna \(name) dinonaktifkan", "user \(name) disabled"))
        }
    }

    /// `periksa user password NAME`.
    struct Password: PeriksaCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a user's password, read from standard input (asked twice on a terminal); lifts a lockout.")

        @Argument(help: "The user name.") var name: String
        @OptionGroup var global: GlobalOptions

        func execute() throws {
            let connection = try global.connect()
            let password = try PasswordInput.read(language: global.language)
            try WebUsers(connection: connection, actor: try AccessLog.commandLineActor(on: connection))
                .setPassword(name, to: password)
            printNote(global.language.text("kata sandi \(name) diganti", "password of \(name) changed"))
        }
    }
}

extension WebUser.Role: ExpressibleByArgument {}
