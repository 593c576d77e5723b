/// A month and day of the month without a year: a birthday, an anniversary, a holiday.
///
/// ``occurrence(inYear:)`` places it in a given year; 29 February falls on 28 February in a
/// year that is not a leap year, so a client born on a leap day is still greeted every year.
///
/// ```swift
/// let birthday = try MonthDay(month: 2, day: 29)
/// birthday.occurrence(inYear: 2025)   // 2025-02-28
/// birthday.nextOccurrence(onOrAfter: try Day(iso8601: "2025-03-01"))  // 2026-02-28
/// ```
public struct MonthDay: Hashable, Comparable, Sendable, Codable {
  /// The month, 1 to 12.
  public let month: Int
  /// The day of the month, 1 to 31 (29 allowed for February).
  public let day: Int

  /// Creates a month-day, validating it against a leap year.
  ///
  /// - Parameters:
  ///   - month: The month, 1 to 12.
  ///   - day: The day; 29 February is allowed.
  /// - Throws: ``DayError/invalidDate(year:month:day:)`` (with year 0) when no leap year has
  ///   that date.
  public init(month: Int, day: Int) throws(DayError) {
    guard (1...12).contains(month), day >= 1, day <= Day.length(ofMonth: month, year: 2000)
    else { throw .invalidDate(year: 0, month: month, day: day) }
    self.month = month
    self.day = day
  }

  @usableFromInline
  init(uncheckedMonth month: Int, day: Int) {
    self.month = month
    self.day = day
  }

  /// The day this month-day falls on in `year`; 29 February becomes 28 February in a year
  /// that is not a leap year.
  ///
  /// - Parameter year: The year.
  /// - Returns: The day, saturating at ``Day/min`` and ``Day/max`` for extreme years.
  public func occurrence(inYear year: Int) -> Day {
    let clampedYear = Int64(Swift.min(Swift.max(year, -6_000_000), 6_000_000))
    let d = Swift.min(day, Day.length(ofMonth: month, year: Int(clampedYear)))
    return Day(
      daysSince1970: Int32(
        clamping: Day.daysFromCivil(year: clampedYear, month: Int64(month), day: Int64(d))))
  }

  /// The first occurrence on or after `day`.
  ///
  /// - Parameter day: The day to start from.
  /// - Returns: This year's occurrence when it has not passed, else next year's.
  public func nextOccurrence(onOrAfter day: Day) -> Day {
    let year = day.year
    let thisYear = occurrence(inYear: year)
    return thisYear >= day ? thisYear : occurrence(inYear: year + 1)
  }

  /// Orders by month, then day.
  public static func < (lhs: MonthDay, rhs: MonthDay) -> Bool {
    (lhs.month, lhs.day) < (rhs.month, rhs.day)
  }
}

extension MonthDay: CustomStringConvertible {
  /// `--MM-DD`, the ISO 8601 form of a month and day.
  public var description: String {
    "--" + twoDigits(month) + "-" + twoDigits(day)
  }
}

func twoDigits(_ value: Int) -> String {
  value < 10 ? "0\(value)" : "\(value)"
}
