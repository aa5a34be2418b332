import Foundation

/// The coverage files of `periksa generate` (docs/coverage.md): `bpu-contributions.csv` for every
/// generated month, `worker-lists.csv` (the local governments' lists as they stand for the
/// audited period) and `labour-force.csv` (the audited year and the year before). Informal
/// workers are made region by region from a fixed mix of roles, each a way a person stands
/// towards the lists and the contributions: paying themselves (mandiri), enrolled and paid for by
/// a local government, funded but missing, on a list and never enrolled, dropped from a decree but
/// still paid for, listed under a mistyped NIK, and so on. The first persons of each region take
/// every role once, so even a small run plants every situation; the rest draw their roles by
/// weight. Everything is streamed: a person is a function of its index, remade in each pass.
extension Generator {
    /// What the coverage files plant for the audited period: what `periksa coverage`,
    /// `outreach` and `reconcile` must find.
    public struct CoverageSummary: Sendable {
        /// The reconciliation of one list for the audited period (docs/coverage.md).
        public struct List: Sendable {
            public var code: String
            public var pemda: String
            /// Whether any row of the list funds its person for the audited period.
            public var fundsPeriod = false
            public var rows = 0
            /// Rows with `funded` = ya (for any window).
            public var funded = 0
            public var expected = 0
            public var enrolled = 0
            public var missing = 0
            public var alreadyPU = 0
            /// BPU rows of the period paid by the list's local government for NIKs that no list
            /// of it funds for the period.
            public var paidNotListed = 0
            /// Rupiah: the packages of the expected NIKs, and what the enrolled paid.
            public var budget: Int64 = 0
            public var paid: Int64 = 0
        }

        public var lists: [List] = []
        /// NIKs with a BPU row for the audited period.
        public var bpuParticipants = 0
        /// Of those, paid for by a local government; with a domicile; with JHT.
        public var pemdaFunded = 0
        public var withDomicile = 0
        public var withJHT = 0
        /// NIKs on at least one list.
        public var listed = 0
        /// Listed NIKs that are not participants in the audited period (the outreach list), and
        /// those of them a list funds for the period.
        public var outreach = 0
        public var outreachFunded = 0
        /// NIKs on the lists of two or more local governments (a province's and a city's, or two
        /// cities').
        public var onListsOfTwoGovernments = 0
        /// Listed NIKs that are a mistyped version of the NIK the local government pays for.
        public var mistypedNIKs = 0
        /// Regencies/cities and provinces with participants in the audited period (by the NIK's
        /// region) and no labour-force row up to its year.
        public var regionsWithoutLabourForce: [String] = []
        /// Regencies/cities whose latest labour-force row is of the year before the audited one.
        public var regionsWithEarlierLabourForce: [String] = []
    }

    /// The lists the local governments made.
    enum ListID: Int, CaseIterable {
        case dki, dkiPrevious, dkiNonASN, jambiRentan, jambiReligious, jambiProvince, bandung, jabar, surabaya
        case tangerang, pontianak
    }

    /// A local government's list of workers.
    struct WorkerList {
        var code: String
        var pemda: String
        var funded: Bool
        /// The months it funds (year*12+month-1), when it funds.
        var from = 0
        var to = 0
        var categories: [(String, Double)]
        /// The declared income the file gives, by category (none: the column is left empty, so
        /// 1,000,000).
        var income: [String: Int64] = [:]
        var writesIncome = false
        /// The local government pays JHT as well as the package.
        var jht = false
        var payDay = 10
        var names = true
        /// Wage workers of its regions' employers on the list: the share of employers reporting in
        /// the period one is taken from, and the share of those the local government pays BPU for.
        var wageWorkers: (share: Double, paid: Double) = (0, 0)
        var regions: [String] = []

        /// The declared income of a row, in rupiah.
        func income(_ category: String) -> Int64 { income[category] ?? 1_000_000 }
    }

    /// How a person is on a list.
    struct RowKind {
        var funded = true
        /// Funded from a later month than the list (an amended decree).
        var late = false
        /// Funded until the month before the audited one.
        var endsEarly = false
        /// Written with a mistyped NIK.
        var typo = false
        /// With the region where the person works (a DKI city), not where the NIK was issued.
        var atWork = false

        static let funded = RowKind()
        static let unfunded = RowKind(funded: false)
        static let late = RowKind(late: true)
        static let endsEarly = RowKind(endsEarly: true)
        static let typo = RowKind(typo: true)
        static let fundedAtWork = RowKind(atWork: true)
        static let unfundedAtWork = RowKind(funded: false, atWork: true)
    }

