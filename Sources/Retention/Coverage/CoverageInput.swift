public import ClientBaseCore

/// What to do with a manager the data names who is not on the team: in a contact, or as a
/// client's owner.
public enum UnknownManagerHandling: String, Hashable, Sendable, Codable, CaseIterable {
  /// Refuse the data: ``CoverageError/contactByUnknownManager(_:contact:)`` or
  /// ``CoverageError/ownerNotOnTeam(_:client:profile:)`` naming the first one. The default: a
  /// name that matches no one on the roster is more often a typing error or a roster that
  /// misses people than a fact.
  case reject
  /// Leave them out: their contacts do not count, and a client they own has no owner on the
  /// team. Listed in ``CoverageInput/unknownManagers``, for a report's warnings. For contact
  /// histories that still hold people who have left.
  case ignore
}

/// Everything relationship coverage is computed from, over one row space and checked once:
/// the contacts, each client's owner and region from the profiles, the team, a value per
/// client and the as-of day.
///
/// ```swift
/// let contacts = try ContactLog(hostContacts, clients: table.clients)
/// let input = try CoverageInput(
///   contacts: contacts, profiles: profiles, team: team, values: clv, asOf: asOf)
/// let coverage = StandardCoverage.standard.coverage(of: input, threadCount: 2)
/// ```
///
/// **Value** is one number per row — lifetime value, yearly spend, whatever the host wants
/// "what walks out of the door" measured in — finite, negative allowed (a refund-heavy
/// client), summed as given.
///
/// **Profiles** give each row its owner (`ClientProfile.manager`) and region. A profile of a
/// client who is not a row (a prospect) is ignored; a row without a profile has no owner and
/// no region; a client with two profiles is an error.
public struct CoverageInput<ID: Hashable & Sendable>: Sendable {
  /// The contacts, grouped by row; their row space is the input's.
  public let contacts: ContactLog<ID>
  /// The team.
  public let team: Team
  /// The day the coverage is as of, within `Summarizer.supportedDays`.
  public let asOf: Day
  /// Each row's value.
  public let values: ContiguousArray<Double>
  /// Each row's owner as a position in ``team``, or −1 when it has no owner on the team.
  public let owners: ContiguousArray<Int32>
  /// Managers named in the contacts or as owners who are not on the team, in text order
  /// (empty unless ``UnknownManagerHandling/ignore``).
  public let unknownManagers: [ManagerID]
  /// Each row's region as a position in ``regions``, or −1 for none.
  let clientRegions: ContiguousArray<Int32>
  /// Each member's region as a position in ``regions``, or −1 for none.
  let memberRegions: ContiguousArray<Int32>
  /// The distinct regions: the team's in member order, then the clients'.
  let regions: [String]
  /// Each manager of the contact log as a position in ``team``, or −1 when not on it.
  let memberOfLogManager: ContiguousArray<Int32>

  /// Gathers and checks the input.
  ///
  /// - Parameters:
  ///   - contacts: The contacts, grouped over the row space.
  ///   - profiles: The clients' profiles, in any order.
  ///   - team: The team.
  ///   - values: One value per row of `contacts.clients`.
  ///   - asOf: The day the coverage is as of.
  ///   - unknownManagers: What to do with managers not on the team; refuse them by default.
  /// - Throws: ``CoverageError/invalidParameter(_:reason:)`` when `values` has another length
  ///   than the row space or a value is not finite (naming the client), or `asOf` is outside
  ///   the supported days; ``CoverageError/duplicateProfile(client:profile:)``; and, with
  ///   ``UnknownManagerHandling/reject``, ``CoverageError/contactByUnknownManager(_:contact:)``
  ///   or ``CoverageError/ownerNotOnTeam(_:client:profile:)`` for the first manager not on
  ///   the team.
  /// - Complexity: O(*n* + *p*) for *n* rows and *p* profiles: one hash per row to index
  ///   them, one per profile to find its row.
  @inlinable
  public init(
    contacts: ContactLog<ID>, profiles: some Sequence<ClientProfile<ID>>, team: Team,
    values: ContiguousArray<Double>, asOf: Day, unknownManagers: UnknownManagerHandling = .reject
  ) throws(CoverageError) {
    // Inlined into the caller, so the identifiers are hashed by code specialised for them.
    let rowOf = rowMap(of: contacts.clients)
    var rows = ContiguousArray<Int32>()
    var owners: [ManagerID?] = []
    var regions: [String?] = []
    rows.reserveCapacity(profiles.underestimatedCount)
    for profile in profiles {
      rows.append(rowOf[profile.id] ?? -1)
      owners.append(profile.manager)
      regions.append(profile.region)
    }
    try self.init(
      contacts: contacts, profileRows: rows, profileOwners: owners, profileRegions: regions,
      team: team, values: values, asOf: asOf, unknownManagers: unknownManagers)
  }

