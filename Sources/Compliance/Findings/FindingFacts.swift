import Foundation

/// What a rule found about one employer or business: the rupiah at stake and the typed
/// evidence. Readers get its words from `FindingText`, in their language.
public struct FindingFacts: Sendable, Equatable {
    public var loss: Int64
    public var evidence: Evidence

    public init(loss: Int64, evidence: Evidence) {
        self.loss = loss
        self.evidence = evidence
    }

    /// Decodes a finding as the database keeps it (category code, rupiah, evidence JSON);
    /// `subject` (NPP or source reference) names it in an error.
    public init(code: String, loss: Int64, json: String, subject: String) throws {
        self.init(loss: loss, evidence: try Evidence.decode(json, category: Category(code: code), subject: subject))
    }

    public var category: Category { evidence.category }

    /// The one-line reason.
    public func reason(_ language: Language) -> String { FindingText.reason(evidence, loss: loss, language) }

    /// The evidence, one line each.
    public func lines(_ language: Language) -> [String] { FindingText.lines(evidence, language) }

    /// A JSON array of `{"category", "loss", "evidence"}` objects, as the report queries
    /// aggregate an employer's findings; `subject` names the employer in an error.
    public static func decodeList(_ json: String, subject: String) throws -> [FindingFacts] {
        do {
            return try JSONDecoder().decode([FindingFacts].self, from: Data(json.utf8))
        } catch let error as DecodingError {
            throw FindingDataError.malformedEvidence(
                category: "?", subject: subject, detail: Evidence.describe(error))
        }
    }
}

extension FindingFacts: Decodable {
    enum CodingKeys: String, CodingKey { case category, loss, evidence }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let category = try Category(code: container.decode(String.self, forKey: .category))
        self.init(
            loss: try container.decode(Int64.self, forKey: .loss),
            evidence: try Evidence(from: container.superDecoder(forKey: .evidence), category: category))
    }
}
