import Foundation

/// Rows for `COPY … FROM STDIN (format binary)`: the server reads values as they are
/// stored, with no text parsing of dates or numbers, which roughly halves its work on a
/// typed table.
extension CopyWriter {
    /// The signature, flags and header extension of the binary COPY format.
    static let binaryHeader: [UInt8] =
        Array("PGCOPY\n".utf8) + [0xFF, 0x0D, 0x0A, 0x00] + [0, 0, 0, 0] + [0, 0, 0, 0]

    /// Starts a binary row of `fields` values.
    public func beginBinaryRow(fields: Int16) {
        appendRaw(bigEndian: UInt16(bitPattern: fields))
    }

    /// A text value (its UTF-8 bytes).
    public func binaryText(_ bytes: UnsafeBufferPointer<UInt8>) {
        appendRaw(bigEndian: UInt32(bytes.count))
        appendRaw(bytes)
    }

    /// A text value.
    public func binaryText(_ value: String) {
        var value = value
        value.withUTF8 { binaryText($0) }
    }

    /// SQL NULL.
    public func binaryNull() { appendRaw(bigEndian: UInt32(bitPattern: -1)) }

    /// A `bigint`.
    public func binaryInt64(_ value: Int64) {
        appendRaw(bigEndian: UInt32(8))
        appendRaw(bigEndian: UInt64(bitPattern: value))
    }

    /// An `integer`.
    public func binaryInt32(_ value: Int32) {
        appendRaw(bigEndian: UInt32(4))
        appendRaw(bigEndian: UInt32(bitPattern: value))
    }

    /// A `date`, as days since 2000-01-01.
    public func binaryDate(year: Int, month: Int, day: Int) {
        binaryInt32(Self.binaryDays(year: year, month: month, day: day))
    }

    /// The days since 2000-01-01 that `binaryDate` writes: for a caller that writes the same
    /// date in many rows and computes it once (then `binaryInt32`).
    public static func binaryDays(year: Int, month: Int, day: Int) -> Int32 {
        Int32(CivilTime.days(year: year, month: month, day: day) - 10_957)
    }

    /// A `numeric` from its decimal text (`5396761`, `2446880.68`, `-0.5`); false (and
    /// nothing written) when the text is not a plain decimal.
    @discardableResult
    public func binaryNumeric(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        if binaryNumericFast(text) { return true }
        guard let encoded = PostgresNumeric.binary(text) else { return false }
        appendRaw(bigEndian: UInt32(encoded.count))
        encoded.withUnsafeBufferPointer { appendRaw($0) }
        return true
    }

    /// Up to 18 digits with at most 4 after the point (every rupiah amount): encoded with
    /// integer arithmetic straight into the buffer, no allocation.
    private func binaryNumericFast(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let negative = text.first == UInt8(ascii: "-")
        if negative { index = 1 }
        var integer: UInt64 = 0
        var fraction: UInt64 = 0
        var fractionDigits = 0
        var digits = 0
        var seenPoint = false
        while index < text.count {
            let byte = text[index]
            index += 1
            if byte == UInt8(ascii: ".") {
                if seenPoint { return false }
                seenPoint = true
                continue
            }
            let digit = byte &- 48
            guard digit < 10 else { return false }
            digits += 1
            // Counted before the digit is accumulated: 19 digits or more could overflow UInt64,
            // and such values go to the general encoder.
            guard digits <= 18 else { return false }
            if seenPoint {
                fraction = fraction * 10 + UInt64(digit)
                fractionDigits += 1
            } else {
                integer = integer * 10 + UInt64(digit)
            }
        }
        guard digits > 0, fractionDigits <= 4 else { return false }
        for _ in fractionDigits..<4 { fraction *= 10 }
        appendNumeric(integer: integer, fraction: UInt16(fraction), scale: fractionDigits, negative: negative)
        return true
    }

    /// A `numeric` of scale 2 from an amount in hundredths (a rupiah amount in cents): the same
    /// bytes as `binaryNumeric` writes for its decimal text with two decimals, without reading
    /// the text again.
    public func binaryNumeric(cents: Int64) {
        let magnitude = cents.magnitude
        appendNumeric(
            integer: magnitude / 100, fraction: UInt16(magnitude % 100) * 100, scale: 2, negative: cents < 0)
    }

