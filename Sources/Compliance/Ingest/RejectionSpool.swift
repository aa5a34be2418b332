import Foundation
import Postgres

/// Collects the rejected rows of an import in private temporary files (COPY text format), so
/// that any number of them costs no memory, and loads them at the end: each distinct reason
/// once into `periksa.import_problems`, each rejected line with the numbers of its reasons
/// into `periksa.import_rejected_lines` (read together as the view `periksa.import_rejections`).
/// Keeps the first few for the summary, and whether every rejection so far had the same rules.
final class RejectionSpool {
    /// A rejected row as the summary shows it.
    struct Entry: Sendable {
        let line: Int
        let problems: [Problem]
    }

    private let lines: UnsafeMutablePointer<FILE>
    private let reasons: UnsafeMutablePointer<FILE>
    private let language: Language
    private let importID: String
    private(set) var count = 0
    private(set) var first: [Entry] = []
    private let keep = 10
    /// The number of each reason seen, while there are not too many of them: a file can hold a
    /// different shown value on every line, and memory stays bounded (a reason seen again after
    /// that is stored again under a new number).
    private var numbers: [Problem: Int32] = [:]
    private let remembered = 100_000
    private var lastNumber: Int32 = 0
    /// The rules of the first rejection, while every rejection since had the same ones.
    private(set) var commonRules: [String]?
    private var mixedRules = false
    private var buffer: [UInt8] = []

    init(importID: Int, language: Language) throws {
        self.language = language
        self.importID = String(importID)
        // tmpfile(3): created with mode 0600 and already unlinked, so it vanishes with the
        // process. Raw lines can hold personal data.
        guard let lines = tmpfile() else {
            throw ImportError.unreadable(path: "tmpfile", reason: String(cString: strerror(errno)))
        }
        guard let reasons = tmpfile() else {
            fclose(lines)
            throw ImportError.unreadable(path: "tmpfile", reason: String(cString: strerror(errno)))
        }
        self.lines = lines
        self.reasons = reasons
        buffer.reserveCapacity(4096)
    }

    deinit {
        fclose(lines)
        fclose(reasons)
    }

    /// Records one rejected row with every reason.
    func add(line: Int, raw: String, problems: [Problem]) {
        count += 1
        // Keep the rejections with the smallest line numbers (staged rows come in at the end).
        if first.count < keep || line < first[first.count - 1].line {
            let position = first.firstIndex { $0.line > line } ?? first.count
            first.insert(Entry(line: line, problems: problems), at: position)
            if first.count > keep { first.removeLast() }
        }
        if !mixedRules {
            if let commonRules {
                if !problems.map(\.rule).elementsEqual(commonRules) {
                    mixedRules = true
                    self.commonRules = nil
                }
            } else {
                commonRules = problems.map(\.rule)
            }
        }
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: importID.utf8)
        buffer.append(0x09)
        buffer.append(contentsOf: String(line).utf8)
        buffer.append(0x09)
        var raw = raw
        raw.withUTF8 { CopyText.escape($0, into: &buffer) }
        buffer.append(0x09)
        buffer.append(UInt8(ascii: "{"))
        for (index, problem) in problems.enumerated() {
            if index > 0 { buffer.append(UInt8(ascii: ",")) }
            buffer.append(contentsOf: String(number(of: problem)).utf8)
        }
        buffer.append(UInt8(ascii: "}"))
        buffer.append(0x0A)
        buffer.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, lines) }
    }

    /// The number of `problem` in this import, spooling it when it is new.
    private func number(of problem: Problem) -> Int32 {
        if let known = numbers[problem] { return known }
        lastNumber += 1
        if numbers.count < remembered { numbers[problem] = lastNumber }
        var fields: [UInt8] = []
        for (index, field) in [
            importID, String(lastNumber), problem.column, problem.rule, problem.message(language), problem.indonesian,
            problem.english,
        ].enumerated() {
            if index > 0 { fields.append(0x09) }
            guard var field else {
                fields.append(contentsOf: "\\N".utf8)
                continue
            }
            field.withUTF8 { CopyText.escape($0, into: &fields) }
        }
        fields.append(0x0A)
        fields.withUnsafeBufferPointer { _ = fwrite($0.baseAddress, 1, $0.count, reasons) }
        return lastNumber
    }

    /// Loads every recorded rejection.
    func store(on connection: Connection) throws {
        guard count > 0 else { return }
        // A short write (a full temporary folder) must not store lines whose reasons are missing.
        guard fflush(lines) == 0, fflush(reasons) == 0, ferror(lines) == 0, ferror(reasons) == 0 else {
            throw ImportError.unreadable(
                path: "tmpfile",
                reason: "the rejected rows could not be written aside: \(String(cString: strerror(errno)))")
        }
        try connection.copyIn(
            """
            copy periksa.import_problems (import_id, problem_id, column_name, rule, message, message_id, message_en)
            from stdin
            """, spooled: reasons)
        try connection.copyIn(
            "copy periksa.import_rejected_lines (import_id, line_number, raw_line, problem_ids) from stdin",
            spooled: lines)
    }
}

/// One reason a row was rejected, as `periksa.import_rejections.reasons` shows it.
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
