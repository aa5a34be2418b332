/// An independent, in-memory implementation of the rules (docs/rules.md), used as the oracle: `generate`
/// writes its findings as `truth.csv`, and the SQL rules are checked against it. Written from
/// the spec alone, for clarity rather than speed; exact integer arithmetic throughout.
public struct ReferenceAudit {
    /// A calendar day.
    public struct Day: Comparable, Hashable, Sendable {
        public var year, month, day: Int
        public init(_ year: Int, _ month: Int, _ day: Int) { (self.year, self.month, self.day) = (year, month, day) }
        public static func < (a: Day, b: Day) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
        /// The month index (year*12+month-1).
        public var monthIndex: Int { year * 12 + month - 1 }
        public static func lastDay(ofMonth index: Int) -> Day {
            let year = index / 12
            let month = index % 12 + 1
            let days = [
                31, (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
                31,
            ]
            return Day(year, month, days[month - 1])
        }
    }

    public enum Source: String, CaseIterable, Sendable, Comparable {
        case wlkp, pajak, pemda, oss
        public static func < (a: Source, b: Source) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    public struct Employer: Sendable {
        public var npp: String
        public var name: String
        public var npwp: String?
        public var nib: String?
        public var scale: Scale
        public var riskGroup: Int
        public var region: String
        public var programs: Set<Programme>
        public var registeredOn: Day
        public var isActiveStatus: Bool
        public init(
            npp: String, name: String, npwp: String?, nib: String?, scale: Scale, riskGroup: Int, region: String,
            programs: Set<Programme>, registeredOn: Day, isActiveStatus: Bool
        ) {
            (self.npp, self.name, self.npwp, self.nib, self.scale, self.riskGroup) = (
                npp, name, npwp, nib, scale, riskGroup
            )
            (self.region, self.programs, self.registeredOn, self.isActiveStatus) = (
                region, programs, registeredOn, isActiveStatus
            )
        }
    }

    /// A workforce record of the audited period.
    public struct Record: Sendable {
        public var source: Source
        public var npp: String?
        public var npwp: String?
        public var nib: String?
        public var name: String
        public var region: String
        public var headcount: Int
        public var wageBill: Cents?
        public init(
            source: Source, npp: String?, npwp: String?, nib: String?, name: String, region: String, headcount: Int,
            wageBill: Cents?
        ) {
            (self.source, self.npp, self.npwp, self.nib, self.name) = (source, npp, npwp, nib, name)
            (self.region, self.headcount, self.wageBill) = (region, headcount, wageBill)
        }
    }

    /// Parameters of the rules, with their defaults; ratios in millionths.
    public struct Parameters: Sendable {
        public var pdsTKMinGap = 2
        public var pdsTKMinRatio: Int64 = 100_000
        public var pdsUpahMinWorkersBelow = 1
        public var pdsUpahMaxRatioToTax: Int64 = 900_000
        public var tunggakanFineRateMonthly: Int64 = 20_000
        public var tunggakanMinAmount: Cents = 10_000_00
        public init() {}
    }

    /// One finding as `periksa findings --format csv` writes it.
    public struct Finding: Sendable, Equatable {
        public var category: String
        public var npp: String
        public var sourceRef: String
        public var loss: Int64
        public var reason: String
    }

    public var employers: [Employer]
    /// The audited period's records.
    public var records: [Record]
    /// The audited period's contribution rows: (employer index, NIK, wage).
    public var contributions: [(employer: Int, nik: UInt64, wage: Cents)]
    /// `due(e, p)` for the twelve months P−11…P (index 0 is P−11), per employer index, each
    /// the sum over that month's rows of `c(wage, S(e))` with the rates of the month.
    public var due: [Int: [Cents]]
    /// Payments with `paid_on ≤ as-of`, per employer index, for P−11…P.
    public var paid: [Int: [Cents]]
    /// Minimum wages: region code (2 or 4 digits) → year → cents.
    public var minimumWages: [String: [Int: Cents]]
    public var period: Int
    public var asOf: Day
    public var parameters = Parameters()
    public var rates = RateTable()

    public init(
        employers: [Employer], records: [Record], contributions: [(employer: Int, nik: UInt64, wage: Cents)],
        due: [Int: [Cents]], paid: [Int: [Cents]], minimumWages: [String: [Int: Cents]], period: Int, asOf: Day
    ) {
        (self.employers, self.records, self.contributions, self.due, self.paid) = (
            employers, records, contributions, due, paid
        )
        (self.minimumWages, self.period, self.asOf) = (minimumWages, period, asOf)
    }

