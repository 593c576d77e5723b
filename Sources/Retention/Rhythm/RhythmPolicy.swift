/// A rule that judges every client against its own purchase rhythm: a typical gap between
/// purchase days, how many of those gaps have passed since the last purchase, and a verdict.
///
/// The default, ``StandardRhythm`` (reached as `.standard`), takes the median of a client's
/// gaps, falls back to the base's typical gap for clients with too few gaps, and cuts the
/// overdue ratio at 1.5, 2.5 and 4 gaps. A host replaces it with its own value type, building
/// its result with ``PurchaseRhythm/init(days:fallbackGap:assessment:)``.
///
/// ```swift
/// let table = try Summarizer().summarize(log, through: asOf)
/// let days = try PurchaseDays(log, table: table, asOf: asOf)
/// let rhythm = StandardRhythm.standard.rhythm(of: days, threadCount: 2)
/// ```
///
/// Invariants every conformer must keep:
/// - the result lies over the input's row space, the same clients in the same order, with the
///   input's as-of day;
/// - a row has a verdict other than ``RhythmVerdict/unknown`` exactly when it has a positive,
///   finite typical gap (``PurchaseRhythm``'s initialiser checks this);
/// - the verdict does not get more recent as the overdue ratio grows, for a fixed typical gap;
/// - the result is a pure function of the input: the same clients with the same days give the
///   same rhythm whatever the row order and the thread count.
///
/// `RhythmLaws` in `ClientBaseTesting` checks them, on a host's ``PurchaseDays`` or on a
/// generated sample: `RhythmLaws.violations(of: MyRhythm())` is empty when the policy keeps
/// them.
public protocol RhythmPolicy: Sendable {
  /// Judges every client's rhythm on up to `threadCount` threads.
  ///
  /// The input is valid by construction (each row has at least one purchase day, none after
  /// the as-of day), so the call does not throw; an empty input gives an empty result.
  ///
  /// - Parameters:
  ///   - days: Each client's distinct purchase days, as of a day.
  ///   - threadCount: The most threads to use, the calling thread included; the result does
  ///     not depend on it.
  /// - Returns: One rhythm per row of `days`, over its row space.
  func rhythm<ID>(of days: PurchaseDays<ID>, threadCount: Int) -> PurchaseRhythm<ID>
}

extension RhythmPolicy {
  /// Judges every client's rhythm on the calling thread.
  ///
  /// - Parameter days: Each client's distinct purchase days, as of a day.
  /// - Returns: One rhythm per row of `days`, over its row space.
  public func rhythm<ID>(of days: PurchaseDays<ID>) -> PurchaseRhythm<ID> {
    rhythm(of: days, threadCount: 1)
  }
}

extension RhythmPolicy where Self == StandardRhythm {
  /// The median-gap rhythm with its defaults: own gap from 3 gaps, the base's typical gap
  /// otherwise, late from 1.5 gaps, overdue from 2.5, lost from 4.
  public static var standard: Self { .defaults }
}
