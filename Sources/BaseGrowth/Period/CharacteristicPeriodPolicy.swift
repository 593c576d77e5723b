/// A rule that estimates a base's characteristic period — the typical time between
/// consecutive contracts — from the gaps between its clients' purchase days.
///
/// The default, ``StandardCharacteristicPeriod`` (reached as `.standard`), takes the median of
/// every gap in the base, with a distribution-free interval from the order statistics. A host
/// replaces it with its own value type (a trimmed mean, a seasonal rule), building its result
/// with ``CharacteristicPeriod/init(days:interval:confidence:gapCount:clientCount:basis:)``.
///
/// ```swift
/// let gaps = PurchaseGaps(try PurchaseDays(log, table: table, asOf: asOf))
/// let period = try StandardCharacteristicPeriod.standard.characteristicPeriod(of: gaps)
/// ```
///
/// Invariants every conformer must keep (`CharacteristicPeriodLaws.violations(of:seed:)` in
/// `ClientBaseTesting` checks them on seeded gap samples):
/// - **within the gaps**: the period and its interval lie between the shortest and the longest
///   gap, and the interval contains the period;
/// - **counts**: the period rests on at most the input's gaps and clients with gaps;
/// - **no gaps, no period**: an input without a single gap throws ``GrowthError/noGaps(clients:)``
///   (or ``GrowthError/noData(_:)`` when it has no client at all), never a made-up period;
/// - **order and threads**: the result depends on the multiset of each client's gaps only, not
///   on the order of the clients nor on the thread count.
public protocol CharacteristicPeriodPolicy: Sendable {
  /// Estimates the characteristic period on up to `threadCount` threads.
  ///
  /// - Parameters:
  ///   - gaps: The gaps between every client's consecutive purchase days.
  ///   - threadCount: The most threads to use, the calling thread included, at least 1; the
  ///     result does not depend on it.
  /// - Returns: The period, with what it rests on and its interval.
  /// - Throws: ``GrowthError/noData(_:)`` for an input without clients,
  ///   ``GrowthError/noGaps(clients:)`` when no client has two purchase days, and
  ///   ``GrowthError/invalidParameter(_:reason:)`` for a thread count below 1.
  func characteristicPeriod(of gaps: PurchaseGaps, threadCount: Int) throws(GrowthError)
    -> CharacteristicPeriod
}

extension CharacteristicPeriodPolicy {
  /// Estimates the characteristic period on the calling thread.
  ///
  /// - Parameter gaps: The gaps between every client's consecutive purchase days.
  /// - Returns: The period, with what it rests on and its interval.
  /// - Throws: As ``characteristicPeriod(of:threadCount:)``.
  public func characteristicPeriod(of gaps: PurchaseGaps) throws(GrowthError)
    -> CharacteristicPeriod
  {
    try characteristicPeriod(of: gaps, threadCount: 1)
  }
}

extension CharacteristicPeriodPolicy where Self == StandardCharacteristicPeriod {
  /// The median of every gap between consecutive purchase days, with a 95% interval.
  public static var standard: Self { .defaults }
}
