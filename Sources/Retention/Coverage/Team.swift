public import ClientBaseCore

/// One manager on a team roster: who, how many clients they may hold, and where they work.
public struct TeamMember: Hashable, Sendable, Codable {
  /// The manager.
  public var manager: ManagerID
  /// The most clients the manager may own after a hand-over, 0 or more (`Int.max` for no
  /// limit).
  public var capacity: Int
  /// The manager's region, in the host's own terms (compared with `ClientProfile.region`), if
  /// any.
  public var region: String?

  /// Creates a member.
  ///
  /// - Parameters:
  ///   - manager: The manager.
  ///   - capacity: The most clients the manager may own after a hand-over; `Int.max` for no
  ///     limit. Checked by ``Team``.
  ///   - region: The manager's region, if any.
  public init(_ manager: ManagerID, capacity: Int, region: String? = nil) {
    self.manager = manager
    self.capacity = capacity
    self.region = region
  }
}

/// The people of the company who hold client relationships: the roster relationship coverage
/// counts and a hand-over plan assigns within.
///
/// A team lists each manager once, with a capacity — the most clients the manager may own
/// after a hand-over — and a region. Contacts and owners are matched against it: a person who
/// is not on the team is not someone a client can rely on (see ``UnknownManagerHandling``).
///
/// ```swift
/// let team = try Team([
///   TeamMember("m-01", capacity: 60, region: "North"),
///   TeamMember("m-02", capacity: 60, region: "South"),
/// ])
/// // Or every manager the data names, with one capacity, each in the region most of their
/// // clients are in:
/// let inferred = try Team.inferred(from: profiles, contacts: contacts, capacity: 60)
/// ```
///
/// Members keep the order given (results per manager are listed in it); nothing a plan
/// decides depends on that order.
public struct Team: Hashable, Sendable, Codable {
  /// The members, in the order given.
  public let members: [TeamMember]
  /// Each manager's position in ``members``.
  private let indexOfManager: [ManagerID: Int]

  /// Creates a team, checking its roster.
  ///
  /// - Parameter members: The members, each manager once.
  /// - Throws: ``CoverageError/duplicateMember(_:)`` for a manager listed twice, and
  ///   ``CoverageError/invalidParameter(_:reason:)`` for a negative capacity or more than
  ///   2³¹ − 1 members.
  /// - Complexity: O(*m*).
  public init(_ members: [TeamMember]) throws(CoverageError) {
    guard members.count <= Int(Int32.max) else {
      throw .invalidParameter("members", reason: "more than \(Int32.max) members")
    }
    var index: [ManagerID: Int] = [:]
    index.reserveCapacity(members.count)
    for (position, member) in members.enumerated() {
      guard member.capacity >= 0 else {
        throw .invalidParameter(
          "capacity",
          reason: "manager \(member.manager): must be 0 or more, got \(member.capacity)")
      }
      guard index.updateValue(position, forKey: member.manager) == nil else {
        throw .duplicateMember(member.manager)
      }
    }
    self.members = members
    self.indexOfManager = index
  }

  /// Creates a team of managers with one capacity and no regions.
  ///
  /// - Parameters:
  ///   - managers: The managers, each once.
  ///   - capacity: The most clients each may own after a hand-over, 0 or more.
  /// - Throws: As ``init(_:)``.
  public init(managers: [ManagerID], capacity: Int) throws(CoverageError) {
    try self.init(managers.map { TeamMember($0, capacity: capacity) })
  }

  /// The team the data names: every owner in `profiles` and every manager with a contact in
  /// `contacts`, in the order of their identifiers, each with `capacity` and in the region
  /// that most of the clients they own are in (ties to the region named first in text order;
  /// no region when they own no client with one).
  ///
  /// What a command does when the host gives no roster: everyone who owns or contacts a
  /// client is taken to be on the team.
  ///
  /// - Parameters:
  ///   - profiles: The clients' profiles (owners and regions); prospects' profiles count too.
  ///   - contacts: The contacts.
  ///   - capacity: Every member's capacity, 0 or more.
  /// - Returns: The team.
  /// - Throws: ``CoverageError/invalidParameter(_:reason:)`` for a negative capacity.
  /// - Complexity: O(*p* + *m* log *m*) for *p* profiles and *m* managers.
  public static func inferred<ID>(
    from profiles: some Sequence<ClientProfile<ID>>, contacts: ContactLog<ID>, capacity: Int
  ) throws(CoverageError) -> Team {
    var regionCounts: [ManagerID: [String: Int]] = [:]
    for profile in profiles {
      guard let manager = profile.manager else { continue }
      if let region = profile.region {
        regionCounts[manager, default: [:]][region, default: 0] += 1
      } else if regionCounts[manager] == nil {
        regionCounts[manager] = [:]
      }
    }
    for manager in contacts.managers where regionCounts[manager] == nil {
      regionCounts[manager] = [:]
    }
    let members = regionCounts.keys.sorted().map { manager in
      let counts = regionCounts[manager] ?? [:]
      let region = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }?.key
      return TeamMember(manager, capacity: capacity, region: region)
    }
    return try Team(members)
  }

  private enum CodingKeys: String, CodingKey { case members }

  /// Decodes a team and checks it as ``init(_:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``CoverageError``
  ///   text when the roster fails the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let members = try container.decode([TeamMember].self, forKey: .members)
    do {
      try self.init(members)
    } catch {
      throw DecodingError.dataCorrupted(
        DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description)
      )
    }
  }

  /// Encodes the members.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: The encoder's errors.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(members, forKey: .members)
  }

  /// Whether two teams list the same members in the same order.
  ///
  /// - Parameters:
  ///   - lhs: A team.
  ///   - rhs: Another team.
  /// - Returns: `true` for the same roster.
  public static func == (lhs: Team, rhs: Team) -> Bool { lhs.members == rhs.members }

  /// Hashes the members.
  ///
  /// - Parameter hasher: The hasher.
  public func hash(into hasher: inout Hasher) { hasher.combine(members) }

  /// The number of members.
  public var count: Int { members.count }

  /// The member at a position.
  ///
  /// - Parameter position: A position, `0..<count`.
  public subscript(position: Int) -> TeamMember { members[position] }

  /// The position of a manager in ``members``, or `nil` when the manager is not on the team.
  ///
  /// - Parameter manager: The manager.
  /// - Returns: The position.
  /// - Complexity: O(1) on average.
  public func index(of manager: ManagerID) -> Int? { indexOfManager[manager] }
}
