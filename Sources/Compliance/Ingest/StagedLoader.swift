import Foundation
import Postgres
import SQLFiles

/// What a kind of file whose rows have a replacement unit supplies to `StagedLoader`: its
/// staging columns, how a record is validated, the problem of a duplicated unit and the
/// statement that moves the valid rows into place.
protocol StagedRows {
    /// The staging columns after the fixed ones, with their SQL types.
    var stagingColumns: [(name: String, type: String)] { get }
    /// Validates a record: its unit (nil when it cannot be told) and its staging values.
    func validate(_ field: Fields, problems: inout [Problem]) -> (unit: String?, values: [String?])
    /// The reason given to every row of a duplicated unit.
    func duplicateProblem(unit: String, lines: String, language: Language) -> Problem
    /// The file of `SQL/queries` whose statement moves the valid staged rows
    /// (`pg_temp.periksa_staging`) into place; `$1` is the import.
    var upsertFile: String { get }
}

/// The kinds whose rows have a replacement unit that must be unique in the file (employers
/// by npp, workforce by source–identifier–period, minimum wages by region–year, inspections
/// by npp–date): two rows with one unit are both rejected, which is known only at the end.
/// Rows are staged in a temporary table, duplicates found there, and the rest upserted.
final class StagedLoader<Rows: StagedRows>: KindLoader {
    let rows: Rows

    init(_ rows: Rows) { self.rows = rows }

    private var columns: ColumnMap!
    private var writer: CopyWriter?
    /// Staged rows that have problems of their own: line → (raw record, problems).
    private var rowProblems: [Int: (raw: String, problems: [Problem])] = [:]

    func begin(_ session: ImportSession, columns: ColumnMap) throws {
        self.columns = columns
        let extra = rows.stagingColumns.map { "\($0.name) \($0.type)" }.joined(separator: ", ")
        try session.connection.execute(
            unsafeSQL: """
                create temp table periksa_staging (
                    line_number integer primary key, raw_line text not null, unit text not null,
                    has_problems boolean not null, \(extra)
                ) on commit drop
                """)
        let names = rows.stagingColumns.map(\.name).joined(separator: ", ")
        writer = try session.connection.startCopy(
            "copy pg_temp.periksa_staging (line_number, raw_line, unit, has_problems, \(unsafeSQL: names)) from stdin")
    }

    func process(_ reader: CSVReader, _ session: ImportSession) throws -> RecordOutcome {
        var problems: [Problem] = []
        let (unit, values) = rows.validate(Fields(reader: reader, columns: columns), problems: &problems)
        guard let unit, let writer else { return .rejected(problems) }
        let raw = reader.rawRecord
        if !problems.isEmpty { rowProblems[reader.line] = (raw, problems) }
        writer.appendField(String(reader.line))
        writer.appendField(raw)
        writer.appendField(unit)
        writer.appendField(problems.isEmpty ? "f" : "t")
        for value in values {
            if let value { writer.appendField(value) } else { writer.appendNull() }
        }
        try writer.endRow()
        return .accepted
    }

    func end(_ session: ImportSession) throws {
        try writer?.finish()
        let connection = session.connection
        var rejected: [Int] = []
        try connection.stream(PostgresQuery(unsafeSQL: SQLFiles.text(of: "staged_duplicates.sql", in: "queries"))) {
            row in
            let (line, raw, unit, lines) = try row.decode((Int, String, String, String).self)
            let shownLines = lines.split(separator: ",").compactMap { Int($0) }.map {
                Formatting.count($0, session.language)
            }
            .joined(separator: ", ")
            var problems = rowProblems.removeValue(forKey: line)?.problems ?? []
            problems.append(rows.duplicateProblem(unit: unit, lines: shownLines, language: session.language))
            session.spool.add(line: line, raw: raw, problems: problems)
            rejected.append(line)
        }
        for (line, entry) in rowProblems.sorted(by: { $0.key < $1.key }) {
            session.spool.add(line: line, raw: entry.raw, problems: entry.problems)
        }
        guard session.shouldWrite else { return }
        try connection.execute(
            """
            delete from pg_temp.periksa_staging
            where has_problems or line_number = any(\(rejected)::int[])
            """)
        try connection.execute(
            PostgresQuery(unsafeSQL: SQLFiles.text(of: rows.upsertFile, in: "queries"), binds: [session.importID]))
    }

}

/// The field checks every staged kind shares.
extension StagedRows {
    /// A required text column of at most `maximum` characters.
    func requiredText(_ field: Fields, _ column: String, maximum: Int?, _ problems: inout [Problem]) -> String? {
        required(field, column, &problems) { bytes in
            FieldRules.text(bytes, column: column, maximum: maximum).map { .failure($0) }
                ?? .success(FieldRules.text(bytes))
        }
    }

    /// A required column of exactly `count` digits.
    func requiredDigits(_ field: Fields, _ column: String, count: Int, _ problems: inout [Problem]) -> String? {
        required(field, column, &problems) { bytes in
            FieldRules.fixedDigits(bytes, count: count, column: column).map { .failure($0) }
                ?? .success(FieldRules.text(bytes))
        }
    }

    /// The value of a rule, with its problem recorded.
    func value<T>(_ result: Result<T, Problem>, _ problems: inout [Problem]) -> T? {
        switch result {
        case .success(let value): return value
        case .failure(let problem):
            problems.append(problem)
            return nil
        }
    }

    /// A required column checked by `rule`.
    func required<T>(
        _ field: Fields, _ column: String, _ problems: inout [Problem],
        _ rule: (UnsafeBufferPointer<UInt8>) -> Result<T, Problem>
    ) -> T? {
        let bytes = field(column)
        guard !bytes.isEmpty else {
            problems.append(Fields.required(column))
            return nil
        }
        return value(rule(bytes), &problems)
    }
}
