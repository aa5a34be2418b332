import Crypto
import Foundation

/// Reads the records of a CSV file (RFC 4180) one at a time, with constant memory.
///
/// - Fields may be quoted with `"`; a doubled quote inside is one quote; a quoted field may
///   hold the delimiter and line breaks. Surrounding spaces and tabs of every value are trimmed.
/// - A leading UTF-8 byte-order mark is skipped; lines end with LF or CRLF.
/// - The delimiter is `,` or `;`, whichever the header line has more of outside quotes.
/// - `line` is the physical line a record starts on (the header is line 1); blank lines are
///   skipped but still counted as lines.
///
/// Records are parsed in batches of a few thousand. After `readAhead()` a thread of its own
/// parses the next batches (and hashes the bytes it reads) while the caller works through the
/// current one: an import then checks and sends rows on one core while the file is split into
/// fields on another. Without it, batches are parsed on the caller's thread as it asks.
///
/// Hand-written over bytes rather than taken from a CSV library: the importer needs physical
/// line numbers and the raw text of each record, and must keep pace with `psql \copy`.
public final class CSVReader {
    /// A problem with the CSV structure of one record (the record is still returned).
    public enum RecordProblem: Sendable, Equatable {
        case unterminatedQuote
        case textAfterQuote
    }

    public let path: String
    /// The size of the file in bytes.
    public let fileSize: Int
    /// The field delimiter, detected from the header.
    public private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    /// Bytes of the file up to the end of the current record (for progress).
    public private(set) var bytesConsumed = 0
    /// The physical line the current record starts on.
    public private(set) var line = 0
    /// A structural problem of the current record, if any.
    public private(set) var problem: RecordProblem?
    /// The number of fields of the current record.
    public private(set) var fieldCount = 0

    private let parser: CSVParser
    private let batchSize: Int
    private var batch = CSVBatch()
    private var record = -1
    private var firstField = 0
    private var exhausted = false
    private var channel: CSVChannel?

    /// Opens `path` for reading; `batchSize` records are parsed at a time.
    public init(path: String, batchSize: Int = 2048) throws {
        self.path = path
        parser = try CSVParser(path: path)
        fileSize = parser.fileSize
        self.batchSize = max(1, batchSize)
    }

    deinit { channel?.cancel() }

    /// Reads the header: detects the delimiter from the first line, then reads it as a record.
    /// Returns nil for an empty file.
    public func readHeader() throws -> [String]? {
        try parser.detectDelimiter()
        delimiter = parser.delimiter
        guard try next() else { return nil }
        return (0..<fieldCount).map { String(decoding: field($0), as: UTF8.self) }
    }

    /// Parses the rest of the file on a thread of its own, a few batches ahead of `next`.
    /// Call it after `readHeader`, at most once.
    public func readAhead(batches: Int = 4) {
        guard channel == nil, !exhausted, !parser.atEnd else { return }
        let channel = CSVChannel(free: (0..<max(2, batches)).map { _ in CSVBatch() })
        self.channel = channel
        let parser = self.parser
        let size = batchSize
        let thread = Thread { channel.produce(with: parser, batchSize: size) }
        thread.name = "periksa.csv"
        thread.start()
    }

    /// Moves to the next non-blank record; false at the end of the file.
    public func next() throws -> Bool {
        record += 1
        if record >= batch.count {
            guard try nextBatch() else {
                record = batch.count
                fieldCount = 0
                return false
            }
            record = 0
        }
        firstField = batch.firstField[record]
        fieldCount = batch.firstField[record + 1] - firstField
        line = batch.lines[record]
        problem = batch.problems[record]
        bytesConsumed = batch.consumed[record]
        return true
    }

    private func nextBatch() throws -> Bool {
        if exhausted { return false }
        if let channel {
            guard let next = try channel.take(returning: batch) else {
                exhausted = true
                batch = CSVBatch()
                return false
            }
            batch = next
            return true
        }
        try parser.parseBatch(into: batch, limit: batchSize)
        if batch.count == 0 { exhausted = true }
        return batch.count > 0
    }

