public import Segmentation

extension ValueClassLaws {
  /// Checks the laws of `XYZPolicy` on a matrix of per-period values.
  ///
  /// Laws: **one outcome per row** (as many outcomes as rows, in input order, each row's class
  /// the class of its outcome); **deterministic** (a second run gives the same outcomes);
  /// **order independence** (seeded shuffles of the rows give every client the same
  /// outcome); **constant is X** (a row replaced by its positive mean in every period is X,
  /// or unclassified for too few periods, never Y or Z); **steadier is never less steady**
  /// (a row whose periods are all positive, blended towards its mean as
  /// `mean + λ × (value − mean)` for λ of 0.5 and 0.1, so its coefficient of variation is λ
  /// times smaller, never gets a less steady class); **scale-free** (every row multiplied by
  /// 4 or by 0.25 — powers of two, so the coefficients are exactly equal — keeps its class).
  ///
  /// ```swift
  /// let matrix = try PeriodMatrix(ids: ids, periodCount: 12, values: cells)
  /// #expect(ValueClassLaws.xyzViolations(of: MyXYZ(), on: matrix).isEmpty)
  /// ```
  ///
  /// - Parameters:
  ///   - policy: The policy under test.
  ///   - matrix: The data to check it on; mix steady, erratic, partly empty and negative rows.
  ///   - permutations: How many shuffled copies of the rows to compare; 3 by default.
  ///   - seed: The seed of the shuffles.
  /// - Returns: One sentence per violation found (at most ``maximumReportedPerLaw`` per law).
  /// - Complexity: O(*n* × *p*) plus `permutations + 7` runs of the policy, for *n* rows of
  ///   *p* periods.
  public static func xyzViolations<Policy: XYZPolicy, ID>(
    of policy: Policy, on matrix: PeriodMatrix<ID>, permutations: Int = 3,
    seed: UInt64 = 2_024
  ) -> [String] {
    let original: XYZClassification<ID>
    do {
      original = try policy.classification(of: matrix)
    } catch {
      return ["the policy threw on valid data: \(error)"]
    }
    guard original.count == matrix.count, original.ids == matrix.ids else {
      return [
        "one outcome per row: \(original.count) outcomes for \(matrix.count) clients, "
          + "or rows not in input order"
      ]
    }
    var violations: [String] = []
    var found = 0
    for row in 0..<matrix.count
    where original.classes[row] != original.outcome(forRow: row).xyzClass {
      found += 1
      if found <= maximumReportedPerLaw {
        violations.append(
          "one outcome per row: client \(matrix.ids[row]) has class "
            + "\(String(describing: original.classes[row])) but outcome "
            + "\(original.outcome(forRow: row))")
      }
    }
    let outcomes = (0..<matrix.count).map { original.outcome(forRow: $0) }
    violations += compare(
      policy, on: matrix, law: "deterministic", against: outcomes, expectation: .identical)
    var generator = SeededGenerator(seed: seed)
    for round in 0..<Swift.max(permutations, 0) {
      let order = shuffledIndices(matrix.count, using: &generator)
      let cells = order.flatMap { row in XYZRows.row(row, of: matrix) }
      do {
        let shuffled = try PeriodMatrix(
          ids: order.map { matrix.ids[$0] }, periodCount: matrix.periodCount, values: cells)
        let result = try policy.classification(of: shuffled)
        guard result.count == shuffled.count else {
          violations.append("permutation \(round + 1): \(result.count) outcomes")
          continue
        }
        var found = 0
        for (position, row) in order.enumerated()
        where result.outcome(forRow: position) != outcomes[row] {
          found += 1
          if found <= maximumReportedPerLaw {
            violations.append(
              "order independence (permutation \(round + 1)): client \(matrix.ids[row]) is "
                + "\(outcomes[row]) in input order, \(result.outcome(forRow: position)) shuffled")
          }
        }
      } catch {
        violations.append("permutation \(round + 1): \(error)")
      }
    }
    violations += constantViolations(of: policy, on: matrix)
    for lambda in [0.5, 0.1] {
      violations += transformed(
        policy, on: matrix, law: "steadier is never less steady (λ = \(lambda))",
        against: outcomes, expectation: .atLeastAsSteady
      ) { cells in
        guard cells.allSatisfy({ $0 > 0 }) else { return cells }
        let mean = cells.reduce(0, +) / Double(cells.count)
        return cells.map { mean + lambda * ($0 - mean) }
      }
    }
    for factor in [4.0, 0.25] {
      violations += transformed(
        policy, on: matrix, law: "scale-free (× \(factor))", against: outcomes,
        expectation: .sameClass
      ) { cells in cells.map { $0 * factor } }
    }
    return violations
  }

