/// What a ``LifecyclePolicy`` replays for every client: its purchase days, its rhythm, a value
/// per client, its recommendations of others — all over one row space — and the prospects.
///
/// ```swift
/// let days = try PurchaseDays(log, table: table, asOf: asOf)
/// let rhythm = StandardRhythm.standard.rhythm(of: days)
/// let evidence = try LifecycleEvidence(
///   days: days, rhythm: rhythm, table: table, referrals: referrals, contacts: contacts)
/// let stages = StandardLifecycle.standard.stages(for: evidence)
/// ```
///
/// The **value** column says how much each client is worth, for the high-value test of a
/// partner and the worth of a win-back. With a table it is each client's **yearly spend
/// while active** (``yearlySpend(table:rhythm:)``); a host passes its own column (a lifetime
/// value, a margin) with ``init(days:rhythm:values:measure:referrals:prospects:)``.
///
/// **Prospects** are the clients contacted but never bought: identifiers that are not rows.
public struct LifecycleEvidence<ID: Hashable & Sendable>: Sendable {
  /// Each client's distinct purchase days; its row space is the evidence's.
  public let days: PurchaseDays<ID>
  /// Each client's purchase rhythm, over the same row space and as-of day.
  public let rhythm: PurchaseRhythm<ID>
  /// Each row's value, finite.
  public let values: ContiguousArray<Double>
  /// What ``values`` measures, for reasons.
  public let measure: LifecycleValueMeasure
  /// Each client's recommendations of others, over the same row space and as-of day.
  public let referrals: ClientReferrals<ID>
  /// The prospects: contacted, never bought; none of them is a row. Each once, ordered by the
  /// identifier's text.
  public let prospects: [ID]

