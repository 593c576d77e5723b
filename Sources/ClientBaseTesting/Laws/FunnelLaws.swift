public import BaseGrowth
public import ClientBaseCore

/// Law checks for acquisition-funnel rules that a host calls from its own tests, whatever
/// test framework it uses.
///
/// ```swift
/// let violations = FunnelLaws.violations(
///   of: OurFunnel(), contacts: sampleContacts, clients: table, from: monthStart, through: asOf)
/// #expect(violations.isEmpty, "\(violations)")
/// ```
public enum FunnelLaws: Sendable {
  /// Checks the laws of `FunnelPolicy` on the host's contacts and purchases.
  ///
  /// Laws, as violations name them:
  /// - **nested stages**: no stage counts more prospects than the one before, the contacted
  ///   prospects are at most the calls, the call days at most the calls;
  /// - **in the window**: copies of every contact a year before `from` and a year after
  ///   `through` change nothing;
  /// - **order independence**: the contacts in a seeded shuffle give the same funnel;
  /// - **deterministic**: a second run gives the same funnel.
  ///
  /// - Parameters:
  ///   - policy: The rule under test.
  ///   - contacts: Sample contacts; mix prospects and clients, outcomes and channels.
  ///   - clients: The purchases' per-client summary, through `through`.
  ///   - from: The window's first day.
  ///   - through: The window's last day.
  ///   - seed: The seed of the shuffle; 1 by default.
  /// - Returns: The violations found, at most five per law.
  public static func violations<Policy: FunnelPolicy, ID>(
    of policy: Policy, contacts: [Contact<ID>], clients: ClientTable<ID>, from: Day,
    through: Day, seed: UInt64 = 1
  ) -> [LawViolation] {
    var report = LawReport()
    let funnel: AcquisitionFunnel
    do {
      funnel = try policy.funnel(of: contacts, clients: clients, from: from, through: through)
    } catch {
      report.add(
        LawViolation(law: "deterministic", message: "threw \(error) on a valid window"))
      return report.violations
    }
    let shown: [LawViolation.Value] = [
      .init("calls", "\(funnel.calls)"), .init("stages", "\(funnel.stageCounts)"),
    ]
    let counts = funnel.stageCounts
    if zip(counts, counts.dropFirst()).contains(where: { $0 < $1 })
      || (counts.first ?? 0) > funnel.calls || funnel.callDays > funnel.calls
    {
      report.add(
        LawViolation(
          law: "nested stages", values: shown,
          message: "a stage counts more than the one before, or more prospects than calls"))
    }
    if (try? policy.funnel(of: contacts, clients: clients, from: from, through: through))
      != funnel
    {
      report.add(
        LawViolation(law: "deterministic", values: shown, message: "a second run differed"))
    }
    var outside = contacts
    for contact in contacts {
      var before = contact
      before.day = from.adding(days: -365)
      var after = contact
      after.day = through.adding(days: 365)
      outside.append(before)
      outside.append(after)
    }
    if (try? policy.funnel(of: outside, clients: clients, from: from, through: through))
      != funnel
    {
      report.add(
        LawViolation(
          law: "in the window", values: shown,
          message: "contacts outside the window changed the funnel"))
    }
    var generator = SeededGenerator(seed: seed)
    let shuffled = contacts.shuffled(using: &generator)
    if (try? policy.funnel(of: shuffled, clients: clients, from: from, through: through))
      != funnel
    {
      report.add(
        LawViolation(
          law: "order independence", values: shown,
          message: "the same contacts in another order gave another funnel"))
    }
    return report.violations
  }
}
