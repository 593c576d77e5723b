import ClientBaseCore
import ClientBaseTesting
import Foundation
import Testing

/// The Gauss hypergeometric function ₂F₁(a, b; c; z) by its power series, for 0 ≤ z < 1.
func hypergeometric2F1(_ a: Double, _ b: Double, _ c: Double, _ z: Double) -> Double {
  var term = 1.0
  var sum = 1.0
  var n = 0.0
  while n < 100_000 {
    term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z
    sum += term
    if abs(term) < 1e-15 * abs(sum) { break }
    n += 1
  }
  return sum
}

func power(_ x: Double, _ y: Double) -> Double { PortableMath.exp(y * PortableMath.log(x)) }

/// Model theory for a client observed for `t` units since acquisition: the expected number of
/// repeat purchases E[X(t)] and the probability of still being active, for a new client drawn
/// from the population.
///
/// - BG/NBD (Fader, Hardie & Lee 2005, eq. 7): E[X(t)] = (a+b−1)/(a−1) ·
///   [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))]. Alive: given λ and p, dropouts come as a
///   Poisson process of rate λp, so P = E[e^(−λpt)] = E_p[(α/(α+pt))^r]
///   = (α/(α+t))^r ₂F₁(r, b; a+b; t/(α+t)) (Euler's integral, then Pfaff's transformation).
/// - MBG/NBD (Batislam, Denizel & Filiztekin 2007): the same with an extra factor (1 − p) for
///   surviving time 0: E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))], alive
///   b/(a+b) · (α/(α+t))^r ₂F₁(r, b+1; a+b+1; t/(α+t)).
/// - Pareto/NBD (Schmittlein, Morrison & Colombo 1987): E[X(t)] = rβ/(α(s−1)) ·
///   [1 − (β/(β+t))^(s−1)], alive (β/(β+t))^s.
func theory(_ process: PurchaseProcess, t: Double) -> (expectedRepeats: Double, alive: Double) {
  switch process {
  case .bgnbd(let r, let alpha, let a, let b):
    let z = t / (alpha + t)
    let lead = power(alpha / (alpha + t), r)
    let repeats = (a + b - 1) / (a - 1) * (1 - lead * hypergeometric2F1(r, b, a + b - 1, z))
    return (repeats, lead * hypergeometric2F1(r, b, a + b, z))
  case .mbgnbd(let r, let alpha, let a, let b):
    let z = t / (alpha + t)
    let lead = power(alpha / (alpha + t), r)
    let repeats = b / (a - 1) * (1 - lead * hypergeometric2F1(r, b + 1, a + b, z))
    return (repeats, b / (a + b) * lead * hypergeometric2F1(r, b + 1, a + b + 1, z))
  case .paretonbd(let r, let alpha, let s, let beta):
    let repeats = r * beta / (alpha * (s - 1)) * (1 - power(beta / (beta + t), s - 1))
    return (repeats, power(beta / (beta + t), s))
  }
}

@Suite("SyntheticBase")
struct SyntheticBaseTests {
  static let processes: [PurchaseProcess] = [
    .cdnowBGNBD,
    .mbgnbd(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426),
    .mbgnbd(r: 0.5, alpha: 6, a: 1.6, b: 3),
    .cdnowParetoNBD,
    .bgnbd(r: 1.2, alpha: 3, a: 2.5, b: 4),
  ]

  /// Simulation against theory for 20,000 clients. Each client's own T gives a theoretical
  /// E[X(T)] and P(alive); the observed means must be within 5 standard errors of the
  /// averaged theory (the standard error of repeats from the spread of xᵢ − E[X(Tᵢ)], that
  /// of the alive share √(Σ Pᵢ(1 − Pᵢ))/n). Telling the models apart is easy at this size:
  /// the MBG/NBD share dropping at time 0 alone moves the alive share by about 25 points.
  @Test(arguments: processes)
  func repeatsAndAliveShareMatchTheModelsTheory(_ process: PurchaseProcess) throws {
    let configuration = try SyntheticBaseConfiguration(
      clients: 20_000, process: process, seed: 31, contactsPerYear: 0, lifeEventsPerYear: 0)
    let base = try SyntheticBase(configuration: configuration)
    var residuals = SampleMoments()
    var expectedAlive = 0.0
    var aliveVariance = 0.0
    var alive = 0
    for client in base.clients {
      let (repeats, p) = theory(process, t: client.age)
      residuals.add(Double(client.frequency) - repeats)
      expectedAlive += p
      aliveVariance += p * (1 - p)
      if client.isAlive { alive += 1 }
    }
    let n = Double(base.clients.count)
    let repeatsError = (residuals.variance / n).squareRoot()
    #expect(abs(residuals.mean) <= 5 * repeatsError)
    #expect(abs(Double(alive) - expectedAlive) <= 5 * aliveVariance.squareRoot())
  }

