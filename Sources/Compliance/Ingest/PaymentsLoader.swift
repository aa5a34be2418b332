import Foundation
import Postgres

/// KIND `payments`: appended; every file is a batch of transactions.
final class PaymentsLoader: KindLoader {
    private var registry: Set<String> = []
    private var writer: CopyWriter?
    private var columns: ColumnMap!

    func begin(_ session: ImportSession, columns: ColumnMap) throws {
        self.columns = columns
        registry = try Registry.npps(on: session.connection)
        writer = try session.connection.startCopy(
            "copy periksa.payments (npp, period, paid_on, amount, import_id) from stdin")
    }

    func process(_ reader: CSVReader, _ session: ImportSession) throws -> RecordOutcome {
        let field = Fields(reader: reader, columns: columns)
        var problems: [Problem] = []
        let npp = Registry.registeredNPP(field("npp"), in: registry, problems: &problems)
        var period: (year: Int, month: Int)?
        if field("period").isEmpty {
            problems.append(Fields.required("period"))
        } else {
            switch FieldRules.period(field("period")) {
            case .success(let value): period = value
            case .failure(let problem): problems.append(problem)
            }
        }
        if field("paid_on").isEmpty {
            problems.append(Fields.required("paid_on"))
        } else if case .failure(let problem) = FieldRules.date(field("paid_on"), column: "paid_on") {
            problems.append(problem)
        }
        if field("amount").isEmpty {
            problems.append(Fields.required("amount"))
        } else if case .failure(let problem) = FieldRules.money(
            field("amount"), column: "amount", positive: true, personal: false)
        {
            problems.append(problem)
        }
        guard problems.isEmpty, let npp, let period, let writer else { return .rejected(problems) }
        guard session.shouldWrite else { return .accepted }
        writer.appendField(npp)
        writer.appendField(FieldRules.firstDay(period))
        writer.appendField(field("paid_on"))
        writer.appendField(field("amount"))
        writer.appendField(String(session.importID))
        try writer.endRow()
        return .accepted
    }

    func end(_ session: ImportSession) throws {
        if session.shouldWrite { try writer?.finish() } else { writer?.abort() }
    }
}
