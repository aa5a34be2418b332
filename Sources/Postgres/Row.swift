import CPostgres

/// Owns one `PGresult` and clears it when the last row that reads it is gone.
final class ResultHandle {
    let pointer: OpaquePointer

    init(_ pointer: OpaquePointer) { self.pointer = pointer }

    deinit { PQclear(pointer) }

    var rowCount: Int { Int(PQntuples(pointer)) }
    var columnCount: Int { Int(PQnfields(pointer)) }

    func columnName(_ index: Int) -> String { String(cString: PQfname(pointer, Int32(index))) }

    func columnType(_ index: Int) -> PostgresDataType { PostgresDataType(rawValue: PQftype(pointer, Int32(index))) }
}

@available(*, unavailable)
extension ResultHandle: Sendable {}

/// One row of a result. Values are read in place from libpq's buffer, decoded on demand.
public struct Row {
    let result: ResultHandle
    let index: Int32

    /// The number of columns.
    public var count: Int { result.columnCount }

    /// The column names, in order.
    public var columnNames: [String] { (0..<count).map(result.columnName) }

    /// The server type of column `column`.
    public func type(at column: Int) -> PostgresDataType { result.columnType(column) }

    /// Whether the value in column `column` is NULL.
    public func isNull(_ column: Int) -> Bool { PQgetisnull(result.pointer, index, Int32(column)) == 1 }

    /// The index of the column named `name`.
    public func columnIndex(_ name: String) throws -> Int {
        let found = Int(PQfnumber(result.pointer, "\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\""))
        guard found >= 0 else {
            throw PostgresError(kind: .decoding, message: "the result has no column \"\(name)\"")
        }
        return found
    }

    /// The raw text of column `column`, or nil for NULL; valid while the row lives.
    public func withText<T>(_ column: Int, _ body: (UnsafeBufferPointer<UInt8>?) throws -> T) rethrows -> T {
        if isNull(column) { return try body(nil) }
        let length = Int(PQgetlength(result.pointer, index, Int32(column)))
        let raw = PQgetvalue(result.pointer, index, Int32(column))!
        return try raw.withMemoryRebound(to: UInt8.self, capacity: length) {
            try body(UnsafeBufferPointer(start: $0, count: length))
        }
    }

    /// Decodes column `column` as `T`; NULL only decodes into an `Optional`.
    public func decode<T: PostgresDecodable>(_: T.Type = T.self, at column: Int) throws -> T {
        guard column >= 0, column < count else {
            throw PostgresError(
                kind: .decoding, message: "column \(column) is out of range: the result has \(count) columns")
        }
        let type = result.columnType(column)
        let decoded: T? = withText(column) { bytes in
            guard let bytes else { return T.postgresNull }
            return T.decode(postgresText: bytes, type: type)
        }
        guard let decoded else {
            let what = isNull(column) ? "is NULL and" : "of type \(type)"
            throw PostgresError(
                kind: .decoding,
                message: "column \"\(result.columnName(column))\" \(what) cannot be decoded as \(T.self)",
                column: result.columnName(column))
        }
        return decoded
    }

    /// Decodes the column named `name` as `T`.
    public func decode<T: PostgresDecodable>(_: T.Type = T.self, _ name: String) throws -> T {
        try decode(T.self, at: columnIndex(name))
    }

    /// Decodes the first columns of the row as a tuple: `try row.decode((String, Int?).self)`.
    public func decode<each T: PostgresDecodable>(_: (repeat each T).Type) throws -> (repeat each T) {
        var column = 0
        func next<V: PostgresDecodable>(_: V.Type) throws -> V {
            defer { column += 1 }
            return try decode(V.self, at: column)
        }
        return (repeat try next((each T).self))
    }
}

@available(*, unavailable)
extension Row: Sendable {}
