import Foundation

/// `periksa generate`: the five input files of the data contract for K months ending at a
/// chosen period, realistic for Indonesia, with violations of every rule planted next to
/// near misses, and `truth.csv`: the findings the rules define for the last month, computed by
/// `ReferenceAudit`; and the coverage files (BPU contributions, the local governments' worker
/// lists, the labour force) with the situations coverage, outreach and reconciliation must find
/// (CoverageGenerator.swift). Same options and seed, same bytes.
public struct Generator {
    public struct Options: Sendable {
        public var directory: String
        public var employers: Int
        public var months: Int
        public var seed: UInt64
        /// The last (audited) month, as year*12+month-1.
        public var period: Int
        public var dirty: Bool
        /// Write truth.csv. The reference audit needs the audited month's wage rows in memory
        /// (24 bytes each); without it, only one employer's workers are in memory at a time.
        public var truth: Bool

        public init(
            directory: String, employers: Int, months: Int, seed: UInt64, period: Int, dirty: Bool, truth: Bool = true
        ) {
            (self.directory, self.employers, self.months, self.seed, self.period, self.dirty, self.truth) =
                (directory, employers, months, seed, period, dirty, truth)
        }
    }

    /// What was written.
    public struct Summary: Sendable {
        public var employers = 0
        public var workforceRows = 0
        public var contributionRows = 0
        public var paymentRows = 0
        public var findings = 0
        public var expectedRejections = 0
        public var bpuRows = 0
        public var workerListRows = 0
        public var labourForceRows = 0
        /// What the coverage files plant for the audited period.
        public var coverage = CoverageSummary()
    }

    enum PaymentHabit { case onTime, late, partial, never, instalments, sporadic, overpays }

    struct Employer {
        var audit: ReferenceAudit.Employer
        var npwpWritten: String?
        var branch: String
        var kbli: String
        var realHeadcount: Int
        var reportedHeadcount: Int
        /// BPJS-reported wages relative to the real ones.
        var wageFactor: Double
        var workersBelowMinimum: Int
        var habit: PaymentHabit
        var skippedMonth: Int?
        /// Index of the group's first member (for the one tax record per NPWP), or nil.
        var groupHead: Int?
    }

    let options: Options
    let rates = RateTable()
    var minimumWages: [String: [Int: Cents]] = [:]

    public init(options: Options) {
        self.options = options
        for (region, year, amount) in Catalog.shippedMinimumWages + Catalog.cityMinimumWages {
            minimumWages[region, default: [:]][year] = Money.cents(amount)!
        }
    }

    var asOf: ReferenceAudit.Day {
        let next = options.period + 1
        return ReferenceAudit.Day(next / 12, next % 12 + 1, 16)
    }

    func minimumWage(region: String, year: Int) -> Cents? {
        minimumWages[region]?[year] ?? minimumWages[String(region.prefix(2))]?[year]
    }

    static func periodText(_ month: Int) -> String {
        "\(month / 12)-\(month % 12 + 1 < 10 ? "0" : "")\(month % 12 + 1)"
    }

    static func dateText(_ day: ReferenceAudit.Day) -> String {
        func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(day.year)-\(pad(day.month))-\(pad(day.day))"
    }

    // MARK: - Employers

