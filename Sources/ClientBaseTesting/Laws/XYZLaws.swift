import ClientBaseCore
public import Segmentation

/// Law checks for XYZ policies that a host calls from its own tests, whatever test framework
/// it uses.
///
/// ```swift
/// let matrix = try PeriodMatrix(ids: ids, periodCount: 12, values: cells)
/// let violations = XYZLaws.violations(of: MyXYZ(), on: matrix)
/// #expect(violations.isEmpty, "\(violations)")
/// ```
public enum XYZLaws: Sendable {
  /// Checks the laws of `XYZPolicy` on a matrix of per-period values.
  ///
  /// Laws, as violations name them:
  /// - **one outcome per row**: the result's row space is the input's (an
  ///   `XYZClassification` holds one outcome per row of its own row space, and each row's
  ///   class is its outcome's, so what a policy can get wrong is the row space: a result over
  ///   other clients, or the same clients in another order);
  /// - **deterministic**: a second run gives the same outcomes;
  /// - **order independence**: three seeded shuffles of the rows give every client the outcome
  ///   it had in input order;
  /// - **constant is X**: a row replaced by its positive mean in every period is X, or
  ///   unclassified for too few periods — never Y, Z or without a positive mean;
  /// - **steadier is never less steady**: a row whose periods are all positive, blended
  ///   towards its mean as `mean + λ × (value − mean)` for λ of 0.5 and 0.1 (so its
  ///   coefficient of variation is λ times smaller), never gets a less steady class;
  /// - **scale-free**: every row multiplied by 4 or by 0.25 (powers of two, so the
  ///   coefficients are exactly equal) keeps its class, or its reason for having none.
  ///
  /// A violation names the client by its identifier and shows its periods as the host passed
  /// them in and the outcomes the policy gave.
  ///
  /// - Parameters:
  ///   - policy: The policy under test.
  ///   - matrix: The sample to check it on; mix steady, erratic, partly empty and negative
  ///     rows.
  ///   - seed: The seed of the shuffles; 1 by default.
  /// - Returns: The violations found, at most five per law; empty when the policy kept every
  ///   law on this sample.
  /// - Complexity: O(*n* × *p*) plus ten runs of the policy, for *n* rows of *p* periods.
  public static func violations<Policy: XYZPolicy, ID>(
    of policy: Policy, on matrix: PeriodMatrix<ID>, seed: UInt64 = 1
  ) -> [LawViolation] {
    var report = LawReport()
    let original = policy.classification(of: matrix)
    guard checkShape(original, of: matrix, context: "", into: &report) else {
      return report.violations
    }
    let outcomes = (0..<matrix.count).map { original.outcome(forRow: $0) }
    compare(
      policy, on: matrix, original: matrix, law: "deterministic", against: outcomes,
      expectation: .identical, note: "in a second run", message: "another outcome in a second run",
      into: &report)
    ValueClassLawSupport.checkOrderIndependence(
      ids: matrix.ids, seed: seed, into: &report,
      shuffled: { order in
        try PeriodMatrix(
          ids: order.map { matrix.ids[$0] }, periodCount: matrix.periodCount,
          values: order.flatMap { cells(of: $0, in: matrix) })
      },
      classify: { policy.classification(of: $0) },
      hasShape: { checkShape($0, of: $1, context: $2, into: &$3) },
      moved: { position, row, result in
        result.outcome(forRow: position) == outcomes[row]
          ? nil
          : [
            .init("periods", "\(cells(of: row, in: matrix))"),
            .init("outcome in input order", describe(outcomes[row])),
            .init("outcome shuffled", describe(result.outcome(forRow: position))),
          ]
      }, what: "another outcome")
    checkConstantRows(of: policy, on: matrix, into: &report)
    for lambda in [0.5, 0.1] {
      transformed(
        policy, on: matrix, law: "steadier is never less steady", against: outcomes,
        expectation: .atLeastAsSteady, note: "blended (λ = \(lambda))",
        message: "a less steady class once its periods are blended towards their mean with "
          + "λ = \(lambda)", into: &report
      ) { cells in
        guard cells.allSatisfy({ $0 > 0 }) else { return cells }
        let mean = cells.reduce(0, +) / Double(cells.count)
        return cells.map { mean + lambda * ($0 - mean) }
      }
    }
    for factor in [4.0, 0.25] {
      transformed(
        policy, on: matrix, law: "scale-free", against: outcomes, expectation: .sameClass,
        note: "× \(factor)",
        message: "another class, or reason for none, once its periods are multiplied by \(factor)",
        into: &report
      ) { cells in cells.map { $0 * factor } }
    }
    return report.violations
  }

  /// The cells of one row, oldest period first.
  static func cells<ID>(of row: Int, in matrix: PeriodMatrix<ID>) -> [Double] {
    Array(matrix.values[(row * matrix.periodCount)..<((row + 1) * matrix.periodCount)])
  }

