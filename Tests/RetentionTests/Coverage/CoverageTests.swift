import ClientBaseTesting
import Foundation
import Testing

@testable import Retention

@Suite("Relationship coverage")
struct CoverageTests {
  typealias F = CoverageFixtures

  /// The issue's example: m-1 is the only person in touch with a, b and c (worth 100, 250 and
  /// 40, no owner), so m-1 exposes exactly 390 in 3 clients. d is owned by m-2 and called by
  /// m-1: two people, so it is no one's alone. e is owned by m-3 and never contacted: the
  /// owner alone deals with it, so m-3 exposes 7.
  @Test func onlyContactOfThreeClientsExposesExactlyTheirValue() throws {
    let input = try F.input(
      [
        .init("a", 100), .init("b", 250), .init("c", 40), .init("d", 1_000, owner: "m-2"),
        .init("e", 7, owner: "m-3"),
      ],
      contacts: [
        F.call("a", by: "m-1", daysAgo: 10), F.call("b", by: "m-1", daysAgo: 20),
        F.call("b", by: "m-1", daysAgo: 30), F.call("c", by: "m-1", daysAgo: 5),
        F.call("d", by: "m-1", daysAgo: 3), F.call("d", by: "m-2", daysAgo: 400),
      ],
      team: try F.team(["m-1", "m-2", "m-3"]))
    let coverage = StandardCoverage.standard.coverage(of: input)
    #expect(
      coverage.managers == [
        ManagerCoverage(
          manager: "m-1", clients: 4, ownedClients: 0, soleClients: 3, soleValue: 390),
        ManagerCoverage(manager: "m-2", clients: 1, ownedClients: 1, soleClients: 0, soleValue: 0),
        ManagerCoverage(manager: "m-3", clients: 1, ownedClients: 1, soleClients: 1, soleValue: 7),
      ])
    #expect(coverage.mostExposed.map(\.manager) == ["m-1", "m-3", "m-2"])
    #expect(coverage.totalSoleValue == 397)
    #expect(coverage.counts[.shared] == 1 && coverage.counts[.single] == 4)
    #expect(coverage.counts[.uncovered] == 0 && coverage.counts.total == 5)
    #expect(coverage[client: "d"]?.people == ["m-1", "m-2"])
    #expect(coverage[client: "b"]?.soleManager == "m-1")
    #expect(
      coverage.reason(for: "b") == "dealt with by m-1 alone (2 contacts since 2026-10-01): "
        + "leaves with m-1")
    // m-2's call 400 days ago is outside the year: the owner counts, the call does not.
    #expect(
      coverage.reason(for: "d") == "dealt with by 2 people: m-1 (1 contact on 2026-10-28), "
        + "m-2 (owner, no counted contact)")
    #expect(
      coverage.reason(for: "e") == "dealt with by m-3 alone (owner, no counted contact): "
        + "leaves with m-3")

    let exposure = try coverage.exposure(of: "m-1")
    #expect(exposure.rows.map { coverage.clients[$0] } == ["b", "a", "c"])
    #expect(exposure.value == 390 && exposure.soleValue == 390 && exposure.soleCount == 3)
    #expect(exposure.reason(at: 0) == "no owner on the team, dealt with by m-1 alone; value 250")
    #expect(try coverage.exposure(of: "m-3").rows == [4])
    #expect(try coverage.exposure(of: "m-2").rows == [3])
    #expect(try coverage.exposure(of: "m-2").soleCount == 0)
  }

  /// A client two managers deal with is exposed by neither alone; a client m-1 owns and m-2
  /// calls is exposed by m-1 (it needs a new owner) but is not sole: its value is in the
  /// exposure, not in what walks out of the door.
  @Test func clientOfTwoManagersIsExposedByNeitherAlone() throws {
    let input = try F.input(
      [.init("x", 500), .init("y", 80, owner: "m-1")],
      contacts: [
        F.call("x", by: "m-1", daysAgo: 3), F.call("x", by: "m-2", daysAgo: 100),
        F.call("y", by: "m-2", daysAgo: 7),
      ],
      team: try F.team(["m-1", "m-2"]))
    let coverage = StandardCoverage.standard.coverage(of: input)
    #expect(coverage.label(for: "x") == .shared)
    #expect(coverage.managers.map(\.soleClients) == [0, 0])
    #expect(coverage.managers.map(\.soleValue) == [0, 0])
    let m1 = try coverage.exposure(of: "m-1")
    #expect(m1.rows == [1])
    #expect(m1.value == 80 && m1.soleValue == 0 && m1.soleCount == 0)
    #expect(m1.reason(at: 0) == "owned by m-1, also dealt with by m-2; value 80")
    #expect(try coverage.exposure(of: "m-2").isEmpty)
  }

  /// The window is the 365 days up to and including the as-of day: 364 days ago counts, 365
  /// does not, nor does tomorrow. Not-reached calls and mailings do not count; an e-mail that
  /// interested the client does.
  @Test func windowAndKindsOfTheStandardRule() throws {
    let contacts = [
      F.call("w", by: "m-1", daysAgo: 365), F.call("w", by: "m-2", daysAgo: 364),
      F.call("w", by: "m-3", daysAgo: -1), F.call("w", by: "m-4", daysAgo: 1, channel: .mailing),
      F.call("w", by: "m-5", daysAgo: 1, outcome: .notReached),
      F.call("w", by: "m-6", daysAgo: 0, channel: .email, outcome: .interested),
    ]
    let team = try F.team(["m-1", "m-2", "m-3", "m-4", "m-5", "m-6"])
    let input = try F.input([.init("w", 10)], contacts: contacts, team: team)
    let coverage = StandardCoverage.standard.coverage(of: input)
    #expect(coverage.countedDays == F.day(364)...F.asOf)
    #expect(coverage[0].people == ["m-2", "m-6"])
    let wider = try StandardCoverage(windowDays: 366, excludedOutcomes: [], excludedChannels: [])
    #expect(wider.coverage(of: input)[0].people == ["m-1", "m-2", "m-4", "m-5", "m-6"])
  }

  /// Without counting owners, an owner with no contact does not deal with the client, and the
  /// reason says so; the owner is still counted as owning it.
  @Test func ownersCountOnlyWithContactsWhenTheRuleSaysSo() throws {
    let input = try F.input(
      [.init("o", 30, owner: "m-1")], contacts: [], team: try F.team(["m-1"]))
    let rule = try StandardCoverage(countsOwner: false)
    let coverage = rule.coverage(of: input)
    #expect(coverage.label(forRow: 0) == .uncovered)
    #expect(coverage.managers[0].ownedClients == 1 && coverage.managers[0].clients == 0)
    #expect(
      coverage.reason(forRow: 0) == "dealt with by nobody on the team: owned by m-1, but owners "
        + "count only with contacts, and no counted contact from 2025-11-01 to 2026-10-31")
    // Still exposed to m-1: it owns it.
    #expect(try coverage.exposure(of: "m-1").rows == [0])
    let nobody = try F.input([.init("n", 1)], contacts: [], team: try F.team(["m-1"]))
    #expect(
      StandardCoverage.standard.coverage(of: nobody).reason(forRow: 0)
        == "dealt with by nobody on the team: no owner on it and no counted contact from "
        + "2025-11-01 to 2026-10-31")
  }

  /// Exposed clients come most valuable first, equal values by the identifier's text, whatever
  /// the row order.
  @Test func exposureOrderDoesNotFollowTheRows() throws {
    let clients: [F.Client] = [
      .init("k", 5, owner: "m-1"), .init("b", 9, owner: "m-1"), .init("z", 5, owner: "m-1"),
      .init("a", 5, owner: "m-1"),
    ]
    let team = try F.team(["m-1"])
    for order in [clients, clients.reversed()] {
      let coverage = StandardCoverage.standard.coverage(
        of: try F.input(Array(order), contacts: [], team: team))
      let exposure = try coverage.exposure(of: "m-1")
      #expect((0..<exposure.count).map { exposure.client(at: $0) } == ["b", "a", "k", "z"])
    }
  }

  /// Duplicated contacts change nothing: people and tallies are the same, and a manager's
  /// contacts are counted once per day.
  @Test func duplicateContactsChangeNothing() throws {
    let contacts = [
      F.call("a", by: "m-1", daysAgo: 4), F.call("a", by: "m-1", daysAgo: 4),
      F.call("a", by: "m-1", daysAgo: 4, channel: .email), F.call("a", by: "m-1", daysAgo: 9),
    ]
    let team = try F.team(["m-1", "m-2"])
    let coverage = StandardCoverage.standard.coverage(
      of: try F.input([.init("a", 10)], contacts: contacts, team: team))
    #expect(coverage.input.contacts.count == 4)
    #expect(
      coverage.contactSpan(ofRow: 0, by: "m-1")
        == ContactSpan(
          days: 2, first: F.day(9), last: F.day(4)))
    #expect(coverage.contactSpan(ofRow: 0, by: "m-2") == nil)

    let input = try CoverageSample.input(seed: 5, clients: 500, managers: 7)
    var doubled: [Contact<String>] = []
    for row in 0..<input.count {
      let own = input.contacts.contacts(ofRow: row)
      doubled += own + own
    }
    let profiles = (0..<input.count).map {
      ClientProfile(
        id: input.clients[$0], manager: input.owner(ofRow: $0),
        region: input.region(ofRow: $0))
    }
    let twice = try CoverageInput(
      contacts: try ContactLog(doubled, clients: input.clients), profiles: profiles,
      team: input.team, values: input.values, asOf: input.asOf)
    let once = StandardCoverage.standard.coverage(of: input)
    let again = StandardCoverage.standard.coverage(of: twice)
    #expect(again.people == once.people && again.peopleCounts == once.peopleCounts)
    #expect(again.managers == once.managers)
    for row in 0..<input.count {
      for manager in once.people(ofRow: row) {
        #expect(
          again.contactSpan(ofRow: row, by: manager) == once.contactSpan(ofRow: row, by: manager))
      }
    }
  }

  /// The standard rule and a host's rule keep the coverage laws on seeded samples: people as
  /// worked out with sets, tallies adding up, the same result on 1 and 3 threads and on the
  /// shuffled input.
  @Test(arguments: [1, 2, 3] as [UInt64])
  func rulesKeepTheLaws(seed: UInt64) throws {
    let standard = CoverageLaws.violations(of: StandardCoverage.standard, seed: seed)
    #expect(standard.isEmpty, "\(standard)")
    let faceTime = CoverageLaws.violations(of: FaceTime(), seed: seed)
    #expect(faceTime.isEmpty, "\(faceTime)")
    let noOwner = CoverageLaws.violations(of: try StandardCoverage(countsOwner: false), seed: seed)
    #expect(noOwner.isEmpty, "\(noOwner)")
  }

  /// The laws catch a rule that counts contacts after the as-of day.
  @Test func lawsCatchAWindowIntoTheFuture() {
    let violations = CoverageLaws.violations(of: Tomorrow())
    #expect(violations.contains { $0.law == "window" })
  }

  /// Large enough for several parts: one, two and three threads give identical columns, and
  /// building the contact log on two threads gives the log built on one.
  @Test func independentOfThreads() throws {
    let input = try CoverageSample.input(seed: 11, clients: 40_000, managers: 30)
    let one = StandardCoverage.standard.coverage(of: input, threadCount: 1)
    for threads in [2, 3] {
      let many = StandardCoverage.standard.coverage(of: input, threadCount: threads)
      #expect(many.peopleCounts == one.peopleCounts)
      #expect(many.peopleOffsets == one.peopleOffsets && many.people == one.people)
      #expect(many.managers == one.managers && many.totalSoleValue == one.totalSoleValue)
    }
    var contacts: [Contact<String>] = []
    for row in 0..<input.count { contacts += input.contacts.contacts(ofRow: row) }
    #expect(contacts.count > 131_072)  // two parts of the log's scan
    let serial = try ContactLog(contacts, clients: input.clients, threadCount: 1)
    let threaded = try ContactLog(contacts, clients: input.clients, threadCount: 2)
    #expect(serial.kinds == threaded.kinds && serial.managers == threaded.managers)
    #expect(serial.offsets == threaded.offsets && serial.days == threaded.days)
    #expect(serial.kindIndices == threaded.kindIndices)
    #expect(serial.firstContactOfManager == threaded.firstContactOfManager)
  }

  /// The log built from pre-interned columns equals the log built from contacts, prospects
  /// (row −1) counted and left out.
  @Test func logFromColumns() throws {
    let clients = try ClientIndex(["a", "b"])
    let kinds = [
      ContactKind(manager: "m-2", channel: .phone, outcome: .reached),
      ContactKind(manager: "m-1", channel: .email, outcome: .sale),
    ]
    let log = try ContactLog(
      clients: clients, kinds: kinds, rows: [1, -1, 0, 1],
      days: [F.day(3), F.day(2), F.day(1), F.day(0)],
      kindIndices: [1, 0, 0, 1])
    #expect(log.prospectContactCount == 1)
    #expect(log.offsets == [0, 1, 3])
    #expect(log.managers == ["m-1", "m-2"])
    #expect(log.firstContactOfManager == [0, 2])
    #expect(log.contacts(ofRow: 1).map(\.day) == [F.day(3), F.day(0)])
    #expect(log.contacts(ofRow: 0).first?.manager == "m-2")
  }

  /// A team inferred from the data: every owner and contact's manager, in text order, each in
  /// the region most of their clients are in.
  @Test func teamInferredFromTheData() throws {
    let profiles = [
      ClientProfile(id: "a", manager: "m-2", region: "South"),
      ClientProfile(id: "b", manager: "m-2", region: "North"),
      ClientProfile(id: "c", manager: "m-2", region: "North"),
      ClientProfile(id: "d", manager: "m-1", region: "East"),
      ClientProfile(id: "e", manager: "m-1", region: "West"),
      ClientProfile<String>(id: "f", manager: "m-4"),
    ]
    let log = try ContactLog(
      [F.call("a", by: "m-3", daysAgo: 1)], clients: try ClientIndex(["a"]))
    let team = try Team.inferred(from: profiles, contacts: log, capacity: 40)
    #expect(
      team.members == [
        TeamMember("m-1", capacity: 40, region: "East"),
        TeamMember("m-2", capacity: 40, region: "North"),
        TeamMember("m-3", capacity: 40), TeamMember("m-4", capacity: 40),
      ])
  }

  /// Settings survive a round trip through JSON, and decoding checks them.
  @Test func codableSettings() throws {
    let rule = try StandardCoverage(windowDays: 90, excludedChannels: [])
    let data = try JSONEncoder().encode(rule)
    #expect(try JSONDecoder().decode(StandardCoverage.self, from: data) == rule)
    let bad = Data(
      #"{"windowDays":0,"countsOwner":true,"excludedOutcomes":[],"excludedChannels":[]}"#.utf8)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(StandardCoverage.self, from: bad)
    }
    let team = try Team([TeamMember("m-1", capacity: 3, region: "North")])
    #expect(try JSONDecoder().decode(Team.self, from: try JSONEncoder().encode(team)) == team)
    let twice = Data(
      #"{"members":[{"manager":"m-1","capacity":1},{"manager":"m-1","capacity":2}]}"#.utf8)
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(Team.self, from: twice) }
    let handover = StandardHandover(prefersKnownManagers: false, region: .require)
    let coded = try JSONEncoder().encode(handover)
    #expect(try JSONDecoder().decode(StandardHandover.self, from: coded) == handover)
  }
}

/// A host's rule: meetings and calls that got through, over two years.
struct FaceTime: CoveragePolicy {
  func countedDays(asOf: Day) -> ClosedRange<Day> { asOf.adding(days: -729)...asOf }
  func counts(_ kind: ContactKind) -> Bool {
    [.inPerson, .phone].contains(kind.channel) && kind.outcome != .notReached
  }
  var countsOwner: Bool { true }
}

/// A broken rule: its window runs a day past the as-of day.
struct Tomorrow: CoveragePolicy {
  func countedDays(asOf: Day) -> ClosedRange<Day> { asOf.adding(days: -30)...asOf.adding(days: 1) }
  func counts(_ kind: ContactKind) -> Bool { true }
  var countsOwner: Bool { true }
}
