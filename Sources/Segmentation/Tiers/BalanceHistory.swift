public import ClientBaseCore

/// A measure per client per period — month-end balances, monthly spend — in one contiguous
/// client × period matrix over a row space.
///
/// The layout is row-major: client row `r`, period `p` lives at `r * periodCount + p`, so one
/// client's series is one contiguous run (what the tier engine walks) and the whole matrix is
/// one allocation however many clients there are. Periods are labelled by a day each (for
/// example the month's last day), oldest first. Every value is finite and every client appears
/// once; negative values (overdrafts) are allowed.
///
/// ```swift
/// let history = try BalanceHistory(
///   ids: ["ana", "ben"], periods: [january31, february28],
///   balancesByClient: [[210_000, 190_000], [40_000, 45_000]])
/// let shared = try BalanceHistory(
///   clients: table.clients, periods: monthEnds, balances: balancesByRow)   // no index rebuilt
/// ```
///
/// A history with no clients is valid (its results are empty); a history needs at least one
/// period, because a tier is decided from the latest period's balance and an empty list of
/// periods has none.
public struct BalanceHistory<ID: Hashable & Sendable>: Sendable {
  /// The row space: the client of each row.
  public let clients: ClientIndex<ID>
  /// The day that labels each period, oldest first, strictly increasing.
  public let periods: [Day]
  /// The values, row-major: `balances[row * periodCount + period]`.
  public let balances: ContiguousArray<Double>
  /// What one period is called in reasons (`"month"`).
  public let periodName: String
  /// Whether every period lies in its own calendar month, so reasons can say `2026-03`.
  @usableFromInline let isMonthly: Bool

  /// Creates a history from a row-major matrix over the host's identifiers, checking it.
  ///
  /// - Parameters:
  ///   - ids: The clients, one per row, each once.
  ///   - periods: The day labelling each period, strictly increasing.
  ///   - balances: `ids.count × periods.count` values, client by client.
  ///   - periodName: What one period is called in reasons (default `"month"`).
  /// - Throws: ``SegmentationError/empty(_:)`` with no periods;
  ///   ``SegmentationError/invalidParameter(_:reason:)`` when periods do not increase;
  ///   ``SegmentationError/lengthMismatch(what:expected:actual:)``;
  ///   ``SegmentationError/nonFiniteValue(at:value:)`` naming the client and the period;
  ///   ``SegmentationError/duplicateClient(_:)``.
  /// - Complexity: O(*n* × *p*) plus one hash per client.
  public init(
    ids: [ID], periods: [Day], balances: some Sequence<Double>, periodName: String = "month"
  ) throws(SegmentationError) {
    let matrix = try Self.checkedMatrix(balances, of: ids, periods: periods)
    self.init(
      trustedClients: try SegmentationError.clientIndex(ids), periods: periods, balances: matrix,
      periodName: periodName)
  }

  /// Creates a history from a row-major matrix over an existing row space, checking it.
  ///
  /// - Parameters:
  ///   - clients: The row space, shared with other inputs and results over the same clients.
  ///   - periods: The day labelling each period, strictly increasing.
  ///   - balances: `clients.count × periods.count` values, client by client.
  ///   - periodName: What one period is called in reasons (default `"month"`).
  /// - Throws: As ``init(ids:periods:balances:periodName:)``, never a duplicate client.
  /// - Complexity: O(*n* × *p*).
  public init(
    clients: ClientIndex<ID>, periods: [Day], balances: some Sequence<Double>,
    periodName: String = "month"
  ) throws(SegmentationError) {
    let matrix = try Self.checkedMatrix(balances, of: clients.ids, periods: periods)
    self.init(trustedClients: clients, periods: periods, balances: matrix, periodName: periodName)
  }

  /// Creates a history from one array of balances per client, checking it.
  ///
  /// - Parameters:
  ///   - ids: The clients, each once.
  ///   - periods: The day labelling each period, strictly increasing.
  ///   - balancesByClient: Each client's series, oldest first, `periods.count` long.
  ///   - periodName: What one period is called in reasons (default `"month"`).
  /// - Throws: As ``init(ids:periods:balances:periodName:)``; a series of the wrong length is
  ///   a ``SegmentationError/lengthMismatch(what:expected:actual:)`` naming its client; more
  ///   cells than `Int` can count is a ``SegmentationError/invalidParameter(_:reason:)``.
  /// - Complexity: O(*n* × *p*).
  public init(
    ids: [ID], periods: [Day], balancesByClient: [[Double]], periodName: String = "month"
  ) throws(SegmentationError) {
    guard balancesByClient.count == ids.count else {
      throw .lengthMismatch(what: "series", expected: ids.count, actual: balancesByClient.count)
    }
    try self.init(
      ids: ids, periods: periods,
      balances: try Self.joined(balancesByClient, of: ids, periods: periods.count),
      periodName: periodName)
  }

