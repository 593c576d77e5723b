import ClientBase
import Foundation

/// `clientbase handover`: what leaves with a manager, and the library's plan to hand the
/// clients over (`StandardHandover`).
struct HandoverReport {
  var manager: ManagerID
  var asOf: Day
  var exposedClients: Int
  /// The exposed clients' net spend a year.
  var exposedValue: Double
  var soleClients: Int
  var assignments: [(client: String, to: ManagerID, reason: String)]
  var unassigned: [(client: String, reason: String)]
  var assignedValue: Double
  var unassignedValue: Double
  /// Remaining managers and their loads before and after.
  var loads: [(manager: ManagerID, before: Int, after: Int, capacity: Int)]

  /// Plans the hand-over.
  ///
  /// - Throws: `CommandError.badInput` for a manager who is not on the team, with the
  ///   managers there are.
  init(_ options: ReportOptions, environment: CommandEnvironment) throws {
    let input = try loadInput(options, environment: environment)
    let host = try loadHostData(options.hostFiles, sample: input.sample, environment: environment)
    guard host.profiles != nil || host.contacts != nil else {
      throw CommandError.usage(
        "handover needs to know who deals with whom: give --profiles or --contacts")
    }
    let base = try BaseReport(input: input, options: options)
    let inputs = try PracticeInputs(
      log: input.log, table: base.table, asOf: base.asOf, host: host,
      capacity: options.capacity, threadCount: reportFitOptions.threadCount)
    guard let coverage = inputs.coverage, let manager = options.manager else {
      throw CommandError.usage("handover needs --manager ID")
    }
    let exposure: Exposure<String>
    do {
      exposure = try coverage.exposure(of: manager)
    } catch {
      let team = coverage.team.members.map(\.manager.rawValue)
      let listed = team.prefix(8).joined(separator: ", ") + (team.count > 8 ? ", …" : "")
      throw CommandError.badInput(
        "--manager \(manager): not on the team (\(team.count) managers: \(listed))")
    }
    let plan = StandardHandover.standard.plan(for: exposure)
    self.manager = manager
    asOf = base.asOf
    exposedClients = exposure.count
    exposedValue = exposure.value
    soleClients = exposure.soleCount
    assignments = plan.assignments.map {
      (plan.client(of: $0), $0.manager, plan.reason(for: $0))
    }
    unassigned = plan.unassigned.map { (plan.client(of: $0), plan.reason(for: $0)) }
    assignedValue = plan.assignedValue
    unassignedValue = plan.unassignedValue
    let after = plan.loadsAfter
    loads = coverage.team.members.indices.compactMap { member in
      let m = coverage.team.members[member]
      guard m.manager != manager, plan.received[member] > 0 else { return nil }
      return (m.manager, plan.loadsBefore[member], after[member], m.capacity)
    }
  }

  /// The plan as text.
  func renderText() -> String {
    var lines = ["Hand-over of \(manager) as of \(asOf) (value = net spend a year)"]
    lines.append(
      "  exposed: \(NumberText.grouped(exposedClients)) clients, "
        + "\(String(format: "%.2f", exposedValue)) a year "
        + "(\(NumberText.grouped(soleClients)) know no one else at the company)")
    lines.append(
      "  assigned: \(NumberText.grouped(assignments.count)) "
        + "(\(String(format: "%.2f", assignedValue))), unassigned: "
        + "\(NumberText.grouped(unassigned.count)) (\(String(format: "%.2f", unassignedValue)))")
    if !loads.isEmpty {
      lines.append("  receiving managers (clients before → after, of capacity):")
      for load in loads {
        let capacity = load.capacity == Int.max ? "no limit" : "\(load.capacity)"
        lines.append(
          "    " + load.manager.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
            + "\(load.before) → \(load.after) of \(capacity)")
      }
    }
    if !assignments.isEmpty {
      lines.append("  assignments, most valuable first:")
      for assignment in assignments {
        lines.append(
          "    " + assignment.client.padding(toLength: 12, withPad: " ", startingAt: 0)
            + assignment.reason)
      }
    }
    if !unassigned.isEmpty {
      lines.append("  unassigned:")
      for client in unassigned {
        lines.append(
          "    " + client.client.padding(toLength: 12, withPad: " ", startingAt: 0)
            + client.reason)
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The plan as one JSON object: `manager`, `exposed`, `assignments`, `unassigned`.
  func renderJSON() -> String {
    JSON.object([
      ("manager", .string(manager.rawValue)),
      ("asOf", .string("\(asOf)")),
      (
        "exposed",
        .object([
          ("clients", .int(exposedClients)), ("value", .money(exposedValue)),
          ("soleClients", .int(soleClients)),
        ])
      ),
      (
        "assignments",
        .array(
          assignments.map {
            .object([
              ("client_id", .string($0.client)), ("to", .string($0.to.rawValue)),
              ("reason", .string($0.reason)),
            ])
          })
      ),
      (
        "unassigned",
        .array(
          unassigned.map {
            .object([("client_id", .string($0.client)), ("reason", .string($0.reason))])
          })
      ),
    ]).rendered() + "\n"
  }
}
