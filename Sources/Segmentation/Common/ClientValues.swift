public import ClientBaseCore

/// One number per client — spend, margin, deposits, a balance — in a column aligned with the
/// clients' identifiers.
///
/// Every value-based policy (ABC, RFM's monetary score, tiers) works on a measure the host
/// chooses; this is the shape it arrives in. The values are checked once, here, so the
/// classifiers can trust them: finite, and each client once.
///
/// ```swift
/// let spend = try ClientValues(ids: ["a", "b", "c"], values: [1_200, 80, 15])
/// let net = ClientValues.netSpend(of: table)   // from a summarised base
/// ```
public struct ClientValues<ID: Hashable & Sendable>: Sendable {
  /// The client of each row.
  public let ids: [ID]
  /// The value of each row.
  public let values: ContiguousArray<Double>

  /// Creates a column, checking that every value is finite and every client appears once.
  ///
  /// - Parameters:
  ///   - ids: The clients.
  ///   - values: Each client's value, in the same order.
  /// - Throws: ``SegmentationError/lengthMismatch(what:expected:actual:)``,
  ///   ``SegmentationError/nonFiniteValue(row:value:)`` or
  ///   ``SegmentationError/duplicateClient(_:)``.
  /// - Complexity: O(*n*) with one hash insertion per client.
  public init(ids: [ID], values: some Sequence<Double>) throws(SegmentationError) {
    let column = ContiguousArray(values)
    guard column.count == ids.count else {
      throw .lengthMismatch(what: "values", expected: ids.count, actual: column.count)
    }
    for (row, value) in column.enumerated() where !value.isFinite {
      throw .nonFiniteValue(row: row, value: value)
    }
    var seen = Set<ID>(minimumCapacity: ids.count)
    for id in ids where !seen.insert(id).inserted {
      throw .duplicateClient(String(describing: id))
    }
    self.ids = ids
    self.values = column
  }

  /// Creates a column whose rows are already known to be distinct clients with finite values.
  init(trustedIDs ids: [ID], values: ContiguousArray<Double>) {
    self.ids = ids
    self.values = values
  }

  /// The number of clients.
  public var count: Int { ids.count }

  /// Whether there are no clients.
  public var isEmpty: Bool { ids.isEmpty }

  /// Each client's net spend (gross spend less refunds) from a summarised base.
  ///
  /// - Parameter table: The base; rows are its rows.
  /// - Returns: The column, aligned with `table`'s rows.
  /// - Complexity: O(*n*).
  public static func netSpend(of table: ClientTable<ID>) -> ClientValues<ID> {
    var values = ContiguousArray<Double>(repeating: 0, count: table.count)
    values.withUnsafeMutableBufferPointer { out in
      table.grossSpend.withUnsafeBufferPointer { gross in
        table.refunded.withUnsafeBufferPointer { refunded in
          for row in out.indices { out[row] = gross[row] - refunded[row] }
        }
      }
    }
    return ClientValues(trustedIDs: table.ids, values: values)
  }

  /// Each client's gross spend (refunds not subtracted) from a summarised base.
  ///
  /// - Parameter table: The base; rows are its rows.
  /// - Returns: The column, aligned with `table`'s rows.
  /// - Complexity: O(*n*).
  public static func grossSpend(of table: ClientTable<ID>) -> ClientValues<ID> {
    ClientValues(trustedIDs: table.ids, values: table.grossSpend)
  }
}
