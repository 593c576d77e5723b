/// The base one forecast period ahead: the deterministic projection and the Monte Carlo
/// band around it.
public struct ForecastPeriod: Hashable, Sendable, Codable {
  /// The period, from 1 (one period ahead).
  public let period: Int
  /// Days ahead: the period times the period's length.
  public let days: Double
  /// The deterministic projection: the expected base.
  public let expected: Double
  /// The mean of the simulated bases.
  public let mean: Double
  /// The standard error of ``mean``: the simulated bases' standard deviation over the square
  /// root of the draws. It narrows as the draws grow, and the simulation's mean lies within a
  /// few of it of ``expected``.
  public let standardError: Double
  /// The lower quantile of the simulated bases (the 5th percentile by default).
  public let low: Double
  /// The median of the simulated bases.
  public let median: Double
  /// The upper quantile of the simulated bases (the 95th percentile by default).
  public let high: Double

  /// Creates a period's figures, checking them.
  ///
  /// - Parameters:
  ///   - period: The period, 1 or more.
  ///   - days: Days ahead, finite and 0 or more.
  ///   - expected: The projection, finite and 0 or more.
  ///   - mean: The simulated mean, finite and 0 or more.
  ///   - standardError: Its standard error, finite and 0 or more.
  ///   - low: The lower quantile.
  ///   - median: The median.
  ///   - high: The upper quantile; 0 ≤ `low` ≤ `median` ≤ `high`, all finite.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a figure out of range.
  public init(
    period: Int, days: Double, expected: Double, mean: Double, standardError: Double,
    low: Double, median: Double, high: Double
  ) throws(GrowthError) {
    guard period >= 1 else {
      throw .invalidParameter("period", reason: "must be 1 or more, got \(period)")
    }
    for (name, value) in [
      ("days", days), ("expected", expected), ("mean", mean), ("standardError", standardError),
      ("low", low),
    ] {
      try checkNonNegative(value, name)
    }
    guard median.isFinite, high.isFinite, low <= median, median <= high else {
      throw .invalidParameter(
        "low", reason: "need low ≤ median ≤ high, got \(low), \(median) and \(high)")
    }
    self.init(
      trusted: period, days: days, expected: expected, mean: mean, standardError: standardError,
      low: low, median: median, high: high)
  }

  init(
    trusted period: Int, days: Double, expected: Double, mean: Double, standardError: Double,
    low: Double, median: Double, high: Double
  ) {
    self.period = period
    self.days = days
    self.expected = expected
    self.mean = mean
    self.standardError = standardError
    self.low = low
    self.median = median
    self.high = high
  }
}

/// A base forecast over the next periods: the deterministic projection, and a seeded Monte
/// Carlo simulation with percentile bands around it.
///
/// ```swift
/// let forecast = try StandardBaseForecast.standard.forecast(
///   from: 400, rates: rates, periods: 24, seed: 2026, threadCount: 2)
/// for period in forecast.periods {
///   print(period.period, period.expected, period.low, period.high)
/// }
/// forecast.reason(forPeriod: 1)
/// // "after 30 days: 400 expected (90% band 383–417)"
/// ```
public struct BaseForecast: Hashable, Sendable {
  /// The base now.
  public let start: Int
  /// The rates the forecast runs on.
  public let rates: GrowthRates
  /// One entry per period ahead, the first one period ahead.
  public let periods: [ForecastPeriod]
  /// The simulated paths behind the bands.
  public let draws: Int
  /// The quantiles of the band: `low` and `high` of each period.
  public let bandQuantiles: ClosedRange<Double>
  /// The seed the simulation ran with: the same seed, rates and draws give the same bands.
  public let seed: UInt64

  /// Creates a forecast, checking that its periods run 1, 2, 3… in order and its settings.
  ///
  /// - Parameters:
  ///   - start: The base now, 0 or more.
  ///   - rates: The rates.
  ///   - periods: The periods, numbered 1, 2, 3… in order.
  ///   - draws: The simulated paths, 1 or more.
  ///   - bandQuantiles: The band's quantiles, within 0...1.
  ///   - seed: The seed.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a negative start, periods out of
  ///   order, no draws or quantiles outside 0...1.
  public init(
    start: Int, rates: GrowthRates, periods: [ForecastPeriod], draws: Int,
    bandQuantiles: ClosedRange<Double>, seed: UInt64
  ) throws(GrowthError) {
    guard start >= 0 else {
      throw .invalidParameter("start", reason: "must be 0 or more, got \(start)")
    }
    for (index, period) in periods.enumerated() where period.period != index + 1 {
      throw .invalidParameter(
        "periods", reason: "entry \(index) is period \(period.period), expected \(index + 1)")
    }
    guard draws >= 1 else {
      throw .invalidParameter("draws", reason: "must be 1 or more, got \(draws)")
    }
    try checkShare(bandQuantiles.lowerBound, "bandQuantiles.lowerBound")
    try checkShare(bandQuantiles.upperBound, "bandQuantiles.upperBound")
    self.init(
      trusted: start, rates: rates, periods: periods, draws: draws,
      bandQuantiles: bandQuantiles, seed: seed)
  }

  init(
    trusted start: Int, rates: GrowthRates, periods: [ForecastPeriod], draws: Int,
    bandQuantiles: ClosedRange<Double>, seed: UInt64
  ) {
    self.start = start
    self.rates = rates
    self.periods = periods
    self.draws = draws
    self.bandQuantiles = bandQuantiles
    self.seed = seed
  }

  /// The width of the band in percent: 90 for the 5th to the 95th percentile.
  var bandPercent: Double { (bandQuantiles.upperBound - bandQuantiles.lowerBound) * 100 }

  /// One period in a sentence: "after 30 days: 420 expected (90% band 402–438)".
  ///
  /// - Parameter period: A period, `1...periods.count`.
  /// - Returns: The sentence.
  public func reason(forPeriod period: Int) -> String {
    let entry = periods[period - 1]
    let band = NumberText.decimal(bandPercent, places: 1, dropsTrailingZeros: true)
    return "after \(CharacteristicPeriod.daysText(entry.days)): "
      + "\(NumberText.decimal(entry.expected, places: 0)) expected (\(band)% band "
      + "\(NumberText.decimal(entry.low, places: 0))–\(NumberText.decimal(entry.high, places: 0)))"
  }

  /// The forecast in a sentence: where the base starts, the rates, the last period and, with
  /// loss, where gains and losses balance.
  public var reason: String {
    var text = "\(NumberText.grouped(start)) now; \(rates.reason)"
    if let last = periods.last {
      text += "; \(reason(forPeriod: last.period))"
    }
    if let steady = rates.steadyState {
      text += "; gains and losses balance at \(NumberText.decimal(steady, places: 0))"
    }
    return text + " (\(NumberText.grouped(draws)) simulated paths, seed \(seed))"
  }
}
