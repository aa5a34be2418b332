import Foundation
import Hummingbird

@testable import Compliance
@testable import PeriksaWeb

/// The fuzzing harnesses (docs/reliability.md): each takes any bytes and feeds them to one
/// part of Periksa that reads outside input, then checks what must hold whatever the input.
/// A broken promise stops the process (libFuzzer then keeps the input); so does a crash.
/// `periksa-fuzz` runs them under libFuzzer (`make fuzz`) or over saved inputs; the tests run
/// the committed seeds through them.
public enum Harness: String, CaseIterable, Sendable {
    /// The CSV reader over a whole file: the header, every record, every field.
    case csv
    /// Every field rule of the imports: NPP, NPWP, NIK, KPJ, money, dates, periods, text.
    case fields
    /// The web app's form bodies and query strings.
    case web

    /// Runs the harness on one input.
    public func run(_ data: UnsafeRawBufferPointer) {
        switch self {
        case .csv: Self.csv(data)
        case .fields: Self.fields(data)
        case .web: Self.web(data)
        }
    }

    static func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("broken promise: \(message())") }
    }

    /// A message must never show a NIK-like run of 16 digits from the input in full.
    static func checkMasked(_ problem: Problem) {
        for message in [problem.indonesian, problem.english] {
            var run = 0
            for character in message {
                run = character.isASCII && character.isNumber ? run + 1 : 0
                check(run < 16, "16 digits in a row in the message of \(problem.rule)")
            }
        }
    }

    // MARK: - CSV

    private static let folder: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("periksa-fuzz-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }()

    static func csv(_ data: UnsafeRawBufferPointer) {
        let path = folder + "/input.csv"
        guard let file = fopen(path, "wb") else { fatalError("cannot write \(path)") }
        if data.count > 0 { _ = fwrite(data.baseAddress, 1, data.count, file) }
        fclose(file)
        do {
            let reader = try CSVReader(path: path, batchSize: 7)
            guard let header = try reader.readHeader() else { return }
            var records = 0
            while try reader.next() {
                records += 1
                check(reader.line >= 2, "a record before the header's line")
                for index in 0..<min(reader.fieldCount, header.count + 3) {
                    let field = reader.field(index)
                    check(field.count <= data.count, "a field longer than the file")
                }
                check(reader.rawRecord.utf8.count <= data.count * 3, "a raw record longer than the file")
            }
            check(records <= data.count, "more records than bytes")
            check(reader.sha256?.count == 64, "no SHA-256 once the file was read")
        } catch is CSVReaderError {
            // A file the reader refuses, with a message: what a user sees for a bad file.
        } catch {
            fatalError("unexpected error \(error)")
        }
    }

    // MARK: - Fields

    static func fields(_ data: UnsafeRawBufferPointer) {
        let bytes = data.bindMemory(to: UInt8.self)
        let text = String(decoding: bytes, as: UTF8.self)
        func failure<T>(_ result: Result<T, Problem>) -> Problem? {
            if case .failure(let problem) = result { return problem }
            return nil
        }
        var problems: [Problem?] = []
        switch FieldRules.nik(bytes) {
        case .success(let value):
            check(bytes.count == 16 && String(value) == text, "a NIK accepted that is not its 16 digits")
        case .failure(let problem): problems.append(problem)
        }
        switch FieldRules.money(bytes, column: "wage", positive: true, personal: true) {
        case .success(let valid):
            check(valid.count == bytes.count, "money accepted as something else")
            check(FieldRules.cents(valid) > 0, "a positive amount of no cents")
        case .failure(let problem):
            problems.append(problem)
            // A wage is personal: its message names the rule, never the value.
            check(!problem.indonesian.hasPrefix("\""), "a personal amount quoted in its message")
        }
        problems.append(failure(FieldRules.money(bytes, column: "amount", positive: false, personal: false)))
        switch FieldRules.period(bytes) {
        case .success(let period): check((1...12).contains(period.month), "a period with month \(period.month)")
        case .failure(let problem): problems.append(problem)
        }
        switch FieldRules.date(bytes, column: "paid_on") {
        case .success(let date):
            check(
                (1...FieldRules.daysIn(year: date.year, month: date.month)).contains(date.day),
                "a date with day \(date.day)")
        case .failure(let problem): problems.append(problem)
        }
        problems.append(failure(FieldRules.npp(bytes)))
        problems.append(failure(FieldRules.npwp(bytes)))
        problems.append(FieldRules.fixedDigits(bytes, count: 11, column: "kpj", personal: true))
        problems.append(FieldRules.text(bytes, column: "name", maximum: 300))
        problems.append(failure(FieldRules.programs(bytes)))
        problems.append(failure(FieldRules.wholeNumber(bytes, column: "year", range: 2000...2100)))
        problems.append(failure(CoverageFields.regionCode(bytes, column: "region_code")))
        problems.append(failure(CoverageFields.nik(bytes)))
        for problem in problems.compactMap({ $0 }) {
            check(!problem.rule.isEmpty && !problem.indonesian.isEmpty && !problem.english.isEmpty, "an empty message")
            checkMasked(problem)
        }
        _ = Masking.nik(text)
        _ = Masking.name(text)
    }

    // MARK: - Web

    static func web(_ data: UnsafeRawBufferPointer) {
        let text = String(decoding: data.bindMemory(to: UInt8.self), as: UTF8.self)
        let decoder = URLEncodedFormDecoder()
        _ = try? decoder.decode(LoginForm.self, from: text)
        _ = try? decoder.decode(OpenCaseForm.self, from: text)
        _ = try? decoder.decode(CaseEventForm.self, from: text)
        _ = try? decoder.decode(TokenForm.self, from: text)
        let request = Request(
            head: .init(method: .get, scheme: "http", authority: "localhost", path: "/audit-list?" + text),
            body: .init(buffer: ByteBuffer()))
        let query = Query(request)
        if let period = try? query.period("period") {
            check((try? AuditRunner.parsePeriod(period)) != nil, "a period accepted that does not parse")
        }
        if let page = try? query.number("page", in: 1...10_000) { check((1...10_000).contains(page), "page \(page)") }
        _ = try? query.text("q", length: 1...100)
        _ = try? query.format(["html", "csv"])
        _ = try? query.choice("state", ["dibuka", "diperiksa"])
        _ = try? query.optionalPeriod("since")
        _ = Page.language(request)
    }
}
