import Foundation
import FuzzHarness

// `periksa-fuzz HARNESS [libFuzzer options] [CORPUS…]` under libFuzzer (built by `make fuzz`
// with -DFUZZING and the sanitizers), or `periksa-fuzz HARNESS FILE|FOLDER…` in a plain
// build: each saved input run once (a crash stops it), for replaying what a fuzzer found.

typealias TestOneInput = @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32

#if FUZZING
    @_silgen_name("LLVMFuzzerRunDriver")
    func runDriver(
        _ argc: UnsafeMutablePointer<Int32>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
        _ callback: TestOneInput
    ) -> Int32
#endif

nonisolated(unsafe) var chosen = Harness.csv

let arguments = CommandLine.arguments
guard arguments.count >= 2, let harness = Harness(rawValue: arguments[1]) else {
    FileHandle.standardError.write(
        Data(
            "usage: periksa-fuzz \(Harness.allCases.map(\.rawValue).joined(separator: "|")) [options] [corpus…]\n".utf8)
    )
    exit(2)
}
chosen = harness

#if FUZZING
    // libFuzzer reads the options after the harness's name.
    var argc = CommandLine.argc - 1
    var argv = CommandLine.unsafeArgv
    argv[1] = argv[0]
    var shifted = argv.advanced(by: 1)
    exit(
        runDriver(&argc, &shifted) { data, size in
            chosen.run(UnsafeRawBufferPointer(start: data, count: size))
            return 0
        })
#else
    var inputs = 0
    for path in arguments.dropFirst(2) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            FileHandle.standardError.write(Data("periksa-fuzz: no such file \(path)\n".utf8))
            exit(2)
        }
        let files =
            isFolder.boolValue
            ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted().map { path + "/" + $0 }
            : [path]
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            data.withUnsafeBytes { harness.run($0) }
            inputs += 1
        }
    }
    print("\(harness.rawValue): \(inputs) inputs, no crash")
#endif