    /// The binary `numeric` of `integer`.`fraction` (the fraction as one base-10000 group, its
    /// four decimals) with display scale `scale`.
    private func appendNumeric(integer: UInt64, fraction: UInt16, scale: Int, negative: Bool) {
        // Base-10000 groups of the integer part, most significant first (at most 5).
        var groups: (UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = integer
        withUnsafeMutableBytes(of: &groups) { raw in
            let slots = raw.bindMemory(to: UInt16.self)
            while rest > 0 {
                slots[count] = UInt16(rest % 10_000)
                rest /= 10_000
                count += 1
            }
            // Reverse into most-significant-first order, then the fraction group.
            var low = 0
            var high = count - 1
            while low < high {
                slots.swapAt(low, high)
                low += 1
                high -= 1
            }
            var weight = count - 1
            var first = 0
            var total = count
            if fraction > 0 {
                slots[total] = fraction
                total += 1
            }
            if count == 0 {
                // Only a fraction: its group sits at weight -1.
                weight = fraction > 0 ? -1 : 0
            }
            // Drop trailing zero groups of the integer part when there is no fraction.
            while total > first, slots[total - 1] == 0 { total -= 1 }
            while first < total, slots[first] == 0 {
                first += 1
                weight -= 1
            }
            let used = total - first
            appendRaw(bigEndian: UInt32(8 + used * 2))
            appendRaw(bigEndian: UInt16(used))
            appendRaw(bigEndian: UInt16(bitPattern: Int16(used == 0 ? 0 : weight)))
            appendRaw(bigEndian: UInt16(negative && used > 0 ? 0x4000 : 0))
            appendRaw(bigEndian: UInt16(scale))
            for slot in first..<total { appendRaw(bigEndian: slots[slot]) }
        }
    }

    /// A one-dimensional `integer[]` without NULLs (lower bound 1).
    public func binaryInt32Array(_ values: UnsafeBufferPointer<Int32>) {
        guard !values.isEmpty else {
            // An empty array has no dimensions.
            appendRaw(bigEndian: UInt32(12))
            appendRaw(bigEndian: UInt32(0))
            appendRaw(bigEndian: UInt32(0))
            appendRaw(bigEndian: UInt32(23))
            return
        }
        appendRaw(bigEndian: UInt32(20 + 8 * values.count))
        appendRaw(bigEndian: UInt32(1))  // dimensions
        appendRaw(bigEndian: UInt32(0))  // no NULLs
        appendRaw(bigEndian: UInt32(23))  // the type of the elements: int4
        appendRaw(bigEndian: UInt32(values.count))
        appendRaw(bigEndian: UInt32(1))  // the lower bound
        for value in values {
            appendRaw(bigEndian: UInt32(4))
            appendRaw(bigEndian: UInt32(bitPattern: value))
        }
    }

    /// Ends a binary COPY stream (the trailer); call before `finish`.
    public func endBinary() {
        appendRaw(bigEndian: UInt16(bitPattern: -1))
    }
}

/// The binary form of `numeric`: base-10000 digits with a weight, a sign and a display scale.
public enum PostgresNumeric {
    /// The most digits the binary form can carry on either side of the point (`numeric`'s own
    /// limits are 131,072 before and 16,383 after; this keeps the group count within `Int16`).
    public static let maximumDigits = 16_383

    /// Encodes a plain decimal (`-?[0-9]+(\.[0-9]+)?`); nil for anything else, and for a value
    /// with more than `maximumDigits` digits before or after the point.
    public static func binary(_ text: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var index = 0
        let negative = text.first == UInt8(ascii: "-")
        if negative { index = 1 }
        var integer: [UInt8] = []
        var fraction: [UInt8] = []
        var seenPoint = false
        while index < text.count {
            let byte = text[index]
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
            } else {
                let digit = byte &- 48
                guard digit < 10 else { return nil }
                if seenPoint { fraction.append(digit) } else { integer.append(digit) }
            }
            index += 1
        }
        guard !integer.isEmpty || !fraction.isEmpty else { return nil }
        if let firstSignificant = integer.firstIndex(where: { $0 != 0 }) {
            integer.removeFirst(firstSignificant)
        } else {
            integer.removeAll()
        }
        guard integer.count <= maximumDigits, fraction.count <= maximumDigits else { return nil }
        let scale = fraction.count
        // Pad to whole base-10000 groups: the integer part on the left, the fraction on the right.
        let integerGroups = (integer.count + 3) / 4
        integer.insert(contentsOf: repeatElement(0, count: integerGroups * 4 - integer.count), at: 0)
        fraction.append(contentsOf: repeatElement(0, count: (4 - fraction.count % 4) % 4))
        var groups: [Int16] = []
        for start in stride(from: 0, to: integer.count, by: 4) {
            groups.append(
                Int16(integer[start]) * 1000 + Int16(integer[start + 1]) * 100 + Int16(integer[start + 2]) * 10
                    + Int16(integer[start + 3]))
        }
        for start in stride(from: 0, to: fraction.count, by: 4) {
            groups.append(
                Int16(fraction[start]) * 1000 + Int16(fraction[start + 1]) * 100 + Int16(fraction[start + 2]) * 10
                    + Int16(fraction[start + 3]))
        }
        var weight = integerGroups - 1
        while let first = groups.first, first == 0 {
            groups.removeFirst()
            weight -= 1
        }
        while let last = groups.last, last == 0 { groups.removeLast() }
        if groups.isEmpty { weight = 0 }
        var out: [UInt8] = []
        out.reserveCapacity(8 + groups.count * 2)
        func append(_ value: Int16) {
            let bits = UInt16(bitPattern: value)
            out.append(UInt8(bits >> 8))
            out.append(UInt8(bits & 0xFF))
        }
        append(Int16(groups.count))
        append(Int16(weight))
        append(negative && !groups.isEmpty ? 0x4000 : 0)
        append(Int16(scale))
        groups.forEach(append)
        return out
    }
}
