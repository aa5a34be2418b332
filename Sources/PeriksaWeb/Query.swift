import Compliance
import Foundation
import Hummingbird

/// A request's query parameters, checked: a value out of range is a 400 that names the field
/// and what is allowed.
struct Query {
    let request: Request
    let language: Language

    init(_ request: Request) {
        self.request = request
        language = Page.language(request)
    }

    func value(_ name: String) -> String? {
        request.uri.queryParameters[Substring(name)].map(String.init)
    }

    func refuse(_ name: String, _ indonesian: String, _ english: String) -> HTTPError {
        HTTPError(.badRequest, message: "\(name): " + language.text(indonesian, english))
    }

    /// `YYYY-MM`, required.
    func period(_ name: String) throws -> String {
        guard let text = value(name), (try? AuditRunner.parsePeriod(text)) != nil else {
            throw refuse(name, "periode YYYY-MM, misalnya 2025-12", "a period YYYY-MM, such as 2025-12")
        }
        return text
    }

    /// Optional text of `length` characters.
    func text(_ name: String, length: ClosedRange<Int>) throws -> String? {
        guard let text = value(name), !text.isEmpty else { return nil }
        guard length.contains(text.count) else {
            throw refuse(
                name, "\(length.lowerBound)–\(length.upperBound) karakter",
                "\(length.lowerBound)–\(length.upperBound) characters")
        }
        return text
    }

    /// An optional whole number within `range`.
    func number(_ name: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let text = value(name), !text.isEmpty else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw refuse(
                name, "bilangan bulat \(range.lowerBound)–\(range.upperBound)",
                "a whole number \(range.lowerBound)–\(range.upperBound)")
        }
        return number
    }

    /// `format`, one of `allowed` (the first when absent).
    func format(_ allowed: [String]) throws -> String {
        guard let text = value("format"), !text.isEmpty else { return allowed[0] }
        guard allowed.contains(text) else {
            throw refuse("format", allowed.joined(separator: ", "), allowed.joined(separator: ", "))
        }
        return text
    }

    /// An optional value among `allowed`.
    func choice(_ name: String, _ allowed: [String]) throws -> String? {
        guard let text = value(name), !text.isEmpty else { return nil }
        guard allowed.contains(text) else {
            throw refuse(name, allowed.joined(separator: ", "), allowed.joined(separator: ", "))
        }
        return text
    }

    /// An optional period `YYYY-MM`.
    func optionalPeriod(_ name: String) throws -> String? {
        guard let text = value(name), !text.isEmpty else { return nil }
        return try period(name)
    }
}
