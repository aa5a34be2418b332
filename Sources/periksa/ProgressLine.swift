import Foundation

/// The progress line of a long command (import, audit, refresh): one line on stderr, redrawn
/// in place, when stderr is a terminal; silent when piped, so scripts and logs get only results.
final class ProgressLine: @unchecked Sendable {
    /// Whether stderr is a terminal (nothing is shown otherwise).
    let enabled: Bool
    private let started = Date()
    private var lastShown = Date.distantPast
    private var shown = false

    init(enabled: Bool = isatty(STDERR_FILENO) == 1) { self.enabled = enabled }

    /// Seconds since the command began (never 0, for rates).
    var elapsed: Double { max(Date().timeIntervalSince(started), 0.001) }

    /// Shows `text`, at most twice a second unless `now` (a new step is worth showing at once).
    func show(_ text: String, now: Bool = false) {
        guard enabled, now || Date().timeIntervalSince(lastShown) >= 0.5 else { return }
        lastShown = Date()
        FileHandle.standardError.write(Data("\r\(text)\u{1B}[K".utf8))
        shown = true
    }

    /// Removes the line before the command writes its results.
    func clear() {
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
        shown = false
    }
}
