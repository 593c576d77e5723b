import ClientBase
import ClientBaseTesting
import Foundation

/// A ranked client with the value it stands for and the library's reason.
struct RankedClient {
  var id: String
  var value: Double
  var reason: String
}

/// What the practice sections rest on: each client's purchase days, rhythm and lifecycle
/// evidence, and, when the host data has profiles or contacts, the relationship coverage.
///
/// Values (a lapsed client's worth, a manager's sole value, a hand-over's exposure) are each
/// client's net spend per year (`LifecycleEvidence.yearlySpend`), which needs no fitted model.
struct PracticeInputs {
  var table: ClientTable<String>
  var asOf: Day
  var evidence: LifecycleEvidence<String>
  /// `nil` when the host data has neither profiles nor contacts.
  var coverage: RelationshipCoverage<String>?

  /// Builds the inputs.
  ///
  /// - Parameters:
  ///   - log: The purchases.
  ///   - table: The log summarised as of `asOf`.
  ///   - asOf: The day of the analysis.
  ///   - host: The host data.
  ///   - capacity: Every manager's capacity, or `nil` for the team's own (the sample's) or no
  ///     limit (a team inferred from files).
  ///   - threadCount: The threads to use.
  init(
    log: PurchaseLog<String>, table: ClientTable<String>, asOf: Day, host: HostData,
    capacity: Int? = nil, threadCount: Int
  ) throws {
    self.table = table
    self.asOf = asOf
    do {
      let days = try PurchaseDays(log, table: table, asOf: asOf)
      let rhythm = StandardRhythm.standard.rhythm(of: days, threadCount: threadCount)
      evidence = try LifecycleEvidence(
        days: days, rhythm: rhythm, table: table, referrals: host.referrals?.values ?? [],
        contacts: host.contacts?.values ?? [])
    } catch {
      throw CommandError.badInput(optionMessage(error))
    }
    guard host.profiles != nil || host.contacts != nil else {
      coverage = nil
      return
    }
    let profiles = host.profiles?.values ?? []
    do {
      let contacts = try ContactLog(
        host.contacts?.values ?? [], clients: table.clients, threadCount: threadCount)
      var members: [TeamMember]
      if host.team.isEmpty {
        members = try Team.inferred(from: profiles, contacts: contacts, capacity: Int.max)
          .members
      } else {
        members = host.team.map { TeamMember($0.id, capacity: $0.capacity, region: $0.region) }
      }
      if let capacity {
        members = members.map { TeamMember($0.manager, capacity: capacity, region: $0.region) }
      }
      let input = try CoverageInput(
        contacts: contacts, profiles: profiles, team: try Team(members),
        values: evidence.values, asOf: asOf)
      coverage = StandardCoverage.standard.coverage(of: input, threadCount: threadCount)
    } catch {
      throw CommandError.badInput(hostMessage(error, host: host))
    }
  }
}

/// A host-data error with the file and line of the row it names, when it names one.
func hostMessage(_ error: any Error, host: HostData) -> String {
  switch error as? CoverageError {
  case .contactByUnknownManager(let manager, let contact)?:
    if let contacts = host.contacts {
      return "\(contacts.place(ofRow: contact)): manager \(manager) is not on the team"
    }
  case .ownerNotOnTeam(let manager, let client, let profile)?:
    if let profiles = host.profiles {
      return "\(profiles.place(ofRow: profile)): client \(client)'s manager \(manager) is not "
        + "on the team"
    }
  case .duplicateProfile(let client, let profile)?:
    if let profiles = host.profiles {
      return "\(profiles.place(ofRow: profile)): a second profile of client \(client)"
    }
  default: break
  }
  return optionMessage(error)
}

/// Lifecycle stages, win-back and relationship coverage, as the report shows them.
struct PracticeReport {
  /// Clients per buying stage, in the order of `LifecycleStage.buyingStages`.
  var counts: [(stage: LifecycleStage, clients: Int)]
  /// Contacted ids that never bought.
  var prospects: Int
  /// Each client's stage, by identifier (for `--clients`).
  var stages: [String: LifecycleStage]
  /// Lapsed clients worth calling back, the largest expected value first.
  var winBack: [RankedClient]
  var winBackCount: Int
  var winBackTotal: Double
  /// Per manager, in team order; `nil` when the host data has neither profiles nor contacts.
  var managers: [ManagerCoverage]?
  /// The clients only one person of the company deals with, and their yearly spend.
  var soleClients: Int
  var soleValue: Double

