import ArgumentParser
import Compliance

/// `periksa db start`: creates (first time) and starts the local cluster.
struct DatabaseStart: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "start", abstract: "Create (first time) and start the local PostgreSQL cluster.")

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let cluster = try global.localCluster()
        try cluster.ensureRunning()
        print(global.language.text("Klaster lokal berjalan: ", "Local cluster running: ") + cluster.home.path)
    }
}

extension GlobalOptions {
    /// The embedded cluster, or an error when the settings point at another server.
    func localCluster() throws -> LocalCluster {
        guard case .embedded(let cluster) = target else {
            throw ValidationError(
                language.text(
                    "`db start` dan `db stop` hanya untuk klaster lokal; koneksi sekarang: \(target.describe(in: language))",
                    "`db start` and `db stop` manage the local cluster only; the connection now is \(target)"))
        }
        return cluster
    }
}
