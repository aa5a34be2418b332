/// A source of outside headcounts (`periksa.workforce.source`): who told us how many people an
/// employer has, in the tie order of the rules (`wlkp`, `pajak`, `pemda`, `oss`).
public enum OutsideSource: String, CaseIterable, Sendable, Codable, Comparable {
    /// Wajib Lapor Ketenagakerjaan: the Ministry of Manpower's workforce report.
    case wlkp
    /// Tax withholding (PPh 21) reported to the tax office.
    case pajak
    /// Data exchanged by a provincial or city government.
    case pemda
    /// The OSS business licensing system.
    case oss

    public var code: String { rawValue }

    public static func < (left: OutsideSource, right: OutsideSource) -> Bool {
        allCases.firstIndex(of: left)! < allCases.firstIndex(of: right)!
    }

    /// How a sentence names it: `PAJAK` for inspectors, `Tax data` in English.
    public func label(_ language: Language) -> String {
        switch self {
        case .wlkp: "WLKP"
        case .pajak: language.text("PAJAK", "Tax data")
        case .pemda: language.text("PEMDA", "Local government data")
        case .oss: "OSS"
        }
    }
}
