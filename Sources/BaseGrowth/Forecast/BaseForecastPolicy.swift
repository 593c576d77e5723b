/// A model of how a base evolves from period to period under its acquisition and loss rates:
/// a deterministic projection and a seeded Monte Carlo simulation.
///
/// The default, ``StandardBaseForecast`` (reached as `.standard`), loses each member
/// independently with the loss rate and gains a Poisson number of new members each period.
/// A host replaces it with its own value type (seasonal acquisition, a loss rate that falls
/// with tenure), building its result with
/// ``BaseForecast/init(start:rates:periods:draws:bandQuantiles:seed:)``.
///
/// ```swift
/// let rates = try GrowthRates(acquisitionPerPeriod: 20, lossRate: 0.05, periodDays: 30)
/// let forecast = try StandardBaseForecast.standard.forecast(
///   from: 400, rates: rates, periods: 24, seed: 7, threadCount: 2)
/// let when = try StandardBaseForecast.standard.periods(toReach: 1_000, from: 400, rates: rates)
/// ```
///
/// Invariants every conformer must keep (`BaseForecastLaws.violations(of:seed:)` in
/// `ClientBaseTesting` checks them on seeded rates):
/// - **no loss, no shrinking**: with a loss rate of 0 neither the projection nor any band
///   edge falls from one period to the next;
/// - **bands**: every period has 0 ≤ low ≤ median ≤ high, and for a base and acquisition
///   of a few dozen or more the band contains the projection;
/// - **projection agrees**: the forecast's `expected` column is ``projection(from:rates:periods:)``;
/// - **seeded**: the same seed, rates and periods give the same forecast, whatever the thread
///   count.
public protocol BaseForecastPolicy: Sendable {
  /// The expected base after each of the next periods.
  ///
  /// - Parameters:
  ///   - base: The base now, finite and 0 or more.
  ///   - rates: The acquisition and loss rates.
  ///   - periods: How many periods ahead, 0 or more.
  /// - Returns: One expected base per period, the first one period ahead.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a negative or non-finite base
  ///   or a count of periods out of the policy's range.
  func projection(from base: Double, rates: GrowthRates, periods: Int) throws(GrowthError)
    -> [Double]

  /// The projection with a seeded Monte Carlo band around each period.
  ///
  /// - Parameters:
  ///   - base: The base now, 0 or more.
  ///   - rates: The acquisition and loss rates.
  ///   - periods: How many periods ahead.
  ///   - seed: The simulation's seed: the same seed gives the same forecast.
  ///   - threadCount: The most threads to use, at least 1; the result does not depend on it.
  /// - Returns: The forecast.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for an argument out of range.
  func forecast(from base: Int, rates: GrowthRates, periods: Int, seed: UInt64, threadCount: Int)
    throws(GrowthError) -> BaseForecast

  /// How many periods until the expected base reaches a size.
  ///
  /// The default steps through ``projection(from:rates:periods:)`` up to
  /// ``BaseMilestone/maximumPeriods`` periods.
  ///
  /// - Parameters:
  ///   - size: The size to reach, finite and 0 or more.
  ///   - base: The base now, finite and 0 or more.
  ///   - rates: The rates.
  /// - Returns: The periods (0 when the base is already there), or `nil` periods with the
  ///   reason when the expected base never gets there.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a size or base out of range.
  func periods(toReach size: Double, from base: Double, rates: GrowthRates) throws(GrowthError)
    -> BaseMilestone

  /// The acquisition per period that keeps the expected base where it is.
  ///
  /// The default finds it by bisection on one period of ``projection(from:rates:periods:)``.
  ///
  /// - Parameters:
  ///   - base: The base to hold, finite and 0 or more.
  ///   - rates: The rates; only the loss rate (and the period) matter.
  /// - Returns: New members per period.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a base out of range.
  func acquisitionKeepingFlat(base: Double, rates: GrowthRates) throws(GrowthError) -> Double
}

