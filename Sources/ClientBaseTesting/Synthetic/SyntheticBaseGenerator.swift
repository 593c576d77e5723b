import ClientBaseCore

/// The engine behind ``SyntheticBase/init(configuration:)``: one pass over the clients, each
/// drawing from its own streams, appending to columns.
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

  private var clientIndices = ContiguousArray<Int32>()
  private var days = ContiguousArray<Day>()
  private var amounts = ContiguousArray<Double>()
  private var eventCount = 0
  private(set) var truth: [SyntheticClient] = []
  private(set) var profiles: [ClientProfile<Int>] = []
  private(set) var contacts: [Contact<Int>] = []
  private(set) var lifeEvents: [LifeEvent<Int>] = []

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
  }

  mutating func run() throws(InputError) {
    let clientCount = configuration.clients
    truth.reserveCapacity(clientCount)
    profiles.reserveCapacity(clientCount)
    // A first guess at the purchases; the arrays grow as needed.
    let expectedPurchases = min(clientCount * 4, configuration.maximumEvents)
    clientIndices.reserveCapacity(expectedPurchases)
    days.reserveCapacity(expectedPurchases)
    amounts.reserveCapacity(expectedPurchases)
    for id in 0..<clientCount {
      let stream = root.split(stream: UInt64(id))
      let client = try makePurchases(id, stream.split(stream: Self.purchaseStream))
      truth.append(client)
      let profile = makeProfile(id, stream.split(stream: Self.profileStream))
      profiles.append(profile)
      try makeContacts(
        client, owner: profile.manager ?? managers[0],
        stream.split(stream: Self.contactStream))
      try makeLifeEvents(client, stream.split(stream: Self.lifeEventStream))
    }
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

    func purchase(at time: Double, _ g: inout SeededGenerator) throws(InputError) {
      try count()
      var amount = SamplingKernels.standardGamma(shape: spend.p, &g) / nu
      if configuration.roundsAmountsToCents { amount = (amount * 100).rounded() / 100 }
      clientIndices.append(index)
      days.append(day(atOffset: acquisition + time * unitDays))
      amounts.append(min(amount, .greatestFiniteMagnitude))
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
    let manager = managers[g.nextInt(below: managers.count)]
    let regions = configuration.regions
    let region = regions.isEmpty ? nil : regions[g.nextInt(below: regions.count)]
    return ClientProfile(id: id, birthday: birthday, manager: manager, region: region)
  }

  /// Moments of a Poisson process with `perYear` events a year from the client's acquisition
  /// to the end of the as-of day, in days after the acquisition start.
  private func eventOffsets(
    perYear: Double, from client: SyntheticClient, _ g: inout SeededGenerator,
    _ body: (Double, inout SeededGenerator) throws(InputError) -> Void
  ) throws(InputError) {
    guard perYear > 0 else { return }
    let perDay = perYear / 365.25
    let end = Double(asOfOffset) + 1
    var time = client.acquisitionOffsetDays
    while true {
      time += SamplingKernels.standardExponential(&g) / perDay
      guard time < end else { return }
      try body(time, &g)
    }
  }

  private mutating func makeContacts(
    _ client: SyntheticClient, owner: ManagerID, _ stream: SeededGenerator
  ) throws(InputError) {
    var g = stream
    let channels = configuration.contactChannels
    let outcomes = configuration.contactOutcomes
    var made: [Contact<Int>] = []
    try eventOffsets(perYear: configuration.contactsPerYear, from: client, &g) {
      time, g throws(InputError) in
      made.append(
        Contact(
          client: client.id, day: day(atOffset: time), manager: owner,
          channel: channels[g.nextInt(below: channels.count)],
          outcome: outcomes[g.nextInt(below: outcomes.count)]))
    }
    try count(made.count)
    contacts.append(contentsOf: made)
  }

  private mutating func makeLifeEvents(_ client: SyntheticClient, _ stream: SeededGenerator)
    throws(InputError)
  {
    var g = stream
    let kinds = configuration.lifeEventKinds
    var made: [LifeEvent<Int>] = []
    try eventOffsets(perYear: configuration.lifeEventsPerYear, from: client, &g) {
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
