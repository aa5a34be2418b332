import Foundation
import Postgres

/// Collects the rejected rows of an import in private temporary files (COPY's binary format
/// for the lines, text for the reasons), so that any number of them costs no memory, and loads
/// them at the end (or, while nothing else needs the connection, as they come): each distinct reason
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
    /// The lines' binary rows, into `lines`.
    private let spooled: CopyWriter
    private var spooledRows = 0
    private let language: Language
    private let importID: String
    private let importNumber: Int64
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
    private var numbersOfRow: [Int32] = []
    /// The reasons of the previous rejected row, by position, with their numbers.
    private var previous: [(problem: Problem, number: Int32)] = []
    /// While nothing else needs the connection (a file whose first rows are all rejected), the
    /// lines go straight to the server in a COPY of their own, and the server stores them while
    /// the reader reads on; from the first statement the import needs, they are spooled.
    private var idleConnection: Connection?
    private var live: CopyWriter?
    private var liveError: (any Error)?

    init(importID: Int, language: Language) throws {
        self.language = language
        self.importID = String(importID)
        importNumber = Int64(importID)
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
        spooled = CopyWriter(spoolingTo: lines)
    }

    deinit {
        fclose(lines)
        fclose(reasons)
    }

    /// Records one rejected row with every reason.
    func add(line: Int, raw: String, problems: [Problem]) {
        var raw = raw
        raw.withUTF8 { add(line: line, raw: $0, problems: problems) }
    }

    /// Records one rejected row from its bytes (the reader's, valid until its next record).
    func add(line: Int, raw: UnsafeBufferPointer<UInt8>, problems: [Problem]) {
        count += 1
        // Keep the rejections with the smallest line numbers (staged rows come in at the end).
        if first.count < keep || line < first[first.count - 1].line {
            let position = first.firstIndex { $0.line > line } ?? first.count
            first.insert(Entry(line: line, problems: problems), at: position)
            if first.count > keep { first.removeLast() }
        }
        if !mixedRules {
            if let commonRules {
                if commonRules.count != problems.count || !zip(commonRules, problems).allSatisfy({ $0 == $1.rule }) {
                    mixedRules = true
                    self.commonRules = nil
                }
            } else {
                commonRules = problems.map(\.rule)
            }
        }
        numbersOfRow.removeAll(keepingCapacity: true)
        for (index, problem) in problems.enumerated() {
            // A file of wrong rows repeats its reasons row after row: the previous row's
            // reason at the same place is compared first (its strings are often the very same
            // storage), before the dictionary hashes it.
            if index < previous.count, previous[index].problem == problem {
                numbersOfRow.append(previous[index].number)
                continue
            }
            let known = number(of: problem)
            if index < previous.count {
                previous[index] = (problem, known)
            } else {
                previous.append((problem, known))
            }
            numbersOfRow.append(known)
        }
        if live == nil, let connection = idleConnection {
            do {
                live = try connection.startCopy(Self.copyLines)
            } catch {
                liveError = error
            }
            idleConnection = nil
        }
        if let live {
            do {
                try write(line: line, raw: raw, into: live)
                return
            } catch {
                // Reported by `pause`; nothing of this import will be kept.
                liveError = error
                live.abort()
                self.live = nil
            }
        }
        // A spool's writer only writes to its file; a short write is found by `store`.
        try? write(line: line, raw: raw, into: spooled)
        spooledRows += 1
    }

    private func write(line: Int, raw: UnsafeBufferPointer<UInt8>, into writer: CopyWriter) throws {
        writer.beginBinaryRow(fields: 4)
        writer.binaryInt64(importNumber)
        writer.binaryInt32(Int32(clamping: line))
        if Self.storable(raw) {
            writer.binaryText(raw)
        } else {
            writer.binaryText(Self.repaired(raw))
        }
        numbersOfRow.withUnsafeBufferPointer { writer.binaryInt32Array($0) }
        try writer.endBinaryRow()
    }

    /// Whether the server takes the bytes as text as they are: UTF-8, without NUL. The lines
    /// rejected for their encoding are exactly those that are not.
    static func storable(_ raw: UnsafeBufferPointer<UInt8>) -> Bool {
        var ascii = true
        for byte in raw {
            if byte == 0 { return false }
            if byte >= 0x80 { ascii = false }
        }
        return ascii || String(validating: raw, as: UTF8.self) != nil
    }

    /// A line as text the server takes: invalid UTF-8 as U+FFFD, NUL as U+2400 (␀), the way
    /// COPY's text format stored them.
    static func repaired(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: raw, as: UTF8.self).replacingOccurrences(of: "\u{0}", with: "\u{2400}")
    }

    static let copyLines: PostgresQuery =
        "copy periksa.import_rejected_lines (import_id, line_number, raw_line, problem_ids) from stdin (format binary)"

    /// Lets the lines go to the server as they come, on `connection`, until `pause`.
    func stream(on connection: Connection) {
        idleConnection = connection
    }

    /// Ends the COPY of the lines, if one runs, without keeping it: the import failed.
    func abandon() {
        idleConnection = nil
        live?.abort()
        live = nil
    }

    /// Gives the connection back before the import's next statement: ends the COPY of the
    /// lines if one runs (from now on they are spooled) and reports its failure, if any.
    func pause() throws {
        idleConnection = nil
        if let live {
            self.live = nil
            live.endBinary()
            _ = try live.finish()
        }
        if let liveError {
            self.liveError = nil
            throw liveError
        }
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
        try pause()
        guard count > 0 else { return }
        spooled.endBinary()
        // A short write (a full temporary folder) must not store lines whose reasons are missing.
        guard (try? spooled.finish()) != nil, fflush(lines) == 0, fflush(reasons) == 0, ferror(lines) == 0,
            ferror(reasons) == 0
        else {
            throw ImportError.unreadable(
                path: "tmpfile",
                reason: "the rejected rows could not be written aside: \(String(cString: strerror(errno)))")
        }
        try connection.copyIn(
            """
            copy periksa.import_problems (import_id, problem_id, column_name, rule, message, message_id, message_en)
            from stdin
            """, spooled: reasons)
        if spooledRows > 0 { try connection.copyIn(Self.copyLines, spooled: lines) }
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
