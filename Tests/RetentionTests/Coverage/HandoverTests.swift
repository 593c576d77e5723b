import ClientBaseTesting
import Testing

@testable import Retention

@Suite("Hand-over plan")
struct HandoverTests {
  typealias F = CoverageFixtures

  /// m-1 (North) leaves with six clients. Worked by hand, most valuable first:
  ///
  /// - A (500, North) is known to m-3 (South, load 0 of 5): m-3 knows the client, load 1.
  /// - B (400, North), known to no one else: the North managers are m-2 (2 of 3) and m-4
  ///   (1 of 10): m-4, load 2.
  /// - C (300, North): m-2 and m-4 both at 2: the tie goes to m-2 by name, load 3 of 3: full.
  /// - D (200, North) is known to m-2, who is full (1 passed over): North again, m-4, load 3.
  /// - E (100, no region): the lightest load of all, m-5 (0 of 2), load 1.
  /// - F (100, East, where no one works), after E by name: m-3 and m-5 both at 1, m-3 by name,
  ///   load 2 of 5.
  @Test func workedHandover() throws {
    let team = try Team([
      TeamMember("m-1", capacity: 100, region: "North"),
      TeamMember("m-2", capacity: 3, region: "North"),
      TeamMember("m-3", capacity: 5, region: "South"),
      TeamMember("m-4", capacity: 10, region: "North"),
      TeamMember("m-5", capacity: 2),
    ])
    let input = try F.input(
      [
        .init("o-2a", 1, owner: "m-2"), .init("o-2b", 1, owner: "m-2"),
        .init("o-4a", 1, owner: "m-4"), .init("F", 100, owner: "m-1", region: "East"),
        .init("E", 100, owner: "m-1"), .init("D", 200, owner: "m-1", region: "North"),
        .init("C", 300, owner: "m-1", region: "North"),
        .init("B", 400, owner: "m-1", region: "North"),
        .init("A", 500, owner: "m-1", region: "North"),
      ],
      contacts: [
        F.call("A", by: "m-3", daysAgo: 20), F.call("A", by: "m-3", daysAgo: 10),
        F.call("D", by: "m-2", daysAgo: 5), F.call("B", by: "m-1", daysAgo: 5),
      ],
      team: team)
    let coverage = StandardCoverage.standard.coverage(of: input)
    let exposure = try coverage.exposure(of: "m-1")
    #expect((0..<exposure.count).map { exposure.client(at: $0) } == ["A", "B", "C", "D", "E", "F"])
    #expect(exposure.value == 1_600 && exposure.soleValue == 900 && exposure.soleCount == 4)
    let plan = StandardHandover.standard.plan(for: exposure)
    #expect(plan.unassigned.isEmpty)
    #expect(plan.assignments.map { plan.client(of: $0) } == ["A", "B", "C", "D", "E", "F"])
    #expect(plan.assignments.map(\.manager) == ["m-3", "m-4", "m-2", "m-4", "m-5", "m-3"])
    #expect(
      plan.assignments.map(\.ground) == [
        .knowsClient, .sameRegion, .sameRegion, .sameRegion, .lightestLoad, .lightestLoad,
      ])
    #expect(
      plan.assignments.map { plan.reason(for: $0) } == [
        "to m-3: knows the client (2 contacts since 2026-10-11); load 1 of 5",
        "to m-4: same region (North); load 2 of 10",
        "to m-2: same region (North); load 3 of 3",
        "to m-4: same region (North), 1 who knows the client is full; load 3 of 10",
        "to m-5: the lightest load with room; load 1 of 2",
        "to m-3: the lightest load with room; load 2 of 5",
      ])
    #expect(plan.loadsBefore == [6, 2, 0, 1, 0])
    #expect(plan.received == [0, 1, 2, 2, 1])
    #expect(plan.loadsAfter == [0, 3, 2, 3, 1])
    #expect(plan.assignedValue == 1_600 && plan.unassignedValue == 0)

    // Regions ignored: A to m-3, who knows it (1); B to the lightest load, m-5 (1); C to m-3
    // (m-3, m-4 and m-5 all at 1: m-3 by name, 2); D to m-2, who knows it and still has room
    // (3 of 3); E to m-4 (m-4 and m-5 at 1: m-4 by name, 2); F to m-5 (1, the lightest: 2).
    let blind = StandardHandover(region: .ignore).plan(for: exposure)
    #expect(blind.assignments.map(\.manager) == ["m-3", "m-5", "m-3", "m-2", "m-4", "m-5"])
    #expect(blind.assignments[3].ground == .knowsClient)
    // Known people not preferred: A goes by region, to m-4.
    let fresh = StandardHandover(prefersKnownManagers: false).plan(for: exposure)
    #expect(fresh.assignments.first?.manager == "m-4")
    #expect(fresh.assignments.first?.ground == .sameRegion)
  }

  /// A team with no room left: every exposed client is unassigned, with the reason, and
  /// stays with the leaving manager in the loads.
  @Test func teamWithNoCapacityLeft() throws {
    let team = try Team([
      TeamMember("m-1", capacity: 10), TeamMember("m-2", capacity: 1),
      TeamMember("m-3", capacity: 0),
    ])
    let input = try F.input(
      [.init("a", 10, owner: "m-1"), .init("b", 20, owner: "m-1"), .init("c", 5, owner: "m-2")],
      contacts: [F.call("a", by: "m-2", daysAgo: 2)], team: team)
    let exposure = try StandardCoverage.standard.coverage(of: input).exposure(of: "m-1")
    let plan = StandardHandover.standard.plan(for: exposure)
    #expect(plan.assignments.isEmpty)
    #expect(plan.unassigned.map { plan.client(of: $0) } == ["b", "a"])
    #expect(plan.unassigned.allSatisfy { $0.reason == .noRoom })
    #expect(
      plan.reason(for: plan.unassigned[0])
        == "no room: every remaining manager is at capacity (2 managers)")
    #expect(plan.unassignedValue == 30 && plan.assignedValue == 0)
    #expect(plan.loadsAfter == [2, 1, 0])
  }

  /// The leaving manager is the whole team: nobody to take anything.
  @Test func leavingManagerIsTheWholeTeam() throws {
    let input = try F.input(
      [.init("a", 10, owner: "m-1")], contacts: [], team: try F.team(["m-1"]))
    let plan = StandardHandover.standard.plan(
      for: try StandardCoverage.standard.coverage(of: input).exposure(of: "m-1"))
    #expect(plan.unassigned.map(\.reason) == [.noRemainingManager])
    #expect(
      plan.reason(for: plan.unassigned[0])
        == "nobody to take it: m-1 is the only manager on the team")
  }

  /// Regions required: a South client goes only to South managers, who know it or not; a
  /// client of a region where no one works is left; a client without a region goes to the
  /// lightest load.
  @Test func regionsRequired() throws {
    let team = try Team([
      TeamMember("m-1", capacity: 10, region: "South"),
      TeamMember("m-2", capacity: 1, region: "South"),
      TeamMember("m-3", capacity: 10, region: "North"),
    ])
    let input = try F.input(
      [
        .init("X", 50, owner: "m-1", region: "South"),
        .init("Y", 40, owner: "m-1", region: "South"),
        .init("Z", 30, owner: "m-1"), .init("W", 20, owner: "m-1", region: "East"),
      ],
      contacts: [F.call("Y", by: "m-3", daysAgo: 1)], team: team)
    let exposure = try StandardCoverage.standard.coverage(of: input).exposure(of: "m-1")
    let plan = StandardHandover(region: .require).plan(for: exposure)
    #expect(plan.assignments.map { plan.client(of: $0) } == ["X", "Z"])
    #expect(plan.assignments.map(\.manager) == ["m-2", "m-3"])
    #expect(plan.unassigned.map(\.reason) == [.noRoomInRegion("South"), .noRoomInRegion("East")])
    #expect(
      plan.unassigned.map { plan.reason(for: $0) } == [
        "no room in region South: its 1 manager is at capacity",
        "no room in region East: no remaining manager works there",
      ])
    // Preferred rather than required, Y goes to m-3, who knows it.
    let preferred = StandardHandover.standard.plan(for: exposure)
    #expect(preferred.assignments.map(\.manager) == ["m-2", "m-3", "m-3", "m-3"])
    #expect(preferred.assignments[1].ground == .knowsClient)
  }

  /// A host's rule builds its plan through the checking initialiser and keeps the laws.
  @Test func hostRuleKeepsTheLaws() throws {
    let violations = HandoverLaws.violations(of: ToTheLead(lead: "m-03"))
    #expect(violations.isEmpty, "\(violations)")
    let input = try CoverageSample.input(seed: 4, clients: 300, managers: 5)
    let exposure = try StandardCoverage.standard.coverage(of: input).exposure(of: "m-01")
    let plan = ToTheLead(lead: "m-03").plan(for: exposure)
    #expect(plan.assignments.allSatisfy { $0.manager == "m-03" })
    #expect(plan.assignments.count + plan.unassigned.count == exposure.count)
    if let first = plan.assignments.first {
      #expect(plan.reason(for: first).hasPrefix("to m-03: the team lead takes it; load "))
    }
  }

  /// The laws catch rules that break them: one that gives everything to the first manager
  /// (over capacity once the plan's checks are bypassed is impossible, so it sends clients to
  /// the leaving manager instead — refused), and one that decides differently when the rows
  /// come in another order.
  @Test func planInitialiserRefusesBrokenDecisions() throws {
    let team = try Team([TeamMember("m-1", capacity: 5), TeamMember("m-2", capacity: 1)])
    let input = try F.input(
      [.init("a", 2, owner: "m-1"), .init("b", 1, owner: "m-1")], contacts: [], team: team)
    let exposure = try StandardCoverage.standard.coverage(of: input).exposure(of: "m-1")
    let toM2 = HandoverDecision.assign(to: "m-2", ground: .lightestLoad)
    #expect(throws: CoverageError.self) { try HandoverPlan(exposure: exposure, decisions: [toM2]) }
    #expect(throws: CoverageError.self) {
      try HandoverPlan(exposure: exposure, decisions: [toM2, toM2])
    }
    #expect(throws: CoverageError.self) {
      try HandoverPlan(
        exposure: exposure, decisions: [.assign(to: "m-1", ground: .lightestLoad), .leave(.noRoom)])
    }
    #expect(throws: CoverageError.self) {
      try HandoverPlan(
        exposure: exposure, decisions: [.assign(to: "m-9", ground: .lightestLoad), .leave(.noRoom)])
    }
    #expect(throws: CoverageError.self) {
      try HandoverPlan(
        exposure: exposure,
        decisions: [.assign(to: "m-2", ground: .lightestLoad, passedOver: -1), .leave(.noRoom)])
    }
    let plan = try HandoverPlan(exposure: exposure, decisions: [toM2, .leave(.custom("later"))])
    #expect(plan.reason(for: plan.unassigned[0]) == "later")
    #expect(
      plan.reason(for: plan.assignments[0]) == "to m-2: the lightest load with room; load 1 of 1")
    let order = HandoverLaws.violations(of: ByRow())
    #expect(order.contains { $0.law == "order independence" })
  }

  /// Properties on seeded bases, for every manager leaving in turn: each exposed client
  /// decided once, assigned + unassigned = exposed, never over capacity, never to the leaving
  /// manager, the same plan on shuffled input (the laws); and, for the standard rule, no
  /// client left while someone has room, nothing more valuable left than what was assigned,
  /// a known person whenever one had room.
  @Test(arguments: [1, 2, 3, 4] as [UInt64])
  func standardPlanProperties(seed: UInt64) throws {
    for rule in [
      StandardHandover.standard, StandardHandover(region: .require),
      StandardHandover(prefersKnownManagers: false, region: .ignore),
    ] {
      let violations = HandoverLaws.violations(of: rule, seed: seed, clients: 500)
      #expect(violations.isEmpty, "\(violations)")
    }
    let input = try CoverageSample.input(seed: seed, clients: 800, managers: 9)
    let coverage = StandardCoverage.standard.coverage(of: input)
    for member in input.team.members {
      let exposure = try coverage.exposure(of: member.manager)
      let plan = StandardHandover.standard.plan(for: exposure)
      #expect(Set(plan.assignments.map(\.index)).count == plan.assignments.count)
      #expect(plan.assignments.count + plan.unassigned.count == exposure.count)
      let after = plan.loadsAfter
      for (position, other) in input.team.members.enumerated() where plan.received[position] > 0 {
        #expect(after[position] <= other.capacity)
      }
      if let firstLeft = plan.unassigned.first {
        // Greedy with no region required: once no one has room, no one gets room again.
        for (position, other) in input.team.members.enumerated() where other != member {
          #expect(plan.loadsBefore[position] + plan.received[position] >= other.capacity)
        }
        #expect(plan.assignments.allSatisfy { $0.index < firstLeft.index })
      }
      for assignment in plan.assignments {
        let known = coverage.people(ofRow: assignment.row).filter { $0 != member.manager }
        if assignment.ground == .knowsClient {
          #expect(known.contains(assignment.manager))
        } else {
          #expect(assignment.passedOver == known.count)
        }
      }
    }
  }
}