extension BaseForecastPolicy {
  /// Steps through the projection until it reaches `size`, for at most
  /// ``BaseMilestone/maximumPeriods`` periods.
  ///
  /// - Parameters:
  ///   - size: The size to reach.
  ///   - base: The base now.
  ///   - rates: The rates.
  /// - Returns: The milestone.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a size or base out of range.
  public func periods(toReach size: Double, from base: Double, rates: GrowthRates)
    throws(GrowthError) -> BaseMilestone
  {
    try checkNonNegative(size, "size")
    let path = try projection(from: base, rates: rates, periods: BaseMilestone.maximumPeriods)
    if base >= size { return BaseMilestone(size: size, from: base, periods: 0, rates: rates) }
    let index = path.firstIndex { $0 >= size }
    return BaseMilestone(size: size, from: base, periods: index.map { $0 + 1 }, rates: rates)
  }

  /// Bisects the acquisition for which one period of the projection ends where it started.
  ///
  /// - Parameters:
  ///   - base: The base to hold.
  ///   - rates: The rates.
  /// - Returns: New members per period, within 0...``GrowthRates/maximumAcquisition``.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a base out of range.
  public func acquisitionKeepingFlat(base: Double, rates: GrowthRates) throws(GrowthError)
    -> Double
  {
    try checkNonNegative(base, "base")
    var low = 0.0
    var high = Swift.min(Swift.max(base, 1), GrowthRates.maximumAcquisition)
    func next(_ acquisition: Double) throws(GrowthError) -> Double {
      let trial = try GrowthRates(
        acquisitionPerPeriod: acquisition, lossRate: rates.lossRate, periodDays: rates.periodDays)
      return try projection(from: base, rates: trial, periods: 1).first ?? base
    }
    if try next(low) >= base { return 0 }
    for _ in 0..<200 where high - low > 1e-9 * Swift.max(high, 1) {
      let middle = (low + high) / 2
      if try next(middle) < base { low = middle } else { high = middle }
    }
    return high
  }
}

extension BaseForecastPolicy where Self == StandardBaseForecast {
  /// Independent losses and Poisson acquisition, 10,000 paths, a 5%–95% band.
  public static var standard: Self { .defaults }
}

/// When the expected base reaches a size: "how long until the base reaches 1,000?"
public struct BaseMilestone: Hashable, Sendable {
  /// The most periods a milestone looks ahead: 1,200 (a century of months).
  public static let maximumPeriods = 1_200

  /// The size to reach.
  public let size: Double
  /// The base now.
  public let base: Double
  /// The periods until the expected base first reaches ``size`` (0 when it is there now), or
  /// `nil` when it never does (it levels off below, or only beyond ``maximumPeriods``).
  public let periods: Int?
  /// The rates behind it.
  public let rates: GrowthRates

  /// Creates a milestone.
  ///
  /// - Parameters:
  ///   - size: The size to reach.
  ///   - base: The base now.
  ///   - periods: The periods until it is reached, or `nil`.
  ///   - rates: The rates behind it.
  public init(size: Double, from base: Double, periods: Int?, rates: GrowthRates) {
    self.size = size
    self.base = base
    self.periods = periods
    self.rates = rates
  }

  /// The days until the base reaches the size, or `nil`.
  public var days: Double? { periods.map { Double($0) * rates.periodDays } }

  /// "1,000 in 17 periods (510 days): from 400 at 20 new and 1% lost every 30 days" or "never
  /// 1,000: gains and losses balance at 400".
  public var reason: String {
    let sizeText = NumberText.decimal(size, places: 0)
    let from =
      "from \(NumberText.decimal(base, places: 0)) at "
      + "\(NumberText.decimal(rates.acquisitionPerPeriod, places: 1, dropsTrailingZeros: true)) "
      + "new and \(NumberText.percent(rates.lossRate)) lost every "
      + CharacteristicPeriod.daysText(rates.periodDays)
    guard let periods else {
      if let steady = rates.steadyState, steady <= size {
        return "never \(sizeText): gains and losses balance at "
          + "\(NumberText.decimal(steady, places: 0)), \(from)"
      }
      if rates.acquisitionPerPeriod == 0 {
        return "never \(sizeText): nothing is gained, \(from)"
      }
      return "not within \(NumberText.grouped(Self.maximumPeriods)) periods: \(from)"
    }
    if periods == 0 { return "\(sizeText) already: the base is \(from.dropFirst(5))" }
    let noun = periods == 1 ? "period" : "periods"
    return "\(sizeText) in \(NumberText.grouped(periods)) \(noun) "
      + "(\(CharacteristicPeriod.daysText(Double(periods) * rates.periodDays))): \(from)"
  }
}
