public import ClientBaseCore

/// Why a client went to the manager it went to.
public enum HandoverGround: Hashable, Sendable, Codable {
  /// The manager already deals with the client.
  case knowsClient
  /// The manager works in the client's region.
  case sameRegion
  /// The manager had the lightest load among those with room.
  case lightestLoad
  /// A host rule's own words.
  case custom(String)
}

/// Why a client was left without a new manager.
public enum UnassignedReason: Hashable, Sendable, Codable {
  /// Every remaining manager who could take the client is at capacity.
  case noRoom
  /// Every manager in the client's region is at capacity (or there is none), and the rule
  /// keeps clients in their region.
  case noRoomInRegion(String)
  /// The leaving manager is the only one on the team.
  case noRemainingManager
  /// A host rule's own words.
  case custom(String)
}

/// A rule's decision about one exposed client.
public enum HandoverDecision: Hashable, Sendable {
  /// Give the client to a manager, on a ground; `passedOver` counts the people who deal with
  /// the client but had no room (0 when none).
  case assign(to: ManagerID, ground: HandoverGround, passedOver: Int = 0)
  /// Leave the client unassigned, for a reason.
  case leave(UnassignedReason)
}

/// One client handed over: to whom, on what ground, and the manager's load with it.
public struct HandoverAssignment: Hashable, Sendable {
  /// The client's position in the exposure.
  public var index: Int
  /// The client's row in the coverage.
  public var row: Int
  /// The manager the client goes to.
  public var manager: ManagerID
  /// That manager's position in the team.
  public var member: Int
  /// Why the client goes to that manager.
  public var ground: HandoverGround
  /// The people who deal with the client but had no room.
  public var passedOver: Int
  /// The manager's clients once this one is added.
  public var load: Int
  /// The manager's capacity.
  public var capacity: Int
}

/// One client left without a new manager, and why.
public struct UnassignedClient: Hashable, Sendable {
  /// The client's position in the exposure.
  public var index: Int
  /// The client's row in the coverage.
  public var row: Int
  /// Why it was left.
  public var reason: UnassignedReason
}

/// A hand-over plan for a leaving manager: who takes each exposed client and why, and which
/// clients fit nowhere.
///
/// ```swift
/// let plan = StandardHandover.standard.plan(for: try coverage.exposure(of: "m-07"))
/// plan.exposure.count, plan.exposure.value         // what is exposed
/// for assignment in plan.assignments {             // most valuable first
///   print(plan.client(of: assignment), assignment.manager, plan.reason(for: assignment))
///   // c-9  m-03  to m-03: knows the client (3 contacts since 2026-03-01); load 41 of 60
/// }
/// for client in plan.unassigned {
///   print(plan.client(of: client), plan.reason(for: client))
///   // c-77  no room: every remaining manager is at capacity (199 managers)
/// }
/// ```
public struct HandoverPlan<ID: Hashable & Sendable>: Sendable {
  /// The exposure planned for.
  public let exposure: Exposure<ID>
  /// The clients handed over, in the exposure's order (most valuable first).
  public let assignments: [HandoverAssignment]
  /// The clients left without a new manager, in the exposure's order.
  public let unassigned: [UnassignedClient]
  /// Each team member's clients before the hand-over (the clients they own), in team order.
  public let loadsBefore: [Int]
  /// The clients each team member receives, in team order.
  public let received: [Int]
  /// The value of the clients handed over.
  public let assignedValue: Double
  /// The value of the clients left unassigned.
  public let unassignedValue: Double

  /// Builds a plan from a rule's decisions: the way a host's own ``HandoverPolicy`` makes its
  /// result. Loads, totals and reasons are computed here, so every rule's plan reads alike.
  ///
  /// - Parameters:
  ///   - exposure: The exposure planned for.
  ///   - decisions: One decision per exposed client, in the exposure's order.
  /// - Throws: ``CoverageError/invalidParameter(_:reason:)`` when the number of decisions is
  ///   not the number of exposed clients, or a decision gives a client to someone off the
  ///   team, to the leaving manager, or to a manager it takes above capacity, or counts a
  ///   negative number passed over (naming the client).
  /// - Complexity: O(*e*) for *e* exposed clients: one hash of each assignee.
  public init(exposure: Exposure<ID>, decisions: [HandoverDecision]) throws(CoverageError) {
    guard decisions.count == exposure.count else {
      throw .invalidParameter(
        "decisions",
        reason: "\(decisions.count) decisions for \(exposure.count) exposed clients")
    }
    let team = exposure.coverage.team
    let before = exposure.coverage.managers.map(\.ownedClients)
    var received = [Int](repeating: 0, count: team.count)
    var assignments: [HandoverAssignment] = []
    var unassigned: [UnassignedClient] = []
    for (index, decision) in decisions.enumerated() {
      let row = exposure.rows[index]
      switch decision {
      case .assign(let manager, let ground, let passedOver):
        let client = exposure.client(at: index)
        guard let member = team.index(of: manager) else {
          throw .invalidParameter(
            "decisions", reason: "client \(client): \(manager) is not on the team")
        }
        guard member != exposure.member else {
          throw .invalidParameter(
            "decisions", reason: "client \(client): \(manager) is the leaving manager")
        }
        guard passedOver >= 0 else {
          throw .invalidParameter(
            "decisions", reason: "client \(client): \(passedOver) passed over")
        }
        let load = before[member] + received[member] + 1
        let capacity = team[member].capacity
        guard load <= capacity else {
          throw .invalidParameter(
            "decisions",
            reason: "client \(client): takes \(manager) to \(load) clients, above the capacity "
              + "\(capacity)")
        }
        received[member] += 1
        assignments.append(
          HandoverAssignment(
            index: index, row: row, manager: manager, member: member, ground: ground,
            passedOver: passedOver, load: load, capacity: capacity))
      case .leave(let reason):
        unassigned.append(UnassignedClient(index: index, row: row, reason: reason))
      }
    }
    self.init(
      trusted: exposure, assignments: assignments, unassigned: unassigned, loadsBefore: before,
      received: received)
  }

