/// Spend per purchase for the Gamma-Gamma model: each client's repeat purchase count and
/// mean spend, compressed to what the likelihood needs.
///
/// Only clients with at least one repeat purchase and a positive mean spend carry
/// information about spend; ``init(_:)`` leaves the others out (and those spending more than
/// ``maximumMeanSpend`` a purchase) and counts them in ``excludedClients``.
public struct SpendHistories: Sendable {
  /// The largest mean spend a row may have: 10¹⁸ in any currency, so that x · m stays far
  /// from overflow for every frequency a row can have.
  public static let maximumMeanSpend: Double = 1e18

  /// `x`, the number of repeat purchases, per row.
  public let frequency: ContiguousArray<Int32>
  /// The mean spend per repeat purchase, per row.
  public let meanSpend: ContiguousArray<Double>
  /// How many clients each row stands for.
  public let weight: ContiguousArray<Double>
  /// Clients left out: no repeat purchase, or a mean spend that is not positive.
  public let excludedClients: Int
  let maximumFrequency: Int

  /// The rows usable for spend from a summary computed by the `Summarizer`.
  ///
  /// - Parameter summary: The per-client inputs.
  /// - Throws: ``RetentionError/noData`` when no client has a repeat purchase with positive
  ///   spend.
  /// - Complexity: O(*n*).
  public init<ID>(_ summary: RepeatPurchaseSummary<ID>) throws(RetentionError) {
    // The summary's invariants make x non-negative; only clients with a repeat purchase and a
    // positive mean spend (up to the supported maximum) carry information about spend.
    var x = ContiguousArray<Int32>()
    var m = ContiguousArray<Double>()
    x.reserveCapacity(summary.count)
    m.reserveCapacity(summary.count)
    var maximum: Int32 = 0
    summary.frequency.withUnsafeBufferPointer { frequency in
      summary.monetaryValue.withUnsafeBufferPointer { spend in
        for i in frequency.indices
        where frequency[i] >= 1 && spend[i] > 0 && spend[i] <= Self.maximumMeanSpend {
          x.append(frequency[i])
          m.append(spend[i])
          maximum = Swift.max(maximum, frequency[i])
        }
      }
    }
    guard !x.isEmpty else { throw .noData }
    self.frequency = x
    self.meanSpend = m
    self.weight = ContiguousArray(repeating: 1, count: x.count)
    self.excludedClients = summary.count - x.count
    self.maximumFrequency = Int(maximum)
  }

  /// Rows from columns a host computed.
  ///
  /// - Parameters:
  ///   - frequency: `x` per row, 1 to `Int32.max`.
  ///   - meanSpend: The mean spend per repeat purchase, positive and at most
  ///     ``maximumMeanSpend``.
  ///   - weight: How many clients each row stands for; `nil` means one each. The weights add
  ///     up to at most `PurchaseHistories.maximumTotalWeight` (2⁵³).
  /// - Throws: ``RetentionError/invalidHistory(row:reason:)`` for the first unusable row (or
  ///   the row at which the weights' running total passes 2⁵³) and
  ///   ``RetentionError/noData`` when nothing of positive weight remains.
  public init(frequency: [Int], meanSpend: [Double], weight: [Double]? = nil)
    throws(RetentionError)
  {
    try self.init(frequency: frequency, meanSpend: meanSpend, weight: weight, skipsUnusable: false)
  }

  init(frequency: [Int], meanSpend: [Double], weight: [Double]?, skipsUnusable: Bool)
    throws(RetentionError)
  {
    guard frequency.count == meanSpend.count, weight.map({ $0.count == frequency.count }) ?? true
    else { throw .invalidParameter("columns", reason: "the columns differ in length") }
    var x = ContiguousArray<Int32>()
    var m = ContiguousArray<Double>()
    var w = ContiguousArray<Double>()
    x.reserveCapacity(frequency.count)
    m.reserveCapacity(frequency.count)
    w.reserveCapacity(frequency.count)
    var excluded = 0
    var maximum = 0
    var total = 0.0
    for i in frequency.indices {
      let weightValue = weight?[i] ?? 1
      let usable =
        frequency[i] >= 1 && frequency[i] <= Int(Int32.max) && meanSpend[i] > 0
        && meanSpend[i] <= Self.maximumMeanSpend
      if skipsUnusable, !usable {
        excluded += 1
        continue
      }
      guard usable, weightValue.isFinite, weightValue >= 0 else {
        throw .invalidHistory(
          row: i,
          reason:
            "frequency \(frequency[i]) must be ≥ 1, mean spend \(meanSpend[i]) positive and "
            + "at most 1e18, weight \(weightValue) finite and ≥ 0")
      }
      total += weightValue
      try checkTotalWeight(total, row: i)
      guard weightValue > 0 else { continue }
      x.append(Int32(frequency[i]))
      m.append(meanSpend[i])
      w.append(weightValue)
      maximum = max(maximum, frequency[i])
    }
    guard !x.isEmpty else { throw .noData }
    self.frequency = x
    self.meanSpend = m
    self.weight = w
    self.excludedClients = excluded
    self.maximumFrequency = maximum
  }

  /// The number of rows.
  public var count: Int { frequency.count }

  /// The sum of the weights.
  public var totalWeight: Double { weight.reduce(0, +) }
}
