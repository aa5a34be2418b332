import Foundation
import Postgres

extension Connection {
    /// Sends the whole of a temporary file written in the format `query` names (a spool of the
    /// import: rejections, returning lines, sums per employer-month) through it, from its start.
    @discardableResult
    func copyIn(_ query: PostgresQuery, spooled file: UnsafeMutablePointer<FILE>) throws -> Int {
        fflush(file)
        rewind(file)
        return try copyIn(query) { writer in
            var buffer = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let count = fread(&buffer, 1, buffer.count, file)
                if count == 0 { break }
                try writer.write(bytes: buffer[0..<count])
            }
        }
    }
}