  /// An outcome in a few words: "X (coefficient of variation 0.082)", "unclassified: 2 of 3
  /// periods", "unclassified: mean -4.0".
  static func describe(_ outcome: XYZOutcome) -> String {
    switch outcome {
    case .classified(let value, let coefficient):
      return "\(value) (coefficient of variation \(ValueClassLawSupport.text(coefficient)))"
    case .tooFewPeriods(let observed, let required):
      return "unclassified: \(observed) of \(required) periods"
    case .noPositiveMean(let mean):
      return "unclassified: mean \(ValueClassLawSupport.text(mean))"
    }
  }

  /// Records a violation unless `result` has one outcome per row of `matrix`, over its row
  /// space; returns whether it has.
  private static func checkShape<ID>(
    _ result: XYZClassification<ID>, of matrix: PeriodMatrix<ID>, context: String,
    into report: inout LawReport
  ) -> Bool {
    ValueClassLawSupport.checkRows(
      of: result.clients, columnCounts: [result.classes.count], input: matrix.clients,
      law: "one outcome per row", context: context, into: &report)
  }

  /// Rows replaced by their mean in every period, when that mean is positive: X or too few
  /// periods, never Y, Z or no positive mean.
  private static func checkConstantRows<Policy: XYZPolicy, ID>(
    of policy: Policy, on matrix: PeriodMatrix<ID>, into report: inout LawReport
  ) {
    let law = "constant is X"
    var means: [Double] = []
    var constantCells: [Double] = []
    for row in 0..<matrix.count {
      let values = cells(of: row, in: matrix)
      let mean = values.reduce(0, +) / Double(values.count)
      means.append(mean)
      constantCells +=
        mean > 0 && mean.isFinite ? Array(repeating: mean, count: values.count) : values
    }
    let constant: PeriodMatrix<ID>
    do {
      constant = try PeriodMatrix(
        clients: matrix.clients, periodCount: matrix.periodCount, values: constantCells)
    } catch {
      report.add(LawViolation(law: law, message: "could not build the constant rows: \(error)"))
      return
    }
    let result = policy.classification(of: constant)
    guard checkShape(result, of: constant, context: " (constant rows)", into: &report) else {
      return
    }
    for row in 0..<matrix.count where means[row] > 0 && means[row].isFinite {
      switch result.outcome(forRow: row) {
      case .classified(.x, _), .tooFewPeriods: continue
      case let other:
        report.add(
          LawViolation(
            law: law, client: matrix.ids[row],
            values: [
              .init("periods", "\(cells(of: row, in: matrix))"),
              .init("mean in every period", ValueClassLawSupport.text(means[row])),
              .init("outcome", describe(other)),
            ],
            message: "its mean in every period is not X"))
      }
    }
  }

  /// What a law expects of a row's outcome after the data changed.
  private enum Expectation {
    /// The very same outcome, coefficient included.
    case identical
    /// The same class, or the same reason for none.
    case sameClass
    /// For a classified row, a class at least as steady; unclassified rows are not compared.
    case atLeastAsSteady
  }

  /// Runs the policy on a copy of the matrix with every row transformed, and compares each
  /// row's outcome with `outcomes` as `expectation` says.
  private static func transformed<Policy: XYZPolicy, ID>(
    _ policy: Policy, on matrix: PeriodMatrix<ID>, law: String, against outcomes: [XYZOutcome],
    expectation: Expectation, note: String, message: String, into report: inout LawReport,
    transform: ([Double]) -> [Double]
  ) {
    let changed = (0..<matrix.count).flatMap { transform(cells(of: $0, in: matrix)) }
    do {
      let copy = try PeriodMatrix(
        clients: matrix.clients, periodCount: matrix.periodCount, values: changed)
      compare(
        policy, on: copy, original: matrix, law: law, against: outcomes,
        expectation: expectation, note: note, message: message, into: &report)
    } catch {
      report.add(
        LawViolation(law: law, message: "could not build the rows \(note): \(error)"))
    }
  }

  /// Runs the policy and compares each row's outcome with `outcomes` as `expectation` says.
  private static func compare<Policy: XYZPolicy, ID>(
    _ policy: Policy, on matrix: PeriodMatrix<ID>, original: PeriodMatrix<ID>, law: String,
    against outcomes: [XYZOutcome], expectation: Expectation, note: String, message: String,
    into report: inout LawReport
  ) {
    let result = policy.classification(of: matrix)
    guard checkShape(result, of: matrix, context: " (\(note))", into: &report) else { return }
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
      guard broken else { continue }
      var values: [LawViolation.Value] = [
        .init("periods", "\(cells(of: row, in: original))"),
        .init("outcome", describe(before)),
      ]
      if expectation != .identical {
        values.append(.init("periods \(note)", "\(cells(of: row, in: matrix))"))
      }
      values.append(.init("outcome \(note)", describe(after)))
      report.add(
        LawViolation(
          law: law, client: original.ids[row], values: values,
          message: message))
    }
  }

  /// Whether two outcomes are the same case (the coefficient may differ in its last bits).
  private static func sameKind(_ lhs: XYZOutcome, _ rhs: XYZOutcome) -> Bool {
    switch (lhs, rhs) {
    case (.classified, .classified), (.tooFewPeriods, .tooFewPeriods),
      (.noPositiveMean, .noPositiveMean):
      return true
    default:
      return false
    }
  }
}
