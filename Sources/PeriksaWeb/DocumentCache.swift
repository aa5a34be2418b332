import Foundation
import Postgres

/// Rendered documents kept while the data they were made from is unchanged: an audit list of
/// 1,000 employers is a 720 KB page that takes about as long to render as to query, and the
/// inspectors of a branch open the same list all day. A document is reused only for the same
/// page, the same scope (the branches the database lets the session see) and the same data
/// version; anything that can change it (a finished run, an import, a case opened or an event
/// recorded) changes the version. The least recently used of `limit` documents goes first.
final class DocumentCache: @unchecked Sendable {
    struct Key: Hashable {
        /// What the document was made from (`DocumentCache.version`).
        var version: String
        /// What the session may see (`DocumentCache.scope`).
        var scope: String
        /// The page: its path and checked parameters.
        var page: String
    }

    private let lock = NSLock()
    private var entries: [Key: (text: String, used: UInt64)] = [:]
    private var clock: UInt64 = 0
    private let limit: Int

    init(limit: Int = 64) { self.limit = limit }

    /// The data version and the scope of the session, in one statement: the latest finished run
    /// and import, the latest case and case event the session sees; whether it sees every
    /// branch, else which.
    static func versionAndScope(_ connection: Connection) throws -> (version: String, scope: String) {
        guard
            let row = try connection.queryFirst(
                """
                select concat_ws(':', (select max(run_id) from periksa.runs where status = 'finished'),
                                 (select max(import_id) from periksa.imports),
                                 (select max(case_id) from periksa.cases),
                                 (select max(event_id) from periksa.case_events)),
                       case when analytics.sees_every_branch() then '*'
                            else array_to_string(analytics.visible_branch_codes(), ',') end
                """)
        else { return ("", "") }
        return (try row.decode(String.self, at: 0), try row.decode(String?.self, at: 1) ?? "")
    }

    /// The document of `key`, or the one `make` renders (kept for the next request).
    func document(_ key: Key, _ make: () throws -> String) rethrows -> String {
        if let text = lock.withLock({ () -> String? in
            clock += 1
            guard let entry = entries[key] else { return nil }
            entries[key] = (entry.text, clock)
            return entry.text
        }) {
            return text
        }
        let text = try make()
        lock.withLock {
            clock += 1
            entries[key] = (text, clock)
            if entries.count > limit, let oldest = entries.min(by: { $0.value.used < $1.value.used })?.key {
                entries[oldest] = nil
            }
        }
        return text
    }
}
