/// How the rows of one row space map onto another's: for each row of a *target*, the row of
/// the same client in a *source*, or none.
///
/// Made by ``ClientIndex/alignment(to:)``. Reading a source column through an alignment puts
/// it in the target's row order, so results computed over different clients — ABC over every
/// client of a log, RFM over the table's buyers — line up row by row.
///
/// ```swift
/// let rows = abc.clients.alignment(to: table.clients)
/// rows.sourceRow(forRow: 0)                        // abc's row of the table's first client
/// let classes = rows.gathered(abc.classes, missing: .c)
/// ```
public struct RowAlignment: Hashable, Sendable {
  /// The number of target rows.
  public let count: Int
  /// The number of source rows.
  public let sourceCount: Int
  /// The source row of each target row (−1 for none), or `nil` when every target row is the
  /// same row of the source.
  let sourceRows: ContiguousArray<Int32>?
  /// The number of target rows with a source row.
  public let matchedCount: Int

  /// The alignment of a row space with itself.
  init(identityOf count: Int) {
    self.count = count
    self.sourceCount = count
    self.sourceRows = nil
    self.matchedCount = count
  }

  /// An alignment from explicit source rows.
  init(sourceRows: ContiguousArray<Int32>, sourceCount: Int) {
    self.count = sourceRows.count
    self.sourceCount = sourceCount
    var matched = 0
    sourceRows.withUnsafeBufferPointer { rows in
      for row in rows { matched &+= row >= 0 ? 1 : 0 }
    }
    self.matchedCount = matched
    // Keep the identity form when the map is the identity: readers then skip the look-up.
    if matched == sourceRows.count, sourceRows.count == sourceCount,
      sourceRows.indices.allSatisfy({ sourceRows[$0] == Int32(truncatingIfNeeded: $0) })
    {
      self.sourceRows = nil
    } else {
      self.sourceRows = sourceRows
    }
  }

  /// Whether each target row is the same row of the source (the same row space).
  public var isIdentity: Bool { sourceRows == nil }

  /// Whether every target row has a source row.
  public var isComplete: Bool { matchedCount == count }

  /// The source row of a target row, or `nil` when the source does not hold that client.
  ///
  /// - Parameter row: A target row, `0..<count`.
  /// - Returns: The source row.
  /// - Complexity: O(1).
  @inline(__always)
  public func sourceRow(forRow row: Int) -> Int? {
    guard let sourceRows else { return row }
    let source = sourceRows[row]
    return source >= 0 ? Int(source) : nil
  }

  /// A source column in the target's row order.
  ///
  /// A column of another length than ``sourceCount`` is read as far as it goes: a source row
  /// past its end reads `missing` too, and for the identity alignment the result has ``count``
  /// values all the same.
  ///
  /// - Parameters:
  ///   - column: One value per source row.
  ///   - missing: The value of a target row the source does not hold.
  /// - Returns: One value per target row.
  /// - Complexity: O(1) for an identity alignment and a column of the source's length (the
  ///   column itself), O(*n*) otherwise.
  public func gathered<Value>(_ column: ContiguousArray<Value>, missing: Value)
    -> ContiguousArray<Value>
  {
    if sourceRows == nil, column.count == count { return column }
    var result = ContiguousArray<Value>()
    result.reserveCapacity(count)
    for row in 0..<count { result.append(value(forRow: row, in: column, missing: missing)) }
    return result
  }

  /// A source column in the target's row order, read as the `ContiguousArray` overload reads
  /// it (a column of another length than ``sourceCount`` is read as far as it goes).
  ///
  /// - Parameters:
  ///   - column: One value per source row.
  ///   - missing: The value of a target row the source does not hold.
  /// - Returns: One value per target row.
  /// - Complexity: O(1) for an identity alignment and a column of the source's length, O(*n*)
  ///   otherwise.
  public func gathered<Value>(_ column: [Value], missing: Value) -> [Value] {
    if sourceRows == nil, column.count == count { return column }
    return (0..<count).map { value(forRow: $0, in: column, missing: missing) }
  }

  /// The value of a target row read from a source column, `missing` when the source does not
  /// hold the client or the column is too short.
  @inline(__always)
  private func value<Column: RandomAccessCollection<Value>, Value>(
    forRow row: Int, in column: Column, missing: Value
  ) -> Value where Column.Index == Int {
    guard let source = sourceRow(forRow: row), source < column.count else { return missing }
    return column[column.startIndex + source]
  }
}
