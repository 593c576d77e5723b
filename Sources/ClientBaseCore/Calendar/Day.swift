/// A civil date in the proleptic Gregorian calendar, stored as days since 1970-01-01.
///
/// `Day` carries no time of day and no time zone: the host turns its timestamps into days at
/// its own edge, in the zone its business runs in. Everything inside ClientBase counts whole
/// days.
///
/// ```swift
/// let day = try Day(year: 2024, month: 2, day: 29)
/// day.weekday                 // .thursday
/// day.adding(months: 12)      // 2025-02-28 (clamped to the month's end)
/// try Day(iso8601: "2024-02-29") == day   // true
/// ```
///
/// Every `Int32` value is a valid day (about ±5.8 million years); ISO-8601 text covers the
/// years 0000 to 9999, and ``description`` uses the expanded `±YYYYY-MM-DD` form beyond them.
public struct Day: Hashable, Comparable, Sendable {
  /// Days since 1970-01-01 (negative before it).
  public var daysSince1970: Int32

  /// Creates a day from a count of days since 1970-01-01.
  ///
  /// - Parameter daysSince1970: The count of days; 0 is 1970-01-01.
  @inlinable
  public init(daysSince1970: Int32) {
    self.daysSince1970 = daysSince1970
  }

  /// Creates a day from a year, a month and a day of the month, validating each.
  ///
  /// - Parameters:
  ///   - year: The year; 0 is 1 BC, as in ISO 8601.
  ///   - month: The month, 1 to 12.
  ///   - day: The day of the month, 1 to the month's length.
  /// - Throws: ``DayError/invalidDate(year:month:day:)`` when the month or day does not
  ///   exist, ``DayError/outOfRange(year:)`` when the date lies beyond what `Int32` days hold.
  public init(year: Int, month: Int, day: Int) throws(DayError) {
    guard (1...12).contains(month), day >= 1, day <= Day.length(ofMonth: month, year: year)
    else { throw .invalidDate(year: year, month: month, day: day) }
    guard abs(year) <= 6_000_000 else { throw .outOfRange(year: year) }
    let count = Day.daysFromCivil(year: Int64(year), month: Int64(month), day: Int64(day))
    guard let value = Int32(exactly: count) else { throw .outOfRange(year: year) }
    self.daysSince1970 = value
  }

  /// The earliest representable day.
  public static let min = Day(daysSince1970: .min)
  /// The latest representable day.
  public static let max = Day(daysSince1970: .max)
  /// 1970-01-01.
  public static let epoch = Day(daysSince1970: 0)

  /// Whether `lhs` is earlier than `rhs`.
  @inlinable
  public static func < (lhs: Day, rhs: Day) -> Bool {
    lhs.daysSince1970 < rhs.daysSince1970
  }
}

// MARK: - Civil calendar arithmetic

extension Day {
  /// Whether `year` is a leap year in the proleptic Gregorian calendar.
  ///
  /// - Parameter year: The year; 0 (1 BC) is a leap year.
  /// - Returns: `true` for years divisible by 4, except centuries not divisible by 400.
  @inlinable
  public static func isLeapYear(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
  }

  /// The number of days in a month of a year.
  ///
  /// - Parameters:
  ///   - month: The month, 1 to 12.
  ///   - year: The year.
  /// - Returns: 28 to 31, or 0 when `month` is not 1 to 12.
  @inlinable
  public static func length(ofMonth month: Int, year: Int) -> Int {
    switch month {
    case 1, 3, 5, 7, 8, 10, 12: return 31
    case 4, 6, 9, 11: return 30
    case 2: return isLeapYear(year) ? 29 : 28
    default: return 0
    }
  }

