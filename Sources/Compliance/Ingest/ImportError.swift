import Foundation

/// Why a whole file cannot be imported (exit code 1: nothing was changed).
public enum ImportError: Localized, Sendable {
    case emptyFile(path: String)
    case missingColumns(path: String, columns: [String])
    case duplicateColumn(path: String, column: String)
    case unreadable(path: String, reason: String)
    case recordTooLong(path: String, line: Int)
    /// The stored reasons of a rejected line do not read back (written by Periksa itself).
    case malformedRejection(importID: Int, line: Int)
    /// A value of a file in the findings format (`evaluate --truth`) that is not what it must be.
    case badValue(path: String, line: Int, column: String, expected: String)

    /// The message for the user, in `language`.
    public func message(_ language: Language) -> String {
        switch self {
        case .emptyFile(let path):
            language.text(
                "berkas \(path) kosong: baris pertama harus header",
                "the file \(path) is empty: its first line must be the header")
        case .missingColumns(let path, let columns):
            language.text(
                "berkas \(path): kolom wajib tidak ada di header: \(columns.joined(separator: ", "))",
                "the file \(path): required columns missing from the header: \(columns.joined(separator: ", "))")
        case .duplicateColumn(let path, let column):
            language.text(
                "berkas \(path): kolom \(column) muncul dua kali di header",
                "the file \(path): the column \(column) appears twice in the header")
        case .unreadable(let path, let reason):
            language.text("berkas \(path) tidak dapat dibaca: \(reason)", "cannot read the file \(path): \(reason)")
        case .malformedRejection(let id, let line):
            language.text(
                "alasan penolakan baris \(Formatting.count(line, language)) impor #\(id) tidak terbaca di basis data",
                "the reasons kept for line \(Formatting.count(line, language)) of import #\(id) do not read back")
        case .badValue(let path, let line, let column, let expected):
            language.text(
                "berkas \(path), baris \(Formatting.count(line, language)), kolom \(column): harus \(expected)",
                "the file \(path), line \(Formatting.count(line, language)), column \(column): must be \(expected)")
        case .recordTooLong(let path, let line):
            language.text(
                "berkas \(path), baris \(Formatting.count(line, language)): satu catatan lebih dari 16 MiB, kemungkinan tanda kutip yang tidak ditutup",
                "the file \(path), line \(Formatting.count(line, language)): one record is longer than 16 MiB, probably an unclosed quote"
            )
        }
    }

    init(_ error: CSVReaderError) {
        switch error {
        case .cannotOpen(let path, let reason), .cannotRead(let path, let reason):
            self = .unreadable(path: path, reason: reason)
        case .recordTooLong(let path, let line): self = .recordTooLong(path: path, line: line)
        }
    }
}
