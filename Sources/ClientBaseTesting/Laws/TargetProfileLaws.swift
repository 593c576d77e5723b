import ClientBaseCore
public import Segmentation

/// Law checks a host runs against its own target profile: a plain function that returns the
/// violations found (empty when the policy keeps its promises), so it works with any test
/// framework.
///
/// ```swift
/// @Test func ourProfileKeepsTheLaws() throws {
///   let violations = TargetProfileLaws.violations(of: ourProfile, on: try ClientProfiles(sample))
///   #expect(violations.isEmpty, "\(violations)")
/// }
/// ```
///
/// The check is only as strong as the sample: vary the profiles so criteria are met in many
/// combinations, and include profiles that lack facts.
public enum TargetProfileLaws: Sendable {
  /// Checks a target profile on sample profiles.
  ///
  /// Laws: **fit in range** (every fit finite, within 0…1); **criteria in range** (`met` and
  /// `missing` name only existing criteria, and never the same one); **deterministic** (the
  /// same profile assessed twice gives the same assessment); **monotone** (for every pair of
  /// sample clients where one meets every criterion the other meets and more, its fit is not
  /// lower and a target client's superset is a target client too); **whole base agrees** (the
  /// whole-base evaluation, of the rows as given and of a seeded shuffle of them, gives every
  /// client its per-client assessment).
  ///
  /// - Parameters:
  ///   - policy: The host's target profile.
  ///   - profiles: Sample clients.
  ///   - seed: The seed of the shuffle (default 1).
  /// - Returns: The violations found, at most a few per law, each naming the client.
  /// - Complexity: O(*n²*) pairs for *n* sample profiles: keep the sample to a few thousand.
  public static func violations<Policy: TargetProfilePolicy, ID>(
    of policy: Policy, on profiles: ClientProfiles<ID>, seed: UInt64 = 1
  ) -> [LawViolation] {
    var report = LawReport()
    let names = policy.criterionNames
    let criterionCount = names.count
    let valid: UInt64 = criterionCount >= 64 ? ~0 : (1 << UInt64(criterionCount)) - 1
    /// The criteria of a set by name, or by position when the policy has no such criterion.
    func named(_ set: TargetCriteriaSet) -> String {
      let listed = (0..<64).filter(set.contains).map {
        $0 < criterionCount ? names[$0] : "criterion #\($0 + 1) of \(criterionCount)"
      }
      return listed.isEmpty ? "none" : listed.joined(separator: ", ")
    }
    func values(_ assessment: TargetAssessment) -> [LawViolation.Value] {
      [
        .init("fit", "\(assessment.fit)"), .init("target", "\(assessment.isTarget)"),
        .init("met", named(assessment.met)), .init("missing", named(assessment.missing)),
      ]
    }
    let rows = profiles.profiles
    var assessments: [TargetAssessment] = []
    assessments.reserveCapacity(rows.count)
    for profile in rows {
      // Asked twice in a row, so a policy with hidden state shows it between the two calls.
      let assessment = policy.assessment(of: profile)
      let again = policy.assessment(of: profile)
      assessments.append(assessment)
      if !(assessment.fit.isFinite && assessment.fit >= 0 && assessment.fit <= 1) {
        report.add(
          LawViolation(
            law: "fit in range", client: profile.id, values: values(assessment),
            message: "the fit is not a number within 0…1"))
      }
      if assessment.met.bits & ~valid != 0 || assessment.missing.bits & ~valid != 0
        || assessment.met.bits & assessment.missing.bits != 0
      {
        report.add(
          LawViolation(
            law: "criteria in range", client: profile.id, values: values(assessment),
            message:
              "met and missing must name different criteria among the \(criterionCount)"))
      }
      if again != assessment {
        report.add(
          LawViolation(
            law: "deterministic", client: profile.id,
            values: values(assessment) + [.init("fit asked again", "\(again.fit)")],
            message: "the same profile assessed twice gave different assessments"))
      }
    }
    for (i, lower) in assessments.enumerated() {
      for (j, upper) in assessments.enumerated() where i != j {
        guard upper.met.isSuperset(of: lower.met) && upper.met != lower.met else { continue }
        if upper.fit < lower.fit - 1e-12 {
          report.add(
            LawViolation(
              law: "monotone", client: rows[j].id,
              values: values(upper) + [.init("fit of \(rows[i].id)", "\(lower.fit)")],
              message:
                "meets every criterion client \(rows[i].id) meets and more, but its fit is lower"))
        } else if lower.isTarget && !upper.isTarget {
          report.add(
            LawViolation(
              law: "monotone", client: rows[j].id, values: values(upper),
              message:
                "meets every criterion target client \(rows[i].id) meets and more, but is not "
                + "a target client"))
        }
      }
    }
    let forwards = policy.evaluation(of: profiles)
    var generator = SeededGenerator(seed: seed)
    let order = Array(rows.indices).shuffled(using: &generator)
    let shuffled = try? ClientProfiles(order.map { rows[$0] })
    let backwards = shuffled.map { policy.evaluation(of: $0) }
    guard forwards.count == rows.count, backwards.map({ $0.count == rows.count }) ?? true else {
      report.add(
        LawViolation(
          law: "whole base agrees",
          message: "the evaluation has \(forwards.count) rows for \(rows.count) profiles"))
      return report.violations
    }
    var shuffledRow = [Int](repeating: 0, count: rows.count)
    for (position, row) in order.enumerated() { shuffledRow[row] = position }
    for row in rows.indices {
      let expected = assessments[row]
      var seen: [(String, TargetAssessment)] = [("as given", forwards.assessment(forRow: row))]
      if let backwards { seen.append(("shuffled", backwards.assessment(forRow: shuffledRow[row]))) }
      for (name, got) in seen where got != expected {
        report.add(
          LawViolation(
            law: "whole base agrees", client: rows[row].id,
            values: values(expected) + [.init("whole-base fit (\(name))", "\(got.fit)")],
            message: "the whole-base evaluation (\(name)) differs from the client's assessment"))
      }
    }
    return report.violations
  }
}
