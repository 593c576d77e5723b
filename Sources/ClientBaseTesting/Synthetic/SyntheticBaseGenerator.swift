import ClientBaseCore

/// The engine behind ``SyntheticBase/init(configuration:)``: one pass over the clients, each
/// drawing from its own streams, appending to columns; then one over the prospects; then the
/// passes that need the whole base — referrals (recommenders acquired earlier) and services
/// (uptake by place in the base's spend).
struct SyntheticBaseGenerator {
  private enum Dropout {
    case afterRepeatPurchases(a: Double, b: Double)
    case afterEveryPurchase(a: Double, b: Double)
    case exponentialLifetime(s: Double, beta: Double)
  }

  // Stream numbers under each client's own stream.
  private static let purchaseStream: UInt64 = 0
  private static let profileStream: UInt64 = 1
  private static let contactStream: UInt64 = 2
  private static let lifeEventStream: UInt64 = 3
  private static let serviceStream: UInt64 = 4
  private static let referralStream: UInt64 = 5
  /// The stream whose sub-streams are the prospects', far from any client's number.
  private static let prospectFamily: UInt64 = 0x5052_4F53_5045_4354

  /// The first day of a four-year cycle of birthdays, 2000-01-01.
  private static let birthdayCycleStart: Int32 = 10_957

  private let configuration: SyntheticBaseConfiguration
  private let root: SeededGenerator
  private let r: Double
  private let alpha: Double
  private let dropout: Dropout
  private let unitDays: Double
  private let windowDays: Double
  private let asOfOffset: Int
  private let managers: [ManagerID]
  /// The managers of each region, by position in the configuration's regions.
  private let managersByRegion: [[Int]]

  private var clientIndices = ContiguousArray<Int32>()
  private var days = ContiguousArray<Day>()
  private var amounts = ContiguousArray<Double>()
  private var eventCount = 0
  private(set) var truth: [SyntheticClient] = []
  private(set) var profiles: [ClientProfile<Int>] = []
  private(set) var contacts: [Contact<Int>] = []
  private(set) var lifeEvents: [LifeEvent<Int>] = []
  private(set) var team: [SyntheticManager] = []
  private(set) var referrals: [Referral<Int>] = []
  private(set) var services: [ServiceUse<Int>] = []
  /// Each client's spend over its generated purchases, for the services' uptake.
  private var spend: [Double] = []
  /// Each prospect's first contact, in days after the acquisition start.
  private var prospectStarts: [Double] = []
  /// The contacts of the client being made, before they become `Contact`s: a buffer reused
  /// from client to client.
  private var scratch: [PendingContact] = []
  /// The outcomes of a prospect's contacts: the configured ones but a sale (a prospect never
  /// bought), or not reached when only sales are configured.
  private let prospectOutcomes: [ContactOutcome]

  init(_ configuration: SyntheticBaseConfiguration) {
    self.configuration = configuration
    root = SeededGenerator(seed: configuration.seed)
    switch configuration.process {
    case .bgnbd(let r, let alpha, let a, let b):
      (self.r, self.alpha, dropout) = (r, alpha, .afterRepeatPurchases(a: a, b: b))
    case .mbgnbd(let r, let alpha, let a, let b):
      (self.r, self.alpha, dropout) = (r, alpha, .afterEveryPurchase(a: a, b: b))
    case .paretonbd(let r, let alpha, let s, let beta):
      (self.r, self.alpha, dropout) = (r, alpha, .exponentialLifetime(s: s, beta: beta))
    }
    unitDays = configuration.unit.lengthInDays
    windowDays = Double(configuration.acquisitionWindowDays)
    asOfOffset = configuration.acquisitionStart.days(to: configuration.asOf)
    let width = max(3, String(configuration.managerCount).count)
    managers = (1...max(1, configuration.managerCount)).map { number in
      let digits = String(number)
      return ManagerID("m-" + String(repeating: "0", count: width - digits.count) + digits)
    }
    let nonSales = configuration.contactOutcomes.filter { $0 != .sale }
    prospectOutcomes = nonSales.isEmpty ? [.notReached] : nonSales
    let regions = configuration.regions
    var byRegion = [[Int]](repeating: [], count: regions.count)
    if !regions.isEmpty {
      for manager in managers.indices { byRegion[manager % regions.count].append(manager) }
    }
    managersByRegion = byRegion
    let capacity = configuration.managerCapacity
    team = managers.indices.map { manager in
      SyntheticManager(
        id: managers[manager],
        region: regions.isEmpty ? nil : regions[manager % regions.count], capacity: capacity)
    }
  }

