public import ClientBaseCore
public import Retention

/// Law checks for a host's `HandoverPolicy`: a plain function that returns the violations
/// found, so any test framework can assert that the list is empty.
///
/// ```swift
/// let violations = HandoverLaws.violations(of: ToTheLead(lead: "m-01"))
/// #expect(violations.isEmpty, "\(violations)")
/// let onOurs = HandoverLaws.violations(of: ToTheLead(lead: "m-01"), on: input)
/// #expect(onOurs.isEmpty, "\(onOurs)")
/// ```
///
/// The rule plans the hand-over of every manager on the team in turn (or those named), and
/// each plan is checked:
///
/// - **once**: every exposed client is decided exactly once — assigned or left unassigned —
///   at its own position, so assigned + unassigned = exposed;
/// - **not the leaving manager**: no client goes to the leaving manager, and every assignee is
///   on the team;
/// - **capacity**: each manager's clients before the hand-over plus those received stay
///   within their capacity, and the loads reported are those;
/// - **values**: the assigned and unassigned values add up to the exposed value;
/// - **pure**: planning again gives the same plan;
/// - **order independence**: the same data with the rows, contacts and profiles shuffled and
///   the roster reversed gives every client the same manager, and leaves the same clients
///   unassigned.
public enum HandoverLaws: Sendable {
  /// Every law, on a seeded ``CoverageSample``, for every manager leaving in turn.
  ///
  /// - Parameters:
  ///   - policy: The rule under test.
  ///   - seed: The sample's seed (default 1).
  ///   - clients: The sample's clients (default 600).
  /// - Returns: The violations, at most a few per law.
  /// - Complexity: O(*m* (*n* + *e* log *e*)) plus the rule's own cost, for *m* managers,
  ///   *n* clients and *e* exposed clients per manager.
  public static func violations<Policy: HandoverPolicy>(
    of policy: Policy, seed: UInt64 = 1, clients: Int = 600
  ) -> [LawViolation] {
    do {
      let input = try CoverageSample.input(seed: seed, clients: clients, managers: 11)
      return violations(of: policy, on: input, seed: seed)
    } catch {
      return [LawViolation(law: "sample", message: "the sample failed: \(error)")]
    }
  }

  /// Every law, on the host's own input.
  ///
  /// - Parameters:
  ///   - policy: The rule under test.
  ///   - input: The host's contacts, owners, team and values.
  ///   - rule: The coverage rule whose result the hand-over reads; the default by
  ///     default.
  ///   - leaving: The managers whose departure to plan; every member of the team when `nil`
  ///     (the default).
  ///   - seed: The seed of the shuffle for order independence (default 1).
  /// - Returns: The violations, at most a few per law.
  /// - Complexity: O(*m* (*n* + *e* log *e*)) plus the rule's own cost.
  public static func violations<Policy: HandoverPolicy, Coverage: CoveragePolicy, ID>(
    of policy: Policy, on input: CoverageInput<ID>,
    coverage rule: Coverage = StandardCoverage.standard, leaving: [ManagerID]? = nil,
    seed: UInt64 = 1
  ) -> [LawViolation] {
    var report = LawReport()
    let coverage = rule.coverage(of: input)
    let shuffledCoverage = shuffledCopy(of: input, seed: seed).map { rule.coverage(of: $0) }
    for manager in leaving ?? input.team.members.map(\.manager) {
      guard let exposure = try? coverage.exposure(of: manager) else {
        report.add(
          LawViolation(
            law: "once", values: [.init("manager", manager.rawValue)],
            message: "the manager named as leaving is not on the team"))
        continue
      }
      let plan = policy.plan(for: exposure)
      check(plan, of: exposure, into: &report)
      let again = policy.plan(for: exposure)
      if again.assignments != plan.assignments || again.unassigned != plan.unassigned {
        report.add(
          LawViolation(
            law: "pure", values: [.init("leaving", manager.rawValue)],
            message: "planning the same exposure again gave another plan"))
      }
      if let shuffledCoverage, let other = try? shuffledCoverage.exposure(of: manager) {
        checkOrder(plan, policy.plan(for: other), into: &report)
      }
    }
    return report.violations
  }

