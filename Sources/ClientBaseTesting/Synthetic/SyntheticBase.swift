public import ClientBaseCore

/// A seeded synthetic client base that follows a buy-till-you-die model's own story, with the
/// truth behind every client kept alongside.
///
/// For tests that need realistic data and the right answer: fit a model to ``log`` and compare
/// the estimates with the parameters in ``configuration``; score clients and compare with each
/// client's ``SyntheticClient/purchaseRate`` or ``SyntheticClient/isAlive``.
///
/// ```swift
/// let base = try SyntheticBase(configuration: .init(clients: 2_000, seed: 42))
/// let table = try Summarizer().summarize(base.log, through: base.configuration.asOf)
/// let truth = base.clients[17]     // λ, p, alive?, exact x, t_x, T, mean spend
/// ```
///
/// How each client is made, in the configuration's unit of time:
///
/// 1. λ ~ Gamma(r, α); p ~ Beta(a, b) or μ ~ Gamma(s, β); ν ~ Gamma(q, v).
/// 2. The acquisition moment, uniform over the acquisition window, is the first purchase.
/// 3. Repeat purchases follow a Poisson process with rate λ until the client drops out as
///    the ``PurchaseProcess`` says, or until the end of the as-of day.
/// 4. A purchase at time t after the acquisition moment falls on the day
///    `⌊acquisition moment + t · unit length in days⌋`, never after the as-of day.
/// 5. Each purchase's amount is z ~ Gamma(p, ν), rounded to cents when the configuration
///    says so.
/// 6. A profile (birthday, region, an owning manager of that region, and `since`, the
///    acquisition day), contacts — by the owner and, for some clients, by one or two other
///    managers — and life events, at the configured rates.
///
/// Then the host data a client base has beyond purchases (see ``SyntheticBaseConfiguration``
/// for every rate and share):
///
/// - **The team** (``managers``): `m-001`, `m-002`, … with a region each and a capacity.
/// - **Prospects** (``prospects``): identifiers after the clients', each with a profile (no
///   `since`) and contacts from a first contact somewhere in the base's history, never a sale
///   and never a purchase.
/// - **Referrals** (``referrals``): a share of the clients and prospects came recommended by a
///   client acquired before them, the frequent and valuable most often; no self-referral,
///   no pair twice.
/// - **Services** (``services``): each of the configured non-commodity services, taken up
///   more by clients who spent more.
///
/// Each client draws from its own stream, `SeededGenerator(seed:).split(stream: id)`, and from
/// separate sub-streams for purchases, profile, contacts, life events, services and
/// referrals; prospects from a family of streams of their own. So the same configuration
/// always gives the same base, bit for bit and on every platform; a base of more clients
/// begins with the same clients as a smaller one (the same purchases, profiles and life
/// events); and changing the contact rate leaves the purchases as they were.
///
/// A base of a million clients with 6.4M contacts takes 4–5 s in a release build, the purchases
/// alone 1.6 s; the passes over the whole base (referrals and services) sort the clients once
/// each.
public struct SyntheticBase: Sendable {
  /// The configuration the base was made from.
  public let configuration: SyntheticBaseConfiguration
  /// All purchases: client by client in order of identifier, each client's in time order.
  public let log: PurchaseLog<Int>
  /// The truth about each client; `clients[id]` is client `id`.
  public let clients: [SyntheticClient]
  /// Each client's and prospect's profile; `profiles[id]` is `id`'s, clients first.
  public let profiles: [ClientProfile<Int>]
  /// Contacts, client by client and then prospect by prospect, each one's in day order.
  public let contacts: [Contact<Int>]
  /// Life events, client by client, each client's in day order.
  public let lifeEvents: [LifeEvent<Int>]
  /// The team: every manager, with a region and a capacity, in order of identifier.
  public let managers: [SyntheticManager]
  /// The identifiers of the prospects: contacted, never bought. They follow the clients'.
  public let prospects: Range<Int>
  /// Recommendations, by recommender, then day, then the client recommended.
  public let referrals: [Referral<Int>]
  /// The non-commodity services each client uses, client by client, in the configuration's
  /// order of services.
  public let services: [ServiceUse<Int>]

  /// Generates a base.
  ///
  /// - Parameter configuration: What to generate.
  /// - Throws: `InputError.invalidParameter(_:reason:)` naming `maximumEvents` when the base
  ///   would hold more events than allowed (the configuration's own settings were checked when
  ///   it was made).
  /// - Complexity: O(clients + events): in a release build, about a microsecond per client
  ///   plus a few million purchases a second.
  public init(configuration: SyntheticBaseConfiguration) throws(InputError) {
    var generator = SyntheticBaseGenerator(configuration)
    try generator.run()
    self.configuration = configuration
    self.clients = generator.truth
    self.profiles = generator.profiles
    self.contacts = generator.contacts
    self.lifeEvents = generator.lifeEvents
    self.managers = generator.team
    self.prospects = configuration.clients..<(configuration.clients + configuration.prospectCount)
    self.referrals = generator.referrals
    self.services = generator.services
    self.log = generator.makeLog()
  }

  /// The purchases as values, in the order of ``log``, each credited to the client's owning
  /// manager.
  ///
  /// - Complexity: O(*n*) in the number of purchases.
  public var purchases: [Purchase<Int>] {
    var result: [Purchase<Int>] = []
    result.reserveCapacity(log.count)
    for index in 0..<log.count {
      let client = Int(log.clientIndices[index])
      result.append(
        Purchase(
          client: log.clientIDs[client], day: log.days[index], amount: log.amounts[index],
          manager: profiles[client].manager))
    }
    return result
  }

  /// An in-memory purchase source serving ``purchases``.
  ///
  /// - Complexity: O(*n* log *n*) to index the purchases by day.
  public var purchaseSource: InMemoryPurchaseSource<Int> {
    InMemoryPurchaseSource(purchases)
  }

  /// An in-memory directory serving ``profiles``, prospects' included.
  ///
  /// - Complexity: O(clients).
  public var clientDirectory: InMemoryClientDirectory<Int> {
    InMemoryClientDirectory(profiles)
  }
}