    /// Who pays a person's BPU contributions, when.
    enum Pay {
        case none
        /// The person, from a month of joining, most months.
        case mandiri
        /// The list's local government, from the person's row (or the list's start) to the end of
        /// its window or the audited month.
        case list(ListID)
        /// The same at another declared income than the list's.
        case listOtherIncome(ListID)
        /// From the list's start, stopped before the audited month (or never enrolled).
        case stopped(ListID)
        /// From the list's start to the audited month, past the end of the row's or list's window.
        case beyond(ListID)
        /// The list's window, then the person.
        case thenMandiri(ListID)
        /// The local government from the earlier list's start through the later list's window.
        case continuing(ListID, ListID)
    }

    struct Role {
        var lists: [(ListID, RowKind)]
        var pay: Pay
        /// Lives in one of the plan's work regions (the domicile of its BPU rows).
        var commutes = false
    }

    /// The informal workers whose NIK was issued in one regency/city.
    struct RegionPlan {
        var region: String
        var weight: Double
        var roles: [(Role, Double)]
        /// Where those who commute work and live.
        var workRegions: [String] = []
        var generated = true
    }

    struct Membership {
        var list: ListID
        var typo: Bool
        var region: String
        var category: String
        var funded: Bool
        var from: Int
        var to: Int
        var income: Int64
    }

    struct Segment {
        var from: Int
        var to: Int
        /// The local government that pays; nil: the person.
        var payer: String?
        var income: Int64
        var jht: Bool
        var payDay: Int
    }

    /// One informal worker (serials 1501–5749 of the NIK; a mistyped NIK adds 4250): never the
    /// NIK of a wage worker (serials up to 1500), never another person's.
    struct Person {
        var k: Int
        var region: String
        var district: Int
        var day: Int
        var month: Int
        var year: Int
        var serial: Int
        var given: Int
        var family: Int
        var domicile: String?
        var memberships: [Membership] = []
        var segments: [Segment] = []

        func nik(typo: Bool = false) -> String {
            func pad(_ value: Int, _ width: Int) -> String { String(value).leftPadded(width) }
            return region + pad(district, 2) + pad(day, 2) + pad(month, 2) + pad(year, 2)
                + pad(serial + (typo ? 4250 : 0), 4)
        }

        var kpj: String { String(20_000_000_000 + k) }
        var name: String { Catalog.givenNames[given] + " " + Catalog.familyNames[family] }
    }

    /// A wage worker of a generated employer who is also on a list or pays BPU.
    struct WageWorker {
        var nik: String
        var kpj: String
        var name: String
        var region: String
        var list: ListID?
        var category: String
        /// Paid for by the list's local government, or paying BPU themselves.
        var segments: [Segment]
        var domicile: String?
        var k: Int
    }

    static let personSpace = 4249 * 20 * 12 * 40

    /// The incomes informal workers declare (rupiah; 0: any multiple of 50 up to 5,000,000).
    static let mandiriIncomes: [(Int64, Double)] = [
        (1_000_000, 40), (1_500_000, 10), (2_000_000, 14), (2_500_000, 6), (3_000_000, 10), (3_500_000, 3),
        (4_000_000, 5), (5_000_000, 5), (0, 7),
    ]

    // MARK: - The lists and the regions

