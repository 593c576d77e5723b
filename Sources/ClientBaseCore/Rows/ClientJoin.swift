/// Several whole-base results side by side in one row space: for each client, the entry of
/// every result (or `nil` where a result does not hold the client), typed, in one call.
///
/// Results computed over different clients — ABC over every client of a purchase log, RFM
/// and the retention scores over the table's buyers, tiers over the clients with an account —
/// are each aligned to the join's row space once; reading a row then costs one array look-up
/// per result.
///
/// ```swift
/// let view = table.clients.joined(abc, rfm, scores, tiers)
/// let (abcClass, segment, score, tier) = view[row]   // ABCClass?, RFMSegment?, ClientScore?, Tier?
/// view[client: "c-1042"]                             // the same for one client, or nil
/// view.reasons(forRow: row)                          // each result's reason, in order
/// ```
public struct ClientJoin<ID: Hashable & Sendable, each Value: Sendable>: ClientResult {
  /// The row space the results are read in.
  public let clients: ClientIndex<ID>
  let columns: (repeat JoinedColumn<ID, each Value>)

  /// Aligns every result to a row space.
  ///
  /// - Parameters:
  ///   - clients: The row space to read the results in.
  ///   - results: The results, in the order their entries appear in a row.
  /// - Complexity: That of ``ClientIndex/alignment(to:)`` per result.
  public init(on clients: ClientIndex<ID>, _ results: repeat any ClientResult<ID, each Value>) {
    self.clients = clients
    self.columns = (repeat JoinedColumn(each results, to: clients))
  }

  /// Every result's entry for a row, in the order the results were given; `nil` where a
  /// result does not hold the row's client.
  ///
  /// - Parameter row: A row of ``clients``.
  public subscript(row: Int) -> (repeat (each Value)?) {
    (repeat (each columns).entry(forRow: row))
  }

  /// Every result's reason for a row, in the order the results were given; `nil` where a
  /// result does not hold the row's client.
  ///
  /// - Parameter row: A row of ``clients``.
  /// - Returns: One reason per result.
  public func reasons(forRow row: Int) -> [String?] {
    var reasons: [String?] = []
    for column in repeat each columns {
      reasons.append(column.reason(forRow: row))
    }
    return reasons
  }

  /// The reasons of every result that holds the row's client, joined with "; ".
  ///
  /// - Parameter row: A row of ``clients``.
  /// - Returns: The reason.
  public func reason(forRow row: Int) -> String {
    reasons(forRow: row).compactMap { $0 }.joined(separator: "; ")
  }
}

extension ClientIndex {
  /// Several results side by side in this row space, in one call.
  ///
  /// ```swift
  /// let view = table.clients.joined(abc, rfm, scores)
  /// let (abcClass, segment, score) = view[row]
  /// ```
  ///
  /// - Parameter results: The results, in the order their entries appear in a row.
  /// - Returns: The join.
  /// - Complexity: That of ``alignment(to:)`` per result.
  public func joined<each Value>(_ results: repeat any ClientResult<ID, each Value>)
    -> ClientJoin<ID, repeat each Value>
  {
    ClientJoin(on: self, repeat each results)
  }
}

/// One result of a join, aligned to the join's row space.
struct JoinedColumn<ID: Hashable & Sendable, Entry: Sendable>: Sendable {
  let alignment: RowAlignment
  let entry: @Sendable (Int) -> Entry
  let reason: @Sendable (Int) -> String

  init(_ result: any ClientResult<ID, Entry>, to clients: ClientIndex<ID>) {
    self.init(opened: result, to: clients)
  }

  private init<Result: ClientResult<ID, Entry>>(opened result: Result, to clients: ClientIndex<ID>)
  {
    alignment = result.clients.alignment(to: clients)
    entry = { result[$0] }
    reason = { result.reason(forRow: $0) }
  }

  func entry(forRow row: Int) -> Entry? {
    alignment.sourceRow(forRow: row).map(entry)
  }

  func reason(forRow row: Int) -> String? {
    alignment.sourceRow(forRow: row).map(reason)
  }
}
