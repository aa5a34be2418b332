import Foundation

/// Whether the audit list points at the right employers (docs/cases.md): over the cases with
/// at least one inspection (the latest inspection's outcome counts), per selection and branch
/// and over all branches, the hit rate with its 95 % Wilson score interval, what was recovered
/// and added, and per audit run the precision of its targeted cases.
public struct CaseEvaluation: Sendable, Equatable {
    public struct Group: Sendable, Equatable {
        /// A branch code, or `ALL`.
        public var branch: String
        public var selection: String
        public var inspected: Int
        public var hits: Int
        public var hitRate: Double
        public var interval: (low: Double, high: Double)
        public var recovered: Int64
        public var addedMonthly: Int64

        /// Per inspected case, whole rupiah (halves away from zero).
        public var recoveredPerCase: Int64 { Self.perCase(recovered, inspected) }
        public var addedMonthlyPerCase: Int64 { Self.perCase(addedMonthly, inspected) }

        static func perCase(_ total: Int64, _ count: Int) -> Int64 {
            guard count > 0 else { return 0 }
            let (quotient, remainder) = total.quotientAndRemainder(dividingBy: Int64(count))
            return quotient + (remainder * 2 >= Int64(count) ? 1 : 0)
        }

        public static func == (a: Group, b: Group) -> Bool {
            a.branch == b.branch && a.selection == b.selection && a.inspected == b.inspected && a.hits == b.hits
                && a.recovered == b.recovered && a.addedMonthly == b.addedMonthly
        }
    }

    public struct RunPrecision: Sendable, Equatable {
        public var runID: Int
        public var period: String
        /// The targeted cases opened from the run.
        public var k: Int
        public var inspected: Int
        public var hits: Int
        /// hits / inspected (nil before any inspection).
        public var precision: Double?
    }

    /// Per branch and selection (branches in order, `targeted` before `control`), then `ALL`.
    public var groups: [Group]
    public var runs: [RunPrecision]

    public init(_ cases: [CaseStatus]) {
        let selections = ["targeted", "control"]
        func group(_ branch: String, _ selection: String, _ members: [CaseStatus]) -> Group? {
            let inspected = members.filter { $0.selection == selection && $0.inspected }
            guard !inspected.isEmpty else { return nil }
            let hits = inspected.filter(\.hit).count
            return Group(
                branch: branch, selection: selection, inspected: inspected.count, hits: hits,
                hitRate: Double(hits) / Double(inspected.count),
                interval: Self.wilson(hits: hits, of: inspected.count),
                recovered: inspected.reduce(0) { $0 + $1.recovered },
                addedMonthly: inspected.reduce(0) { $0 + $1.addedMonthly })
        }
        var groups: [Group] = []
        let byBranch = Dictionary(grouping: cases, by: \.branch)
        for branch in byBranch.keys.sorted() {
            for selection in selections {
                if let found = group(branch, selection, byBranch[branch]!) { groups.append(found) }
            }
        }
        for selection in selections {
            if let found = group("ALL", selection, cases) { groups.append(found) }
        }
        self.groups = groups
        let targeted = Dictionary(grouping: cases.filter { $0.selection == "targeted" }, by: \.runID)
        runs = targeted.keys.sorted().map { run in
            let members = targeted[run]!
            let inspected = members.filter(\.inspected)
            let hits = inspected.filter(\.hit).count
            return RunPrecision(
                runID: run, period: members[0].period, k: members.count, inspected: inspected.count, hits: hits,
                precision: inspected.isEmpty ? nil : Double(hits) / Double(inspected.count))
        }
    }

    /// The 95 % Wilson score interval of `hits` successes in `n` trials (z = 1.96):
    /// (p̂ + z²/2n ± z·√(p̂(1−p̂)/n + z²/4n²)) / (1 + z²/n).
    public static func wilson(hits: Int, of n: Int, z: Double = 1.96) -> (low: Double, high: Double) {
        guard n > 0 else { return (0, 0) }
        let count = Double(n)
        let p = Double(hits) / count
        let z2 = z * z
        let center = p + z2 / (2 * count)
        let margin = z * (p * (1 - p) / count + z2 / (4 * count * count)).squareRoot()
        let denominator = 1 + z2 / count
        return (max(0, (center - margin) / denominator), min(1, (center + margin) / denominator))
    }

    /// A rate or bound as printed: 4 decimals.
    public static func decimals4(_ value: Double) -> String { String(format: "%.4f", value) }
}
