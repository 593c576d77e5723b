public import ClientBaseCore

extension ABCClassification {
  /// Every client's ABC class as a snapshot, to store for the next review or to compare with
  /// the last one.
  ///
  /// ```swift
  /// try await store.save(abc.snapshot(on: today), named: "abc")
  /// let moves = try Reclassification(
  ///   from: lastMonth, to: abc.ids, labels: Array(abc.classes), on: today)
  /// ```
  ///
  /// - Parameter day: The day the classes were assigned (the classification does not know it).
  /// - Returns: A snapshot with one label per row.
  /// - Complexity: O(*n*) hash insertions.
  public func snapshot(on day: Day) -> Snapshot<ID, ABCClass> {
    let classes = self.classes
    return .rows(ids: ids, day: day) { classes[$0] }
  }
}
