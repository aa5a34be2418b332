import ArgumentParser
import Compliance

/// `periksa db stop`: stops the local cluster.
struct DatabaseStop: PeriksaCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop the local PostgreSQL cluster.")

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let cluster = try global.localCluster()
        let stopped = try cluster.stop()
        print(
            stopped
                ? global.language.text("Klaster lokal dihentikan.", "Local cluster stopped.")
                : global.language.text("Klaster lokal tidak sedang berjalan.", "The local cluster was not running."))
    }
}