  /// BG/NBD's story: a client can drop out only right after a repeat purchase. So a client
  /// with no repeat purchase is alive, and a dead client died at their last purchase.
  @Test func bgnbdClientsNeverDropOutBeforeARepeatPurchase() throws {
    let base = try SyntheticBase(
      configuration: .init(clients: 5_000, process: .cdnowBGNBD, seed: 1))
    var dead = 0
    for client in base.clients {
      #expect(client.dropoutProbability != nil && client.dropoutRate == nil)
      if let time = client.dropoutTime {
        dead += 1
        #expect(client.frequency >= 1)
        #expect(time == client.recency)
      } else if client.frequency == 0 {
        #expect(client.isAlive)
      }
    }
    #expect(dead > 100)  // the check above must not be vacuous
  }

  /// MBG/NBD adds a dropout at time 0, with probability p ~ Beta(a, b): the share of clients
  /// lost right after their first purchase must be within 5 standard errors of
  /// E[p] = a/(a + b).
  @Test func mbgnbdClientsCanDropOutRightAfterTheFirstPurchase() throws {
    let (a, b) = (0.793, 2.426)
    let base = try SyntheticBase(
      configuration: .init(
        clients: 10_000, process: .mbgnbd(r: 0.243, alpha: 4.414, a: a, b: b), seed: 2))
    let atZero = base.clients.filter { $0.dropoutTime == 0 }
    #expect(atZero.allSatisfy { $0.frequency == 0 && !$0.isAlive })
    let share = Double(atZero.count) / 10_000
    let expected = a / (a + b)
    #expect(abs(share - expected) <= 5 * (expected * (1 - expected) / 10_000).squareRoot())
  }

  /// Pareto/NBD lifetimes are independent of purchases: dead clients' lifetimes exceed their
  /// last purchase, and the mean λ matches r/α within 5 standard errors (σ = √r/α).
  @Test func paretoNBDLifetimesAndRates() throws {
    let base = try SyntheticBase(
      configuration: .init(clients: 10_000, process: .cdnowParetoNBD, seed: 3))
    var rates = SampleMoments()
    for client in base.clients {
      #expect(client.dropoutRate != nil && client.dropoutProbability == nil)
      if let time = client.dropoutTime {
        #expect(time >= client.recency && time < client.age)
      }
      rates.add(client.purchaseRate)
    }
    let (r, alpha) = (0.553, 10.578)
    #expect(abs(rates.mean - r / alpha) <= 5 * r.squareRoot() / alpha / 100)
  }

  /// Gamma-Gamma: one transaction per client (the first) is an independent draw of z with
  /// E[z] = p·v/(q − 1) and Var z = p(p+1)v²/((q−1)(q−2)) − E[z]² (finite as q > 2); the
  /// sample mean must be within 5 standard errors. The same for the clients' true mean spend
  /// p/ν, whose variance is p²v²/((q−1)(q−2)) − E[z]².
  @Test func spendMatchesGammaGammaTheory() throws {
    let spend = GammaGammaSpend.cdnow
    let n = 20_000
    let base = try SyntheticBase(
      configuration: .init(
        clients: n, seed: 4, roundsAmountsToCents: false, contactsPerYear: 0,
        lifeEventsPerYear: 0))
    var firstAmounts = SampleMoments()
    var previous: Int32 = -1
    for (index, client) in base.log.clientIndices.enumerated() where client != previous {
      firstAmounts.add(base.log.amounts[index])
      previous = client
    }
    #expect(firstAmounts.count == n)
    let (p, q, v) = (spend.p, spend.q, spend.v)
    let mean = try #require(spend.meanTransactionValue)
    #expect(abs(mean - 6.25 * 15.44 / 2.74) < 1e-12)
    let amountVariance = p * (p + 1) * v * v / ((q - 1) * (q - 2)) - mean * mean
    #expect(abs(firstAmounts.mean - mean) <= 5 * (amountVariance / Double(n)).squareRoot())
    var meanSpends = SampleMoments()
    for client in base.clients { meanSpends.add(client.meanSpend) }
    let meanSpendVariance = p * p * v * v / ((q - 1) * (q - 2)) - mean * mean
    #expect(abs(meanSpends.mean - mean) <= 5 * (meanSpendVariance / Double(n)).squareRoot())
  }

