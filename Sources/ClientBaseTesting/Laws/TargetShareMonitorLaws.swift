public import BaseGrowth
public import ClientBaseCore

/// Law checks for target-share monitors that a host calls from its own tests, whatever test
/// framework it uses.
///
/// ```swift
/// let mix = try TargetMix(table: table, targets: targetIDs)
/// let violations = TargetShareMonitorLaws.violations(
///   of: OurMonitor(), on: mix, contacts: contacts, asOf: asOf, period: .given(days: 30))
/// #expect(violations.isEmpty, "\(violations)")
/// ```
public enum TargetShareMonitorLaws: Sendable {
  /// Checks the laws of `TargetShareMonitorPolicy` on the host's mix and contacts.
  ///
  /// Laws, as violations name them:
  /// - **counts**: each period's base is the clients who joined by its last day (counted
  ///   from the mix), its targets the target clients among them, its new clients the growth
  ///   of the base since the period before;
  /// - **shares**: every share (of the base, of new clients, of calls) is within 0...1;
  /// - **order independence**: the contacts in a seeded shuffle give the same review.
  ///
  /// - Parameters:
  ///   - policy: The monitor under test.
  ///   - mix: The sample base.
  ///   - contacts: Sample contacts.
  ///   - asOf: The review's day.
  ///   - period: The characteristic period.
  ///   - periods: How many periods to review; 6 by default.
  ///   - seed: The seed of the shuffle; 1 by default.
  /// - Returns: The violations found, at most five per law.
  public static func violations<Policy: TargetShareMonitorPolicy, ID>(
    of policy: Policy, on mix: TargetMix<ID>, contacts: [Contact<ID>], asOf: Day,
    period: CharacteristicPeriod, periods: Int = 6, seed: UInt64 = 1
  ) -> [LawViolation] {
    var report = LawReport()
    let review: TargetShareReview
    do {
      review = try policy.review(
        mix, contacts: contacts, asOf: asOf, period: period, periods: periods)
    } catch {
      report.add(LawViolation(law: "counts", message: "threw \(error) on valid input"))
      return report.violations
    }
    var previousBase: Int?
    for entry in review.periods {
      var clients = 0
      var targets = 0
      for row in 0..<mix.count where mix.firstDays[row] <= entry.through {
        clients += 1
        if mix.isTarget[row] { targets += 1 }
      }
      let shown: [LawViolation.Value] = [
        .init("through", entry.through.iso8601), .init("base", "\(entry.baseClients)"),
        .init("targets", "\(entry.baseTargets)"), .init("new", "\(entry.newClients)"),
        .init("counted base", "\(clients)"), .init("counted targets", "\(targets)"),
      ]
      if entry.baseClients != clients || entry.baseTargets != targets
        || previousBase.map({ entry.baseClients - $0 != entry.newClients }) ?? false
      {
        report.add(
          LawViolation(
            law: "counts", values: shown,
            message: "the period's base, targets or new clients do not match the mix"))
      }
      previousBase = entry.baseClients
      let shares = [entry.share, entry.newClientShare ?? 0, entry.effortShare ?? 0]
      if shares.contains(where: { !($0 >= 0 && $0 <= 1) }) {
        report.add(
          LawViolation(law: "shares", values: shown, message: "a share is outside 0...1"))
      }
    }
    var generator = SeededGenerator(seed: seed)
    let shuffled = contacts.shuffled(using: &generator)
    if (try? policy.review(mix, contacts: shuffled, asOf: asOf, period: period, periods: periods))
      != review
    {
      report.add(
        LawViolation(
          law: "order independence",
          message: "the same contacts in another order gave another review"))
    }
    return report.violations
  }
}
