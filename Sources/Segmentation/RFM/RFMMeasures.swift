public import ClientBaseCore

/// The three raw RFM measures of every client, in columns aligned by row: days since the last
/// purchase, purchase days, and money.
///
/// Build them from a summarised base with ``init(table:asOf:monetary:)`` or pass a host's
/// own columns to ``init(ids:recencyDays:frequency:monetary:)``.
public struct RFMMeasures<ID: Hashable & Sendable>: Sendable {
  /// The client of each row.
  public let ids: [ID]
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
  ///   - table: The base, summarised up to `day`.
  ///   - day: The as-of day recency is counted to.
  ///   - monetary: The money measure of the table's clients; their net spend when `nil`.
  ///     Its rows may be in any order but must name exactly the table's clients.
  /// - Throws: ``SegmentationError/invalidParameter(_:reason:)`` when a client's last
  ///   purchase is after `day`; ``SegmentationError/lengthMismatch(what:expected:actual:)`` or
  ///   ``SegmentationError/unknownClients(count:example:)`` when `monetary` names other
  ///   clients than the table.
  /// - Complexity: O(*n*); one hash look-up per client only when `monetary`'s rows are not
  ///   the table's.
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
            "client \(table.ids[row]) last bought on \(table.lastDays[row]), after \(day)")
      }
      recency[row] = Int32(clamping: days)
    }
    var money: ContiguousArray<Double>
    if let monetary {
      guard monetary.count == count else {
        throw .lengthMismatch(what: "monetary values", expected: count, actual: monetary.count)
      }
      if monetary.ids == table.ids {
        money = monetary.values
      } else {
        money = ContiguousArray(repeating: 0, count: count)
        var unknown = 0
        var example: ID?
        for (index, id) in monetary.ids.enumerated() {
          guard let row = table.row(for: id) else {
            // Keep going so the error can say how many clients are unknown, not just one.
            unknown += 1
            if example == nil { example = id }
            continue
          }
          money[row] = monetary.values[index]
        }
        if let example {
          throw .unknownClients(count: unknown, example: String(describing: example))
        }
      }
    } else {
      money = ClientValues.netSpend(of: table).values
    }
    ids = table.ids
    recencyDays = recency
    frequency = table.purchaseDayCounts
    self.monetary = money
  }

  /// Creates the measures from a host's own columns.
  ///
  /// - Parameters:
  ///   - ids: The clients, each once.
  ///   - recencyDays: Days since each client's last purchase, non-negative.
  ///   - frequency: Each client's purchase count, non-negative.
  ///   - monetary: Each client's money measure, finite.
  /// - Throws: ``SegmentationError/lengthMismatch(what:expected:actual:)``,
  ///   ``SegmentationError/negativeValue(row:value:)`` for a negative recency or frequency,
  ///   ``SegmentationError/nonFiniteValue(row:value:)`` or
  ///   ``SegmentationError/duplicateClient(_:)``.
  /// - Complexity: O(*n*).
  public init(
    ids: [ID], recencyDays: ContiguousArray<Int32>, frequency: ContiguousArray<Int32>,
    monetary: ContiguousArray<Double>
  ) throws(SegmentationError) {
    guard recencyDays.count == ids.count else {
      throw .lengthMismatch(what: "recencyDays", expected: ids.count, actual: recencyDays.count)
    }
    guard frequency.count == ids.count else {
      throw .lengthMismatch(what: "frequency", expected: ids.count, actual: frequency.count)
    }
    let checked = try ClientValues(ids: ids, values: monetary)
    for row in 0..<ids.count where recencyDays[row] < 0 || frequency[row] < 0 {
      throw .negativeValue(row: row, value: Double(Swift.min(recencyDays[row], frequency[row])))
    }
    self.ids = ids
    self.recencyDays = recencyDays
    self.frequency = frequency
    self.monetary = checked.values
  }

  /// The number of clients.
  public var count: Int { ids.count }
}