  /// Gathers the input from the profiles' rows (−1 for a prospect's), owners and regions.
  @usableFromInline
  init(
    contacts: ContactLog<ID>, profileRows: ContiguousArray<Int32>, profileOwners: [ManagerID?],
    profileRegions: [String?], team: Team, values: ContiguousArray<Double>, asOf: Day,
    unknownManagers: UnknownManagerHandling
  ) throws(CoverageError) {
    let clients = contacts.clients
    let rows = clients.count
    guard Summarizer.supportedDays.contains(asOf) else {
      throw .invalidParameter(
        "asOf",
        reason: "\(asOf) is outside the supported days \(Summarizer.supportedDays.lowerBound)"
          + "...\(Summarizer.supportedDays.upperBound)")
    }
    guard values.count == rows else {
      throw .invalidParameter(
        "values", reason: "\(values.count) values for \(rows) clients; give one per row")
    }
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
      throw .invalidParameter(
        "values", reason: "client \(clients[bad]): value \(values[bad]) is not finite")
    }
    var unknown = Set<ManagerID>()
    var memberOfLogManager = ContiguousArray<Int32>()
    memberOfLogManager.reserveCapacity(contacts.managers.count)
    for (position, manager) in contacts.managers.enumerated() {
      if let member = team.index(of: manager) {
        memberOfLogManager.append(Int32(truncatingIfNeeded: member))
      } else if unknownManagers == .reject {
        throw .contactByUnknownManager(manager, contact: contacts.firstContactOfManager[position])
      } else {
        unknown.insert(manager)
        memberOfLogManager.append(-1)
      }
    }
    var regions: [String] = []
    var regionIndex: [String: Int32] = [:]
    func intern(_ region: String?) -> Int32 {
      guard let region else { return -1 }
      if let known = regionIndex[region] { return known }
      let index = Int32(truncatingIfNeeded: regions.count)
      regions.append(region)
      regionIndex[region] = index
      return index
    }
    let memberRegions = ContiguousArray(team.members.map { intern($0.region) })
    var owners = ContiguousArray<Int32>(repeating: -1, count: rows)
    var clientRegions = ContiguousArray<Int32>(repeating: -1, count: rows)
    var hasProfile = ContiguousArray<Bool>(repeating: false, count: rows)
    // The last owner looked up: profiles often come grouped by manager.
    var last: (manager: ManagerID, member: Int?)?
    for position in profileRows.indices {
      let row = Int(profileRows[position])
      guard row >= 0 else { continue }
      guard !hasProfile[row] else {
        throw .duplicateProfile(client: String(describing: clients[row]), profile: position)
      }
      hasProfile[row] = true
      clientRegions[row] = intern(profileRegions[position])
      guard let manager = profileOwners[position] else { continue }
      let member: Int?
      if let last, last.manager == manager {
        member = last.member
      } else {
        member = team.index(of: manager)
        last = (manager, member)
      }
      if let member {
        owners[row] = Int32(truncatingIfNeeded: member)
      } else if unknownManagers == .reject {
        throw .ownerNotOnTeam(
          manager, client: String(describing: clients[row]), profile: position)
      } else {
        unknown.insert(manager)
      }
    }
    self.contacts = contacts
    self.team = team
    self.asOf = asOf
    self.values = values
    self.owners = owners
    self.unknownManagers = unknown.sorted()
    self.clientRegions = clientRegions
    self.memberRegions = memberRegions
    self.regions = regions
    self.memberOfLogManager = memberOfLogManager
  }

  /// The row space: the contact log's clients.
  public var clients: ClientIndex<ID> { contacts.clients }

  /// The number of clients (rows).
  public var count: Int { contacts.clients.count }

  /// A row's owner, or `nil` when it has none on the team.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The owner.
  public func owner(ofRow row: Int) -> ManagerID? {
    owners[row] < 0 ? nil : team[Int(owners[row])].manager
  }

  /// A row's region, from its profile, or `nil`.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The region.
  public func region(ofRow row: Int) -> String? {
    clientRegions[row] < 0 ? nil : regions[Int(clientRegions[row])]
  }
}