  mutating func run() throws(InputError) {
    let clientCount = configuration.clients
    let prospectCount = configuration.prospectCount
    truth.reserveCapacity(clientCount)
    profiles.reserveCapacity(clientCount + prospectCount)
    spend.reserveCapacity(clientCount)
    // A first guess at the purchases; the arrays grow as needed.
    let expectedPurchases = min(clientCount * 4, configuration.maximumEvents)
    clientIndices.reserveCapacity(expectedPurchases)
    days.reserveCapacity(expectedPurchases)
    amounts.reserveCapacity(expectedPurchases)
    for id in 0..<clientCount {
      let stream = root.split(stream: UInt64(id))
      let client = try makePurchases(id, stream.split(stream: Self.purchaseStream))
      truth.append(client)
      var profile = makeProfile(id, stream.split(stream: Self.profileStream))
      profile.since = client.acquisitionDay
      profiles.append(profile)
      try makeContacts(
        client.id, from: client.acquisitionOffsetDays, repeatPurchases: client.frequency,
        owner: profile.manager ?? managers[0], region: profile.region,
        stream.split(stream: Self.contactStream))
      try makeLifeEvents(client, stream.split(stream: Self.lifeEventStream))
    }
    let prospects = root.split(stream: Self.prospectFamily)
    prospectStarts.reserveCapacity(prospectCount)
    for number in 0..<prospectCount {
      try makeProspect(clientCount + number, prospects.split(stream: UInt64(number)))
    }
    try makeReferrals()
    try makeServices()
  }

  func makeLog() -> PurchaseLog<Int> {
    do {
      return try PurchaseLog(
        clientIDs: Array(0..<configuration.clients), clientIndices: clientIndices, days: days,
        amounts: amounts)
    } catch {
      // Identifiers are 0..<clients and every index was taken from that range.
      preconditionFailure("SyntheticBase built inconsistent purchase columns: \(error)")
    }
  }

  private mutating func count(_ events: Int = 1) throws(InputError) {
    eventCount += events
    guard eventCount <= configuration.maximumEvents else {
      throw .invalidParameter(
        "maximumEvents",
        reason:
          "the configuration generates more than \(configuration.maximumEvents) purchases, "
          + "contacts and life events")
    }
  }

  /// The day `offset` days (with a fraction) after the acquisition start, never after as-of.
  private func day(atOffset offset: Double) -> Day {
    configuration.acquisitionStart.adding(days: min(Int(offset), asOfOffset))
  }

