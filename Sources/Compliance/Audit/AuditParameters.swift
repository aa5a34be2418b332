import Foundation

/// The parameters of the rules (docs/rules.md), with their defaults; each can be overridden
/// (`--param pds_tk.min_gap=3`) and all are stored with the run.
public struct AuditParameters: Sendable, Equatable {
    /// Name, default value (exact decimal text), and whether it must be a whole number.
    public static let definitions: [(name: String, value: String, whole: Bool)] = [
        ("pds_tk.min_gap", "2", true),
        ("pds_tk.min_ratio", "0.10", false),
        ("pds_upah.min_workers_below", "1", true),
        ("pds_upah.max_ratio_to_tax", "0.90", false),
        ("tunggakan.fine_rate_monthly", "0.02", false),
        ("tunggakan.min_amount", "10000", false),
    ]

    /// The values, as exact decimal text, by name.
    public private(set) var values: [String: String]

    public init() {
        values = Dictionary(uniqueKeysWithValues: Self.definitions.map { ($0.name, $0.value) })
    }

    /// Applies `name=value` overrides; throws naming an unknown parameter or a bad value.
    public mutating func apply(_ overrides: [String]) throws {
        for override in overrides {
            let parts = override.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let definition = Self.definitions.first(where: { $0.name == parts[0] }) else {
                throw AuditError.unknownParameter(override, known: Self.definitions.map(\.name))
            }
            let pattern = definition.whole ? "^[0-9]+$" : "^[0-9]+(\\.[0-9]+)?$"
            guard parts[1].range(of: pattern, options: .regularExpression) != nil else {
                throw AuditError.badParameter(name: parts[0], value: parts[1], whole: definition.whole)
            }
            values[parts[0]] = parts[1]
        }
    }

    /// Reads `name=value` lines (blank lines and `#` comments ignored) from a file.
    public mutating func apply(file path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try apply(
            text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("#") })
    }

    /// The parameters as JSON, stored with the run.
    public var json: String {
        "{" + Self.definitions.map { "\"\($0.name)\": \(values[$0.name]!)" }.joined(separator: ", ") + "}"
    }
}

/// Why an audit cannot run, in words for the user.
public enum AuditError: Localized, CustomStringConvertible, Sendable {
    case unknownParameter(String, known: [String])
    case badParameter(name: String, value: String, whole: Bool)
    case badPeriod(String)
    case badDate(String)
    case noRun(period: String)
    case runNotFound(Int)
    case unknownEmployer(String)
    case badReportPeriod(String)
    case emptyScope(region: String?, branch: String?)
    /// The month's wage rows were rewritten (other than by an import) during each of three tries.
    case keepsChanging(period: String)

    public var description: String { message(.english) }

    public func message(_ language: Language) -> String {
        switch self {
        case .unknownParameter(let text, let known):
            language.text(
                "parameter tidak dikenal \(text): parameternya \(known.joined(separator: ", ")) (nama=nilai)",
                "unknown parameter \(text): the parameters are \(known.joined(separator: ", ")) (name=value)")
        case .badParameter(let name, let value, let whole):
            language.text(
                "\(name) menerima \(whole ? "bilangan bulat" : "bilangan desimal seperti 0.10"), bukan \(value)",
                "\(name) takes \(whole ? "a whole number" : "a decimal number such as 0.10"), not \(value)")
        case .badPeriod(let text):
            language.text("periode ditulis YYYY-MM, bukan \(text)", "a period is YYYY-MM, not \(text)")
        case .badDate(let text):
            language.text("tanggal ditulis YYYY-MM-DD, bukan \(text)", "a date is YYYY-MM-DD, not \(text)")
        case .noRun(let period):
            language.text(
                "belum ada audit untuk \(period): jalankan dulu `periksa audit --period \(period)`",
                "no audit run for \(period) yet: run `periksa audit --period \(period)` first")
        case .runNotFound(let id): language.text("tidak ada audit #\(id)", "there is no run \(id)")
        case .unknownEmployer(let npp):
            language.text(
                "tidak ada pemberi kerja terdaftar dengan NPP \(npp)", "no registered employer has NPP \(npp)")
        case .badReportPeriod(let text):
            language.text(
                "berikan salah satu --period YYYY-MM, --quarter YYYYQn (2024Q2) atau --year YYYY\(text.isEmpty ? "" : ", bukan \(text)")",
                "give one of --period YYYY-MM, --quarter YYYYQn (2024Q2) or --year YYYY\(text.isEmpty ? "" : ", not \(text)")"
            )
        case .keepsChanging(let period):
            language.text(
                "data upah \(period) terus diubah selama audit (tiga kali): tidak ada yang disimpan; ulangi setelah perubahannya selesai",
                "the wage rows of \(period) kept changing during the audit (three tries): nothing was saved; rerun once the changes are done"
            )
        case .emptyScope(let region, let branch):
            language.text(
                "tidak ada pemberi kerja terdaftar di "
                    + [region.map { "wilayah \($0)" }, branch.map { "kantor cabang \($0)" }].compactMap { $0 }.joined(
                        separator: " dan ") + " dalam angka audit",
                "no registered employer in "
                    + [region.map { "region \($0)" }, branch.map { "branch \($0)" }].compactMap { $0 }.joined(
                        separator: " and ") + " in the run's figures")
        }
    }
}