    func makeEmployers() -> [Employer] {
        var employers: [Employer] = []
        employers.reserveCapacity(options.employers)
        var groupRemaining = 0
        var groupTemplate: Employer?
        let firstMonth = options.period - options.months + 1
        for index in 0..<options.employers {
            var random = SeededRandom(seed: options.seed, 1, index)
            let region = random.weighted(Catalog.regions.map { ($0, $0.weight) })
            let line = random.pick(Catalog.linesOfBusiness)
            let scale: Scale = random.weighted([(.mikro, 80), (.kecil, 12), (.menengah, 6), (.besar, 2)])
            let real: Int
            switch scale {
            case .mikro: real = random.int(1...(random.chance(0.7) ? 4 : 9))
            case .kecil: real = random.int(5...19)
            case .menengah: real = random.int(20...199)
            case .besar: real = random.int(100...(random.chance(0.8) ? 700 : 1500))
            }
            let npp = "J" + String(index, radix: 36).uppercased().leftPadded(7)
            let name =
                (scale == .mikro && random.chance(0.5) ? "UD " : scale == .kecil ? "CV " : "PT ")
                + random.pick(Catalog.companyWords) + " " + random.pick(Catalog.companyWords) + " " + line.label
            var npwp: String? = nil
            var npwpWritten: String? = nil
            if random.chance(scale == .mikro ? 0.4 : 0.95) {
                let digits = String(100_000_000_000_000 + (index * 7919) % 800_000_000_000_000)
                npwp = "0" + digits
                npwpWritten = random.chance(0.3) ? Self.dotted(digits) : npwp
            }
            let nib: String? = random.chance(0.7) ? String(1_200_000_000_000 + index) : nil
            var programs = scale.mandatory
            if random.chance(0.06) { programs.remove(scale == .mikro ? .jkm : scale == .kecil ? .jht : .jp) }
            if random.chance(0.2) { programs.insert(.jkp) }
            if scale == .mikro, random.chance(0.2) { programs.insert(.jht) }
            let registeredYear = random.int(2010...(options.period / 12 - 1))
            var registered = ReferenceAudit.Day(registeredYear, random.int(1...12), random.int(1...28))
            if random.chance(0.01) {
                let later = options.period + 1
                registered = ReferenceAudit.Day(later / 12, later % 12 + 1, random.int(1...28))
            } else if random.chance(0.01) {
                registered = ReferenceAudit.Day(options.period / 12, options.period % 12 + 1, random.int(1...28))
            } else if random.chance(0.03), options.months > 2 {
                let month = random.int(firstMonth...options.period)
                registered = ReferenceAudit.Day(month / 12, month % 12 + 1, random.int(1...28))
            }
            // Under-registration, with near misses: a gap of one, a gap under 10 %.
            var reported = real
            let roll = random.unit()
            if roll < 0.12, real >= 3 {
                reported = max(0, real - max(2, Int(Double(real) * (0.15 + random.unit() * 0.5))))
            } else if roll < 0.15 {
                reported = real - 1
            } else if roll < 0.17, real >= 40 {
                reported = real - max(2, real / 15)
            } else if roll < 0.175 {
                reported = 0
            }
            var wageFactor = 1.0
            let wageRoll = random.unit()
            if wageRoll < 0.05 { wageFactor = 0.6 + random.unit() * 0.25 } else if wageRoll < 0.07 { wageFactor = 0.91 }
            let below = (scale == .menengah || scale == .besar) && random.chance(0.08) ? random.int(1...3) : 0
            let habit: PaymentHabit = random.weighted([
                (.onTime, 80), (.late, 5), (.partial, 4), (.never, 2), (.instalments, 4), (.sporadic, 3),
                (.overpays, 2),
            ])
            var employer = Employer(
                audit: ReferenceAudit.Employer(
                    npp: npp, name: name, npwp: npwp, nib: nib, scale: scale, riskGroup: line.riskGroup,
                    region: region.code, programs: programs, registeredOn: registered,
                    isActiveStatus: !random.chance(0.03)),
                npwpWritten: npwpWritten, branch: random.pick(region.branches), kbli: line.kbli, realHeadcount: real,
                reportedHeadcount: max(0, reported), wageFactor: wageFactor, workersBelowMinimum: below, habit: habit,
                skippedMonth: random.chance(0.04) ? random.int(firstMonth...options.period) : nil, groupHead: nil)
            // Branches of one company: several NPPs sharing the NPWP of the first.
            if groupRemaining > 0, let template = groupTemplate {
                employer.audit.npwp = template.audit.npwp
                employer.npwpWritten = template.npwpWritten
                employer.audit.name = template.audit.name + " Cabang " + String(groupRemaining)
                employer.audit.scale = template.audit.scale
                employer.groupHead = employers.lastIndex { $0.audit.npwp == template.audit.npwp && $0.groupHead == nil }
                groupRemaining -= 1
            } else if scale != .mikro, npwp != nil, random.chance(0.04) {
                groupRemaining = random.int(1...3)
                groupTemplate = employer
            }
            employers.append(employer)
        }
        return employers
    }

