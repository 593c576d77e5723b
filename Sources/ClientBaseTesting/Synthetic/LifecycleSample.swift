public import ClientBaseCore
public import Retention

/// A seeded sample of purchase histories with every shape the lifecycle meets — one-off
/// buyers, steady buyers on rhythms from a few days to two months, jittered gaps, breaks long
/// enough to lapse and returns after them, refunds — with referrals (duplicates,
/// self-referrals and unknown recommenders among them) and contacts that name prospects.
///
/// The lifecycle laws run on it (`LifecycleLaws.violations(of:clients:seed:)`), and a host's
/// tests can build their own evidence from it:
///
/// ```swift
/// let sample = LifecycleSample(clients: 2_000, seed: 7)
/// let evidence = try sample.evidence()
/// let stages = MyLifecycle().stages(for: evidence)
/// ```
///
/// Clients are `0 ..< clients`; unknown recommenders and prospects have identifiers from
/// `clients + 100` on. Purchases fall within the 900 days up to ``asOf`` (2022-06-19).
public struct LifecycleSample: Sendable {
  /// Every event: purchases, and refunds as negative amounts.
  public let purchases: [Purchase<Int>]
  /// The recommendations, raw: duplicates, self-referrals and unknown recommenders included.
  public let referrals: [Referral<Int>]
  /// Contacts with clients and with prospects who never bought.
  public let contacts: [Contact<Int>]
  /// The day the sample is judged on: 900 days after 2020-01-01.
  public let asOf: Day

  /// Generates a sample.
  ///
  /// - Parameters:
  ///   - clients: The number of clients; 0 or less gives an empty sample.
  ///   - seed: The seed; the same seed gives the same sample on every platform.
  /// - Complexity: O(*clients*): at most 30 purchase days each.
  public init(clients: Int, seed: UInt64) {
    let start = Day(daysSince1970: 18_262)  // 2020-01-01
    let span = 900
    var rng = SeededGenerator(seed: seed)
    var purchases: [Purchase<Int>] = []
    var referrals: [Referral<Int>] = []
    var contacts: [Contact<Int>] = []
    let count = Swift.max(clients, 0)
    for client in 0..<count {
      // One client in twenty arrives in the last 40 days (new clients on the as-of day).
      let first =
        rng.nextInt(below: 20) == 0
        ? span - 1 - rng.nextInt(below: 40) : rng.nextInt(below: span * 2 / 3)
      var days = [first]
      if rng.nextInt(below: 10) >= 3 {
        let gap = 3 + rng.nextInt(below: 60)
        let more = 1 + rng.nextInt(below: 29)
        var day = first
        for _ in 0..<more {
          var step = Double(gap) * (0.6 + 0.8 * rng.nextUnitDouble())
          if rng.nextInt(below: 12) == 0 { step *= 3 + 9 * rng.nextUnitDouble() }
          day += Swift.max(Int(step.rounded()), 1)
          guard day < span else { break }
          days.append(day)
        }
      }
      for day in days {
        let amount = Double(20 + rng.nextInt(below: 480))
        purchases.append(Purchase(client: client, day: start.adding(days: day), amount: amount))
        if rng.nextInt(below: 50) == 0 {
          purchases.append(
            Purchase(client: client, day: start.adding(days: day), amount: -amount / 2))
        }
      }
      if rng.nextInt(below: 6) == 0 {
        var referred = rng.nextInt(below: count + 50)
        for _ in 0...rng.nextInt(below: 3) {
          switch rng.nextInt(below: 20) {
          case 0: referred = client  // a self-referral
          case 1, 2: break  // the same person again
          default: referred = rng.nextInt(below: count + 50)
          }
          let day = first + rng.nextInt(below: span - first)
          referrals.append(
            Referral(client: client, referred: referred, day: start.adding(days: day)))
        }
      }
      if rng.nextInt(below: 4) == 0 {
        contacts.append(
          Contact(
            client: client, day: start.adding(days: rng.nextInt(below: span)),
            manager: "m-1", channel: .phone, outcome: .reached))
      }
    }
    for extra in 0..<(count / 20) {
      let outsider = count + 100 + extra
      let day = start.adding(days: rng.nextInt(below: span + 30))
      if extra % 2 == 0 {
        referrals.append(
          Referral(client: outsider, referred: rng.nextInt(below: count + 1), day: day))
      } else {
        contacts.append(
          Contact(client: outsider, day: day, manager: "m-2", channel: .phone, outcome: .declined))
      }
    }
    self.purchases = purchases
    self.referrals = referrals
    self.contacts = contacts
    self.asOf = start.adding(days: span)
  }

  /// The lifecycle evidence of the sample: the standard rhythm, yearly spend as the value,
  /// the referrals and the contacts.
  ///
  /// - Parameter seed: With a seed, the purchases, referrals and contacts are shuffled first
  ///   (so the rows come in another order); without one they are taken as generated.
  /// - Returns: The evidence as of ``asOf``.
  /// - Throws: What summarising and grouping throw (nothing, for a sample as generated).
  public func evidence(shuffledWith seed: UInt64? = nil) throws -> LifecycleEvidence<Int> {
    var purchases = self.purchases
    var referrals = self.referrals
    var contacts = self.contacts
    if let seed {
      var rng = SeededGenerator(seed: seed)
      purchases.shuffle(using: &rng)
      referrals.shuffle(using: &rng)
      contacts.shuffle(using: &rng)
    }
    let log = PurchaseLog(purchases)
    let table = try Summarizer().summarize(log, through: asOf)
    let days = try PurchaseDays(log, table: table, asOf: asOf)
    let rhythm = StandardRhythm.standard.rhythm(of: days)
    return try LifecycleEvidence(
      days: days, rhythm: rhythm, table: table, referrals: referrals, contacts: contacts)
  }
}
