public import ClientBaseCore
public import Retention

/// A seeded sample for the coverage and hand-over laws: a small base with the awkward cases a
/// real contact history has.
///
/// ```swift
/// let input = try CoverageSample.input(seed: 7, clients: 400, managers: 9)
/// let coverage = StandardCoverage.standard.coverage(of: input)
/// ```
///
/// Clients `c-0001`, `c-0002`, … are worth whole tens (so values tie), some nothing; most have
/// an owner among managers `m-01`, `m-02`, … and a region among North, South, East and West,
/// some neither. Each client has up to six contacts, half of them by its owner, on days up to
/// 500 days before the as-of day (so some fall outside a year's window) and a few after it,
/// over phone, e-mail, meetings and mailings, some not reaching the client; one contact in
/// ten is repeated, and some contacts are with prospects (`p-…`) who are not rows. Managers
/// work in a region or none and hold capacities from a little below their current load to
/// well above it, so some are full.
public enum CoverageSample: Sendable {
  /// The as-of day of every sample: 2026-10-31.
  public static let asOf = Day(daysSince1970: 20_757)

  /// A sample input.
  ///
  /// - Parameters:
  ///   - seed: The seed; the same seed gives the same input.
  ///   - clients: The number of clients (rows), 0 or more.
  ///   - managers: The number of managers, at least 1.
  /// - Returns: The input, with the team made of the managers.
  /// - Throws: `CoverageError` only if the sample broke its own rules (a bug).
  /// - Complexity: O(`clients` + `managers`).
  public static func input(seed: UInt64, clients: Int, managers: Int) throws(CoverageError)
    -> CoverageInput<String>
  {
    var g = SeededGenerator(seed: seed)
    let regions = ["North", "South", "East", "West"]
    let managerIDs = (1...max(managers, 1)).map { ManagerID("m-" + padded($0, width: 2)) }
    let ids = (0..<max(clients, 0)).map { "c-" + padded($0 + 1, width: 4) }
    var profiles: [ClientProfile<String>] = []
    var values = ContiguousArray<Double>()
    var contacts: [Contact<String>] = []
    var owned = [Int](repeating: 0, count: managerIDs.count)
    let channels: [Channel] = [.phone, .email, .inPerson, .mailing]
    let outcomes: [ContactOutcome] = [.reached, .interested, .sale, .notReached]
    for id in ids {
      values.append(g.nextInt(below: 5) == 0 ? 0 : Double(g.nextInt(below: 400)) * 10)
      let ownerIndex = g.nextInt(below: 10) == 0 ? nil : g.nextInt(below: managerIDs.count)
      if let ownerIndex { owned[ownerIndex] += 1 }
      let region = g.nextInt(below: 8) == 0 ? nil : regions[g.nextInt(below: regions.count)]
      profiles.append(
        ClientProfile(id: id, manager: ownerIndex.map { managerIDs[$0] }, region: region))
      for _ in 0..<g.nextInt(below: 7) {
        let byOwner = ownerIndex != nil && g.nextInt(below: 2) == 0
        let manager = byOwner ? (ownerIndex ?? 0) : g.nextInt(below: managerIDs.count)
        let daysAgo = g.nextInt(below: 20) == 0 ? -1 - g.nextInt(below: 30) : g.nextInt(below: 500)
        let contact = Contact(
          client: id, day: asOf.adding(days: -daysAgo), manager: managerIDs[manager],
          channel: channels[g.nextInt(below: channels.count)],
          outcome: outcomes[g.nextInt(below: outcomes.count)])
        contacts.append(contact)
        if g.nextInt(below: 10) == 0 { contacts.append(contact) }
      }
      if g.nextInt(below: 15) == 0 {
        contacts.append(
          Contact(
            client: "p-" + id.dropFirst(2), day: asOf.adding(days: -g.nextInt(below: 200)),
            manager: managerIDs[g.nextInt(below: managerIDs.count)], channel: .phone,
            outcome: .reached))
      }
    }
    let members = managerIDs.indices.map { index in
      TeamMember(
        managerIDs[index], capacity: max(0, owned[index] - 2 + g.nextInt(below: 40)),
        region: g.nextInt(below: 6) == 0 ? nil : regions[g.nextInt(below: regions.count)])
    }
    let team = try Team(members)
    // Identifiers are distinct by construction.
    let index: ClientIndex<String>
    do {
      index = try ClientIndex(ids)
    } catch {
      throw .invalidParameter("clients", reason: error.description)
    }
    let log = try ContactLog(contacts, clients: index)
    return try CoverageInput(
      contacts: log, profiles: profiles, team: team, values: values, asOf: asOf)
  }

  private static func padded(_ number: Int, width: Int) -> String {
    let digits = String(number)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}

/// The same input in another order: rows, contacts and profiles shuffled, the roster
/// reversed. Results that are pure functions of the data agree with the original's client by
/// client and manager by manager.
func shuffledCopy<ID>(of input: CoverageInput<ID>, seed: UInt64) -> CoverageInput<ID>? {
  var g = SeededGenerator(seed: seed)
  let n = input.count
  var order = Array(0..<n)
  shuffle(&order, &g)
  var contacts: [Contact<ID>] = []
  for row in 0..<n { contacts += input.contacts.contacts(ofRow: row) }
  shuffle(&contacts, &g)
  var profiles = (0..<n).map { row in
    ClientProfile(
      id: input.clients[row], manager: input.owner(ofRow: row), region: input.region(ofRow: row))
  }
  shuffle(&profiles, &g)
  guard let clients = try? ClientIndex(order.map { input.clients[$0] }),
    let team = try? Team(input.team.members.reversed()),
    let log = try? ContactLog(contacts, clients: clients)
  else { return nil }
  let values = ContiguousArray(order.map { input.values[$0] })
  return try? CoverageInput(
    contacts: log, profiles: profiles, team: team, values: values, asOf: input.asOf,
    unknownManagers: .ignore)
}

/// Fisher–Yates with the seeded generator, the same on every platform.
func shuffle<Element>(_ elements: inout [Element], _ g: inout SeededGenerator) {
  guard elements.count > 1 else { return }
  for i in stride(from: elements.count - 1, to: 0, by: -1) {
    elements.swapAt(i, g.nextInt(below: i + 1))
  }
}

/// Whether two sums agree up to rounding: within 1e-9 of the larger magnitude involved.
func closeSums(_ a: Double, _ b: Double, scale: Double) -> Bool {
  abs(a - b) <= 1e-9 * max(scale, 1)
}