    func workerLists() -> [WorkerList] {
        let p = options.period
        let year = p / 12
        let first = year * 12
        let last = first + 11
        let dkiCities = ["3171", "3172", "3173", "3174", "3175"]
        func funded(
            _ code: String, _ pemda: String, from: Int = first, to: Int = last, _ categories: [(String, Double)],
            payDay: Int
        ) -> WorkerList {
            WorkerList(
                code: code, pemda: pemda, funded: true, from: from, to: to, categories: categories, payDay: payDay)
        }
        func unfunded(_ code: String, _ pemda: String, _ categories: [(String, Double)]) -> WorkerList {
            WorkerList(code: code, pemda: pemda, funded: false, categories: categories)
        }
        var lists: [WorkerList] = []
        for id in ListID.allCases {
            var list: WorkerList
            switch id {
            case .dki:
                list = funded("KEPGUB-DKI-1021-\(year)", "31", [("rentan", 0.7), ("informal", 0.3)], payDay: 12)
                list.wageWorkers = (0.06, 0.3)
                list.regions = dkiCities
            case .dkiPrevious:
                list = funded(
                    "KEPGUB-DKI-0877-\(year - 1)", "31", from: first - 12, to: last - 12,
                    [("rentan", 0.75), ("informal", 0.25)], payDay: 12)
            case .dkiNonASN:
                list = unfunded("DISNAKERTRANSGI-DKI-NONASN-\(year)", "31", [("non_asn", 1)])
                list.wageWorkers = (0.03, 0)
                list.regions = dkiCities
            case .jambiRentan:
                list = funded("PERWAL-JAMBI-0412-\(year)", "1571", [("rentan", 0.8), ("informal", 0.2)], payDay: 8)
                list.writesIncome = true
                list.wageWorkers = (0.08, 0.3)
                list.regions = ["1571"]
            case .jambiReligious:
                list = funded("PERWAL-JAMBI-0413-\(year)", "1571", [("keagamaan", 1)], payDay: 8)
                list.writesIncome = true
                list.jht = true
            case .jambiProvince:
                list = unfunded(
                    "PENDATAAN-PROV-JAMBI-\(year)", "15", [("informal", 0.6), ("rentan", 0.3), ("lainnya", 0.1)])
            case .bandung:
                list = funded(
                    "PERWAL-BANDUNG-0931-\((p - 5) / 12)", "3273", from: p - 5, to: p + 6,
                    [("informal", 0.6), ("rentan", 0.4)], payDay: 15)
                list.writesIncome = true
                list.wageWorkers = (0.08, 0.3)
                list.regions = ["3273"]
            case .jabar:
                list = funded("KEPGUB-JABAR-0560-\(year)", "32", [("rentan", 1)], payDay: 20)
            case .surabaya:
                list = funded("PERWALI-SBY-0188-\(year)", "3578", [("rentan", 0.75), ("non_asn", 0.25)], payDay: 5)
                list.writesIncome = true
                list.income = ["non_asn": 1_500_000]
                list.wageWorkers = (0.08, 0.3)
                list.regions = ["3578"]
            case .tangerang:
                list = unfunded("PENDATAAN-KOTA-TANGERANG-\(year)", "3671", [("informal", 0.8), ("lainnya", 0.2)])
                // A count of the informal workers by NIK, without names.
                list.names = false
            case .pontianak:
                // Its window ended the month before the audited one.
                list = funded(
                    "PERWAL-PONTIANAK-0077-\((p - 12) / 12)", "6171", from: p - 12, to: p - 1, [("rentan", 1)],
                    payDay: 10)
                list.writesIncome = true
            }
            lists.append(list)
        }
        return lists
    }

