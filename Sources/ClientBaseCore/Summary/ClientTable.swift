/// Per-client summaries for a whole base, in columns aligned by row.
///
/// Every analysis iterates these columns; results over a base are arrays aligned with the
/// rows, and ``row(for:)`` finds a client's row by identifier. A table holds only clients with
/// at least one purchase day as rows; rows follow the order in which clients first appeared in the
/// input.
///
/// ```swift
/// let table = try Summarizer().summarize(purchases)
/// let row = table.row(for: "c-1")!
/// table[row].purchaseDays
/// ```
public struct ClientTable<ID: Hashable & Sendable>: Sendable {
  /// The row space: the client of each row, found by identifier in constant time.
  public private(set) var clients: ClientIndex<ID>
  /// The first purchase day of each row.
  public private(set) var firstDays: ContiguousArray<Day>
  /// The last purchase day of each row.
  public private(set) var lastDays: ContiguousArray<Day>
  /// The number of distinct purchase days of each row.
  public private(set) var purchaseDayCounts: ContiguousArray<Int32>
  /// The gross spend (refunds excluded) of each row.
  public private(set) var grossSpend: ContiguousArray<Double>
  /// The spend on the first purchase day of each row.
  public private(set) var firstDaySpend: ContiguousArray<Double>
  /// The spend on the purchase days after the first of each row, summed from those days.
  public private(set) var repeatSpend: ContiguousArray<Double>
  /// The refunded amount (non-negative) of each row.
  public private(set) var refunded: ContiguousArray<Double>
  /// Refunded amounts (non-negative) of clients with refunds but no purchase day.
  ///
  /// They are not rows: there is no purchase history to analyse. Kept so that a client's
  /// refund in one shard and purchases in another still merge into one summary.
  public internal(set) var refundsWithoutPurchase: [ID: Double]

  /// Creates a table from per-client summaries.
  ///
  /// Clients with no purchase day are not rows; their refunds go to
  /// ``refundsWithoutPurchase``.
  ///
  /// - Parameter summaries: Each client once, with its summary.
  /// - Throws: ``InputError/duplicateClient(_:)`` when a client appears twice.
  /// - Complexity: O(*n*).
  public init(_ summaries: some Sequence<(ID, ClientSummary)>) throws(InputError) {
    self.init(reservingCapacity: summaries.underestimatedCount)
    var builder = ClientIndex<ID>.Builder(reservingCapacity: summaries.underestimatedCount)
    var refundOnly = Set<ID>()
    for (id, summary) in summaries {
      guard builder.row(for: id) == nil, !refundOnly.contains(id) else {
        throw .duplicateClient(String(describing: id))
      }
      if summary.isEmpty {
        refundOnly.insert(id)
        if summary.refunded > 0 { refundsWithoutPurchase[id] = summary.refunded }
      } else {
        _ = builder.append(id)
        appendRow(summary)
      }
    }
    clients = builder.index
  }

  init(reservingCapacity capacity: Int) {
    clients = ClientIndex()
    firstDays = []
    lastDays = []
    purchaseDayCounts = []
    grossSpend = []
    firstDaySpend = []
    repeatSpend = []
    refunded = []
    refundsWithoutPurchase = [:]
    firstDays.reserveCapacity(capacity)
    lastDays.reserveCapacity(capacity)
    purchaseDayCounts.reserveCapacity(capacity)
    grossSpend.reserveCapacity(capacity)
    firstDaySpend.reserveCapacity(capacity)
    repeatSpend.reserveCapacity(capacity)
    refunded.reserveCapacity(capacity)
  }

  /// Appends a summary's columns; the caller keeps the row space in step.
  mutating func appendRow(_ summary: ClientSummary) {
    firstDays.append(summary.firstDay)
    lastDays.append(summary.lastDay)
    purchaseDayCounts.append(Int32(clamping: summary.purchaseDays))
    grossSpend.append(summary.grossSpend)
    firstDaySpend.append(summary.firstDaySpend)
    repeatSpend.append(summary.repeatSpend)
    refunded.append(summary.refunded)
  }

  /// The summary in a row.
  ///
  /// - Parameter row: The row, `0..<count`.
  public subscript(row: Int) -> ClientSummary {
    ClientSummary(
      firstDay: firstDays[row], lastDay: lastDays[row],
      purchaseDays: Int(purchaseDayCounts[row]), grossSpend: grossSpend[row],
      firstDaySpend: firstDaySpend[row], repeatSpend: repeatSpend[row], refunded: refunded[row])
  }

  /// The summary of a client, or `nil` when the client is not in the table.
  ///
  /// A client with refunds only gets an empty summary carrying those refunds.
  ///
  /// - Parameter id: The client.
  public subscript(client id: ID) -> ClientSummary? {
    if let row = row(for: id) { return self[row] }
    guard let refunds = refundsWithoutPurchase[id] else { return nil }
    var summary = ClientSummary.empty
    summary.refunded = refunds
    return summary
  }

  /// The last purchase day over all clients, or `nil` for an empty table.
  public var lastPurchaseDay: Day? { lastDays.max() }

