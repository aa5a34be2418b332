import Foundation

/// The structured evidence a rule writes with each finding (`periksa.findings.evidence`), one
/// type per category, decoded strictly: a key a rule renames or leaves out fails the decoding
/// with its name, it is never read as a default. The JSON keys are the rules' own (snake_case).
public enum Evidence: Sendable, Equatable {
    case pdsProgram(ProgrammesMissing)
    case pdsTK(WorkersNotRegistered)
    case pdsUpah(WagesUnderReported)
    case pwbd(UnregisteredBusiness)
    case tunggakan(Arrears)

    /// Decodes the evidence JSON of a finding of `category`; `subject` (NPP or source reference)
    /// names the finding in an error.
    public static func decode(_ json: String, category: Category, subject: String) throws -> Evidence {
        let decoder = JSONDecoder()
        decoder.userInfo[Self.categoryKey] = category
        do {
            return try decoder.decode(Document.self, from: Data(json.utf8)).evidence
        } catch let error as DecodingError {
            throw FindingDataError.malformedEvidence(
                category: category.code, subject: subject, detail: Self.describe(error))
        }
    }

    /// The evidence of a finding of `category`, wherever `decoder` stands (a whole document, or
    /// a finding's `evidence` key inside a larger one).
    init(from decoder: any Decoder, category: Category) throws {
        let value = try decoder.singleValueContainer()
        switch category {
        case .pdsProgram: self = .pdsProgram(try value.decode(ProgrammesMissing.self))
        case .pdsTK: self = .pdsTK(try value.decode(WorkersNotRegistered.self))
        case .pdsUpah: self = .pdsUpah(try value.decode(WagesUnderReported.self))
        case .pwbd: self = .pwbd(try value.decode(UnregisteredBusiness.self))
        case .tunggakan: self = .tunggakan(try value.decode(Arrears.self))
        }
    }

    static let categoryKey = CodingUserInfoKey(rawValue: "periksa.category")!

    /// A whole evidence document, its category handed over in the decoder's user info.
    private struct Document: Decodable {
        let evidence: Evidence

