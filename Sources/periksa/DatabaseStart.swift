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

/// `periksa db stop`: stops the local cluster.
struct DatabaseStop: PeriksaCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop the local PostgreSQL cluster.")

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let cluster = try global.localCluster()
        let stopped = try cluster.stop()
        print(stopped
            ? global.language.text("Klaster lokal dihentikan.", "Local cluster stopped.")
            : global.language.text("Klaster lokal tidak sedang berjalan.", "The local cluster was not running."))
    }
}

extension GlobalOptions {
    /// The embedded cluster, or an error when the settings point at another server.
    func localCluster() throws -> LocalCluster {
        guard case .embedded(let cluster) = target else {
            throw ValidationError(language.text(
                "`db start` dan `db stop` hanya untuk klaster lokal; koneksi sekarang: \(target)",
                "`db start` and `db stop` manage the local cluster only; the connection now is \(target)"))
        }
        return cluster
    }
}
