/// A small deterministic generator (SplitMix64): the same seed gives the same bytes.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A generator for one item (an employer, a month), independent of how many values were
    /// drawn before: changing one part of the data does not reshuffle the rest.
    public init(seed: UInt64, _ parts: Int...) {
        var state = seed ^ 0x5DEE_CE66_D1CE_4E5B
        for part in parts {
            state = (state ^ UInt64(bitPattern: Int64(part))) &* 0x9E37_79B9_7F4A_7C15
            state ^= state >> 29
        }
        self.state = state
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }

    /// A uniform integer in `range`.
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }

    /// A uniform value in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// One of `items`, by weight.
    public mutating func weighted<T>(_ items: [(T, Double)]) -> T {
        let total = items.reduce(0) { $0 + $1.1 }
        var pick = unit() * total
        for (item, weight) in items {
            pick -= weight
            if pick < 0 { return item }
        }
        return items[items.count - 1].0
    }

    public mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
}
