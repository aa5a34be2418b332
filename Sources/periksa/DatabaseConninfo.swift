import ArgumentParser
import Compliance
import Postgres

/// `periksa db conninfo`: the libpq connection string Periksa uses, for `psql` and other
/// clients (`psql "$(periksa db conninfo)"`). A password is shown as `****`.
struct DatabaseConninfo: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "conninfo",
        abstract: "Print the connection string Periksa uses (for psql; the password is hidden).")

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        switch global.target {
        case .url(let url, _):
            print(ConnectionString.redacted(url))
        case .libpqEnvironment:
            print("")
        case .embedded(let cluster):
            try cluster.ensureRunning()
            print(cluster.conninfo)
        }
    }
}
