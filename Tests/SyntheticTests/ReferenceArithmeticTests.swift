import Testing

@testable import Synthetic

@Suite("The reference arithmetic of the rules")
struct ReferenceArithmeticTests {
    let rates = RateTable()

    @Test("each programme is rounded to whole rupiah, halves away from zero, then summed")
    func contribution() {
        // 5,396,761 × 0.24 % = 12,952.2264 → 12,952; × 0.30 % = 16,190.283 → 16,190;
        // × 5.70 % = 307,615.377 → 307,615; × 3 % = 161,902.83 → 161,903.
        let wage: Cents = 5_396_761_00
        let month = 2025 * 12 + 5
        #expect(rates.contribution(wage: wage, programmes: [.jkk], riskGroup: 1, month: month) == 12_952_00)
        #expect(
            rates.contribution(wage: wage, programmes: [.jkk, .jkm, .jht, .jp, .jkp], riskGroup: 1, month: month)
                == 498_660_00)
        // 2,500 × 0.30 % = 7.5 → 8 (half away from zero).
        #expect(rates.contribution(wage: 2_500_00, programmes: [.jkm], riskGroup: 1, month: month) == 8_00)
        #expect(Money.roundToRupiah(-150) == -200)
    }

    @Test("the JP cap in force on the first day of the period: the change on 1 March")
    func jpCap() {
        let wage: Cents = 12_000_000_00
        #expect(rates.contribution(wage: wage, programmes: [.jp], riskGroup: 1, month: 2025 * 12 + 1) == 301_269_00)
        #expect(rates.contribution(wage: wage, programmes: [.jp], riskGroup: 1, month: 2025 * 12 + 2) == 316_422_00)
        // Before the earliest cap, the earliest applies.
        #expect(rates.jpCap(month: 2020 * 12) == 9_559_600_00)
    }

    @Test("a late fine counts every month or part of one: due 2024-02-15, as-of 2024-07-16 gives 6")
    func fineMonths() {
        var audit = Self.oneEmployer(period: 2024 * 12 + 0, asOf: .init(2024, 7, 16), due: 1_000_000_00)
        audit.parameters.tunggakanMinAmount = 1
        let finding = audit.run().first { $0.category == "TUNGGAKAN" }
        // 1,000,000 outstanding + 2 % × 6 months = 120,000.
        #expect(finding?.loss == 1_120_000)
    }

    @Test("arrears under Rp 10,000 are not flagged; exactly Rp 10,000 is")
    func arrearsThreshold() {
        let under = Self.oneEmployer(period: 2025 * 12 + 5, asOf: .init(2025, 7, 16), due: 9_999_99)
        #expect(!under.run().contains { $0.category == "TUNGGAKAN" })
        let exact = Self.oneEmployer(period: 2025 * 12 + 5, asOf: .init(2025, 7, 16), due: 10_000_00)
        #expect(exact.run().first { $0.category == "TUNGGAKAN" }?.loss == 10_200)
    }

    static func oneEmployer(period: Int, asOf: ReferenceAudit.Day, due: Cents) -> ReferenceAudit {
        let employer = ReferenceAudit.Employer(
            npp: "JJ0P4391", name: "PT Maju", npwp: nil, nib: nil, scale: .mikro, riskGroup: 1, region: "3171",
            programs: [.jkk, .jkm], registeredOn: .init(2020, 1, 1), isActiveStatus: true)
        var dues = Array(repeating: Cents(0), count: 12)
        dues[11] = due
        return ReferenceAudit(
            employers: [employer], records: [], contributions: [], due: [0: dues], paid: [:],
            minimumWages: ["31": [2024: 5_067_381_00, 2025: 5_396_761_00]], period: period, asOf: asOf)
    }
}
