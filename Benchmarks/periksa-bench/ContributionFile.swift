import Foundation

/// A contribution-shaped CSV file (npp, period, kpj, nik, name, wage), generated once and
/// reused: the same bytes for every contender.
enum ContributionFile {
    static let names = [
        "Siti Nurhaliza", "Budi Santoso", "Dewi \"Ayu\" Lestari", "Agus Salim, S.E.", "Rina Wulandari",
        "Ahmad Fauzi", "Putri Maharani", "Yohanes Kristanto", "Ni Luh Putu Ayu", "Muhammad Rizky",
    ]

    /// Writes the file if it is not there yet (or has another row count) and returns its path.
    static func ensure(rows: Int, folder: String) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = "\(folder)/contributions-\(rows).csv"
        if FileManager.default.fileExists(atPath: path) { return path }
        FileHandle.standardError.write(Data("generating \(path)…\n".utf8))
        let temporary = path + ".partial"
        guard let file = fopen(temporary, "w") else { throw CocoaError(.fileWriteUnknown) }
        var generator = SplitMix64(seed: 2025)
        fputs("npp,period,kpj,nik,name,wage\n", file)
        for index in 0..<rows {
            let employer = index / 18
            let npp = "JJ" + String(employer, radix: 36).uppercased().leftPadded(to: 6)
            let kpj = String(10_000_000_000 + index)
            let day = Int(generator.next() % 28) + 1 + (generator.next() % 2 == 0 ? 40 : 0)
            let nik =
                "3171"
                + String(
                    format: "%02d%02d%02d%02d", Int(generator.next() % 10) + 1, day, Int(generator.next() % 12) + 1,
                    70 + Int(generator.next() % 30))
                + String(format: "%04d", Int(generator.next() % 9999) + 1)
            let name = names[Int(generator.next() % UInt64(names.count))]
            let quoted =
                name.contains(",") || name.contains("\"")
                ? "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : name
            let wage = 4_500_000 + Int(generator.next() % 6_000_000)
            let cents = generator.next() % 4 == 0 ? String(format: ".%02d", Int(generator.next() % 100)) : ""
            fputs("\(npp),2025-06,\(kpj),\(nik),\(quoted),\(wage)\(cents)\n", file)
        }
        fclose(file)
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
        return path
    }
}

/// A small deterministic random generator (same seed, same file).
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
