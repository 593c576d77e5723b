public import ClientBaseCore

/// A measure per client and per period: a row-major matrix (clients × periods) in one
/// contiguous column, the input of an XYZ analysis.
///
/// Row *r* holds `values[r * periodCount ..< (r + 1) * periodCount]`, oldest period first. The
/// rows are a row space, ``clients``: the log's when the matrix comes from
/// ``init(spendIn:grid:)``, the host's otherwise.
public struct PeriodMatrix<ID: Hashable & Sendable>: Sendable {
  /// The row space: the client of each row.
  public let clients: ClientIndex<ID>
  /// The number of periods (columns).
  public let periodCount: Int
  /// The cells, row by row.
  public let values: ContiguousArray<Double>

  /// Creates a matrix a host computed over its own identifiers, checking its shape and values.
  ///
  /// - Parameters:
  ///   - ids: The clients, each once.
  ///   - periodCount: The number of periods, at least 1.
  ///   - values: `ids.count × periodCount` finite cells, row by row.
  /// - Throws: ``SegmentationError/invalidParameter(_:reason:)`` for a period count below 1,
  ///   ``SegmentationError/lengthMismatch(what:expected:actual:)``,
  ///   ``SegmentationError/nonFiniteValue(at:value:)`` naming the client and the period, or
  ///   ``SegmentationError/duplicateClient(_:)``.
  /// - Complexity: O(*n* × periods).
  public init(ids: [ID], periodCount: Int, values: some Sequence<Double>)
    throws(SegmentationError)
  {
    let cells = try Self.checkedCells(values, of: ids, periodCount: periodCount)
    self.clients = try SegmentationError.clientIndex(ids)
    self.periodCount = periodCount
    self.values = cells
  }

  /// Creates a matrix a host computed over an existing row space, checking its shape and
  /// values; the index is shared, not rebuilt.
  ///
  /// - Parameters:
  ///   - clients: The row space.
  ///   - periodCount: The number of periods, at least 1.
  ///   - values: `clients.count × periodCount` finite cells, row by row.
  /// - Throws: ``SegmentationError/invalidParameter(_:reason:)`` for a period count below 1,
  ///   ``SegmentationError/lengthMismatch(what:expected:actual:)`` or
  ///   ``SegmentationError/nonFiniteValue(at:value:)`` naming the client and the period.
  /// - Complexity: O(*n* × periods).
  public init(clients: ClientIndex<ID>, periodCount: Int, values: some Sequence<Double>)
    throws(SegmentationError)
  {
    let cells = try Self.checkedCells(values, of: clients.ids, periodCount: periodCount)
    self.clients = clients
    self.periodCount = periodCount
    self.values = cells
  }

  /// The cells of an `ids.count × periodCount` matrix, or the error that says what is wrong
  /// (a non-finite cell named by its client and period).
  private static func checkedCells(
    _ values: some Sequence<Double>, of ids: [ID], periodCount: Int
  ) throws(SegmentationError) -> ContiguousArray<Double> {
    let rows = ids.count
    guard periodCount >= 1 else {
      throw .invalidParameter("periodCount", reason: "must be at least 1, got \(periodCount)")
    }
    let cells = ContiguousArray(values)
    let (expected, overflow) = rows.multipliedReportingOverflow(by: periodCount)
    guard !overflow, cells.count == expected else {
      throw .lengthMismatch(
        what: "matrix cells", expected: overflow ? .max : expected, actual: cells.count)
    }
    if let index = cells.firstIndex(where: { !$0.isFinite }) {
      throw .nonFiniteValue(
        at: .matrixCell(index, periodCount: periodCount, ids: ids),
        value: cells[index])
    }
    return cells
  }

  /// Each client's spend per period of a grid, from a purchase log.
  ///
  /// Every client of the log gets a row (all zeros when it bought nothing in the grid): the
  /// matrix's row space is `log.clients`, shared, not rebuilt; events outside the grid are ignored; refunds are subtracted
  /// from the period they fall in.
  ///
  /// - Parameters:
  ///   - log: The purchases.
  ///   - grid: The periods.
  /// - Throws: ``SegmentationError/nonFiniteValue(at:value:)`` naming the client and the
  ///   period of a cell that adds up to NaN or an infinity, ``SegmentationError/invalidParameter(_:reason:)`` when the matrix
  ///   would have more than 2³¹ − 1 cells.
  /// - Complexity: O(*e* log *p* + *n* × *p*) for *e* events, *n* clients, *p* periods.
  public init(spendIn log: PurchaseLog<ID>, grid: PeriodGrid) throws(SegmentationError) {
    let periods = grid.count
    let (size, overflow) = log.clients.count.multipliedReportingOverflow(by: periods)
    // A cap far above any real base (2³¹ cells is 16 GB) so that a mistaken grid (daily
    // periods over centuries) is an error, not an allocation that takes the host down.
    guard !overflow, size <= Int(Int32.max) else {
      throw .invalidParameter(
        "grid", reason: "\(periods) periods × \(log.clients.count) clients is too many cells")
    }
    var cells = ContiguousArray<Double>(repeating: 0, count: size)
    let bounds = grid.boundaries()
    var fixedDays = 0
    if case .days(let days) = grid.length { fixedDays = days }
    cells.withUnsafeMutableBufferPointer { out in
      bounds.withUnsafeBufferPointer { bounds in
        log.clientIndices.withUnsafeBufferPointer { clients in
          log.days.withUnsafeBufferPointer { eventDays in
            log.amounts.withUnsafeBufferPointer { amounts in
              let first = bounds[0]
              let end = bounds[periods]
              for event in 0..<amounts.count {
                let day = eventDays[event].daysSince1970
                guard day >= first, day < end else { continue }
                var period: Int
                if fixedDays > 0 {
                  // In Int: a grid may span more than 2³¹ days, past Int32's range.
                  period = (Int(day) - Int(first)) / fixedDays
                } else {
                  // The last boundary not after the day: a binary search over p + 1 days.
                  var lo = 0
                  var hi = periods
                  while hi - lo > 1 {
                    let mid = (lo + hi) / 2
                    if bounds[mid] <= day { lo = mid } else { hi = mid }
                  }
                  period = lo
                }
                out[Int(clients[event]) * periods + period] += amounts[event]
              }
            }
          }
        }
      }
    }
    if let index = cells.firstIndex(where: { !$0.isFinite }) {
      throw .nonFiniteValue(
        at: .matrixCell(index, periodCount: periods, ids: log.clientIDs),
        value: cells[index])
    }
    clients = log.clients
    periodCount = periods
    values = cells
  }

  /// The number of clients (rows).
  public var count: Int { clients.count }

  /// Whether the matrix has no client.
  public var isEmpty: Bool { clients.isEmpty }

  /// The client of each row.
  public var ids: [ID] { clients.ids }

  /// The value of a client in a period.
  ///
  /// - Parameters:
  ///   - row: The client's row.
  ///   - period: The period, `0..<periodCount`.
  public subscript(row: Int, period: Int) -> Double {
    values[row * periodCount + period]
  }
}
