/// How to turn expected purchases and expected spend into a discounted lifetime value.
///
/// The horizon is cut into periods of equal length; the purchases expected in each period,
/// times the expected spend per purchase, are discounted by (1 + d)^i for the i-th period.
/// That is the discrete-time calculation of the Python CLV libraries, so the figures match
/// theirs. ``ParetoNBDModel`` also offers the continuous closed form (DERT).
///
/// ```swift
/// let clv = LifetimeValue.monthly(in: .week, months: 12, monthlyDiscountRate: 0.01)
/// clv.value(of: model, spendPerPurchase: 35, frequency: 4, recency: 30, age: 40)
/// ```
public struct LifetimeValue: Hashable, Sendable, Codable {
  /// The length of one period, in the model's time unit.
  public var periodLength: Double
  /// The number of periods in the horizon.
  public var periods: Int
  /// The discount rate per period (0.01 is 1% a period).
  public var discountRatePerPeriod: Double

  /// Creates a lifetime-value calculation.
  ///
  /// - Parameters:
  ///   - periodLength: The length of one period in the model's time unit, positive.
  ///   - periods: The number of periods, at least 1.
  ///   - discountRatePerPeriod: The discount rate per period, greater than −1.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` for values outside those
  ///   ranges.
  public init(periodLength: Double, periods: Int, discountRatePerPeriod: Double)
    throws(RetentionError)
  {
    guard periodLength > 0, periodLength.isFinite else {
      throw .invalidParameter("periodLength", reason: "must be positive, got \(periodLength)")
    }
    guard periods >= 1, periods <= 100_000 else {
      throw .invalidParameter("periods", reason: "must be between 1 and 100,000, got \(periods)")
    }
    guard discountRatePerPeriod > -1, discountRatePerPeriod.isFinite else {
      throw .invalidParameter(
        "discountRatePerPeriod", reason: "must be greater than −1, got \(discountRatePerPeriod)")
    }
    self.periodLength = periodLength
    self.periods = periods
    self.discountRatePerPeriod = discountRatePerPeriod
  }

  /// Months of 30 days in a model's time unit, discounted monthly: the Python CLV libraries'
  /// default shape (12 months at 1% a month).
  ///
  /// - Parameters:
  ///   - unit: The model's time unit.
  ///   - months: The horizon in months, at least 1.
  ///   - monthlyDiscountRate: The discount rate per month.
  /// - Returns: The calculation.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` for a bad horizon or rate.
  public static func monthly(
    in unit: TimeUnit, months: Int = 12, monthlyDiscountRate: Double = 0.01
  ) throws(RetentionError) -> LifetimeValue {
    try LifetimeValue(
      periodLength: 30 / unit.lengthInDays, periods: months,
      discountRatePerPeriod: monthlyDiscountRate)
  }

  /// The discounted value of one client.
  ///
  /// - Parameters:
  ///   - model: The purchase model.
  ///   - spendPerPurchase: The expected spend per purchase (for instance from
  ///     ``GammaGammaModel/expectedSpend(frequency:meanSpend:)``).
  ///   - frequency: `x`.
  ///   - recency: `t_x`.
  ///   - age: `T`.
  /// - Returns: Σᵢ (E[Y(iL)] − E[Y((i − 1)L)]) · spend / (1 + d)ⁱ.
  /// - Complexity: O(periods) model evaluations.
  public func value(
    of model: some PurchaseModel, spendPerPurchase: Double, frequency: Int, recency: Double,
    age: Double
  ) -> Double {
    spendPerPurchase
      * discountedPurchases {
        model.expectedPurchases(inNext: $0, frequency: frequency, recency: recency, age: age)
      }
  }

  /// Σᵢ (E(iL) − E((i − 1)L)) / (1 + d)ⁱ for a cumulative expectation E.
  func discountedPurchases(_ cumulative: (Double) -> Double) -> Double {
    var total = 0.0
    var previous = 0.0
    var discount = 1.0
    let factor = 1 / (1 + discountRatePerPeriod)
    for i in 1...periods {
      let current = cumulative(Double(i) * periodLength)
      discount *= factor
      total += (current - previous) * discount
      previous = current
    }
    return total
  }
}
