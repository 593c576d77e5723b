public import ClientBaseCore

/// Everything that determines a ``SyntheticBase``: how many clients, the purchase and spend
/// models, the calendar, the team of managers and their regions, contacts, prospects,
/// referrals, services, life events, and the seed.
///
/// The defaults reproduce the shape of the CDNOW sample that the buy-till-you-die papers fit
/// (Fader, Hardie & Lee 2005): clients acquired over the first 12 weeks of 1997, observed to
/// 30 September 1997 (the 39-week calibration period), buying as the published BG/NBD fit
/// says and spending as the published Gamma-Gamma fit says, in weeks.
///
/// ```swift
/// let configuration = try SyntheticBaseConfiguration(
///   clients: 500, process: .cdnowParetoNBD, seed: 7)
/// let base = try SyntheticBase(configuration: configuration)
/// ```
///
/// The settings are checked together, once, when a configuration is made (decoding goes
/// through the same checks), so a configuration that exists can always be generated.
public struct SyntheticBaseConfiguration: Hashable, Sendable, Codable {
  /// The number of clients, identified `0 ..< clients`. Default: 2,000.
  public let clients: Int
  /// The purchase and dropout model. Default: ``PurchaseProcess/cdnowBGNBD``.
  public let process: PurchaseProcess
  /// The spend model. Default: ``GammaGammaSpend/cdnow``.
  public let spend: GammaGammaSpend
  /// The unit of time of the process's rates and of the truth's x, t_x and T. Default: weeks,
  /// the unit of the published CDNOW fits.
  public let unit: TimeUnit
  /// The first day of the acquisition window. Default: 1997-01-01.
  public let acquisitionStart: Day
  /// The length of the acquisition window in days: each client's first purchase falls at a
  /// moment drawn uniformly from `[acquisitionStart, acquisitionStart + acquisitionWindowDays)`.
  /// Default: 84 (12 weeks).
  public let acquisitionWindowDays: Int
  /// The last day observed: purchases up to the end of this day are generated, nothing after.
  /// Default: 1997-09-30, 39 weeks after the default start.
  public let asOf: Day
  /// The seed; the same configuration gives the same base on every platform. Default: 2005.
  public let seed: UInt64
  /// Whether purchase amounts are rounded to whole cents (half away from zero). Default:
  /// `true`, like real money; `false` keeps the exact gamma values.
  public let roundsAmountsToCents: Bool
  /// The number of managers, `m-001`, `m-002`, …. Manager *k* (from 0) works in region
  /// `regions[k % regions.count]`; a client's owner is drawn uniformly from the managers of
  /// the client's region (from all of them when the region has none). Default: 20.
  public let managerCount: Int
  /// The regions a client's region is drawn from uniformly; empty leaves regions unset.
  /// Default: north, south, east, west and central.
  public let regions: [String]
  /// Each manager's capacity — the most clients they may hold — as a multiple of the average
  /// load: ⌈factor × clients / managers⌉. At least 1. Default: 1.25, room for the clients of
  /// one leaving manager in a team of five or more.
  public let managerCapacityFactor: Double
  /// The chance that a client who never bought again is also known to a second manager (who
  /// contacts them too); it rises with repeat purchases x as p + (1 − p) · x / (x + 10), so
  /// frequent buyers are usually known to two. A shared client has a third manager with
  /// probability 0.3. Others come from the owner's region when it has more managers. 0 keeps
  /// every contact with the owner. Default: 0.3.
  public let sharedClientProbability: Double
  /// Prospects — contacted, never bought — as a share of the clients: their number is
  /// ⌊share × clients⌉ and their identifiers follow the clients'. Default: 0.2.
  public let prospectShare: Double
  /// The chance that a client (or prospect) came recommended by an earlier client. The
  /// recommender is drawn among the clients acquired before, weighted by purchases × mean
  /// spend among those who bought again, so frequent, valuable clients recommend most.
  /// Default: 0.1.
  public let referredShare: Double
  /// The company's non-commodity services and their uptake. Default: ``SyntheticService/defaults``.
  public let services: [SyntheticService]
  /// The probability that a client's birthday is known. Default: 0.9. Known birthdays are
  /// uniform over the 1,461 days of a four-year cycle, so 29 February is as rare as in life.
  public let birthdayKnownProbability: Double
  /// The rate of contacts per client per year (365.25 days) from acquisition to ``asOf``, as a
  /// Poisson process; 0 generates none. Default: 4.
  public let contactsPerYear: Double
  /// The channels a contact's channel is drawn from uniformly; list a channel more than once
  /// to make it more likely. Default: call ×3, mail ×2, meeting, visit, message — the
  /// channels of the `clientbase` contacts file.
  public let contactChannels: [Channel]
  /// The outcomes a contact's outcome is drawn from uniformly; list an outcome more than once
  /// to make it more likely. Default: not reached ×3, reached ×3, interested ×2, declined,
  /// sale.
  public let contactOutcomes: [ContactOutcome]
  /// The rate of life events per client per year, as a Poisson process; 0 generates none.
  /// Default: 0.25.
  public let lifeEventsPerYear: Double
  /// The kinds a life event's kind is drawn from uniformly. Default: the six predefined
  /// kinds of `LifeEventKind`.
  public let lifeEventKinds: [LifeEventKind]
  /// The most purchases, contacts, referrals, service uses and life events a base may hold
  /// together; generation stops
  /// with an error beyond it rather than exhausting memory on a mistyped rate. Default:
  /// 50,000,000.
  public let maximumEvents: Int

