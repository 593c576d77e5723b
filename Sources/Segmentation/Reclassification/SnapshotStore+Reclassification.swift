public import ClientBaseCore

extension SnapshotStore {
  /// Compares the current assignment with the latest snapshot taken before `day`, saves the
  /// current one, and returns the comparison — the monthly review in one call.
  ///
  /// The assignment is checked before anything is saved: a bad assignment leaves the store
  /// unchanged.
  ///
  /// ```swift
  /// let moves = try await store.reclassify(
  ///   named: "vip-tier", on: tiers.day, ids: tiers.ids, labels: tiers.tiers)
  /// ```
  ///
  /// - Parameters:
  ///   - name: The classification's name in the store.
  ///   - day: The review's day; the previous snapshot is the latest strictly before it.
  ///   - ids: The current clients.
  ///   - labels: Their classes; a greater label is a better class.
  /// - Returns: The comparison.
  /// - Throws: A ``SegmentationError`` for a bad assignment, or whatever the store throws.
  /// - Complexity: O(*n* + *m*) hash operations plus the store's own work.
  public func reclassify(named name: String, on day: Day, ids: [ID], labels: [Label])
    async throws -> Reclassification<ID, Label> where Label: Comparable
  {
    let previous = try await latestSnapshot(named: name, before: day)
    let moves = try Reclassification(from: previous, to: ids, labels: labels, on: day)
    try await save(moves.snapshot, named: name)
    return moves
  }

  /// As ``SnapshotStore/reclassify(named:on:ids:labels:)``, for classes with no order (a
  /// change is ``Movement/moved``).
  ///
  /// - Parameters:
  ///   - name: The classification's name in the store.
  ///   - day: The review's day.
  ///   - ids: The current clients.
  ///   - labels: Their classes.
  /// - Returns: The comparison.
  /// - Throws: A ``SegmentationError`` for a bad assignment, or whatever the store throws.
  /// - Complexity: O(*n* + *m*) hash operations plus the store's own work.
  public func reclassifyUnordered(named name: String, on day: Day, ids: [ID], labels: [Label])
    async throws -> Reclassification<ID, Label>
  {
    let previous = try await latestSnapshot(named: name, before: day)
    let moves = try Reclassification(unorderedFrom: previous, to: ids, labels: labels, on: day)
    try await save(moves.snapshot, named: name)
    return moves
  }
}
