public import ClientBaseCore

/// Scorecard inputs for many clients, one column of numbers per input name, over a row space.
///
/// A bank's data warehouse already holds these as columns ("days late", "arrears in 12
/// months", "years as client"), so they arrive columnar: one array per input, each with one
/// value per row. NaN marks a missing value; a client with a missing or infinite input of a
/// factor in use is *unrated*, with a reason, rather than an error for the whole base.
///
/// ```swift
/// let inputs = try CreditInputs(ids: ["a", "b"], columns: [
///   "paymentDelayDays": [0, 45], "arrearsEpisodes": [0, 2],
///   "tenureYears": [6, 0.5], "productsHeld": [3, 1],
/// ])
/// let ofBuyers = try CreditInputs(clients: table.clients, columns: warehouseColumns)
/// ```
public struct CreditInputs<ID: Hashable & Sendable>: Sendable {
  /// The row space: the client of each row.
  public let clients: ClientIndex<ID>
  /// The inputs by name, each with one value per row of ``clients``.
  public let columns: [String: ContiguousArray<Double>]

  /// Creates inputs over the host's identifiers, checking column lengths and that every
  /// client appears once.
  ///
  /// - Parameters:
  ///   - ids: The clients, each once; none gives an empty input.
  ///   - columns: The inputs by name, each with one value per client (NaN for missing).
  /// - Throws: ``SegmentationError/lengthMismatch(what:expected:actual:)`` or
  ///   ``SegmentationError/duplicateClient(_:)``.
  /// - Complexity: O(*n*) with one hash per client.
  public init(ids: [ID], columns: [String: ContiguousArray<Double>]) throws(SegmentationError) {
    try Self.checkLengths(columns, rows: ids.count)
    self.clients = try SegmentationError.clientIndex(ids)
    self.columns = columns
  }

  /// Creates inputs over an existing row space, checking column lengths.
  ///
  /// - Parameters:
  ///   - clients: The row space.
  ///   - columns: The inputs by name, each with one value per row (NaN for missing).
  /// - Throws: ``SegmentationError/lengthMismatch(what:expected:actual:)``.
  /// - Complexity: O(*k*) for *k* columns.
  public init(clients: ClientIndex<ID>, columns: [String: ContiguousArray<Double>])
    throws(SegmentationError)
  {
    try Self.checkLengths(columns, rows: clients.count)
    self.clients = clients
    self.columns = columns
  }

  private static func checkLengths(_ columns: [String: ContiguousArray<Double>], rows: Int)
    throws(SegmentationError)
  {
    // In name order, so the column named in the error is the same in every process.
    for name in columns.keys.sorted() {
      let count = columns[name]?.count ?? 0
      guard count == rows else {
        throw .lengthMismatch(what: "column \(name)", expected: rows, actual: count)
      }
    }
  }

  /// The client of each row.
  public var ids: [ID] { clients.ids }

  /// The number of clients.
  public var count: Int { clients.count }

  /// Whether there are no clients.
  public var isEmpty: Bool { clients.isEmpty }
}
