import ClientBaseTesting
import Testing

@testable import Retention

@Suite("Coverage and hand-over: bad input")
struct CoverageBadInputTests {
  typealias F = CoverageFixtures

  /// A contact by a manager who is not on the team is refused by default, naming the manager
  /// and the position of the first such contact (from 0), so a command can name the line.
  /// Ignored on request: listed, and never one of a client's people.
  @Test func contactByUnknownManager() throws {
    let contacts = [
      F.call("a", by: "m-1", daysAgo: 1), F.call("a", by: "m-1", daysAgo: 2),
      F.call("a", by: "m-9", daysAgo: 3), F.call("b", by: "m-9", daysAgo: 3),
    ]
    let team = try F.team(["m-1"])
    #expect(throws: CoverageError.contactByUnknownManager("m-9", contact: 2)) {
      try F.input([.init("a", 1), .init("b", 2)], contacts: contacts, team: team)
    }
    #expect(
      CoverageError.contactByUnknownManager("m-9", contact: 2).description
        == "contact 2: manager m-9 is not on the team")
    let input = try F.input(
      [.init("a", 1), .init("b", 2)], contacts: contacts, team: team, unknownManagers: .ignore)
    #expect(input.unknownManagers == ["m-9"])
    let coverage = StandardCoverage.standard.coverage(of: input)
    #expect(coverage[client: "a"]?.people == ["m-1"])
    #expect(coverage.label(for: "b") == .uncovered)
    #expect(coverage.contactSpan(ofRow: 1, by: "m-9") == nil)
  }

  /// An owner who is not on the team: refused, naming the profile; ignored on request, the
  /// client then has no owner on the team.
  @Test func ownerNotOnTeam() throws {
    let clients: [F.Client] = [.init("a", 1, owner: "m-1"), .init("b", 2, owner: "m-8")]
    let team = try F.team(["m-1"])
    #expect(throws: CoverageError.ownerNotOnTeam("m-8", client: "b", profile: 1)) {
      try F.input(clients, contacts: [], team: team)
    }
    let input = try F.input(clients, contacts: [], team: team, unknownManagers: .ignore)
    #expect(input.owner(ofRow: 1) == nil)
    #expect(input.unknownManagers == ["m-8"])
    #expect(try StandardCoverage.standard.coverage(of: input).exposure(of: "m-1").rows == [0])
  }

  /// Contacts of clients who are not rows (prospects, who never bought) are left out and
  /// counted; so are their profiles, even with an owner off the team.
  @Test func contactsOfUnknownClientsAreProspects() throws {
    let index = try ClientIndex(["a"])
    let log = try ContactLog(
      [
        F.call("p-1", by: "m-9", daysAgo: 1), F.call("a", by: "m-1", daysAgo: 1),
        F.call("p-2", by: "m-1", daysAgo: 3),
      ], clients: index)
    #expect(log.prospectContactCount == 2)
    #expect(log.count == 1 && log.managers == ["m-1"])
    let input = try CoverageInput(
      contacts: log,
      profiles: [ClientProfile(id: "p-1", manager: "m-9"), ClientProfile(id: "a", manager: "m-1")],
      team: try F.team(["m-1"]), values: [5], asOf: F.asOf)
    #expect(input.unknownManagers.isEmpty)
    #expect(StandardCoverage.standard.coverage(of: input).managers[0].soleValue == 5)
  }

  /// A leaving manager who does not exist is a typed error.
  @Test func leavingManagerWhoDoesNotExist() throws {
    let input = try F.input([.init("a", 1, owner: "m-1")], contacts: [], team: try F.team(["m-1"]))
    let coverage = StandardCoverage.standard.coverage(of: input)
    #expect(throws: CoverageError.notOnTeam("m-99")) { try coverage.exposure(of: "m-99") }
    #expect(coverage.coverage(of: "m-99") == nil)
  }

  /// A second profile for a client, a manager twice on the roster, a negative capacity.
  @Test func duplicatesAndNegativeCapacity() throws {
    let log = try ContactLog([Contact<String>](), clients: try ClientIndex(["a", "b"]))
    #expect(throws: CoverageError.duplicateProfile(client: "a", profile: 2)) {
      try CoverageInput(
        contacts: log,
        profiles: [
          ClientProfile(id: "a"), ClientProfile(id: "b"), ClientProfile(id: "a", region: "X"),
        ], team: try F.team(["m-1"]), values: [1, 2], asOf: F.asOf)
    }
    #expect(throws: CoverageError.duplicateMember("m-1")) {
      try Team([TeamMember("m-1", capacity: 1), TeamMember("m-1", capacity: 2)])
    }
    #expect(throws: CoverageError.self) { try Team([TeamMember("m-1", capacity: -1)]) }
  }

  /// Values of another length than the rows, a value that is not a number, an as-of day
  /// outside the supported days, a window outside 1...36,525 days.
  @Test func badValuesDaysAndSettings() throws {
    let log = try ContactLog([Contact<String>](), clients: try ClientIndex(["a", "b"]))
    let team = try F.team(["m-1"])
    func input(_ values: ContiguousArray<Double>, asOf: Day = F.asOf) throws(CoverageError) {
      _ = try CoverageInput(
        contacts: log, profiles: [ClientProfile<String>](), team: team, values: values,
        asOf: asOf)
    }
    #expect(throws: CoverageError.self) { try input([1]) }
    #expect(
      throws: CoverageError.invalidParameter("values", reason: "client b: value nan is not finite")
    ) {
      try input([1, .nan])
    }
    #expect(throws: CoverageError.self) { try input([1, .infinity]) }
    #expect(throws: CoverageError.self) { try input([1, 2], asOf: Day(daysSince1970: .max)) }
    #expect(throws: CoverageError.self) { try StandardCoverage(windowDays: 0) }
    #expect(throws: CoverageError.self) { try StandardCoverage(windowDays: 40_000) }
  }

  /// Columns with bad indices or lengths are refused, naming the contact.
  @Test func badColumns() throws {
    let clients = try ClientIndex(["a"])
    let kinds = [ContactKind(manager: "m-1", channel: .phone, outcome: .reached)]
    let day = F.asOf
    #expect(throws: CoverageError.self) {
      try ContactLog(
        clients: clients, kinds: kinds, rows: [0, 1], days: [day, day], kindIndices: [0, 0])
    }
    #expect(throws: CoverageError.self) {
      try ContactLog(clients: clients, kinds: kinds, rows: [-2], days: [day], kindIndices: [0])
    }
    #expect(throws: CoverageError.self) {
      try ContactLog(clients: clients, kinds: kinds, rows: [0], days: [day], kindIndices: [1])
    }
    #expect(throws: CoverageError.self) {
      try ContactLog(clients: clients, kinds: kinds, rows: [0], days: [], kindIndices: [0])
    }
  }

  /// An empty base: no rows, no contacts. Coverage, exposure and plan are empty, with totals
  /// of 0.
  @Test func emptyBase() throws {
    let input = try F.input([], contacts: [], team: try F.team(["m-1", "m-2"]))
    let coverage = StandardCoverage.standard.coverage(of: input, threadCount: 2)
    #expect(coverage.isEmpty && coverage.counts.total == 0 && coverage.totalSoleValue == 0)
    #expect(coverage.managers.map(\.clients) == [0, 0])
    let plan = StandardHandover.standard.plan(for: try coverage.exposure(of: "m-1"))
    #expect(plan.assignments.isEmpty && plan.unassigned.isEmpty && plan.exposure.value == 0)
  }
}
