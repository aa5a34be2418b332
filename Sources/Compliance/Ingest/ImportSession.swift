import Foundation
import Postgres

/// What a loader sees of the import it works in.
final class ImportSession {
    let connection: Connection
    let importID: Int
    let language: Language
    let strict: Bool
    let path: String
    let spool: RejectionSpool

    init(connection: Connection, importID: Int, language: Language, strict: Bool, path: String, spool: RejectionSpool) {
        self.connection = connection
        self.importID = importID
        self.language = language
        self.strict = strict
        self.path = path
        self.spool = spool
    }

    /// Whether valid rows are still worth sending: with --strict, one rejection means
    /// nothing will be loaded, so the rest is only validated.
    var shouldWrite: Bool { !(strict && spool.count > 0) }
}

/// The outcome of one record.
enum RecordOutcome {
    /// Written to its table (or staged, for kinds that decide at the end).
    case accepted
    /// Rejected with these reasons.
    case rejected([Problem])
}

/// The per-kind part of an import: validates each record and loads what is valid.
protocol KindLoader: AnyObject {
    /// Prepares the tables (inside the import's transaction), before the first record.
    func begin(_ session: ImportSession, columns: ColumnMap) throws
    /// Validates the current record of `reader` and writes it if it is valid.
    func process(_ reader: CSVReader, _ session: ImportSession) throws -> RecordOutcome
    /// After the last record: the server-side steps (replacement units, rows rejected for
    /// the file as a whole). Rejections it finds go to the session's spool.
    func end(_ session: ImportSession) throws
}

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

/// The registry's NPPs, for the kinds whose rows must name a registered employer.
enum Registry {
    static func npps(on connection: Connection) throws -> Set<String> {
        var registry: Set<String> = []
        try connection.stream("select npp from periksa.employers") {
            registry.insert(try $0.decode(String.self, at: 0))
        }
        return registry
    }

    /// The normalised NPP of a row that must name a registered employer, or nil with the
    /// problems added.
    static func registeredNPP(_ bytes: UnsafeBufferPointer<UInt8>, in registry: Set<String>, problems: inout [Problem])
        -> String?
    {
        guard !bytes.isEmpty else {
            problems.append(Fields.required("npp"))
            return nil
        }
        switch FieldRules.npp(bytes) {
        case .success(let npp):
            guard registry.contains(npp) else {
                problems.append(
                    FieldRules.problem(
                        "npp", "npp_unregistered",
                        "NPP \"\(npp)\" tidak ada di registri pemberi kerja (impor employers lebih dahulu)",
                        "NPP \"\(npp)\" is not in the employer registry (import employers first)"))
                return npp
            }
            return npp
        case .failure(let problem):
            problems.append(problem)
            return nil
        }
    }
}
