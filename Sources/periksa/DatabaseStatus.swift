import ArgumentParser
import Compliance
import Foundation
import Postgres

/// `periksa db status`: where Periksa connects, the server version and the migrations.
struct DatabaseStatus: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the connection (never the password), the server version and the migrations.")

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let language = global.language
        let target = global.target
        print(language.text("Sumber koneksi: ", "Connection settings: ") + target.describe(in: language))
        if case .embedded(let cluster) = target {
            let status = try cluster.status()
            guard status.exists else {
                print(
                    language.text(
                        "Klaster lokal: belum dibuat (dibuat otomatis saat pertama dipakai, atau dengan `periksa db start`).",
                        "Local cluster: not created yet (created on first use, or with `periksa db start`)."))
                return
            }
            let state =
                status.running
                ? language.text("berjalan", "running") + (status.pid.map { " (pid \($0))" } ?? "")
                : language.text("berhenti (jalankan `periksa db start`)", "stopped (run `periksa db start`)")
            print(language.text("Klaster lokal: ", "Local cluster: ") + "PostgreSQL \(status.version ?? "?"), \(state)")
            guard status.running else { return }
        }
        let connection = try target.connect(logger: global.logger)
        print(language.text("Terhubung ke: ", "Connected to: ") + connection.safeDescription)
        print("Server: PostgreSQL \(connection.serverVersion)")
        let migrator = try Migrator.bundled()
        let states = try migrator.status(on: connection)
        let pending = states.filter { $0.state == .pending }.count
        print(
            language.text(
                "Migrasi: \(states.count - pending) diterapkan, \(pending) tertunda",
                "Migrations: \(states.count - pending) applied, \(pending) pending"))
        for entry in states {
            let state: String
            switch entry.state {
            case .applied(let date): state = language.text("diterapkan ", "applied ") + Formats.timestamp(date)
            case .pending: state = language.text("tertunda", "pending")
            case .changed(let date):
                state = language.text("BERUBAH sejak diterapkan ", "CHANGED since applied ") + Formats.timestamp(date)
            case .unknown(let date):
                state =
                    language.text("tidak dikenal versi ini, diterapkan ", "unknown to this version, applied ")
                    + Formats.timestamp(date)
            }
            print("  \(entry.name.padding(toLength: 40, withPad: " ", startingAt: 0)) \(state)")
        }
    }
}
