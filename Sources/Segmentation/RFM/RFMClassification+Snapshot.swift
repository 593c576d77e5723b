public import ClientBaseCore

extension RFMClassification {
  /// Every client's RFM segment as a snapshot, to store for the next review or to compare
  /// with the last one.
  ///
  /// Segments have no natural direction of movement for most reviews, so compare them with
  /// `Reclassification(unorderedFrom:to:labels:on:)`; ``RFMSegment`` is `Comparable` by rank
  /// when upgrades and downgrades are wanted.
  ///
  /// - Parameter day: The day the segments were assigned, normally the measures' as-of day.
  /// - Returns: A snapshot with one label per row.
  /// - Complexity: O(*n*) hash insertions.
  public func snapshot(on day: Day) -> Snapshot<ID, RFMSegment> {
    .rows(ids: ids, day: day) { segment(forRow: $0) }
  }
}
