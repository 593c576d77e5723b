/// A labelling of clients on a day: last month's classes, tiers or segments.
///
/// Keeping snapshots is what lets a review say who moved since the last one.
public struct Snapshot<ID: Hashable & Sendable, Label: Hashable & Sendable>: Hashable, Sendable {
  /// The day the labels were assigned.
  public var day: Day
  /// Each client's label.
  public var labels: [ID: Label]

  /// Creates a snapshot.
  ///
  /// - Parameters:
  ///   - day: The day the labels were assigned.
  ///   - labels: Each client's label.
  public init(day: Day, labels: [ID: Label]) {
    self.day = day
    self.labels = labels
  }
}

extension Snapshot: Codable where ID: Codable, Label: Codable {}

/// Where the host keeps snapshots of past classifications, under a name per classification
/// (`"abc"`, `"vip-tier"`).
///
/// Conformers must return from ``snapshots(named:in:)`` exactly the snapshots saved under the
/// name whose day lies in the range, oldest first; saving a snapshot for a name and day that
/// already has one replaces it. `ClientBaseTesting.InMemorySnapshotStore` is a reference
/// conformer.
public protocol SnapshotStore<ID, Label>: Sendable {
  /// The host's client identifier.
  associatedtype ID: Hashable & Sendable
  /// What a snapshot assigns to each client.
  associatedtype Label: Hashable & Sendable

  /// Saves a snapshot under a name, replacing one of the same name and day.
  ///
  /// - Parameters:
  ///   - snapshot: The snapshot.
  ///   - name: The classification's name.
  /// - Throws: Whatever the host's storage throws.
  func save(_ snapshot: Snapshot<ID, Label>, named name: String) async throws

  /// The snapshots saved under a name whose day lies in `days`, oldest first.
  ///
  /// - Parameters:
  ///   - name: The classification's name.
  ///   - days: The days wanted, inclusive.
  /// - Returns: The snapshots, oldest first.
  /// - Throws: Whatever the host's storage throws.
  func snapshots(named name: String, in days: ClosedRange<Day>) async throws
    -> [Snapshot<ID, Label>]
}

extension SnapshotStore {
  /// The most recent snapshot under a name taken strictly before a day, or `nil`.
  ///
  /// - Parameters:
  ///   - name: The classification's name.
  ///   - day: The day the new classification is made.
  /// - Returns: The latest earlier snapshot.
  /// - Throws: Whatever the store throws.
  public func latestSnapshot(named name: String, before day: Day) async throws
    -> Snapshot<ID, Label>?
  {
    guard day > .min else { return nil }
    return try await snapshots(named: name, in: Day.min...day.adding(days: -1)).last
  }
}
