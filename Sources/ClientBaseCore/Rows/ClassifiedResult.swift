/// A whole-base result that puts each client under one label of a fixed scale — an ABC class,
/// an RFM segment, a tier, a credit grade — or under none.
///
/// On top of ``ClientResult`` it gives counts per label in the scale's documented order, with
/// every label present, and a ``Snapshot`` to store for the next review:
///
/// ```swift
/// for entry in abc.counts { print(entry.label, entry.count) }   // A, B, C in that order
/// abc.counts[.a]                                             // 0 when no client is A
/// try await store.save(abc.snapshot(on: today), named: "abc")
/// ```
public protocol ClassifiedResult<ID, Label>: ClientResult {
  /// What a client is classified as.
  associatedtype Label: Hashable & Sendable

  /// Every label a row can have, each once, in the order ``counts`` lists them.
  var scale: [Label] { get }

  /// The label of a row, or `nil` when the row has none (an unclassified, unrated or
  /// undetermined client).
  ///
  /// - Parameter row: A row, `0..<count`.
  func label(forRow row: Int) -> Label?

  /// How many clients carry each label of ``scale``, in its order, and how many carry none.
  ///
  /// The default counts ``label(forRow:)`` row by row; results override it with a pass over
  /// their compact columns.
  var counts: LabelCounts<Label> { get }
}

extension ClassifiedResult {
  /// Counts ``label(forRow:)`` over every row.
  ///
  /// - Complexity: O(*n* · *k*) for *k* labels.
  public var counts: LabelCounts<Label> {
    LabelCounts(scale: scale, labels: (0..<count).lazy.map { label(forRow: $0) })
  }

  /// The label of a client, or `nil` when the result does not hold it or it has none.
  ///
  /// - Parameter id: The client.
  /// - Complexity: O(1) on average.
  public func label(for id: ID) -> Label? {
    row(for: id).flatMap { label(forRow: $0) }
  }

  /// Every labelled client's label as a snapshot, to store for the next review or to compare
  /// with the last one.
  ///
  /// Rows without a label are left out of the snapshot.
  ///
  /// - Parameter day: The day the labels hold on.
  /// - Returns: The snapshot.
  /// - Complexity: O(*n*) hash insertions.
  public func snapshot(on day: Day) -> Snapshot<ID, Label> {
    var labels = [ID: Label](minimumCapacity: count)
    for (row, id) in ids.enumerated() {
      if let label = label(forRow: row) { labels[id] = label }
    }
    return Snapshot(day: day, labels: labels)
  }
}
