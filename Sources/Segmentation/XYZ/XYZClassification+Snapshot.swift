public import ClientBaseCore

extension XYZClassification {
  /// The XYZ class of every classified client as a snapshot, to store for the next review or
  /// to compare with the last one.
  ///
  /// Only classified rows are in it: a snapshot's labels are classes, and an unclassified
  /// client (too few periods, no positive mean) has none. Compared with a later snapshot, a
  /// client that was unclassified then counts as an entry once it gets a class, and one that
  /// loses its class counts as an exit.
  ///
  /// - Parameter day: The day the classes were assigned (the classification does not know it).
  /// - Returns: A snapshot with one label per classified row.
  /// - Complexity: O(*n*) hash insertions.
  public func snapshot(on day: Day) -> Snapshot<ID, XYZClass> {
    let classes = self.classes
    return .rows(ids: ids, day: day) { classes[$0] }
  }
}