    func regionPlans() -> [RegionPlan] {
        let dkiCities = ["3171", "3172", "3173", "3174", "3175"]
        func role(_ lists: [(ListID, RowKind)], _ pay: Pay, commutes: Bool = false) -> Role {
            Role(lists: lists, pay: pay, commutes: commutes)
        }
        let mandiri = role([], .mandiri)
        let dki: [(Role, Double)] = [
            (mandiri, 30), (role([(.dkiNonASN, .unfunded)], .mandiri), 5),
            (role([(.dki, .funded)], .list(.dki)), 12),
            (role([(.dkiPrevious, .funded), (.dki, .funded)], .continuing(.dkiPrevious, .dki)), 16),
            (role([(.dki, .funded), (.dkiNonASN, .unfunded)], .list(.dki)), 2),
            (role([(.dki, .late)], .list(.dki)), 2), (role([(.dki, .funded)], .listOtherIncome(.dki)), 1),
            (role([(.dki, .funded)], .none), 1), (role([(.dki, .funded)], .stopped(.dki)), 0.7),
            (role([(.dkiPrevious, .funded), (.dki, .funded)], .list(.dkiPrevious)), 0.7),
            (role([(.dkiNonASN, .unfunded)], .none), 26), (role([(.dki, .unfunded)], .none), 2),
            (role([(.dkiPrevious, .funded)], .beyond(.dkiPrevious)), 1),
            (role([(.dkiPrevious, .funded)], .thenMandiri(.dkiPrevious)), 1.5),
            (role([(.dkiPrevious, .funded)], .list(.dkiPrevious)), 2),
            (role([(.dki, .endsEarly)], .beyond(.dki)), 0.6), (role([(.dki, .typo)], .list(.dki)), 0.5),
            (role([], .mandiri, commutes: true), 2),
        ]
        let tangerang: [(Role, Double)] = [
            (mandiri, 40), (role([(.tangerang, .unfunded)], .none), 25), (role([(.tangerang, .unfunded)], .mandiri), 8),
            (role([(.dki, .fundedAtWork), (.tangerang, .unfunded)], .list(.dki)), 8),
            (role([(.dkiNonASN, .unfundedAtWork), (.tangerang, .unfunded)], .none), 6),
            (role([], .mandiri, commutes: true), 6),
        ]
        let jambi: [(Role, Double)] = [
            (mandiri, 30), (role([(.jambiRentan, .funded)], .list(.jambiRentan)), 18),
            (role([(.jambiRentan, .funded), (.jambiProvince, .unfunded)], .list(.jambiRentan)), 8),
            (role([(.jambiReligious, .funded)], .list(.jambiReligious)), 10),
            (role([(.jambiRentan, .funded)], .none), 1.5), (role([(.jambiReligious, .funded)], .none), 0.5),
            (role([(.jambiRentan, .funded)], .stopped(.jambiRentan)), 0.7),
            (role([(.jambiProvince, .unfunded)], .none), 15),
            (role([(.jambiProvince, .unfunded), (.jambiReligious, .unfunded)], .none), 1),
            (role([(.jambiProvince, .unfunded)], .mandiri), 4),
            (role([(.jambiProvince, .unfunded)], .list(.jambiRentan)), 1.5),
            (role([(.jambiRentan, .typo)], .list(.jambiRentan)), 0.5),
            (role([(.jambiReligious, .late)], .list(.jambiReligious)), 1),
        ]
        let bandung: [(Role, Double)] = [
            (mandiri, 35), (role([(.bandung, .funded)], .list(.bandung)), 22),
            (role([(.bandung, .late)], .list(.bandung)), 2), (role([(.jabar, .funded)], .list(.jabar)), 6),
            (role([(.jabar, .funded), (.bandung, .unfunded)], .list(.jabar)), 3),
            (role([(.bandung, .funded)], .none), 1.5), (role([(.bandung, .funded)], .stopped(.bandung)), 0.7),
            (role([(.jabar, .funded)], .none), 0.5), (role([(.bandung, .unfunded)], .none), 10),
            (role([(.bandung, .typo)], .list(.bandung)), 0.5),
            (role([(.bandung, .funded)], .listOtherIncome(.bandung)), 1), (role([(.bandung, .unfunded)], .mandiri), 4),
        ]
        let jabarRegency: [(Role, Double)] = [
            (role([], .mandiri, commutes: true), 35), (role([(.jabar, .funded)], .list(.jabar)), 35),
            (role([(.jabar, .funded)], .none), 2), (role([(.jabar, .funded)], .stopped(.jabar)), 1),
            (role([(.jabar, .unfunded)], .none), 6), (mandiri, 20),
        ]
        let surabaya: [(Role, Double)] = [
            (mandiri, 40), (role([(.surabaya, .funded)], .list(.surabaya)), 35),
            (role([(.surabaya, .funded)], .none), 1.5),
            (role([(.surabaya, .funded)], .stopped(.surabaya)), 0.7), (role([(.surabaya, .unfunded)], .none), 6),
            (role([(.surabaya, .typo)], .list(.surabaya)), 0.5),
            (role([(.surabaya, .funded)], .listOtherIncome(.surabaya)), 1),
        ]
        let pontianak: [(Role, Double)] = [
            (mandiri, 40), (role([(.pontianak, .funded)], .list(.pontianak)), 15),
            (role([(.pontianak, .funded)], .beyond(.pontianak)), 6),
            (role([(.pontianak, .funded)], .thenMandiri(.pontianak)), 15),
        ]
        var plans: [RegionPlan] = []
        for region in Catalog.regions {
            switch region.code {
            case "3171", "3172", "3173", "3174", "3175":
                plans.append(
                    RegionPlan(
                        region: region.code, weight: region.weight, roles: dki,
                        workRegions: dkiCities.filter { $0 != region.code }))
            case "3671":
                plans.append(
                    RegionPlan(region: region.code, weight: region.weight, roles: tangerang, workRegions: dkiCities))
            case "1571": plans.append(RegionPlan(region: region.code, weight: region.weight, roles: jambi))
            case "3273": plans.append(RegionPlan(region: region.code, weight: region.weight, roles: bandung))
            case "3578": plans.append(RegionPlan(region: region.code, weight: region.weight, roles: surabaya))
            case "6171": plans.append(RegionPlan(region: region.code, weight: region.weight, roles: pontianak))
            default: plans.append(RegionPlan(region: region.code, weight: region.weight, roles: [(mandiri, 1)]))
            }
        }
        for origin in Catalog.coverageOrigins {
            var plan = RegionPlan(region: origin.code, weight: origin.weight, roles: [], generated: false)
            switch origin.code.prefix(2) {
            case "32":
                plan.roles = jabarRegency
                plan.workRegions = dkiCities
            case "15":
                plan.roles = [
                    (role([], .mandiri, commutes: true), 50), (role([(.jambiProvince, .unfunded)], .none), 40),
                    (role([(.jambiProvince, .unfunded)], .mandiri), 10),
                ]
                plan.workRegions = ["1571"]
            default:
                plan.roles = [(role([], .mandiri, commutes: true), 70), (mandiri, 30)]
                plan.workRegions = dkiCities
            }
            plans.append(plan)
        }
        return plans
    }

