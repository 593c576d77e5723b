public import ClientBaseCore

/// How many people of the company a client deals with, in three levels.
///
/// `allCases` lists them from the safest to the most exposed; the coded form is the case name.
public enum CoverageLevel: String, Hashable, Sendable, Codable, CaseIterable,
  CustomStringConvertible
{
  /// Two people or more: no single departure takes the client along.
  case shared
  /// One person: the client leaves with them.
  case single
  /// Nobody on the team: no owner and no counted contact.
  case uncovered

  /// The level in words: "shared", "single", "uncovered".
  public var description: String { rawValue }
}

/// One client's coverage: what ``RelationshipCoverage`` holds per row.
public struct ClientCoverage: Hashable, Sendable {
  /// The people of the team who deal with the client, in the order of their identifiers.
  public var people: [ManagerID]
  /// The client's owner on the team, if any.
  public var owner: ManagerID?
  /// The client's value, as the input gave it.
  public var value: Double

  /// Creates a client's coverage.
  ///
  /// - Parameters:
  ///   - people: The people who deal with the client.
  ///   - owner: The owner, if any.
  ///   - value: The client's value.
  public init(people: [ManagerID], owner: ManagerID?, value: Double) {
    self.people = people
    self.owner = owner
    self.value = value
  }

  /// The level: shared, single or uncovered.
  public var level: CoverageLevel {
    people.count >= 2 ? .shared : people.count == 1 ? .single : .uncovered
  }

  /// The one person the client depends on, or `nil` unless exactly one person deals with it.
  public var soleManager: ManagerID? { people.count == 1 ? people[0] : nil }
}

/// What depends on one manager: the clients they deal with, those they own, and the clients
/// and value that depend on them alone — what walks out of the door if they quit.
///
/// The rows of the report's `coverage.managers` array: `manager, clients, soleClients,
/// soleValue`.
public struct ManagerCoverage: Hashable, Sendable, Codable {
  /// The manager.
  public var manager: ManagerID
  /// The clients the manager deals with (owns, when the owner counts, or has a counted
  /// contact with).
  public var clients: Int
  /// The clients the manager owns (whether or not the rule counts owners).
  public var ownedClients: Int
  /// The clients only this manager deals with.
  public var soleClients: Int
  /// The value of ``soleClients``, summed as given.
  public var soleValue: Double

  /// Creates a manager's coverage.
  ///
  /// - Parameters:
  ///   - manager: The manager.
  ///   - clients: The clients they deal with.
  ///   - ownedClients: The clients they own.
  ///   - soleClients: The clients only they deal with.
  ///   - soleValue: The value of those clients.
  public init(
    manager: ManagerID, clients: Int, ownedClients: Int, soleClients: Int,
    soleValue: Double
  ) {
    self.manager = manager
    self.clients = clients
    self.ownedClients = ownedClients
    self.soleClients = soleClients
    self.soleValue = soleValue
  }
}

/// Who at the company deals with each client, and what depends on each manager alone, as of a
/// day: columns aligned with the input's rows, plus one summary per team member.
///
/// ```swift
/// let coverage = StandardCoverage.standard.coverage(of: input, threadCount: 2)
/// coverage[client: "c-7"]?.people          // ["m-01", "m-04"]
/// coverage.reason(for: "c-9")
/// // "dealt with by m-07 alone (owner; 3 contacts since 2026-03-01): leaves with m-07"
/// for manager in coverage.mostExposed {    // soleValue, largest first
///   print(manager.manager, manager.clients, manager.soleClients, manager.soleValue)
/// }
/// coverage.counts                          // shared, single, uncovered: adds up to the base
/// ```
///
/// Made by ``CoveragePolicy/coverage(of:threadCount:)``, the same engine for every rule. A
/// row's people are its owner (when the rule counts owners) and every team member with a
/// contact of a counted kind in the counted days; a manager not on the team is never one.
public struct RelationshipCoverage<ID: Hashable & Sendable>: ClassifiedResult {
  /// The input the coverage was computed from; its row space is the result's.
  public let input: CoverageInput<ID>
  /// The days whose contacts counted.
  public let countedDays: ClosedRange<Day>
  /// Whether owners counted without contacts.
  public let countsOwner: Bool
  /// For each kind of the contact log, the team member whose contact of that kind counts,
  /// or −1 when contacts of that kind do not count (the rule says no, or the manager is not
  /// on the team).
  public let memberOfKind: ContiguousArray<Int32>
  /// The number of people who deal with each row.
  public let peopleCounts: ContiguousArray<Int32>
  /// Where each row's people start in ``people``; `peopleOffsets[row + 1]` is where they end.
  public let peopleOffsets: ContiguousArray<Int>
  /// Each row's people as positions in the team, ascending, row after row.
  public let people: ContiguousArray<Int32>
  /// One summary per team member, in the team's order.
  public let managers: [ManagerCoverage]
  /// The value of the clients only one person deals with, over the whole base.
  public let totalSoleValue: Double

