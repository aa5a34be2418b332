import Foundation

/// Writes a CSV file quickly (a large stdio buffer), quoting fields that need it, and counts
/// the physical lines written so that expected rejections can name them.
final class CSVFileWriter {
    private let file: UnsafeMutablePointer<FILE>
    private(set) var lines = 0

    init(path: String) throws {
        guard let file = fopen(path, "w") else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
        setvbuf(file, nil, _IOFBF, 1 << 20)
        self.file = file
    }

    deinit { fclose(file) }

    /// Writes one record; nil fields are empty.
    func row(_ fields: [String?]) {
        var line = ""
        var breaks = 0
        for (index, field) in fields.enumerated() {
            if index > 0 { line += "," }
            guard let field else { continue }
            // Bytes, not characters: a wage file has tens of millions of fields.
            var special = false
            for byte in field.utf8 where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D {
                special = true
                if byte == 0x0A { breaks += 1 }
            }
            if special {
                line += "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            } else {
                line += field
            }
        }
        line += "\n"
        fputs(line, file)
        lines += 1 + breaks
    }

    /// Writes a line as it is (for deliberately broken rows).
    func raw(_ line: String) {
        fputs(line + "\n", file)
        lines += 1 + line.filter { $0 == "\n" }.count
    }
}
