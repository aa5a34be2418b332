import Foundation

/// A file in a fresh temporary folder, removed when the test is done with it.
public enum TemporaryFile {
    /// Writes `contents` to a new file named `name` and runs `body` with its path.
    public static func with<T>(_ contents: String, name: String = "data.csv", _ body: (String) throws -> T) throws -> T
    {
        try with(bytes: Array(contents.utf8), name: name, body)
    }

    public static func with<T>(bytes: [UInt8], name: String = "data.csv", _ body: (String) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("periksa-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return try body(path)
    }
}
