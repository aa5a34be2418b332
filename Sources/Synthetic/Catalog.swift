/// The places, branch offices, lines of business and names synthetic data is made of.
enum Catalog {
    /// A regency/city with its branch offices and its share of employers.
    struct Region {
        let code: String
        let name: String
        let branches: [String]
        let weight: Double
    }

    static let regions: [Region] = [
        Region(code: "3171", name: "Jakarta Pusat", branches: ["JKT-SALEMBA", "JKT-CEMPAKA-PUTIH"], weight: 14),
        Region(code: "3172", name: "Jakarta Utara", branches: ["JKT-KELAPA-GADING", "JKT-TANJUNG-PRIOK"], weight: 12),
        Region(code: "3173", name: "Jakarta Barat", branches: ["JKT-GROGOL", "JKT-CENGKARENG"], weight: 14),
        Region(code: "3174", name: "Jakarta Selatan", branches: ["JKT-SETIABUDI", "JKT-MAMPANG"], weight: 18),
        Region(code: "3175", name: "Jakarta Timur", branches: ["JKT-RAWAMANGUN", "JKT-PULOGADUNG"], weight: 14),
        Region(code: "3273", name: "Kota Bandung", branches: ["BDG-SUNIARAJA"], weight: 6),
        Region(code: "3578", name: "Kota Surabaya", branches: ["SBY-RUNGKUT"], weight: 6),
        Region(code: "3671", name: "Kota Tangerang", branches: ["TNG-CIKOKOL"], weight: 6),
        Region(code: "1571", name: "Kota Jambi", branches: ["JMB-JAMBI"], weight: 4),
        Region(code: "6171", name: "Kota Pontianak", branches: ["PTK-PONTIANAK"], weight: 4),
        // Jawa Tengah has no 2026 UMP in the reference data, Papua none at all: the floor
        // rule is skipped there and losses that need a minimum wage are 0.
        Region(code: "3374", name: "Kota Semarang", branches: ["SMG-MAJAPAHIT"], weight: 1.5),
        Region(code: "9471", name: "Kota Jayapura", branches: ["JYP-JAYAPURA"], weight: 0.5),
    ]

    /// Regencies/cities outside `regions` where some informal workers' NIKs were issued: the
    /// commuter belts of Jakarta and Jambi, and Jawa Barat's regencies on the province's list.
    /// No labour-force row is written for them.
    static let coverageOrigins: [(code: String, name: String, weight: Double)] = [
        ("3201", "Kabupaten Bogor", 1.2), ("3275", "Kota Bekasi", 1.2), ("3276", "Kota Depok", 0.8),
        ("3603", "Kabupaten Tangerang", 1), ("3674", "Kota Tangerang Selatan", 1),
        ("1505", "Kabupaten Muaro Jambi", 0.4),
    ]

    /// The working population of a province outside its generated regencies/cities, as a multiple
    /// of theirs (DKI Jakarta: Kepulauan Seribu; Jawa Barat: everything but Kota Bandung).
    static let restOfProvince: [String: Double] = [
        "31": 0.004, "32": 17, "33": 13, "35": 8.5, "36": 3.2, "15": 3.8, "61": 7.5,
    ]

    /// UMK set by the regency/city (rupiah), written to minimum-wages.csv; UMPs are shipped.
    static let cityMinimumWages: [(String, Int, String)] = [
        ("3273", 2024, "4209309"), ("3273", 2025, "4482914"), ("3273", 2026, "4737678"),
        ("3578", 2024, "4725479"), ("3578", 2025, "4961753"), ("3578", 2026, "5288796"),
        ("3671", 2024, "4760289"), ("3671", 2025, "5069708"), ("3671", 2026, "5399405.63"),
    ]

    /// The UMP and UMK of migration 0003, for the reference computation.
    static let shippedMinimumWages: [(String, Int, String)] = [
        ("31", 2024, "5067381"), ("31", 2025, "5396761"), ("31", 2026, "5729876"),
        ("32", 2024, "2057495"), ("32", 2025, "2191232"), ("32", 2026, "2317601"),
        ("33", 2024, "2036947"), ("33", 2025, "2169348"),
        ("35", 2024, "2165244"), ("35", 2025, "2305984"), ("35", 2026, "2446880.68"),
        ("36", 2024, "2727812"), ("36", 2025, "2905119.90"), ("36", 2026, "3100881.40"),
        ("15", 2024, "3037121"), ("15", 2025, "3234533"), ("15", 2026, "3471497"),
        ("1571", 2025, "3607223"), ("1571", 2026, "3868963"),
        ("61", 2025, "2878286"), ("61", 2026, "3054552"),
        ("6171", 2026, "3205220"),
    ]

    /// KBLI codes with the JKK risk group their work carries.
    static let linesOfBusiness: [(kbli: String, riskGroup: Int, label: String)] = [
        ("47111", 1, "Toko"), ("56101", 2, "Rumah Makan"), ("10792", 3, "Roti"), ("41011", 5, "Konstruksi"),
        ("49431", 4, "Angkutan"), ("62019", 1, "Teknologi"), ("46900", 2, "Niaga"), ("25111", 4, "Logam"),
        ("14111", 3, "Garmen"), ("86103", 2, "Klinik"), ("55110", 2, "Hotel"), ("52101", 3, "Gudang"),
    ]

    static let companyWords = [
        "Maju", "Jaya", "Sentosa", "Makmur", "Abadi", "Sejahtera", "Mandiri", "Berkah", "Karya", "Utama", "Nusantara",
        "Cahaya", "Sinar", "Mulia", "Prima", "Sukses", "Bintang", "Harapan", "Indah", "Lestari", "Perkasa", "Gemilang",
    ]

    static let givenNames = [
        "Siti", "Budi", "Dewi", "Agus", "Rina", "Ahmad", "Putri", "Yohanes", "Ni Luh", "Muhammad", "Andi", "Sri",
        "Eko", "Wahyu", "Fitri", "Dedi", "Nur", "Rizky", "Ayu", "Hendra", "Maria", "Joko", "Lestari", "Bambang",
    ]

    static let familyNames = [
        "Santoso", "Wijaya", "Lestari", "Saputra", "Hidayat", "Kusuma", "Pratama", "Siregar", "Nasution", "Hutapea",
        "Wulandari", "Setiawan", "Gunawan", "Rahmawati", "Simanjuntak", "Sitompul", "Purnomo", "Halim", "Tanjung",
    ]
}