  /// 1997-01-01, the default start of acquisition.
  public static let cdnowAcquisitionStart = Day(daysSince1970: 9_862)
  /// 1997-09-30, the end of CDNOW's 39-week calibration period.
  public static let cdnowCalibrationEnd = Day(daysSince1970: 10_134)

  /// Creates a configuration; every parameter has the documented default.
  ///
  /// - Parameters:
  ///   - clients: The number of clients.
  ///   - process: The purchase and dropout model.
  ///   - spend: The spend model.
  ///   - unit: The unit of time of the rates and of the truth.
  ///   - acquisitionStart: The first day of the acquisition window.
  ///   - acquisitionWindowDays: The window's length in days.
  ///   - asOf: The last day observed.
  ///   - seed: The seed.
  ///   - roundsAmountsToCents: Whether amounts are rounded to cents.
  ///   - managerCount: The number of managers.
  ///   - regions: The regions.
  ///   - managerCapacityFactor: Capacity as a multiple of the average load.
  ///   - sharedClientProbability: The chance a client is known to a second manager.
  ///   - prospectShare: Prospects as a share of the clients.
  ///   - referredShare: The chance a client or prospect came recommended.
  ///   - services: The services and their uptake.
  ///   - birthdayKnownProbability: The probability that a birthday is known.
  ///   - contactsPerYear: Contacts per client per year.
  ///   - contactChannels: The channels of contacts.
  ///   - contactOutcomes: The outcomes of contacts.
  ///   - lifeEventsPerYear: Life events per client per year.
  ///   - lifeEventKinds: The kinds of life events.
  ///   - maximumEvents: The most events a base may hold.
  /// - Throws: `InputError.invalidParameter(_:reason:)` naming the first setting out of its
  ///   range (see the properties' documentation), checked once, here.
  public init(
    clients: Int = 2_000,
    process: PurchaseProcess = .cdnowBGNBD,
    spend: GammaGammaSpend = .cdnow,
    unit: TimeUnit = .week,
    acquisitionStart: Day = SyntheticBaseConfiguration.cdnowAcquisitionStart,
    acquisitionWindowDays: Int = 84,
    asOf: Day = SyntheticBaseConfiguration.cdnowCalibrationEnd,
    seed: UInt64 = 2005,
    roundsAmountsToCents: Bool = true,
    managerCount: Int = 20,
    regions: [String] = ["north", "south", "east", "west", "central"],
    managerCapacityFactor: Double = 1.25,
    sharedClientProbability: Double = 0.3,
    prospectShare: Double = 0.2,
    referredShare: Double = 0.1,
    services: [SyntheticService] = SyntheticService.defaults,
    birthdayKnownProbability: Double = 0.9,
    contactsPerYear: Double = 4,
    contactChannels: [Channel] = [.call, .call, .call, .mail, .mail, .meeting, .visit, .message],
    contactOutcomes: [ContactOutcome] = [
      .notReached, .notReached, .notReached, .reached, .reached, .reached, .interested,
      .interested, .declined, .sale,
    ],
    lifeEventsPerYear: Double = 0.25,
    lifeEventKinds: [LifeEventKind] = [
      .incomeIncrease, .incomeDecrease, .marriage, .child, .vehicle, .relocation,
    ],
    maximumEvents: Int = 50_000_000
  ) throws(InputError) {
    self.clients = clients
    self.process = process
    self.spend = spend
    self.unit = unit
    self.acquisitionStart = acquisitionStart
    self.acquisitionWindowDays = acquisitionWindowDays
    self.asOf = asOf
    self.seed = seed
    self.roundsAmountsToCents = roundsAmountsToCents
    self.managerCount = managerCount
    self.regions = regions
    self.managerCapacityFactor = managerCapacityFactor
    self.sharedClientProbability = sharedClientProbability
    self.prospectShare = prospectShare
    self.referredShare = referredShare
    self.services = services
    self.birthdayKnownProbability = birthdayKnownProbability
    self.contactsPerYear = contactsPerYear
    self.contactChannels = contactChannels
    self.contactOutcomes = contactOutcomes
    self.lifeEventsPerYear = lifeEventsPerYear
    self.lifeEventKinds = lifeEventKinds
    self.maximumEvents = maximumEvents
    try check()
  }

