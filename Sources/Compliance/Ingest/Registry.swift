import Foundation
import Postgres

/// The registry's NPPs, for the kinds whose rows must name a registered employer.
enum Registry {
    static func npps(on connection: Connection) throws -> Set<String> {
        var registry: Set<String> = []
        try connection.stream("select npp from periksa.employers") {
            registry.insert(try $0.decode(String.self, at: 0))
        }
        return registry
    }

    /// The normalised NPP of a row that must name a registered employer, or nil with the
    /// problems added.
    static func registeredNPP(_ bytes: UnsafeBufferPointer<UInt8>, in registry: Set<String>, problems: inout [Problem])
        -> String?
    {
        guard !bytes.isEmpty else {
            problems.append(Fields.required("npp"))
            return nil
        }
        switch FieldRules.npp(bytes) {
        case .success(let npp):
            guard registry.contains(npp) else {
                problems.append(
                    FieldRules.problem(
                        "npp", "npp_unregistered",
                        "NPP \"\(npp)\" tidak ada di registri pemberi kerja (impor employers lebih dahulu)",
                        "NPP \"\(npp)\" is not in the employer registry (import employers first)"))
                return npp
            }
            return npp
        case .failure(let problem):
            problems.append(problem)
            return nil
        }
    }
}
