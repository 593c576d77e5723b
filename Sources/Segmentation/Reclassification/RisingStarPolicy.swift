/// A client's recent trend, projected ahead, that carries them into a higher class.
public struct RisingStarProjection: Hashable, Codable, Sendable {
  /// The latest value of the measure.
  public var current: Double
  /// The trend, in measure units per period.
  public var slopePerPeriod: Double
  /// The value the trend reaches ``periodsAhead`` periods from now.
  public var projected: Double
  /// How far ahead the projection looks, in periods.
  public var periodsAhead: Int

  /// Creates a projection.
  ///
  /// - Parameters:
  ///   - current: The latest value.
  ///   - slopePerPeriod: The trend per period.
  ///   - projected: The projected value.
  ///   - periodsAhead: The horizon in periods.
  public init(current: Double, slopePerPeriod: Double, projected: Double, periodsAhead: Int) {
    self.current = current
    self.slopePerPeriod = slopePerPeriod
    self.projected = projected
    self.periodsAhead = periodsAhead
  }
}

/// Decides whether a client below a class's entry threshold is trending into it.
///
/// Conformers must guarantee: a projection only when the latest value is below `threshold`
/// and the projected value reaches it (so a client already in the class is never a rising
/// star); every number in a projection finite; pure (the same series gives the same answer).
/// The finder never asks about clients already in the top class.
///
/// `RisingStarLaws.violations(of:on:)` in ClientBaseTesting checks a policy against these
/// guarantees from a host's tests.
public protocol RisingStarPolicy: Sendable {
  /// The projection carrying a client's series to `threshold`, or `nil` when it does not.
  ///
  /// - Parameters:
  ///   - series: The client's measure, oldest first (the whole history; use the tail you
  ///     need).
  ///   - threshold: The next class's entry threshold.
  /// - Returns: The projection, or `nil`.
  func projection(of series: ArraySlice<Double>, reaching threshold: Double)
    -> RisingStarProjection?
}
