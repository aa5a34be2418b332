import Foundation

/// A category of finding (docs/rules.md): its code, its names in both languages, the obligation it
/// breaches and the rule file that finds it. Everything that lists, orders or describes
/// categories goes through this type. Adding a rule: one SQL file in `SQL/rules`, one case
/// here, its evidence type and case in `Evidence`, its words in `FindingText`, and a migration
/// for the category check of `periksa.findings` (docs/architecture.md).
public enum Category: String, CaseIterable, Sendable, Comparable, Codable {
    // In the data contract's order (alphabetical by code).
    case pdsProgram = "PDS_PROGRAM"
    case pdsTK = "PDS_TK"
    case pdsUpah = "PDS_UPAH"
    case pwbd = "PWBD"
    case tunggakan = "TUNGGAKAN"

    /// The code of the data contract (`PDS_TK`).
    public var code: String { rawValue }

    /// The category of a code the project wrote itself; throws naming an unknown one.
    public init(code: String) throws {
        guard let category = Category(rawValue: code) else { throw FindingDataError.unknownCategory(code) }
        self = category
    }

    public static func < (left: Category, right: Category) -> Bool { left.rawValue < right.rawValue }

    /// The rule file of `SQL/rules` that finds it.
    public var ruleFile: String { rawValue.lowercased() + ".sql" }

    /// False for PWBD: an unregistered business has no NPP, no branch and no place on the audit list.
    public var concernsRegisteredEmployer: Bool { self != .pwbd }

    /// The short label inspectors use (`PDS TK`; in English `PDS Workers`).
    public func label(_ language: Language) -> String {
        switch self {
        case .pdsTK: language.text("PDS TK", "PDS Workers")
        case .pdsUpah: language.text("PDS Upah", "PDS Wages")
        case .pdsProgram: language.text("PDS Program", "PDS Programmes")
        case .pwbd: "PWBD"
        case .tunggakan: language.text("Tunggakan", "Arrears")
        }
    }

    /// The name with what it means (`PDS TK — workers not registered`).
    public func name(_ language: Language) -> String {
        switch self {
        case .pdsTK:
            language.text("PDS TK — sebagian tenaga kerja tidak didaftarkan", "PDS Workers — workers not registered")
        case .pdsUpah: language.text("PDS Upah — upah dilaporkan lebih rendah", "PDS Wages — wages under-reported")
        case .pdsProgram:
            language.text("PDS Program — program wajib tidak diikuti", "PDS Programmes — mandatory programmes missing")
        case .pwbd: language.text("PWBD — wajib daftar, belum terdaftar", "PWBD — required to register, not registered")
        case .tunggakan: language.text("Tunggakan iuran", "Contribution arrears")
        }
    }

    /// The obligation a finding breaches and the sanctions that follow (PP 86/2013 art. 5–8:
    /// written warning, fine, withholding of public services).
    public func legalBasis(_ language: Language) -> String {
        let obligation: String
        switch self {
        case .pdsTK, .pwbd:
            obligation = language.text(
                "UU 24/2011 pasal 15 ayat (1): mendaftarkan diri dan seluruh pekerjanya; PP 86/2013 pasal 3",
                "UU 24/2011 art. 15(1): register the employer and all its workers; PP 86/2013 art. 3")
        case .pdsUpah:
            obligation = language.text(
                "UU 24/2011 pasal 15 ayat (2): data upah yang lengkap dan benar; upah dasar iuran: PP 44/2015 (JKK, JKM), PP 46/2015 (JHT), PP 45/2015 (JP)",
                "UU 24/2011 art. 15(2): complete and correct wage data; wage as contribution base: PP 44/2015 (JKK, JKM), PP 46/2015 (JHT), PP 45/2015 (JP)"
            )
        case .pdsProgram:
            obligation = language.text(
                "Perpres 109/2013 pasal 6: program wajib menurut skala usaha; PP 44/2015, PP 45/2015, PP 46/2015",
                "Perpres 109/2013 art. 6: mandatory programmes by business scale; PP 44/2015, PP 45/2015, PP 46/2015")
        case .tunggakan:
            obligation = language.text(
                "UU 24/2011 pasal 19: memungut dan menyetor iuran paling lambat tanggal 15 bulan berikutnya; denda keterlambatan 2% per bulan: PP 44/2015, PP 45/2015, PP 46/2015",
                "UU 24/2011 art. 19: collect and pay contributions by the 15th of the next month; late-payment fine 2% a month: PP 44/2015, PP 45/2015, PP 46/2015"
            )
        }
        let sanctions = language.text(
            "sanksi administratif: PP 86/2013 pasal 5–8 (teguran tertulis, denda, tidak mendapat pelayanan publik tertentu)",
            "administrative sanctions: PP 86/2013 art. 5–8 (written warning, fine, withholding of public services)")
        return obligation + "; " + sanctions
    }
}

/// Data Periksa wrote itself that does not read back as it should: never papered over with a
/// default, always named.
public enum FindingDataError: Error, CustomStringConvertible, Sendable {
    case unknownCategory(String)
    case malformedEvidence(category: String, subject: String, detail: String)

    public var description: String {
        switch self {
        case .unknownCategory(let code):
            "unknown finding category \(code): the database holds findings this version of periksa does not know"
        case .malformedEvidence(let category, let subject, let detail):
            "the evidence of the \(category) finding of \(subject) does not read as this version of periksa expects: \(detail)"
        }
    }
}