  /// Rows replaced by their mean in every period, when that mean is positive: X or too few
  /// periods, never Y, Z or no positive mean.
  static func constantViolations<Policy: XYZPolicy, ID>(
    of policy: Policy, on matrix: PeriodMatrix<ID>
  ) -> [String] {
    let law = "constant is X"
    var means: [Double] = []
    var cells: [Double] = []
    for row in 0..<matrix.count {
      let values = XYZRows.row(row, of: matrix)
      let mean = values.reduce(0, +) / Double(values.count)
      means.append(mean)
      cells += mean > 0 && mean.isFinite ? Array(repeating: mean, count: values.count) : values
    }
    let result: XYZClassification<ID>
    do {
      let constant = try PeriodMatrix(
        ids: matrix.ids, periodCount: matrix.periodCount, values: cells)
      result = try policy.classification(of: constant)
    } catch {
      return ["\(law): \(error)"]
    }
    guard result.count == matrix.count else { return ["\(law): \(result.count) outcomes"] }
    var violations: [String] = []
    for row in 0..<matrix.count where means[row] > 0 && means[row].isFinite {
      switch result.outcome(forRow: row) {
      case .classified(.x, _), .tooFewPeriods: continue
      case let other:
        if violations.count < maximumReportedPerLaw {
          violations.append(
            "\(law): client \(matrix.ids[row]) with \(means[row]) in every period is \(other)")
        }
      }
    }
    return violations
  }

  /// Runs the policy on a copy of the matrix with every row transformed, and compares each
  /// row's outcome with `outcomes` as `expectation` says.
  static func transformed<Policy: XYZPolicy, ID>(
    _ policy: Policy, on matrix: PeriodMatrix<ID>, law: String, against outcomes: [XYZOutcome],
    expectation: XYZExpectation, transform: ([Double]) -> [Double]
  ) -> [String] {
    let cells = (0..<matrix.count).flatMap { transform(XYZRows.row($0, of: matrix)) }
    do {
      let copy = try PeriodMatrix(ids: matrix.ids, periodCount: matrix.periodCount, values: cells)
      return compare(
        policy, on: copy, law: law, against: outcomes, expectation: expectation)
    } catch {
      return ["\(law): could not build the transformed data: \(error)"]
    }
  }

  /// What a law expects of a row's outcome after the data changed.
  enum XYZExpectation {
    /// The very same outcome, coefficient included.
    case identical
    /// The same class, or the same reason for none.
    case sameClass
    /// For a classified row, a class at least as steady; unclassified rows are not compared.
    case atLeastAsSteady
  }

  /// Runs the policy and compares each row's outcome with `outcomes` as `expectation` says.
  static func compare<Policy: XYZPolicy, ID>(
    _ policy: Policy, on matrix: PeriodMatrix<ID>, law: String, against outcomes: [XYZOutcome],
    expectation: XYZExpectation
  ) -> [String] {
    let result: XYZClassification<ID>
    do {
      result = try policy.classification(of: matrix)
    } catch {
      return ["\(law): the policy threw: \(error)"]
    }
    guard result.count == outcomes.count else { return ["\(law): \(result.count) outcomes"] }
    var violations: [String] = []
    for row in outcomes.indices {
      let before = outcomes[row]
      let after = result.outcome(forRow: row)
      let broken: Bool
      switch expectation {
      case .identical:
        broken = before != after
      case .sameClass:
        broken = before.xyzClass != after.xyzClass || !sameKind(before, after)
      case .atLeastAsSteady:
        broken = before.xyzClass.map { old in after.xyzClass.map { $0 < old } ?? true } ?? false
      }
      if broken && violations.count < maximumReportedPerLaw {
        violations.append("\(law): client \(matrix.ids[row]) is \(before), then \(after)")
      }
    }
    return violations
  }

  /// Whether two outcomes are the same case (the coefficient may differ in its last bits).
  static func sameKind(_ lhs: XYZOutcome, _ rhs: XYZOutcome) -> Bool {
    switch (lhs, rhs) {
    case (.classified, .classified), (.tooFewPeriods, .tooFewPeriods),
      (.noPositiveMean, .noPositiveMean):
      return true
    default:
      return false
    }
  }
}

/// Row access for the XYZ laws.
enum XYZRows {
  /// The cells of one row, oldest period first.
  static func row<ID>(_ row: Int, of matrix: PeriodMatrix<ID>) -> [Double] {
    Array(matrix.values[(row * matrix.periodCount)..<((row + 1) * matrix.periodCount)])
  }
}