        init(from decoder: any Decoder) throws {
            guard let category = decoder.userInfo[Evidence.categoryKey] as? Category else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "no category given"))
            }
            evidence = try Evidence(from: decoder, category: category)
        }
    }

    /// The evidence as JSON, with the rules' keys (nil values left out).
    public func json() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        switch self {
        case .pdsProgram(let value): return try encoder.encode(value)
        case .pdsTK(let value): return try encoder.encode(value)
        case .pdsUpah(let value): return try encoder.encode(value)
        case .pwbd(let value): return try encoder.encode(value)
        case .tunggakan(let value): return try encoder.encode(value)
        }
    }

    /// The category this evidence belongs to.
    public var category: Category {
        switch self {
        case .pdsProgram: .pdsProgram
        case .pdsTK: .pdsTK
        case .pdsUpah: .pdsUpah
        case .pwbd: .pwbd
        case .tunggakan: .tunggakan
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "no key \(([path(context)].filter { !$0.isEmpty } + [key.stringValue]).joined(separator: "."))"
        case .valueNotFound(_, let context): return "\(path(context)) is null"
        case .typeMismatch(let type, let context): return "\(path(context)) is not \(type)"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

/// PDS_PROGRAM: the programmes the employer's scale makes mandatory and those it lacks.
public struct ProgrammesMissing: Codable, Sendable, Equatable {
    public var scale: String
    public var enrolled: [String]
    public var mandatory: [String]
    public var missing: [String]
    /// Contribution rows of the period whose missing programmes were priced.
    public var reportedWorkers: Int

    enum CodingKeys: String, CodingKey {
        case scale, enrolled, mandatory, missing
        case reportedWorkers = "reported_workers"
    }
}

/// PDS_TK: the group's outside headcount against the workers it reported.
public struct WorkersNotRegistered: Codable, Sendable, Equatable {
    /// One outside record that matched the group.
    public struct Record: Codable, Sendable, Equatable {
        public var source: OutsideSource
        public var headcount: Int
        /// `npp:…`, `npwp:…` or `nib:…`: the record's first identifier present (NPP, then
        /// NPWP, then NIB), as the source wrote it.
        public var identifier: String
    }

    /// `npwp:<npwp>` or `npp:<npp>`.
    public var group: String
    /// The other NPPs of the group (the finding is on its lead).
    public var members: [String]
    /// H(g) and the source of that record.
    public var headcount: Int
    public var source: OutsideSource
    /// W(g).
    public var reportedWorkers: Int
    public var gap: Int
    /// The median reported wage the gap was priced with; nil when the group reported no one.
    public var medianWage: Decimal?
    /// The lead's minimum wage (the price when no one was reported); nil when unknown.
    public var minimumWage: Decimal?
    public var records: [Record]

    enum CodingKeys: String, CodingKey {
        case group, members, headcount, source, gap, records
        case reportedWorkers = "reported_workers"
        case medianWage = "median_wage"
        case minimumWage = "minimum_wage"
    }

    /// The wage each missing worker was priced at: the median, else the minimum wage.
    public var wageBasis: Decimal? { medianWage ?? minimumWage }
}

/// PDS_UPAH: workers under the minimum wage, and the BPJS average under the tax average.
public struct WagesUnderReported: Codable, Sendable, Equatable {
    /// Trigger 1: the employer's workers paid under its minimum wage (personal data: NIK, wage).
    public struct BelowMinimum: Codable, Sendable, Equatable {
        public struct Worker: Codable, Sendable, Equatable {
            public var nik: String
            public var wage: Decimal
        }
        public var minimumWage: Decimal
        public var workers: [Worker]
        public var loss: Decimal

        enum CodingKeys: String, CodingKey {
            case workers, loss
            case minimumWage = "minimum_wage"
        }
    }

    /// Trigger 2: the group's average reported wage against the tax record's.
    public struct UnderTax: Codable, Sendable, Equatable {
        public var taxHeadcount: Int
        public var taxWageBill: Decimal
        public var averageTax: Decimal
        public var reportedWorkers: Int
        public var reportedWages: Decimal
        public var averageBPJS: Decimal
        /// `pds_upah.max_ratio_to_tax` of the run (0.90): the share of the tax average below
        /// which the BPJS average is flagged.
        public var maximumRatioToTax: Decimal
        public var loss: Decimal

        enum CodingKeys: String, CodingKey {
            case loss
            case taxHeadcount = "tax_headcount"
            case taxWageBill = "tax_wage_bill"
            case averageTax = "average_tax"
            case reportedWorkers = "reported_workers"
            case reportedWages = "reported_wages"
            case averageBPJS = "average_bpjs"
            case maximumRatioToTax = "max_ratio_to_tax"
        }
    }

    public var belowMinimum: BelowMinimum?
    public var underTax: UnderTax?

    enum CodingKeys: String, CodingKey {
        case belowMinimum = "below_minimum"
        case underTax = "under_tax"
    }
}

/// PWBD: a business seen by outside sources that no registry entry matches.
public struct UnregisteredBusiness: Codable, Sendable, Equatable {
    /// One outside record of the business.
    public struct Record: Codable, Sendable, Equatable {
        public var source: OutsideSource
        public var headcount: Int
        public var npwp: String?
        public var nib: String?
        public var name: String
        public var regionCode: String

        enum CodingKeys: String, CodingKey {
            case source, headcount, npwp, nib, name
            case regionCode = "region_code"
        }
    }

    /// H and the region of that record.
    public var headcount: Int
    public var regionCode: String
    /// The region's minimum wage the loss was priced at; nil when unknown (loss 0).
    public var minimumWage: Decimal?
    public var records: [Record]
    /// A registered employer of the same region with a similar name: a hint, not a match.
    public var possibleNPP: String?
    public var possibleName: String?

    enum CodingKeys: String, CodingKey {
        case headcount, records
        case regionCode = "region_code"
        case minimumWage = "minimum_wage"
        case possibleNPP = "possible_npp"
        case possibleName = "possible_name"
    }
}

/// TUNGGAKAN: every month of the window with an outstanding amount, and its fine.
public struct Arrears: Codable, Sendable, Equatable {
    /// One month in arrears.
    public struct Month: Codable, Sendable, Equatable {
        /// `YYYY-MM`.
        public var period: String
        public var due: Decimal
        public var paid: Decimal
        public var outstanding: Decimal
        /// `YYYY-MM-DD`: the 15th of the next month.
        public var dueDate: String
        public var monthsLate: Int
        public var fine: Decimal

        enum CodingKeys: String, CodingKey {
            case period, due, paid, outstanding, fine
            case dueDate = "due_date"
            case monthsLate = "months_late"
        }
    }

    public var outstanding: Decimal
    public var fines: Decimal
    public var periods: [Month]
}
