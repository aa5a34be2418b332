import Foundation
import Postgres

/// The deadlines of the enforcement steps after a finding (PP 86/2013 art. 6–8): written
/// warning I, at most 10 working days; written warning II, 10 more; then the administrative
/// fine and the withholding of public services (TMP2T). Working days are Monday to Friday
/// except the national holidays and cuti bersama of `periksa.holidays`.
public struct EnforcementSchedule: Sendable {
    /// The day written warning I is issued.
    public var start: Date
    /// The last day of warning I: 10 working days after `start`.
    public var warningOneEnds: Date
    /// The last day of warning II: 10 working days after warning I ends.
    public var warningTwoEnds: Date
    /// The last year `periksa.holidays` covers (nil: none): a deadline past it counts every
    /// weekday as a working day and may come too early.
    public var holidaysKnownThrough: Int?
    /// The holidays on weekdays the two warnings skip.
    public var holidays: [(day: Date, name: String)]

    /// Whether a deadline falls in a year the holiday list does not cover.
    public var isUncertain: Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let known = holidaysKnownThrough else { return true }
        return calendar.component(.year, from: warningTwoEnds) > known
    }

    /// The working days allowed for each written warning (PP 86/2013 art. 6).
    public static let warningWorkingDays = 10

    /// The schedule when warning I is issued on `start` (a day, midnight UTC).
    public static func load(start: Date, connection: Connection) throws -> EnforcementSchedule {
        let days = warningWorkingDays
        guard
            let row = try connection.queryFirst(
                """
                with s as (select (\(start) at time zone 'UTC')::date as day)
                select periksa.add_working_days(s.day, \(days)::integer),
                       periksa.add_working_days(periksa.add_working_days(s.day, \(days)::integer), \(days)::integer),
                       (select extract(year from max(day))::integer from periksa.holidays)
                from s
                """)
        else { throw AuditError.badDate("") }
        let (one, two, known) = try row.decode((Date, Date, Int?).self)
        var holidays: [(day: Date, name: String)] = []
        try connection.stream(
            """
            select day, name from periksa.holidays
            where day > (\(start) at time zone 'UTC')::date and day <= (\(two) at time zone 'UTC')::date and extract(isodow from day) < 6
            order by day
            """
        ) { row in
            let (day, name) = try row.decode((Date, String).self)
            holidays.append((day, name))
        }
        return EnforcementSchedule(
            start: start, warningOneEnds: one, warningTwoEnds: two, holidaysKnownThrough: known, holidays: holidays)
    }
}