    /// Field `index` of the current record; valid until the next call to `next`.
    @inline(__always)
    public func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let range = batch.fields[firstField + index]
        return UnsafeBufferPointer(start: batch.values.base + range.lowerBound, count: range.count)
    }

    /// The current record as it stands in the file (without its line end).
    public var rawRecord: String { withRawRecord { String(decoding: $0, as: UTF8.self) } }

    /// The bytes of the current record as they were in the file, without copying them.
    public func withRawRecord<T>(_ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        let from = batch.rawEnds[record]
        return try body(UnsafeBufferPointer(start: batch.raw.base + from, count: batch.rawEnds[record + 1] - from))
    }

    /// SHA-256 of the whole file as lower-case hex, once `next` has returned false (nil until
    /// then): computed from the bytes as they were read, so no second pass over the file.
    public var sha256: String? { exhausted ? parser.digest : nil }
}

/// The records of one batch: their field values one after the other in `values`, their raw
/// text in `raw`, and per record its fields, line, problem and the bytes consumed after it.
final class CSVBatch: @unchecked Sendable {
    var values = ValueBuffer()
    var raw = ValueBuffer()
    var fields: [Range<Int>] = []
    /// Record i's fields are `fields[firstField[i]..<firstField[i + 1]]`.
    var firstField: [Int] = [0]
    /// Record i's raw text is `raw[rawEnds[i]..<rawEnds[i + 1]]`.
    var rawEnds: [Int] = [0]
    var lines: [Int] = []
    var problems: [CSVReader.RecordProblem?] = []
    var consumed: [Int] = []

    var count: Int { lines.count }

    deinit {
        values.deallocate()
        raw.deallocate()
    }

    func reset() {
        values.count = 0
        raw.count = 0
        fields.removeAll(keepingCapacity: true)
        firstField.removeAll(keepingCapacity: true)
        firstField.append(0)
        rawEnds.removeAll(keepingCapacity: true)
        rawEnds.append(0)
        lines.removeAll(keepingCapacity: true)
        problems.removeAll(keepingCapacity: true)
        consumed.removeAll(keepingCapacity: true)
    }
}

/// Hands batches from the parsing thread to the reader: parsed ones in order, emptied ones
/// back. The parser's error, if any, comes after the batches parsed before it.
final class CSVChannel: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [CSVBatch] = []
    private var free: [CSVBatch]
    private var finished = false
    private var failure: (any Error)?
    private var cancelled = false

    init(free: [CSVBatch]) { self.free = free }

    /// The parsing thread's loop.
    func produce(with parser: CSVParser, batchSize: Int) {
        while true {
            condition.lock()
            while free.isEmpty, !cancelled { condition.wait() }
            if cancelled {
                condition.unlock()
                return
            }
            let batch = free.removeLast()
            condition.unlock()
            var failure: (any Error)?
            do { try parser.parseBatch(into: batch, limit: batchSize) } catch { failure = error }
            condition.lock()
            if batch.count > 0 { ready.append(batch) } else { free.append(batch) }
            if failure != nil || parser.atEnd {
                self.failure = failure
                finished = true
            }
            condition.broadcast()
            condition.unlock()
            if finished { return }
        }
    }

    /// The next parsed batch (nil at the end of the file), handing `used` back for refilling.
    func take(returning used: CSVBatch) throws -> CSVBatch? {
        condition.lock()
        free.append(used)
        condition.broadcast()
        while ready.isEmpty, !finished { condition.wait() }
        if !ready.isEmpty {
            let batch = ready.removeFirst()
            condition.unlock()
            return batch
        }
        let failure = self.failure
        condition.unlock()
        if let failure { throw failure }
        return nil
    }

    /// Stops the parsing thread (the reader is gone).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

/// The parsing state: the file, its read buffer, the position and line, the hash of the bytes
/// read. Used by one thread at a time (the reader's, or the parsing thread after `readAhead`).
final class CSVParser: @unchecked Sendable {
    let path: String
    let fileSize: Int
    private let descriptor: Int32
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private let maximumRecord = 16 << 20
    private var start = 0
    private var end = 0
    private var atEOF = false
    private var nextLine = 1
    private var firstFill = true
    private var bytesConsumed = 0
    private var hasher = SHA256()
    private(set) var digest: String?
    /// Every record has been parsed.
    private(set) var atEnd = false
    private(set) var delimiter: UInt8 = UInt8(ascii: ",")

