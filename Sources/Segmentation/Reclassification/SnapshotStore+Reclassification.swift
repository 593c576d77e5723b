public import ClientBaseCore

extension SnapshotStore {
  /// Compares a classification result with the latest snapshot taken before `day`, saves the
  /// current classes, and returns the comparison — the monthly review in one call.
  ///
  /// ```swift
  /// let moves = try await store.reclassify(named: "vip-tier", to: tiers, on: tiers.day)
  /// ```
  ///
  /// - Parameters:
  ///   - name: The classification's name in the store.
  ///   - current: The current classification; a greater class is a better one. Its rows
  ///     without a class are not classified now.
  ///   - day: The review's day; the previous snapshot is the latest strictly before it.
  /// - Returns: The comparison.
  /// - Throws: Whatever the store throws.
  /// - Complexity: O(*n* + *m*) hash operations plus the store's own work.
  public func reclassify(
    named name: String, to current: some ClassifiedResult<ID, Label>, on day: Day
  ) async throws -> Reclassification<ID, Label> where Label: Comparable {
    let previous = try await latestSnapshot(named: name, before: day)
    let moves = Reclassification(from: previous, to: current, on: day)
    try await save(moves.currentSnapshot, named: name)
    return moves
  }

  /// As ``SnapshotStore/reclassify(named:to:on:)``, for classes with no order (a change is
  /// ``Movement/moved``).
  ///
  /// - Parameters:
  ///   - name: The classification's name in the store.
  ///   - current: The current classification.
  ///   - day: The review's day.
  /// - Returns: The comparison.
  /// - Throws: Whatever the store throws.
  /// - Complexity: O(*n* + *m*) hash operations plus the store's own work.
  public func reclassifyUnordered(
    named name: String, to current: some ClassifiedResult<ID, Label>, on day: Day
  ) async throws -> Reclassification<ID, Label> {
    let previous = try await latestSnapshot(named: name, before: day)
    let moves = Reclassification(unorderedFrom: previous, to: current, on: day)
    try await save(moves.currentSnapshot, named: name)
    return moves
  }

  /// Compares the current classes, given as a column over the host's identifiers, with the
  /// latest snapshot taken before `day`, saves them, and returns the comparison.
  ///
  /// The classes are checked before anything is saved: a bad column leaves the store
  /// unchanged.
  ///
  /// - Parameters:
  ///   - name: The classification's name in the store.
  ///   - day: The review's day; the previous snapshot is the latest strictly before it.
  ///   - ids: The current clients, each once.
  ///   - classes: Their classes; a greater class is a better one.
  /// - Returns: The comparison.
  /// - Throws: A ``SegmentationError`` for bad classes, or whatever the store throws.
  /// - Complexity: O(*n* + *m*) hash operations plus the store's own work.
  public func reclassify(named name: String, on day: Day, ids: [ID], classes: [Label])
    async throws -> Reclassification<ID, Label> where Label: Comparable
  {
    let previous = try await latestSnapshot(named: name, before: day)
    let moves = try Reclassification(from: previous, to: ids, classes: classes, on: day)
    try await save(moves.currentSnapshot, named: name)
    return moves
  }

  /// As ``SnapshotStore/reclassify(named:on:ids:classes:)``, for classes with no order (a
  /// change is ``Movement/moved``).
  ///
  /// - Parameters:
  ///   - name: The classification's name in the store.
  ///   - day: The review's day.
  ///   - ids: The current clients, each once.
  ///   - classes: Their classes.
  /// - Returns: The comparison.
  /// - Throws: A ``SegmentationError`` for bad classes, or whatever the store throws.
  /// - Complexity: O(*n* + *m*) hash operations plus the store's own work.
  public func reclassifyUnordered(named name: String, on day: Day, ids: [ID], classes: [Label])
    async throws -> Reclassification<ID, Label>
  {
    let previous = try await latestSnapshot(named: name, before: day)
    let moves = try Reclassification(unorderedFrom: previous, to: ids, classes: classes, on: day)
    try await save(moves.currentSnapshot, named: name)
    return moves
  }
}
