public import ClientBaseCore

/// The three raw RFM measures of every client, in columns over one row space: days since the
/// last purchase, purchase days, and money.
///
/// Build them from a summarised base with ``init(table:asOf:monetary:)`` (the row space is the
/// table's) or pass a host's own columns to ``init(ids:recencyDays:frequency:monetary:)`` or
/// ``init(clients:recencyDays:frequency:monetary:)``.
public struct RFMMeasures<ID: Hashable & Sendable>: Sendable {
  /// The row space: the client of each row.
  public let clients: ClientIndex<ID>
  /// Days from each client's last purchase to the as-of day (0 = bought that day); lower is
  /// better.
  public let recencyDays: ContiguousArray<Int32>
  /// Each client's number of distinct purchase days; higher is better.
  public let frequency: ContiguousArray<Int32>
  /// Each client's money measure (net spend by default); higher is better.
  public let monetary: ContiguousArray<Double>

  /// Creates the measures from a summarised base as of a day.
  ///
  /// - Parameters:
  ///   - table: The base, summarised up to `day`; the measures' row space is `table.clients`.
  ///   - day: The as-of day recency is counted to.
  ///   - monetary: The money measure of the table's clients; their net spend when `nil`.
  ///     Its rows may be in any order but must name exactly the table's clients.
  /// - Throws: ``SegmentationError/invalidParameter(_:reason:)`` when a client's last
  ///   purchase is after `day`; ``SegmentationError/lengthMismatch(what:expected:actual:)`` or
  ///   ``SegmentationError/unknownClients(count:example:)`` (every unknown client counted, the
  ///   example the first in `monetary`'s order) when `monetary` names other clients than the
  ///   table.
  /// - Complexity: O(*n*); one hash look-up per client only when `monetary`'s row space is
  ///   neither the table's nor its log's.
  public init(table: ClientTable<ID>, asOf day: Day, monetary: ClientValues<ID>? = nil)
    throws(SegmentationError)
  {
    let count = table.count
    var recency = ContiguousArray<Int32>(repeating: 0, count: count)
    let asOf = Int64(day.daysSince1970)
    for row in 0..<count {
      let days = asOf - Int64(table.lastDays[row].daysSince1970)
      guard days >= 0 else {
        throw .invalidParameter(
          "asOf",
          reason:
            "client \(table.clients[row]) last bought on \(table.lastDays[row]), after \(day)")
      }
      recency[row] = Int32(clamping: days)
    }
    let money: ContiguousArray<Double>
    if let monetary {
      guard monetary.count == count else {
        throw .lengthMismatch(what: "monetary values", expected: count, actual: monetary.count)
      }
      let rows = monetary.clients.alignment(to: table.clients)
      guard rows.isComplete else {
        // Equal counts and distinct clients: each table client missing from `monetary` leaves
        // one of `monetary`'s clients outside the table.
        let back = table.clients.alignment(to: monetary.clients)
        let unknown = (0..<monetary.count).filter { back.sourceRow(forRow: $0) == nil }
        throw .unknownClients(
          count: unknown.count,
          example: unknown.first.map { String(describing: monetary.clients[$0]) } ?? "")
      }
      money = rows.gathered(monetary.values, missing: 0)
    } else {
      money = ClientValues.netSpend(of: table).values
    }
    clients = table.clients
    recencyDays = recency
    frequency = table.purchaseDayCounts
    self.monetary = money
  }

  /// Creates the measures from a host's own columns over its own identifiers.
  ///
  /// - Parameters:
  ///   - ids: The clients, each once.
  ///   - recencyDays: Days since each client's last purchase, non-negative.
  ///   - frequency: Each client's purchase count, non-negative.
  ///   - monetary: Each client's money measure, finite.
  /// - Throws: ``SegmentationError/lengthMismatch(what:expected:actual:)``,
  ///   ``SegmentationError/nonFiniteValue(row:value:)``,
  ///   ``SegmentationError/duplicateClient(_:)`` or
  ///   ``SegmentationError/negativeValue(row:value:)`` for a negative recency or frequency.
  /// - Complexity: O(*n*) with one hash insertion per client.
  public init(
    ids: [ID], recencyDays: ContiguousArray<Int32>, frequency: ContiguousArray<Int32>,
    monetary: ContiguousArray<Double>
  ) throws(SegmentationError) {
    try Self.checkLengths(ids.count, recencyDays: recencyDays, frequency: frequency)
    let checked = try ClientValues(ids: ids, values: monetary)
    try self.init(
      checkedClients: checked.clients, recencyDays: recencyDays, frequency: frequency,
      monetary: checked.values)
  }

  /// Creates the measures from a host's own columns over an existing row space; the index is
  /// shared, not rebuilt.
  ///
  /// - Parameters:
  ///   - clients: The row space.
  ///   - recencyDays: Days since each client's last purchase, non-negative.
  ///   - frequency: Each client's purchase count, non-negative.
  ///   - monetary: Each client's money measure, finite.
  /// - Throws: ``SegmentationError/lengthMismatch(what:expected:actual:)``,
  ///   ``SegmentationError/nonFiniteValue(row:value:)`` or
  ///   ``SegmentationError/negativeValue(row:value:)`` for a negative recency or frequency.
  /// - Complexity: O(*n*), no hashing.
  public init(
    clients: ClientIndex<ID>, recencyDays: ContiguousArray<Int32>,
    frequency: ContiguousArray<Int32>, monetary: ContiguousArray<Double>
  ) throws(SegmentationError) {
    try Self.checkLengths(clients.count, recencyDays: recencyDays, frequency: frequency)
    let checked = try ClientValues(clients: clients, values: monetary)
    try self.init(
      checkedClients: clients, recencyDays: recencyDays, frequency: frequency,
      monetary: checked.values)
  }

  /// Checks the signs of the whole-number columns, whose lengths are already checked.
  private init(
    checkedClients clients: ClientIndex<ID>, recencyDays: ContiguousArray<Int32>,
    frequency: ContiguousArray<Int32>, monetary: ContiguousArray<Double>
  ) throws(SegmentationError) {
    for row in 0..<clients.count where recencyDays[row] < 0 || frequency[row] < 0 {
      throw .negativeValue(row: row, value: Double(Swift.min(recencyDays[row], frequency[row])))
    }
    self.clients = clients
    self.recencyDays = recencyDays
    self.frequency = frequency
    self.monetary = monetary
  }

  /// Checks that the whole-number columns have one value per client.
  private static func checkLengths(
    _ count: Int, recencyDays: ContiguousArray<Int32>, frequency: ContiguousArray<Int32>
  ) throws(SegmentationError) {
    guard recencyDays.count == count else {
      throw .lengthMismatch(what: "recencyDays", expected: count, actual: recencyDays.count)
    }
    guard frequency.count == count else {
      throw .lengthMismatch(what: "frequency", expected: count, actual: frequency.count)
    }
  }

  /// The number of clients (rows).
  public var count: Int { clients.count }

  /// Whether there is no client.
  public var isEmpty: Bool { clients.isEmpty }

  /// The client of each row.
  public var ids: [ID] { clients.ids }
}
