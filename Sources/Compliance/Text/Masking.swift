import Foundation

/// Personal data as Periksa shows it unless the reader is entitled (UU 27/2022): masked, by
/// one rule everywhere (import messages, the command line, reports). `analytics.mask_nik` in
/// SQL masks the stored NIKs (always 16 digits) the same way.
public enum Masking {
    /// A NIK or another personal identifier: `3171********0001` for a NIK (the region, 4
    /// digits, and the serial, 4, stay; the birth date goes). A shorter value keeps its first 4
    /// and last 2 characters (`1111****11`), one of 6 or fewer is all stars.
    public static func nik(_ value: String) -> String {
        var value = value
        // NIKs, KPJs and the values quoted in an import's messages are ASCII: masked byte by
        // byte (the same result as by characters, at a fraction of the cost).
        if let ascii = value.withUTF8({ bytes -> String? in
            // (CR LF is one character: not this path.)
            guard bytes.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
            let count = bytes.count
            let kept = count >= 16 ? 4 : count > 6 ? 2 : 0
            return String(unsafeUninitializedCapacity: count) { out in
                for index in 0..<count {
                    out[index] = kept > 0 && (index < 4 || index >= count - kept) ? bytes[index] : UInt8(ascii: "*")
                }
                return count
            }
        }) {
            return ascii
        }
        let characters = Array(value)
        let kept = characters.count >= 16 ? 4 : characters.count > 6 ? 2 : 0
        guard kept > 0 else { return String(repeating: "*", count: characters.count) }
        return String(characters.prefix(4)) + String(repeating: "*", count: characters.count - 4 - kept)
            + String(characters.suffix(kept))
    }

    /// `S*** N***`: the first letter of each word.
    public static func name(_ name: String) -> String {
        name.split(separator: " ").map { word in (word.first.map(String.init) ?? "") + "***" }.joined(separator: " ")
    }
}
