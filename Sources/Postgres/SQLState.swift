/// A five-character SQLSTATE code sent by the server, with named constants for the codes
/// the project reacts to.
///
/// See the PostgreSQL manual, appendix A, "PostgreSQL Error Codes".
public struct SQLState: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }

    /// The two-character class (`"23"` for integrity constraint violations).
    public var errorClass: String { String(rawValue.prefix(2)) }

    public var description: String { rawValue }

    public static let successfulCompletion = SQLState(rawValue: "00000")
    public static let connectionException = SQLState(rawValue: "08000")
    public static let connectionFailure = SQLState(rawValue: "08006")
    public static let dataException = SQLState(rawValue: "22000")
    public static let numericValueOutOfRange = SQLState(rawValue: "22003")
    public static let invalidDatetimeFormat = SQLState(rawValue: "22007")
    public static let invalidTextRepresentation = SQLState(rawValue: "22P02")
    public static let badCopyFileFormat = SQLState(rawValue: "22P04")
    public static let notNullViolation = SQLState(rawValue: "23502")
    public static let foreignKeyViolation = SQLState(rawValue: "23503")
    public static let uniqueViolation = SQLState(rawValue: "23505")
    public static let checkViolation = SQLState(rawValue: "23514")
    public static let readOnlySQLTransaction = SQLState(rawValue: "25006")
    public static let invalidPassword = SQLState(rawValue: "28P01")
    public static let invalidCatalogName = SQLState(rawValue: "3D000")
    public static let serializationFailure = SQLState(rawValue: "40001")
    public static let deadlockDetected = SQLState(rawValue: "40P01")
    public static let syntaxError = SQLState(rawValue: "42601")
    public static let insufficientPrivilege = SQLState(rawValue: "42501")
    public static let undefinedColumn = SQLState(rawValue: "42703")
    public static let undefinedTable = SQLState(rawValue: "42P01")
    public static let undefinedObject = SQLState(rawValue: "42704")
    public static let duplicateObject = SQLState(rawValue: "42710")
    public static let duplicateDatabase = SQLState(rawValue: "42P04")
    public static let lockNotAvailable = SQLState(rawValue: "55P03")
    public static let queryCanceled = SQLState(rawValue: "57014")
    public static let adminShutdown = SQLState(rawValue: "57P01")
}