  /// The exact continuous history and the days it was rounded to agree: the first purchase is
  /// on the acquisition day, each client has x + 1 purchases, every day is in the window and
  /// by as-of, and the summarizer's recency and age in days are the exact ones floored (within
  /// a day, age never above the exact one).
  @Test(arguments: [TimeUnit.week, .day])
  func truthAgreesWithTheRoundedDays(_ unit: TimeUnit) throws {
    let configuration = try SyntheticBaseConfiguration(
      clients: 2_000,
      process: unit == .day ? .bgnbd(r: 0.243, alpha: 30.9, a: 0.793, b: 2.426) : .cdnowBGNBD,
      unit: unit, seed: 5)
    let base = try SyntheticBase(configuration: configuration)
    let table = try Summarizer().summarize(base.log)
    var purchasesPerClient = [Int](repeating: 0, count: base.clients.count)
    for index in base.log.clientIndices { purchasesPerClient[Int(index)] += 1 }
    let asOf = configuration.asOf
    for client in base.clients {
      #expect(purchasesPerClient[client.id] == client.purchaseCount)
      #expect(client.acquisitionDay >= configuration.acquisitionStart)
      #expect(client.acquisitionDay <= configuration.acquisitionEnd)
      let summary = try #require(table[client: client.id])
      #expect(summary.first == client.acquisitionDay)
      let last = try #require(summary.last)
      #expect(last <= asOf)
      #expect(summary.purchaseDays <= client.purchaseCount)
      let days = unit.lengthInDays
      let recencyDays = Double(client.acquisitionDay.days(to: last))
      #expect(abs(recencyDays - client.recency * days) < 1)
      let ageDays = Double(client.acquisitionDay.days(to: asOf))
      #expect(client.age * days - ageDays > 0 && client.age * days - ageDays <= 1)
    }
  }

  @Test func sameConfigurationGivesTheSameBase() throws {
    let configuration = try SyntheticBaseConfiguration(clients: 500, seed: 6)
    let first = try SyntheticBase(configuration: configuration)
    let second = try SyntheticBase(configuration: configuration)
    #expect(first.log.clientIndices == second.log.clientIndices)
    #expect(first.log.days == second.log.days)
    #expect(first.log.amounts == second.log.amounts)
    #expect(first.clients == second.clients)
    #expect(first.profiles == second.profiles)
    #expect(first.contacts == second.contacts)
    #expect(first.lifeEvents == second.lifeEvents)

    let other = try SyntheticBaseConfiguration(clients: 500, seed: 7)
    let different = try SyntheticBase(configuration: other)
    #expect(different.clients != first.clients)
    #expect(different.log.amounts != first.log.amounts)
  }

  /// Per-client streams: a larger base begins with the smaller one's clients, and turning
  /// contacts and life events off leaves purchases and truth untouched.
  @Test func clientsDrawFromTheirOwnStreams() throws {
    let small = try SyntheticBase(configuration: .init(clients: 50, seed: 8))
    let large = try SyntheticBase(configuration: .init(clients: 200, seed: 8))
    #expect(Array(large.clients.prefix(50)) == small.clients)
    #expect(Array(large.profiles.prefix(50)) == Array(small.profiles.prefix(50)))
    #expect(Array(large.log.amounts.prefix(small.log.count)) == Array(small.log.amounts))

    let quiet = try SyntheticBase(
      configuration: .init(clients: 50, seed: 8, contactsPerYear: 0, lifeEventsPerYear: 0))
    #expect(quiet.clients == small.clients)
    #expect(quiet.log.amounts == small.log.amounts)
    #expect(quiet.contacts.isEmpty && quiet.lifeEvents.isEmpty)
    #expect(!small.contacts.isEmpty)
  }

