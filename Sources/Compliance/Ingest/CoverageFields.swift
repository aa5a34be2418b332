import Foundation

/// The field rules the coverage kinds share (docs/coverage.md).
enum CoverageFields {
    /// A region code of a local government or a labour-force row: 2 digits (province) or 4
    /// (regency/city).
    static func regionCode(_ bytes: FieldRules.Bytes, column: String) -> Result<String, Problem> {
        guard bytes.count == 2 || bytes.count == 4, FieldRules.allDigits(bytes) else {
            let shown = Shown.value(bytes, personal: false)
            return .failure(
                FieldRules.problem(
                    column, "region_code_format",
                    "\(shown) harus 2 digit (provinsi) atau 4 digit (kabupaten/kota)",
                    "\(shown) must be 2 digits (province) or 4 digits (regency/city)"))
        }
        return .success(FieldRules.text(bytes))
    }

    /// A NIK, as text (the rules of `contributions`).
    static func nik(_ bytes: FieldRules.Bytes) -> Result<String, Problem> {
        FieldRules.nik(bytes).map { _ in FieldRules.text(bytes) }
    }

    /// An optional name: text of at most 300 characters, or nil.
    static func name(_ field: Fields, _ problems: inout [Problem]) -> String? {
        guard field.isPresent("name") else { return nil }
        if let problem = FieldRules.text(field("name"), column: "name", maximum: 300) {
            problems.append(problem)
            return nil
        }
        return field.string("name")
    }

    /// `YYYY-MM-01` of a period.
    static func period(_ bytes: FieldRules.Bytes, column: String) -> Result<String, Problem> {
        FieldRules.period(bytes, column: column).map(FieldRules.firstDay)
    }

    /// A NIK masked for a message.
    static func shown(_ nik: Substring) -> String { Masking.nik(String(nik)) }
}
