public import ClientBaseCore

extension CreditRatings {
  /// The grade of every rated client as a snapshot, to store for the next review or to
  /// compare with the last one.
  ///
  /// Only rated rows are in it: an unrated client has no grade to record. Grades compare by
  /// rank, so a reclassification reads a better grade as an upgrade.
  ///
  /// - Parameter day: The day the grades were given (the ratings do not know it).
  /// - Returns: A snapshot with one label per rated row.
  /// - Complexity: O(*n*) hash insertions.
  public func snapshot(on day: Day) -> Snapshot<ID, CreditGrade> {
    .rows(ids: ids, day: day) { grade(forRow: $0) }
  }
}
