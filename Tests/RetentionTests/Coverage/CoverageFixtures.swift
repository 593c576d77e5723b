import ClientBaseTesting
import Testing

@testable import Retention

/// Hand-made clients, contacts and teams for the coverage and hand-over tests.
enum CoverageFixtures {
  /// 2026-10-31.
  static let asOf = Day(daysSince1970: 20_757)

  /// The day `daysAgo` days before ``asOf``.
  static func day(_ daysAgo: Int) -> Day { asOf.adding(days: -daysAgo) }

  /// A phone call that reached the client, `daysAgo` days before ``asOf``.
  static func call(
    _ client: String, by manager: ManagerID, daysAgo: Int, channel: Channel = .phone,
    outcome: ContactOutcome = .reached
  ) -> Contact<String> {
    Contact(client: client, day: day(daysAgo), manager: manager, channel: channel, outcome: outcome)
  }

  /// A client row: identifier, value, owner and region.
  struct Client {
    var id: String
    var value: Double
    var owner: ManagerID?
    var region: String?

    init(_ id: String, _ value: Double, owner: ManagerID? = nil, region: String? = nil) {
      self.id = id
      self.value = value
      self.owner = owner
      self.region = region
    }
  }

  /// The input over `clients` (in that row order) with those contacts and that team.
  static func input(
    _ clients: [Client], contacts: [Contact<String>], team: Team,
    unknownManagers: UnknownManagerHandling = .reject
  ) throws -> CoverageInput<String> {
    let index = try ClientIndex(clients.map(\.id))
    let log = try ContactLog(contacts, clients: index)
    let profiles = clients.map { ClientProfile(id: $0.id, manager: $0.owner, region: $0.region) }
    return try CoverageInput(
      contacts: log, profiles: profiles, team: team, values: ContiguousArray(clients.map(\.value)),
      asOf: asOf, unknownManagers: unknownManagers)
  }

  /// A team of managers with one capacity and no regions.
  static func team(_ managers: [ManagerID], capacity: Int = 100) throws -> Team {
    try Team(managers: managers, capacity: capacity)
  }
}
