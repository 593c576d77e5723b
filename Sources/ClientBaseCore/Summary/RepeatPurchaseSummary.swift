/// The inputs of the buy-till-you-die models for a whole base, aligned with a table's rows:
/// `x` (repeat purchase days), `t_x` (time from first to last purchase), `T` (time from first
/// purchase to the as-of day) and the mean repeat spend.
///
/// Times are kept as whole days, exactly as counted, and converted to ``unit`` on read
/// (``recency(at:)``, ``age(at:)``): models then work with a few distinct day values, not a
/// million distinct doubles. The names follow the Python CLV libraries: `frequency`,
/// `recency`, `T`, `monetary_value`.
///
/// The summary carries its row space (``clients``): scores computed from it are aligned with
/// the same clients and find a client's row in constant time.
public struct RepeatPurchaseSummary<ID: Hashable & Sendable>: Hashable, Sendable {
  /// The row space: the client of each row.
  public let clients: ClientIndex<ID>
  /// The day the summary is as of.
  public let asOf: Day
  /// The unit ``recency(at:)`` and ``age(at:)`` are expressed in.
  public let unit: TimeUnit
  /// `x`: repeat purchase days per client.
  public let frequency: ContiguousArray<Int32>
  /// `t_x` in days: from the first to the last purchase day.
  public let recencyDays: ContiguousArray<Int32>
  /// `T` in days: from the first purchase day to the as-of day.
  public let ageDays: ContiguousArray<Int32>
  /// Mean spend per repeat purchase day; 0 for clients with no repeat purchase.
  public let monetaryValue: ContiguousArray<Double>

  /// Creates a summary from columns a host computed (a data warehouse's `GROUP BY`).
  ///
  /// - Parameters:
  ///   - clients: The client of each row, each once.
  ///   - asOf: The day the summary is as of, in `Summarizer.supportedDays`.
  ///   - unit: The unit for reading times.
  ///   - frequency: `x` per client.
  ///   - recencyDays: `t_x` in days per client.
  ///   - ageDays: `T` in days per client; the first purchase, `T` days before `asOf`, lies in
  ///     `Summarizer.supportedDays` too.
  ///   - monetaryValue: Mean repeat spend per client.
  /// - Throws: ``InputError/invalidParameter(_:reason:)`` when the columns differ in length,
  ///   `asOf` is outside `Summarizer.supportedDays`, or a row is impossible (negative values,
  ///   `t_x > T`, `x > t_x` with `x > 0`, `t_x > 0` with `x = 0`, a first purchase before the
  ///   supported days, a non-finite spend).
  public init(
    clients: ClientIndex<ID>, asOf: Day, unit: TimeUnit, frequency: ContiguousArray<Int32>,
    recencyDays: ContiguousArray<Int32>, ageDays: ContiguousArray<Int32>,
    monetaryValue: ContiguousArray<Double>
  ) throws(InputError) {
    let n = frequency.count
    guard clients.count == n, recencyDays.count == n, ageDays.count == n, monetaryValue.count == n
    else {
      throw .invalidParameter("columns", reason: "columns differ in length")
    }
    try Summarizer.checkSupported(asOf, "asOf")
    let longestAge = Summarizer.supportedDays.lowerBound.days(to: asOf)
    for i in 0..<n {
      let x = frequency[i]
      let tx = recencyDays[i]
      let t = ageDays[i]
      guard x >= 0, tx >= 0, tx <= t, x <= tx, (x == 0) == (tx == 0), Int(t) <= longestAge,
        monetaryValue[i].isFinite
      else {
        throw .invalidParameter(
          "client \(clients[i])",
          reason: "x = \(x), t_x = \(tx) days, T = \(t) days is not a possible history")
      }
    }
    self.init(
      unchecked: clients, asOf: asOf, unit: unit, frequency: frequency, recencyDays: recencyDays,
      ageDays: ageDays, monetaryValue: monetaryValue)
  }

  init(
    unchecked clients: ClientIndex<ID>, asOf: Day, unit: TimeUnit,
    frequency: ContiguousArray<Int32>, recencyDays: ContiguousArray<Int32>,
    ageDays: ContiguousArray<Int32>, monetaryValue: ContiguousArray<Double>
  ) {
    self.clients = clients
    self.asOf = asOf
    self.unit = unit
    self.frequency = frequency
    self.recencyDays = recencyDays
    self.ageDays = ageDays
    self.monetaryValue = monetaryValue
  }

  /// The number of clients.
  public var count: Int { frequency.count }

  /// `t_x` of a row in ``unit``.
  ///
  /// - Parameter row: The row.
  @inlinable
  public func recency(at row: Int) -> Double { unit.amount(ofDays: recencyDays[row]) }

  /// `T` of a row in ``unit``.
  ///
  /// - Parameter row: The row.
  @inlinable
  public func age(at row: Int) -> Double { unit.amount(ofDays: ageDays[row]) }

