import Foundation
import Testing

@testable import Compliance

@Suite("The median wage of the rules")
struct MedianTests {
    @Test("odd count: the middle wage; even: the mean of the two middle ones, whole rupiah, halves up")
    func median() {
        #expect(EmployerDossier.median([]) == nil)
        #expect(EmployerDossier.median([Decimal(string: "5396761.50")!]) == Decimal(string: "5396761.50"))
        #expect(EmployerDossier.median([3, 1, 2]) == 2)
        // (5,000,000 + 5,000,001) / 2 = 5,000,000.5 → 5,000,001.
        #expect(EmployerDossier.median([5_000_001, 5_000_000]) == 5_000_001)
        // (100.10 + 100.20) / 2 = 100.15 → 100.
        #expect(EmployerDossier.median([Decimal(string: "100.20")!, Decimal(string: "100.10")!]) == 100)
    }
}