  /// Regression pins for cross-platform reproducibility: these figures come from this
  /// implementation, and every platform must produce them bit for bit. If a deliberate change
  /// of algorithm moves them, every seeded base in every test moves too; update them then.
  @Test func pinnedOutputs() throws {
    let base = try SyntheticBase(configuration: .init(clients: 20, seed: 2005))
    #expect(base.log.count == SyntheticBasePins.purchaseCount)
    #expect(base.clients[0].purchaseRate.bitPattern == SyntheticBasePins.firstRateBits)
    #expect(Array(base.log.amounts.prefix(3)) == SyntheticBasePins.firstAmounts)
    #expect(base.clients[0].acquisitionDay == SyntheticBasePins.firstAcquisitionDay)
  }

  /// Contacts and life events arrive as Poisson processes over each client's observed days:
  /// their totals must be within 5 standard errors (√expected) of rate × exposure, and every
  /// event is by the owning manager (no client is shared, no prospect made), between
  /// acquisition and as-of, from the configured sets.
  @Test func contactsAndLifeEventsFollowTheirRates() throws {
    let configuration = try SyntheticBaseConfiguration(
      clients: 3_000, seed: 9, sharedClientProbability: 0, prospectShare: 0, contactsPerYear: 6,
      lifeEventsPerYear: 0.5)
    let base = try SyntheticBase(configuration: configuration)
    let end = Double(configuration.acquisitionStart.days(to: configuration.asOf)) + 1
    let exposureYears = base.clients.reduce(0.0) {
      $0 + (end - $1.acquisitionOffsetDays) / 365.25
    }
    let expectedContacts = 6 * exposureYears
    let expectedEvents = 0.5 * exposureYears
    #expect(
      abs(Double(base.contacts.count) - expectedContacts) <= 5 * expectedContacts.squareRoot())
    #expect(abs(Double(base.lifeEvents.count) - expectedEvents) <= 5 * expectedEvents.squareRoot())
    for contact in base.contacts {
      let client = base.clients[contact.client]
      #expect(contact.manager == base.profiles[contact.client].manager)
      #expect(contact.day >= client.acquisitionDay && contact.day <= configuration.asOf)
      #expect(configuration.contactChannels.contains(contact.channel))
      #expect(configuration.contactOutcomes.contains(contact.outcome))
    }
    for event in base.lifeEvents {
      #expect(event.day >= base.clients[event.client].acquisitionDay)
      #expect(event.day <= configuration.asOf)
      #expect(configuration.lifeEventKinds.contains(event.kind))
    }
  }

  /// Profiles: birthdays known with the configured probability (within 5 standard errors),
  /// owners from the pool, regions from the list, and a leap-day birthday possible.
  @Test func profilesFollowTheConfiguration() throws {
    let n = 6_000
    let base = try SyntheticBase(
      configuration: .init(clients: n, seed: 10, managerCount: 12, regions: ["a", "b"]))
    let known = base.profiles.prefix(n).filter { $0.birthday != nil }.count
    #expect(abs(Double(known) / Double(n) - 0.9) <= 5 * (0.09 / Double(n)).squareRoot())
    let managers = Set(base.profiles.compactMap(\.manager))
    #expect(
      managers == Set((1...12).map { ManagerID(rawValue: $0 < 10 ? "m-00\($0)" : "m-0\($0)") }))
    #expect(Set(base.profiles.compactMap(\.region)) == ["a", "b"])
    #expect(base.profiles.enumerated().allSatisfy { $0.offset == $0.element.id })
    #expect(base.profiles.contains { $0.birthday == (try? MonthDay(month: 2, day: 29)) })
  }

  @Test func purchasesSourceAndDirectory() async throws {
    let base = try SyntheticBase(configuration: .init(clients: 100, seed: 11))
    let purchases = base.purchases
    #expect(purchases.count == base.log.count)
    #expect(purchases.allSatisfy { $0.manager == base.profiles[$0.client].manager })
    let configuration = base.configuration
    let all = await base.purchaseSource.purchases(
      in: configuration.acquisitionStart...configuration.asOf)
    #expect(all.count == purchases.count)
    let profile = await base.clientDirectory.profile(for: 42)
    #expect(profile == base.profiles[42])
  }

  @Test func invalidConfigurationsThrowNamingTheProblem() throws {
    // Settings are checked when a configuration is made; the event limit when it is generated.
    func problem(_ make: () throws -> SyntheticBaseConfiguration) -> String? {
      do {
        _ = try SyntheticBase(configuration: try make())
        return nil
      } catch let error as InputError {
        if case .invalidParameter(let name, _) = error { return name }
        return "unexpected \(error)"
      } catch {
        return "unexpected \(error)"
      }
    }
    #expect(problem { try .init(clients: 10) } == nil)
    #expect(problem { try .init(clients: -1) } == "clients")
    #expect(problem { try .init(clients: 10, process: .bgnbd(r: 0, alpha: 1, a: 1, b: 1)) } == "r")
    #expect(
      problem { try .init(clients: 10, process: .paretonbd(r: 1, alpha: 1, s: 1, beta: .nan)) }
        == "beta")
    #expect(problem { try .init(clients: 10, spend: try .init(p: 1, q: -2, v: 1)) } == "q")
    #expect(problem { try .init(clients: 10, acquisitionWindowDays: 0) } == "acquisitionWindowDays")
    #expect(
      problem { try .init(clients: 10, acquisitionWindowDays: 400) } == "acquisitionWindowDays")
    #expect(problem { try .init(clients: 10, managerCount: 0) } == "managerCount")
    #expect(
      problem { try .init(clients: 10, birthdayKnownProbability: 1.5) }
        == "birthdayKnownProbability")
    #expect(problem { try .init(clients: 10, contactsPerYear: .infinity) } == "contactsPerYear")
    #expect(problem { try .init(clients: 10, contactChannels: []) } == "contactChannels")
    #expect(problem { try .init(clients: 10, lifeEventKinds: []) } == "lifeEventKinds")
    #expect(problem { try .init(clients: 10, maximumEvents: 5) } == "maximumEvents")
    #expect(problem { try .init(clients: 10, contactsPerYear: 0, contactChannels: []) } == nil)
    // Decoding goes through the same checks.
    let good = try JSONEncoder().encode(try SyntheticBaseConfiguration(clients: 10))
    #expect(try JSONDecoder().decode(SyntheticBaseConfiguration.self, from: good).clients == 10)
    let bad = String(decoding: good, as: UTF8.self).replacingOccurrences(
      of: "\"clients\":10", with: "\"clients\":-1")
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(SyntheticBaseConfiguration.self, from: Data(bad.utf8))
    }
  }

  /// An empty base is valid, and the acquisition window may end exactly on the as-of day.
  @Test func edgeConfigurations() throws {
    let empty = try SyntheticBase(configuration: .init(clients: 0))
    #expect(empty.log.isEmpty && empty.clients.isEmpty)
    let start = try Day(iso8601: "2024-01-01")
    let tight = try SyntheticBase(
      configuration: .init(
        clients: 300, unit: .day, acquisitionStart: start, acquisitionWindowDays: 10,
        asOf: start.adding(days: 9)))
    #expect(tight.log.days.allSatisfy { $0 >= start && $0 <= start.adding(days: 9) })
    #expect(tight.clients.allSatisfy { $0.age > 0 && $0.age <= 10 })
  }

  @Test func defaultsAreTheDocumentedOnes() throws {
    let configuration = try SyntheticBaseConfiguration()
    #expect(configuration.clients == 2_000)
    #expect(configuration.acquisitionStart == (try Day(iso8601: "1997-01-01")))
    #expect(configuration.asOf == (try Day(iso8601: "1997-09-30")))
    #expect(configuration.acquisitionEnd == (try Day(iso8601: "1997-03-25")))
    // 39 weeks from the start of 1 January to the end of 30 September.
    #expect(configuration.acquisitionStart.days(to: configuration.asOf) + 1 == 39 * 7)
    #expect(configuration.process == .bgnbd(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426))
    #expect(configuration.spend == (try GammaGammaSpend(p: 6.25, q: 3.74, v: 15.44)))
    #expect(configuration.unit == .week)
  }
}

/// Values pinned from this implementation (see ``SyntheticBaseTests/pinnedOutputs()``).
enum SyntheticBasePins {
  static let purchaseCount = 45
  static let firstRateBits: UInt64 = 4_603_138_396_889_442_571
  static let firstAmounts: [Double] = [32.66, 22.5, 73.65]
  static let firstAcquisitionDay = Day(daysSince1970: 9_862 + 50)  // 1997-02-20
}
