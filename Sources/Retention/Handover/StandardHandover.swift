/// How a ``StandardHandover`` weighs the client's region.
public enum RegionPreference: String, Hashable, Sendable, Codable, CaseIterable {
  /// Prefer managers in the client's region, after those who know the client.
  case prefer
  /// Keep clients with a region in it: only managers of that region take them (those who know
  /// the client included); a client whose region has no room is left unassigned. Clients
  /// without a region go to the lightest load.
  case require
  /// Pay no attention to regions.
  case ignore
}

/// The default hand-over: the most valuable clients first, each to the best manager with
/// room.
///
/// The exposed clients are taken in the exposure's order — value descending, ties by the
/// identifier's text — and each goes to a remaining manager with room (clients owned before
/// the hand-over plus those received so far below their capacity), chosen by, in order:
///
/// 1. **knows the client**: a person who already deals with the client in the coverage (with
///    ``prefersKnownManagers``, on by default); among several, the one in the client's region,
///    then the lightest load;
/// 2. **same region**: the lightest-loaded manager of the client's region
///    (``RegionPreference/prefer``, the default);
/// 3. **lightest load**: the lightest-loaded manager of the team.
///
/// Remaining ties go to the manager whose identifier comes first in text order, so the plan
/// does not depend on the order of the roster. A client no one has room for is left
/// unassigned: "no room", or "no room in region" with ``RegionPreference/require``, or "nobody
/// to take it" when the leaving manager is the whole team.
///
/// Greedy, most valuable first, is what a sales director does by hand: the big accounts get
/// the best-placed people while there is room, and what does not fit is the short list to
/// discuss.
public struct StandardHandover: HandoverPolicy, Hashable, Codable {
  /// Whether people who already deal with a client come first; `true` by default.
  public let prefersKnownManagers: Bool
  /// How the client's region weighs; ``RegionPreference/prefer`` by default.
  public let region: RegionPreference

  /// Creates the rule.
  ///
  /// - Parameters:
  ///   - prefersKnownManagers: Whether people who already deal with a client come first;
  ///     `true` by default.
  ///   - region: How the client's region weighs; preferred by default.
  public init(prefersKnownManagers: Bool = true, region: RegionPreference = .prefer) {
    self.prefersKnownManagers = prefersKnownManagers
    self.region = region
  }

  /// Plans the hand-over.
  ///
  /// - Parameter exposure: The leaving manager's exposed clients, most valuable first.
  /// - Returns: One decision per exposed client.
  /// - Complexity: O(*e* (*k* + log *m*) + *m* log *m*) for *e* exposed clients with *k*
  ///   people each and *m* team members: each choice reads the client's people and the top
  ///   of a heap of loads.
  public func plan<ID>(for exposure: Exposure<ID>) -> HandoverPlan<ID> {
    let coverage = exposure.coverage
    let input = coverage.input
    let before = coverage.managers.map(\.ownedClients)
    let (assignments, unassigned, received) = decide(
      rows: exposure.rows, leaving: exposure.member, peopleOffsets: coverage.peopleOffsets,
      people: coverage.people, clientRegions: input.clientRegions,
      memberRegions: input.memberRegions, regions: input.regions,
      managers: input.team.members.map(\.manager), capacity: input.team.members.map(\.capacity),
      before: before)
    return HandoverPlan(
      trusted: exposure, assignments: assignments, unassigned: unassigned, loadsBefore: before,
      received: received)
  }