  private mutating func makePurchases(_ id: Int, _ stream: SeededGenerator) throws(InputError)
    -> SyntheticClient
  {
    var g = stream
    let spend = configuration.spend
    let lambda = SamplingKernels.standardGamma(shape: r, &g) / alpha
    var dropoutProbability: Double?
    var dropoutRate: Double?
    switch dropout {
    case .afterRepeatPurchases(let a, let b), .afterEveryPurchase(let a, let b):
      dropoutProbability = SamplingKernels.beta(a: a, b: b, &g)
    case .exponentialLifetime(let s, let beta):
      dropoutRate = SamplingKernels.standardGamma(shape: s, &g) / beta
    }
    let nu = SamplingKernels.standardGamma(shape: spend.q, &g) / spend.v
    let acquisition = min(SamplingKernels.unit(&g) * windowDays, windowDays.nextDown)
    let age = (Double(asOfOffset) + 1 - acquisition) / unitDays
    let index = Int32(truncatingIfNeeded: id)

    var total = 0.0
    func purchase(at time: Double, _ g: inout SeededGenerator) throws(InputError) {
      try count()
      var amount = SamplingKernels.standardGamma(shape: spend.p, &g) / nu
      if configuration.roundsAmountsToCents { amount = (amount * 100).rounded() / 100 }
      clientIndices.append(index)
      days.append(day(atOffset: acquisition + time * unitDays))
      amounts.append(min(amount, .greatestFiniteMagnitude))
      total = min(total + amount, .greatestFiniteMagnitude)
    }

    try purchase(at: 0, &g)
    var frequency = 0
    var recency = 0.0
    var dropoutTime: Double?
    switch dropout {
    case .afterRepeatPurchases, .afterEveryPurchase:
      let p = dropoutProbability ?? 0
      if case .afterEveryPurchase = dropout, SamplingKernels.unit(&g) < p {
        dropoutTime = 0
        break
      }
      var time = 0.0
      while true {
        time += SamplingKernels.standardExponential(&g) / lambda
        guard time < age else { break }
        frequency += 1
        recency = time
        try purchase(at: time, &g)
        if SamplingKernels.unit(&g) < p {
          dropoutTime = time
          break
        }
      }
    case .exponentialLifetime:
      let lifetime = SamplingKernels.standardExponential(&g) / (dropoutRate ?? 0)
      let end = min(lifetime, age)
      var time = 0.0
      while true {
        time += SamplingKernels.standardExponential(&g) / lambda
        guard time < end else { break }
        frequency += 1
        recency = time
        try purchase(at: time, &g)
      }
      if lifetime < age { dropoutTime = lifetime }
    }
    self.spend.append(total)
    return SyntheticClient(
      id: id, acquisitionDay: day(atOffset: acquisition), acquisitionOffsetDays: acquisition,
      purchaseRate: lambda, dropoutProbability: dropoutProbability, dropoutRate: dropoutRate,
      dropoutTime: dropoutTime, frequency: frequency, recency: recency, age: age,
      spendRate: nu, meanSpend: min(spend.p / nu, .greatestFiniteMagnitude))
  }

  private func makeProfile(_ id: Int, _ stream: SeededGenerator) -> ClientProfile<Int> {
    var g = stream
    var birthday: MonthDay?
    if SamplingKernels.unit(&g) < configuration.birthdayKnownProbability {
      let offset = Int32(g.nextInt(below: 1_461))
      birthday = Day(daysSince1970: Self.birthdayCycleStart + offset).monthDay
    }
    let regions = configuration.regions
    let region = regions.isEmpty ? nil : g.nextInt(below: regions.count)
    // The owner works in the client's region, when the region has managers.
    let local = region.map { managersByRegion[$0] } ?? []
    let manager =
      local.isEmpty
      ? managers[g.nextInt(below: managers.count)] : managers[local[g.nextInt(below: local.count)]]
    return ClientProfile(
      id: id, birthday: birthday, manager: manager, region: region.map { regions[$0] })
  }

  /// Moments of a Poisson process with `perYear` events a year from `start` (days after the
  /// acquisition start: a client's acquisition moment) to the end of the as-of day.
  private func eventOffsets(
    perYear: Double, from start: Double, _ g: inout SeededGenerator,
    _ body: (Double, inout SeededGenerator) throws(InputError) -> Void
  ) throws(InputError) {
    guard perYear > 0 else { return }
    let perDay = perYear / 365.25
    let end = Double(asOfOffset) + 1
    var time = start
    while true {
      time += SamplingKernels.standardExponential(&g) / perDay
      guard time < end else { return }
      try body(time, &g)
    }
  }

  /// The managers who know a client besides its owner: one with probability
  /// p + (1 − p) · x / (x + 10) for x repeat purchases, a second one after that with
  /// probability 0.3, from the owner's region when it has other managers.
  private func otherManagers(
    owner: ManagerID, region: String?, repeatPurchases x: Int, _ g: inout SeededGenerator
  ) -> [ManagerID] {
    let p = configuration.sharedClientProbability
    guard p > 0, managers.count > 1 else { return [] }
    let chance = p + (1 - p) * Double(x) / (Double(x) + 10)
    guard SamplingKernels.unit(&g) < chance else { return [] }
    let wanted = SamplingKernels.unit(&g) < 0.3 ? 2 : 1
    let regionIndex = region.flatMap { configuration.regions.firstIndex(of: $0) }
    let local = (regionIndex.map { managersByRegion[$0] } ?? []).map { managers[$0] }
      .filter { $0 != owner }
    let pool = local.count >= wanted ? local : managers.filter { $0 != owner }
    var chosen: [ManagerID] = []
    var remaining = pool
    while chosen.count < wanted, !remaining.isEmpty {
      chosen.append(remaining.remove(at: g.nextInt(below: remaining.count)))
    }
    return chosen
  }

