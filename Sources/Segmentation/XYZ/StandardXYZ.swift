import ClientBaseCore

/// XYZ by the coefficient of variation of the per-period measure: X when it is at most
/// ``xBound`` (10%), Y when at most ``yBound`` (25%), Z above.
///
/// The coefficient is the *population* standard deviation of the client's periods divided by
/// their mean. Population, not sample: the periods are the whole record being described, not
/// a sample drawn from a larger set, and the classic 10% / 25% bounds come from inventory
/// practice that uses it; it is also defined for every period count (the sample deviation
/// divides by *p* − 1). The coefficient depends on the period length — weekly demand varies
/// more than quarterly — so choose bounds with the grid.
///
/// A client is unclassified, with a distinct outcome rather than a crash or a NaN, when it has
/// fewer than ``minimumPeriods`` periods (``XYZOutcome/tooFewPeriods(observed:required:)``)
/// or when its mean is zero or negative (``XYZOutcome/noPositiveMean(mean:)``).
///
/// Periods counted: every period of the matrix, empty ones included (an empty month is real
/// variation). With ``startsAtFirstActivePeriod`` a client's record starts at its first
/// non-zero period instead, so a client who joined in month 10 of 12 is judged on 3 periods
/// (and is unclassified if that is below ``minimumPeriods``), not made Z by months it did not
/// exist in. A client with no non-zero period at all has a mean of 0 under either setting, so
/// it is ``XYZOutcome/noPositiveMean(mean:)`` with mean 0 either way, never "0 periods
/// observed": it did exist, it just bought nothing.
public struct StandardXYZ: XYZPolicy, Hashable, Codable {
  /// The largest coefficient of variation that is X; 0.10 by default.
  public let xBound: Double
  /// The largest coefficient of variation that is Y, at least ``xBound``; 0.25 by default.
  public let yBound: Double
  /// The fewest periods a client needs to be classified, at least 2; 3 by default.
  public let minimumPeriods: Int
  /// Whether a client's record starts at its first non-zero period; `false` by default.
  public let startsAtFirstActivePeriod: Bool

  /// Creates the policy, checking its settings.
  ///
  /// - Parameters:
  ///   - xBound: The largest coefficient that is X; 0.10 by default.
  ///   - yBound: The largest coefficient that is Y; 0.25 by default.
  ///   - minimumPeriods: The fewest periods needed; 3 by default.
  ///   - startsAtFirstActivePeriod: Whether records start at the first non-zero period;
  ///     `false` by default.
  /// - Throws: ``SegmentationError/invalidParameter(_:reason:)`` when a bound is negative or
  ///   not finite, `yBound` is below `xBound`, or `minimumPeriods` is below 2.
  public init(
    xBound: Double = 0.10, yBound: Double = 0.25, minimumPeriods: Int = 3,
    startsAtFirstActivePeriod: Bool = false
  ) throws(SegmentationError) {
    guard xBound.isFinite, xBound >= 0 else {
      throw .invalidParameter("xBound", reason: "must be finite and non-negative, got \(xBound)")
    }
    guard yBound.isFinite, yBound >= xBound else {
      throw .invalidParameter("yBound", reason: "must be finite and at least xBound (\(xBound))")
    }
    guard minimumPeriods >= 2 else {
      throw .invalidParameter("minimumPeriods", reason: "must be at least 2, got \(minimumPeriods)")
    }
    self.init(
      unchecked: xBound, yBound, minimumPeriods,
      startsAtFirstActivePeriod: startsAtFirstActivePeriod)
  }

  private init(
    unchecked xBound: Double, _ yBound: Double, _ minimumPeriods: Int,
    startsAtFirstActivePeriod: Bool
  ) {
    self.xBound = xBound
    self.yBound = yBound
    self.minimumPeriods = minimumPeriods
    self.startsAtFirstActivePeriod = startsAtFirstActivePeriod
  }

  private enum CodingKeys: String, CodingKey {
    case xBound, yBound, minimumPeriods, startsAtFirstActivePeriod
  }