    /// The persons of each plan: (plan, first index, count). About 6.8 informal workers a
    /// registered employer, so that a month has about 4.3 BPU rows an employer (Jakarta:
    /// 500,000) and the lists about 5 persons an employer.
    func blocks(_ plans: [RegionPlan]) -> [(plan: Int, start: Int, count: Int)] {
        let total = Double(options.employers) * 6.8
        let weights = plans.reduce(0) { $0 + $1.weight }
        var start = 0
        var out: [(plan: Int, start: Int, count: Int)] = []
        for (index, plan) in plans.enumerated() {
            let count = max(3 * plan.roles.count, Int((total * plan.weight / weights).rounded()))
            out.append((index, start, count))
            start += count
        }
        precondition(start * 2 < Self.personSpace, "too many informal workers for the NIK space")
        return out
    }

    // MARK: - Persons

    /// The `j`-th informal worker of a plan, `k` overall.
    func person(_ plan: RegionPlan, j: Int, k: Int, lists: [WorkerList]) -> Person {
        var random = SeededRandom(seed: options.seed, 20, k)
        let role = j < plan.roles.count ? plan.roles[j].0 : random.weighted(plan.roles)
        // The NIK: a bijection of k onto (year, month, district, serial), the day drawn.
        var code = (k &* 3_059_761 &+ Int(options.seed % UInt64(Self.personSpace))) % Self.personSpace
        let serial = 1501 + code % 4249
        code /= 4249
        let district = 1 + code % 20
        code /= 20
        let month = 1 + code % 12
        code /= 12
        let year = (65 + code % 40) % 100
        let woman = random.chance(0.5)
        let day = random.int(1...28) + (woman ? 40 : 0)
        let given = random.int(0...(Catalog.givenNames.count - 1))
        let family = random.int(0...(Catalog.familyNames.count - 1))
        let workRegion = plan.workRegions.isEmpty ? plan.region : random.pick(plan.workRegions)
        var domicile: String?
        let domicileRoll = random.unit()
        if role.commutes {
            domicile = workRegion
        } else if domicileRoll < (plan.generated ? 0.45 : 0.3) {
            domicile = plan.region
        } else if domicileRoll < 0.5, plan.generated, !plan.workRegions.isEmpty, plan.region.hasPrefix("31") {
            domicile = workRegion
        }
        // Mandiri: the declared income (some end in 50: JKK rounds a half), JHT, joining, leaving.
        var income = random.weighted(Self.mandiriIncomes)
        if income == 0 { income = 1_000_000 + 50 * Int64(random.int(1...79_999)) }
        let jht = random.chance(0.35)
        let joined = options.period - random.int(0...60)
        let left = random.chance(0.12) ? joined + random.int(0...36) : Int.max
        let late = random.int(1...4)
        let stop = random.unit()
        let neverEnrolled = random.chance(0.4)

        var person = Person(
            k: k, region: plan.region, district: district, day: day, month: month, year: year, serial: serial,
            given: given, family: family, domicile: domicile)
        let p = options.period
        for (id, kind) in role.lists {
            let list = lists[id.rawValue]
            let category = random.weighted(list.categories)
            var from = list.from
            var to = list.to
            if kind.late { from = min(list.from + late, max(p, list.from)) }
            if kind.endsEarly, p - 1 >= list.from { to = p - 1 }
            person.memberships.append(
                Membership(
                    list: id, typo: kind.typo, region: kind.atWork ? workRegion : plan.region, category: category,
                    funded: list.funded && kind.funded, from: from, to: to, income: list.income(category)))
        }
        func paidBy(_ id: ListID, from: Int, to: Int, otherIncome: Bool = false) -> Segment {
            let list = lists[id.rawValue]
            let category = person.memberships.first { $0.list == id }?.category ?? list.categories[0].0
            return Segment(
                from: from, to: to, payer: list.pemda, income: list.income(category) + (otherIncome ? 500_000 : 0),
                jht: list.jht, payDay: list.payDay)
        }
        func start(_ id: ListID) -> Int { person.memberships.first { $0.list == id }?.from ?? lists[id.rawValue].from }
        let mandiriSegment = Segment(from: joined, to: left - 1, payer: nil, income: income, jht: jht, payDay: 0)
        switch role.pay {
        case .none: break
        case .mandiri: person.segments = [mandiriSegment]
        case .list(let id): person.segments = [paidBy(id, from: start(id), to: min(lists[id.rawValue].to, p))]
        case .listOtherIncome(let id):
            person.segments = [paidBy(id, from: start(id), to: min(lists[id.rawValue].to, p), otherIncome: true)]
        case .stopped(let id):
            let from = start(id)
            if !neverEnrolled, from <= p - 1 {
                person.segments = [paidBy(id, from: from, to: from + Int(stop * Double(p - 1 - from)))]
            }
        case .beyond(let id): person.segments = [paidBy(id, from: start(id), to: p)]
        case .thenMandiri(let id):
            let list = lists[id.rawValue]
            var after = mandiriSegment
            after.from = list.to + 1
            after.to = Int.max
            person.segments = [paidBy(id, from: start(id), to: list.to), after]
        case .continuing(let earlier, let later):
            person.segments = [paidBy(earlier, from: start(earlier), to: min(lists[later.rawValue].to, p))]
        }
        return person
    }

