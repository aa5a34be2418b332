import Foundation

/// Runs `side` on a thread of its own, with a connection of its own that `connect` opens,
/// while `main` runs on the calling thread; returns both results once both have ended. An error
/// of either is thrown (`main`'s first); the side's connection is closed when it ends.
///
/// Two statements that do not depend on each other then run at once on the server, each in its
/// own backend (and so on its own core).
public func concurrently<Main, Side: Sendable>(
    _ main: () throws -> Main, side: @escaping @Sendable (Connection) throws -> Side,
    connect: @escaping @Sendable () throws -> Connection
) throws -> (Main, Side) {
    let outcome = SideOutcome<Side>()
    let thread = Thread {
        outcome.finish(Result { try side(try connect()) })
    }
    thread.start()
    let mainResult = Result { try main() }
    let sideResult = outcome.wait()
    return (try mainResult.get(), try sideResult.get())
}

/// The result of the side's work, handed over once.
private final class SideOutcome<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Value, any Error>?

    func finish(_ result: Result<Value, any Error>) {
        self.result = result
        done.signal()
    }

    /// Blocks until `finish`; the semaphore orders the write before this read.
    func wait() -> Result<Value, any Error> {
        done.wait()
        guard let result else { preconditionFailure("the side's work signalled without a result") }
        return result
    }
}
