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
    /// The bytes the documents may hold together: a list of 1,000 employers is 720 KB, a
    /// dossier a tenth of that, so a count alone let the cache grow with the mix (64 lists,
    /// 46 MB, while imports kept changing the version under the inspectors).
    private let byteLimit: Int
    private var bytes = 0

    init(limit: Int = 64, byteLimit: Int = 24 << 20) {
        self.limit = limit
        self.byteLimit = byteLimit
    }

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
            if let replaced = entries.updateValue((text, clock), forKey: key) { bytes -= replaced.text.utf8.count }
            bytes += text.utf8.count
            // The least recently used go first, the new one last of all (a document larger than
            // the whole budget is served, not kept).
            while entries.count > limit || (bytes > byteLimit && !entries.isEmpty),
                let oldest = entries.min(by: { $0.value.used < $1.value.used })
            {
                entries[oldest.key] = nil
                bytes -= oldest.value.text.utf8.count
            }
        }
        return text
    }
}
