import Foundation
import Postgres

/// Past imports and their rejections, as `periksa imports` shows them.
public struct ImportHistory {
    let connection: Connection

    public init(connection: Connection) { self.connection = connection }

    /// One import.
    public struct Entry: Sendable {
        public let id: Int
        public let kind: String
        public let fileName: String
        public let sha256: String
        public let status: String
        public let rowsRead: Int
        public let rowsLoaded: Int
        public let rowsRejected: Int
        public let finishedAt: Date
        public let importedBy: String
    }

    /// One rejected line.
    public struct Rejection: Sendable {
        public let line: Int
        public let rawLine: String
        /// (column, message) pairs, in the language of the import.
        public let reasons: [(column: String?, message: String)]
    }

    private static let columns =
        "import_id, kind, file_name, file_sha256, status, rows_read, rows_loaded, rows_rejected, finished_at, imported_by"

    private func entry(_ row: Row) throws -> Entry {
        let (id, kind, fileName, sha, status, read, loaded, rejected) = try row.decode(
            (Int, String, String, String, String, Int32, Int32, Int32).self)
        return Entry(
            id: id, kind: kind, fileName: fileName, sha256: sha, status: status, rowsRead: Int(read),
            rowsLoaded: Int(loaded), rowsRejected: Int(rejected), finishedAt: try row.decode(Date.self, at: 8),
            importedBy: try row.decode(String.self, at: 9))
    }

    /// The most recent imports, newest first.
    public func list(limit: Int) throws -> [Entry] {
        try connection.query(
            "select \(unsafeSQL: Self.columns) from periksa.imports order by import_id desc limit \(limit)"
        ).map(entry)
    }

    /// One import, or nil.
    public func find(_ id: Int) throws -> Entry? {
        try connection.queryFirst("select \(unsafeSQL: Self.columns) from periksa.imports where import_id = \(id)").map(
            entry)
    }

    /// Streams the rejections of an import in line order, with messages in `language`.
    public func rejections(of id: Int, language: Language, _ body: (Rejection) throws -> Void) throws {
        try connection.stream(
            """
            select line_number, raw_line, reasons::text from periksa.import_rejections
            where import_id = \(id) order by line_number
            """
        ) { row in
            let (line, raw, json) = try row.decode((Int32, String, String).self)
            let stored: [StoredProblem]
            do {
                stored = try JSONDecoder().decode([StoredProblem].self, from: Data(json.utf8))
            } catch {
                throw ImportError.malformedRejection(importID: id, line: Int(line))
            }
            try body(
                Rejection(
                    line: Int(line), rawLine: raw,
                    reasons: stored.map { ($0.column, language.text($0.indonesian, $0.english)) }))
        }
    }
}