    static func dotted(_ digits: String) -> String {
        let d = Array(digits)
        return String(d[0..<2]) + "." + String(d[2..<5]) + "." + String(d[5..<8]) + "." + String(d[8..<9]) + "-"
            + String(d[9..<12]) + "." + String(d[12..<15])
    }

    // MARK: - Workers

    struct Worker {
        var nik: UInt64
        var nikText: String
        var kpj: String
        var name: String
        /// The real wage for a year's minimum wage `minimum`.
        var multiplier: Double
    }

    func worker(_ employer: Int, _ index: Int, region: String) -> Worker {
        var random = SeededRandom(seed: options.seed, 2, employer, index)
        let woman = random.chance(0.45)
        let day = random.int(1...28) + (woman ? 40 : 0)
        let regency = region.suffix(2)
        func pad(_ value: Int, _ width: Int) -> String { String(value).leftPadded(width) }
        let nikText =
            region.prefix(2) + regency + pad(random.int(1...20), 2) + pad(day, 2) + pad(random.int(1...12), 2)
            + pad(random.int(60...99) % 100, 2) + pad(index % 9999 + 1, 4)
        let name = random.pick(Catalog.givenNames) + " " + random.pick(Catalog.familyNames)
        return Worker(
            nik: UInt64(nikText)!, nikText: String(nikText), kpj: String(10_000_000_000 + employer * 1000 + index),
            name: name, multiplier: random.unit())
    }

    /// The real monthly wage of a worker in `month`.
    func realWage(_ employer: Employer, _ worker: Worker, index: Int, month: Int) -> Cents {
        let minimum = minimumWage(region: employer.audit.region, year: month / 12) ?? 3_000_000_00
        switch employer.audit.scale {
        case .mikro, .kecil:
            return Money.roundToRupiah(Cents(Double(minimum) * (0.6 + worker.multiplier * 0.8)))
        case .menengah, .besar:
            if index < employer.workersBelowMinimum {
                // One cent under the floor for one of them: flagged even if the loss rounds to 0.
                return index == 0 && employer.workersBelowMinimum == 3
                    ? minimum - 1 : Money.roundToRupiah(Cents(Double(minimum) * (0.85 + worker.multiplier * 0.14)))
            }
            // Exactly at the floor.
            if index == employer.workersBelowMinimum, employer.workersBelowMinimum > 0 { return minimum }
            return Money.roundToRupiah(Cents(Double(minimum) * (1.0 + worker.multiplier * 1.5)))
        }
    }

    func reportedWage(_ employer: Employer, real: Cents) -> Cents {
        employer.wageFactor == 1.0 ? real : max(100, Money.roundToRupiah(Cents(Double(real) * employer.wageFactor)))
    }

    // MARK: - Writing