  /// Gathers the evidence with a value column of the host's, checking that it lines up.
  ///
  /// - Parameters:
  ///   - days: Each client's purchase days.
  ///   - rhythm: The purchase rhythm computed from `days`.
  ///   - values: One finite value per row (a yearly spend, a lifetime value, a margin).
  ///   - measure: What `values` measures; ``LifecycleValueMeasure/value`` by default.
  ///   - referrals: The recommendations grouped over the same row space, or `nil` for none.
  ///   - prospects: Clients contacted but never bought; an identifier that is a row (it
  ///     bought) is left out, and one given twice is kept once.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` when the rhythm or the referrals
  ///   lie over another row space or another as-of day, or `values` has another length;
  ///   ``RetentionError/invalidHistory(row:reason:)`` for a value that is not finite.
  /// - Complexity: O(*n*) plus O(*p* log *p*) for *p* prospects.
  public init(
    days: PurchaseDays<ID>, rhythm: PurchaseRhythm<ID>, values: ContiguousArray<Double>,
    measure: LifecycleValueMeasure = .value, referrals: ClientReferrals<ID>? = nil,
    prospects: [ID] = []
  ) throws(RetentionError) {
    guard rhythm.clients.isSameRowSpace(as: days.clients) else {
      throw .invalidParameter(
        "rhythm", reason: "lists other clients than the purchase days, or in another order")
    }
    guard rhythm.asOf == days.asOf else {
      throw .invalidParameter(
        "rhythm", reason: "is as of \(rhythm.asOf), the purchase days as of \(days.asOf)")
    }
    guard values.count == days.count else {
      throw .invalidParameter(
        "values", reason: "\(values.count) values for \(days.count) clients")
    }
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
      throw .invalidHistory(row: bad, reason: "value \(values[bad]) is not finite")
    }
    if let referrals {
      guard referrals.clients.isSameRowSpace(as: days.clients) else {
        throw .invalidParameter(
          "referrals", reason: "list other clients than the purchase days, or in another order")
      }
      guard referrals.asOf == days.asOf else {
        throw .invalidParameter(
          "referrals", reason: "are as of \(referrals.asOf), the purchase days as of \(days.asOf)")
      }
    }
    self.days = days
    self.rhythm = rhythm
    self.values = values
    self.measure = measure
    self.referrals = referrals ?? ClientReferrals(clients: days.clients, asOf: days.asOf)
    self.prospects = Self.distinctProspects(prospects, clients: days.clients)
  }

  /// Gathers the evidence from a table, the host's referrals and its contacts: the value is
  /// each client's yearly spend while active, the prospects are the clients contacted on or
  /// before the as-of day who are not rows.
  ///
  /// - Parameters:
  ///   - days: Each client's purchase days.
  ///   - rhythm: The purchase rhythm computed from `days`.
  ///   - table: The table `days` was grouped by: its spend gives the value.
  ///   - referrals: The host's referrals, cleaned as ``ClientReferrals`` says.
  ///   - contacts: The host's contacts; only their clients and days are read.
  /// - Throws: As ``init(days:rhythm:values:measure:referrals:prospects:)``, and
  ///   ``RetentionError/invalidParameter(_:reason:)`` when the table lists other clients.
  /// - Complexity: O(*n* + *c*) for *c* contacts, plus the referrals' and prospects' sorts.
  public init(
    days: PurchaseDays<ID>, rhythm: PurchaseRhythm<ID>, table: ClientTable<ID>,
    referrals: [Referral<ID>] = [], contacts: [Contact<ID>] = []
  ) throws(RetentionError) {
    guard table.clients.isSameRowSpace(as: days.clients) else {
      throw .invalidParameter(
        "table", reason: "lists other clients than the purchase days, or in another order")
    }
    let asOf = days.asOf
    var contacted: [ID] = []
    for contact in contacts where contact.day <= asOf { contacted.append(contact.client) }
    try self.init(
      days: days, rhythm: rhythm, values: try Self.yearlySpend(table: table, rhythm: rhythm),
      measure: .yearlySpend,
      referrals: referrals.isEmpty
        ? nil : ClientReferrals(referrals, clients: days.clients, asOf: asOf),
      prospects: contacted)
  }

  /// Each client's **yearly spend while active**: net spend (purchases less refunds, 0 when
  /// refunds exceed purchases) per year of the stretch its purchases cover — from the first
  /// purchase day to the last plus one typical gap — counting a stretch shorter than a year as
  /// a year.
  ///
  /// A client who spent 350 on each of 25 purchase days 31 days apart covered 744 + 31 days:
  /// 8,750 × 365.25 / 775 = 4,123.79 a year, what 350 a month comes to. A client who bought
  /// once for 1,000 spent 1,000 in its year: its spend is not inflated to a yearly rate from
  /// a single day. A client who bought for three years and then stopped keeps what it spent
  /// a year while it bought, however long ago that was.
  ///
  /// - Parameters:
  ///   - table: The table the rhythm's purchase days were grouped by.
  ///   - rhythm: The rhythm: its spans and typical gaps.
  /// - Returns: One value per row, finite and 0 or more.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` when the table lists other
  ///   clients than the rhythm; ``RetentionError/invalidHistory(row:reason:)`` for a net
  ///   spend that is not finite.
  /// - Complexity: O(*n*).
  public static func yearlySpend(table: ClientTable<ID>, rhythm: PurchaseRhythm<ID>)
    throws(RetentionError) -> ContiguousArray<Double>
  {
    guard table.clients.isSameRowSpace(as: rhythm.clients) else {
      throw .invalidParameter(
        "table", reason: "lists other clients than the rhythm, or in another order")
    }
    let n = table.count
    var result = ContiguousArray<Double>(repeating: 0, count: n)
    var bad = -1
    result.withUnsafeMutableBufferPointer { result in
      table.grossSpend.withUnsafeBufferPointer { gross in
        table.refunded.withUnsafeBufferPointer { refunded in
          rhythm.spanDays.withUnsafeBufferPointer { spans in
            rhythm.typicalGaps.withUnsafeBufferPointer { gaps in
              for row in 0..<n {
                let net = gross[row] - refunded[row]
                if !net.isFinite, bad < 0 { bad = row }
                // A row without a typical gap has 0 in the gap column.
                let covered = Double(spans[row]) + gaps[row]
                result[row] = Swift.max(net, 0) * (365.25 / Swift.max(covered, 365.25))
              }
            }
          }
        }
      }
    }
    if bad >= 0 {
      throw .invalidHistory(
        row: bad, reason: "net spend \(table.grossSpend[bad] - table.refunded[bad]) is not finite")
    }
    return result
  }

  /// The row space: the purchase days' clients.
  public var clients: ClientIndex<ID> { days.clients }

  /// The day the stages are judged on.
  public var asOf: Day { days.asOf }

  /// The number of clients (rows).
  public var count: Int { days.count }

  /// The prospects that are not rows, each once, ordered by the identifier's text.
  static func distinctProspects(_ candidates: [ID], clients: ClientIndex<ID>) -> [ID] {
    guard !candidates.isEmpty else { return [] }
    var seen = Set<ID>()
    var kept: [(text: String, id: ID)] = []
    for id in candidates where clients.row(for: id) == nil && seen.insert(id).inserted {
      kept.append((String(describing: id), id))
    }
    kept.sort { $0.text < $1.text }
    return kept.map(\.id)
  }
}

/// What the value column of a ``LifecycleEvidence`` measures, so reasons can name it.
public enum LifecycleValueMeasure: String, Hashable, Sendable, Codable, CaseIterable {
  /// Spend per year while active (``LifecycleEvidence/yearlySpend(table:rhythm:)``):
  /// reasons say "4,124 a year".
  case yearlySpend
  /// A lifetime value: reasons say "lifetime value 4,124".
  case lifetimeValue
  /// A value of the host's own: reasons say "value 4,124".
  case value

  /// The value in words: "4,124 a year", "lifetime value 4,124", "value 4,124".
  func text(_ value: Double) -> String {
    let amount = NumberText.decimal(value, places: 0)
    switch self {
    case .yearlySpend: return "\(amount) a year"
    case .lifetimeValue: return "lifetime value \(amount)"
    case .value: return "value \(amount)"
    }
  }
}