  /// A plan whose decisions are known to be valid; totals the values.
  init(
    trusted exposure: Exposure<ID>, assignments: [HandoverAssignment],
    unassigned: [UnassignedClient], loadsBefore: [Int], received: [Int]
  ) {
    let values = exposure.coverage.input.values
    var assigned = CompensatedSum()
    for assignment in assignments { assigned.add(values[assignment.row]) }
    var left = CompensatedSum()
    for client in unassigned { left.add(values[client.row]) }
    self.exposure = exposure
    self.assignments = assignments
    self.unassigned = unassigned
    self.loadsBefore = loadsBefore
    self.received = received
    self.assignedValue = assigned.value
    self.unassignedValue = left.value
  }

  /// The leaving manager.
  public var manager: ManagerID { exposure.manager }

  /// The client of an assignment.
  ///
  /// - Parameter assignment: One of ``assignments``.
  /// - Returns: The client.
  public func client(of assignment: HandoverAssignment) -> ID {
    exposure.coverage.clients[assignment.row]
  }

  /// The client of an unassigned entry.
  ///
  /// - Parameter client: One of ``unassigned``.
  /// - Returns: The client.
  public func client(of client: UnassignedClient) -> ID {
    exposure.coverage.clients[client.row]
  }

  /// Each team member's clients after the hand-over, in team order: before plus received;
  /// for the leaving manager, the clients left unassigned that they owned.
  public var loadsAfter: [Int] {
    var loads = zip(loadsBefore, received).map { $0 + $1 }
    let owners = exposure.coverage.input.owners
    let leaving = Int32(truncatingIfNeeded: exposure.member)
    loads[exposure.member] = unassigned.reduce(0) { $0 + (owners[$1.row] == leaving ? 1 : 0) }
    return loads
  }

  /// Why a client went where it went: "to m-07: knows the client (3 contacts since
  /// 2026-03-01); load 41 of 60", "to m-03: same region (North), 1 who knows the client is
  /// full; load 12 of 60", "to m-11: the lightest load with room; load 5 of 60".
  ///
  /// - Parameter assignment: One of ``assignments``.
  /// - Returns: The reason.
  public func reason(for assignment: HandoverAssignment) -> String {
    let coverage = exposure.coverage
    var text = "to \(assignment.manager): "
    switch assignment.ground {
    case .knowsClient:
      if let span = coverage.contactSpan(ofRow: assignment.row, member: assignment.member) {
        text += "knows the client (\(span))"
      } else {
        text += "knows the client"
      }
    case .sameRegion:
      if let region = coverage.input.region(ofRow: assignment.row) {
        text += "same region (\(region))"
      } else {
        text += "same region"
      }
    case .lightestLoad:
      text += "the lightest load with room"
    case .custom(let words):
      text += words
    }
    if assignment.passedOver == 1 {
      text += ", 1 who knows the client is full"
    } else if assignment.passedOver > 1 {
      text += ", \(NumberText.grouped(assignment.passedOver)) who know the client are full"
    }
    text += "; load \(NumberText.grouped(assignment.load))"
    if assignment.capacity != Int.max { text += " of \(NumberText.grouped(assignment.capacity))" }
    return text
  }

  /// Why a client was left unassigned: "no room: every remaining manager is at capacity (199
  /// managers)", "no room in region North: its 3 managers are at capacity", "nobody to take
  /// it: m-07 is the only manager on the team".
  ///
  /// - Parameter client: One of ``unassigned``.
  /// - Returns: The reason.
  public func reason(for client: UnassignedClient) -> String {
    let team = exposure.coverage.team
    switch client.reason {
    case .noRoom:
      let others = team.count - 1
      let managers = others == 1 ? "1 manager" : "\(NumberText.grouped(others)) managers"
      return "no room: every remaining manager is at capacity (\(managers))"
    case .noRoomInRegion(let region):
      let there = team.members.indices.filter {
        $0 != exposure.member && team[$0].region == region
      }.count
      switch there {
      case 0: return "no room in region \(region): no remaining manager works there"
      case 1: return "no room in region \(region): its 1 manager is at capacity"
      default:
        return "no room in region \(region): its \(NumberText.grouped(there)) managers are "
          + "at capacity"
      }
    case .noRemainingManager:
      return "nobody to take it: \(exposure.manager) is the only manager on the team"
    case .custom(let words):
      return words
    }
  }
}
