public import ClientBaseCore

/// Each client's class across several snapshots, oldest first: the record a manager reads to
/// see whether a move is a trend or a blip.
///
/// Stored as one row-major matrix of optional labels (`nil` where a snapshot does not know
/// the client). Clients of the snapshots not in `ids` are left out.
public struct ClassHistory<ID: Hashable & Sendable, Label: Hashable & Sendable>: Sendable {
  /// The clients followed, one per row.
  public let ids: [ID]
  /// The snapshots' days, oldest first.
  public let days: [Day]
  /// The classes, row-major: `classes[row * days.count + snapshot]`.
  public let classes: [Label?]

  /// Builds the history of the given clients from snapshots.
  ///
  /// - Parameters:
  ///   - snapshots: The snapshots, oldest first, days strictly increasing.
  ///   - ids: The clients to follow.
  /// - Throws: ``SegmentationError/empty(_:)`` with no clients or no snapshots;
  ///   ``SegmentationError/invalidParameter(_:reason:)`` when days do not increase;
  ///   ``SegmentationError/duplicateClient(_:)``.
  /// - Complexity: O(*n* × *s*) dictionary look-ups for *s* snapshots.
  public init(snapshots: [Snapshot<ID, Label>], clients ids: [ID]) throws(SegmentationError) {
    guard !ids.isEmpty else { throw .empty("clients") }
    guard !snapshots.isEmpty else { throw .empty("snapshots") }
    for index in snapshots.indices.dropFirst()
    where !(snapshots[index - 1].day < snapshots[index].day) {
      throw .invalidParameter(
        "snapshots",
        reason: "snapshot \(index) (\(snapshots[index].day)) is not newer than the one before")
    }
    var seen = Set<ID>(minimumCapacity: ids.count)
    for id in ids where !seen.insert(id).inserted {
      throw .duplicateClient(String(describing: id))
    }
    var classes = [Label?]()
    classes.reserveCapacity(ids.count * snapshots.count)
    for id in ids {
      for snapshot in snapshots { classes.append(snapshot.labels[id]) }
    }
    self.ids = ids
    self.days = snapshots.map(\.day)
    self.classes = classes
  }

  /// One client's classes, oldest first.
  ///
  /// - Parameter row: The client's row.
  /// - Returns: The classes, `nil` where a snapshot did not know the client.
  public func classes(forRow row: Int) -> ArraySlice<Label?> {
    classes[row * days.count..<(row + 1) * days.count]
  }

  /// How many times a client's class changed between consecutive snapshots that both knew
  /// them.
  ///
  /// - Parameter row: The client's row.
  /// - Returns: The number of changes.
  public func changeCount(forRow row: Int) -> Int {
    var changes = 0
    var last: Label?
    for label in classes(forRow: row) {
      if let label {
        if let last, last != label { changes += 1 }
        last = label
      }
    }
    return changes
  }
}