    /// The BPU row a person's segments give for `month`, if it pays then.
    func payment(_ segments: [Segment], k: Int, month: Int) -> Segment? {
        guard let segment = segments.first(where: { $0.from <= month && month <= $0.to }) else { return nil }
        if segment.payer == nil {
            var random = SeededRandom(seed: options.seed, 23, k, month)
            guard random.chance(0.9) else { return nil }
        }
        return segment
    }

    func paidOn(_ segment: Segment, k: Int, month: Int) -> String {
        var random = SeededRandom(seed: options.seed, 24, k, month)
        var paidMonth = month
        var day: Int
        if segment.payer != nil {
            // The local government pays each month in bulk; the first month with the second.
            day = segment.payDay
            if month == segment.from { paidMonth += 1 }
        } else {
            let roll = random.unit()
            if roll < 0.7 {
                day = random.int(1...28)
            } else if roll < 0.95 {
                paidMonth += 1
                day = random.int(1...15)
            } else {
                paidMonth += random.int(1...3)
                day = random.int(1...28)
            }
        }
        return Self.dateText(ReferenceAudit.Day(paidMonth / 12, paidMonth % 12 + 1, day))
    }

    /// Wage workers on lists (one of an employer's reported workers, for a share of the employers
    /// of the list's regions reporting in the audited month), and wage workers who also pay BPU
    /// themselves. Few: kept in memory.
    func wageWorkers(_ employers: [Employer], lists: [WorkerList]) -> [WageWorker] {
        let p = options.period
        let lastDay = ReferenceAudit.Day.lastDay(ofMonth: p)
        var out: [WageWorker] = []
        var paying: Set<String> = []
        for id in ListID.allCases where lists[id.rawValue].wageWorkers.share > 0 {
            let list = lists[id.rawValue]
            var onList: Set<String> = []
            for (index, employer) in employers.enumerated() where list.regions.contains(employer.audit.region) {
                let e = employer.audit
                guard e.isActiveStatus, e.registeredOn <= lastDay, employer.skippedMonth != p,
                    employer.reportedHeadcount > 0
                else { continue }
                var random = SeededRandom(seed: options.seed, 30, id.rawValue, index)
                guard random.chance(list.wageWorkers.share) else { continue }
                let w = random.int(0...(employer.reportedHeadcount - 1))
                let person = worker(index, w, region: e.region)
                guard onList.insert(person.nikText).inserted else { continue }
                let category = random.weighted(list.categories)
                var segments: [Segment] = []
                if list.funded, random.chance(list.wageWorkers.paid), paying.insert(person.nikText).inserted {
                    segments = [
                        Segment(
                            from: list.from, to: min(list.to, p), payer: list.pemda, income: list.income(category),
                            jht: list.jht, payDay: list.payDay)
                    ]
                }
                out.append(
                    WageWorker(
                        nik: person.nikText, kpj: person.kpj, name: person.name, region: e.region, list: id,
                        category: category, segments: segments, domicile: random.chance(0.5) ? e.region : nil,
                        k: -1 - out.count))
            }
        }
        // Wage workers (reported or not) who also pay BPU themselves: counted once, as PU.
        for (index, employer) in employers.enumerated() {
            var random = SeededRandom(seed: options.seed, 31, index)
            guard random.chance(0.01) else { continue }
            let person = worker(index, employer.realHeadcount - 1, region: employer.audit.region)
            guard paying.insert(person.nikText).inserted else { continue }
            let joined = p - random.int(0...24)
            out.append(
                WageWorker(
                    nik: person.nikText, kpj: person.kpj, name: person.name, region: employer.audit.region, list: nil,
                    category: "",
                    segments: [
                        Segment(
                            from: joined, to: Int.max, payer: nil,
                            income: random.weighted([(1_000_000, 50), (2_000_000, 30), (3_000_000, 20)]),
                            jht: random.chance(0.5), payDay: 0)
                    ], domicile: nil, k: -1 - out.count))
        }
        return out
    }

    // MARK: - Writing

