import Foundation

/// How Periksa writes amounts, counts, dates and periods for people, in Bahasa Indonesia or
/// English: the one implementation that messages, the command line and the reports share.
public enum Formatting {
    /// `Rp 5.396.761`; cents, when there are any, after a comma: `Rp 2.446.880,68`.
    /// English uses the same form (the currency's own convention), with `,` and `.` swapped.
    public static func rupiah(_ amount: Decimal, _ language: Language = .indonesian) -> String {
        var value = amount
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        let negative = rounded < 0
        let magnitude = negative ? -rounded : rounded
        let text = NSDecimalNumber(decimal: magnitude).stringValue
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = grouped(String(parts[0]), separator: language == .indonesian ? "." : ",")
        var cents = parts.count > 1 ? String(parts[1]) : ""
        if cents.count == 1 { cents += "0" }
        let decimalMark = language == .indonesian ? "," : "."
        return (negative ? "−" : "") + "Rp " + whole + (cents.isEmpty || cents == "00" ? "" : decimalMark + cents)
    }

    /// `Rp 5.396.761` for whole rupiah.
    public static func rupiah(_ amount: Int64, _ language: Language = .indonesian) -> String {
        rupiah(Decimal(amount), language)
    }

    /// Short rupiah for chart axes: `Rp 37,5 jt` (juta), `Rp 1,2 M` (miliar), `Rp 950 rb` (ribu).
    public static func rupiahCompact(_ amount: Double, _ language: Language = .indonesian) -> String {
        let units: [(Double, String, String)] = [(1e12, "T", "T"), (1e9, "M", "B"), (1e6, "jt", "M"), (1e3, "rb", "k")]
        for (size, id, en) in units where abs(amount) >= size {
            let value = amount / size
            var text =
                value >= 100 || value == value.rounded() ? String(Int(value.rounded())) : String(format: "%.1f", value)
            if language == .indonesian { text = text.replacingOccurrences(of: ".", with: ",") }
            return "Rp \(text) \(language == .indonesian ? id : en)"
        }
        return "Rp \(Int(amount.rounded()))"
    }

    /// A whole number with thousands separators: `2.100.000` / `2,100,000`.
    public static func count(_ value: Int, _ language: Language = .indonesian) -> String {
        (value < 0 ? "−" : "") + grouped(String(value.magnitude), separator: language == .indonesian ? "." : ",")
    }

    /// A share as a percentage: `51,4%` / `51.4%`; `–` when there is none.
    public static func percent(_ share: Double?, _ language: Language = .indonesian, digits: Int = 1) -> String {
        guard let share, share.isFinite else { return "–" }
        return decimal(share * 100, language, digits: digits) + "%"
    }

    /// A signed number: `+1,2`, `−0,4`, `0`.
    public static func signed(_ value: Double, _ language: Language = .indonesian, digits: Int = 1) -> String {
        let text = decimal(abs(value), language, digits: digits)
        if text.allSatisfy({ $0 == "0" || $0 == "," || $0 == "." }) { return text }
        return (value < 0 ? "−" : "+") + text
    }

    /// A decimal number with `digits` after the mark: `24,1` / `24.1`.
    public static func decimal(_ value: Double, _ language: Language, digits: Int) -> String {
        let text = String(format: "%.\(digits)f", value)
        return language == .indonesian ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    static func grouped(_ digits: String, separator: String) -> String {
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out += separator }
            out.append(digit)
        }
        return out
    }

    static let monthsIndonesian = [
        "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November",
        "Desember",
    ]
    static let monthsEnglish = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]

    /// `21 November 2026`.
    public static func date(year: Int, month: Int, day: Int, _ language: Language = .indonesian) -> String {
        "\(day) \(monthName(month, language)) \(year)"
    }

    /// `21 November 2026` for a day of the Gregorian calendar in UTC (dates from the database).
    public static func date(_ date: Date, _ language: Language = .indonesian) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return self.date(year: parts.year!, month: parts.month!, day: parts.day!, language)
    }

    /// `2026-12-01T17:55:03Z`: a moment in UTC, ISO 8601 (logs, lists for scripts).
    public static func isoTimestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// `Desember 2025` for the period `2025-12`.
    public static func period(_ text: String, _ language: Language = .indonesian) -> String {
        let parts = text.split(separator: "-")
        guard parts.count >= 2, let year = Int(parts[0]), let month = Int(parts[1]), (1...12).contains(month) else {
            return text
        }
        return "\(monthName(month, language)) \(year)"
    }

    /// `Des 25` / `Dec 25` for the period `2025-12`, where space is short (chart axes).
    public static func shortPeriod(_ text: String, _ language: Language = .indonesian) -> String {
        let parts = text.split(separator: "-")
        guard parts.count >= 2, let month = Int(parts[1]), (1...12).contains(month) else { return text }
        return "\(monthName(month, language).prefix(3)) \(parts[0].suffix(2))"
    }

    static func monthName(_ month: Int, _ language: Language) -> String {
        (language == .indonesian ? monthsIndonesian : monthsEnglish)[month - 1]
    }
}
