import CPostgres

/// Owns one `PGresult` and clears it when the last row that reads it is gone.
@usableFromInline
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
    @usableFromInline let result: ResultHandle
    @usableFromInline let index: Int32

    init(result: ResultHandle, index: Int32) {
        self.result = result
        self.index = index
    }

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

    /// The text of column `column` (nil for NULL) and its server type; the bytes stay valid
    /// while the row lives. Non-generic, so the generic decoders below can be inlined into
    /// the caller (and specialised there) without exposing libpq.
    @usableFromInline
    func rawValue(_ column: Int) throws -> (bytes: UnsafeBufferPointer<UInt8>?, type: PostgresDataType) {
        guard column >= 0, column < count else {
            throw PostgresError(
                kind: .decoding, message: "column \(column) is out of range: the result has \(count) columns")
        }
        let type = result.columnType(column)
        if isNull(column) { return (nil, type) }
        let length = Int(PQgetlength(result.pointer, index, Int32(column)))
        let raw = UnsafeRawPointer(PQgetvalue(result.pointer, index, Int32(column))!)
        return (UnsafeBufferPointer(start: raw.assumingMemoryBound(to: UInt8.self), count: length), type)
    }

    /// The error for a value that could not be decoded: names the column and both types.
    @usableFromInline
    func decodingError(column: Int, swiftType: Any.Type) -> PostgresError {
        let what = isNull(column) ? "is NULL and" : "of type \(result.columnType(column))"
        let name = result.columnName(column)
        return PostgresError(
            kind: .decoding, message: "column \"\(name)\" \(what) cannot be decoded as \(swiftType)", column: name)
    }

    /// Decodes column `column` as `T`; NULL only decodes into an `Optional`.
    @inlinable
    public func decode<T: PostgresDecodable>(_: T.Type = T.self, at column: Int) throws -> T {
        let (bytes, type) = try rawValue(column)
        let decoded = bytes.map { T.decode(postgresText: $0, type: type) } ?? T.postgresNull
        guard let decoded else { throw decodingError(column: column, swiftType: T.self) }
        return decoded
    }

    /// Decodes the column named `name` as `T`.
    @inlinable
    public func decode<T: PostgresDecodable>(_: T.Type = T.self, _ name: String) throws -> T {
        try decode(T.self, at: columnIndex(name))
    }
}

@available(*, unavailable)
extension Row: Sendable {}
