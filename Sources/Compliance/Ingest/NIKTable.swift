/// The NIKs of one employer-period seen so far, each with the line it was first seen on: an
/// open-addressing table specialised for NIKs (16-digit numbers, never 0, so 0 marks an empty
/// slot), without the generic hashing of a dictionary: the duplicate check runs for every row
/// of a wage file.
struct NIKTable {
    private var keys: [UInt64]
    private var lines: [Int32]
    private var shift: UInt64
    private(set) var count = 0

    init() {
        keys = Array(repeating: 0, count: 8)
        lines = Array(repeating: 0, count: 8)
        shift = 61
    }

    /// Records `nik` first seen on `line`; returns the earlier line when it was already there
    /// (keeping that one).
    @inline(__always)
    mutating func insert(_ nik: UInt64, line: Int32) -> Int32? {
        if (count + 1) * 2 > keys.count { grow() }
        let mask = keys.count - 1
        var index = Int(truncatingIfNeeded: (nik &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let key = keys[index]
            if key == 0 {
                keys[index] = nik
                lines[index] = line
                count += 1
                return nil
            }
            if key == nik { return lines[index] }
            index = (index + 1) & mask
        }
    }

    private mutating func grow() {
        let oldKeys = keys
        let oldLines = lines
        keys = Array(repeating: 0, count: oldKeys.count * 2)
        lines = Array(repeating: 0, count: oldKeys.count * 2)
        shift -= 1
        count = 0
        for (index, key) in oldKeys.enumerated() where key != 0 { _ = insert(key, line: oldLines[index]) }
    }
}