  /// The same summary read in another unit.
  ///
  /// - Parameter unit: The new unit.
  /// - Returns: The summary with times read in `unit`.
  public func converted(to unit: TimeUnit) -> RepeatPurchaseSummary<ID> {
    RepeatPurchaseSummary(
      unchecked: clients, asOf: asOf, unit: unit, frequency: frequency, recencyDays: recencyDays,
      ageDays: ageDays, monetaryValue: monetaryValue)
  }
}

extension ClientTable {
  /// The buy-till-you-die inputs of every client as of a day.
  ///
  /// - Parameters:
  ///   - asOf: The day of the analysis, in `Summarizer.supportedDays`; no client may have
  ///     bought after it.
  ///   - unit: The unit of `t_x` and `T`.
  /// - Returns: A summary aligned with this table's rows.
  /// - Throws: ``InputError/invalidParameter(_:reason:)`` for an `asOf` outside
  ///   `Summarizer.supportedDays` or a first purchase before them (a table a host built from
  ///   its own summaries), and ``InputError/eventAfterAsOf(client:day:asOf:)`` for the first
  ///   client who bought after `asOf`.
  /// - Complexity: O(*n*).
  public func repeatPurchaseSummary(asOf: Day, unit: TimeUnit = .day) throws(InputError)
    -> RepeatPurchaseSummary<ID>
  {
    try Summarizer.checkSupported(asOf, "asOf")
    let earliest = Int64(Summarizer.supportedDays.lowerBound.daysSince1970)
    var frequency = ContiguousArray<Int32>()
    var recency = ContiguousArray<Int32>()
    var age = ContiguousArray<Int32>()
    var monetary = ContiguousArray<Double>()
    frequency.reserveCapacity(count)
    recency.reserveCapacity(count)
    age.reserveCapacity(count)
    monetary.reserveCapacity(count)
    let asOfDays = Int64(asOf.daysSince1970)
    for row in 0..<count {
      let first = Int64(firstDays[row].daysSince1970)
      let last = Int64(lastDays[row].daysSince1970)
      guard last <= asOfDays else {
        throw .eventAfterAsOf(
          client: String(describing: clients[row]), day: lastDays[row], asOf: asOf)
      }
      guard first >= earliest else {
        throw .invalidParameter(
          "client \(clients[row])",
          reason: "first purchase \(firstDays[row]) is before the supported days "
            + "\(Summarizer.supportedDays.lowerBound)...\(Summarizer.supportedDays.upperBound)")
      }
      let repeats = purchaseDayCounts[row] - 1
      frequency.append(repeats)
      recency.append(Int32(clamping: last - first))
      age.append(Int32(clamping: asOfDays - first))
      monetary.append(
        repeats > 0 ? repeatSpend[row] / Double(repeats) : 0)
    }
    return RepeatPurchaseSummary(
      unchecked: clients, asOf: asOf, unit: unit, frequency: frequency, recencyDays: recency,
      ageDays: age, monetaryValue: monetary)
  }
}

/// A purchase history split at a day: the calibration summaries models are fitted on, and
/// what each client did in the holdout that followed.
public struct CalibrationSplit<ID: Hashable & Sendable>: Sendable {
  /// Summaries of purchases up to and including ``calibrationEnd``.
  public let calibration: ClientTable<ID>
  /// The last day of the calibration period.
  public let calibrationEnd: Day
  /// The last day of the holdout period.
  public let observationEnd: Day
  /// Distinct purchase days in the holdout, aligned with ``calibration``'s rows.
  public let holdoutPurchaseDays: ContiguousArray<Int32>
  /// Spend in the holdout, aligned with ``calibration``'s rows.
  public let holdoutSpend: ContiguousArray<Double>
  /// Clients whose first purchase fell in the holdout (not in ``calibration``).
  public let newClientsInHoldout: Int
  /// Purchase days of those new clients in the holdout.
  public let newClientPurchaseDaysInHoldout: Int

  /// The holdout's length in days.
  public var holdoutDays: Int { calibrationEnd.days(to: observationEnd) }

  /// The buy-till-you-die inputs of the calibration period.
  ///
  /// - Parameter unit: The unit of `t_x` and `T`.
  /// - Returns: The summary as of ``calibrationEnd``.
  public func calibrationSummary(unit: TimeUnit = .day) -> RepeatPurchaseSummary<ID> {
    // Every calibration purchase is on or before calibrationEnd by construction.
    (try? calibration.repeatPurchaseSummary(asOf: calibrationEnd, unit: unit))
      ?? RepeatPurchaseSummary(
        unchecked: ClientIndex(), asOf: calibrationEnd, unit: unit, frequency: [],
        recencyDays: [], ageDays: [], monetaryValue: [])
  }
}