    /// `M(e)`: the UMK of the region for the year of P, else the UMP of its province.
    func minimumWage(region: String) -> Cents? {
        let year = period / 12
        return minimumWages[region]?[year] ?? minimumWages[String(region.prefix(2))]?[year]
    }

    func c(_ wage: Cents, _ programmes: Set<Programme>, riskGroup: Int, month: Int? = nil) -> Cents {
        rates.contribution(wage: wage, programmes: programmes, riskGroup: riskGroup, month: month ?? period)
    }

    static func rupiah(_ cents: Cents) -> String {
        let digits = Array(String(cents / 100))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(".") }
            out.append(digit)
        }
        return "Rp " + out
    }

    // MARK: - The run

    public func run() -> [Finding] {
        let lastDay = Day.lastDay(ofMonth: period)
        let active = employers.indices.filter { employers[$0].isActiveStatus && employers[$0].registeredOn <= lastDay }
        let activeSet = Set(active)

        // Groups: active employers sharing an NPWP; the rest alone. Lead: earliest registered, then smallest NPP.
        var groupOf: [Int: Int] = [:]
        var groups: [[Int]] = []
        var byNPWP: [String: Int] = [:]
        for e in active {
            if let npwp = employers[e].npwp {
                if let g = byNPWP[npwp] { groups[g].append(e); groupOf[e] = g; continue }
                byNPWP[npwp] = groups.count
            }
            groupOf[e] = groups.count
            groups.append([e])
        }
        func lead(_ g: Int) -> Int {
            groups[g].min {
                (employers[$0].registeredOn, employers[$0].npp) < (employers[$1].registeredOn, employers[$1].npp)
            }!
        }
        let leads = groups.indices.map(lead)

        // Reported workers and wages per employer and per group.
        var rows: [Int: [(nik: UInt64, wage: Cents)]] = [:]
        for row in contributions { rows[row.employer, default: []].append((row.nik, row.wage)) }
        func groupRows(_ g: Int) -> [(nik: UInt64, wage: Cents)] { groups[g].flatMap { rows[$0] ?? [] } }

        // Matching outside records to the registry.
        var byNPP: [String: Int] = [:]
        var registeredNPWP: [String: Int] = [:]
        var byNIB: [String: Int] = [:]
        for (e, employer) in employers.enumerated() {
            byNPP[employer.npp] = e
            if let npwp = employer.npwp, registeredNPWP[npwp] == nil { registeredNPWP[npwp] = e }
            if let nib = employer.nib {
                if let other = byNIB[nib] {
                    let a = employers[other], b = employer
                    if (b.registeredOn, b.npp) < (a.registeredOn, a.npp) { byNIB[nib] = e }
                } else {
                    byNIB[nib] = e
                }
            }
        }
        var matchedGroup: [Int: [Int]] = [:]  // group → record indices
        var unmatched: [Int] = []
        for (r, record) in records.enumerated() {
            var hit: Int?
            if let npp = record.npp, let e = byNPP[npp] {
                hit = e
            } else if let npwp = record.npwp, let e = registeredNPWP[npwp] {
                hit = e
            } else if let nib = record.nib, let e = byNIB[nib] {
                hit = e
            }
            guard let hit else { unmatched.append(r); continue }
            if let npwp = employers[hit].npwp, let g = byNPWP[npwp] {
                matchedGroup[g, default: []].append(r)
            } else if employers[hit].npwp == nil, activeSet.contains(hit), let g = groupOf[hit] {
                matchedGroup[g, default: []].append(r)
            }
        }

        var findings: [Finding] = []
        var upahLoss: [Int: Cents] = [:]
        var upahReasons: [Int: [String]] = [:]

        for (g, members) in groups.enumerated() {
            let leadIndex = leads[g]
            let leadEmployer = employers[leadIndex]
            let reported = groupRows(g)
            let workers = Set(reported.map(\.nik)).count
            let others = members.filter { $0 != leadIndex }.map { employers[$0].npp }.sorted()
            let memberNote = others.isEmpty ? "" : "; anggota grup NPWP yang sama: " + others.joined(separator: ", ")

            // PDS_TK
            if let matched = matchedGroup[g] {
                let best = matched.max { a, b in
                    (records[a].headcount, records[b].source) < (records[b].headcount, records[a].source)
                }!
                let h = records[best].headcount
                let gap = h - workers
                if gap >= parameters.pdsTKMinGap, Int64(gap) * 1_000_000 >= parameters.pdsTKMinRatio * Int64(h) {
                    var loss: Cents = 0
                    var note = ""
                    let wage: Cents?
                    if workers == 0 {
                        wage = minimumWage(region: leadEmployer.region)
                        if wage == nil {
                            note = "; upah minimum wilayah \(leadEmployer.region) tidak tersedia, kerugian 0"
                        }
                    } else {
                        let wages = reported.map(\.wage).sorted()
                        let middle = wages.count / 2
                        wage =
                            wages.count % 2 == 1
                            ? wages[middle]
                            : Cents(Money.roundedDivision(Int128(wages[middle - 1]) + Int128(wages[middle]), 200) * 100)
                    }
                    if let wage {
                        loss = Cents(gap) * c(wage, leadEmployer.scale.mandatory, riskGroup: leadEmployer.riskGroup)
                    }
                    findings.append(
                        Finding(
                            category: "PDS_TK", npp: leadEmployer.npp, sourceRef: "", loss: loss / 100,
                            reason:
                                "\(records[best].source.rawValue.uppercased()) mencatat \(h) tenaga kerja, dilaporkan ke BPJS \(workers) (selisih \(gap))\(memberNote)\(note)"
                        ))
                }
            }

            // PDS_UPAH, trigger 2: BPJS wages under 90 % of the tax wages.
            if workers > 0, let matched = matchedGroup[g] {
                let tax = matched.filter {
                    records[$0].source == .pajak && records[$0].headcount > 0 && (records[$0].wageBill ?? 0) > 0
                }
                if let best = tax.max(by: {
                    (records[$0].headcount, records[$0].wageBill!) < (records[$1].headcount, records[$1].wageBill!)
                }) {
                    let bill = records[best].wageBill!, h = Int64(records[best].headcount)
                    let total = reported.reduce(Cents(0)) { $0 + $1.wage }
                    let w = Int64(workers)
                    // R/W < ratio × B/H, exactly: R × H × 1e6 < ratio × B × W.
                    if Int128(total) * Int128(h) * 1_000_000 < Int128(parameters.pdsUpahMaxRatioToTax) * Int128(bill)
                        * Int128(w)
                    {
                        let aTax = Cents(Money.roundedDivision(Int128(bill), Int128(h) * 100) * 100)
                        let aBPJS = Cents(Money.roundedDivision(Int128(total), Int128(w) * 100) * 100)
                        let part =
                            w
                            * (c(aTax, leadEmployer.programs, riskGroup: leadEmployer.riskGroup)
                                - c(aBPJS, leadEmployer.programs, riskGroup: leadEmployer.riskGroup))
                        upahLoss[leadIndex, default: 0] += part
                        upahReasons[leadIndex, default: []].append(
                            "rata-rata upah BPJS \(Self.rupiah(aBPJS)) di bawah 90% rata-rata upah pajak \(Self.rupiah(aTax)) (\(records[best].headcount) pekerja)\(memberNote)"
                        )
                    }
                }
            }
        }

        for e in active {
            let employer = employers[e]
            let own = rows[e] ?? []
            // PDS_UPAH, trigger 1: below the minimum wage (medium and large only).
            if employer.scale == .menengah || employer.scale == .besar,
                let minimum = minimumWage(region: employer.region)
            {
                let below = own.filter { $0.wage < minimum }
                if below.count >= parameters.pdsUpahMinWorkersBelow, !below.isEmpty {
                    let part = below.reduce(Cents(0)) {
                        $0 + c(minimum, employer.programs, riskGroup: employer.riskGroup)
                            - c($1.wage, employer.programs, riskGroup: employer.riskGroup)
                    }
                    upahLoss[e, default: 0] += part
                    upahReasons[e, default: []].insert(
                        "\(below.count) pekerja di bawah upah minimum \(Self.rupiah(minimum))", at: 0)
                }
            }
            // PDS_PROGRAM
            let missing = employer.scale.mandatory.subtracting(employer.programs)
            if !missing.isEmpty {
                let loss = own.reduce(Cents(0)) { $0 + c($1.wage, missing, riskGroup: employer.riskGroup) }
                findings.append(
                    Finding(
                        category: "PDS_PROGRAM", npp: employer.npp, sourceRef: "", loss: loss / 100,
                        reason:
                            "program wajib tidak diikuti: \(missing.sorted().map(\.rawValue).joined(separator: ", ")) (skala \(employer.scale.rawValue))"
                    ))
            }
            // TUNGGAKAN
            var outstandingTotal: Cents = 0
            var withFines: Cents = 0
            var months: [String] = []
            for k in 0..<12 {
                let p = period - 11 + k
                let dueDay = Day((p + 1) / 12, (p + 1) % 12 + 1, 15)
                guard dueDay < asOf else { continue }
                let outstanding = max(0, (due[e]?[k] ?? 0) - (paid[e]?[k] ?? 0))
                guard outstanding > 0 else { continue }
                var n = 1
                while true {
                    let m = dueDay.monthIndex + n
                    if !(Day(m / 12, m % 12 + 1, 15) < asOf) { break }
                    n += 1
                }
                let fine = Cents(
                    Money.roundedDivision(
                        Int128(outstanding) * Int128(parameters.tunggakanFineRateMonthly) * Int128(n), 100_000_000)
                        * 100)
                outstandingTotal += outstanding
                withFines += outstanding + fine
                months.append("\(p / 12)-\(p % 12 + 1 < 10 ? "0" : "")\(p % 12 + 1)")
            }
            if outstandingTotal >= parameters.tunggakanMinAmount {
                findings.append(
                    Finding(
                        category: "TUNGGAKAN", npp: employer.npp, sourceRef: "",
                        loss: Int64(Money.roundedDivision(Int128(withFines), 100)),
                        reason:
                            "iuran tertunggak \(Self.rupiah(outstandingTotal)) untuk periode \(months.joined(separator: ", ")) ditambah denda"
                    ))
            }
        }
        for (e, loss) in upahLoss {
            findings.append(
                Finding(
                    category: "PDS_UPAH", npp: employers[e].npp, sourceRef: "", loss: loss / 100,
                    reason: upahReasons[e, default: []].joined(separator: "; ")))
        }

        // PWBD: unmatched records with people, linked through shared NPWP or NIB.
        let candidates = unmatched.filter {
            records[$0].headcount >= 1 && (records[$0].npwp != nil || records[$0].nib != nil)
        }
        var parent = Dictionary(uniqueKeysWithValues: candidates.map { ($0, $0) })
        func find(_ x: Int) -> Int { var x = x; while parent[x]! != x { x = parent[x]! }; return x }
        var firstByKey: [String: Int] = [:]
        for r in candidates {
            for key in [records[r].npwp.map { "npwp:" + $0 }, records[r].nib.map { "nib:" + $0 }].compactMap({ $0 }) {
                if let other = firstByKey[key] { parent[find(r)] = find(other) } else { firstByKey[key] = r }
            }
        }
        var businesses: [Int: [Int]] = [:]
        for r in candidates { businesses[find(r), default: []].append(r) }
        for members in businesses.values {
            let npwps = members.compactMap { records[$0].npwp }.sorted()
            let nibs = members.compactMap { records[$0].nib }.sorted()
            let ref = npwps.first.map { "npwp:" + $0 } ?? "nib:" + nibs[0]
            let best = members.min { a, b in
                let x = records[a], y = records[b]
                return (-x.headcount, x.source, x.region) < (-y.headcount, y.source, y.region)
            }!
            let h = records[best].headcount
            var programmes: Set<Programme> = [.jkk, .jkm, .jht]
            if h >= 20 { programmes.insert(.jp) }
            let minimum = minimumWage(region: records[best].region)
            let loss = minimum.map { Cents(h) * c($0, programmes, riskGroup: 1) } ?? 0
            let sources = members.sorted { records[$0].source < records[$1].source }
                .map { "\(records[$0].source.rawValue.uppercased()) \(records[$0].headcount) tenaga kerja" }
            findings.append(
                Finding(
                    category: "PWBD", npp: "", sourceRef: ref, loss: loss / 100,
                    reason: "belum terdaftar di BPJS Ketenagakerjaan; " + sources.joined(separator: ", ")
                        + (minimum == nil
                            ? "; upah minimum wilayah \(records[best].region) tidak tersedia, kerugian 0" : "")))
        }

        return findings.sorted { a, b in
            (a.category, -a.loss, a.npp + a.sourceRef) < (b.category, -b.loss, b.npp + b.sourceRef)
        }
    }
}