/// A host's rule: everything to the team lead, as far as their capacity goes.
struct ToTheLead: HandoverPolicy {
  let lead: ManagerID

  func plan<ID>(for exposure: Exposure<ID>) -> HandoverPlan<ID> {
    let team = exposure.coverage.team
    guard let member = team.index(of: lead), member != exposure.member else {
      return try! HandoverPlan(
        exposure: exposure,
        decisions: exposure.rows.map { _ in .leave(.custom("no team lead to take it")) })
    }
    var load = exposure.coverage.managers[member].ownedClients
    let decisions: [HandoverDecision] = exposure.rows.map { _ in
      guard load < team[member].capacity else { return .leave(.noRoom) }
      load += 1
      return .assign(to: lead, ground: .custom("the team lead takes it"))
    }
    return try! HandoverPlan(exposure: exposure, decisions: decisions)
  }
}

/// A broken rule: gives every other client by row number to the first other manager with
/// room, so the plan follows the row order.
struct ByRow: HandoverPolicy {
  func plan<ID>(for exposure: Exposure<ID>) -> HandoverPlan<ID> {
    let team = exposure.coverage.team
    var loads = exposure.coverage.managers.map(\.ownedClients)
    let decisions: [HandoverDecision] = exposure.rows.map { row in
      guard row % 2 == 0,
        let member = team.members.indices.first(where: {
          $0 != exposure.member && loads[$0] < team[$0].capacity
        })
      else { return .leave(.custom("odd row")) }
      loads[member] += 1
      return .assign(to: team[member].manager, ground: .custom("even row"))
    }
    return try! HandoverPlan(exposure: exposure, decisions: decisions)
  }
}
