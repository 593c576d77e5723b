public import ClientBaseCore

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

/// Finds the clients below a class's entry threshold whose trend carries them into it: the
/// rising stars.
///
/// The whole-base call, ``risingStars(in:classes:measureName:nextClass:)``, looks at every
/// client of a history; its default implementation asks the per-client rule,
/// ``projection(of:reaching:)``, about each client below the top class, so a conformer
/// usually writes only the rule.
///
/// Conformers must guarantee: a projection only when the latest value is below `threshold`
/// and the projected value reaches it (so a client already in the class is never a rising
/// star); every number in a projection finite; pure (the same series gives the same answer);
/// and, if the whole-base call is replaced, the same rising stars as the rule gives client by
/// client. The finder never asks about clients in the top class.
///
/// `RisingStarLaws.violations(of:on:seed:)` in ClientBaseTesting checks a policy against these
/// guarantees from a host's tests. ``StandardRisingStars`` is the default, reachable as
/// `.standard`.
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

  /// The rising stars of a whole base: the clients of `history` whose class has a next class
  /// up and whose series the rule projects into it.
  ///
  /// The classes are matched to the history's clients by identifier (in O(1) when both share
  /// a row space); a client of the history without a class, or in a class with no next class,
  /// is never a rising star.
  ///
  /// - Parameters:
  ///   - history: Each client's measure per period (the series the classes are based on).
  ///   - classes: Each client's current class: any whole-base result whose entry is the class
  ///     (``TierAssignments``, an ABC classification…).
  ///   - measureName: What the measure is called in reasons (`"balance"`).
  ///   - nextClass: The class above a class and its entry threshold, or `nil` for the top
  ///     class.
  /// - Returns: The rising stars, in the history's row order.
  func risingStars<Classes: ClientResult>(
    in history: BalanceHistory<Classes.ID>, classes: Classes, measureName: String,
    nextClass: (Classes.Entry) -> (label: Classes.Entry, entryThreshold: Double)?
  ) -> [RisingStar<Classes.ID, Classes.Entry>] where Classes.Entry: Hashable
}