  /// The structural laws of one plan.
  static func check<ID>(
    _ plan: HandoverPlan<ID>, of exposure: Exposure<ID>, into report: inout LawReport
  ) {
    let leaving = exposure.manager
    let team = exposure.coverage.team
    var decided = [Int](repeating: 0, count: exposure.count)
    var rowsAgree = true
    for assignment in plan.assignments {
      guard (0..<exposure.count).contains(assignment.index) else {
        rowsAgree = false
        continue
      }
      decided[assignment.index] += 1
      rowsAgree = rowsAgree && exposure.rows[assignment.index] == assignment.row
    }
    for client in plan.unassigned {
      guard (0..<exposure.count).contains(client.index) else {
        rowsAgree = false
        continue
      }
      decided[client.index] += 1
      rowsAgree = rowsAgree && exposure.rows[client.index] == client.row
    }
    if !rowsAgree || plan.assignments.count + plan.unassigned.count != exposure.count {
      report.add(
        LawViolation(
          law: "once", values: [.init("leaving", leaving.rawValue)],
          message: "\(plan.assignments.count) assigned + \(plan.unassigned.count) unassigned "
            + "for \(exposure.count) exposed, or a decision at the wrong row"))
    }
    for index in decided.indices where decided[index] != 1 {
      report.add(
        LawViolation(
          law: "once", client: exposure.client(at: index),
          values: [.init("leaving", leaving.rawValue), .init("decisions", "\(decided[index])")],
          message: "an exposed client is not decided exactly once"))
    }
    var received = [Int](repeating: 0, count: team.count)
    for assignment in plan.assignments {
      guard let member = team.index(of: assignment.manager), member == assignment.member,
        assignment.manager != leaving
      else {
        report.add(
          LawViolation(
            law: "not the leaving manager", client: plan.client(of: assignment),
            values: [.init("to", assignment.manager.rawValue)],
            message: "a client goes to the leaving manager or to someone off the team"))
        continue
      }
      received[member] += 1
    }
    let before = exposure.coverage.managers.map(\.ownedClients)
    for member in 0..<team.count {
      let load = before[member] + received[member]
      if received[member] > 0, load > team[member].capacity {
        report.add(
          LawViolation(
            law: "capacity",
            values: [
              .init("manager", team[member].manager.rawValue), .init("load", "\(load)"),
              .init("capacity", "\(team[member].capacity)"),
            ],
            message: "a manager ends above capacity"))
      }
    }
    if plan.received != received || plan.loadsBefore != before {
      report.add(
        LawViolation(
          law: "capacity", values: [.init("leaving", leaving.rawValue)],
          message: "the loads reported are not the clients owned plus those received"))
    }
    let scale = exposure.rows.reduce(0) { $0 + abs(exposure.coverage.input.values[$1]) }
    if !closeSums(plan.assignedValue + plan.unassignedValue, exposure.value, scale: scale) {
      report.add(
        LawViolation(
          law: "values",
          values: [
            .init("assigned", "\(plan.assignedValue)"),
            .init("unassigned", "\(plan.unassignedValue)"), .init("exposed", "\(exposure.value)"),
          ],
          message: "assigned and unassigned values do not add up to the exposed value"))
    }
  }

  /// The plan on the shuffled input against the original's, by identifier.
  private static func checkOrder<ID>(
    _ original: HandoverPlan<ID>, _ shuffled: HandoverPlan<ID>, into report: inout LawReport
  ) {
    var target: [ID: ManagerID] = [:]
    for assignment in shuffled.assignments {
      target[shuffled.client(of: assignment)] = assignment.manager
    }
    let left = Set(shuffled.unassigned.map { shuffled.client(of: $0) })
    for assignment in original.assignments {
      let client = original.client(of: assignment)
      if target[client] != assignment.manager {
        report.add(
          LawViolation(
            law: "order independence", client: client,
            values: [
              .init("to", assignment.manager.rawValue),
              .init("shuffled", target[client]?.rawValue ?? "unassigned"),
            ],
            message: "the client went elsewhere when the input was shuffled"))
      }
    }
    for client in original.unassigned where !left.contains(original.client(of: client)) {
      report.add(
        LawViolation(
          law: "order independence", client: original.client(of: client),
          message: "the client was unassigned, but assigned when the input was shuffled"))
    }
  }
}
