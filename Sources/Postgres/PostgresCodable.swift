import Foundation

/// A Swift value that can be sent as a bound parameter, in PostgreSQL's text format.
public protocol PostgresEncodable {
    /// The type the server should read the text as; `.unspecified` lets it infer from the SQL.
    static var postgresType: PostgresDataType { get }
    /// The text form, or nil for SQL NULL.
    var postgresText: String? { get }
}

extension PostgresEncodable {
    public static var postgresType: PostgresDataType { .unspecified }
}

/// A Swift value that can be read from a result column in PostgreSQL's text format.
public protocol PostgresDecodable {
    /// Decodes the text of a non-NULL value of server type `type`; nil when the type is not
    /// supported or the text is not a valid value.
    static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>, type: PostgresDataType) -> Self?
    /// The value for SQL NULL, or nil when NULL is not allowed (only `Optional` allows it).
    static var postgresNull: Self? { get }
}

extension PostgresDecodable {
    public static var postgresNull: Self? { nil }
}

/// Both directions.
public typealias PostgresCodable = PostgresDecodable & PostgresEncodable

// MARK: - Optional

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    public static var postgresType: PostgresDataType { Wrapped.postgresType }
    public var postgresText: String? { self?.postgresText }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    public static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>, type: PostgresDataType) -> Self? {
        Wrapped.decode(postgresText: bytes, type: type).map { .some($0) }
    }
    public static var postgresNull: Self? { .some(nil) }
}

// MARK: - Text

extension String: PostgresCodable {
    public static var postgresType: PostgresDataType { .text }
    public var postgresText: String? { self }
    public static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>, type: PostgresDataType) -> String? {
        String(decoding: bytes, as: UTF8.self)
    }
}

extension Substring: PostgresEncodable {
    public static var postgresType: PostgresDataType { .text }
    public var postgresText: String? { String(self) }
}

// MARK: - Numbers

/// Parses an optionally signed run of ASCII digits without creating a `String`.
func parseInteger(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
    var index = 0
    var negative = false
    if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
        negative = first == UInt8(ascii: "-")
        index = 1
    }
    guard index < bytes.count else { return nil }
    var value: Int64 = 0
    while index < bytes.count {
        let digit = bytes[index] &- UInt8(ascii: "0")
        guard digit < 10 else { return nil }
        let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
        let (next, overflow2) =
            negative
            ? times10.subtractingReportingOverflow(Int64(digit))
            : times10.addingReportingOverflow(Int64(digit))
        guard !overflow1, !overflow2 else { return nil }
        value = next
        index += 1
    }
    return value
}

extension Int: PostgresCodable {
    public static var postgresType: PostgresDataType { .int8 }
    public var postgresText: String? { String(self) }
    public static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>, type: PostgresDataType) -> Int? {
        guard type.isInteger, let value = parseInteger(bytes) else { return nil }
        return Int(exactly: value)
    }
}

extension Int64: PostgresCodable {
    public static var postgresType: PostgresDataType { .int8 }
    public var postgresText: String? { String(self) }
    public static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>, type: PostgresDataType) -> Int64? {
        type.isInteger ? parseInteger(bytes) : nil
    }
}

extension Int32: PostgresCodable {
    public static var postgresType: PostgresDataType { .int4 }
    public var postgresText: String? { String(self) }
    public static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>, type: PostgresDataType) -> Int32? {
        guard type.isInteger, let value = parseInteger(bytes) else { return nil }
        return Int32(exactly: value)
    }
}

extension Double: PostgresCodable {
    public static var postgresType: PostgresDataType { .float8 }
    public var postgresText: String? {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        return "\(self)"
    }
    public static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>, type: PostgresDataType) -> Double? {
        guard type == .float8 || type == .float4 || type == .numeric || type.isInteger else { return nil }
        return Double(String(decoding: bytes, as: UTF8.self))
    }
}

extension Decimal: PostgresCodable {
    public static var postgresType: PostgresDataType { .numeric }
    public var postgresText: String? { isNaN ? "NaN" : description }
    /// Exact for `numeric` (cents stay cents); integers are accepted too.
    public static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>, type: PostgresDataType) -> Decimal? {
        guard type == .numeric || type.isInteger else { return nil }
        return fastDecimal(bytes)
            ?? Decimal(string: String(decoding: bytes, as: UTF8.self), locale: Locale(identifier: "en_US_POSIX"))
    }

    /// `-123.45` with at most 18 digits, built from an integer significand: exact, and far
    /// cheaper than parsing a string. Anything else (NaN, exponents, more digits) returns nil.
    static func fastDecimal(_ bytes: UnsafeBufferPointer<UInt8>) -> Decimal? {
        var index = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative { index = 1 }
        var significand: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var seenPoint = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: ".") {
                guard !seenPoint else { return nil }
                seenPoint = true
            } else {
                let digit = byte &- UInt8(ascii: "0")
                guard digit < 10, digits < 18 else { return nil }
                significand = significand * 10 + UInt64(digit)
                digits += 1
                if seenPoint { fractionDigits += 1 }
            }
            index += 1
        }
        guard digits > 0 else { return nil }
        return Decimal(sign: negative ? .minus : .plus, exponent: -fractionDigits, significand: Decimal(significand))
    }
}

// MARK: - Boolean and bytes

extension Bool: PostgresCodable {
    public static var postgresType: PostgresDataType { .bool }
    public var postgresText: String? { self ? "t" : "f" }
    public static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>, type: PostgresDataType) -> Bool? {
        guard type == .bool, bytes.count == 1 else { return nil }
        switch bytes[0] {
        case UInt8(ascii: "t"): return true
        case UInt8(ascii: "f"): return false
        default: return nil
        }
    }
}

/// The bytes of a `bytea` value.
public struct PostgresBytes: PostgresCodable, Hashable, Sendable {
    public var bytes: [UInt8]
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    public static var postgresType: PostgresDataType { .bytea }
    public var postgresText: String? {
        let digits = Array("0123456789abcdef".utf8)
        var text = [UInt8](repeating: 0, count: 2 + bytes.count * 2)
        text[0] = UInt8(ascii: "\\")
        text[1] = UInt8(ascii: "x")
        for (index, byte) in bytes.enumerated() {
            text[2 + index * 2] = digits[Int(byte >> 4)]
            text[3 + index * 2] = digits[Int(byte & 0x0f)]
        }
        return String(decoding: text, as: UTF8.self)
    }
    public static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>, type: PostgresDataType) -> PostgresBytes?
    {
        guard type == .bytea, bytes.count >= 2, bytes[0] == UInt8(ascii: "\\"), bytes[1] == UInt8(ascii: "x"),
            bytes.count % 2 == 0
        else { return nil }
        func nibble(_ c: UInt8) -> UInt8? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var out = [UInt8]()
        out.reserveCapacity((bytes.count - 2) / 2)
        var index = 2
        while index < bytes.count {
            guard let high = nibble(bytes[index]), let low = nibble(bytes[index + 1]) else { return nil }
            out.append(high << 4 | low)
            index += 2
        }
        return PostgresBytes(out)
    }
}
