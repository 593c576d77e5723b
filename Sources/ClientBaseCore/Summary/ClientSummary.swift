/// What a client's purchases add up to: first and last purchase day, distinct purchase days,
/// spend, and refunds.
///
/// A summary is a commutative monoid: ``empty`` is the identity and ``merging(_:)`` combines
/// the summaries of two disjoint sets of purchase days into the summary of their union, in any
/// order and grouping. That is what lets a database or a cluster compute summaries shard by
/// shard (see the Architecture guide's `GROUP BY` query).
///
/// Same-day purchases are one purchase day, as in the buy-till-you-die literature. Adding a
/// purchase is O(1); it recognises a day that is already the first or last purchase day, so a
/// stream sorted by day is summarised exactly. A purchase on a day strictly between the first
/// and the last is counted as a new purchase day: feed distinct days in that case (the
/// ``Summarizer`` does).
///
/// Refunds (negative amounts) never make a purchase day and are kept apart in ``refunded``;
/// ``grossSpend`` and ``meanRepeatSpend`` count purchases only, and ``netSpend`` subtracts the
/// refunds.
public struct ClientSummary: Hashable, Sendable, Codable {
  /// The first purchase day, or ``Day/max`` when there is none.
  @usableFromInline var firstDay: Day
  /// The last purchase day, or ``Day/min`` when there is none.
  @usableFromInline var lastDay: Day
  /// The number of distinct purchase days.
  public internal(set) var purchaseDays: Int
  /// The sum of all purchase amounts (refunds excluded).
  public internal(set) var grossSpend: Double
  /// The sum of the amounts bought on the first purchase day.
  public internal(set) var firstDaySpend: Double
  /// The sum of refunded amounts, as a non-negative number.
  public internal(set) var refunded: Double

  /// The summary of no purchases: the identity of ``merging(_:)``.
  public static let empty = ClientSummary(
    firstDay: .max, lastDay: .min, purchaseDays: 0, grossSpend: 0, firstDaySpend: 0,
    refunded: 0)

  @usableFromInline
  init(
    firstDay: Day, lastDay: Day, purchaseDays: Int, grossSpend: Double, firstDaySpend: Double,
    refunded: Double
  ) {
    self.firstDay = firstDay
    self.lastDay = lastDay
    self.purchaseDays = purchaseDays
    self.grossSpend = grossSpend
    self.firstDaySpend = firstDaySpend
    self.refunded = refunded
  }

  /// Creates a summary from its parts, for hosts that computed them elsewhere (a database).
  ///
  /// - Parameters:
  ///   - first: The first purchase day.
  ///   - last: The last purchase day, not before `first`.
  ///   - purchaseDays: Distinct purchase days, at least 1, and 1 exactly when
  ///     `first == last`.
  ///   - grossSpend: The sum of purchase amounts.
  ///   - firstDaySpend: The part of `grossSpend` bought on the first day.
  ///   - refunded: Refunded amounts, as a non-negative number.
  /// - Throws: ``InputError/invalidParameter(_:reason:)`` when the parts contradict each
  ///   other or are not finite.
  public init(
    first: Day, last: Day, purchaseDays: Int, grossSpend: Double, firstDaySpend: Double,
    refunded: Double = 0
  ) throws(InputError) {
    guard first <= last else {
      throw .invalidParameter("last", reason: "last purchase \(last) is before first \(first)")
    }
    guard purchaseDays >= 1, (purchaseDays == 1) == (first == last),
      purchaseDays - 1 <= first.days(to: last)
    else {
      throw .invalidParameter(
        "purchaseDays", reason: "\(purchaseDays) days do not fit between \(first) and \(last)")
    }
    guard grossSpend.isFinite, firstDaySpend.isFinite, refunded.isFinite, refunded >= 0 else {
      throw .invalidParameter("spend", reason: "amounts must be finite and refunds non-negative")
    }
    self.init(
      firstDay: first, lastDay: last, purchaseDays: purchaseDays, grossSpend: grossSpend,
      firstDaySpend: firstDaySpend, refunded: refunded)
  }

  /// The first purchase day, or `nil` when there was no purchase.
  public var first: Day? { purchaseDays > 0 ? firstDay : nil }
  /// The last purchase day, or `nil` when there was no purchase.
  public var last: Day? { purchaseDays > 0 ? lastDay : nil }
  /// Whether there was no purchase (refunds alone do not count).
  public var isEmpty: Bool { purchaseDays == 0 }

