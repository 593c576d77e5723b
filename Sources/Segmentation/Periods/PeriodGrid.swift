public import ClientBaseCore

/// Consecutive periods of equal length — a number of days or of calendar months — over which
/// a measure is bucketed (the sub-periods of an XYZ analysis).
///
/// Period *i* starts at ``start`` plus *i* lengths and ends the day before period *i + 1*
/// starts. Month lengths follow `Day.adding(months:)`: a grid starting on the 1st has calendar
/// months as periods.
///
/// ```swift
/// // The 12 calendar months before the month of `asOf`.
/// let grid = try PeriodGrid.trailingMonths(12, before: asOf)
/// ```
public struct PeriodGrid: Hashable, Sendable, Codable {
  /// The length of one period.
  public enum Length: Hashable, Sendable, Codable {
    /// A fixed number of days, at least 1.
    case days(Int)
    /// A number of months, at least 1; days of the month clamp as in `Day.adding(months:)`.
    case months(Int)
  }

  /// The first day of the first period.
  public let start: Day
  /// The length of each period.
  public let length: Length
  /// The number of periods, at least 1.
  public let count: Int

  /// Creates a grid.
  ///
  /// - Parameters:
  ///   - start: The first day of the first period.
  ///   - length: The length of each period.
  ///   - count: The number of periods.
  /// - Throws: ``SegmentationError/invalidParameter(_:reason:)`` when the length or the
  ///   count is below 1, or the grid runs past the last representable day.
  public init(start: Day, length: Length, count: Int) throws(SegmentationError) {
    guard count >= 1, count <= 1_000_000 else {
      throw .invalidParameter("count", reason: "must be in 1...1,000,000, got \(count)")
    }
    switch length {
    case .days(let days):
      guard days >= 1, days <= 1_000_000 else {
        throw .invalidParameter("length", reason: "days must be in 1...1,000,000, got \(days)")
      }
    case .months(let months):
      guard months >= 1, months <= 12_000 else {
        throw .invalidParameter("length", reason: "months must be in 1...12,000, got \(months)")
      }
    }
    self.start = start
    self.length = length
    self.count = count
    guard firstDay(ofPeriod: count) < Day.max, firstDay(ofPeriod: count) > start else {
      throw .invalidParameter("start", reason: "the grid runs past the last representable day")
    }
  }

  private enum CodingKeys: String, CodingKey {
    case start, length, count
  }

  /// Decodes a grid and checks it as ``init(start:length:count:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``SegmentationError``
  ///   text when the fields fail the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let start = try container.decode(Day.self, forKey: .start)
    let length = try container.decode(Length.self, forKey: .length)
    let count = try container.decode(Int.self, forKey: .count)
    self = try SegmentationError.checkedDecoding(decoder) { () throws(SegmentationError) in
      try PeriodGrid(start: start, length: length, count: count)
    }
  }

  /// The `count` whole calendar months before the month that contains `day`.
  ///
  /// - Parameters:
  ///   - count: The number of months.
  ///   - day: A day in the first month after the grid (the as-of day).
  /// - Returns: The grid.
  /// - Throws: ``SegmentationError/invalidParameter(_:reason:)`` as ``init(start:length:count:)``.
  public static func trailingMonths(_ count: Int, before day: Day) throws(SegmentationError)
    -> PeriodGrid
  {
    guard count >= 1, count <= 1_000_000 else {
      throw .invalidParameter("count", reason: "must be in 1...1,000,000, got \(count)")
    }
    return try PeriodGrid(
      start: day.startOfMonth.adding(months: -count), length: .months(1), count: count)
  }

  /// `count` periods of `length` days ending the day before `day`.
  ///
  /// - Parameters:
  ///   - count: The number of periods.
  ///   - length: Days per period; 1 by default (then ``days`` is "the last `count` days").
  ///   - day: The first day after the grid (the as-of day).
  /// - Returns: The grid.
  /// - Throws: ``SegmentationError/invalidParameter(_:reason:)`` as ``init(start:length:count:)``.
  public static func trailingDays(_ count: Int, length: Int = 1, before day: Day)
    throws(SegmentationError) -> PeriodGrid
  {
    guard count >= 1, count <= 1_000_000, length >= 1, length <= 1_000_000 else {
      throw .invalidParameter("count", reason: "count and length must be in 1...1,000,000")
    }
    return try PeriodGrid(
      start: day.adding(days: -count * length), length: .days(length), count: count)
  }

  /// The first day of period `index` (`count` gives the first day after the grid).
  ///
  /// - Parameter index: A period, `0...count`.
  /// - Returns: Its first day.
  public func firstDay(ofPeriod index: Int) -> Day {
    switch length {
    case .days(let days): return start.adding(days: index * days)
    case .months(let months): return start.adding(months: index * months)
    }
  }

  /// Every day the grid covers, both ends included.
  public var days: ClosedRange<Day> {
    start...firstDay(ofPeriod: count).adding(days: -1)
  }

  /// The first day of every period and the first day after the grid: `count + 1` days.
  func boundaries() -> ContiguousArray<Int32> {
    ContiguousArray((0...count).map { firstDay(ofPeriod: $0).daysSince1970 })
  }
}