  /// The sections from their inputs.
  init(_ inputs: PracticeInputs, threadCount: Int) {
    let lifecycle = StandardLifecycle.standard.stages(
      for: inputs.evidence, threadCount: threadCount)
    let counts = lifecycle.counts
    self.counts = LifecycleStage.buyingStages.map { ($0, counts[$0]) }
    prospects = lifecycle.prospects.count
    var stages: [String: LifecycleStage] = [:]
    stages.reserveCapacity(lifecycle.count)
    for row in 0..<lifecycle.count { stages[lifecycle.ids[row]] = lifecycle.stages[row] }
    self.stages = stages
    let list = StandardWinBack.standard.winBack(from: lifecycle, threadCount: threadCount)
    winBack = list.ranked.prefix(10).map { row in
      RankedClient(
        id: list.ids[row], value: list.expectedValues[row], reason: list.reason(forRow: row))
    }
    winBackCount = list.candidateCount
    winBackTotal = list.totalExpectedValue
    managers = inputs.coverage?.managers
    soleClients = managers?.reduce(0) { $0 + $1.soleClients } ?? 0
    soleValue = inputs.coverage?.totalSoleValue ?? 0
  }

  /// The sections as lines of text.
  func textLines() -> [String] {
    var lines = ["Lifecycle"]
    let total = counts.reduce(0) { $0 + $1.clients }
    for (stage, clients) in counts {
      let share = total == 0 ? 0 : Double(clients) / Double(total) * 100
      lines.append(
        "  " + stage.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
          + NumberText.grouped(clients).leftPadded(to: 9)
          + String(format: "  %5.1f%%", share))
    }
    lines.append(
      "  prospects " + NumberText.grouped(prospects).leftPadded(to: 9)
        + "  (contacted, never bought)")
    lines.append(
      "  Win-back: \(NumberText.grouped(winBackCount)) lapsed clients, "
        + "\(String(format: "%.2f", winBackTotal)) a year expected back in total")
    for client in winBack.prefix(5) {
      lines.append(
        "    " + client.id.padding(toLength: 12, withPad: " ", startingAt: 0)
          + String(format: "%.2f", client.value).leftPadded(to: 10) + "   " + client.reason)
    }
    lines.append("")
    lines.append("Relationship coverage (key-person risk; value = net spend a year)")
    guard let managers else {
      lines.append("  no profiles or contacts: give --profiles or --contacts")
      return lines
    }
    lines.append(
      "  \(NumberText.grouped(soleClients)) clients deal with one person only, "
        + "\(String(format: "%.2f", soleValue)) a year")
    lines.append("    manager     clients   sole clients   sole value")
    for manager in managers.sorted(by: { $0.soleValue > $1.soleValue }).prefix(10) {
      lines.append(
        "    " + manager.manager.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
          + NumberText.grouped(manager.clients).leftPadded(to: 9)
          + NumberText.grouped(manager.soleClients).leftPadded(to: 15)
          + String(format: "%.2f", manager.soleValue).leftPadded(to: 13))
    }
    if managers.count > 10 {
      lines.append("    … \(managers.count - 10) more in --format json")
    }
    return lines
  }

  /// The sections' JSON members: `lifecycle`, `winBack` and `coverage`.
  func jsonMembers() -> [(String, JSON)] {
    [
      (
        "lifecycle",
        .object([
          ("counts", .object(counts.map { ($0.stage.rawValue, JSON.int($0.clients)) })),
          ("prospects", .int(prospects)),
        ])
      ),
      (
        "winBack",
        .object([
          ("clients", .int(winBackCount)), ("total", .money(winBackTotal)),
          (
            "ranked",
            .array(
              winBack.map {
                .object([
                  ("client_id", .string($0.id)), ("value", .money($0.value)),
                  ("reason", .string($0.reason)),
                ])
              })
          ),
        ])
      ),
      (
        "coverage",
        .object([
          (
            "managers",
            .array(
              (managers ?? []).map {
                .object([
                  ("manager", .string($0.manager.rawValue)), ("clients", .int($0.clients)),
                  ("soleClients", .int($0.soleClients)), ("soleValue", .money($0.soleValue)),
                ])
              })
          )
        ])
      ),
    ]
  }
}