  /// The plan over plain columns: the exposed rows in order, each row's people, the regions
  /// of clients and members, and each member's name, capacity and clients before.
  private func decide(
    rows exposed: [Int], leaving: Int, peopleOffsets: ContiguousArray<Int>,
    people: ContiguousArray<Int32>, clientRegions: ContiguousArray<Int32>,
    memberRegions: ContiguousArray<Int32>, regions: [String], managers: [ManagerID],
    capacity: [Int], before: [Int]
  ) -> ([HandoverAssignment], [UnassignedClient], [Int]) {
    let m = managers.count
    // Members by the text of their identifiers: a member's rank breaks ties between loads.
    let byName = managers.indices.sorted { managers[$0] < managers[$1] }
    var rank = [Int](repeating: 0, count: m)
    for (position, member) in byName.enumerated() { rank[member] = position }
    var load = before
    let usesRegion = region != .ignore
    // Each region's members by name; a member's place there is its rank in its region's heap.
    // Regions no member works in have no heap (and no one to prefer).
    let memberRegionCount = Int(memberRegions.max() ?? -1) + 1
    var regionMembers = [[Int]](repeating: [], count: memberRegionCount)
    for member in byName where memberRegions[member] >= 0 {
      regionMembers[Int(memberRegions[member])].append(member)
    }
    var regionRank = [Int](repeating: -1, count: m)
    for members in regionMembers {
      for (position, member) in members.enumerated() { regionRank[member] = position }
    }
    var everyone = LoadHeap(ranks: m)
    var byRegion = regionMembers.map { LoadHeap(ranks: $0.count) }
    for member in 0..<m where member != leaving && load[member] < capacity[member] {
      everyone.insert(rank: rank[member], load: load[member])
      let home = Int(memberRegions[member])
      if home >= 0 { byRegion[home].insert(rank: regionRank[member], load: load[member]) }
    }
    let remaining = m - 1
    // Each exposed client's region and people, gathered in row order into columns in the
    // exposure's order: the coverage's columns are large, and the exposure's order (by value)
    // would read them at random.
    let count = exposed.count
    let byRow = exposed.indices.sorted { exposed[$0] < exposed[$1] }
    var regionOf = [Int32](repeating: -1, count: count)
    var knownStart = [Int](repeating: 0, count: count + 1)
    for index in byRow {
      let row = exposed[index]
      regionOf[index] = clientRegions[row]
      knownStart[index + 1] = peopleOffsets[row + 1] - peopleOffsets[row]
    }
    for index in 0..<count { knownStart[index + 1] += knownStart[index] }
    var known = [Int32](repeating: 0, count: knownStart[count])
    for index in byRow {
      let row = exposed[index]
      var slot = knownStart[index]
      for position in peopleOffsets[row]..<peopleOffsets[row + 1] {
        known[slot] = people[position]
        slot += 1
      }
    }
    var received = [Int](repeating: 0, count: m)
    var assignments: [HandoverAssignment] = []
    var unassigned: [UnassignedClient] = []
    assignments.reserveCapacity(exposed.count)
    for (index, row) in exposed.enumerated() {
      let clientRegion = usesRegion ? Int(regionOf[index]) : -1
      var chosen = -1
      var ground = HandoverGround.lightestLoad
      var passedOver = 0
      if prefersKnownManagers {
        var best = UInt64.max
        for position in knownStart[index]..<knownStart[index + 1] {
          let member = Int(known[position])
          guard member != leaving else { continue }
          let home = Int(memberRegions[member])
          if region == .require, clientRegion >= 0, home != clientRegion { continue }
          guard load[member] < capacity[member] else {
            passedOver += 1
            continue
          }
          let away: UInt64 = clientRegion >= 0 && home == clientRegion ? 0 : 1
          let key = away << 63 | UInt64(load[member]) << 32 | UInt64(rank[member])
          if key < best {
            best = key
            chosen = member
          }
        }
        if chosen >= 0 { ground = .knowsClient }
      }
      if chosen < 0, clientRegion >= 0, clientRegion < memberRegionCount,
        let top = byRegion[clientRegion].top
      {
        chosen = regionMembers[clientRegion][top]
        ground = .sameRegion
      }
      if chosen < 0, region == .require, clientRegion >= 0 {
        unassigned.append(
          UnassignedClient(
            index: index, row: row, reason: .noRoomInRegion(regions[clientRegion])))
        continue
      }
      if chosen < 0, let top = everyone.top {
        chosen = byName[top]
        ground = .lightestLoad
      }
      guard chosen >= 0 else {
        let reason: UnassignedReason = remaining > 0 ? .noRoom : .noRemainingManager
        unassigned.append(UnassignedClient(index: index, row: row, reason: reason))
        continue
      }
      load[chosen] += 1
      received[chosen] += 1
      let home = Int(memberRegions[chosen])
      if load[chosen] < capacity[chosen] {
        everyone.update(rank: rank[chosen], load: load[chosen])
        if home >= 0 { byRegion[home].update(rank: regionRank[chosen], load: load[chosen]) }
      } else {
        everyone.remove(rank: rank[chosen])
        if home >= 0 { byRegion[home].remove(rank: regionRank[chosen]) }
      }
      assignments.append(
        HandoverAssignment(
          index: index, row: row, manager: managers[chosen], member: chosen, ground: ground,
          passedOver: passedOver, load: load[chosen], capacity: capacity[chosen]))
    }
    return (assignments, unassigned, received)
  }
}

