/// Scorecard inputs for many clients, one column of numbers per input name.
///
/// A bank's data warehouse already holds these as columns ("days late", "arrears in 12
/// months", "years as client"), so they arrive columnar: one identifier per row and one array
/// per input. NaN marks a missing value; a client with a missing or infinite input of a
/// factor in use is *unrated*, with a reason, rather than an error for the whole base.
///
/// ```swift
/// let inputs = try CreditInputs(ids: ["a", "b"], columns: [
///   "paymentDelayDays": [0, 45], "arrearsEpisodes": [0, 2],
///   "tenureYears": [6, 0.5], "productsHeld": [3, 1],
/// ])
/// ```
public struct CreditInputs<ID: Hashable & Sendable>: Sendable {
  /// The client of each row.
  public let ids: [ID]
  /// The inputs by name, each aligned with ``ids``.
  public let columns: [String: ContiguousArray<Double>]

  /// Creates inputs, checking column lengths and that every client appears once.
  ///
  /// - Parameters:
  ///   - ids: The clients.
  ///   - columns: The inputs by name, each with one value per client (NaN for missing).
  /// - Throws: ``SegmentationError/lengthMismatch(what:expected:actual:)`` or
  ///   ``SegmentationError/duplicateClient(_:)``.
  /// - Complexity: O(*n*) with one hash insertion per client.
  public init(ids: [ID], columns: [String: ContiguousArray<Double>]) throws(SegmentationError) {
    for name in columns.keys.sorted() {
      let count = columns[name]?.count ?? 0
      guard count == ids.count else {
        throw .lengthMismatch(what: "column \(name)", expected: ids.count, actual: count)
      }
    }
    var seen = Set<ID>(minimumCapacity: ids.count)
    for id in ids where !seen.insert(id).inserted {
      throw .duplicateClient(String(describing: id))
    }
    self.ids = ids
    self.columns = columns
  }

  /// The number of clients.
  public var count: Int { ids.count }
}
