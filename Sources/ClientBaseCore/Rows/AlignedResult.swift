/// A whole-base result read in another row space: each row of the new space holds the
/// result's entry for that client, or `nil` when the result does not hold it.
///
/// Made by ``ClientResult/aligned(to:)``. The alignment is computed once; reading a row then
/// costs one array look-up.
///
/// ```swift
/// let abcByRow = abc.aligned(to: table.clients)   // ABC was computed over the log's clients
/// abcByRow[row]                                   // the class of the table's row, or nil
/// ```
public struct AlignedResult<Base: ClientResult>: ClientResult {
  /// The result being read.
  public let base: Base
  /// The row space it is read in.
  public let clients: ClientIndex<Base.ID>
  /// For each row of ``clients``, the base's row.
  public let alignment: RowAlignment

  /// Reads a result in another row space.
  ///
  /// - Parameters:
  ///   - base: The result.
  ///   - clients: The row space to read it in.
  /// - Complexity: That of ``ClientIndex/alignment(to:)``.
  public init(_ base: Base, to clients: ClientIndex<Base.ID>) {
    self.base = base
    self.clients = clients
    self.alignment = base.clients.alignment(to: clients)
  }

  /// The base's entry for a row's client, or `nil` when the base does not hold it.
  ///
  /// - Parameter row: A row of ``clients``.
  public subscript(row: Int) -> Base.Entry? {
    alignment.sourceRow(forRow: row).map { base[$0] }
  }

  /// The base's reason for a row's client, or a sentence saying the base does not hold it.
  ///
  /// - Parameter row: A row of ``clients``.
  /// - Returns: The reason.
  public func reason(forRow row: Int) -> String {
    alignment.sourceRow(forRow: row).map { base.reason(forRow: $0) } ?? "not in this result"
  }

  /// The base's reasons for many rows, asked of the base in one call.
  ///
  /// - Parameter rows: Rows of ``clients``.
  /// - Returns: One reason per element of `rows`.
  public func reasons(forRows rows: some Sequence<Int>) -> [String] {
    let sourceRows = rows.map { alignment.sourceRow(forRow: $0) }
    var found = base.reasons(forRows: sourceRows.compactMap { $0 }).makeIterator()
    return sourceRows.map { $0 == nil ? "not in this result" : (found.next() ?? "") }
  }
}

extension AlignedResult: ClassifiedResult where Base: ClassifiedResult {
  /// The base's scale.
  public var scale: [Base.Label] { base.scale }

  /// The base's label for a row's client, or `nil` when the base does not hold the client or
  /// gives it no label.
  ///
  /// - Parameter row: A row of ``clients``.
  public func label(forRow row: Int) -> Base.Label? {
    alignment.sourceRow(forRow: row).flatMap { base.label(forRow: $0) }
  }
}
