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
///
/// The spend on repeat purchase days is summed from those days themselves (``repeatSpend``),
/// not taken as ``grossSpend`` minus ``firstDaySpend``: a large first purchase would leave
/// nothing of a small repeat one to the subtraction (1e16 then 1 would give a mean repeat
/// spend of 0).
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
  /// The sum of the amounts bought on the purchase days after the first, summed from those
  /// days (0 for a one-time buyer).
  public internal(set) var repeatSpend: Double
  /// The sum of refunded amounts, as a non-negative number.
  public internal(set) var refunded: Double

  /// The summary of no purchases: the identity of ``merging(_:)``.
  public static let empty = ClientSummary(
    firstDay: .max, lastDay: .min, purchaseDays: 0, grossSpend: 0, firstDaySpend: 0,
    repeatSpend: 0, refunded: 0)

  @usableFromInline
  init(
    firstDay: Day, lastDay: Day, purchaseDays: Int, grossSpend: Double, firstDaySpend: Double,
    repeatSpend: Double, refunded: Double
  ) {
    self.firstDay = firstDay
    self.lastDay = lastDay
    self.purchaseDays = purchaseDays
    self.grossSpend = grossSpend
    self.firstDaySpend = firstDaySpend
    self.repeatSpend = repeatSpend
    self.refunded = refunded
  }

  /// Creates a summary from its parts, for hosts that computed them elsewhere (a database):
  /// the spend of the first purchase day and that of the later days, each summed from its own
  /// days (see the Architecture guide's query).
  ///
  /// - Parameters:
  ///   - first: The first purchase day.
  ///   - last: The last purchase day, not before `first`.
  ///   - purchaseDays: Distinct purchase days, at least 1, and 1 exactly when
  ///     `first == last`.
  ///   - firstDaySpend: The amounts bought on the first day.
  ///   - repeatSpend: The amounts bought on the later purchase days; 0 when `purchaseDays`
  ///     is 1.
  ///   - refunded: Refunded amounts, as a non-negative number.
  /// - Throws: ``InputError/invalidParameter(_:reason:)`` when the parts contradict each
  ///   other or are not finite (their sum included).
  public init(
    first: Day, last: Day, purchaseDays: Int, firstDaySpend: Double, repeatSpend: Double,
    refunded: Double = 0
  ) throws(InputError) {
    guard purchaseDays != 1 || repeatSpend == 0 else {
      throw .invalidParameter(
        "repeatSpend", reason: "\(repeatSpend) spent on repeat days without a repeat day")
    }
    try self.init(
      checking: first, last: last, purchaseDays: purchaseDays,
      grossSpend: firstDaySpend + repeatSpend, firstDaySpend: firstDaySpend,
      repeatSpend: repeatSpend, refunded: refunded)
  }

  /// Creates a summary from its parts when only the gross spend and the first day's spend are
  /// known.
  ///
  /// The repeat days' spend is then taken as `grossSpend − firstDaySpend`, which loses the
  /// digits of a small repeat spend beside a large first one; prefer
  /// ``init(first:last:purchaseDays:firstDaySpend:repeatSpend:refunded:)`` when the repeat
  /// days' spend can be summed from those days.
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
    try self.init(
      checking: first, last: last, purchaseDays: purchaseDays, grossSpend: grossSpend,
      firstDaySpend: firstDaySpend,
      repeatSpend: purchaseDays > 1 ? grossSpend - firstDaySpend : 0, refunded: refunded)
  }

  /// Checks the parts and creates the summary.
  private init(
    checking first: Day, last: Day, purchaseDays: Int, grossSpend: Double,
    firstDaySpend: Double, repeatSpend: Double, refunded: Double
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
    guard grossSpend.isFinite, firstDaySpend.isFinite, repeatSpend.isFinite, refunded.isFinite,
      refunded >= 0
    else {
      throw .invalidParameter("spend", reason: "amounts must be finite and refunds non-negative")
    }
    self.init(
      firstDay: first, lastDay: last, purchaseDays: purchaseDays, grossSpend: grossSpend,
      firstDaySpend: firstDaySpend, repeatSpend: repeatSpend, refunded: refunded)
  }

  private enum CodingKeys: String, CodingKey {
    case firstDay, lastDay, purchaseDays, grossSpend, firstDaySpend, repeatSpend, refunded
  }

  /// Decodes a summary; one written before ``repeatSpend`` existed takes it as
  /// `grossSpend − firstDaySpend`.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: The decoder's errors for a missing or mistyped field.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let purchaseDays = try container.decode(Int.self, forKey: .purchaseDays)
    let gross = try container.decode(Double.self, forKey: .grossSpend)
    let firstSpend = try container.decode(Double.self, forKey: .firstDaySpend)
    self.init(
      firstDay: try container.decode(Day.self, forKey: .firstDay),
      lastDay: try container.decode(Day.self, forKey: .lastDay), purchaseDays: purchaseDays,
      grossSpend: gross, firstDaySpend: firstSpend,
      repeatSpend: try container.decodeIfPresent(Double.self, forKey: .repeatSpend)
        ?? (purchaseDays > 1 ? gross - firstSpend : 0),
      refunded: try container.decode(Double.self, forKey: .refunded))
  }

  /// The first purchase day, or `nil` when there was no purchase.
  public var first: Day? { purchaseDays > 0 ? firstDay : nil }
  /// The last purchase day, or `nil` when there was no purchase.
  public var last: Day? { purchaseDays > 0 ? lastDay : nil }
  /// Whether there was no purchase (refunds alone do not count).
  public var isEmpty: Bool { purchaseDays == 0 }

  /// Purchase days after the first: `x` (frequency) in the buy-till-you-die models.
  public var repeatPurchaseDays: Int { Swift.max(purchaseDays - 1, 0) }

  /// The mean spend per repeat purchase day, or 0 for a client who has not bought again:
  /// ``repeatSpend`` over the repeat purchase days.
  ///
  /// The first day is left out, as Gamma-Gamma expects (Fader, Hardie & Lee 2005): the first
  /// purchase is often unlike the rest. The 0 for one-time buyers matches the Python CLV
  /// libraries.
  public var meanRepeatSpend: Double {
    let repeats = repeatPurchaseDays
    return repeats > 0 ? repeatSpend / Double(repeats) : 0
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
      repeatSpend += amount
    } else if day < firstDay {
      // The old first day becomes a repeat day.
      firstDay = day
      repeatSpend += firstDaySpend
      firstDaySpend = amount
      purchaseDays += 1
    } else {
      if day > lastDay { lastDay = day }
      repeatSpend += amount
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
  /// two). Commutative and associative up to floating-point rounding of the amounts: the days,
  /// counts and the split of spend between the first day and the repeat days are exact, each
  /// amount a sum of the same amounts (in another order when merged another way).
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
    // The first day's spend is the earlier summary's (both, on a shared first day); the later
    // summary's first day is a repeat day of the whole.
    let firstSpend: Double
    let repeatSpend: Double
    if firstDay == other.firstDay {
      firstSpend = firstDaySpend + other.firstDaySpend
      repeatSpend = self.repeatSpend + other.repeatSpend
    } else {
      let (earlier, later) = firstDay < other.firstDay ? (self, other) : (other, self)
      firstSpend = earlier.firstDaySpend
      repeatSpend = earlier.repeatSpend + (later.firstDaySpend + later.repeatSpend)
    }
    return ClientSummary(
      firstDay: Swift.min(firstDay, other.firstDay), lastDay: Swift.max(lastDay, other.lastDay),
      purchaseDays: purchaseDays + other.purchaseDays - shared,
      grossSpend: grossSpend + other.grossSpend, firstDaySpend: firstSpend,
      repeatSpend: repeatSpend, refunded: refunded + other.refunded)
  }
}