  // Howard Hinnant's days-from-civil algorithm, exact for the whole proleptic calendar.
  @usableFromInline
  static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  @usableFromInline
  static func civil(fromDays days: Int64) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
    return (Int(y), Int(m), Int(d))
  }

  /// The year, month and day of the month, computed together.
  public var components: (year: Int, month: Int, day: Int) {
    Day.civil(fromDays: Int64(daysSince1970))
  }

  /// The year (0 is 1 BC).
  public var year: Int { components.year }
  /// The month, 1 to 12.
  public var month: Int { components.month }
  /// The day of the month, 1 to 31.
  public var dayOfMonth: Int { components.day }

  /// The day of the week.
  public var weekday: Weekday {
    // 1970-01-01 was a Thursday; ISO numbers Monday 1 … Sunday 7.
    let index = (Int64(daysSince1970) % 7 + 7 + 3) % 7  // 0 = Monday
    return Weekday(rawValue: Int(index) + 1)!
  }

  /// The day of the year, 1 to 366.
  public var ordinalDay: Int {
    let c = components
    let jan1 = Day.daysFromCivil(year: Int64(c.year), month: 1, day: 1)
    return Int(Int64(daysSince1970) - jan1) + 1
  }

  /// This day's month and day, for anniversaries and birthdays.
  public var monthDay: MonthDay {
    let c = components
    return MonthDay(uncheckedMonth: c.month, day: c.day)
  }

  /// The day `count` days later (earlier when negative), saturating at ``min`` and ``max``.
  ///
  /// - Parameter count: The number of days to add.
  /// - Returns: The shifted day.
  @inlinable
  public func adding(days count: Int) -> Day {
    // Any shift beyond 2³³ days saturates anyway; clamping first keeps the sum from overflowing.
    let shift = Swift.min(Swift.max(Int64(clamping: count), -(1 << 33)), 1 << 33)
    let sum = Int64(daysSince1970) + shift
    return Day(daysSince1970: Int32(clamping: sum))
  }

  /// The same day of the month `count` months later (earlier when negative), clamped to the
  /// last day of a shorter month.
  ///
  /// 31 January plus one month is 28 or 29 February; 29 February 2024 plus twelve months is
  /// 28 February 2025. The result saturates at ``min`` and ``max``.
  ///
  /// - Parameter count: The number of months to add.
  /// - Returns: The shifted day.
  public func adding(months count: Int) -> Day {
    let c = components
    let monthIndex =
      Int64(c.year) * 12 + Int64(c.month - 1)
      + Int64(clamping: count)
      .clampedForMonths
    let year = monthIndex >= 0 ? monthIndex / 12 : (monthIndex - 11) / 12
    let month = Int(monthIndex - year * 12) + 1
    guard abs(year) <= 6_000_000 else { return count > 0 ? .max : .min }
    let day = Swift.min(c.day, Day.length(ofMonth: month, year: Int(year)))
    let days = Day.daysFromCivil(year: year, month: Int64(month), day: Int64(day))
    return Day(daysSince1970: Int32(clamping: days))
  }

  /// The same month and day `count` years later, with 29 February becoming 28 February in a
  /// year that is not a leap year.
  ///
  /// - Parameter count: The number of years to add.
  /// - Returns: The shifted day.
  public func adding(years count: Int) -> Day {
    adding(months: Int(clamping: Int64(clamping: count).clampedForMonths * 12))
  }

  /// The first day of this day's month.
  public var startOfMonth: Day {
    adding(days: 1 - dayOfMonth)
  }

  /// Whole days from this day to `other` (negative when `other` is earlier).
  ///
  /// - Parameter other: The later day.
  /// - Returns: `other − self` in days.
  @inlinable
  public func days(to other: Day) -> Int {
    Int(other.daysSince1970) - Int(daysSince1970)
  }
}

extension Int64 {
  // Keeps month arithmetic far from overflow; anything this large saturates anyway.
  @usableFromInline
  var clampedForMonths: Int64 { Swift.min(Swift.max(self, -100_000_000), 100_000_000) }
}

extension Day: Strideable {
  /// Whole days from this day to `other`.
  ///
  /// - Parameter other: Another day.
  /// - Returns: `other − self` in days.
  @inlinable
  public func distance(to other: Day) -> Int { days(to: other) }

  /// The day `n` days away, saturating at ``min`` and ``max``.
  ///
  /// - Parameter n: Days to add.
  /// - Returns: The shifted day.
  @inlinable
  public func advanced(by n: Int) -> Day { adding(days: n) }
}

/// A day of the week, numbered as in ISO 8601 (Monday is 1).
public enum Weekday: Int, CaseIterable, Hashable, Sendable, Codable {
  /// Monday, ISO day 1.
  case monday = 1
  /// Tuesday.
  case tuesday
  /// Wednesday.
  case wednesday
  /// Thursday.
  case thursday
  /// Friday.
  case friday
  /// Saturday.
  case saturday
  /// Sunday, ISO day 7.
  case sunday

  /// Whether the day is Saturday or Sunday.
  public var isWeekend: Bool { self == .saturday || self == .sunday }
}
