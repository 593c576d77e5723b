/// A named RFM segment such as "Champions" or "At Risk".
///
/// Segments are data, not an enumeration, so a host can rename them or add its own in an
/// ``RFMSegmentMap``. Each has a ``rank`` in value order so that segments are `Comparable`
/// with "less valuable < more valuable", like ``ABCClass``; the standard segments are ranked
/// from Lost (1) to Champions (11), and the fallback ``other`` is 0.
public struct RFMSegment: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
  /// The name a report shows.
  public var name: String
  /// The position in value order; higher is more valuable.
  public var rank: Int

  /// Creates a segment.
  ///
  /// - Parameters:
  ///   - name: The name a report shows.
  ///   - rank: The position in value order; higher is more valuable.
  public init(_ name: String, rank: Int) {
    self.name = name
    self.rank = rank
  }

  /// Whether `lhs` is less valuable than `rhs`: by rank, then by name.
  ///
  /// - Parameters:
  ///   - lhs: A segment.
  ///   - rhs: Another segment.
  /// - Returns: `true` when `lhs` comes first in value order.
  public static func < (lhs: RFMSegment, rhs: RFMSegment) -> Bool {
    (lhs.rank, lhs.name) < (rhs.rank, rhs.name)
  }

  /// The name.
  public var description: String { name }

  /// Bought recently, often, and much.
  public static let champions = RFMSegment("Champions", rank: 11)
  /// Buys often and fairly recently.
  public static let loyal = RFMSegment("Loyal", rank: 10)
  /// Recent buyers with a few purchases: could become loyal.
  public static let potentialLoyalist = RFMSegment("Potential Loyalist", rank: 9)
  /// Frequent buyers who have not come back for long: the most valuable to win back.
  public static let cantLoseThem = RFMSegment("Can't Lose Them", rank: 8)
  /// Used to buy fairly often, not for a while.
  public static let atRisk = RFMSegment("At Risk", rank: 7)
  /// Bought once, very recently.
  public static let new = RFMSegment("New", rank: 6)
  /// Bought once, recently.
  public static let promising = RFMSegment("Promising", rank: 5)
  /// Middling recency and frequency.
  public static let needAttention = RFMSegment("Need Attention", rank: 4)
  /// Middling recency, few purchases: slipping.
  public static let aboutToSleep = RFMSegment("About to Sleep", rank: 3)
  /// Few purchases, long ago.
  public static let hibernating = RFMSegment("Hibernating", rank: 2)
  /// Few purchases, the longest ago.
  public static let lost = RFMSegment("Lost", rank: 1)
  /// The fallback of the standard map for scores no rule covers (none, unless edited).
  public static let other = RFMSegment("Other", rank: 0)
}
