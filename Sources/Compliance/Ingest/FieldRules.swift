import Foundation

/// The validation rules of the data contract, over the raw bytes of one field. Each rule
/// returns the normalised value or a `Problem` worded for a clerk.
enum FieldRules {
    typealias Bytes = UnsafeBufferPointer<UInt8>

    static func isDigit(_ byte: UInt8) -> Bool { byte &- 48 < 10 }

    static func allDigits(_ bytes: Bytes) -> Bool {
        guard !bytes.isEmpty else { return false }
        for byte in bytes where !isDigit(byte) { return false }
        return true
    }

    /// The value of plain digits, or nil (empty, not digits, or more than 18 digits).
    static func digitsValue(_ bytes: Bytes) -> Int? {
        guard allDigits(bytes) else { return nil }
        var value = 0
        var significant = 0
        for byte in bytes {
            if significant > 0 || byte != 48 { significant += 1 }
            if significant > 18 { return nil }
            value = value * 10 + Int(byte - 48)
        }
        return value
    }

    static func problem(_ column: String?, _ rule: String, _ indonesian: String, _ english: String) -> Problem {
        Problem(column: column, rule: rule, indonesian: indonesian, english: english)
    }

    static func text(_ bytes: Bytes) -> String { String(decoding: bytes, as: UTF8.self) }

    // MARK: - Identifiers

