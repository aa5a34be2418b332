import ArgumentParser
import Compliance
import Foundation
import Postgres
import Reports

/// `periksa query "SQL" --format table|csv|json|md`: one statement in a read-only transaction
/// with a statement timeout, rows streamed. `--write` (admins only) for anything else.
struct QueryCommand: PeriksaCommand {
    static let configuration = CommandConfiguration(
        commandName: "query",
        abstract: "Run one SQL statement read-only (from the argument, --file, or stdin) and print the rows.")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json, md
    }

    @Argument(help: "The statement; omit it (or give -) to read it from stdin.")
    var sql: String?

    @Option(help: "Read the statement from this file.")
    var file: String?

    @Option(help: "table, csv, json or md.")
    var format: Format = .table

    @Option(help: "Statement timeout in seconds.")
    var timeout = 60

    @Flag(help: "Allow a statement that changes data (admins only); committed when it succeeds.")
    var write = false

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        if sql != nil && sql != "-" && file != nil { throw ValidationError("give the statement or --file, not both") }
        guard (1...86_400).contains(timeout) else { throw ValidationError("--timeout takes 1 to 86400 seconds") }
    }

    func statement() throws -> String {
        if let file {
            do { return try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw ValidationError("cannot read \(file): \(error.localizedDescription)")
            }
        }
        if let sql, sql != "-" { return sql }
        return String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    }

    func execute() throws {
        let language = global.language
        let text = try statement()
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationError(language.text("pernyataan SQL kosong", "the SQL statement is empty"))
        }
        let connection = try global.connect()
        if write {
            guard try AnalystQuery.mayWrite(connection) else {
                throw ValidationError(
                    language.text(
                        "--write hanya untuk admin (periksa_admin)", "--write is for admins (periksa_admin) only"))
            }
        }
        let printer = RowPrinter(format: format, language: language)
        do {
            try AnalystQuery.run(text, write: write, timeoutSeconds: timeout, on: connection) { printer.add($0) }
        } catch let error as PostgresError {
            printer.finish()
            throw QueryError(error: error, sql: text, language: language)
        }
        printer.finish()
    }
}

/// A SQL error with the statement's line and a caret under the position the server names.
struct QueryError: Error, CustomStringConvertible {
    var error: PostgresError
    var sql: String
    var language: Language

    var description: String {
        var message = language.text("kesalahan SQL: ", "SQL error: ") + error.description
        if error.sqlState?.rawValue == "25006" {
            message +=
                "\n"
                + language.text(
                    "Perintah ini mengubah data: tambahkan --write (hanya admin).",
                    "This statement changes data: add --write (admins only).")
        }
        if error.sqlState?.rawValue == "57014" {
            message +=
                "\n"
                + language.text("Batas waktu pernyataan tercapai (--timeout).", "The statement timed out (--timeout).")
        }
        guard let position = error.position, position >= 1 else { return message }
        // The server counts characters from 1 over the whole text.
        let characters = Array(sql)
        let offset = min(position - 1, characters.count)
        let lineStart = characters[..<offset].lastIndex(of: "\n").map { $0 + 1 } ?? 0
        let lineEnd = characters[offset...].firstIndex(of: "\n") ?? characters.count
        let lineNumber = characters[..<offset].filter { $0 == "\n" }.count + 1
        let line = String(characters[lineStart..<lineEnd])
        let prefix = language.text("baris \(lineNumber): ", "line \(lineNumber): ")
        return message + "\n" + prefix + line + "\n" + String(repeating: " ", count: prefix.count + offset - lineStart)
            + "^"
    }
}

/// Prints rows as they arrive: CSV, JSON and Markdown at once; a table from the first 1,000
/// rows' widths (later rows keep the widths, longer values widen their cell).
final class RowPrinter {
    let format: QueryCommand.Format
    let out = OutputBuffer()
    var names: [String]?
    var types: [PostgresDataType] = []
    var pending: [[String?]] = []
    var widths: [Int] = []
    var count = 0
    var firstJSON = true
    let language: Language
    var bytes: [UInt8] = []

    func flushBytes() {
        FileHandle.standardOutput.write(Data(bytes))
        bytes.removeAll(keepingCapacity: true)
    }

