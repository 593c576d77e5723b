extension CreditRatingPolicy {
  /// Rates every client of a base.
  ///
  /// Each factor scores its whole input column in one call, then one pass sums and grades.
  /// A client with a missing (NaN) or infinite input of a factor, or a factor that gives it
  /// non-finite points, is unrated (rank -1) and its reason says why.
  ///
  /// ```swift
  /// let ratings = try StandardCreditScorecard.standard.ratings(for: inputs)
  /// ratings.grade(forRow: 0)?.name   // "AAA"
  /// ratings.reason(forRow: 1)        // "C: 20 of 100 points (lowest grade); …"
  /// ```
  ///
  /// - Parameter inputs: The clients' inputs; a column for every factor's input name.
  /// - Returns: The grades, aligned with the inputs.
  /// - Throws: ``SegmentationError/empty(_:)`` for no clients or no factors,
  ///   ``SegmentationError/invalidParameter(_:reason:)`` when a factor's input column is
  ///   absent.
  /// - Complexity: O(*n·k*) for *n* clients and *k* factors, no per-client allocation.
  public func ratings<ID>(for inputs: CreditInputs<ID>) throws(SegmentationError)
    -> CreditRatings<ID>
  {
    guard inputs.count > 0 else { throw .empty("credit inputs") }
    let factors = self.factors
    guard !factors.isEmpty else { throw .empty("scorecard factors") }
    let scale = gradeScale
    var columns: [ContiguousArray<Double>] = []
    for factor in factors {
      guard let column = inputs.columns[factor.inputName] else {
        throw .invalidParameter(
          "inputs", reason: "no column '\(factor.inputName)' for factor \(factor.name)")
      }
      columns.append(column)
    }
    var totals = ContiguousArray<Double>(repeating: 0, count: inputs.count)
    totals.withUnsafeMutableBufferPointer { totals in
      for (factor, column) in zip(factors, columns) {
        column.withUnsafeBufferPointer { values in factor.addPoints(for: values, to: totals) }
      }
    }
    var ranks = ContiguousArray<Int32>(repeating: -1, count: inputs.count)
    var counts = [Int](repeating: 0, count: scale.grades.count)
    var unrated = 0
    scale.minimumPoints.withUnsafeBufferPointer { thresholds in
      totals.withUnsafeMutableBufferPointer { totals in
        ranks.withUnsafeMutableBufferPointer { ranks in
          for row in 0..<totals.count {
            let points = totals[row]
            guard points.isFinite else {
              totals[row] = 0
              unrated += 1
              continue
            }
            var rank = 0
            while rank < thresholds.count && points >= thresholds[rank] { rank += 1 }
            ranks[row] = Int32(rank)
            counts[rank] += 1
          }
        }
      }
    }
    return CreditRatings(
      gradeRanks: ranks, totals: totals, gradeCounts: counts, unratedCount: unrated,
      gradeScale: scale, inputs: inputs, factors: factors)
  }

  /// Rates one client from its inputs by name.
  ///
  /// - Parameter inputs: The client's inputs by input name; an absent or NaN input leaves the
  ///   client unrated.
  /// - Returns: The rating with each factor's contribution.
  /// - Complexity: O(*k*) for *k* factors.
  public func rating(of inputs: [String: Double]) -> CreditRating {
    CreditRating.rate(factors: factors, scale: gradeScale) { inputs[$0] }
  }
}
