import Foundation

/// One reason a row is rejected: the column, a stable rule code, and what to tell the clerk.
public struct Problem: Error, Sendable, Hashable {
    /// The column, or nil for the row as a whole.
    public var column: String?
    /// A stable code (`nik_length`, `money_thousands_separator`, …) for scripts and tests.
    public var rule: String
    public var indonesian: String
    public var english: String

    public init(column: String?, rule: String, indonesian: String, english: String) {
        self.column = column
        self.rule = rule
        self.indonesian = indonesian
        self.english = english
    }

    /// Hashes the rule and the Bahasa message only: the English one and the column follow from
    /// them (equality still compares every field). Halves the hashing of a file of wrong rows.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(rule)
        hasher.combine(indonesian)
    }

    /// The message in `language`, without the line.
    public func message(_ language: Language) -> String {
        language == .indonesian ? indonesian : english
    }

    /// `kolom nik: …` / `column nik: …`.
    public func described(_ language: Language) -> String {
        guard let column else { return message(language) }
        return language.text("kolom \(column): ", "column \(column): ") + message(language)
    }
}

/// How a value is quoted in a message: as it is, or masked when it is personal data (NIK,
/// KPJ, worker names and wages never appear in messages or logs).
enum Shown {
    /// A value as a message shows it: quoted, at most 60 characters; masked when personal.
    /// A value of any column with 16 digits in a row is masked too: a NIK in the wrong column
    /// is still a NIK.
    static func value(_ bytes: UnsafeBufferPointer<UInt8>, personal: Bool) -> String {
        let text = String(decoding: bytes.prefix(60), as: UTF8.self) + (bytes.count > 60 ? "…" : "")
        return "\"" + (personal || holdsNIK(bytes) ? Masking.nik(text) : text) + "\""
    }

    static func holdsNIK(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var run = 0
        for byte in bytes {
            run = byte &- 48 < 10 ? run + 1 : 0
            if run >= 16 { return true }
        }
        return false
    }
}
