import ArgumentParser
import Compliance

/// `periksa db stop`: stops the local cluster.
struct DatabaseStop: PeriksaCommand {
    static let configuration = CommandConfiguration(commandName: "stop", abstract: "Stop the local PostgreSQL cluster.")

    @Flag(
        help: """
            Stop at once: end every session without waiting and without a checkpoint, as a crash \
            would (the next start recovers from the write-ahead log). Open transactions are lost.
            """)
    var immediate = false

    @OptionGroup var global: GlobalOptions

    func execute() throws {
        let cluster = try global.localCluster()
        let stopped = try cluster.stop(immediately: immediate)
        print(
            stopped
                ? global.language.text("Klaster lokal dihentikan.", "Local cluster stopped.")
                : global.language.text("Klaster lokal tidak sedang berjalan.", "The local cluster was not running."))
    }
}
