/// The unit of time in which buy-till-you-die inputs and horizons are expressed.
public enum TimeUnit: String, Hashable, Sendable, Codable, CaseIterable {
  /// One day.
  case day
  /// Seven days; a day is 1/7 week, so weeks are fractional.
  case week

  /// The unit's length in days.
  @inlinable
  public var lengthInDays: Double {
    switch self {
    case .day: return 1
    case .week: return 7
    }
  }

  /// A number of whole days in this unit.
  ///
  /// - Parameter days: The number of days.
  /// - Returns: `days` divided by the unit's length.
  @inlinable
  public func amount(ofDays days: Int32) -> Double {
    Double(days) / lengthInDays
  }
}
