public import ClientBaseCore

/// One number per client — spend, margin, deposits, a balance — in a column aligned with a
/// row space.
///
/// Every value-based policy (ABC, RFM's monetary score, tiers) works on a measure the host
/// chooses; this is the shape it arrives in. The values are checked once, here, so the
/// classifiers can trust them: finite, and each client once.
///
/// ```swift
/// let spend = try ClientValues(ids: ["a", "b", "c"], values: [1_200, 80, 15])
/// let net = ClientValues.netSpend(of: table)      // over table.clients, no index rebuilt
/// let margin = try ClientValues(clients: table.clients, values: marginColumn)
/// spend[client: "b"]                              // 80
/// ```
///
/// A column is a `ClientResult` whose entry is the value, so it joins other results by
/// client (`table.clients.joined(spend, abc)`).
public struct ClientValues<ID: Hashable & Sendable>: ClientResult {
  /// The row space: the client of each row.
  public let clients: ClientIndex<ID>
  /// The value of each row.
  public let values: ContiguousArray<Double>

  /// Creates a column over a host's own identifiers, checking that every value is finite and
  /// every client appears once.
  ///
  /// - Parameters:
  ///   - ids: The clients.
  ///   - values: Each client's value, in the same order.
  /// - Throws: ``SegmentationError/lengthMismatch(what:expected:actual:)``,
  ///   ``SegmentationError/nonFiniteValue(at:value:)`` (naming the client) or
  ///   ``SegmentationError/duplicateClient(_:)``.
  /// - Complexity: O(*n*) with one hash insertion per client.
  public init(ids: [ID], values: some Sequence<Double>) throws(SegmentationError) {
    let column = try Self.checkedColumn(values, of: ids)
    self.init(trustedClients: try SegmentationError.clientIndex(ids), values: column)
  }

  /// Creates a column over an existing row space — a table's, a log's, another result's —
  /// checking that every value is finite; the index is shared, not rebuilt.
  ///
  /// ```swift
  /// let margin = try ClientValues(clients: table.clients, values: marginByRow)
  /// ```
  ///
  /// - Parameters:
  ///   - clients: The row space.
  ///   - values: One value per row of `clients`, in its order.
  /// - Throws: ``SegmentationError/lengthMismatch(what:expected:actual:)`` or
  ///   ``SegmentationError/nonFiniteValue(at:value:)`` (naming the client).
  /// - Complexity: O(*n*), no hashing.
  public init(clients: ClientIndex<ID>, values: some Sequence<Double>) throws(SegmentationError) {
    let column = try Self.checkedColumn(values, of: clients.ids)
    self.init(trustedClients: clients, values: column)
  }

  /// Creates a column whose rows are already known to line up with finite values.
  init(trustedClients clients: ClientIndex<ID>, values: ContiguousArray<Double>) {
    self.clients = clients
    self.values = values
  }

  /// A column of one finite value per client of `ids`, or the error that says what is wrong
  /// (a non-finite value named by its client).
  private static func checkedColumn(_ values: some Sequence<Double>, of ids: [ID])
    throws(SegmentationError) -> ContiguousArray<Double>
  {
    let column = ContiguousArray(values)
    guard column.count == ids.count else {
      throw .lengthMismatch(what: "values", expected: ids.count, actual: column.count)
    }
    for (row, value) in column.enumerated() where !value.isFinite {
      throw .nonFiniteValue(at: .client(String(describing: ids[row]), row: row), value: value)
    }
    return column
  }

  /// The value of a row.
  ///
  /// - Parameter row: A row, `0..<count`.
  public subscript(row: Int) -> Double { values[row] }

  /// The value of a row as a sentence: "value 1,234.50".
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The reason.
  public func reason(forRow row: Int) -> String {
    "value \(NumberText.decimal(values[row]))"
  }

  /// Each client's net spend (gross spend less refunds) from a summarised base.
  ///
  /// - Parameter table: The base; the column's row space is `table.clients`.
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
    return ClientValues(trustedClients: table.clients, values: values)
  }

  /// Each client's gross spend (refunds not subtracted) from a summarised base.
  ///
  /// - Parameter table: The base; the column's row space is `table.clients`.
  /// - Returns: The column, aligned with `table`'s rows.
  /// - Complexity: O(1): the table's column and index are shared.
  public static func grossSpend(of table: ClientTable<ID>) -> ClientValues<ID> {
    ClientValues(trustedClients: table.clients, values: table.grossSpend)
  }
}
