public import ClientBaseCore

/// Each client's class across several snapshots, oldest first: the record a manager reads to
/// see whether a move is a trend or a blip.
///
/// Stored as one row-major matrix of optional classes (`nil` where a snapshot does not know
/// the client). Clients of the snapshots not among the rows are left out. As a
/// `ClientResult` its entry is a client's classes, oldest first.
///
/// ```swift
/// let history = try ClassHistory(snapshots: lastSixMonths, clients: tiers.clients)
/// history.classes(forRow: 0)       // [gold, gold, platinum, …]
/// history.reason(forRow: 0)        // "gold → gold → platinum: 1 change in 3 snapshots"
/// ```
public struct ClassHistory<ID: Hashable & Sendable, Class: Hashable & Sendable>: ClientResult {
  /// The row space: the clients followed.
  public let clients: ClientIndex<ID>
  /// The snapshots' days, oldest first.
  public let days: [Day]
  /// The classes, row-major: `classes[row * days.count + snapshot]`.
  public let classes: [Class?]

  /// Builds the history of the host's clients from snapshots.
  ///
  /// - Parameters:
  ///   - snapshots: The snapshots, oldest first, days strictly increasing.
  ///   - ids: The clients to follow, each once; none gives an empty history.
  /// - Throws: ``SegmentationError/empty(_:)`` with no snapshots (a history needs at least
  ///   one review); ``SegmentationError/invalidParameter(_:reason:)`` when days do not
  ///   increase; ``SegmentationError/duplicateClient(_:)``.
  /// - Complexity: O(*n* × *s*) dictionary look-ups for *s* snapshots.
  public init(snapshots: [Snapshot<ID, Class>], clients ids: [ID]) throws(SegmentationError) {
    try Self.check(snapshots)
    self.init(checked: snapshots, clients: try SegmentationError.clientIndex(ids))
  }

  /// Builds the history of the clients of an existing row space from snapshots.
  ///
  /// - Parameters:
  ///   - snapshots: The snapshots, oldest first, days strictly increasing.
  ///   - clients: The row space of the clients to follow.
  /// - Throws: ``SegmentationError/empty(_:)`` with no snapshots;
  ///   ``SegmentationError/invalidParameter(_:reason:)`` when days do not increase.
  /// - Complexity: O(*n* × *s*) dictionary look-ups for *s* snapshots.
  public init(snapshots: [Snapshot<ID, Class>], clients: ClientIndex<ID>)
    throws(SegmentationError)
  {
    try Self.check(snapshots)
    self.init(checked: snapshots, clients: clients)
  }

  private static func check(_ snapshots: [Snapshot<ID, Class>]) throws(SegmentationError) {
    guard !snapshots.isEmpty else { throw .empty("snapshots") }
    for index in snapshots.indices.dropFirst()
    where !(snapshots[index - 1].day < snapshots[index].day) {
      throw .invalidParameter(
        "snapshots",
        reason: "snapshot \(index) (\(snapshots[index].day)) is not newer than the one before")
    }
  }

  private init(checked snapshots: [Snapshot<ID, Class>], clients: ClientIndex<ID>) {
    var classes = [Class?]()
    classes.reserveCapacity(clients.count * snapshots.count)
    for id in clients.ids {
      for snapshot in snapshots { classes.append(snapshot.labels[id]) }
    }
    self.clients = clients
    self.days = snapshots.map(\.day)
    self.classes = classes
  }

  /// One client's classes, oldest first: the row's entry.
  ///
  /// - Parameter row: The client's row.
  public subscript(row: Int) -> [Class?] { Array(classes(forRow: row)) }

  /// One client's classes, oldest first.
  ///
  /// - Parameter row: The client's row.
  /// - Returns: The classes, `nil` where a snapshot did not know the client.
  public func classes(forRow row: Int) -> ArraySlice<Class?> {
    classes[row * days.count..<(row + 1) * days.count]
  }

  /// How many times a client's class changed between consecutive snapshots that both knew
  /// them.
  ///
  /// - Parameter row: The client's row.
  /// - Returns: The number of changes.
  public func changeCount(forRow row: Int) -> Int {
    var changes = 0
    var last: Class?
    for label in classes(forRow: row) {
      if let label {
        if let last, last != label { changes += 1 }
        last = label
      }
    }
    return changes
  }

  /// A client's classes and how often they changed: `gold → — → platinum: 1 change in 3
  /// snapshots`, with `—` where a snapshot did not know the client.
  ///
  /// - Parameter row: The client's row.
  /// - Returns: The reason.
  public func reason(forRow row: Int) -> String {
    let path = classes(forRow: row).map { $0.map { "\($0)" } ?? "—" }.joined(separator: " → ")
    let changes = changeCount(forRow: row)
    return "\(path): \(changes) \(plural("change", changes)) in \(days.count) "
      + plural("snapshot", days.count)
  }
}
