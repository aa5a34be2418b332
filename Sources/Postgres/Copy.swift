import CPostgres
import Foundation

extension Connection {
    /// Starts `COPY … FROM STDIN` and returns the writer that feeds it. Finish it with
    /// `finish()` (returns the rows loaded) or `abort()`; until then the connection runs
    /// nothing else.
    public func startCopy(_ query: PostgresQuery) throws -> CopyWriter {
        let start = try run(query)
        guard ResultStatus(PQresultStatus(start.pointer)) == .copyIn else {
            throw PostgresError(kind: .client, message: "the statement is not a COPY … FROM STDIN", sql: query.sql)
        }
        return CopyWriter(connection: self, sql: query.sql)
    }

    /// Runs `COPY … FROM STDIN` and feeds it what `body` writes: rows (encoded in COPY's
    /// text format) or raw bytes in the format the statement names. Returns the number of rows
    /// the server loaded. If `body` throws, the COPY is aborted and nothing of it stays; if the
    /// server rejects the data, the error says at which line (`PostgresError.copyLine`).
    @discardableResult
    public func copyIn(_ query: PostgresQuery, _ body: (CopyWriter) throws -> Void) throws -> Int {
        let writer = try startCopy(query)
        do {
            try body(writer)
        } catch let error as CopyWriter.ServerEndedCopy {
            _ = error
            return try writer.finish()  // throws the server's own error
        } catch {
            writer.abort()
            throw error
        }
        return try writer.finish()
    }

    /// Loads a sequence of rows with `COPY … FROM STDIN` (text format); nil values are NULL.
    @discardableResult
    public func copyIn<Rows: Sequence>(_ query: PostgresQuery, rows: Rows) throws -> Int
    where Rows.Element == [String?] {
        try copyIn(query) { writer in
            for row in rows { try writer.writeRow(row) }
        }
    }

    /// Runs `COPY … TO STDOUT` and hands each data line (or chunk, for binary format) to `body`
    /// as it arrives: memory stays constant. If `body` throws, the COPY is cancelled.
    public func copyOut(_ query: PostgresQuery, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        let start = try run(query)
        guard ResultStatus(PQresultStatus(start.pointer)) == .copyOut else {
            throw PostgresError(kind: .client, message: "the statement is not a COPY … TO STDOUT", sql: query.sql)
        }
        var failure: Error?
        while true {
            var buffer: UnsafeMutablePointer<CChar>?
            let length = PQgetCopyData(handle, &buffer, 0)
            if length > 0, let buffer {
                defer { PQfreemem(buffer) }
                if failure == nil {
                    do {
                        try body(UnsafeRawBufferPointer(start: buffer, count: Int(length)))
                    } catch {
                        failure = error
                        cancelToken().cancel()
                    }
                }
            } else if length == -1 {
                break
            } else {
                if failure == nil { failure = connectionError(sql: query.sql) }
                break
            }
        }
        while let pointer = PQgetResult(handle) {
            do { _ = try check(pointer, sql: query.sql) } catch { if failure == nil { failure = error } }
        }
        if let failure { throw failure }
    }
}

/// Buffers what is written into a running `COPY … FROM STDIN` and sends it in large chunks.
///
/// Rows can be written whole (`writeRow`) or field by field (`appendField`, `appendNull`,
/// `endRow`), the latter straight from byte buffers without building a `String` per value.
public final class CopyWriter {
    struct ServerEndedCopy: Error {}

    private unowned let connection: Connection
    private let sql: String
    private var buffer: [UInt8] = []
    private let chunkSize = 256 * 1024
    private var serverEnded = false
    private var ended = false
    private var fieldsInRow = 0
    /// Rows completed so far.
    public private(set) var rowsWritten = 0

    init(connection: Connection, sql: String) {
        self.connection = connection
        self.sql = sql
        buffer.reserveCapacity(chunkSize + 4096)
    }

    /// Writes bytes as they are (for `COPY … (format csv)` fed from a file, say).
    public func write<Bytes: Collection>(bytes: Bytes) throws where Bytes.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= chunkSize { try flush() }
    }

    /// Writes one row in COPY's text format: tab-separated, `\N` for NULL, escapes for
    /// backslash, tab, newline and carriage return.
    public func writeRow(_ values: [String?]) throws {
        for value in values {
            if let value { appendField(value) } else { appendNull() }
        }
        try endRow()
    }

    /// Writes one row of encodable values.
    public func writeRow(_ values: any PostgresEncodable...) throws {
        try writeRow(values.map(\.postgresText))
    }

    /// Appends one field of the current row, escaped for COPY's text format.
    public func appendField(_ bytes: UnsafeBufferPointer<UInt8>) {
        separate()
        for byte in bytes {
            switch byte {
            case 0x5C: buffer.append(0x5C); buffer.append(0x5C)
            case 0x09: buffer.append(0x5C); buffer.append(UInt8(ascii: "t"))
            case 0x0A: buffer.append(0x5C); buffer.append(UInt8(ascii: "n"))
            case 0x0D: buffer.append(0x5C); buffer.append(UInt8(ascii: "r"))
            default: buffer.append(byte)
            }
        }
    }

    /// Appends one text field of the current row.
    public func appendField(_ value: String) {
        var value = value
        value.withUTF8 { appendField($0) }
    }

    /// Appends a NULL field to the current row.
    public func appendNull() {
        separate()
        buffer.append(0x5C)
        buffer.append(UInt8(ascii: "N"))
    }

    /// Ends the current row.
    public func endRow() throws {
        buffer.append(0x0A)
        fieldsInRow = 0
        rowsWritten += 1
        if buffer.count >= chunkSize { try flush() }
    }

    private func separate() {
        if fieldsInRow > 0 { buffer.append(0x09) }
        fieldsInRow += 1
    }

    /// Sends what is buffered.
    func flush() throws {
        guard !buffer.isEmpty, !serverEnded else { return }
        let status = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                PQputCopyData(connection.handle, $0.baseAddress, Int32($0.count))
            }
        }
        buffer.removeAll(keepingCapacity: true)
        if status != 1 {
            // The server has already ended the COPY with an error; `finish` reads it.
            serverEnded = true
            throw ServerEndedCopy()
        }
    }

    /// Sends the rest, ends the COPY and returns the number of rows the server loaded; throws
    /// the server's error if it refused the data.
    @discardableResult
    public func finish() throws -> Int {
        guard !ended else { return rowsWritten }
        ended = true
        if !serverEnded {
            do { try flush() } catch is ServerEndedCopy {}
        }
        if !serverEnded { _ = PQputCopyEnd(connection.handle, nil) }
        return try collect()
    }

    /// Ends the COPY so that nothing of it is loaded; the connection stays usable.
    public func abort() {
        guard !ended else { return }
        ended = true
        buffer.removeAll()
        if !serverEnded { _ = PQputCopyEnd(connection.handle, "aborted by the client") }
        _ = try? collect()
    }

    private func collect() throws -> Int {
        var failure: Error?
        var loaded = 0
        while let pointer = PQgetResult(connection.handle) {
            do {
                let result = try connection.check(pointer, sql: sql)
                loaded = Int(String(cString: PQcmdTuples(result.pointer))) ?? loaded
            } catch {
                if failure == nil { failure = error }
            }
        }
        if let failure { throw failure }
        return loaded
    }
}

@available(*, unavailable)
extension CopyWriter: Sendable {}
