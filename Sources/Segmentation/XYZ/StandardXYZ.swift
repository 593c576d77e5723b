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
/// exist in.
public struct StandardXYZ: XYZPolicy, Hashable, Codable {
  /// The largest coefficient of variation that is X; 0.10 by default.
  public var xBound: Double
  /// The largest coefficient of variation that is Y; 0.25 by default.
  public var yBound: Double
  /// The fewest periods a client needs to be classified, at least 2; 3 by default.
  public var minimumPeriods: Int
  /// Whether a client's record starts at its first non-zero period; `false` by default.
  public var startsAtFirstActivePeriod: Bool

  /// Creates the policy.
  ///
  /// - Parameters:
  ///   - xBound: The largest coefficient that is X; 0.10 by default.
  ///   - yBound: The largest coefficient that is Y; 0.25 by default.
  ///   - minimumPeriods: The fewest periods needed; 3 by default.
  ///   - startsAtFirstActivePeriod: Whether records start at the first non-zero period;
  ///     `false` by default.
  public init(
    xBound: Double = 0.10, yBound: Double = 0.25, minimumPeriods: Int = 3,
    startsAtFirstActivePeriod: Bool = false
  ) {
    self.xBound = xBound
    self.yBound = yBound
    self.minimumPeriods = minimumPeriods
    self.startsAtFirstActivePeriod = startsAtFirstActivePeriod
  }

  /// Classifies every client by the coefficient of variation of its periods.
  ///
  /// - Parameter matrix: The measure of each client per period.
  /// - Returns: One outcome per row.
  /// - Throws: ``SegmentationError/invalidParameter(_:reason:)`` when the bounds are
  ///   negative, not finite or out of order, or ``minimumPeriods`` is below 2.
  /// - Complexity: O(*n* × *p*): two passes over each row.
  public func classification<ID>(of matrix: PeriodMatrix<ID>) throws(SegmentationError)
    -> XYZClassification<ID>
  {
    guard xBound.isFinite, xBound >= 0 else {
      throw .invalidParameter("xBound", reason: "must be finite and non-negative, got \(xBound)")
    }
    guard yBound.isFinite, yBound >= xBound else {
      throw .invalidParameter("yBound", reason: "must be finite and at least xBound (\(xBound))")
    }
    guard minimumPeriods >= 2 else {
      throw .invalidParameter("minimumPeriods", reason: "must be at least 2, got \(minimumPeriods)")
    }
    let rows = matrix.count
    let periods = matrix.periodCount
    var classes = ContiguousArray<XYZClass?>(repeating: nil, count: rows)
    var details = ContiguousArray<Double>(repeating: 0, count: rows)
    var kinds = ContiguousArray<XYZOutcomeKind>(repeating: .classified, count: rows)
    classes.withUnsafeMutableBufferPointer { classes in
      details.withUnsafeMutableBufferPointer { details in
        kinds.withUnsafeMutableBufferPointer { kinds in
          matrix.values.withUnsafeBufferPointer { cells in
            for row in 0..<rows {
              let base = row * periods
              var first = 0
              if startsAtFirstActivePeriod {
                while first < periods, cells[base + first] == 0 { first += 1 }
              }
              let observed = periods - first
              guard observed >= minimumPeriods else {
                kinds[row] = .tooFewPeriods
                details[row] = Double(observed)
                continue
              }
              let slice = UnsafeBufferPointer(rebasing: cells[(base + first)..<(base + periods)])
              let (mean, deviation) = Self.meanAndDeviation(slice)
              guard mean > 0 else {
                kinds[row] = .noPositiveMean
                details[row] = mean
                continue
              }
              let coefficient = deviation / mean
              details[row] = coefficient
              classes[row] = coefficient <= xBound ? .x : coefficient <= yBound ? .y : .z
            }
          }
        }
      }
    }
    return XYZClassification(
      ids: matrix.ids, periodCount: periods, classes: classes, kinds: kinds, details: details,
      xBound: xBound, yBound: yBound, minimumPeriods: minimumPeriods)
  }

  /// The mean and population standard deviation of finite cells, by two passes (stable for
  /// large means with small spread); rescaled when the sums would overflow, since the
  /// coefficient of variation does not depend on the scale.
  @inline(__always)
  static func meanAndDeviation(_ cells: UnsafeBufferPointer<Double>) -> (Double, Double) {
    let count = Double(cells.count)
    var sum = 0.0
    for value in cells { sum += value }
    var mean = sum / count
    var squares = 0.0
    for value in cells {
      let gap = value - mean
      squares += gap * gap
    }
    if mean.isFinite, squares.isFinite { return (mean, (squares / count).squareRoot()) }
    var largest = 0.0
    for value in cells { largest = Swift.max(largest, value.magnitude) }
    sum = 0
    for value in cells { sum += value / largest }
    mean = sum / count
    squares = 0
    for value in cells {
      let gap = value / largest - mean
      squares += gap * gap
    }
    // The returned mean is scaled too; only its sign and ratio to the deviation are used.
    return (mean, (squares / count).squareRoot())
  }
}
