import Foundation

/// The kinds of file `periksa import` reads, with their columns (the data contract).
public enum ImportKind: String, CaseIterable, Sendable {
    case employers
    case workforce
    case contributions
    case payments
    case minimumWages = "minimum-wages"
    /// Inspection history (not one of the contract's five files): leaves recently inspected
    /// employers off the audit list.
    case inspections
    /// Contributions of informal participants (docs/coverage.md).
    case bpuContributions = "bpu-contributions"
    /// The local governments' lists of workers.
    case workerLists = "worker-lists"
    /// The working population per region and year.
    case labourForce = "labour-force"

    /// A column of the contract: its name and whether the header must have it.
    public struct Column: Sendable {
        public let name: String
        public let required: Bool
    }

    public var columns: [Column] {
        func column(_ name: String, _ required: Bool = true) -> Column { Column(name: name, required: required) }
        switch self {
        case .employers:
            return [
                column("npp"), column("name"), column("npwp", false), column("nib", false), column("kbli"),
                column("scale"), column("risk_group"), column("region_code"), column("branch_code"),
                column("programs"), column("registered_on"), column("status", false),
            ]
        case .workforce:
            return [
                column("source"), column("period"), column("npp", false), column("npwp", false), column("nib", false),
                column("name"), column("region_code"), column("headcount"), column("wage_bill", false),
            ]
        case .contributions:
            return [
                column("npp"), column("period"), column("kpj"), column("nik"), column("name", false), column("wage"),
            ]
        case .payments:
            return [column("npp"), column("period"), column("paid_on"), column("amount")]
        case .minimumWages:
            return [column("region_code"), column("year"), column("amount")]
        case .inspections:
            return [column("npp"), column("inspected_on"), column("outcome")]
        case .bpuContributions:
            return [
                column("kpj"), column("nik"), column("name", false), column("period"), column("declared_income"),
                column("programs"), column("amount"), column("paid_on"), column("funded_by"),
                column("domicile_region", false),
            ]
        case .workerLists:
            return [
                column("list_code"), column("pemda_code"), column("nik"), column("name", false), column("region_code"),
                column("category"), column("funded"), column("funded_from", false), column("funded_to", false),
                column("declared_income", false),
            ]
        case .labourForce:
            return [
                column("region_code"), column("year"), column("workers"), column("wage_workers", false),
                column("non_wage_workers", false), column("source", false),
            ]
        }
    }
}

/// Where each contract column sits in a file, from its header.
struct ColumnMap {
    private var indices: [String: Int] = [:]
    let fieldCount: Int
    /// Header names that are not columns of the kind (ignored, with one warning).
    let unknown: [String]

    /// Matches the header case-insensitively after trimming; throws naming missing required
    /// columns or a column given twice.
    init(header: [String], kind: ImportKind, path: String) throws {
        fieldCount = header.count
        let known = Set(kind.columns.map(\.name))
        var unknown: [String] = []
        for (index, raw) in header.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if known.contains(name) {
                guard indices[name] == nil else { throw ImportError.duplicateColumn(path: path, column: name) }
                indices[name] = index
            } else {
                unknown.append(raw)
            }
        }
        self.unknown = unknown
        let missing = kind.columns.filter { $0.required && indices[$0.name] == nil }.map(\.name)
        guard missing.isEmpty else { throw ImportError.missingColumns(path: path, columns: missing) }
    }

    /// The field index of `column`, or nil when the header does not have it.
    func index(_ column: String) -> Int? { indices[column] }
}
