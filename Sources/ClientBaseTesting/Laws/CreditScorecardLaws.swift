import ClientBaseCore
public import Segmentation

/// Law checks a host runs against its own credit scorecard: a plain function that returns the
/// violations found (empty when the policy keeps its promises), so it works with any test
/// framework.
///
/// ```swift
/// @Test func ourScorecardKeepsTheLaws() throws {
///   let violations = CreditScorecardLaws.violations(of: ourScorecard, on: sample)
///   #expect(violations.isEmpty, "\(violations)")
/// }
/// ```
///
/// The check is only as strong as the sample: include clients at and around every band edge
/// and grade threshold.
public enum CreditScorecardLaws: Sendable {
  /// Checks a credit scorecard on sample inputs.
  ///
  /// Laws: **points in range** (each factor's points for a finite input are finite and within
  /// `0...maximumPoints`, and a rated client's total within 0 and the summed maximum);
  /// **one grade** (each client has exactly one grade of the scale or is unrated, the counts
  /// add up, and the whole-base grade equals the single-client grade of
  /// `rating(of:)`); **monotone** (moving one input a step in its
  /// factor's better direction never lowers that factor's points nor the client's grade);
  /// **deterministic** (rating twice, and rating a seeded shuffle of the rows, gives the same
  /// grade per client).
  ///
  /// - Parameters:
  ///   - policy: The host's scorecard.
  ///   - inputs: Sample clients; include values at and around every band edge.
  ///   - seed: The seed of the shuffle (default 1).
  ///   - steps: The step by input name for the monotone law (default 1 for inputs not
  ///     listed).
  /// - Returns: The violations found, at most a few per law, each naming the client (or the
  ///   factor, for a factor's own points).
  /// - Complexity: O(*n·k²*) for *n* sample clients and *k* factors.
  public static func violations<Policy: CreditRatingPolicy, ID>(
    of policy: Policy, on inputs: CreditInputs<ID>, seed: UInt64 = 1,
    steps: [String: Double] = [:]
  ) -> [LawViolation] {
    var report = LawReport()
    let factors = policy.factors
    let scale = policy.gradeScale
    let maximum = factors.reduce(0) { $0 + $1.maximumPoints }
    let ratings = policy.ratings(for: inputs)
    guard ratings.count == inputs.count, ratings.gradeRanks.count == inputs.count else {
      report.add(
        LawViolation(
          law: "one grade",
          message: "the ratings have \(ratings.count) rows for \(inputs.count) clients"))
      return report.violations
    }
    if policy.ratings(for: inputs).gradeRanks != ratings.gradeRanks {
      report.add(
        LawViolation(
          law: "deterministic", message: "rating the same inputs twice gave different grades"))
    }
    let counts = ratings.counts
    if counts.total != inputs.count {
      report.add(
        LawViolation(
          law: "one grade",
          values: [
            .init("counts", "\(counts.entries.map(\.count))"),
            .init("unrated", "\(counts.unlabeled)"),
          ],
          message: "the counts per grade and the unrated do not add up to \(inputs.count) clients"))
    }
    var generator = SeededGenerator(seed: seed)
    let order = Array(0..<inputs.count).shuffled(using: &generator)
    var shuffledRow = [Int](repeating: 0, count: inputs.count)
    for (position, row) in order.enumerated() { shuffledRow[row] = position }
    let shuffled =
      (try? CreditInputs(
        ids: order.map { inputs.ids[$0] },
        columns: inputs.columns.mapValues { column in ContiguousArray(order.map { column[$0] }) }))
      .map { policy.ratings(for: $0) }
    for row in 0..<inputs.count {
      let client = inputs.ids[row]
      var values: [String: Double] = [:]
      for (name, column) in inputs.columns { values[name] = column[row] }
      let shown = values.keys.sorted().map { LawViolation.Value($0, "\(values[$0] ?? .nan)") }
      let alone = policy.rating(of: values)
      let rank = Int(ratings.gradeRanks[row])
      if rank < -1 || rank >= scale.grades.count {
        report.add(
          LawViolation(
            law: "one grade", client: client, values: shown,
            message: "grade rank \(rank) is not on the scale of \(scale.grades.count) grades"))
      }
      if ratings.grade(forRow: row) != alone.grade {
        report.add(
          LawViolation(
            law: "one grade", client: client, values: shown,
            message:
              "the whole base gives \(ratings.grade(forRow: row)?.name ?? "unrated"), the "
              + "client alone \(alone.grade?.name ?? "unrated")"))
      }
      if policy.rating(of: values) != alone {
        report.add(
          LawViolation(
            law: "deterministic", client: client, values: shown,
            message: "rated twice, the client got two different ratings"))
      }
      if let shuffled, shuffled.gradeRanks[shuffledRow[row]] != ratings.gradeRanks[row] {
        report.add(
          LawViolation(
            law: "deterministic", client: client, values: shown,
            message: "the grade changes when the rows are shuffled"))
      }
      if let points = alone.points, !(points >= -1e-9 && points <= maximum + 1e-9) {
        report.add(
          LawViolation(
            law: "points in range", client: client, values: shown,
            message: "\(points) points, of at most \(maximum)"))
      }
      for factor in factors {
        guard let value = values[factor.inputName], value.isFinite else { continue }
        let points = factor.points(for: value)
        if !(points.isFinite && points >= 0 && points <= factor.maximumPoints) {
          report.add(
            LawViolation(
              law: "points in range", client: client, values: shown,
              message:
                "factor \(factor.name) gives \(points) points for \(factor.inputName) "
                + "\(value), maximum \(factor.maximumPoints)"))
        }
        let step = abs(steps[factor.inputName] ?? 1)
        let better = factor.direction == .higherIsBetter ? value + step : value - step
        guard better.isFinite else { continue }
        let betterPoints = factor.points(for: better)
        if betterPoints < points {
          report.add(
            LawViolation(
              law: "monotone", client: client, values: shown,
              message:
                "factor \(factor.name): \(factor.inputName) \(better) is better than \(value) "
                + "but earns \(betterPoints) < \(points) points"))
        }
        var improved = values
        improved[factor.inputName] = better
        let after = policy.rating(of: improved)
        if let before = alone.grade, let now = after.grade, now < before {
          report.add(
            LawViolation(
              law: "monotone", client: client, values: shown,
              message:
                "\(factor.inputName) \(value) → \(better) lowers the grade \(before.name) → "
                + now.name))
        }
      }
    }
    return report.violations
  }
}
