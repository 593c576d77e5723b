public import BaseGrowth
import ClientBaseCore

/// Law checks for growth-target rules that a host calls from its own tests, whatever test
/// framework it uses.
///
/// ```swift
/// let situation = try GrowthSituation(baseSize: 400, period: .given(days: 30))
/// let violations = GrowthTargetLaws.violations(of: OurQuotaRule(), on: [situation])
/// #expect(violations.isEmpty, "\(violations)")
/// ```
public enum GrowthTargetLaws: Sendable {
  /// Checks the laws of `GrowthTargetPolicy` on the host's situations and on a seeded ladder
  /// of base sizes around each (0, 1, 2, 10, … up to 10⁹, plus 40 seeded sizes).
  ///
  /// Laws, as violations name them:
  /// - **a figure**: the target is counted over the situation's period, under the rule's
  ///   name (a `GrowthTarget` is finite and 0 or more by construction);
  /// - **monotone in the base**: a larger base, all else equal, never gets a smaller target;
  /// - **deterministic**: the same situation gives the same target.
  ///
  /// A situation the rule throws for (a rule missing its evidence) is skipped.
  ///
  /// - Parameters:
  ///   - policy: The rule under test.
  ///   - situations: Situations to vary; include one with an expected loss for rules that
  ///     use it.
  ///   - seed: The seed of the ladder's sizes; 1 by default.
  /// - Returns: The violations found, at most five per law.
  public static func violations<Policy: GrowthTargetPolicy>(
    of policy: Policy, on situations: [GrowthSituation], seed: UInt64 = 1
  ) -> [LawViolation] {
    var report = LawReport()
    var generator = SeededGenerator(seed: seed)
    for situation in situations {
      var sizes = [0, 1, 2, 3, 10, 99, 100, 101, 400, 10_000, 1_000_000, 1_000_000_000]
      sizes.append(situation.baseSize)
      for _ in 0..<40 { sizes.append(generator.nextInt(below: 10_000_000)) }
      sizes.sort()
      var previous: (size: Int, prospects: Double)?
      for size in sizes {
        guard let varied = try? situation.withBaseSize(size),
          let target = try? policy.target(for: varied)
        else { continue }
        let shown: [LawViolation.Value] = [
          .init("base", "\(size)"), .init("period", "\(varied.period.days) days"),
          .init("target", "\(target.exactProspects)"), .init("rule", target.rule),
        ]
        if target.periodDays != varied.period.days || target.rule != policy.ruleName {
          report.add(
            LawViolation(
              law: "a figure", values: shown + [.init("ruleName", policy.ruleName)],
              message: "the target is not counted over the situation's period under the rule's "
                + "name"))
        }
        if (try? policy.target(for: varied)) != target {
          report.add(
            LawViolation(
              law: "deterministic", values: shown, message: "a second call gave another target"))
        }
        if let previous, target.exactProspects < previous.prospects {
          report.add(
            LawViolation(
              law: "monotone in the base",
              values: shown + [
                .init("smaller base", "\(previous.size)"),
                .init("its target", "\(previous.prospects)"),
              ],
              message: "a larger base got a smaller target"))
        }
        previous = (size, target.exactProspects)
      }
    }
    return report.violations
  }
}
