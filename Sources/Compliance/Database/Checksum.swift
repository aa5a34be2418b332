import Crypto
import Foundation

/// SHA-256 as lower-case hex, the one implementation: migrations and view files (whether they
/// changed), imported files (whether one was imported before), the rules' version of a run.
enum Checksum {
    static func sha256(_ data: Data) -> String { hex(SHA256.hash(data: data)) }

    static func sha256(_ text: String) -> String { sha256(Data(text.utf8)) }

    /// The digest of an incremental hash.
    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
