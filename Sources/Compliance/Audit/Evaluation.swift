import Foundation
import Postgres

/// Compares a run's findings with a truth file in the findings format (such as `truth.csv`
/// from `periksa generate`): precision and recall per category, and the share of findings
/// found in both whose rupiah agree exactly.
public struct Evaluation: Sendable {
    /// The figures of one category (or of all, with category "ALL").
    public struct Line: Sendable, Equatable {
        public var category: String
        public var truth = 0
        public var found = 0
        public var matched = 0
        public var rupiahEqual = 0

        public var precision: Double { found == 0 ? (truth == 0 ? 1 : 0) : Double(matched) / Double(found) }
        public var recall: Double { truth == 0 ? (found == 0 ? 1 : 0) : Double(matched) / Double(truth) }
        public var rupiahAgreement: Double { matched == 0 ? 1 : Double(rupiahEqual) / Double(matched) }
    }

    public var runID: Int
    public var lines: [Line]
    /// Up to a few examples of each kind of disagreement: (category, key, truth loss, found loss).
    public var missing: [String] = []
    public var unexpected: [String] = []
    public var differing: [String] = []

    /// Reads the truth file and the run's findings and compares them. The run defaults to the
    /// latest run of the truth file's period.
    public static func evaluate(truthPath: String, run: Int?, connection: Connection) throws -> Evaluation {
        let reader = try CSVReader(path: truthPath)
        guard let header = try reader.readHeader() else { throw ImportError.emptyFile(path: truthPath) }
        let names = header.map { $0.lowercased() }
        guard let category = names.firstIndex(of: "category"), let npp = names.firstIndex(of: "npp"),
            let sourceRef = names.firstIndex(of: "source_ref"), let period = names.firstIndex(of: "period"),
            let loss = names.firstIndex(of: "estimated_loss_idr")
        else {
            throw ImportError.missingColumns(
                path: truthPath, columns: ["category", "npp", "source_ref", "period", "estimated_loss_idr"])
        }
        var truth: [String: Int64] = [:]
        var truthPeriod: String?
        func text(_ index: Int) -> String { String(decoding: reader.field(index), as: UTF8.self) }
        while try reader.next() {
            guard let value = Int64(text(loss)) else {
                throw ImportError.badValue(
                    path: truthPath, line: reader.line, column: "estimated_loss_idr", expected: "whole rupiah")
            }
            truth[text(category) + "|" + text(npp) + "|" + text(sourceRef)] = value
            truthPeriod = truthPeriod ?? text(period)
        }
        let findings = Findings(connection: connection)
        let runID = try findings.resolveRun(period: truthPeriod, run: run)
        var found: [String: Int64] = [:]
        try findings.stream(run: runID) {
            found[$0.category.code + "|" + $0.npp + "|" + $0.sourceRef] = $0.estimatedLoss
        }

        var evaluation = Evaluation(runID: runID, lines: [])
        var byCategory: [String: Line] = [:]
        for (key, value) in truth {
            let category = String(key.prefix { $0 != "|" })
            byCategory[category, default: Line(category: category)].truth += 1
            if let mine = found[key] {
                byCategory[category]!.matched += 1
                if mine == value {
                    byCategory[category]!.rupiahEqual += 1
                } else if evaluation.differing.count < 10 {
                    evaluation.differing.append("\(key): truth \(value), found \(mine)")
                }
            } else if evaluation.missing.count < 10 {
                evaluation.missing.append(key)
            }
        }
        for key in found.keys {
            let category = String(key.prefix { $0 != "|" })
            byCategory[category, default: Line(category: category)].found += 1
            if truth[key] == nil, evaluation.unexpected.count < 10 { evaluation.unexpected.append(key) }
        }
        evaluation.lines = byCategory.values.sorted { $0.category < $1.category }
        var all = Line(category: "ALL")
        for line in evaluation.lines {
            all.truth += line.truth
            all.found += line.found
            all.matched += line.matched
            all.rupiahEqual += line.rupiahEqual
        }
        evaluation.lines.append(all)
        return evaluation
    }

    /// Everything agrees: every finding found, none extra, every rupiah equal.
    public var isPerfect: Bool {
        lines.allSatisfy { $0.truth == $0.matched && $0.found == $0.matched && $0.rupiahEqual == $0.matched }
    }
}
