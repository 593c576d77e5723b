/// New clients per characteristic period over the recent past, counted from their first
/// purchase days: the measured acquisition rate of a base.
///
/// The periods end on the as-of day and run back one period each (a period of 30.4 days
/// ends on days rounded to whole days); a client is new in the period that holds its first
/// purchase day.
///
/// ```swift
/// let history = try AcquisitionHistory(table: table, asOf: asOf, period: period, periods: 12)
/// history.newClients      // oldest period first
/// history.meanPerPeriod   // 18.4
/// ```
public struct AcquisitionHistory: Hashable, Sendable {
  /// The most periods looked back.
  public static let maximumPeriods = 10_000

  /// The day the last period ends on.
  public let asOf: Day
  /// The period in days.
  public let periodDays: Double
  /// The last day of each period, oldest first.
  public let periodEnds: [Day]
  /// New clients in each period, oldest first.
  public let newClients: [Int]

  /// Counts the clients of a table by the period of their first purchase day.
  ///
  /// Clients whose first purchase day is after `asOf`, or before the first period, are not
  /// counted.
  ///
  /// - Parameters:
  ///   - table: The base's per-client summary.
  ///   - asOf: The day the last period ends on.
  ///   - period: The characteristic period.
  ///   - periods: How many periods to look back, 1 to ``maximumPeriods``.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a count of periods out of
  ///   range, or periods that reach before the first representable day.
  /// - Complexity: O(*n* log *k*) for *n* clients and *k* periods.
  public init<ID>(table: ClientTable<ID>, asOf: Day, period: CharacteristicPeriod, periods: Int)
    throws(GrowthError)
  {
    guard periods >= 1, periods <= Self.maximumPeriods else {
      throw .invalidParameter(
        "periods", reason: "must be within 1...\(Self.maximumPeriods), got \(periods)")
    }
    // offsets[j] = days back from asOf to the end of the period j periods before the last.
    let offsets = (0...periods).map { Int((Double($0) * period.days).rounded()) }
    let end = Int(asOf.daysSince1970)
    guard end - offsets[periods] >= Int(Int32.min) else {
      throw .invalidParameter(
        "periods", reason: "\(periods) periods of \(period.days) days reach before the first day")
    }
    var counts = [Int](repeating: 0, count: periods)
    for first in table.firstDays {
      let back = end - Int(first.daysSince1970)
      guard back >= 0, back < offsets[periods] else { continue }
      // The j with offsets[j] <= back < offsets[j + 1].
      var low = 0
      var high = periods
      while high - low > 1 {
        let middle = (low + high) / 2
        if offsets[middle] <= back { low = middle } else { high = middle }
      }
      counts[periods - 1 - low] += 1
    }
    self.asOf = asOf
    self.periodDays = period.days
    self.periodEnds = (0..<periods).reversed().map {
      Day(daysSince1970: Int32(truncatingIfNeeded: end - offsets[$0]))
    }
    self.newClients = counts
  }

  /// The mean new clients per period.
  public var meanPerPeriod: Double {
    Double(newClients.reduce(0, +)) / Double(newClients.count)
  }

  /// "the mean of 12 periods to 2026-10-31 (14 to 23 new clients a period)".
  public var basis: String {
    let low = newClients.min() ?? 0
    let high = newClients.max() ?? 0
    let count = newClients.count
    return "the mean of \(count == 1 ? "1 period" : "\(NumberText.grouped(count)) periods") "
      + "to \(asOf.iso8601) (\(NumberText.grouped(low)) to \(NumberText.grouped(high)) new "
      + "clients a period)"
  }
}
