public import ClientBase

/// The shop's own RFM segments: five names its staff use instead of the standard eleven.
///
/// | R \ F | 1 | 2 | 3 | 4 | 5 |
/// | --- | --- | --- | --- | --- | --- |
/// | 5 | New | New | Loyal | Best | Best |
/// | 4 | New | New | Loyal | Best | Best |
/// | 3 | Slipping | Slipping | Loyal | Loyal | Loyal |
/// | 2 | Slipping | Slipping | Slipping | Slipping | Slipping |
/// | 1 | Gone | Gone | Gone | Gone | Gone |
///
/// Money is not consulted. The map covers every score triple with a rule (no fallback needed),
/// and a client better on every score never lands in a lower-ranked segment:
/// `RFMSegmentMapLaws` checks both.
public enum ShopSegments: Sendable {
  /// Bought recently and often.
  public static let best = RFMSegment("Best", rank: 5)
  /// Buys regularly.
  public static let loyal = RFMSegment("Loyal", rank: 4)
  /// Bought recently, not yet often.
  public static let new = RFMSegment("New", rank: 3)
  /// Has not been back for a while.
  public static let slipping = RFMSegment("Slipping", rank: 2)
  /// The longest since the last purchase.
  public static let gone = RFMSegment("Gone", rank: 1)

  /// The shop's map; the first matching rule wins.
  public static let map = RFMSegmentMap(
    rules: [
      RFMSegmentRule(best, recency: 4...5, frequency: 4...5),
      RFMSegmentRule(loyal, recency: 3...5, frequency: 3...5),
      RFMSegmentRule(new, recency: 4...5, frequency: 1...2),
      RFMSegmentRule(slipping, recency: 2...3, frequency: 1...5),
      RFMSegmentRule(gone, recency: 1...1, frequency: 1...5),
    ],
    fallback: .other)

  /// Quintile scores named with the shop's map.
  ///
  /// - Throws: Nothing in practice: the standard scorings need no checks. The signature keeps
  ///   `throws` because ``StandardRFM`` checks any scoring it is given.
  public static func policy() throws(SegmentationError) -> StandardRFM {
    try StandardRFM(segmentMap: map)
  }
}
