import Foundation

/// One reason a row is rejected: the column, a stable rule code, and what to tell the clerk.
public struct Problem: Error, Sendable, Equatable {
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
    static func value(_ bytes: UnsafeBufferPointer<UInt8>, personal: Bool) -> String {
        let text = String(decoding: bytes.prefix(60), as: UTF8.self) + (bytes.count > 60 ? "…" : "")
        return "\"" + (personal ? Masking.nik(text) : text) + "\""
    }
}
