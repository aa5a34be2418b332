import Foundation

/// Buffered stdout for long outputs.
final class OutputBuffer {
    private var buffer = ""

    func write(_ text: String) {
        buffer += text
        if buffer.utf8.count > 1 << 16 { flush() }
    }

    func flush() {
        FileHandle.standardOutput.write(Data(buffer.utf8))
        buffer = ""
    }
}