  /// Purchase days after the first: `x` (frequency) in the buy-till-you-die models.
  public var repeatPurchaseDays: Int { Swift.max(purchaseDays - 1, 0) }

  /// The mean spend per repeat purchase day, or 0 for a client who has not bought again.
  ///
  /// The first day is left out, as Gamma-Gamma expects (Fader, Hardie & Lee 2005): the first
  /// purchase is often unlike the rest. The 0 for one-time buyers matches the Python CLV
  /// libraries.
  public var meanRepeatSpend: Double {
    let repeats = repeatPurchaseDays
    return repeats > 0 ? (grossSpend - firstDaySpend) / Double(repeats) : 0
  }

  /// Spend after refunds: ``grossSpend`` − ``refunded``.
  public var netSpend: Double { grossSpend - refunded }

  /// Days from the first purchase to `day`, or `nil` when there was no purchase.
  ///
  /// - Parameter day: The day to measure to, usually the as-of day.
  /// - Returns: The tenure in days (negative when `day` precedes the first purchase).
  public func tenure(asOf day: Day) -> Int? {
    first.map { $0.days(to: day) }
  }

  /// Adds one purchase or refund in O(1).
  ///
  /// A day equal to the current first or last purchase day adds to that day; an earlier or
  /// later day extends the span; a day in between counts as a new purchase day. A negative
  /// amount is a refund and only adds to ``refunded``.
  ///
  /// - Parameters:
  ///   - day: The day of the purchase.
  ///   - amount: The amount; negative for a refund. Must be finite (the ``Summarizer``
  ///     checks).
  public mutating func add(day: Day, amount: Double) {
    if amount < 0 {
      refunded -= amount
      return
    }
    grossSpend += amount
    if purchaseDays == 0 {
      firstDay = day
      lastDay = day
      purchaseDays = 1
      firstDaySpend = amount
    } else if day == firstDay {
      firstDaySpend += amount
    } else if day == lastDay {
      // Same day as the last purchase: one purchase day.
    } else if day < firstDay {
      firstDay = day
      firstDaySpend = amount
      purchaseDays += 1
    } else {
      if day > lastDay { lastDay = day }
      purchaseDays += 1
    }
  }

  /// This summary with one more purchase or refund; see ``add(day:amount:)``.
  ///
  /// - Parameters:
  ///   - day: The day of the purchase.
  ///   - amount: The amount; negative for a refund.
  /// - Returns: The extended summary.
  public func adding(day: Day, amount: Double) -> ClientSummary {
    var copy = self
    copy.add(day: day, amount: amount)
    return copy
  }

  /// The summary of the purchases of both summaries.
  ///
  /// Exact when the two count disjoint sets of purchase days, and also when they share days
  /// that are a first or last purchase day of both (as when a day-sorted stream is cut in
  /// two). Commutative and associative up to floating-point rounding of the amounts.
  ///
  /// - Parameter other: The other summary.
  /// - Returns: The combined summary.
  public func merging(_ other: ClientSummary) -> ClientSummary {
    if purchaseDays == 0 {
      var result = other
      result.refunded += refunded
      return result
    }
    if other.purchaseDays == 0 {
      var result = self
      result.refunded += other.refunded
      return result
    }
    // Shared end days are one purchase day, not two.
    var shared = 0
    if firstDay == other.firstDay || firstDay == other.lastDay { shared += 1 }
    if lastDay != firstDay, lastDay == other.firstDay || lastDay == other.lastDay { shared += 1 }
    let firstSpend: Double
    if firstDay == other.firstDay {
      firstSpend = firstDaySpend + other.firstDaySpend
    } else {
      firstSpend = firstDay < other.firstDay ? firstDaySpend : other.firstDaySpend
    }
    return ClientSummary(
      firstDay: Swift.min(firstDay, other.firstDay), lastDay: Swift.max(lastDay, other.lastDay),
      purchaseDays: purchaseDays + other.purchaseDays - shared,
      grossSpend: grossSpend + other.grossSpend, firstDaySpend: firstSpend,
      refunded: refunded + other.refunded)
  }
}