    public func run() throws -> Summary {
        try FileManager.default.createDirectory(atPath: options.directory, withIntermediateDirectories: true)
        func path(_ name: String) -> String { options.directory + "/" + name }
        var summary = Summary()
        let employers = makeEmployers()
        summary.employers = employers.count
        let firstMonth = options.period - options.months + 1
        let windowStart = options.period - 11

        // employers.csv
        let employerFile = try CSVFileWriter(path: path("employers.csv"))
        employerFile.row([
            "npp", "name", "npwp", "nib", "kbli", "scale", "risk_group", "region_code", "branch_code", "programs",
            "registered_on", "status",
        ])
        for employer in employers {
            let e = employer.audit
            employerFile.row([
                e.npp, e.name, employer.npwpWritten, e.nib, employer.kbli, e.scale.rawValue, String(e.riskGroup),
                e.region,
                employer.branch, e.programs.sorted().map(\.rawValue).joined(separator: "|"),
                Self.dateText(e.registeredOn),
                e.isActiveStatus ? "aktif" : "nonaktif",
            ])
        }

        // minimum-wages.csv: the UMKs that are not shipped.
        let wagesFile = try CSVFileWriter(path: path("minimum-wages.csv"))
        wagesFile.row(["region_code", "year", "amount"])
        for (region, year, amount) in Catalog.cityMinimumWages { wagesFile.row([region, String(year), amount]) }

        // contributions.csv and payments.csv, month by month.
        let contributionFile = try CSVFileWriter(path: path("contributions.csv"))
        contributionFile.row(["npp", "period", "kpj", "nik", "name", "wage"])
        let paymentFile = try CSVFileWriter(path: path("payments.csv"))
        paymentFile.row(["npp", "period", "paid_on", "amount"])
        var due: [Int: [Cents]] = [:]
        var paid: [Int: [Cents]] = [:]
        var audited: [(employer: Int, nik: UInt64, wage: Cents)] = []
        var realBills: [Int: (count: Int, bill: Cents)] = [:]
        var puRows: [String: Int] = [:]
        for month in firstMonth...options.period {
            let monthText = Self.periodText(month)
            let lastDay = ReferenceAudit.Day.lastDay(ofMonth: month)
            for (index, employer) in employers.enumerated() {
                let e = employer.audit
                var bill: Cents = 0
                let roster = (0..<employer.realHeadcount).map { worker(index, $0, region: e.region) }
                for (w, person) in roster.enumerated() { bill += realWage(employer, person, index: w, month: month) }
                if month == options.period { realBills[index] = (employer.realHeadcount, bill) }
                guard e.isActiveStatus, e.registeredOn <= lastDay, employer.skippedMonth != month else { continue }
                if month == options.period { puRows[e.region, default: 0] += employer.reportedHeadcount }
                var monthDue: Cents = 0
                for (w, person) in roster.prefix(employer.reportedHeadcount).enumerated() {
                    let wage = reportedWage(employer, real: realWage(employer, person, index: w, month: month))
                    contributionFile.row([e.npp, monthText, person.kpj, person.nikText, person.name, Money.text(wage)])
                    summary.contributionRows += 1
                    monthDue += rates.contribution(
                        wage: wage, programmes: e.programs, riskGroup: e.riskGroup, month: month)
                    if options.truth, month == options.period { audited.append((index, person.nik, wage)) }
                }
                guard monthDue > 0 else { continue }
                if options.truth, month >= windowStart {
                    due[index, default: Array(repeating: 0, count: 12)][month - windowStart] = monthDue
                }
                for (day, amount) in payments(employer, index: index, month: month, due: monthDue) {
                    paymentFile.row([e.npp, monthText, Self.dateText(day), Money.text(amount)])
                    summary.paymentRows += 1
                    if options.truth, month >= windowStart, day <= asOf {
                        paid[index, default: Array(repeating: 0, count: 12)][month - windowStart] += amount
                    }
                }
            }
        }

        // workforce.csv: every month; the audited month's records also go to the oracle.
        let workforceFile = try CSVFileWriter(path: path("workforce.csv"))
        workforceFile.row(["source", "period", "npp", "npwp", "nib", "name", "region_code", "headcount", "wage_bill"])
        var records: [ReferenceAudit.Record] = []
        for month in firstMonth...options.period {
            let monthRecords = workforce(employers, month: month, bills: month == options.period ? realBills : [:])
            for (record, npwpWritten) in monthRecords {
                workforceFile.row([
                    record.source.rawValue, Self.periodText(month), record.npp, npwpWritten ?? record.npwp, record.nib,
                    record.name,
                    record.region, String(record.headcount), record.wageBill.map(Money.text),
                ])
                summary.workforceRows += 1
            }
            if options.truth, month == options.period { records = monthRecords.map(\.0) }
        }

        if options.dirty {
            summary.expectedRejections = try writeDirtyRows(
                employers: employerFile, workforce: workforceFile, contributions: contributionFile,
                payments: paymentFile,
                wages: wagesFile, sample: employers[0].audit.npp,
                audited: audited.first.map { (employers[$0.employer].audit.npp, $0.nik) },
                path: path("expected-rejections.csv"))
        }

        // bpu-contributions.csv, worker-lists.csv, labour-force.csv.
        try writeCoverageFiles(employers: employers, puRows: puRows, summary: &summary)

        // truth.csv: the findings of the audited month, by the reference implementation.
        guard options.truth else { return summary }
        let audit = ReferenceAudit(
            employers: employers.map(\.audit), records: records, contributions: audited, due: due, paid: paid,
            minimumWages: minimumWages, period: options.period, asOf: asOf)
        let findings = audit.run()
        let truthFile = try CSVFileWriter(path: path("truth.csv"))
        truthFile.row(["run_id", "category", "npp", "source_ref", "period", "estimated_loss_idr", "reason"])
        for finding in findings {
            truthFile.row([
                "", finding.category, finding.npp, finding.sourceRef, Self.periodText(options.period),
                String(finding.loss), finding.reason,
            ])
        }
        summary.findings = findings.count
        return summary
    }

