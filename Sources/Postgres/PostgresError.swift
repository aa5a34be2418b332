/// An error from PostgreSQL or from this wrapper, with the server's diagnostic fields.
///
/// The plain `description` is safe to print and log: it never shows bound values nor the
/// parts of the server's text that may quote them (the `detail` of a unique violation, the
/// offending input of a data exception). `debugDescription` shows everything.
public struct PostgresError: Error, CustomStringConvertible, CustomDebugStringConvertible, Sendable {
    /// Where the error comes from.
    public enum Kind: Sendable, Equatable {
        /// The connection could not be made or was lost.
        case connection
        /// The server rejected a statement (see `sqlState`).
        case server
        /// A value could not be decoded into the Swift type asked for.
        case decoding
        /// The wrapper was used in a way libpq refuses (for example two statements at once).
        case client
    }

    public var kind: Kind
    /// The SQLSTATE, for `.server` errors (and for connection errors reported by the server).
    public var sqlState: SQLState?
    /// `ERROR`, `FATAL` or `PANIC`, for server errors.
    public var severity: String?
    /// The primary message.
    public var message: String
    /// The server's detail, which may quote data values: only in `debugDescription`.
    public var detail: String?
    public var hint: String?
    /// 1-based character position of the error in the SQL text, when the server gives one.
    public var position: Int?
    /// The server's context (for COPY: `COPY t, line 5, column wage: "…"`); may quote data.
    public var context: String?
    public var schema: String?
    public var table: String?
    public var column: String?
    public var constraint: String?
    /// The SQL text of the statement (parameters are `$1`, `$2`, …, never the values).
    public var sql: String?

    public init(
        kind: Kind, message: String, sqlState: SQLState? = nil, severity: String? = nil,
        detail: String? = nil, hint: String? = nil, position: Int? = nil, context: String? = nil,
        schema: String? = nil, table: String? = nil, column: String? = nil,
        constraint: String? = nil, sql: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.sqlState = sqlState
        self.severity = severity
        self.detail = detail
        self.hint = hint
        self.position = position
        self.context = context
        self.schema = schema
        self.table = table
        self.column = column
        self.constraint = constraint
        self.sql = sql
    }

    /// The server went away during a session: it was shut down or crashed (57P01–57P03), or
    /// the connection broke. Not a server that could not be reached in the first place.
    public var serverWentAway: Bool {
        guard let sqlState else { return false }
        return ["57P01", "57P02", "57P03"].contains(sqlState.rawValue)
            || (kind == .connection && sqlState.rawValue.hasPrefix("08"))
    }

    /// For an error raised during `COPY … FROM STDIN`: the 1-based number of the data line the
    /// server complained about, read from its context.
    public var copyLine: Int? {
        guard let context, let range = context.range(of: ", line ") else { return nil }
        let digits = context[range.upperBound...].prefix(while: \.isNumber)
        return Int(digits)
    }

    public var description: String {
        var text = ""
        if let sqlState { text += "\(severity ?? "ERROR") \(sqlState): " }
        text += Self.redacted(message, sqlState: sqlState)
        if let constraint { text += " (constraint \(constraint))" }
        if let copyLine { text += " (COPY line \(copyLine))" }
        if let hint { text += "\nHint: \(hint)" }
        return text
    }

    public var debugDescription: String {
        var lines = ["\(kind) \(sqlState?.rawValue ?? "-"): \(message)"]
        if let detail { lines.append("detail: \(detail)") }
        if let hint { lines.append("hint: \(hint)") }
        if let context { lines.append("context: \(context)") }
        if let position { lines.append("position: \(position)") }
        if let table { lines.append("table: \(schema.map { "\($0)." } ?? "")\(table)") }
        if let column { lines.append("column: \(column)") }
        if let constraint { lines.append("constraint: \(constraint)") }
        if let sql { lines.append("sql: \(sql)") }
        return lines.joined(separator: "\n")
    }

    /// Messages of data exceptions (class 22) quote the offending input, which may be a NIK or
    /// a wage: the quoted parts are replaced by `"…"`.
    static func redacted(_ message: String, sqlState: SQLState?) -> String {
        guard sqlState?.errorClass == "22" else { return message }
        var out = ""
        var inQuote = false
        for character in message {
            if character == "\"" {
                if inQuote { out += "…\"" } else { out.append(character) }
                inQuote.toggle()
            } else if !inQuote {
                out.append(character)
            }
        }
        return out
    }
}
