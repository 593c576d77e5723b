public import ClientBaseCore

/// A `SnapshotStore` held in memory: the reference conformer.
///
/// An actor, because saving changes its state while callers on any task may read it. Saving a
/// snapshot under a name and day that already has one replaces it; queries return snapshots
/// oldest first, as the protocol requires, so `SnapshotStore.latestSnapshot(named:before:)`
/// works unchanged.
///
/// ```swift
/// let store = InMemorySnapshotStore<String, String>()
/// try await store.save(Snapshot(day: january, labels: ["a": "A"]), named: "abc")
/// let previous = try await store.latestSnapshot(named: "abc", before: february)
/// ```
public actor InMemorySnapshotStore<ID: Hashable & Sendable, Label: Hashable & Sendable>:
  SnapshotStore
{
  /// Snapshots by name, each list sorted by day with at most one snapshot per day.
  private var snapshotsByName: [String: [Snapshot<ID, Label>]] = [:]

  /// Creates an empty store.
  public init() {}

  /// Saves a snapshot under a name, replacing one of the same name and day.
  ///
  /// - Parameters:
  ///   - snapshot: The snapshot.
  ///   - name: The classification's name.
  /// - Complexity: O(*s*) for *s* snapshots under the name.
  public func save(_ snapshot: Snapshot<ID, Label>, named name: String) {
    var list = snapshotsByName[name, default: []]
    let position = list.firstIndex { $0.day >= snapshot.day } ?? list.endIndex
    if position < list.endIndex, list[position].day == snapshot.day {
      list[position] = snapshot
    } else {
      list.insert(snapshot, at: position)
    }
    snapshotsByName[name] = list
  }

  /// The snapshots saved under a name whose day lies in `days`, oldest first.
  ///
  /// - Parameters:
  ///   - name: The classification's name.
  ///   - days: The days wanted, inclusive.
  /// - Returns: The snapshots, oldest first; empty for an unknown name.
  /// - Complexity: O(*s*) for *s* snapshots under the name.
  public func snapshots(named name: String, in days: ClosedRange<Day>) -> [Snapshot<ID, Label>] {
    (snapshotsByName[name] ?? []).filter { days.contains($0.day) }
  }

  /// The names that have at least one snapshot, in ascending order.
  public var names: [String] { snapshotsByName.keys.sorted() }
}