  /// Decodes a policy and checks it as
  /// ``init(xBound:yBound:minimumPeriods:startsAtFirstActivePeriod:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``SegmentationError``
  ///   text when the fields fail the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let xBound = try container.decode(Double.self, forKey: .xBound)
    let yBound = try container.decode(Double.self, forKey: .yBound)
    let minimumPeriods = try container.decode(Int.self, forKey: .minimumPeriods)
    let startsAtFirst = try container.decode(Bool.self, forKey: .startsAtFirstActivePeriod)
    self = try SegmentationError.checkedDecoding(decoder) { () throws(SegmentationError) in
      try StandardXYZ(
        xBound: xBound, yBound: yBound, minimumPeriods: minimumPeriods,
        startsAtFirstActivePeriod: startsAtFirst)
    }
  }

  /// The defaults: X up to 10%, Y up to 25%, at least 3 periods, every period counted.
  static let defaults = StandardXYZ(unchecked: 0.10, 0.25, 3, startsAtFirstActivePeriod: false)

  /// Classifies every client by the coefficient of variation of its periods, on the calling
  /// thread.
  ///
  /// - Parameter matrix: The measure of each client per period.
  /// - Returns: One outcome per row, over the matrix's row space.
  /// - Complexity: O(*n* × *p*): one pass over each row.
  public func classification<ID>(of matrix: PeriodMatrix<ID>) -> XYZClassification<ID> {
    classification(of: matrix, threadCount: 1)
  }

  /// Classifies every client of a matrix, splitting the rows over up to `threadCount` threads;
  /// the result does not depend on the thread count.
  ///
  /// - Parameters:
  ///   - matrix: The measure per client per period.
  ///   - threadCount: The most threads to use, the calling thread included.
  /// - Returns: One outcome per row of `matrix`, over its row space.
  /// - Complexity: O(*n* × *p*), divided over the threads.
  public func classification<ID>(of matrix: PeriodMatrix<ID>, threadCount: Int)
    -> XYZClassification<ID>
  {
    let rows = matrix.count
    let periods = matrix.periodCount
    let byRank: [XYZClass?] = [.x, .y, .z]
    let parts = ParallelWork.partCount(for: rows, grain: 16_384)
    let policy = self
    // The kernel initialises every column of every row, so no column is filled twice.
    var kinds = ContiguousArray<XYZOutcomeKind>()
    var details = ContiguousArray<Double>()
    var observed = ContiguousArray<Int32>()
    let classes = ContiguousArray<XYZClass?>(columnCapacity: rows) {
      classes, classCount in
      kinds = ContiguousArray(columnCapacity: rows) { kinds, kindCount in
        details = ContiguousArray(columnCapacity: rows) { details, detailCount in
          observed = ContiguousArray(columnCapacity: rows) {
            observed, observedCount in
            matrix.values.withUnsafeBufferPointer { cells in
              let columns = XYZColumns(
                cells: cells, classes: classes.baseAddress, details: details.baseAddress,
                kinds: kinds.baseAddress, observed: observed.baseAddress)
              _ = ParallelWork.map(parts: parts, threads: threadCount) { part in
                policy.classify(
                  rows: ParallelWork.range(of: part, in: parts, count: rows), periods: periods,
                  byRank: byRank, columns)
              }
            }
            observedCount = rows
          }
          detailCount = rows
        }
        kindCount = rows
      }
      classCount = rows
    }
    return XYZClassification(
      clients: matrix.clients, periodCount: periods, classes: classes, kinds: kinds,
      details: details,
      observedPeriods: observed, xBound: xBound, yBound: yBound, minimumPeriods: minimumPeriods)
  }

  /// The mean and population standard deviation of finite cells.
  ///
  /// One pass over the deviations from the first cell (the "shifted data" method): because
  /// the shift is one of the cells, the variance is at least (shift − mean)² / p, so the
  /// subtraction loses at most about p ulps — and the sums run in two independent chains so
  /// the pass is not bound by one chain of dependent additions. When the sums would
  /// overflow, the cells are rescaled by the largest magnitude, since the coefficient of
  /// variation does not depend on the scale (the mean returned is then scaled too; only its
  /// sign and ratio to the deviation are used).
  @inline(__always)
  static func meanAndDeviation(_ cells: UnsafeBufferPointer<Double>) -> (Double, Double) {
    let count = cells.count
    let shift = cells[0]
    var sums = (0.0, 0.0)
    var squares = (0.0, 0.0)
    var index = 0
    while index + 1 < count {
      let first = cells[index] - shift
      let second = cells[index + 1] - shift
      sums.0 += first
      sums.1 += second
      squares.0 += first * first
      squares.1 += second * second
      index += 2
    }
    if index < count {
      let last = cells[index] - shift
      sums.0 += last
      squares.0 += last * last
    }
    let n = Double(count)
    let sum = sums.0 + sums.1
    let mean = shift + sum / n
    let variance = Swift.max((squares.0 + squares.1 - sum * (sum / n)) / n, 0)
    if mean.isFinite, variance.isFinite, sum.isFinite { return (mean, variance.squareRoot()) }
    var largest = 0.0
    for value in cells { largest = Swift.max(largest, value.magnitude) }
    var scaledSum = 0.0
    for value in cells { scaledSum += value / largest }
    let scaledMean = scaledSum / n
    var scaledSquares = 0.0
    for value in cells {
      let gap = value / largest - scaledMean
      scaledSquares += gap * gap
    }
    return (scaledMean, (scaledSquares / n).squareRoot())
  }
}

extension StandardXYZ {
  /// Classifies some rows, writing only to those rows of the output columns.
  fileprivate func classify(
    rows: Range<Int>, periods: Int, byRank: [XYZClass?], _ columns: XYZColumns
  ) {
    guard let classes = columns.classes, let details = columns.details,
      let kinds = columns.kinds, let observedColumn = columns.observed
    else { return }
    let cells = columns.cells
    for row in rows {
      let base = row * periods
      var first = 0
      if startsAtFirstActivePeriod {
        while first < periods, cells[base + first] == 0 { first += 1 }
      }
      let observed = periods - first
      (observedColumn + row).initialize(to: Int32(clamping: observed))
      var kind = XYZOutcomeKind.classified
      var detail = 0.0
      var label: XYZClass? = nil
      if first >= periods {
        // Nothing bought in any period: the mean is 0 whichever period the record starts at.
        kind = .noPositiveMean
      } else if observed < minimumPeriods {
        kind = .tooFewPeriods
        detail = Double(observed)
      } else {
        let slice = UnsafeBufferPointer(rebasing: cells[(base + first)..<(base + periods)])
        let (mean, deviation) = Self.meanAndDeviation(slice)
        if mean > 0 {
          detail = deviation / mean
          label = byRank[(detail > xBound ? 1 : 0) + (detail > yBound ? 1 : 0)]
        } else {
          kind = .noPositiveMean
          detail = mean
        }
      }
      (kinds + row).initialize(to: kind)
      (details + row).initialize(to: detail)
      (classes + row).initialize(to: label)
    }
  }
}

private struct XYZColumns: @unchecked Sendable {
  let cells: UnsafeBufferPointer<Double>
  let classes: UnsafeMutablePointer<XYZClass?>?
  let details: UnsafeMutablePointer<Double>?
  let kinds: UnsafeMutablePointer<XYZOutcomeKind>?
  let observed: UnsafeMutablePointer<Int32>?
}