    /// The payments an employer makes for one month's contributions.
    func payments(_ employer: Employer, index: Int, month: Int, due: Cents) -> [(ReferenceAudit.Day, Cents)] {
        var random = SeededRandom(seed: options.seed, 3, index, month)
        let next = month + 1
        func day(_ d: Int, monthsLater: Int = 0) -> ReferenceAudit.Day {
            let m = next + monthsLater
            return ReferenceAudit.Day(m / 12, m % 12 + 1, d)
        }
        switch employer.habit {
        case .onTime: return [(day(random.int(1...15)), due)]
        case .late: return [(day(random.int(20...28), monthsLater: random.int(0...2)), due)]
        case .partial:
            let share = Cents(Double(due) * (0.6 + random.unit() * 0.35))
            return [(day(random.int(5...15)), max(1, share))]
        case .never: return []
        case .instalments:
            let first = Money.roundToRupiah(due / 3)
            return [(day(5), first), (day(14), due - first)]
        case .sporadic: return random.chance(0.5) ? [(day(10), due)] : []
        case .overpays: return [(day(10), due + Money.roundToRupiah(due / 10))]
        }
    }

    /// The outside records of one month, with the NPWP as the source wrote it.
    func workforce(_ employers: [Employer], month: Int, bills: [Int: (count: Int, bill: Cents)]) -> [(
        ReferenceAudit.Record, String?
    )] {
        var out: [(ReferenceAudit.Record, String?)] = []
        var groupTotals: [Int: (count: Int, bill: Cents)] = [:]
        for (index, employer) in employers.enumerated() {
            let head = employer.groupHead ?? index
            let bill = bills[index] ?? (employer.realHeadcount, 0)
            groupTotals[head, default: (0, 0)].count += bill.count
            groupTotals[head, default: (0, 0)].bill += bill.bill
        }
        for (index, employer) in employers.enumerated() {
            let e = employer.audit
            var random = SeededRandom(seed: options.seed, 4, index, month)
            let real = employer.realHeadcount
            if random.chance(0.35) {
                let headcount = random.chance(0.1) ? max(0, real + random.int(-1...1)) : real
                let shared =
                    employer.groupHead != nil
                    || employers.indices.contains(index + 1) && employers[index + 1].groupHead == index
                let useNPP = random.chance(0.7) || (e.npwp == nil && e.nib == nil) || shared
                out.append(
                    (
                        ReferenceAudit.Record(
                            source: .wlkp, npp: useNPP ? e.npp : nil, npwp: useNPP ? nil : e.npwp,
                            nib: useNPP || e.npwp != nil ? nil : e.nib,
                            name: e.name, region: e.region, headcount: headcount, wageBill: nil),
                        useNPP ? nil : employer.npwpWritten
                    ))
            }
            if let npwp = e.npwp, employer.groupHead == nil, random.chance(e.scale == .mikro ? 0.15 : 0.6) {
                let totals = groupTotals[index] ?? (real, 0)
                out.append(
                    (
                        ReferenceAudit.Record(
                            source: .pajak, npp: nil, npwp: npwp, nib: nil, name: e.name, region: e.region,
                            headcount: totals.count,
                            wageBill: totals.bill > 0 ? totals.bill : nil), employer.npwpWritten
                    ))
            }
            let branchOfGroup =
                employer.groupHead != nil
                || employers.indices.contains(index + 1) && employers[index + 1].groupHead == index
            if random.chance(0.15), e.nib != nil || (e.npwp != nil && !branchOfGroup) {
                out.append(
                    (
                        ReferenceAudit.Record(
                            source: .pemda, npp: nil, npwp: e.nib == nil ? e.npwp : nil, nib: e.nib, name: e.name,
                            region: e.region,
                            headcount: real, wageBill: nil), e.nib == nil ? employer.npwpWritten : nil
                    ))
            }
            if let nib = e.nib, random.chance(0.4) {
                out.append(
                    (
                        ReferenceAudit.Record(
                            source: .oss, npp: nil, npwp: nil, nib: nib, name: e.name, region: e.region,
                            headcount: max(0, real + (random.chance(0.2) ? random.int(-2...2) : 0)), wageBill: nil), nil
                    ))
            }
        }
        // Businesses no registry knows: some seen by several sources, linked by NIB or NPWP.
        let unregistered = max(3, options.employers * 3 / 100)
        for business in 0..<unregistered {
            var random = SeededRandom(seed: options.seed, 5, business, month)
            var stable = SeededRandom(seed: options.seed, 6, business)
            let region = stable.weighted(Catalog.regions.map { ($0, $0.weight) })
            let nib = String(8_100_000_000_000 + business)
            let npwp = "0" + String(900_000_000_000_000 + business)
            let headcount = stable.chance(0.1) ? 0 : stable.int(1...(stable.chance(0.8) ? 15 : 80))
            let name = "PT " + stable.pick(Catalog.companyWords) + " " + stable.pick(Catalog.companyWords) + " Baru"
            let shape = stable.int(0...4)
            func record(_ source: ReferenceAudit.Source, npwp: String?, nib: String?, count: Int) -> (
                ReferenceAudit.Record, String?
            ) {
                (
                    ReferenceAudit.Record(
                        source: source, npp: nil, npwp: npwp, nib: nib, name: name, region: region.code,
                        headcount: count, wageBill: nil), npwp
                )
            }
            guard random.chance(0.9) else { continue }
            switch shape {
            case 0: out.append(record(.oss, npwp: nil, nib: nib, count: headcount))
            case 1: out.append(record(.pajak, npwp: npwp, nib: nil, count: headcount))
            case 2:
                // A chain: OSS knows the NIB, pemda both, the tax office the NPWP.
                out.append(record(.oss, npwp: nil, nib: nib, count: headcount))
                out.append(record(.pemda, npwp: npwp, nib: nib, count: max(0, headcount - 1)))
                out.append(record(.pajak, npwp: npwp, nib: nil, count: headcount + 2))
            case 3:
                out.append(record(.oss, npwp: nil, nib: nib, count: headcount))
                out.append(record(.wlkp, npwp: nil, nib: nib, count: headcount + 1))
            default:
                // Only an NPP nobody has: no usable identifier.
                out.append(
                    (
                        ReferenceAudit.Record(
                            source: .wlkp, npp: "X" + String(business, radix: 36).uppercased().leftPadded(7), npwp: nil,
                            nib: nil, name: name, region: region.code, headcount: headcount, wageBill: nil), nil
                    ))
            }
        }
        return out
    }

