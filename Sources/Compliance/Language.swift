import Foundation

/// The language of messages and reports: Bahasa Indonesia unless English is asked for.
public enum Language: String, Sendable, CaseIterable {
    case indonesian = "id"
    case english = "en"

    /// `--lang` when given, else English when `LANG`/`LC_ALL`/`LC_MESSAGES` start with `en`,
    /// else Bahasa Indonesia.
    public static func resolve(_ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment)
        -> Language?
    {
        if let option { return Language(rawValue: option.lowercased().prefix(2).description) }
        let locale = environment["LC_ALL"] ?? environment["LC_MESSAGES"] ?? environment["LANG"] ?? ""
        return locale.lowercased().hasPrefix("en") ? .english : .indonesian
    }

    /// Picks the text (or any value) for this language.
    public func text<T>(_ indonesian: T, _ english: T) -> T {
        self == .indonesian ? indonesian : english
    }
}

/// An error whose message Periksa writes in the reader's language.
public protocol Localized: Error {
    func message(_ language: Language) -> String
}