  /// The table of both tables' clients, with the summaries of clients in both merged.
  ///
  /// Tables of shards of a base merge into the table of the whole base (see
  /// ``ClientSummary/merging(_:)`` for when that is exact). Rows of `self` come first, then the
  /// clients only `other` has.
  ///
  /// - Parameter other: The other table.
  /// - Returns: The merged table.
  /// - Complexity: O(*n* + *m*).
  public func merging(_ other: ClientTable<ID>) -> ClientTable<ID> {
    var result = self
    var builder = ClientIndex<ID>.Builder(clients)
    for row in 0..<other.count {
      let id = other.ids[row]
      var summary = other[row]
      if let refunds = result.refundsWithoutPurchase.removeValue(forKey: id) {
        summary.refunded += refunds
      }
      if let mine = builder.row(for: id) {
        result.setRow(mine, result[mine].merging(summary))
      } else {
        _ = builder.append(id)
        result.appendRow(summary)
      }
    }
    result.clients = builder.index
    for (id, refunds) in other.refundsWithoutPurchase {
      if let mine = result.row(for: id) {
        result.refunded[mine] += refunds
      } else {
        result.refundsWithoutPurchase[id, default: 0] += refunds
      }
    }
    return result
  }

  mutating func setRow(_ row: Int, _ summary: ClientSummary) {
    firstDays[row] = summary.firstDay
    lastDays[row] = summary.lastDay
    purchaseDayCounts[row] = Int32(clamping: summary.purchaseDays)
    grossSpend[row] = summary.grossSpend
    firstDaySpend[row] = summary.firstDaySpend
    repeatSpend[row] = summary.repeatSpend
    refunded[row] = summary.refunded
  }
}

extension ClientTable {
  /// The table of the clients with a purchase day, from the summarizer's columns (rows in
  /// client order, the other clients listed as dropped); the refunds of the dropped clients
  /// go to ``refundsWithoutPurchase``.
  ///
  /// Column-wise and non-generic except for the identifiers, so it costs little even when the
  /// caller's module cannot specialise it.
  init(_ clientIDs: [ID], index: IdentifierIndex, _ columns: SummaryColumns) {
    self.init(reservingCapacity: 0)
    firstDays = columns.first
    lastDays = columns.last
    purchaseDayCounts = columns.purchaseDays
    grossSpend = columns.gross
    firstDaySpend = columns.firstSpend
    repeatSpend = columns.repeatSpend
    refunded = columns.refunded
    guard !columns.dropped.isEmpty else {
      // Rows are client indices: the identifiers and their index carry over as they are.
      clients = ClientIndex(ids: clientIDs, lookup: index)
      return
    }
    for (client, amount) in columns.refundOnly {
      refundsWithoutPurchase[clientIDs[Int(client)]] = amount
    }
    // Keep the log's identifier index (hashing every identifier again costs more than the
    // whole summary when the identifier type is not specialised) and map its slots to rows.
    // Rows are the clients not dropped, in order: copy the identifiers between dropped ones.
    let n = clientIDs.count
    var rowIDs: [ID] = []
    rowIDs.reserveCapacity(columns.count)
    var map = ContiguousArray<Int32>(repeating: -1, count: n)
    map.withUnsafeMutableBufferPointer { map in
      var next = 0
      var row: Int32 = 0
      for dropped in columns.dropped {
        let end = Int(dropped)
        if next < end {
          rowIDs.append(contentsOf: clientIDs[next..<end])
          for client in next..<end {
            map[client] = row
            row &+= 1
          }
        }
        next = end + 1
      }
      if next < n {
        rowIDs.append(contentsOf: clientIDs[next..<n])
        for client in next..<n {
          map[client] = row
          row &+= 1
        }
      }
    }
    clients = ClientIndex(ids: rowIDs, keys: clientIDs, lookup: index, rowOfKey: map)
  }
}

extension ClientTable: ClientResult {
  /// A row's purchase history in a sentence: "4 purchase days from 2024-01-03 to 2024-11-20,
  /// net spend 1,234.50" (with the refunds when there were some).
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The reason.
  public func reason(forRow row: Int) -> String {
    let summary = self[row]
    let days =
      summary.purchaseDays == 1 ? "1 purchase day" : "\(summary.purchaseDays) purchase days"
    let span =
      summary.firstDay == summary.lastDay
      ? "on \(summary.firstDay)" : "from \(summary.firstDay) to \(summary.lastDay)"
    var text = "\(days) \(span), net spend \(NumberText.decimal(summary.netSpend))"
    if summary.refunded > 0 { text += " (refunded \(NumberText.decimal(summary.refunded)))" }
    return text
  }
}

extension ClientTable: Sequence {
  /// Iterates `(id, summary)` pairs in row order.
  public struct Iterator: IteratorProtocol, Sendable {
    let table: ClientTable<ID>
    var row = 0

    /// The next client and summary.
    public mutating func next() -> (ID, ClientSummary)? {
      guard row < table.count else { return nil }
      defer { row += 1 }
      return (table.clients[row], table[row])
    }
  }

  /// An iterator over `(id, summary)` pairs in row order.
  public func makeIterator() -> Iterator { Iterator(table: self) }

  /// The number of rows.
  public var underestimatedCount: Int { count }
}