  /// Decodes a configuration and checks it as the initialiser does.
  ///
  /// The settings of the team, prospects, referrals and services may be absent (a
  /// configuration saved before they existed); they take their defaults then.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the `InputError` text when
  ///   the settings fail the checks.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    do {
      try self.init(
        clients: try c.decode(Int.self, forKey: .clients),
        process: try c.decode(PurchaseProcess.self, forKey: .process),
        spend: try c.decode(GammaGammaSpend.self, forKey: .spend),
        unit: try c.decode(TimeUnit.self, forKey: .unit),
        acquisitionStart: try c.decode(Day.self, forKey: .acquisitionStart),
        acquisitionWindowDays: try c.decode(Int.self, forKey: .acquisitionWindowDays),
        asOf: try c.decode(Day.self, forKey: .asOf),
        seed: try c.decode(UInt64.self, forKey: .seed),
        roundsAmountsToCents: try c.decode(Bool.self, forKey: .roundsAmountsToCents),
        managerCount: try c.decode(Int.self, forKey: .managerCount),
        regions: try c.decode([String].self, forKey: .regions),
        managerCapacityFactor: try c.decodeIfPresent(Double.self, forKey: .managerCapacityFactor)
          ?? 1.25,
        sharedClientProbability: try c.decodeIfPresent(
          Double.self, forKey: .sharedClientProbability) ?? 0.3,
        prospectShare: try c.decodeIfPresent(Double.self, forKey: .prospectShare) ?? 0.2,
        referredShare: try c.decodeIfPresent(Double.self, forKey: .referredShare) ?? 0.1,
        services: try c.decodeIfPresent([SyntheticService].self, forKey: .services)
          ?? SyntheticService.defaults,
        birthdayKnownProbability: try c.decode(Double.self, forKey: .birthdayKnownProbability),
        contactsPerYear: try c.decode(Double.self, forKey: .contactsPerYear),
        contactChannels: try c.decode([Channel].self, forKey: .contactChannels),
        contactOutcomes: try c.decode([ContactOutcome].self, forKey: .contactOutcomes),
        lifeEventsPerYear: try c.decode(Double.self, forKey: .lifeEventsPerYear),
        lifeEventKinds: try c.decode([LifeEventKind].self, forKey: .lifeEventKinds),
        maximumEvents: try c.decode(Int.self, forKey: .maximumEvents))
    } catch let error as InputError {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: error.description))
    }
  }

  /// The last day of the acquisition window.
  public var acquisitionEnd: Day {
    acquisitionStart.adding(days: acquisitionWindowDays - 1)
  }

  /// The number of prospects: ``prospectShare`` × ``clients``, rounded.
  public var prospectCount: Int {
    Int((prospectShare * Double(clients)).rounded())
  }

  /// Each manager's capacity: ⌈``managerCapacityFactor`` × clients / managers⌉, at least 1.
  public var managerCapacity: Int {
    let load = managerCapacityFactor * Double(clients) / Double(max(managerCount, 1))
    return max(1, Int(min(load.rounded(.up), Double(Int32.max))))
  }

  /// Checks the configuration as a whole.
  ///
  /// - Throws: `InputError.invalidParameter(_:reason:)` naming the first problem: a
  ///   negative client count, a model parameter that is not positive and finite, an
  ///   acquisition window that is empty or ends after ``asOf``, no managers, a capacity factor
  ///   that is not positive and finite, a probability or share outside [0, 1], a service
  ///   named twice, a negative or non-finite rate, a positive rate with nothing to draw from
  ///   (no channels, outcomes or kinds), or a non-positive ``maximumEvents``.
  private func check() throws(InputError) {
    guard clients >= 0, clients <= Int(Int32.max) else {
      throw .invalidParameter("clients", reason: "must be between 0 and 2^31 − 1, got \(clients)")
    }
    try process.check()
    guard acquisitionWindowDays >= 1 else {
      throw .invalidParameter(
        "acquisitionWindowDays", reason: "must be at least 1, got \(acquisitionWindowDays)")
    }
    guard acquisitionStart.days(to: asOf) >= acquisitionWindowDays - 1 else {
      throw .invalidParameter(
        "acquisitionWindowDays",
        reason:
          "the window from \(acquisitionStart) for \(acquisitionWindowDays) days ends after "
          + "the as-of day \(asOf)")
    }
    guard managerCount >= 1 else {
      throw .invalidParameter("managerCount", reason: "must be at least 1, got \(managerCount)")
    }
    guard managerCapacityFactor > 0, managerCapacityFactor.isFinite else {
      throw .invalidParameter(
        "managerCapacityFactor",
        reason: "must be positive and finite, got \(managerCapacityFactor)")
    }
    for (name, probability) in [
      ("birthdayKnownProbability", birthdayKnownProbability),
      ("sharedClientProbability", sharedClientProbability), ("prospectShare", prospectShare),
      ("referredShare", referredShare),
    ] where !(probability >= 0 && probability <= 1) {
      throw .invalidParameter(name, reason: "must be between 0 and 1, got \(probability)")
    }
    guard Double(clients) + Double(prospectCount) <= Double(Int32.max) else {
      throw .invalidParameter(
        "prospectShare", reason: "clients and prospects together must stay below 2^31")
    }
    guard Set(services.map(\.service)).count == services.count else {
      throw .invalidParameter("services", reason: "a service is listed more than once")
    }
    try requireNonNegative(contactsPerYear, "contactsPerYear")
    try requireNonNegative(lifeEventsPerYear, "lifeEventsPerYear")
    if contactsPerYear > 0 {
      guard !contactChannels.isEmpty else {
        throw .invalidParameter("contactChannels", reason: "contacts need at least one channel")
      }
      guard !contactOutcomes.isEmpty else {
        throw .invalidParameter("contactOutcomes", reason: "contacts need at least one outcome")
      }
    }
    if lifeEventsPerYear > 0, lifeEventKinds.isEmpty {
      throw .invalidParameter("lifeEventKinds", reason: "life events need at least one kind")
    }
    guard maximumEvents >= 1 else {
      throw .invalidParameter("maximumEvents", reason: "must be at least 1, got \(maximumEvents)")
    }
  }
}
