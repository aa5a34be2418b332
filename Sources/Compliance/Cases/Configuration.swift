import Foundation

/// The configuration file (`--config FILE`, else `$PERIKSA_CONFIG`, else `periksa.json` in the
/// working directory when there is one): the fine rate of cases and each branch's letterhead.
///
/// ```json
/// {
///   "cases": { "fine_rate_monthly": 0.001 },
///   "branches": {
///     "JKT-SELATAN": {
///       "name": "Kantor Cabang Jakarta Selatan",
///       "address": "Jl. Jenderal Sudirman Kav. 1, Jakarta 12190",
///       "city": "Jakarta",
///       "head": "Nama Kepala Kantor Cabang",
///       "head_title": "Kepala Kantor Cabang"
///     }
///   }
/// }
/// ```
/// Every key is optional: a branch without an entry has its code for a letterhead.
public struct Configuration: Decodable, Sendable, Equatable {
    public struct CaseSettings: Decodable, Sendable, Equatable {
        public var fineRateMonthly: Decimal?

        enum CodingKeys: String, CodingKey { case fineRateMonthly = "fine_rate_monthly" }
    }

    public struct Branch: Decodable, Sendable, Equatable {
        public var name: String?
        public var address: String?
        public var city: String?
        public var head: String?
        public var headTitle: String?

        enum CodingKeys: String, CodingKey {
            case name, address, city, head
            case headTitle = "head_title"
        }

        public init(
            name: String? = nil, address: String? = nil, city: String? = nil, head: String? = nil,
            headTitle: String? = nil
        ) {
            (self.name, self.address, self.city, self.head, self.headTitle) = (name, address, city, head, headTitle)
        }
    }

    public var cases: CaseSettings?
    public var branches: [String: Branch]?
    /// The file it was read from (nil: none, the defaults).
    public var path: String?

    enum CodingKeys: String, CodingKey { case cases, branches }

    public init() {}

    /// The fine rate of cases: the file's, else 0.001.
    public var fineRate: Decimal { cases?.fineRateMonthly ?? Cases.defaultFineRate }

    /// The letterhead of `code`: its entry, else the code as its name.
    public func branch(_ code: String) -> Branch { branches?[code] ?? Branch(name: nil) }

    /// Reads `path`, else `$PERIKSA_CONFIG`, else `./periksa.json` if present; none: defaults.
    public static func load(
        path: String?, environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> Configuration {
        let chosen = path ?? environment["PERIKSA_CONFIG"]
        let file: String
        if let chosen {
            file = chosen
        } else if FileManager.default.fileExists(atPath: "periksa.json") {
            file = "periksa.json"
        } else {
            return Configuration()
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw ConfigurationError(path: file, problem: "cannot be read")
        }
        do {
            var configuration = try JSONDecoder().decode(Configuration.self, from: data)
            configuration.path = file
            if let rate = configuration.cases?.fineRateMonthly, rate < 0 || rate > 1 {
                throw ConfigurationError(path: file, problem: "cases.fine_rate_monthly must be between 0 and 1")
            }
            return configuration
        } catch let error as ConfigurationError {
            throw error
        } catch let DecodingError.typeMismatch(type, context), let DecodingError.valueNotFound(type, context) {
            throw ConfigurationError(path: file, problem: "\(key(context)): \(expected(type))")
        } catch let DecodingError.dataCorrupted(context) where !context.codingPath.isEmpty {
            throw ConfigurationError(path: file, problem: "\(key(context)): not a valid value")
        } catch {
            throw ConfigurationError(path: file, problem: "is not valid JSON")
        }
    }
}

private func key(_ context: DecodingError.Context) -> String {
    context.codingPath.map(\.stringValue).joined(separator: ".")
}

/// What a key of the wrong type should hold.
private func expected(_ type: Any.Type) -> String {
    switch type {
    case is Decimal.Type, is Double.Type, is Int.Type: "must be a number (for example 0.001)"
    case is String.Type: "must be text in quotes"
    default: "must be an object of keys and values"
    }
}

/// A configuration file that cannot be used: its path and what is wrong.
public struct ConfigurationError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var problem: String
    public var description: String { "configuration file \(path): \(problem)" }
}