    /// Appends rows every file must reject, and writes which line is rejected for which rule.
    func writeDirtyRows(
        employers: CSVFileWriter, workforce: CSVFileWriter, contributions: CSVFileWriter, payments: CSVFileWriter,
        wages: CSVFileWriter, sample: String, audited: (npp: String, nik: UInt64)?, path: String
    ) throws -> Int {
        let expected = try CSVFileWriter(path: path)
        expected.row(["file", "line", "rule"])
        var count = 0
        func expect(_ file: CSVFileWriter, _ name: String, _ rule: String, _ line: String) {
            file.raw(line)
            expected.row([name, String(file.lines), rule])
            count += 1
        }
        expect(
            employers, "employers.csv", "npp_format",
            "BAD!,PT Rusak,,,47111,besar,1,3171,JKT-SALEMBA,JKK|JKM|JHT|JP,2020-01-01,aktif")
        expect(
            employers, "employers.csv", "scale_unknown",
            "ZZBAD001,PT Rusak,,,47111,raksasa,1,3171,JKT-SALEMBA,JKK|JKM,2020-01-01,")
        expect(
            employers, "employers.csv", "date_format",
            "ZZBAD002,PT Rusak,,,47111,kecil,1,3171,JKT-SALEMBA,JKK|JKM|JHT,2021-02-30,")
        expect(
            employers, "employers.csv", "programs_unknown",
            "ZZBAD003,PT Rusak,,,47111,kecil,1,3171,JKT-SALEMBA,JKK|BPJS,2021-01-01,")
        expect(
            employers, "employers.csv", "npp_duplicate",
            "ZZDUP001,PT Ganda,,,47111,kecil,1,3171,JKT-SALEMBA,JKK|JKM|JHT,2021-01-01,")
        expect(
            employers, "employers.csv", "npp_duplicate",
            "zzdup001,PT Ganda Lagi,,,47111,kecil,1,3171,JKT-SALEMBA,JKK|JKM|JHT,2021-01-01,")
        expect(employers, "employers.csv", "field_count", "ZZBAD004,PT Rusak,,,47111,kecil,1,3171")
        expect(
            workforce, "workforce.csv", "identifier_missing",
            "wlkp,\(Self.periodText(options.period)),,,,Tanpa Identitas,3171,5,")
        expect(
            workforce, "workforce.csv", "whole_number",
            "oss,\(Self.periodText(options.period)),,,8999999999999,Minus,3171,-5,")
        expect(
            workforce, "workforce.csv", "source_unknown",
            "bps,\(Self.periodText(options.period)),,,8999999999998,Sumber Lain,3171,5,")
        expect(
            workforce, "workforce.csv", "money_thousands_separator",
            "pajak,\(Self.periodText(options.period)),,0999999999999999,,Titik,3171,5,\"1.000.000\"")
        expect(
            contributions, "contributions.csv", "nik_length",
            "\(sample),\(Self.periodText(options.period)),19999999999,317101410190000,Pendek,5000000")
        expect(
            contributions, "contributions.csv", "money_thousands_separator",
            "\(sample),\(Self.periodText(options.period)),19999999998,3171014101900777,Titik,5.396.761")
        expect(
            contributions, "contributions.csv", "npp_unregistered",
            "XX000000,\(Self.periodText(options.period)),19999999997,3171014101900778,Tak Dikenal,5000000")
        expect(
            contributions, "contributions.csv", "field_count",
            "\(sample),\(Self.periodText(options.period)),19999999996,3171014101900779,Rp,Rp 5,396,761")
        expect(
            contributions, "contributions.csv", "required",
            "\(sample),\(Self.periodText(options.period)),19999999995,3171014101900780,Kosong,")
        if let audited {
            expect(
                contributions, "contributions.csv", "nik_duplicate",
                "\(audited.npp),\(Self.periodText(options.period)),19999999994,\(audited.nik),Ganda,1")
        }
        expect(
            payments, "payments.csv", "npp_unregistered",
            "XX000000,\(Self.periodText(options.period)),2025-01-10,1000000")
        expect(payments, "payments.csv", "money_positive", "\(sample),\(Self.periodText(options.period)),2025-01-10,0")
        expect(
            payments, "payments.csv", "date_format", "\(sample),\(Self.periodText(options.period)),10/01/2025,1000000")
        expect(wages, "minimum-wages.csv", "number_range", "31,1999,5000000")
        expect(wages, "minimum-wages.csv", "region_code_format", "3,2025,5000000")
        expect(wages, "minimum-wages.csv", "money_currency", "94,2025,Rp 5000000")
        expect(wages, "minimum-wages.csv", "minimum_wage_duplicate", "94,2030,4000000")
        expect(wages, "minimum-wages.csv", "minimum_wage_duplicate", "94,2030,4100000")
        return count
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
