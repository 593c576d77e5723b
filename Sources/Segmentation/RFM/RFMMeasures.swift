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
  /// ```swift
  /// let lastYear = try PeriodGrid.trailingMonths(12, before: asOf)
  /// let spend = try ClientValues.spend(in: log, over: lastYear.days)   // the log's clients
  /// let measures = try RFMMeasures(table: table, asOf: asOf, monetary: spend)
  /// ```
  ///
  /// - Parameters:
  ///   - table: The base, summarised up to `day`; the measures' row space is `table.clients`.
  ///   - day: The as-of day recency is counted to.
  ///   - monetary: The money measure, over any row space that holds every client of the
  ///     table, in any order; the table's net spend when `nil`. Values of clients the table
  ///     does not hold are ignored: a column over a purchase log's clients — refund-only
  ///     clients and clients who first bought after `day` included — is a natural input, and
  ///     the table's clients are a subset of them.
  /// - Throws: ``SegmentationError/invalidParameter(_:reason:)`` when a client's last
  ///   purchase is after `day`, or when `monetary` has no value for some of the table's
  ///   clients (every such client counted, the example the first in the table's order).
  /// - Complexity: O(*n*) for the table's *n* clients, plus the cost of aligning `monetary`
  ///   to the table: none for the table's own row space or its log's, otherwise one hash per
  ///   client of the table.
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
      // For each of the table's clients, its row in `monetary`; other clients are not read.
      let rows = monetary.clients.alignment(to: table.clients)
      guard rows.isComplete else {
        let missing = (0..<count).filter { rows.sourceRow(forRow: $0) == nil }
        throw .invalidParameter(
          "monetary",
          reason:
            "no value for \(missing.count) of the table's \(count) clients, for example "
            + String(describing: table.clients[missing[0]]))
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
  ///   ``SegmentationError/nonFiniteValue(at:value:)`` for non-finite money,
  ///   ``SegmentationError/duplicateClient(_:)`` or
  ///   ``SegmentationError/negativeValue(at:value:)`` for a negative recency or frequency,
  ///   each naming the client.
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
  ///   ``SegmentationError/nonFiniteValue(at:value:)`` for non-finite money or
  ///   ``SegmentationError/negativeValue(at:value:)`` for a negative recency or frequency,
  ///   each naming the client.
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
      throw .negativeValue(
        at: .client(String(describing: clients[row]), row: row),
        value: Double(Swift.min(recencyDays[row], frequency[row])))
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
