import Foundation
import Postgres

/// What a loader sees of the import it works in.
final class ImportSession {
    let connection: Connection
    let importID: Int
    let language: Language
    let strict: Bool
    let path: String
    let spool: RejectionSpool

    init(connection: Connection, importID: Int, language: Language, strict: Bool, path: String, spool: RejectionSpool) {
        self.connection = connection
        self.importID = importID
        self.language = language
        self.strict = strict
        self.path = path
        self.spool = spool
    }

    /// Whether valid rows are still worth sending: with --strict, one rejection means
    /// nothing will be loaded, so the rest is only validated.
    var shouldWrite: Bool { !(strict && spool.count > 0) }
}
