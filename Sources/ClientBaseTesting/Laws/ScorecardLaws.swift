public import ClientBaseCore
public import Segmentation

/// A broken promise of a scorecard policy, found by ``ScorecardLaws``.
public struct ScorecardLawViolation: Hashable, Sendable, CustomStringConvertible {
  /// The law that failed: "fit in range", "monotone", "deterministic", …
  public var law: String
  /// What was observed, naming the client and the numbers.
  public var detail: String

  /// Creates a violation.
  ///
  /// - Parameters:
  ///   - law: The law that failed.
  ///   - detail: What was observed.
  public init(law: String, detail: String) {
    self.law = law
    self.detail = detail
  }

  /// "law: detail".
  public var description: String { "\(law): \(detail)" }
}

/// Law checks a host runs against its own target profile or credit scorecard.
///
/// Each check is a plain function returning the violations it found (empty when the policy
/// keeps its promises), so it works with any test framework:
///
/// ```swift
/// @Test func ourScorecardKeepsTheLaws() throws {
///   let violations = ScorecardLaws.creditScorecardViolations(of: ourScorecard, on: sample)
///   #expect(violations.isEmpty, "\(violations)")
/// }
/// ```
///
/// The checks are only as strong as the sample: include clients near every band edge and
/// threshold. Each law reports at most ``maximumExamplesPerLaw`` examples.
public enum ScorecardLaws: Sendable {
  /// The most violations reported per law.
  public static let maximumExamplesPerLaw = 10

  /// Checks a target profile on sample profiles.
  ///
  /// Laws: **fit in range** (every fit finite, within 0…1); **criteria in range** (`met` and
  /// `missing` name only existing criteria, and never the same one); **deterministic** (the
  /// same profile assessed twice gives the same assessment); **monotone** (for every pair of
  /// sample clients where one meets every criterion the other meets and more, its fit is not
  /// lower and a target client's superset is a target client too); **whole base agrees** (the
  /// whole-base evaluation, forwards and reversed, matches the per-client assessments).
  ///
  /// - Parameters:
  ///   - policy: The host's target profile.
  ///   - profiles: Sample clients, each once; vary them so criteria are met in many
  ///     combinations.
  /// - Returns: The violations found.
  /// - Complexity: O(*n²*) pairs for *n* sample profiles: keep the sample to a few thousand.
  public static func targetProfileViolations<Policy: TargetProfilePolicy, ID>(
    of policy: Policy, on profiles: [ClientProfile<ID>]
  ) -> [ScorecardLawViolation] {
    var log = ViolationLog()
    let criterionCount = policy.criterionNames.count
    let valid: UInt64 = criterionCount >= 64 ? ~0 : (1 << UInt64(criterionCount)) - 1
    var assessments: [TargetAssessment] = []
    assessments.reserveCapacity(profiles.count)
    for profile in profiles {
      // Asked twice in a row, so a policy with hidden state shows it between the two calls.
      let assessment = policy.assessment(of: profile)
      let again = policy.assessment(of: profile)
      assessments.append(assessment)
      let client = String(describing: profile.id)
      if !(assessment.fit.isFinite && assessment.fit >= 0 && assessment.fit <= 1) {
        log.add("fit in range", "client \(client) has fit \(assessment.fit)")
      }
      if assessment.met.bits & ~valid != 0 || assessment.missing.bits & ~valid != 0
        || assessment.met.bits & assessment.missing.bits != 0
      {
        log.add(
          "criteria in range",
          "client \(client): met \(assessment.met.bits), missing \(assessment.missing.bits) "
            + "with \(criterionCount) criteria")
      }
      if again != assessment {
        log.add(
          "deterministic",
          "client \(client): fit \(assessment.fit) then \(again.fit), target "
            + "\(assessment.isTarget) then \(again.isTarget)")
      }
    }
    for (i, lower) in assessments.enumerated() {
      for (j, upper) in assessments.enumerated() where i != j {
        guard upper.met.isSuperset(of: lower.met) && upper.met != lower.met else { continue }
        if upper.fit < lower.fit - 1e-12 {
          log.add(
            "monotone",
            "client \(profiles[j].id) meets more criteria than \(profiles[i].id) but its fit "
              + "\(upper.fit) is below \(lower.fit)")
        } else if lower.isTarget && !upper.isTarget {
          log.add(
            "monotone",
            "client \(profiles[j].id) meets more criteria than target client "
              + "\(profiles[i].id) but is not a target client")
        }
      }
    }
    if !profiles.isEmpty,
      let forwards = try? policy.evaluation(of: profiles),
      let backwards = try? policy.evaluation(of: Array(profiles.reversed()))
    {
      let last = profiles.count - 1
      for row in profiles.indices {
        let expected = assessments[row]
        for (name, got) in [
          ("forwards", forwards.assessment(forRow: row)),
          ("reversed", backwards.assessment(forRow: last - row)),
        ] where got != expected {
          log.add(
            "whole base agrees",
            "client \(profiles[row].id) \(name): fit \(got.fit), alone \(expected.fit)")
        }
      }
    }
    return log.violations
  }

