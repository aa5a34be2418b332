import CPostgres
import Foundation

extension Connection {
    /// Runs `COPY … FROM STDIN` and feeds it what `body` writes to the `CopyWriter`: rows
    /// (encoded in COPY's text format) or raw bytes in the format the statement names.
    /// Returns the number of rows the server loaded. If `body` throws, the COPY is aborted
    /// and nothing of it stays; if the server rejects the data, the error says at which line
    /// (`PostgresError.copyLine`).
    @discardableResult
    public func copyIn(_ query: PostgresQuery, _ body: (CopyWriter) throws -> Void) throws -> Int {
        let start = try run(query)
        guard ResultStatus(PQresultStatus(start.pointer)) == .copyIn else {
            throw PostgresError(kind: .client, message: "the statement is not a COPY … FROM STDIN", sql: query.sql)
        }
        let writer = CopyWriter(connection: self)
        var bodyError: Error?
        do {
            try body(writer)
            try writer.flush()
        } catch let error as CopyWriter.ServerEndedCopy {
            _ = error  // the server's own error is read below
        } catch {
            bodyError = error
        }
        if !writer.serverEnded {
            let reason = bodyError.map { _ in "aborted by the client" }
            _ = PQputCopyEnd(handle, reason)
        }
        var failure: Error? = bodyError
        var loaded = 0
        while let pointer = PQgetResult(handle) {
            do {
                let result = try check(pointer, sql: query.sql)
                loaded = Int(String(cString: PQcmdTuples(result.pointer))) ?? loaded
            } catch {
                if failure == nil { failure = error }
            }
        }
        if let failure { throw failure }
        return loaded
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
public final class CopyWriter {
    struct ServerEndedCopy: Error {}

    private unowned let connection: Connection
    private var buffer: [UInt8] = []
    private let chunkSize = 256 * 1024
    fileprivate(set) var serverEnded = false
    /// Rows written with `writeRow` so far.
    public private(set) var rowsWritten = 0

    init(connection: Connection) {
        self.connection = connection
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
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.append(0x09) }
            guard var text = value else {
                buffer.append(0x5C)
                buffer.append(UInt8(ascii: "N"))
                continue
            }
            text.withUTF8 { utf8 in
                for byte in utf8 {
                    switch byte {
                    case 0x5C: buffer.append(0x5C); buffer.append(0x5C)
                    case 0x09: buffer.append(0x5C); buffer.append(UInt8(ascii: "t"))
                    case 0x0A: buffer.append(0x5C); buffer.append(UInt8(ascii: "n"))
                    case 0x0D: buffer.append(0x5C); buffer.append(UInt8(ascii: "r"))
                    default: buffer.append(byte)
                    }
                }
            }
        }
        buffer.append(0x0A)
        rowsWritten += 1
        if buffer.count >= chunkSize { try flush() }
    }

    /// Writes one row of encodable values.
    public func writeRow(_ values: any PostgresEncodable...) throws {
        try writeRow(values.map(\.postgresText))
    }

    /// Sends what is buffered.
    func flush() throws {
        guard !buffer.isEmpty else { return }
        let status = buffer.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) {
                PQputCopyData(connection.handle, $0.baseAddress, Int32($0.count))
            }
        }
        buffer.removeAll(keepingCapacity: true)
        if status != 1 {
            // The server has already ended the COPY with an error; it is read by `copyIn`.
            serverEnded = true
            throw ServerEndedCopy()
        }
    }
}

@available(*, unavailable)
extension CopyWriter: Sendable {}