    init(path: String) throws {
        self.path = path
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw CSVReaderError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
        }
        var info = stat()
        fstat(descriptor, &info)
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw CSVReaderError.cannotOpen(path: path, reason: "not a regular file")
        }
        fileSize = Int(info.st_size)
        capacity = 1 << 20
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deallocate()
        close(descriptor)
    }

    /// The delimiter, from the first line: `;` when it has more of them than `,` outside quotes.
    func detectDelimiter() throws {
        try fill()
        var index = start
        var commas = 0
        var semicolons = 0
        var inQuotes = false
        while index < end, storage[index] != 0x0A {
            switch storage[index] {
            case UInt8(ascii: "\""): inQuotes.toggle()
            case UInt8(ascii: ",") where !inQuotes: commas += 1
            case UInt8(ascii: ";") where !inQuotes: semicolons += 1
            default: break
            }
            index += 1
        }
        delimiter = semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
    }

    /// Empties `batch` and parses up to `limit` non-blank records into it (fewer at the end).
    func parseBatch(into batch: CSVBatch, limit: Int) throws {
        batch.reset()
        while batch.count < limit {
            guard try parseRecord(into: batch) else {
                atEnd = true
                return
            }
        }
    }

    /// Parses one record from `start` into `batch` (nothing for a blank line); refills and
    /// retries when the buffer ends inside it. False at the end of the file.
    private func parseRecord(into batch: CSVBatch) throws -> Bool {
        while true {
            if start == end {
                if atEOF { return false }
                try fill()
                if start == end { return false }
            }
            if parse(into: batch, allowIncomplete: atEOF) { return true }
            // The record continues past the buffer: keep its beginning and read more.
            if end - start >= maximumRecord {
                throw CSVReaderError.recordTooLong(path: path, line: nextLine)
            }
            try fill()
        }
    }

    /// Parses the record at `start` into `batch`. Returns false, adding nothing, when the buffer
    /// ends before the record does and more input may follow.
    private func parse(into batch: CSVBatch, allowIncomplete: Bool) -> Bool {
        // Work on local copies of the value buffer (a pointer and counts): appending to a
        // property of a class costs a dynamic exclusivity check per byte.
        var values = batch.values
        let valuesMark = values.count
        let fieldsMark = batch.fields.count
        defer { batch.values = values }
        func incomplete() -> Bool {
            values.count = valuesMark
            batch.fields.removeSubrange(fieldsMark...)
            return false
        }
        var problem: CSVReader.RecordProblem?
        let buffer = storage
        let limit = end
        let delimiter = self.delimiter
        var position = start
        var newlines = 0
        var quotedAny = false
        var recordEnd = -1  // index of the line end (exclusive of terminator), once found
        fields: while true {
            // Leading spaces.
            while position < limit, buffer[position] == 0x20 || buffer[position] == 0x09 { position += 1 }
            let valueStart = values.count
            if position < limit, buffer[position] == 0x22 {
                // A quoted field.
                quotedAny = true
                position += 1
                var closed = false
                while position < limit {
                    let byte = buffer[position]
                    if byte == 0x22 {
                        if position + 1 < limit, buffer[position + 1] == 0x22 {
                            values.append(0x22)
                            position += 2
                            continue
                        }
                        if position + 1 == limit, !allowIncomplete { return incomplete() }
                        position += 1
                        closed = true
                        break
                    }
                    if byte == 0x0A { newlines += 1 }
                    values.append(byte)
                    position += 1
                }
                if !closed {
                    if !allowIncomplete { return incomplete() }
                    problem = .unterminatedQuote
                    batch.fields.append(valueStart..<values.count)
                    recordEnd = limit
                    position = limit
                    break fields
                }
                // After the closing quote: spaces, then a delimiter or the line end.
                while position < limit, buffer[position] == 0x20 || buffer[position] == 0x09 { position += 1 }
                if position < limit, buffer[position] != delimiter, buffer[position] != 0x0A, buffer[position] != 0x0D {
                    problem = problem ?? .textAfterQuote
                    while position < limit, buffer[position] != delimiter, buffer[position] != 0x0A { position += 1 }
                }
                batch.fields.append(valueStart..<values.count)
            } else {
                // An unquoted field: up to the delimiter or the line end.
                let fieldStart = position
                while position < limit {
                    let byte = buffer[position]
                    if byte == delimiter || byte == 0x0A { break }
                    position += 1
                }
                var fieldEnd = position
                while fieldEnd > fieldStart,
                    buffer[fieldEnd - 1] == 0x20 || buffer[fieldEnd - 1] == 0x09 || buffer[fieldEnd - 1] == 0x0D
                {
                    fieldEnd -= 1
                }
                values.append(buffer + fieldStart, count: fieldEnd - fieldStart)
                batch.fields.append(valueStart..<values.count)
            }
            if position >= limit {
                if !allowIncomplete { return incomplete() }
                recordEnd = limit
                break fields
            }
            if buffer[position] == delimiter {
                position += 1
                continue fields
            }
            if buffer[position] == 0x0D {
                // A CR after a closing quote, before the LF.
                position += 1
                if position >= limit {
                    if !allowIncomplete { return incomplete() }
                    recordEnd = position - 1
                    break fields
                }
            }
            if position < limit, buffer[position] == 0x0A {
                recordEnd = position
                position += 1
                newlines += 1
                break fields
            }
        }
        var rawLimit = recordEnd
        if rawLimit > start, buffer[rawLimit - 1] == 0x0D { rawLimit -= 1 }
        let line = nextLine
        let rawStart = start
        nextLine += newlines
        bytesConsumed += position - start
        start = position
        let fieldCount = batch.fields.count - fieldsMark
        if fieldCount == 1, batch.fields[fieldsMark].isEmpty, !quotedAny, problem == nil {
            // A blank line: counted, not returned.
            values.count = valuesMark
            batch.fields.removeLast()
            return true
        }
        batch.raw.append(buffer + rawStart, count: max(0, rawLimit - rawStart))
        batch.rawEnds.append(batch.raw.count)
        batch.firstField.append(batch.fields.count)
        batch.lines.append(line)
        batch.problems.append(problem)
        batch.consumed.append(bytesConsumed)
        return true
    }

    /// Moves the unparsed bytes to the front and reads more, growing the buffer if a record
    /// fills it. Every byte read goes into the file's hash once.
    private func fill() throws {
        if start > 0 {
            (storage).update(from: storage + start, count: end - start)
            end -= start
            start = 0
        }
        if end == capacity {
            let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
            bigger.update(from: storage, count: end)
            storage.deallocate()
            storage = bigger
            capacity *= 2
        }
        while end < capacity {
            let count = read(descriptor, storage + end, capacity - end)
            if count < 0 {
                if errno == EINTR { continue }
                throw CSVReaderError.cannotRead(path: path, reason: String(cString: strerror(errno)))
            }
            if count == 0 {
                atEOF = true
                digest = Checksum.hex(hasher.finalize())
                break
            }
            hasher.update(bufferPointer: UnsafeRawBufferPointer(start: storage + end, count: count))
            end += count
            if end - start >= 64 * 1024 { break }
        }
        if firstFill {
            firstFill = false
            if end >= 3, storage[0] == 0xEF, storage[1] == 0xBB, storage[2] == 0xBF {
                start = 3
                bytesConsumed = 3
            }
        }
    }
}

/// A file that cannot be read as CSV at all.
public enum CSVReaderError: Error, Sendable {
    case cannotOpen(path: String, reason: String)
    case cannotRead(path: String, reason: String)
    case recordTooLong(path: String, line: Int)
}

/// A growable byte buffer with a stable base address between appends, for field values.
struct ValueBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    var count = 0

    init() {
        capacity = 4096
        base = .allocate(capacity: capacity)
    }

    func deallocate() { base.deallocate() }

    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        base[count] = byte
        count += 1
    }

    mutating func append(_ bytes: UnsafePointer<UInt8>, count length: Int) {
        if count + length > capacity { grow(to: count + length) }
        (base + count).update(from: bytes, count: length)
        count += length
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = newCapacity
    }
}
