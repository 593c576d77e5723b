public import BaseGrowth
import ClientBaseCore

/// Law checks for contact-capacity rules that a host calls from its own tests, whatever test
/// framework it uses.
///
/// ```swift
/// let violations = ContactCapacityLaws.violations(of: OurCapacity(), target: target)
/// #expect(violations.isEmpty, "\(violations)")
/// ```
public enum ContactCapacityLaws: Sendable {
  /// Checks the laws of `ContactCapacityPolicy` for a target over a grid of bases (0 to
  /// 10⁷), managers (1 to 50) and interested-per-call rates (0 to 1).
  ///
  /// Laws, as violations name them:
  /// - **the base splits**: personal and mailing clients are 0 or more and add up to the base;
  /// - **conversion helps**: a higher rate never asks for more calls a day, and a rate of 0
  ///   gives no call figure (`nil`) while a positive rate gives a finite one;
  /// - **more managers help**: more managers never keep fewer clients in personal contact.
  ///
  /// - Parameters:
  ///   - policy: The rule under test.
  ///   - target: The growth target to plan for.
  /// - Returns: The violations found, at most five per law.
  public static func violations<Policy: ContactCapacityPolicy>(
    of policy: Policy, target: GrowthTarget
  ) -> [LawViolation] {
    var report = LawReport()
    let rates = [0, 0.001, 0.05, 15.0 / 70, 0.5, 1]
    for base in [0, 1, 400, 10_000, 10_000_000] {
      var personalBefore = -1
      for managers in [1, 2, 5, 50] {
        var callsBefore = Double.infinity
        for rate in rates {
          let shown: [LawViolation.Value] = [
            .init("base", "\(base)"), .init("managers", "\(managers)"),
            .init("interested per call", "\(rate)"),
          ]
          let plan: CapacityPlan
          do {
            plan = try policy.plan(
              for: target, interestedPerCall: rate, base: base, managers: managers)
          } catch {
            report.add(
              LawViolation(
                law: "the base splits", values: shown, message: "threw \(error) on valid input"))
            continue
          }
          if plan.personalClients < 0 || plan.mailingClients < 0
            || plan.personalClients + plan.mailingClients != base
          {
            report.add(
              LawViolation(
                law: "the base splits",
                values: shown + [
                  .init("personal", "\(plan.personalClients)"),
                  .init("mailing", "\(plan.mailingClients)"),
                ],
                message: "personal and mailing clients do not add up to the base"))
          }
          switch (rate > 0, plan.acquisitionCallsPerDay) {
          case (false, nil): break
          case (true, let calls?) where calls.isFinite && calls >= 0:
            if calls > callsBefore * (1 + 1e-12) {
              report.add(
                LawViolation(
                  law: "conversion helps", values: shown + [.init("calls", "\(calls)")],
                  message: "a higher conversion asked for more calls"))
            }
            callsBefore = calls
          default:
            report.add(
              LawViolation(
                law: "conversion helps",
                values: shown + [
                  .init("calls", "\(String(describing: plan.acquisitionCallsPerDay))")
                ],
                message: "no conversion must give no call figure, a positive one a finite figure"))
          }
          if rate == 15.0 / 70 {
            if plan.personalClients < personalBefore {
              report.add(
                LawViolation(
                  law: "more managers help",
                  values: shown + [.init("personal", "\(plan.personalClients)")],
                  message: "more managers kept fewer clients in personal contact"))
            }
            personalBefore = plan.personalClients
          }
        }
      }
    }
    return report.violations
  }
}
