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
