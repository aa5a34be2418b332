/// A statement and its bound parameters.
///
/// Interpolated values become parameters (`$1`, `$2`, …), never SQL text:
///
///     let query: PostgresQuery = "select name from employers where npp = \(npp)"
///
/// Text that must be part of the SQL itself (an identifier chosen by the program, never by
/// a user) goes through `\(unsafeSQL: …)`.
public struct PostgresQuery: Sendable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The SQL text with `$n` placeholders.
    public var sql: String
    /// The parameters, in text format; nil is SQL NULL.
    public var binds: [String?]
    /// The declared type of each parameter (`.unspecified` lets the server infer it).
    public var types: [PostgresDataType]

    /// A statement whose SQL text is taken as it is, with explicit parameters.
    public init(unsafeSQL sql: String, binds: [any PostgresEncodable] = []) {
        self.sql = sql
        self.binds = binds.map(\.postgresText)
        self.types = binds.map { type(of: $0).postgresType }
    }

    public init(stringLiteral value: String) {
        self.init(unsafeSQL: value)
    }

    public init(stringInterpolation: StringInterpolation) {
        sql = stringInterpolation.sql
        binds = stringInterpolation.binds
        types = stringInterpolation.types
    }

    /// The SQL text only: parameters are never printed.
    public var description: String { sql }

    /// Builds the SQL text and the parameter list of an interpolated query.
    public struct StringInterpolation: StringInterpolationProtocol {
        var sql = ""
        var binds: [String?] = []
        var types: [PostgresDataType] = []

        public init(literalCapacity: Int, interpolationCount: Int) {
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            binds.reserveCapacity(interpolationCount)
            types.reserveCapacity(interpolationCount)
        }

        public mutating func appendLiteral(_ literal: String) {
            sql += literal
        }

        /// Binds `value` as the next parameter.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value) {
            binds.append(value.postgresText)
            types.append(Value.postgresType)
            sql += "$\(binds.count)"
        }

        /// Binds `value` as the next parameter, NULL when nil.
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            binds.append(value?.postgresText)
            types.append(Value.postgresType)
            sql += "$\(binds.count)"
        }

        /// Inserts program-chosen SQL text as it is.
        public mutating func appendInterpolation(unsafeSQL text: String) {
            sql += text
        }
    }
}