/// A min-heap of members keyed by (load, rank), with each member's place kept so that its
/// load can rise or it can leave. Members are named by rank, `0..<ranks`.
struct LoadHeap {
  /// The keys, `load << 32 | rank`, as a binary heap.
  private var keys: [UInt64] = []
  /// Each rank's place in ``keys``, or −1.
  private var place: [Int32]

  init(ranks: Int) {
    place = [Int32](repeating: -1, count: ranks)
  }

  /// The rank with the lightest load (ties to the lower rank), or `nil` when empty.
  var top: Int? { keys.first.map { Int($0 & 0xFFFF_FFFF) } }

  mutating func insert(rank: Int, load: Int) {
    keys.append(Self.key(rank: rank, load: load))
    place[rank] = Int32(truncatingIfNeeded: keys.count - 1)
    siftUp(keys.count - 1)
  }

  /// Gives a rank in the heap a higher load.
  mutating func update(rank: Int, load: Int) {
    let at = Int(place[rank])
    guard at >= 0 else { return }
    keys[at] = Self.key(rank: rank, load: load)
    siftDown(at)
  }

  mutating func remove(rank: Int) {
    let at = Int(place[rank])
    guard at >= 0 else { return }
    place[rank] = -1
    let last = keys.removeLast()
    guard at < keys.count else { return }
    keys[at] = last
    place[Int(last & 0xFFFF_FFFF)] = Int32(truncatingIfNeeded: at)
    siftDown(at)
    siftUp(at)
  }

  /// Loads and ranks fit 32 bits each: a load never exceeds twice the number of rows.
  private static func key(rank: Int, load: Int) -> UInt64 {
    UInt64(truncatingIfNeeded: load) << 32 | UInt64(truncatingIfNeeded: rank)
  }

  private mutating func siftUp(_ start: Int) {
    var child = start
    while child > 0 {
      let parent = (child - 1) / 2
      guard keys[child] < keys[parent] else { break }
      swapAt(child, parent)
      child = parent
    }
  }

  private mutating func siftDown(_ start: Int) {
    var parent = start
    while true {
      let left = 2 * parent + 1
      guard left < keys.count else { break }
      var smallest = left
      if left + 1 < keys.count, keys[left + 1] < keys[left] { smallest = left + 1 }
      guard keys[smallest] < keys[parent] else { break }
      swapAt(parent, smallest)
      parent = smallest
    }
  }

  private mutating func swapAt(_ a: Int, _ b: Int) {
    keys.swapAt(a, b)
    place[Int(keys[a] & 0xFFFF_FFFF)] = Int32(truncatingIfNeeded: a)
    place[Int(keys[b] & 0xFFFF_FFFF)] = Int32(truncatingIfNeeded: b)
  }
}
