public import ClientBaseCore

extension StyleAssessments {
  /// The style of every client whose style is determined, as a snapshot to store for the next
  /// review or to compare with the last one.
  ///
  /// Only determined rows are in it: an undetermined client has no style to record. Styles
  /// have no order, so compare snapshots with
  /// `Reclassification(unorderedFrom:to:labels:on:)`.
  ///
  /// - Parameter day: The day the styles were read (the assessments do not know it).
  /// - Returns: A snapshot with one label per determined row.
  /// - Complexity: O(*n*) hash insertions.
  public func snapshot(on day: Day) -> Snapshot<ID, BehaviouralStyle> {
    let assessments = self.assessments
    return .rows(ids: ids, day: day) { assessments[$0].style }
  }
}
