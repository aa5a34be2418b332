import Foundation
import Postgres

/// Collects the rejected rows of an import in a private temporary file (COPY text format),
/// so that any number of them costs no memory, and loads them into
/// `periksa.import_rejections` at the end. Keeps the first few for the summary.
final class RejectionSpool {
    /// A rejected row as the summary shows it.
    struct Entry: Sendable {
        let line: Int
        let problems: [Problem]
    }

    private let file: UnsafeMutablePointer<FILE>
    private let language: Language
    private(set) var count = 0
    private(set) var first: [Entry] = []
    private let keep = 10

    init(language: Language) throws {
        self.language = language
        // tmpfile(3): created with mode 0600 and already unlinked, so it vanishes with the
        // process. Raw lines can hold personal data.
        guard let file = tmpfile() else {
            throw ImportError.unreadable(path: "tmpfile", reason: String(cString: strerror(errno)))
        }
        self.file = file
    }

    deinit { fclose(file) }

    /// Records one rejected row with every reason.
    func add(line: Int, raw: String, problems: [Problem]) {
        count += 1
        // Keep the rejections with the smallest line numbers (staged rows come in at the end).
        if first.count < keep || line < first[first.count - 1].line {
            let position = first.firstIndex { $0.line > line } ?? first.count
            first.insert(Entry(line: line, problems: problems), at: position)
            if first.count > keep { first.removeLast() }
        }
        let reasonsJSON = Self.json(problems, language: language)
        var text = String(line) + "\t" + CopyText.escape(raw) + "\t" + CopyText.escape(reasonsJSON) + "\n"
        text.withUTF8 { _ = fwrite($0.baseAddress, 1, $0.count, file) }
    }

    /// Loads every recorded rejection into `periksa.import_rejections`.
    func store(importID: Int, on connection: Connection) throws {
        try connection.copyIn(
            "copy pg_temp.periksa_rejections (line_number, raw_line, reasons) from stdin", spooled: file)
        try connection.execute(
            """
            insert into periksa.import_rejections (import_id, line_number, raw_line, reasons)
            select \(importID), line_number, raw_line, reasons from pg_temp.periksa_rejections order by line_number
            """)
    }

    /// Creates the temporary table `store` loads through (dropped at commit).
    static func prepare(on connection: Connection) throws {
        try connection.execute(
            unsafeSQL: """
                create temp table periksa_rejections (line_number integer, raw_line text, reasons jsonb) on commit drop
                """)
    }

    /// `[{"column": …, "rule": …, "message": …, "message_id": …, "message_en": …}]`: the
    /// message in the import's language, and in both, so any reader gets their own.
    static func json(_ problems: [Problem], language: Language) -> String {
        let stored = problems.map {
            StoredProblem(
                column: $0.column, rule: $0.rule, message: $0.message(language), indonesian: $0.indonesian,
                english: $0.english)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Strings and optionals only: encoding cannot fail.
        guard let data = try? encoder.encode(stored) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }
}

/// One reason a row was rejected, as `periksa.import_rejections.reasons` keeps it.
struct StoredProblem: Codable, Sendable {
    var column: String?
    var rule: String
    /// In the language of the import.
    var message: String
    var indonesian: String
    var english: String

    enum CodingKeys: String, CodingKey {
        case column, rule, message
        case indonesian = "message_id"
        case english = "message_en"
    }
}
