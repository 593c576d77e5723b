/// How to turn expected purchases and expected spend into a discounted lifetime value.
///
/// The horizon is cut into periods of equal length; the purchases expected in each period,
/// times the expected spend per purchase, are discounted by (1 + d)^i for the i-th period.
/// That is the discrete-time calculation of the Python CLV libraries. ``ParetoNBDModel`` also
/// offers the continuous closed form (DERT).
///
/// **Months.** ``monthly(in:months:monthlyDiscountRate:daysPerMonth:)`` takes a month as
/// 365.25/12 = 30.4375 days (``daysPerMonth``), the mean length of a month, so twelve months
/// are a year whatever the unit. The Python `lifetimes` package takes 30 days with daily data
/// (and 4.345 weeks with weekly data); pass `daysPerMonth: 30` to reproduce its daily
/// figures.
///
/// ```swift
/// let clv = try LifetimeValue.monthly(in: .week, months: 12, monthlyDiscountRate: 0.01)
/// clv.value(of: model, spendPerPurchase: 35, frequency: 4, recency: 30, age: 40)
/// ```
///
/// The settings are checked when the value is made, decoding included, and cannot be changed
/// afterwards: a `LifetimeValue` that exists is valid.
public struct LifetimeValue: Hashable, Sendable, Codable {
  /// The length of one period, in the model's time unit.
  public private(set) var periodLength: Double
  /// The number of periods in the horizon.
  public private(set) var periods: Int
  /// The discount rate per period (0.01 is 1% a period).
  public private(set) var discountRatePerPeriod: Double

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

  private enum CodingKeys: String, CodingKey {
    case periodLength, periods, discountRatePerPeriod
  }

  /// Decodes a calculation, checking it as ``init(periodLength:periods:discountRatePerPeriod:)``
  /// does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError.dataCorrupted` for a setting out of its range, and the decoder's
  ///   own errors.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let periodLength = try container.decode(Double.self, forKey: .periodLength)
    let periods = try container.decode(Int.self, forKey: .periods)
    let rate = try container.decode(Double.self, forKey: .discountRatePerPeriod)
    do {
      try self.init(periodLength: periodLength, periods: periods, discountRatePerPeriod: rate)
    } catch {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: error.description))
    }
  }

  /// The length of a month the library takes by default: 365.25/12 = 30.4375 days, so that
  /// twelve months are a year of 365.25 days.
  public static let daysPerMonth: Double = 365.25 / 12

  /// Months in a model's time unit, discounted monthly (by default 12 months at 1% a month,
  /// each of 365.25/12 days).
  ///
  /// - Parameters:
  ///   - unit: The model's time unit.
  ///   - months: The horizon in months, 1 to 100,000.
  ///   - monthlyDiscountRate: The discount rate per month, greater than −1.
  ///   - daysPerMonth: The length of a month in days, positive and finite;
  ///     ``daysPerMonth`` (30.4375) by default, 30 for the daily figures of `lifetimes`.
  /// - Returns: The calculation.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` for a bad horizon, rate or
  ///   month length.
  public static func monthly(
    in unit: TimeUnit, months: Int = 12, monthlyDiscountRate: Double = 0.01,
    daysPerMonth: Double = LifetimeValue.daysPerMonth
  ) throws(RetentionError) -> LifetimeValue {
    guard daysPerMonth > 0, daysPerMonth.isFinite else {
      throw .invalidParameter(
        "daysPerMonth", reason: "must be positive and finite, got \(daysPerMonth)")
    }
    return try LifetimeValue(
      periodLength: daysPerMonth / unit.lengthInDays, periods: months,
      discountRatePerPeriod: monthlyDiscountRate)
  }

  /// The discounted value of one client.
  ///
  /// - Parameters:
  ///   - model: The purchase model.
  ///   - spendPerPurchase: The expected spend per purchase (for instance from
  ///     ``GammaGammaModel/expectedSpend(frequency:meanSpend:)``), 0 or more and finite.
  ///   - frequency: `x`.
  ///   - recency: `t_x`.
  ///   - age: `T`.
  /// - Returns: Σᵢ (E[Y(iL)] − E[Y((i − 1)L)]) · spend / (1 + d)ⁱ; `.nan` for a spend that is
  ///   negative or not finite, or a history outside the model's domain (see
  ///   ``PurchaseModel``).
  /// - Complexity: O(periods) model evaluations.
  public func value(
    of model: some PurchaseModel, spendPerPurchase: Double, frequency: Int, recency: Double,
    age: Double
  ) -> Double {
    guard spendPerPurchase >= 0, spendPerPurchase.isFinite,
      isValidHistory(frequency, recency, age)
    else { return .nan }
    return spendPerPurchase
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
