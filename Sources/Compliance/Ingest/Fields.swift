import Foundation

/// Reads the fields of the current record by column name.
struct Fields {
    let reader: CSVReader
    let columns: ColumnMap

    /// The value of `column`; empty when the header has no such column.
    func callAsFunction(_ column: String) -> UnsafeBufferPointer<UInt8> {
        guard let index = columns.index(column) else { return UnsafeBufferPointer(start: nil, count: 0) }
        return reader.field(index)
    }

    func isPresent(_ column: String) -> Bool { !self(column).isEmpty }

    func string(_ column: String) -> String { String(decoding: self(column), as: UTF8.self) }

    /// The "required" problem for an empty required column.
    static func required(_ column: String) -> Problem {
        Problem(column: column, rule: "required", indonesian: "wajib diisi", english: "is required")
    }
}