  init(
    trusted input: CoverageInput<ID>, countedDays: ClosedRange<Day>, countsOwner: Bool,
    memberOfKind: ContiguousArray<Int32>, peopleCounts: ContiguousArray<Int32>,
    peopleOffsets: ContiguousArray<Int>, people: ContiguousArray<Int32>,
    managers: [ManagerCoverage], totalSoleValue: Double
  ) {
    self.input = input
    self.countedDays = countedDays
    self.countsOwner = countsOwner
    self.memberOfKind = memberOfKind
    self.peopleCounts = peopleCounts
    self.peopleOffsets = peopleOffsets
    self.people = people
    self.managers = managers
    self.totalSoleValue = totalSoleValue
  }

  /// The row space: the input's clients.
  public var clients: ClientIndex<ID> { input.clients }

  /// The team.
  public var team: Team { input.team }

  /// The coverage of a row.
  ///
  /// - Parameter row: A row, `0..<count`.
  public subscript(row: Int) -> ClientCoverage {
    ClientCoverage(
      people: people(ofRow: row), owner: input.owner(ofRow: row), value: input.values[row])
  }

  /// The people who deal with a row, in the order of their identifiers.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The people.
  public func people(ofRow row: Int) -> [ManagerID] {
    members(ofRow: row).map { team[Int($0)].manager }.sorted()
  }

  /// The team positions of a row's people, ascending.
  func members(ofRow row: Int) -> ArraySlice<Int32> {
    people[peopleOffsets[row]..<peopleOffsets[row + 1]]
  }

  /// The team position of the one person a row depends on, or −1.
  func soleMember(ofRow row: Int) -> Int {
    peopleCounts[row] == 1 ? Int(people[peopleOffsets[row]]) : -1
  }

  /// The coverage of one manager, or `nil` when the manager is not on the team.
  ///
  /// - Parameter manager: The manager.
  /// - Returns: What depends on them.
  public func coverage(of manager: ManagerID) -> ManagerCoverage? {
    team.index(of: manager).map { managers[$0] }
  }

  /// The team's managers by what depends on them alone: the largest sole value first, then
  /// the most sole clients, then the identifier's text.
  public var mostExposed: [ManagerCoverage] {
    managers.sorted {
      ($1.soleValue, $1.soleClients, $0.manager) < ($0.soleValue, $0.soleClients, $1.manager)
    }
  }

  /// Every level, from the safest to the most exposed.
  public var scale: [CoverageLevel] { CoverageLevel.allCases }

  /// The level of a row; never `nil`.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The level.
  public func label(forRow row: Int) -> CoverageLevel? {
    let count = peopleCounts[row]
    return count >= 2 ? .shared : count == 1 ? .single : .uncovered
  }

  /// Clients per level — shared, single, uncovered — adding up to the base.
  ///
  /// - Complexity: O(*n*).
  public var counts: LabelCounts<CoverageLevel> {
    var tally = [0, 0, 0]
    for count in peopleCounts { tally[count >= 2 ? 0 : count == 1 ? 1 : 2] += 1 }
    return LabelCounts(scale: scale, counts: tally)
  }
}
