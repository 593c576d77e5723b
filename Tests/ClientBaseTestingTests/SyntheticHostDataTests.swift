import ClientBaseCore
import ClientBaseTesting
import Foundation
import Testing

/// The host data a synthetic base grows beside its purchases: the team, contacts by more than
/// one manager, prospects, referrals and services.
@Suite("SyntheticBase host data")
struct SyntheticHostDataTests {
  /// One base shared by the property tests: 4,000 clients over a year of acquisition.
  static let base: SyntheticBase = {
    do {
      return try SyntheticBase(
        configuration: .init(
          clients: 4_000, acquisitionStart: Day(daysSince1970: 20_089), acquisitionWindowDays: 365,
          asOf: Day(daysSince1970: 20_757), seed: 77))
    } catch {
      preconditionFailure("\(error)")
    }
  }()

  /// The spend of every client over its generated purchases.
  static func spend(of base: SyntheticBase) -> [Double] {
    var spend = [Double](repeating: 0, count: base.clients.count)
    for event in 0..<base.log.count {
      spend[Int(base.log.clientIndices[event])] += base.log.amounts[event]
    }
    return spend
  }

  @Test("the team: managers by region, round robin, each with ⌈1.25 × clients / managers⌉")
  func team() throws {
    let base = Self.base
    let configuration = base.configuration
    #expect(base.managers.count == 20)
    #expect(base.managers.map(\.id.rawValue).prefix(3) == ["m-001", "m-002", "m-003"])
    // 1.25 × 4,000 / 20 = 250.
    #expect(base.managers.allSatisfy { $0.capacity == 250 })
    #expect(configuration.managerCapacity == 250)
    for (k, manager) in base.managers.enumerated() {
      #expect(manager.region == configuration.regions[k % configuration.regions.count])
    }
    // Every owner works in the client's region (each region has four managers here).
    let regionOf = Dictionary(
      uniqueKeysWithValues: base.managers.compactMap { manager in
        manager.region.map { (manager.id, $0) }
      })
    #expect(
      base.profiles.allSatisfy { profile in
        profile.manager.flatMap { regionOf[$0] } == profile.region
      })
    // The capacity holds every client with room to spare.
    #expect(base.managers.reduce(0) { $0 + $1.capacity } >= configuration.clients)
  }

  @Test("contacts: some clients known to two or three managers, most to one; owners lead")
  func sharedClients() throws {
    let base = Self.base
    let clients = base.clients.count
    var managersOf = [Set<ManagerID>](repeating: [], count: base.profiles.count)
    var byOwner = 0
    var clientContacts = 0
    let team = Set(base.managers.map(\.id))
    for contact in base.contacts {
      #expect(team.contains(contact.manager))
      managersOf[contact.client].insert(contact.manager)
      if contact.client < clients {
        clientContacts += 1
        if contact.manager == base.profiles[contact.client].manager { byOwner += 1 }
        #expect(contact.day >= base.clients[contact.client].acquisitionDay)
      }
      #expect(contact.day <= base.configuration.asOf)
    }
    let shared = (0..<clients).filter { managersOf[$0].count >= 2 }
    let single = (0..<clients).filter { managersOf[$0].count == 1 }
    #expect(shared.count > clients / 5)
    #expect(single.count > clients / 3)
    #expect((0..<clients).allSatisfy { managersOf[$0].count <= 3 })
    // Owners make most contacts: every contact of an unshared client and 70% of the others.
    #expect(Double(byOwner) / Double(clientContacts) > 0.7)
    // Frequent buyers are shared more often: p + (1 − p) x / (x + 10) rises with x.
    let frequent = (0..<clients).filter { base.clients[$0].frequency >= 10 }
    let once = (0..<clients).filter { base.clients[$0].frequency == 0 }
    func sharedShare(_ rows: [Int]) -> Double {
      Double(rows.filter { managersOf[$0].count >= 2 }.count) / Double(max(rows.count, 1))
    }
    #expect(frequent.count > 50)
    #expect(sharedShare(frequent) > sharedShare(once) + 0.2)
    // Contacts come client by client, each one's in day order.
    for pair in zip(base.contacts, base.contacts.dropFirst()) {
      #expect(
        pair.0.client < pair.1.client
          || (pair.0.client == pair.1.client && pair.0.day <= pair.1.day))
    }
  }

  @Test("prospects: after the clients, contacted at least once, never a sale or a purchase")
  func prospects() throws {
    let base = Self.base
    let configuration = base.configuration
    #expect(base.prospects == 4_000..<4_800)
    #expect(base.profiles.count == 4_800)
    #expect(base.profiles.enumerated().allSatisfy { $0.offset == $0.element.id })
    #expect(base.profiles[base.prospects].allSatisfy { $0.since == nil })
    #expect(
      base.profiles[0..<4_000].enumerated().allSatisfy {
        $0.element.since == base.clients[$0.offset].acquisitionDay
      })
    // The log knows the clients only.
    #expect(base.log.clientIDs == Array(0..<4_000))
    var contacted = Set<Int>()
    for contact in base.contacts where base.prospects.contains(contact.client) {
      contacted.insert(contact.client)
      #expect(contact.outcome != .sale)
      #expect(contact.day >= configuration.acquisitionStart && contact.day <= configuration.asOf)
    }
    #expect(contacted == Set(base.prospects))
  }

  @Test("referrals: earlier, repeat-buying, valuable clients recommend; none twice, none self")
  func referrals() throws {
    let base = Self.base
    let clients = base.clients.count
    let total = clients + base.prospects.count
    var referred = Set<Int>()
    for referral in base.referrals {
      #expect(referral.client != referral.referred)
      #expect(referral.client < clients)
      #expect(referred.insert(referral.referred).inserted, "referred twice: \(referral.referred)")
      let recommender = base.clients[referral.client]
      #expect(recommender.frequency >= 1)
      #expect(referral.day >= recommender.acquisitionDay)
      if referral.referred < clients {
        #expect(referral.day <= base.clients[referral.referred].acquisitionDay)
        #expect(
          recommender.acquisitionOffsetDays < base.clients[referral.referred].acquisitionOffsetDays)
      }
    }
    // 10% of clients and prospects came recommended, within 5 standard errors; the earliest
    // clients have no one to recommend them, so allow a little less.
    let expected = 0.1 * Double(total)
    let sd = (Double(total) * 0.1 * 0.9).squareRoot()
    #expect(Double(base.referrals.count) <= expected + 5 * sd)
    #expect(Double(base.referrals.count) >= expected - 5 * sd - 40)
    // Recommenders are the valuable clients: their mean spend is well above the base's.
    let spend = Self.spend(of: base)
    let recommenders = Set(base.referrals.map(\.client))
    let mean = spend.reduce(0, +) / Double(clients)
    let recommendersMean = recommenders.reduce(0) { $0 + spend[$1] } / Double(recommenders.count)
    #expect(recommendersMean > 2 * mean)
    // Some recommend more than one.
    #expect(recommenders.count < base.referrals.count)
    // Sorted by recommender, then day, then referred.
    for pair in zip(base.referrals, base.referrals.dropFirst()) {
      #expect(
        (pair.0.client, pair.0.day, pair.0.referred) < (pair.1.client, pair.1.day, pair.1.referred))
    }
  }

  @Test("services: the configured uptake on average, more among the clients who spend most")
  func services() throws {
    let base = Self.base
    let clients = base.clients.count
    let catalogue = base.configuration.services
    #expect(
      catalogue.map(\.service) == [.onlineOrdering, .personalManager, .creditLine, .tradeProgramme])
    let spend = Self.spend(of: base)
    let order = (0..<clients).sorted { (spend[$0], $0) < (spend[$1], $1) }
    let top = Set(order.suffix(clients / 5))
    var users = [Service: Int]()
    var topUsers = [Service: Int]()
    var seen = Set<ServiceUse<Int>>()
    for use in base.services {
      #expect(use.client < clients, "a prospect uses no service")
      #expect(seen.insert(use).inserted, "each use once")
      users[use.service, default: 0] += 1
      if top.contains(use.client) { topUsers[use.service, default: 0] += 1 }
    }
    for offered in catalogue {
      // The multiplier averages 1 over the places, so the share is the uptake, within 5
      // standard errors of a binomial share.
      let share = Double(users[offered.service] ?? 0) / Double(clients)
      let sd = (offered.uptake * (1 - offered.uptake) / Double(clients)).squareRoot()
      #expect(abs(share - offered.uptake) <= 5 * sd + 0.005, "\(offered.service): \(share)")
      // The top fifth by spend: multiplier 1.45 to 1.75, 1.6 on average.
      let topShare = Double(topUsers[offered.service] ?? 0) / Double(top.count)
      #expect(topShare > 1.3 * offered.uptake, "\(offered.service): \(topShare)")
    }
  }

  @Test("the same configuration gives the same host data; off switches turn it off")
  func determinism() throws {
    let configuration = try SyntheticBaseConfiguration(clients: 600, seed: 12)
    let first = try SyntheticBase(configuration: configuration)
    let second = try SyntheticBase(configuration: configuration)
    #expect(first.managers == second.managers)
    #expect(first.contacts == second.contacts)
    #expect(first.referrals == second.referrals)
    #expect(first.services == second.services)
    #expect(first.profiles == second.profiles)
    #expect(!first.referrals.isEmpty && !first.services.isEmpty)

    let bare = try SyntheticBase(
      configuration: .init(
        clients: 600, seed: 12, prospectShare: 0, referredShare: 0, services: [],
        contactsPerYear: 0))
    #expect(bare.prospects.isEmpty && bare.referrals.isEmpty && bare.services.isEmpty)
    #expect(bare.contacts.isEmpty)
    // Purchases never depend on the host data's settings.
    #expect(bare.log.amounts == first.log.amounts)
    #expect(bare.clients == first.clients)
  }

  @Test("settings out of range are refused, and old configurations decode with defaults")
  func settings() throws {
    func problem(_ make: () throws -> SyntheticBaseConfiguration) -> String? {
      do {
        _ = try make()
        return nil
      } catch let error as InputError {
        if case .invalidParameter(let name, _) = error { return name }
        return "unexpected \(error)"
      } catch {
        return "unexpected \(error)"
      }
    }
    #expect(problem { try .init(clients: 10, managerCapacityFactor: 0) } == "managerCapacityFactor")
    #expect(
      problem { try .init(clients: 10, sharedClientProbability: 1.5) } == "sharedClientProbability")
    #expect(problem { try .init(clients: 10, prospectShare: -0.1) } == "prospectShare")
    #expect(problem { try .init(clients: 10, referredShare: .nan) } == "referredShare")
    let twice = try SyntheticService(.creditLine, uptake: 0.2)
    #expect(problem { try .init(clients: 10, services: [twice, twice]) } == "services")
    #expect(throws: InputError.self) { try SyntheticService(.creditLine, uptake: 1.2) }

    // A configuration saved before the host data's settings existed decodes with defaults.
    let saved = try JSONEncoder().encode(try SyntheticBaseConfiguration(clients: 10))
    var object = try #require(try JSONSerialization.jsonObject(with: saved) as? [String: Any])
    for key in [
      "managerCapacityFactor", "sharedClientProbability", "prospectShare", "referredShare",
      "services",
    ] {
      object[key] = nil
    }
    let old = try JSONSerialization.data(withJSONObject: object)
    let decoded = try JSONDecoder().decode(SyntheticBaseConfiguration.self, from: old)
    #expect(decoded == (try SyntheticBaseConfiguration(clients: 10)))
  }
}