  /// A client's (or prospect's) contacts from `start` to the end of the as-of day: a Poisson
  /// process at the configured rate, each contact by the owner (70% when others know the
  /// client) or one of the others, and at least one by each other manager; in day order.
  private mutating func makeContacts(
    _ id: Int, from start: Double, repeatPurchases: Int, owner: ManagerID, region: String?,
    isProspect: Bool = false, firstContact: Bool = false, _ stream: SeededGenerator
  ) throws(InputError) {
    guard configuration.contactsPerYear > 0 else { return }
    var g = stream
    let channels = configuration.contactChannels
    let outcomes = isProspect ? prospectOutcomes : configuration.contactOutcomes
    let others =
      isProspect
      ? [] : otherManagers(owner: owner, region: region, repeatPurchases: repeatPurchases, &g)
    // Each contact's moment, manager (−1 for the owner, else a position in `others`),
    // channel and outcome, drawn as it is made; the buffer is reused from client to client.
    var made = scratch
    scratch = []
    made.removeAll(keepingCapacity: true)
    var heard = [Bool](repeating: false, count: others.count)
    func contact(at time: Double, by manager: Int, _ g: inout SeededGenerator) {
      let channel = g.nextInt(below: channels.count)
      let outcome = g.nextInt(below: outcomes.count)
      made.append(
        PendingContact(
          time: time, manager: Int32(manager), channel: Int32(channel), outcome: Int32(outcome)))
    }
    if firstContact { contact(at: start, by: -1, &g) }
    try eventOffsets(perYear: configuration.contactsPerYear, from: start, &g) {
      time, g throws(InputError) in
      var manager = -1
      if !others.isEmpty, SamplingKernels.unit(&g) >= 0.7 {
        manager = g.nextInt(below: others.count)
        heard[manager] = true
      }
      contact(at: time, by: manager, &g)
    }
    let span = Double(asOfOffset) + 1 - start
    var isSorted = true
    for other in others.indices where !heard[other] {
      let time = min(start + SamplingKernels.unit(&g) * span, (start + span).nextDown)
      contact(at: time, by: other, &g)
      isSorted = false
    }
    if !isSorted { made.sort { ($0.time, $0.manager) < ($1.time, $1.manager) } }
    try count(made.count)
    for pending in made {
      contacts.append(
        Contact(
          client: id, day: day(atOffset: pending.time),
          manager: pending.manager < 0 ? owner : others[Int(pending.manager)],
          channel: channels[Int(pending.channel)], outcome: outcomes[Int(pending.outcome)]))
    }
    scratch = made
  }

  /// A prospect: a profile (no `since`: never a client) and contacts from a first contact,
  /// at a moment uniform over the base's history, to the as-of day.
  private mutating func makeProspect(_ id: Int, _ stream: SeededGenerator) throws(InputError) {
    let profile = makeProfile(id, stream.split(stream: Self.profileStream))
    profiles.append(profile)
    var g = stream.split(stream: Self.purchaseStream)
    let history = Double(asOfOffset) + 1
    let start = min(SamplingKernels.unit(&g) * history, history.nextDown)
    prospectStarts.append(start)
    try makeContacts(
      id, from: start, repeatPurchases: 0, owner: profile.manager ?? managers[0],
      region: profile.region, isProspect: true, firstContact: true,
      stream.split(stream: Self.contactStream))
  }

