extension CreditRatingPolicy {
  /// Rates every client of a base with the factors and the grade scale; the default
  /// implementation of ``CreditRatingPolicy/ratings(for:)``.
  ///
  /// Each factor scores its whole input column in one call, then one pass sums and grades.
  /// A client with a missing (NaN) or infinite input of a factor, or a factor that gives it
  /// non-finite points, is unrated (rank -1) and its reason says why; a factor whose column
  /// is absent from the inputs leaves every client unrated. A scorecard with no factors gives
  /// every client 0 points.
  ///
  /// ```swift
  /// let ratings = StandardCreditScorecard.standard.ratings(for: inputs)
  /// ratings.grade(forRow: 0)?.name   // "AAA"
  /// ratings.reason(forRow: 1)        // "C: 20 of 100 points (lowest grade); …"
  /// ```
  ///
  /// - Parameter inputs: The clients' inputs; a column for every factor's input name.
  /// - Returns: The grades, over the inputs' row space.
  /// - Complexity: O(*n·k*) for *n* clients and *k* factors, no per-client allocation.
  public func ratings<ID>(for inputs: CreditInputs<ID>) -> CreditRatings<ID> {
    let factors = self.factors
    let scale = gradeScale
    var totals = ContiguousArray<Double>(repeating: 0, count: inputs.count)
    totals.withUnsafeMutableBufferPointer { totals in
      for factor in factors {
        guard let column = inputs.columns[factor.inputName] else {
          // No column: the input is missing for every client.
          for row in totals.indices { totals[row] = .nan }
          continue
        }
        column.withUnsafeBufferPointer { values in factor.addPoints(for: values, to: totals) }
      }
    }
    var ranks = ContiguousArray<Int32>(repeating: -1, count: inputs.count)
    scale.minimumPoints.withUnsafeBufferPointer { thresholds in
      totals.withUnsafeMutableBufferPointer { totals in
        ranks.withUnsafeMutableBufferPointer { ranks in
          for row in 0..<totals.count {
            let points = totals[row]
            guard points.isFinite else {
              totals[row] = 0
              continue
            }
            var rank = 0
            while rank < thresholds.count && points >= thresholds[rank] { rank += 1 }
            ranks[row] = Int32(rank)
          }
        }
      }
    }
    return CreditRatings(
      inputs: inputs, gradeScale: scale, gradeRanks: ranks, totals: totals,
      ratingOfRow: { row in
        CreditRating.rate(factors: factors, scale: scale) { name in inputs.columns[name]?[row] }
      })
  }

  /// Rates one client from its inputs by name with the factors and the grade scale; the
  /// default implementation of ``CreditRatingPolicy/rating(of:)``.
  ///
  /// - Parameter inputs: The client's inputs by input name; an absent or NaN input leaves the
  ///   client unrated.
  /// - Returns: The rating with each factor's contribution.
  /// - Complexity: O(*k*) for *k* factors.
  public func rating(of inputs: [String: Double]) -> CreditRating {
    CreditRating.rate(factors: factors, scale: gradeScale) { inputs[$0] }
  }
}
