import Foundation

/// Conversions between `Date` and PostgreSQL's ISO text forms of `date`, `timestamp` and
/// `timestamptz`, done by arithmetic on the proleptic Gregorian calendar (no `Calendar`, no
/// locale, no allocation per value).
enum CivilTime {
    /// Days since 1970-01-01 of a Gregorian date (Howard Hinnant's `days_from_civil`).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The Gregorian date of a day number (`civil_from_days`).
    static func civil(days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Parses `YYYY-MM-DD[ HH:MM:SS[.ffffff]][±HH[:MM[:SS]]]`.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, allowTime: Bool) -> Date? {
        var index = 0
        func number(_ width: Int) -> Int? {
            guard index + width <= bytes.count else { return nil }
            var value = 0
            for offset in 0..<width {
                let digit = Int(bytes[index + offset]) - 48
                guard (0...9).contains(digit) else { return nil }
                value = value * 10 + digit
            }
            index += width
            return value
        }
        func expect(_ ascii: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: ascii) else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        var seconds = Double(days(year: year, month: month, day: day)) * 86_400
        if index == bytes.count { return Date(timeIntervalSince1970: seconds) }
        guard allowTime, expect(" ") || expect("T"), let hour = number(2), expect(":"), let minute = number(2),
            expect(":"), let second = number(2)
        else { return nil }
        seconds += Double(hour * 3600 + minute * 60 + second)
        if expect(".") {
            var scale = 0.1
            while index < bytes.count, (48...57).contains(bytes[index]) {
                seconds += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "Z") {
            index += 1
        } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let sign = bytes[index] == UInt8(ascii: "-") ? -1.0 : 1.0
            index += 1
            guard let offsetHours = number(2) else { return nil }
            var offset = offsetHours * 3600
            if expect(":"), let offsetMinutes = number(2) { offset += offsetMinutes * 60 }
            if expect(":"), let offsetSeconds = number(2) { offset += offsetSeconds }
            seconds -= sign * Double(offset)
        }
        return index == bytes.count ? Date(timeIntervalSince1970: seconds) : nil
    }

    /// `YYYY-MM-DDTHH:MM:SS.ffffffZ`, which the server reads as a `timestamptz` or a `date`.
    static func format(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let (dayCount, microsOfDay) = micros.quotientAndRemainder(dividingBy: 86_400_000_000)
        let adjustedDays = microsOfDay < 0 ? dayCount - 1 : dayCount
        let adjustedMicros = microsOfDay < 0 ? microsOfDay + 86_400_000_000 : microsOfDay
        let (y, m, d) = civil(days: Int(adjustedDays))
        let secondsOfDay = Int(adjustedMicros / 1_000_000)
        let fraction = Int(adjustedMicros % 1_000_000)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(secondsOfDay / 3600, 2)):"
            + "\(pad(secondsOfDay / 60 % 60, 2)):\(pad(secondsOfDay % 60, 2)).\(pad(fraction, 6))Z"
    }
}

extension Date: PostgresCodable {
    public static var postgresType: PostgresDataType { .timestamptz }
    public var postgresText: String? { CivilTime.format(self) }

    /// A `date` decodes to midnight UTC of that day; a `timestamp` without time zone is read
    /// as UTC; a `timestamptz` keeps its instant.
    public static func decode(postgresText bytes: UnsafeBufferPointer<UInt8>, type: PostgresDataType) -> Date? {
        switch type {
        case .date: CivilTime.parse(bytes, allowTime: false)
        case .timestamp, .timestamptz: CivilTime.parse(bytes, allowTime: true)
        default: nil
        }
    }
}