    init(format: QueryCommand.Format, language: Language) { (self.format, self.language) = (format, language) }

    func add(_ row: Row) {
        if names == nil {
            names = row.columnNames
            types = (0..<row.count).map(row.type(at:))
            header()
        }
        count += 1
        if format == .csv {
            // Bytes straight from libpq's buffer to the output, quoted where RFC 4180 needs it.
            for column in 0..<row.count {
                if column > 0 { bytes.append(44) }
                row.withText(column) { buffer in
                    guard let buffer else { return }
                    if buffer.contains(where: { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }) {
                        bytes.append(34)
                        for byte in buffer {
                            if byte == 34 { bytes.append(34) }
                            bytes.append(byte)
                        }
                        bytes.append(34)
                    } else {
                        bytes.append(contentsOf: buffer)
                    }
                }
            }
            bytes.append(10)
            if bytes.count > 1 << 16 { flushBytes() }
            return
        }
        let values: [String?] = (0..<row.count).map { column in
            row.withText(column) { buffer in buffer.map { String(decoding: $0, as: UTF8.self) } }
        }
        switch format {
        case .csv: break
        case .md: out.write("| " + values.map { Escaping.markdownCell($0 ?? "") }.joined(separator: " | ") + " |\n")
        case .json:
            out.write((firstJSON ? "\n  " : ",\n  ") + json(values))
            firstJSON = false
        case .table:
            if widths.isEmpty {
                pending.append(values)
                if pending.count >= 1000 { flushTable() }
            } else {
                tableLine(values)
            }
        }
    }

    func header() {
        guard let names else { return }
        switch format {
        case .csv: bytes.append(contentsOf: Array((names.map(CSV.field).joined(separator: ",") + "\n").utf8))
        case .md:
            out.write("| " + names.map(Escaping.markdownCell).joined(separator: " | ") + " |\n")
            out.write("|" + types.map { numeric($0) ? "---:|" : "---|" }.joined() + "\n")
        case .json: out.write("[")
        case .table: break
        }
    }

    func numeric(_ type: PostgresDataType) -> Bool {
        [.int2, .int4, .int8, .numeric, .float4, .float8, .oid].contains(type)
    }

    func json(_ values: [String?]) -> String {
        var fields: [String] = []
        for (index, value) in values.enumerated() {
            let key = jsonString(names![index])
            let rendered: String
            switch (value, types[index]) {
            case (nil, _): rendered = "null"
            case (let value?, .bool): rendered = value == "t" ? "true" : "false"
            case (let value?, .json), (let value?, .jsonb): rendered = value
            case (let value?, let type) where numeric(type) && Double(value)?.isFinite == true: rendered = value
            case (let value?, _): rendered = jsonString(value)
            }
            fields.append("\(key): \(rendered)")
        }
        return "{" + fields.joined(separator: ", ") + "}"
    }

    func jsonString(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data()
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }

    func flushTable() {
        guard let names else { return }
        widths = names.map(\.count)
        for values in pending {
            for (index, value) in values.enumerated() { widths[index] = max(widths[index], (value ?? "").count) }
        }
        tableLine(names)
        out.write(widths.map { String(repeating: "-", count: $0) }.joined(separator: "-+-") + "\n")
        for values in pending { tableLine(values) }
        pending = []
    }

    func tableLine(_ values: [String?]) {
        let cells = values.enumerated().map { index, value -> String in
            let text = value ?? ""
            let padding = String(repeating: " ", count: max(0, widths[index] - text.count))
            return numeric(types[index]) ? padding + text : text + padding
        }
        out.write(cells.joined(separator: " | ") + "\n")
    }

    func finish() {
        switch format {
        case .table:
            if widths.isEmpty { flushTable() }
            out.flush()
            printNote("(\(count) " + language.text("baris", count == 1 ? "row" : "rows") + ")")
        case .json:
            if names == nil { out.write("[") }
            out.write(firstJSON ? "]\n" : "\n]\n")
            out.flush()
        case .csv:
            out.flush()
            flushBytes()
        case .md:
            out.flush()
        }
    }
}