    /// Writes bpu-contributions.csv, worker-lists.csv and labour-force.csv. `puRows`: the wage
    /// rows of the audited month by the employer's (and the NIK's) region.
    func writeCoverageFiles(employers: [Employer], puRows: [String: Int], summary: inout Summary) throws {
        func path(_ name: String) -> String { options.directory + "/" + name }
        let p = options.period
        let firstMonth = p - options.months + 1
        let lists = workerLists()
        let plans = regionPlans()
        let blocks = blocks(plans)
        let wage = wageWorkers(employers, lists: lists)
        let rates = BPURates()
        func amount(_ segment: Segment) -> Int64 {
            rates.amount(income: segment.income * 100, jht: segment.jht) / 100
        }
        func package(_ income: Int64) -> Int64 { rates.package(income: income * 100) / 100 }
        var coverage = CoverageSummary()
        coverage.lists = lists.map { CoverageSummary.List(code: $0.code, pemda: $0.pemda) }

        /// Whether a NIK (not mistyped) is on a list of `pemda` that funds it for the period.
        func fundedBy(_ memberships: [Membership], _ pemda: String) -> Bool {
            memberships.contains {
                !$0.typo && $0.funded && $0.from <= p && p <= $0.to && lists[$0.list.rawValue].pemda == pemda
            }
        }

        // bpu-contributions.csv, month by month.
        let bpuFile = try CSVFileWriter(path: path("bpu-contributions.csv"))
        bpuFile.row([
            "kpj", "nik", "name", "period", "declared_income", "programs", "amount", "paid_on", "funded_by",
            "domicile_region",
        ])
        var bpuByRegion: [String: Int] = [:]
        var paidNotListed: [String: Int] = [:]
        func write(
            _ segment: Segment, month: Int, k: Int, nik: String, kpj: String, name: String, region: String,
            domicile: String?, listed: [Membership]?
        ) {
            bpuFile.row([
                kpj, nik, name, Self.periodText(month), String(segment.income),
                segment.jht ? "JKK|JKM|JHT" : "JKK|JKM", String(amount(segment)), paidOn(segment, k: k, month: month),
                segment.payer ?? "mandiri", domicile,
            ])
            summary.bpuRows += 1
            guard month == p else { return }
            coverage.bpuParticipants += 1
            bpuByRegion[region, default: 0] += 1
            if segment.payer != nil { coverage.pemdaFunded += 1 }
            if domicile != nil { coverage.withDomicile += 1 }
            if segment.jht { coverage.withJHT += 1 }
            if let payer = segment.payer, let listed, !fundedBy(listed, payer) { paidNotListed[payer, default: 0] += 1 }
        }
        for month in firstMonth...p {
            for block in blocks {
                let plan = plans[block.plan]
                for j in 0..<block.count {
                    let person = person(plan, j: j, k: block.start + j, lists: lists)
                    guard let segment = payment(person.segments, k: person.k, month: month) else { continue }
                    write(
                        segment, month: month, k: person.k, nik: person.nik(), kpj: person.kpj, name: person.name,
                        region: person.region, domicile: person.domicile, listed: person.memberships)
                }
            }
            for worker in wage {
                guard let segment = payment(worker.segments, k: worker.k, month: month) else { continue }
                // Paid for by a local government only while on its funded list.
                write(
                    segment, month: month, k: worker.k, nik: worker.nik, kpj: worker.kpj, name: worker.name,
                    region: worker.region, domicile: worker.domicile, listed: nil)
            }
        }

        // worker-lists.csv, list by list.
        let listFile = try CSVFileWriter(path: path("worker-lists.csv"))
        listFile.row([
            "list_code", "pemda_code", "nik", "name", "region_code", "category", "funded", "funded_from", "funded_to",
            "declared_income",
        ])
        for id in ListID.allCases {
            let list = lists[id.rawValue]
            var counts = coverage.lists[id.rawValue]
            func row(
                nik: String, name: String, region: String, category: String, funded: Bool, from: Int, to: Int,
                income: Int64, paid: Segment?, wageWorker: Bool
            ) {
                listFile.row([
                    list.code, list.pemda, nik, list.names ? name : nil, region, category, funded ? "ya" : "tidak",
                    funded ? Self.periodText(from) : nil, funded ? Self.periodText(to) : nil,
                    list.writesIncome ? String(income) : nil,
                ])
                summary.workerListRows += 1
                counts.rows += 1
                if funded { counts.funded += 1 }
                guard funded, from <= p, p <= to else { return }
                counts.fundsPeriod = true
                counts.expected += 1
                counts.budget += package(income)
                if let paid, paid.payer == list.pemda {
                    counts.enrolled += 1
                    counts.paid += amount(paid)
                }
                if wageWorker {
                    counts.alreadyPU += 1
                } else if paid?.payer != list.pemda {
                    counts.missing += 1
                }
            }
            for block in blocks where plans[block.plan].roles.contains(where: { $0.0.lists.contains { $0.0 == id } }) {
                let plan = plans[block.plan]
                for j in 0..<block.count {
                    let person = person(plan, j: j, k: block.start + j, lists: lists)
                    guard let membership = person.memberships.first(where: { $0.list == id }) else { continue }
                    let paid = membership.typo ? nil : payment(person.segments, k: person.k, month: p)
                    row(
                        nik: person.nik(typo: membership.typo), name: person.name, region: membership.region,
                        category: membership.category, funded: membership.funded, from: membership.from,
                        to: membership.to, income: membership.income, paid: paid, wageWorker: false)
                }
            }
            for worker in wage where worker.list == id {
                row(
                    nik: worker.nik, name: worker.name, region: worker.region, category: worker.category,
                    funded: list.funded, from: list.from, to: list.to, income: list.income(worker.category),
                    paid: payment(worker.segments, k: worker.k, month: p), wageWorker: true)
            }
            counts.paidNotListed = paidNotListed[list.pemda] ?? 0
            coverage.lists[id.rawValue] = counts
        }

        // The listed NIKs, person by person: the outreach list and who is on two governments' lists.
        for block in blocks {
            let plan = plans[block.plan]
            for j in 0..<block.count {
                let person = person(plan, j: j, k: block.start + j, lists: lists)
                guard !person.memberships.isEmpty else { continue }
                let pays = payment(person.segments, k: person.k, month: p) != nil
                for typo in [false, true] {
                    let rows = person.memberships.filter { $0.typo == typo }
                    guard !rows.isEmpty else { continue }
                    coverage.listed += 1
                    if typo { coverage.mistypedNIKs += 1 }
                    if Set(rows.map { lists[$0.list.rawValue].pemda }).count > 1 {
                        coverage.onListsOfTwoGovernments += 1
                    }
                    guard typo || !pays else { continue }
                    coverage.outreach += 1
                    if rows.contains(where: { $0.funded && $0.from <= p && p <= $0.to }) {
                        coverage.outreachFunded += 1
                    }
                }
            }
        }
        coverage.listed += Set(wage.filter { $0.list != nil }.map(\.nik)).count

        // labour-force.csv: every generated province and regency/city, the audited year and the
        // one before (Kota Semarang only the year before; Kota Jayapura and its province none).
        let year = p / 12
        let labourFile = try CSVFileWriter(path: path("labour-force.csv"))
        labourFile.row(["region_code", "year", "workers", "wage_workers", "non_wage_workers", "source"])
        var rows: [(region: String, year: Int, wage: Int, nonWage: Int, split: Bool)] = []
        var provinces: [String: [Int: (wage: Double, nonWage: Double)]] = [:]
        for (index, region) in Catalog.regions.enumerated() where region.code != "9471" {
            var random = SeededRandom(seed: options.seed, 40, index)
            let wageCoverage = 0.55 + random.unit() * 0.3
            let informalCoverage = 0.15 + random.unit() * 0.2
            let growth = 0.01 + random.unit() * 0.03
            let wageWorkers = max(50, Double(puRows[region.code] ?? 0) / wageCoverage)
            let nonWage = max(50, Double(bpuByRegion[region.code] ?? 0) / informalCoverage)
            let split = region.code != "6171"
            for (when, wage, nonWage) in [
                (year, wageWorkers, nonWage), (year - 1, wageWorkers / (1 + growth), nonWage / (1 + growth / 2)),
            ] {
                if region.code != "3374" || when < year {
                    rows.append((region.code, when, Int(wage.rounded()), Int(nonWage.rounded()), split))
                }
                provinces[String(region.code.prefix(2)), default: [:]][when, default: (0, 0)].wage += wage
                provinces[String(region.code.prefix(2)), default: [:]][when, default: (0, 0)].nonWage += nonWage
            }
        }
        for (province, years) in provinces {
            let rest = 1 + (Catalog.restOfProvince[province] ?? 0)
            for (when, total) in years {
                rows.append(
                    (province, when, Int((total.wage * rest).rounded()), Int((total.nonWage * rest).rounded()), true))
            }
        }
        rows.sort { ($0.region, $0.year) < ($1.region, $1.year) }
        for row in rows {
            labourFile.row([
                row.region, String(row.year), String(row.wage + row.nonWage), row.split ? String(row.wage) : nil,
                row.split ? String(row.nonWage) : nil, "BPS Sakernas Agustus \(row.year)",
            ])
            summary.labourForceRows += 1
        }
        let withRows = Set(rows.map(\.region))
        var participating = Set(puRows.filter { $0.value > 0 }.keys).union(bpuByRegion.keys)
        participating.formUnion(participating.map { String($0.prefix(2)) })
        coverage.regionsWithoutLabourForce = participating.subtracting(withRows).sorted()
        coverage.regionsWithEarlierLabourForce = withRows.subtracting(rows.filter { $0.year == year }.map(\.region))
            .sorted()
        summary.coverage = coverage
    }
}
