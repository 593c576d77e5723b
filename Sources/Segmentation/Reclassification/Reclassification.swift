public import ClientBaseCore

/// Who moved between last review's classes and this review's: upgrades, downgrades, entries,
/// exits, stable clients.
///
/// The current assignment comes as columns (the rows of a classification result); the
/// previous one as a `Snapshot`, the value a `SnapshotStore` keeps. Clients of the snapshot
/// that are not in the current assignment — including clients the current base never knew —
/// count as exits.
///
/// ```swift
/// let moves = try Reclassification(
///   from: lastMonth, to: tiers.ids, labels: tiers.tiers, on: tiers.day)
/// moves.counts.upgrades
/// moves.reason(forRow: 0)   // "upgrade: gold → platinum"
/// ```
public struct Reclassification<ID: Hashable & Sendable, Label: Hashable & Sendable>: Sendable {
  /// The day of the previous snapshot, or `nil` on a first review.
  public let previousDay: Day?
  /// The day of the current assignment.
  public let day: Day
  /// The current clients, one per row.
  public let ids: [ID]
  /// Each current client's class.
  public let labels: [Label]
  /// Each current client's previous class, `nil` for entries.
  public let previousLabels: [Label?]
  /// Each current client's movement (never ``Movement/exit``).
  public let movements: ContiguousArray<Movement>
  /// Clients of the previous snapshot not in the current assignment, sorted by
  /// `String(describing:)` of the client, then of the previous class when two clients print
  /// alike.
  ///
  /// A snapshot keeps its labels in a dictionary, whose order changes from one process to the
  /// next; sorting makes reports and tests of the same data print the same list every time.
  /// The order is textual, so client 10 comes before client 9.
  public let exits: [ID]
  /// The previous class of each of ``exits``, in the same order.
  public let exitLabels: [Label]
  /// The movement counts.
  public let counts: MovementCounts

  /// Compares ordered classes: a greater label is a better class (`C < B < A`, tiers by
  /// rank).
  ///
  /// - Parameters:
  ///   - previous: The previous snapshot, or `nil` on a first review (everyone enters).
  ///   - ids: The current clients.
  ///   - labels: Their current classes, in the same order.
  ///   - day: The current day.
  /// - Throws: ``SegmentationError/empty(_:)`` with no current clients;
  ///   ``SegmentationError/lengthMismatch(what:expected:actual:)``;
  ///   ``SegmentationError/duplicateClient(_:)``.
  /// - Complexity: O(*n* + *m*) hash operations for *n* current and *m* previous clients,
  ///   plus O(*e* log *e*) to sort the *e* exits.
  public init(
    from previous: Snapshot<ID, Label>?, to ids: [ID], labels: [Label], on day: Day
  ) throws(SegmentationError) where Label: Comparable {
    try self.init(
      previous: previous, ids: ids, labels: labels, day: day,
      compare: { old, new in new > old ? .upgrade : (new < old ? .downgrade : .stable) })
  }

  /// Compares classes that have no order (RFM segment names): a change is ``Movement/moved``.
  ///
  /// - Parameters:
  ///   - previous: The previous snapshot, or `nil` on a first review.
  ///   - ids: The current clients.
  ///   - labels: Their current classes.
  ///   - day: The current day.
  /// - Throws: As ``init(from:to:labels:on:)``.
  /// - Complexity: O(*n* + *m*) hash operations, plus O(*e* log *e*) to sort the *e* exits.
  public init(
    unorderedFrom previous: Snapshot<ID, Label>?, to ids: [ID], labels: [Label], on day: Day
  ) throws(SegmentationError) {
    try self.init(
      previous: previous, ids: ids, labels: labels, day: day,
      compare: { old, new in old == new ? .stable : .moved })
  }

  private init(
    previous: Snapshot<ID, Label>?, ids: [ID], labels: [Label], day: Day,
    compare: (Label, Label) -> Movement
  ) throws(SegmentationError) {
    guard !ids.isEmpty else { throw .empty("current assignment") }
    guard labels.count == ids.count else {
      throw .lengthMismatch(what: "labels", expected: ids.count, actual: labels.count)
    }
    var current = Set<ID>(minimumCapacity: ids.count)
    for id in ids where !current.insert(id).inserted {
      throw .duplicateClient(String(describing: id))
    }
    let old = previous?.labels ?? [:]
    var counts = MovementCounts()
    var movements = ContiguousArray<Movement>()
    movements.reserveCapacity(ids.count)
    var previousLabels = [Label?]()
    previousLabels.reserveCapacity(ids.count)
    for (id, label) in zip(ids, labels) {
      let before = old[id]
      let movement = before.map { compare($0, label) } ?? .entry
      counts[movement] += 1
      movements.append(movement)
      previousLabels.append(before)
    }
    // Sorted on printed text so the order does not depend on the dictionary's seed; the texts
    // are built once per exit, not once per comparison.
    var leaving: [(id: String, label: String, exit: (ID, Label))] = []
    for (id, label) in old where !current.contains(id) {
      leaving.append((String(describing: id), String(describing: label), (id, label)))
    }
    leaving.sort { ($0.id, $0.label) < ($1.id, $1.label) }
    let exits = leaving.map(\.exit.0)
    let exitLabels = leaving.map(\.exit.1)
    counts.exits = exits.count
    self.previousDay = previous?.day
    self.day = day
    self.ids = ids
    self.labels = labels
    self.previousLabels = previousLabels
    self.movements = movements
    self.exits = exits
    self.exitLabels = exitLabels
    self.counts = counts
  }

  /// The current assignment as a snapshot to store for the next review.
  ///
  /// - Complexity: O(*n*) hash insertions.
  public var snapshot: Snapshot<ID, Label> {
    var labels = [ID: Label](minimumCapacity: ids.count)
    for (id, label) in zip(ids, self.labels) { labels[id] = label }
    return Snapshot(day: day, labels: labels)
  }

  /// The rows that made a movement, in row order.
  ///
  /// - Parameter movement: The movement (``Movement/exit`` has no rows: see ``exits``).
  /// - Returns: The rows.
  /// - Complexity: O(*n*).
  public func rows(with movement: Movement) -> [Int] {
    movements.indices.filter { movements[$0] == movement }
  }

  /// A client's movement in words: `upgrade: gold → platinum`, `entry: gold`.
  ///
  /// - Parameter row: The client's row.
  /// - Returns: The reason.
  public func reason(forRow row: Int) -> String {
    let now = labels[row]
    guard let before = previousLabels[row] else { return "entry: \(now)" }
    switch movements[row] {
    case .stable: return "stable: \(now)"
    default: return "\(movements[row].rawValue): \(before) → \(now)"
    }
  }
}