  /// Checks a credit scorecard on sample inputs.
  ///
  /// Laws: **points in range** (each factor's points for a finite input are finite and within
  /// `0...maximumPoints`, and a rated client's total within 0 and the summed maximum);
  /// **one grade** (each client has exactly one grade of the scale or is unrated, the counts
  /// add up, and the whole-base grade equals the single-client grade); **monotone** (moving
  /// one input a step in its factor's better direction never lowers that factor's points nor
  /// the client's grade); **deterministic** (rating twice, and rating the rows in reverse
  /// order, gives the same grade per client).
  ///
  /// - Parameters:
  ///   - policy: The host's scorecard.
  ///   - inputs: Sample clients; include values at and around every band edge.
  ///   - steps: The step by input name for the monotone law (default 1 for inputs not
  ///     listed).
  /// - Returns: The violations found.
  /// - Complexity: O(*n·k²*) for *n* sample clients and *k* factors.
  public static func creditScorecardViolations<Policy: CreditRatingPolicy, ID>(
    of policy: Policy, on inputs: CreditInputs<ID>, steps: [String: Double] = [:]
  ) -> [ScorecardLawViolation] {
    var log = ViolationLog()
    let factors = policy.factors
    let scale = policy.gradeScale
    let maximum = factors.reduce(0) { $0 + $1.maximumPoints }
    let ratings: CreditRatings<ID>
    do {
      ratings = try policy.ratings(for: inputs)
    } catch {
      log.add("one grade", "the scorecard refused the inputs: \(error)")
      return log.violations
    }
    let again = try? policy.ratings(for: inputs)
    if again?.gradeRanks != ratings.gradeRanks {
      log.add("deterministic", "rating the same inputs twice gave different grades")
    }
    if ratings.gradeCounts.reduce(0, +) + ratings.unratedCount != inputs.count {
      log.add(
        "one grade",
        "grade counts \(ratings.gradeCounts) and \(ratings.unratedCount) unrated do not add up "
          + "to \(inputs.count) clients")
    }
    let reversed = reversedInputs(inputs)
    let backwards = reversed.flatMap { try? policy.ratings(for: $0) }
    for row in 0..<inputs.count {
      let client = String(describing: inputs.ids[row])
      var values: [String: Double] = [:]
      for (name, column) in inputs.columns { values[name] = column[row] }
      let alone = policy.rating(of: values)
      let rank = Int(ratings.gradeRanks[row])
      if rank < -1 || rank >= scale.grades.count {
        log.add("one grade", "client \(client) has grade rank \(rank)")
      }
      if ratings.grade(forRow: row) != alone.grade {
        log.add(
          "one grade",
          "client \(client): whole base gives \(ratings.grade(forRow: row)?.name ?? "unrated"), "
            + "alone \(alone.grade?.name ?? "unrated")")
      }
      if policy.rating(of: values) != alone {
        log.add("deterministic", "client \(client) rated twice differently")
      }
      if let backwards, backwards.gradeRanks[inputs.count - 1 - row] != ratings.gradeRanks[row] {
        log.add("deterministic", "client \(client) changes grade when the rows are reversed")
      }
      if let points = alone.points, !(points >= -1e-9 && points <= maximum + 1e-9) {
        log.add("points in range", "client \(client) has \(points) of at most \(maximum) points")
      }
      for factor in factors {
        guard let value = values[factor.inputName], value.isFinite else { continue }
        let points = factor.points(for: value)
        if !(points.isFinite && points >= 0 && points <= factor.maximumPoints) {
          log.add(
            "points in range",
            "factor \(factor.name) gives \(points) points for \(value), maximum "
              + "\(factor.maximumPoints)")
        }
        let step = abs(steps[factor.inputName] ?? 1)
        let better = factor.direction == .higherIsBetter ? value + step : value - step
        guard better.isFinite else { continue }
        let betterPoints = factor.points(for: better)
        if betterPoints < points {
          log.add(
            "monotone",
            "factor \(factor.name): \(better) is better than \(value) but earns "
              + "\(betterPoints) < \(points) points")
        }
        var improved = values
        improved[factor.inputName] = better
        let after = policy.rating(of: improved)
        if let before = alone.grade, let now = after.grade, now < before {
          log.add(
            "monotone",
            "client \(client): \(factor.inputName) \(value) → \(better) lowers the grade "
              + "\(before.name) → \(now.name)")
        }
      }
    }
    return log.violations
  }

  private static func reversedInputs<ID>(_ inputs: CreditInputs<ID>) -> CreditInputs<ID>? {
    try? CreditInputs(
      ids: inputs.ids.reversed(),
      columns: inputs.columns.mapValues { ContiguousArray($0.reversed()) })
  }
}

/// Collects violations, keeping a few examples per law.
private struct ViolationLog {
  var violations: [ScorecardLawViolation] = []
  var counts: [String: Int] = [:]

  mutating func add(_ law: String, _ detail: String) {
    let count = counts[law, default: 0]
    counts[law] = count + 1
    guard count < ScorecardLaws.maximumExamplesPerLaw else { return }
    violations.append(ScorecardLawViolation(law: law, detail: detail))
  }
}