    /// NPP: 1–20 letters and digits after removing spaces; upper-case.
    static func npp(_ bytes: Bytes, column: String = "npp") -> Result<String, Problem> {
        // Fast path: already normalised (the common case, no allocation for short NPPs).
        if (1...20).contains(bytes.count),
            !bytes.contains(where: { !(isDigit($0) || ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z"))) })
        {
            return .success(String(decoding: bytes, as: UTF8.self))
        }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count)
        var valid = true
        for byte in bytes where byte != 0x20 && byte != 0x09 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "Z"): out.append(byte)
            case UInt8(ascii: "a")...UInt8(ascii: "z"): out.append(byte - 32)
            default: valid = false
            }
        }
        guard valid, (1...20).contains(out.count) else {
            let shown = Shown.value(bytes, personal: false)
            return .failure(
                problem(
                    column, "npp_format", "\(shown) harus 1–20 huruf dan angka",
                    "\(shown) must be 1–20 letters and digits"))
        }
        return .success(String(decoding: out, as: UTF8.self))
    }

    /// NPWP: 15 or 16 digits after removing `.`, `-` and spaces; 15 digits get a leading 0.
    static func npwp(_ bytes: Bytes) -> Result<String, Problem> {
        var digits = [UInt8]()
        var valid = true
        for byte in bytes {
            if isDigit(byte) { digits.append(byte) } else if byte != 0x2E, byte != 0x2D, byte != 0x20 { valid = false }
        }
        guard valid, digits.count == 15 || digits.count == 16 else {
            let shown = Shown.value(bytes, personal: false)
            return .failure(
                problem(
                    "npwp", "npwp_format", "\(shown) harus 15 atau 16 digit (titik, tanda hubung dan spasi diabaikan)",
                    "\(shown) must be 15 or 16 digits (dots, dashes and spaces are ignored)"))
        }
        if digits.count == 15 { digits.insert(48, at: 0) }
        return .success(String(decoding: digits, as: UTF8.self))
    }

    /// Exactly `count` digits (NIB 13, KBLI 5, region 4, KPJ 11).
    static func fixedDigits(_ bytes: Bytes, count: Int, column: String, personal: Bool = false) -> Problem? {
        guard bytes.count != count || !allDigits(bytes) else { return nil }
        let shown = Shown.value(bytes, personal: personal)
        return problem(column, "\(column)_format", "\(shown) harus \(count) digit", "\(shown) must be \(count) digits")
    }

    /// NIK: 16 digits; province 11–99; birth day 01–31 or 41–71; month 01–12; serial not 0000.
    static func nik(_ bytes: Bytes) -> Result<UInt64, Problem> {
        lazy var shown = Shown.value(bytes, personal: true)
        guard bytes.count == 16, allDigits(bytes) else {
            let what = allDigits(bytes) ? "\(bytes.count)" : nil
            return .failure(
                problem(
                    "nik", "nik_length",
                    "\(shown) harus 16 digit" + (what.map { " (ada \($0))" } ?? ""),
                    "\(shown) must be 16 digits" + (what.map { " (has \($0))" } ?? "")))
        }
        func pair(_ at: Int) -> Int { Int(bytes[at] - 48) * 10 + Int(bytes[at + 1] - 48) }
        if pair(0) < 11 {
            return .failure(
                problem(
                    "nik", "nik_province", "\(shown): kode provinsi (2 digit pertama) harus 11–99",
                    "\(shown): the province code (first 2 digits) must be 11–99"))
        }
        let day = pair(6)
        if !((1...31).contains(day) || (41...71).contains(day)) {
            return .failure(
                problem(
                    "nik", "nik_birth_day",
                    "\(shown): tanggal lahir (digit 7–8) harus 01–31, atau 41–71 untuk perempuan",
                    "\(shown): the birth day (digits 7–8) must be 01–31, or 41–71 for women"))
        }
        if !(1...12).contains(pair(8)) {
            return .failure(
                problem(
                    "nik", "nik_birth_month", "\(shown): bulan lahir (digit 9–10) harus 01–12",
                    "\(shown): the birth month (digits 9–10) must be 01–12"))
        }
        if pair(12) == 0, pair(14) == 0 {
            return .failure(
                problem(
                    "nik", "nik_serial", "\(shown): nomor urut (4 digit terakhir) tidak boleh 0000",
                    "\(shown): the serial (last 4 digits) must not be 0000"))
        }
        var value: UInt64 = 0
        for byte in bytes { value = value * 10 + UInt64(byte - 48) }
        return .success(value)
    }

    // MARK: - Text

    /// Text of `minimum`…`maximum` characters (Unicode code points), valid UTF-8, no NUL.
    static func text(_ bytes: Bytes, column: String, maximum: Int?) -> Problem? {
        // ASCII without NUL needs no decoding; its length is its byte count.
        var ascii = true
        for byte in bytes where byte >= 0x80 || byte == 0 {
            ascii = false
            break
        }
        if ascii {
            guard let maximum, bytes.count > maximum else { return nil }
        }
        guard let string = String(validating: bytes, as: UTF8.self), !bytes.contains(0) else {
            return problem(column, "text_encoding", "bukan teks UTF-8 yang sah", "not valid UTF-8 text")
        }
        if let maximum {
            let length = string.unicodeScalars.count
            if length > maximum {
                return problem(
                    column, "text_length", "panjang \(length) karakter; paling banyak \(maximum)",
                    "\(length) characters long; at most \(maximum)")
            }
        }
        return nil
    }

    // MARK: - Enumerations

    /// Matches `bytes` (any case) against `choices`; returns the canonical value.
    static func choice(_ bytes: Bytes, _ choices: [(String, String)]) -> String? {
        let lowered = text(bytes).lowercased()
        return choices.first { $0.0 == lowered }?.1
    }

    /// One of `choices` (any case), canonical; else a problem naming the known values.
    static func oneOf(
        _ bytes: Bytes, _ choices: [(String, String)], column: String, rule: String, known: (id: String, en: String)
    ) -> Result<String, Problem> {
        if let value = choice(bytes, choices) { return .success(value) }
        let shown = Shown.value(bytes, personal: false)
        return .failure(problem(column, rule, "\(shown) bukan \(known.id)", "\(shown) is not \(known.en)"))
    }

    static let scales: [(String, String)] = [
        ("besar", "besar"), ("menengah", "menengah"), ("kecil", "kecil"), ("mikro", "mikro"),
        ("large", "besar"), ("medium", "menengah"), ("small", "kecil"), ("micro", "mikro"),
    ]
    static let statuses: [(String, String)] = [("aktif", "aktif"), ("nonaktif", "nonaktif")]
    static let sources: [(String, String)] = [("wlkp", "wlkp"), ("pajak", "pajak"), ("pemda", "pemda"), ("oss", "oss")]
    static let programmes = ["JKK", "JKM", "JHT", "JP", "JKP"]

    /// A programme list separated by `|`, `,` or spaces; duplicates ignored; sorted in the
    /// canonical order JKK, JKM, JHT, JP, JKP.
    static func programs(_ bytes: Bytes) -> Result<[String], Problem> {
        let parts = text(bytes).uppercased().split { $0 == "|" || $0 == "," || $0 == " " || $0 == "\t" }
        let unknown = parts.filter { !programmes.contains(String($0)) }
        guard unknown.isEmpty else {
            // At most 60 characters, masked when they hold a NIK, as every quoted value.
            var joined = unknown.joined(separator: ", ")
            let shown = joined.withUTF8 { Shown.value($0, personal: false) }
            return .failure(
                problem(
                    "programs", "programs_unknown", "\(shown) bukan program yang dikenal (JKK, JKM, JHT, JP, JKP)",
                    "\(shown) is not a known programme (JKK, JKM, JHT, JP, JKP)"))
        }
        guard !parts.isEmpty else {
            return .failure(
                problem(
                    "programs", "programs_empty", "tidak ada program (JKK, JKM, JHT, JP, JKP)",
                    "no programme (JKK, JKM, JHT, JP, JKP)"))
        }
        let present = Set(parts.map(String.init))
        return .success(programmes.filter(present.contains))
    }

    // MARK: - Numbers

    /// A whole number: plain digits, leading zeros allowed, no sign or separators.
    static func wholeNumber(_ bytes: Bytes, column: String, range: ClosedRange<Int>) -> Result<Int, Problem> {
        lazy var shown = Shown.value(bytes, personal: false)
        guard let value = digitsValue(bytes) else {
            return .failure(
                problem(
                    column, "whole_number", "\(shown) harus bilangan bulat (hanya angka, tanpa tanda atau pemisah)",
                    "\(shown) must be a whole number (digits only, no sign or separators)"))
        }
        guard range.contains(value) else {
            return .failure(
                problem(
                    column, "number_range", "\(shown) harus \(range.lowerBound)–\(range.upperBound)",
                    "\(shown) must be \(range.lowerBound)–\(range.upperBound)"))
        }
        return .success(value)
    }

    /// The most digits a rupiah amount may have before the point (the data contract's limit).
    static let maximumMoneyDigits = 15

    /// Money: `^[0-9]+(\.[0-9]{1,2})?$`, at most `maximumMoneyDigits` digits before the point. Returns the value's text as it is (the server stores
    /// it exactly). Thousands separators, `Rp` and decimal commas get a message of their own.
    static func money(_ bytes: Bytes, column: String, positive: Bool, personal: Bool) -> Result<Bytes, Problem> {
        var point = -1
        var valid = !bytes.isEmpty
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x2E, point < 0, index > 0 { point = index } else if !isDigit(byte) { valid = false }
            index += 1
        }
        if valid, point >= 0, !(1...2).contains(bytes.count - point - 1) { valid = false }
        lazy var shown = personal ? "" : Shown.value(bytes, personal: false) + " "
        guard valid else {
            // Read from the bytes: a whole file of such values is the common mistake.
            var dots = 0
            var commas = 0
            var segment = 0
            var lastSegment = 0
            for byte in bytes {
                if byte == 0x2E {
                    dots += 1
                    if segment > 0 { lastSegment = segment }
                    segment = 0
                } else {
                    if byte == 0x2C { commas += 1 }
                    segment += 1
                }
            }
            if segment > 0 { lastSegment = segment }
            if bytes.contains(where: { $0 >= 0x80 || $0 == 0x0D }) {
                // Counted in characters, as a reader counts them (CR LF and combining marks
                // make one character of several bytes).
                let raw = text(bytes)
                lastSegment = raw.split(separator: ".").last?.count ?? 0
                dots = raw.filter { $0 == "." }.count
                commas = raw.filter { $0 == "," }.count
            }
            func startsWith(_ prefix: String) -> Bool {
                bytes.count >= prefix.utf8.count && zip(bytes, prefix.utf8).allSatisfy { $0 | 0x20 == $1 }
            }
            let hint: (String, String, String)
            if startsWith("rp") || startsWith("idr") {
                hint = (
                    "money_currency", "tanpa \"Rp\" dan tanpa pemisah ribuan, tulis angkanya saja (contoh 5396761)",
                    "without \"Rp\" or thousands separators, write the number only (e.g. 5396761)"
                )
            } else if dots > 1 || commas > 1 || (dots == 1 && commas == 1)
                || (dots == 1 && lastSegment == 3)
            {
                hint = (
                    "money_thousands_separator",
                    "pemisah ribuan tidak diperbolehkan: tulis 5396761, bukan 5.396.761",
                    "thousands separators are not allowed: write 5396761, not 5,396,761"
                )
            } else if commas == 1 {
                hint = (
                    "money_decimal_comma", "gunakan titik sebagai pemisah desimal (contoh 2446880.68)",
                    "use a point for decimals (e.g. 2446880.68)"
                )
            } else if bytes.first == UInt8(ascii: "-") {
                hint = ("money_negative", "tidak boleh negatif", "must not be negative")
            } else if dots == 1 {
                hint = (
                    "money_decimals", "paling banyak dua angka di belakang titik (sen)",
                    "at most two digits after the point (cents)"
                )
            } else {
                hint = (
                    "money_format", "bukan jumlah rupiah yang sah (contoh 5396761 atau 2446880.68)",
                    "is not a valid rupiah amount (e.g. 5396761 or 2446880.68)"
                )
            }
            return .failure(problem(column, hint.0, shown + hint.1, shown + hint.2))
        }
        // At most 15 digits before the point: under a thousand trillion rupiah. Leading zeros
        // do not count (the limit is on the amount, and whole numbers may carry leading zeros).
        let integerPart = point >= 0 ? point : bytes.count
        var significant = integerPart
        for byte in bytes[..<integerPart] {
            guard byte == 48 else { break }
            significant -= 1
        }
        if significant > maximumMoneyDigits {
            return .failure(
                problem(
                    column, "money_too_large",
                    "paling banyak \(maximumMoneyDigits) angka sebelum titik (di bawah seribu triliun rupiah); nilai ini \(significant) angka",
                    "at most \(maximumMoneyDigits) digits before the point (under a thousand trillion rupiah); this value has \(significant)"
                ))
        }
        if positive, !bytes.contains(where: { $0 > 48 && $0 <= 57 }) {
            return .failure(
                problem(column, "money_positive", shown + "harus lebih dari 0", shown + "must be more than 0"))
        }
        return .success(bytes)
    }

    /// The amount in cents of money that `money` accepted (digits, then at most two after a
    /// point; at most 15 significant digits before it, so it fits).
    static func cents(_ validated: Bytes) -> Int64 {
        var whole: Int64 = 0
        var fraction: Int64 = 0
        var decimals = -1
        for byte in validated {
            if byte == 0x2E {
                decimals = 0
            } else if decimals < 0 {
                whole = whole &* 10 &+ Int64(byte &- 48)
            } else {
                fraction = fraction * 10 + Int64(byte &- 48)
                decimals += 1
            }
        }
        return whole &* 100 &+ (decimals == 1 ? fraction * 10 : fraction)
    }

    // MARK: - Dates

    /// `YYYY-MM-DD`, a real calendar date; returns it as written (ISO, which the server reads).
    static func date(_ bytes: Bytes, column: String) -> Result<(year: Int, month: Int, day: Int), Problem> {
        if bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D,
            let year = digitsValue(Bytes(rebasing: bytes[0..<4])),
            let month = digitsValue(Bytes(rebasing: bytes[5..<7])),
            let day = digitsValue(Bytes(rebasing: bytes[8..<10])),
            year >= 1, (1...12).contains(month), day >= 1, day <= daysIn(year: year, month: month)
        {
            return .success((year, month, day))
        }
        let shown = Shown.value(bytes, personal: false)
        return .failure(
            problem(
                column, "date_format", "\(shown) bukan tanggal YYYY-MM-DD yang sah",
                "\(shown) is not a valid YYYY-MM-DD date"))
    }

    /// `YYYY-MM`.
    static func period(_ bytes: Bytes, column: String = "period") -> Result<(year: Int, month: Int), Problem> {
        if bytes.count == 7, bytes[4] == 0x2D,
            let year = digitsValue(Bytes(rebasing: bytes[0..<4])),
            let month = digitsValue(Bytes(rebasing: bytes[5..<7])),
            year >= 1, (1...12).contains(month)
        {
            return .success((year, month))
        }
        let shown = Shown.value(bytes, personal: false)
        return .failure(
            problem(
                column, "period_format", "\(shown) bukan periode YYYY-MM yang sah",
                "\(shown) is not a valid YYYY-MM period"))
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `YYYY-MM-01` for a period.
    static func firstDay(_ period: (year: Int, month: Int)) -> String {
        let year = String(period.year)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + (period.month < 10 ? "-0" : "-")
            + String(period.month) + "-01"
    }
}
