import CPostgres
import Foundation

extension Connection {
    static let binaryHeaderBytes = CopyWriter.binaryHeader

    /// Starts `COPY … FROM STDIN` and returns the writer that feeds it. Finish it with
    /// `finish()` (returns the rows loaded) or `abort()`; until then the connection runs
    /// nothing else.
    public func startCopy(_ query: PostgresQuery) throws -> CopyWriter {
        let start = try run(query)
        guard ResultStatus(PQresultStatus(start.pointer)) == .copyIn else {
            throw PostgresError(kind: .client, message: "the statement is not a COPY … FROM STDIN", sql: query.sql)
        }
        // Non-blocking while the COPY runs: the writer hands data to libpq and goes back to
        // producing rows while the server consumes them (see `CopyWriter.flush`).
        PQsetnonblocking(handle, 1)
        let writer = CopyWriter(connection: self, sql: query.sql)
        if PQbinaryTuples(start.pointer) == 1 {
            Self.binaryHeaderBytes.withUnsafeBufferPointer { writer.appendRaw($0) }
        }
        return writer
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
    /// Where the data goes: the COPY of a connection, or a file (`spooling(to:)`).
    private unowned let connection: Connection?
    private let file: UnsafeMutablePointer<FILE>?
    private let sql: String
    // A plain byte buffer: appending to an array stored in a class costs a dynamic
    // exclusivity check per call, which dominated the import's profile.
    private var buffer: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int
    /// Data is handed to libpq in chunks this size; smaller than the socket buffer, so that
    /// handing it over never waits for the server to finish the previous chunk.
    private let chunkSize = 32 * 1024
    /// How much may wait in libpq's buffer before the writer waits for the server.
    private let maximumPending = 1 << 20
    private var pending = 0
    private var serverEnded = false
    private var ended = false
    private var fieldsInRow = 0
    /// Rows completed so far.
    public private(set) var rowsWritten = 0

    init(connection: Connection, sql: String) {
        self.connection = connection
        file = nil
        self.sql = sql
        capacity = chunkSize * 2
        buffer = .allocate(capacity: capacity)
    }

    /// A writer that encodes into `file` instead of a running COPY: rows spooled now and sent
    /// later as they are, in the COPY that `startCopy` begins (which writes the binary header
    /// itself; a binary spool ends with `endBinary`). `finish` flushes what is buffered; the
    /// file stays open.
    public init(spoolingTo file: UnsafeMutablePointer<FILE>) {
        connection = nil
        self.file = file
        sql = ""
        capacity = chunkSize * 2
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private func reserve(_ extra: Int) {
        if count + extra > capacity { grow(extra) }
    }

    @inline(never)
    private func grow(_ extra: Int) {
        var newCapacity = capacity * 2
        while newCapacity < count + extra { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: buffer, count: count)
        buffer.deallocate()
        buffer = bigger
        capacity = newCapacity
    }

    /// Writes bytes as they are (for `COPY … (format csv)` fed from a file, say).
    public func write<Bytes: Collection>(bytes: Bytes) throws where Bytes.Element == UInt8 {
        reserve(bytes.count)
        // One copy and one update of `count`: a property of a class costs a dynamic
        // exclusivity check on every access, which per byte made this five times slower.
        let copied: Void? = bytes.withContiguousStorageIfAvailable { source in
            if let base = source.baseAddress { (buffer + count).update(from: base, count: source.count) }
        }
        if copied == nil {
            var position = count
            for byte in bytes {
                buffer[position] = byte
                position += 1
            }
        }
        count += bytes.count
        if count >= chunkSize { try flush() }
    }

    /// Writes one row in COPY's text format: tab-separated, `\N` for NULL, escapes for
    /// backslash, tab, newline and carriage return.
    public func writeRow(_ values: [String?]) throws {
        for value in values {
            if let value { appendField(value) } else { appendNull() }
        }
        try endRow()
    }

    /// Writes one row of encodable values, each one field (an array is one field, in
    /// PostgreSQL's array form).
    public func writeRow(values: any PostgresEncodable...) throws {
        try writeRow(values.map(\.postgresText))
    }

    /// Appends one field of the current row, escaped for COPY's text format (`CopyText`).
    public func appendField(_ bytes: UnsafeBufferPointer<UInt8>) {
        separate()
        reserve(bytes.count * CopyText.maximumGrowth)
        guard let source = bytes.baseAddress else { return }
        if !bytes.contains(where: CopyText.needsEscape) {
            (buffer + count).update(from: source, count: bytes.count)
            count += bytes.count
            return
        }
        CopyText.escape(bytes) { byte in
            buffer[count] = byte
            count += 1
        }
    }

    /// Appends bytes as they are (binary COPY).
    func appendRaw(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        reserve(bytes.count)
        (buffer + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// Appends an integer in network byte order (binary COPY): one unaligned store.
    func appendRaw<T: FixedWidthInteger>(bigEndian value: T) {
        reserve(MemoryLayout<T>.size)
        UnsafeMutableRawPointer(buffer + count).storeBytes(of: value.bigEndian, as: T.self)
        count += MemoryLayout<T>.size
    }

    /// Ends a binary row (flushes when the buffer is full).
    public func endBinaryRow() throws {
        rowsWritten += 1
        if count >= chunkSize { try flush() }
    }

    /// Appends one text field of the current row.
    public func appendField(_ value: String) {
        var value = value
        value.withUTF8 { appendField($0) }
    }

    /// Appends a NULL field to the current row.
    public func appendNull() {
        separate()
        reserve(2)
        buffer[count] = 0x5C
        buffer[count + 1] = UInt8(ascii: "N")
        count += 2
    }

    /// Ends the current row.
    public func endRow() throws {
        reserve(1)
        buffer[count] = 0x0A
        count += 1
        fieldsInRow = 0
        rowsWritten += 1
        if count >= chunkSize { try flush() }
    }

    private func separate() {
        if fieldsInRow > 0 {
            reserve(1)
            buffer[count] = 0x09
            count += 1
        }
        fieldsInRow += 1
    }

    /// Hands what is buffered to libpq, which sends what the socket takes without blocking;
    /// waits for the server only when more than `maximumPending` bytes are queued.
    func flush() throws {
        guard count > 0, !serverEnded else { return }
        guard let connection else {
            let expected = count
            count = 0
            if fwrite(buffer, 1, expected, file) != expected {
                throw PostgresError(
                    kind: .client, message: "could not write the spool file: \(String(cString: strerror(errno)))")
            }
            return
        }
        let status = buffer.withMemoryRebound(to: CChar.self, capacity: count) {
            PQputCopyData(connection.handle, $0, Int32(count))
        }
        let handedOver = count
        count = 0
        guard status == 1 else { throw serverEndedCopy() }
        pending += handedOver
        switch PQflush(connection.handle) {
        case 0: pending = 0
        case 1: if pending > maximumPending { try drain() }
        default: throw serverEndedCopy()
        }
    }

    /// The server ended the COPY (it refused a row, or the connection broke): the error it
    /// sent, read now so that it reaches the caller wherever the writer was.
    private func serverEndedCopy() -> Error {
        serverEnded = true
        ended = true
        PQsetnonblocking(connection!.handle, 0)
        do {
            _ = try collect()
        } catch {
            return error
        }
        return PostgresError(kind: .connection, message: "the server ended the COPY", sql: sql)
    }

    /// Waits until libpq has sent everything it holds (reading what the server says meanwhile).
    private func drain() throws {
        let socket = PQsocket(connection!.handle)
        while true {
            var descriptor = pollfd(fd: socket, events: Int16(POLLOUT | POLLIN), revents: 0)
            _ = poll(&descriptor, 1, -1)
            if descriptor.revents & Int16(POLLIN) != 0, PQconsumeInput(connection!.handle) == 0 {
                throw serverEndedCopy()
            }
            let flushed = PQflush(connection!.handle)
            if flushed == 0 {
                pending = 0
                return
            }
            if flushed < 0 { throw serverEndedCopy() }
        }
    }

    /// Back to blocking mode, with everything queued sent.
    private func restoreBlocking() {
        if !serverEnded { _ = try? drain() }
        PQsetnonblocking(connection!.handle, 0)
    }

    /// Sends the rest, ends the COPY and returns the number of rows the server loaded; throws
    /// the server's error if it refused the data.
    @discardableResult
    public func finish() throws -> Int {
        guard !ended else { return rowsWritten }
        ended = true
        try flush()
        if connection == nil { return rowsWritten }
        restoreBlocking()
        if !serverEnded { _ = PQputCopyEnd(connection!.handle, nil) }
        return try collect()
    }

    /// Ends the COPY so that nothing of it is loaded; the connection stays usable.
    public func abort() {
        guard !ended else { return }
        ended = true
        count = 0
        if connection == nil { return }
        restoreBlocking()
        if !serverEnded { _ = PQputCopyEnd(connection!.handle, "aborted by the client") }
        _ = try? collect()
    }

    private func collect() throws -> Int {
        var failure: Error?
        var loaded = 0
        while let pointer = PQgetResult(connection!.handle) {
            do {
                let result = try connection!.check(pointer, sql: sql)
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

/// COPY's text format for one field, the one implementation: backslash, tab, newline and
/// carriage return escaped; NUL, which no PostgreSQL text can hold, written as U+2400 (␀) so
/// that a raw line with one is still kept and shown.
public enum CopyText {
    /// The most bytes one input byte becomes (NUL: the three bytes of U+2400).
    static let maximumGrowth = 3

    static func needsEscape(_ byte: UInt8) -> Bool {
        byte == 0x5C || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0
    }

    /// Emits the escaped form of `bytes`, byte by byte.
    static func escape(_ bytes: UnsafeBufferPointer<UInt8>, _ emit: (UInt8) -> Void) {
        for byte in bytes {
            switch byte {
            case 0x5C: emit(0x5C); emit(0x5C)
            case 0x09: emit(0x5C); emit(UInt8(ascii: "t"))
            case 0x0A: emit(0x5C); emit(UInt8(ascii: "n"))
            case 0x0D: emit(0x5C); emit(UInt8(ascii: "r"))
            case 0: emit(0xE2); emit(0x90); emit(0x80)
            default: emit(byte)
            }
        }
    }

    /// Appends the escaped form of `bytes` (one field of COPY's text format) to `out`.
    public static func escape(_ bytes: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) {
        out.reserveCapacity(out.count + bytes.count)
        var plain = bytes.startIndex
        for index in bytes.indices where needsEscape(bytes[index]) {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain..<index]))
            escape(UnsafeBufferPointer(rebasing: bytes[index..<index + 1])) { out.append($0) }
            plain = index + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain...]))
    }

    /// `text` escaped for one field of COPY's text format.
    public static func escape(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 8)
            escape(bytes) { out.append($0) }
            return String(decoding: out, as: UTF8.self)
        }
    }
}