  /// Referrals: each client and prospect came recommended with the configured chance, by a
  /// client acquired before it, drawn with weight (x + 1) × mean spend among the clients who
  /// bought again; the day falls up to 30 days before the acquisition (or first contact), not
  /// before the recommender's own acquisition. Sorted by recommender, day and referred.
  private mutating func makeReferrals() throws(InputError) {
    let share = configuration.referredShare
    guard share > 0, !truth.isEmpty else { return }
    // Clients in order of acquisition, with the running total of their weights.
    var keyed = truth.map { ($0.acquisitionOffsetDays, $0.id) }
    keyed.sort { $0 < $1 }
    let order = keyed.map(\.1)
    let starts = keyed.map(\.0)
    var totals = [0.0]
    totals.reserveCapacity(order.count + 1)
    // Each weight is capped so that the running total stays finite whatever the spend model.
    let cap = Double.greatestFiniteMagnitude / Double(order.count + 1)
    for client in order {
      let c = truth[client]
      let weight = c.frequency > 0 ? Double(c.frequency + 1) * c.meanSpend : 0
      totals.append(totals[totals.count - 1] + min(weight, cap))
    }
    var made: [Referral<Int>] = []
    func refer(_ id: Int, at moment: Double, _ g: inout SeededGenerator) {
      guard SamplingKernels.unit(&g) < share else { return }
      // The clients acquired strictly before the moment.
      let eligible = partitionPoint(starts) { $0 >= moment }
      let total = totals[eligible]
      guard total > 0 else { return }
      let target = SamplingKernels.unit(&g) * total
      let position = min(partitionPoint(totals) { $0 > target } - 1, eligible - 1)
      let recommender = order[max(position, 0)]
      let earliest = truth[recommender].acquisitionOffsetDays
      let when = max(earliest, moment - SamplingKernels.unit(&g) * 30)
      made.append(Referral(client: recommender, referred: id, day: day(atOffset: when)))
    }
    for client in truth {
      var g = root.split(stream: UInt64(client.id)).split(stream: Self.referralStream)
      refer(client.id, at: client.acquisitionOffsetDays, &g)
    }
    let prospects = root.split(stream: Self.prospectFamily)
    for (number, start) in prospectStarts.enumerated() {
      var g = prospects.split(stream: UInt64(number)).split(stream: Self.referralStream)
      refer(truth.count + number, at: start, &g)
    }
    made.sort { ($0.client, $0.day, $0.referred) < ($1.client, $1.day, $1.referred) }
    try count(made.count)
    referrals = made
  }

  /// Services: client *i* uses service *s* with probability min(1, uptake × (0.25 + 1.5 q)),
  /// *q* its place in the base by spend, from 0 (least) to 1 (most); client by client, in the
  /// configuration's order of services.
  private mutating func makeServices() throws(InputError) {
    let catalogue = configuration.services
    let n = truth.count
    guard !catalogue.isEmpty, n > 0 else { return }
    var keyed = spend.enumerated().map { ($1, $0) }
    keyed.sort { $0 < $1 }
    let order = keyed.map(\.1)
    var place = [Double](repeating: 0, count: n)
    for (rank, client) in order.enumerated() {
      place[client] = n > 1 ? Double(rank) / Double(n - 1) : 0.5
    }
    var made: [ServiceUse<Int>] = []
    for client in 0..<n {
      var g = root.split(stream: UInt64(client)).split(stream: Self.serviceStream)
      let multiplier = 0.25 + 1.5 * place[client]
      for offered in catalogue
      where SamplingKernels.unit(&g) < min(1, offered.uptake * multiplier) {
        made.append(ServiceUse(client: client, service: offered.service))
      }
    }
    try count(made.count)
    services = made
  }

  private mutating func makeLifeEvents(_ client: SyntheticClient, _ stream: SeededGenerator)
    throws(InputError)
  {
    var g = stream
    let kinds = configuration.lifeEventKinds
    var made: [LifeEvent<Int>] = []
    try eventOffsets(
      perYear: configuration.lifeEventsPerYear, from: client.acquisitionOffsetDays, &g
    ) {
      time, g throws(InputError) in
      made.append(
        LifeEvent(
          client: client.id, day: day(atOffset: time),
          kind: kinds[g.nextInt(below: kinds.count)]))
    }
    try count(made.count)
    lifeEvents.append(contentsOf: made)
  }
}

/// The first position in `values` (ordered so that `isAbove` is false then true) where
/// `isAbove` holds, or `values.count`.
private func partitionPoint(_ values: [Double], _ isAbove: (Double) -> Bool) -> Int {
  var low = 0
  var high = values.count
  while low < high {
    let middle = low + (high - low) / 2
    if isAbove(values[middle]) { high = middle } else { low = middle + 1 }
  }
  return low
}

/// A contact being made: its moment, its manager (−1 for the owner, else a position among
/// the client's other managers), and positions in the configured channels and outcomes.
private struct PendingContact {
  var time: Double
  var manager: Int32
  var channel: Int32
  var outcome: Int32
}