  /// Creates a history from one array of balances per row of an existing row space.
  ///
  /// - Parameters:
  ///   - clients: The row space.
  ///   - periods: The day labelling each period, strictly increasing.
  ///   - balancesByClient: Each row's series, oldest first, `periods.count` long.
  ///   - periodName: What one period is called in reasons (default `"month"`).
  /// - Throws: As ``init(ids:periods:balancesByClient:periodName:)``, never a duplicate
  ///   client.
  /// - Complexity: O(*n* × *p*).
  public init(
    clients: ClientIndex<ID>, periods: [Day], balancesByClient: [[Double]],
    periodName: String = "month"
  ) throws(SegmentationError) {
    guard balancesByClient.count == clients.count else {
      throw .lengthMismatch(
        what: "series", expected: clients.count, actual: balancesByClient.count)
    }
    try self.init(
      clients: clients, periods: periods,
      balances: try Self.joined(balancesByClient, of: clients.ids, periods: periods.count),
      periodName: periodName)
  }

  /// The series one after another, each checked for its length (a wrong one named by its
  /// client; `series` has one per client of `ids`).
  private static func joined(_ series: [[Double]], of ids: [ID], periods: Int)
    throws(SegmentationError) -> ContiguousArray<Double>
  {
    let (cellCount, overflow) = series.count.multipliedReportingOverflow(by: periods)
    guard !overflow else {
      throw .invalidParameter(
        "balancesByClient",
        reason: "\(series.count) clients × \(periods) periods is too many cells")
    }
    var matrix = ContiguousArray<Double>()
    matrix.reserveCapacity(cellCount)
    for (row, one) in series.enumerated() {
      guard one.count == periods else {
        throw .lengthMismatch(
          what: "balances of client \(ids[row]) (row \(row))", expected: periods,
          actual: one.count)
      }
      matrix.append(contentsOf: one)
    }
    return matrix
  }

  /// The matrix, checked: periods present and increasing, one value per cell, every value
  /// finite (a non-finite one named by its client and period).
  private static func checkedMatrix(
    _ balances: some Sequence<Double>, of ids: [ID], periods: [Day]
  ) throws(SegmentationError) -> ContiguousArray<Double> {
    let rows = ids.count
    guard !periods.isEmpty else { throw .empty("periods") }
    for index in periods.indices.dropFirst() where !(periods[index - 1] < periods[index]) {
      throw .invalidParameter(
        "periods",
        reason: "period \(index) (\(periods[index])) does not follow \(periods[index - 1])")
    }
    let matrix = ContiguousArray(balances)
    let (expected, overflow) = rows.multipliedReportingOverflow(by: periods.count)
    guard !overflow, matrix.count == expected else {
      throw .lengthMismatch(what: "balances", expected: expected, actual: matrix.count)
    }
    if let index = matrix.firstIndex(where: { !$0.isFinite }) {
      throw .nonFiniteValue(
        at: .matrixCell(index, periodCount: periods.count, ids: ids),
        value: matrix[index])
    }
    return matrix
  }

  /// Creates a history already known to be valid.
  @usableFromInline
  init(
    trustedClients clients: ClientIndex<ID>, periods: [Day], balances: ContiguousArray<Double>,
    periodName: String
  ) {
    self.clients = clients
    self.periods = periods
    self.balances = balances
    self.periodName = periodName
    var months = Set<Int>()
    self.isMonthly = periods.allSatisfy { months.insert($0.year * 12 + $0.month).inserted }
  }

  /// The client of each row.
  public var ids: [ID] { clients.ids }

  /// The number of clients.
  @inlinable
  public var count: Int { clients.count }

  /// The number of periods.
  @inlinable
  public var periodCount: Int { periods.count }

  /// One client's series, oldest first.
  ///
  /// - Parameter row: The client's row.
  /// - Returns: The slice of ``balances`` holding the series.
  @inlinable
  public func balances(forRow row: Int) -> ArraySlice<Double> {
    balances[row * periodCount..<(row + 1) * periodCount]
  }

  /// One client's value in one period.
  ///
  /// - Parameters:
  ///   - row: The client's row.
  ///   - period: The period's index.
  /// - Returns: The value.
  @inlinable
  public func balance(forRow row: Int, period: Int) -> Double {
    balances[row * periodCount + period]
  }

  /// The history up to and including a period: what was known at the end of that period.
  ///
  /// Replaying a year month by month evaluates each prefix in turn.
  ///
  /// - Parameter kept: How many periods to keep, from the oldest; clamped to
  ///   `1...periodCount`.
  /// - Returns: The shorter history.
  /// - Complexity: O(*n* × `periods`).
  public func prefix(periods kept: Int) -> BalanceHistory<ID> {
    let width = periodCount
    let keep = min(max(kept, 1), width)
    guard keep < width else { return self }
    var matrix = ContiguousArray<Double>()
    matrix.reserveCapacity(count * keep)
    balances.withUnsafeBufferPointer { values in
      for row in 0..<count {
        matrix.append(contentsOf: values[row * width..<row * width + keep])
      }
    }
    return BalanceHistory(
      trustedClients: clients, periods: Array(periods[..<keep]), balances: matrix,
      periodName: periodName)
  }

  /// How reasons name a period: `2026-03` for monthly histories, the full day otherwise.
  func label(ofPeriod period: Int) -> String {
    let day = periods[period].iso8601
    return isMonthly ? String(day.prefix(7)) : day
  }
}
