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
/// Hand-written over bytes rather than taken from a CSV library: the importer needs physical
/// line numbers and the raw text of each record, and must keep pace with `psql \copy`.
public final class CSVReader {
    /// A problem with the CSV structure of one record (the record is still returned).
    public enum RecordProblem: Sendable, Equatable {
        case unterminatedQuote
        case textAfterQuote
    }

    public let path: String
    private let descriptor: Int32
    private var storage: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private let maximumRecord = 16 << 20
    private var start = 0
    private var end = 0
    private var atEOF = false
    private var nextLine = 1
    private var firstFill = true

    /// The field delimiter, detected from the header.
    public private(set) var delimiter: UInt8 = UInt8(ascii: ",")
    /// Bytes consumed from the file so far (for progress).
    public private(set) var bytesConsumed = 0
    /// The size of the file in bytes.
    public let fileSize: Int

    // The current record: field values (unquoted, unescaped, trimmed) stored one after the
    // other in `values`, with their ranges in `ranges`.
    private var values = ValueBuffer()
    private var ranges: [Range<Int>] = []
    private var rawStart = 0
    private var rawEnd = 0
    /// The physical line the current record starts on.
    public private(set) var line = 0
    /// A structural problem of the current record, if any.
    public private(set) var problem: RecordProblem?

    /// Opens `path` for reading.
    public init(path: String) throws {
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
        ranges.reserveCapacity(32)
    }

    deinit {
        storage.deallocate()
        values.deallocate()
        close(descriptor)
    }

    /// The number of fields of the current record.
    public var fieldCount: Int { ranges.count }

    /// Reads the header: detects the delimiter from the first line, then reads it as a record.
    /// Returns nil for an empty file.
    public func readHeader() throws -> [String]? {
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
        guard try next() else { return nil }
        return (0..<fieldCount).map { String(decoding: field($0), as: UTF8.self) }
    }

    /// Moves to the next non-blank record; false at the end of the file.
    public func next() throws -> Bool {
        while true {
            guard let outcome = try parseRecord() else { return false }
            if outcome.blank { continue }
            return true
        }
    }

    /// Field `index` of the current record; valid until the next call to `next`.
    public func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        let range = ranges[index]
        return UnsafeBufferPointer(start: values.base + range.lowerBound, count: range.count)
    }

    /// The current record as it stands in the file (without its line end).
    public var rawRecord: String {
        String(decoding: UnsafeBufferPointer(start: storage + rawStart, count: rawEnd - rawStart), as: UTF8.self)
    }

    // MARK: - Parsing

    private struct Outcome { var blank: Bool }

    /// Parses one record from `start`; refills and retries when the buffer ends inside it.
    private func parseRecord() throws -> Outcome? {
        while true {
            if start == end {
                if atEOF { return nil }
                try fill()
                if start == end { return nil }
            }
            if let outcome = parse(allowIncomplete: atEOF) { return outcome }
            // The record continues past the buffer: keep its beginning and read more.
            if end - start >= maximumRecord {
                throw CSVReaderError.recordTooLong(path: path, line: nextLine)
            }
            try fill()
        }
    }

    /// Parses the record at `start`. Returns nil when the buffer ends before the record does
    /// and more input may follow.
    private func parse(allowIncomplete: Bool) -> Outcome? {
        // Work on a local copy of the value buffer (a pointer and counts): appending to a
        // property of a class costs a dynamic exclusivity check per byte.
        var values = self.values
        values.count = 0
        defer { self.values = values }
        ranges.removeAll(keepingCapacity: true)
        problem = nil
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
                        if position + 1 == limit, !allowIncomplete { return nil }
                        position += 1
                        closed = true
                        break
                    }
                    if byte == 0x0A { newlines += 1 }
                    values.append(byte)
                    position += 1
                }
                if !closed {
                    if !allowIncomplete { return nil }
                    problem = .unterminatedQuote
                    ranges.append(valueStart..<values.count)
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
                ranges.append(valueStart..<values.count)
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
                ranges.append(valueStart..<values.count)
            }
            if position >= limit {
                if !allowIncomplete { return nil }
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
                    if !allowIncomplete { return nil }
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
        rawStart = start
        rawEnd = max(start, rawLimit)
        line = nextLine
        nextLine += newlines
        bytesConsumed += position - start
        start = position
        let blank = ranges.count == 1 && ranges[0].isEmpty && !quotedAny && problem == nil
        return Outcome(blank: blank)
    }

    /// Moves the unparsed bytes to the front and reads more, growing the buffer if a record
    /// fills it.
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
                break
            }
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
