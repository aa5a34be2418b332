/// Exact rupiah arithmetic for the reference implementation of the rules: amounts are whole
/// cents (`Int64`), rates are millionths, products are `Int128`, and rounding is to whole
/// rupiah, halves away from zero.
public typealias Cents = Int64

public enum Money {
    /// `numerator / denominator` rounded to the nearest integer, halves away from zero.
    static func roundedDivision(_ numerator: Int128, _ denominator: Int128) -> Int128 {
        let (quotient, remainder) = numerator.quotientAndRemainder(dividingBy: denominator)
        if remainder.magnitude * 2 >= denominator.magnitude {
            return quotient + ((numerator < 0) != (denominator < 0) ? -1 : 1)
        }
        return quotient
    }

    /// Cents rounded to whole rupiah (returned in cents), halves away from zero.
    public static func roundToRupiah(_ cents: Cents) -> Cents {
        Cents(roundedDivision(Int128(cents), 100) * 100)
    }

    /// `round(base × rate)` in whole rupiah (as cents), rate in millionths.
    static func times(_ base: Cents, millionths rate: Int64) -> Cents {
        Cents(roundedDivision(Int128(base) * Int128(rate), 100 * 1_000_000) * 100)
    }

    /// `Rp 5.396.761` text for cents (whole rupiah; cents shown when present).
    public static func text(_ cents: Cents) -> String {
        let rupiah = cents / 100
        let rest = cents % 100
        return String(rupiah) + (rest == 0 ? "" : "." + (rest < 10 ? "0" : "") + String(rest))
    }

    /// Parses `5396761` or `2446880.68` into cents.
    public static func cents(_ text: String) -> Cents? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = Int64(parts[0]) else { return nil }
        var cents = whole * 100
        if parts.count == 2 {
            guard (1...2).contains(parts[1].count), let fraction = Int64(parts[1]) else { return nil }
            cents += parts[1].count == 1 ? fraction * 10 : fraction
        }
        return cents
    }
}

/// The five programmes.
public enum Programme: String, CaseIterable, Sendable, Comparable {
    case jkk = "JKK", jkm = "JKM", jht = "JHT", jp = "JP", jkp = "JKP"

    public static func < (a: Programme, b: Programme) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Employer scale, as the registry carries it.
public enum Scale: String, CaseIterable, Sendable {
    case besar, menengah, kecil, mikro

    /// The mandatory programmes of Perpres 109/2013.
    public var mandatory: Set<Programme> {
        switch self {
        case .besar, .menengah: [.jkk, .jkm, .jht, .jp]
        case .kecil: [.jkk, .jkm, .jht]
        case .mikro: [.jkk, .jkm]
        }
    }
}

/// Rates and the JP wage cap, as shipped in migration 0003 (effective-dated).
public struct RateTable: Sendable {
    /// JKK by risk group 1–5, JKM, JHT, JP, in millionths.
    public var jkk: [Int64] = [2400, 5400, 8900, 12700, 17400]
    public var jkm: Int64 = 3000
    public var jht: Int64 = 57000
    public var jp: Int64 = 30000
    /// (first day it applies as year*12+month-1, cap in cents), ascending.
    public var jpCaps: [(month: Int, cap: Cents)] = [
        (2023 * 12 + 2, 9_559_600_00), (2024 * 12 + 2, 10_042_300_00), (2025 * 12 + 2, 10_547_400_00),
        (2026 * 12 + 2, 11_086_300_00),
    ]

    public init() {}

    /// The cap in force on the first day of `month` (year*12+month-1); before the first, the first.
    public func jpCap(month: Int) -> Cents {
        jpCaps.last { $0.month <= month }?.cap ?? jpCaps[0].cap
    }

    /// `c(w, S)`: for each programme, `round(base × rate)`; JP on `min(w, cap)`; JKP 0.
    public func contribution(wage: Cents, programmes: Set<Programme>, riskGroup: Int, month: Int) -> Cents {
        var total: Cents = 0
        for programme in programmes {
            switch programme {
            case .jkk: total += Money.times(wage, millionths: jkk[riskGroup - 1])
            case .jkm: total += Money.times(wage, millionths: jkm)
            case .jht: total += Money.times(wage, millionths: jht)
            case .jp: total += Money.times(min(wage, jpCap(month: month)), millionths: jp)
            case .jkp: break
            }
        }
        return total
    }
}

/// The rates of the BPU programmes (informal participants), as shipped in migration 0010: JKK
/// 1 % of the declared income, JKM Rp 6,800 a month, JHT 2 % (PP 44/2015 and its amendments).
public struct BPURates: Sendable {
    /// JKK and JHT in millionths of the declared income; JKM in cents a month.
    public var jkk: Int64 = 10_000
    public var jkm: Cents = 6_800_00
    public var jht: Int64 = 20_000

    public init() {}

    /// The package a local government pays for one person for one month: `round(i × JKK) + JKM`.
    public func package(income: Cents) -> Cents { Money.times(income, millionths: jkk) + jkm }

    /// What a participant at declared income `income` pays a month, JHT included when taken.
    public func amount(income: Cents, jht withJHT: Bool) -> Cents {
        package(income: income) + (withJHT ? Money.times(income, millionths: jht) : 0)
    }
}
