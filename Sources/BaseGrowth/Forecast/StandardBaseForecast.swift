/// The default base forecast: each member leaves independently with the loss rate, and a
/// Poisson number of new members arrives, every period.
///
/// **Projection.** The expected base follows *N*ₜ₊₁ = *N*ₜ(1 − *p*) + *a* for a loss rate *p*
/// and an acquisition *a* per period, so *N*ₜ = *S* + (*N*₀ − *S*)(1 − *p*)ᵗ with the steady
/// state *S* = *a*/*p*: a base above *S* shrinks towards it, one below grows towards it, and no
/// base ever passes it. Without loss it grows by *a* a period.
///
/// **Simulation.** Each path draws the members lost in a period as Binomial(*N*ₜ, *p*) and the
/// newcomers as Poisson(*a*), so its expectation is exactly the projection, and the spread
/// comes from the process itself: who happens to leave, how many happen to arrive. The band
/// is the ``lowerQuantile`` and ``upperQuantile`` of the simulated bases (5% and 95% by
/// default): nine periods in ten the base lands inside it, if the rates hold. The bands
/// converge as the draws grow; what narrows is their Monte Carlo error, reported as each
/// period's ``ForecastPeriod/standardError`` of the mean (the spread over √draws).
///
/// **Reproducibility.** Path *i* has its own generator, a function of the seed and *i* alone
/// (SplitMix64), and the paths are cut into parts by their count alone, so the same seed gives
/// the same forecast on any number of threads. The numbers come from the platform's C `log`
/// and `exp`, so two platforms may differ in the last bits of a path.
///
/// The samplers are O(1) per draw whatever the counts (Hörmann's BTRS and PTRS, 1993), so a
/// simulation costs draws × periods steps: 10,000 paths over 24 periods take a few
/// milliseconds.
public struct StandardBaseForecast: BaseForecastPolicy, Hashable, Codable {
  /// The most simulated paths.
  public static let maximumDraws = 1_000_000
  /// The most periods ahead a forecast or projection covers.
  public static let maximumPeriods = 10_000
  /// The most draws × periods a forecast keeps (80 MB of figures).
  public static let maximumCells = 10_000_000
  /// The largest base a forecast starts from: 2⁴⁰ (1.1 trillion).
  public static let maximumBase = 1 << 40

  /// The simulated paths, 1 to ``maximumDraws``; 10,000 by default.
  public let draws: Int
  /// The band's lower quantile, within 0...1 and below ``upperQuantile``; 0.05 by default.
  public let lowerQuantile: Double
  /// The band's upper quantile, within 0...1; 0.95 by default.
  public let upperQuantile: Double

  /// Creates the policy, checking its settings.
  ///
  /// - Parameters:
  ///   - draws: The simulated paths; 10,000 by default.
  ///   - lowerQuantile: The band's lower quantile; 0.05 by default.
  ///   - upperQuantile: The band's upper quantile; 0.95 by default.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for draws outside
  ///   1...``maximumDraws`` or quantiles that are not 0 ≤ lower < upper ≤ 1.
  public init(draws: Int = 10_000, lowerQuantile: Double = 0.05, upperQuantile: Double = 0.95)
    throws(GrowthError)
  {
    guard draws >= 1, draws <= Self.maximumDraws else {
      throw .invalidParameter(
        "draws", reason: "must be within 1...\(Self.maximumDraws), got \(draws)")
    }
    try checkShare(lowerQuantile, "lowerQuantile")
    try checkShare(upperQuantile, "upperQuantile")
    guard lowerQuantile < upperQuantile else {
      throw .invalidParameter(
        "upperQuantile",
        reason: "must be above lowerQuantile (\(lowerQuantile)), got \(upperQuantile)")
    }
    self.init(unchecked: draws, lowerQuantile, upperQuantile)
  }

  private init(unchecked draws: Int, _ lower: Double, _ upper: Double) {
    self.draws = draws
    self.lowerQuantile = lower
    self.upperQuantile = upper
  }

  /// The defaults: 10,000 paths, the 5th to the 95th percentile.
  static let defaults = StandardBaseForecast(unchecked: 10_000, 0.05, 0.95)

  private enum CodingKeys: String, CodingKey { case draws, lowerQuantile, upperQuantile }

  /// Decodes a policy and checks it as ``init(draws:lowerQuantile:upperQuantile:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``GrowthError`` text
  ///   when the fields fail the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let draws = try container.decode(Int.self, forKey: .draws)
    let lower = try container.decode(Double.self, forKey: .lowerQuantile)
    let upper = try container.decode(Double.self, forKey: .upperQuantile)
    self = try GrowthError.checkedDecoding(decoder) { () throws(GrowthError) in
      try StandardBaseForecast(draws: draws, lowerQuantile: lower, upperQuantile: upper)
    }
  }

  /// *N*ₜ₊₁ = *N*ₜ(1 − *p*) + *a*, period after period.
  ///
  /// - Parameters:
  ///   - base: The base now, finite and 0 or more.
  ///   - rates: The rates.
  ///   - periods: Periods ahead, 0 to ``maximumPeriods``.
  /// - Returns: The expected base after each period.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a base or a count out of range.
  /// - Complexity: O(`periods`).
  public func projection(from base: Double, rates: GrowthRates, periods: Int)
    throws(GrowthError) -> [Double]
  {
    try checkNonNegative(base, "base")
    try Self.checkPeriods(periods)
    var path: [Double] = []
    path.reserveCapacity(periods)
    var n = base
    let keep = 1 - rates.lossRate
    for _ in 0..<periods {
      n = n * keep + rates.acquisitionPerPeriod
      path.append(n)
    }
    return path
  }

  /// The projection and the simulation, the paths split over up to `threadCount` threads.
  ///
  /// - Parameters:
  ///   - base: The base now, 0 to ``maximumBase``.
  ///   - rates: The rates.
  ///   - periods: Periods ahead, 1 to ``maximumPeriods``, with draws × periods at most
  ///     ``maximumCells``.
  ///   - seed: The seed.
  ///   - threadCount: The most threads to use, at least 1; the result does not depend on it.
  /// - Returns: The forecast.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for an argument out of range.
  /// - Complexity: O(draws × periods), plus a sort of each period's draws.
  public func forecast(
    from base: Int, rates: GrowthRates, periods: Int, seed: UInt64, threadCount: Int
  ) throws(GrowthError) -> BaseForecast {
    guard base >= 0, base <= Self.maximumBase else {
      throw .invalidParameter(
        "base", reason: "must be within 0...\(Self.maximumBase), got \(base)")
    }
    guard periods >= 1 else {
      throw .invalidParameter("periods", reason: "must be 1 or more, got \(periods)")
    }
    try Self.checkPeriods(periods)
    try checkThreads(threadCount)
    guard draws * periods <= Self.maximumCells else {
      throw .invalidParameter(
        "periods",
        reason: "\(draws) draws × \(periods) periods is more than \(Self.maximumCells) figures")
    }
    let expected = try projection(from: Double(base), rates: rates, periods: periods)
    let draws = self.draws
    // cells[period * draws + draw]: period-major, so each period's draws are contiguous for
    // the quantiles; each part writes only its own draws.
    var cells = [Double](repeating: 0, count: draws * periods)
    let parts = ParallelWork.partCount(for: draws, grain: 256)
    let start = Double(base)
    let loss = rates.lossRate
    let poisson = PoissonSampler(mean: rates.acquisitionPerPeriod)
    cells.withUnsafeMutableBufferPointer { cells in
      let cells = SendableMutableBuffer(cells)
      _ = ParallelWork.map(parts: parts, threads: threadCount) { part in
        for draw in ParallelWork.range(of: part, in: parts, count: draws) {
          var generator = DrawGenerator(seed: seed, draw: draw)
          var n = start
          for period in 0..<periods {
            n -= binomialSample(n, loss, &generator)
            n += poisson.sample(&generator)
            cells.base[period * draws + draw] = n
          }
        }
      }
    }
    let lowerQuantile = self.lowerQuantile
    let upperQuantile = self.upperQuantile
    let periodDays = rates.periodDays
    let summaries = cells.withUnsafeMutableBufferPointer { cells in
      let cells = SendableMutableBuffer(cells)
      return ParallelWork.map(parts: periods, threads: threadCount) { period in
        let column = UnsafeMutableBufferPointer(
          rebasing: cells.base[period * draws..<(period + 1) * draws])
        var sum = 0.0
        for value in column { sum += value }
        let mean = sum / Double(draws)
        var squares = 0.0
        for value in column { squares += (value - mean) * (value - mean) }
        let deviation = draws > 1 ? (squares / Double(draws - 1)).squareRoot() : 0
        let quantiles = Self.quantiles(
          [lowerQuantile, 0.5, upperQuantile], of: column)
        return ForecastPeriod(
          trusted: period + 1, days: Double(period + 1) * periodDays, expected: expected[period],
          mean: mean, standardError: deviation / Double(draws).squareRoot(),
          low: quantiles[0], median: quantiles[1], high: quantiles[2])
      }
    }
    return BaseForecast(
      trusted: base, rates: rates, periods: summaries, draws: draws,
      bandQuantiles: lowerQuantile...upperQuantile, seed: seed)
  }

  /// The closed form: *t* = ⌈ln((*size* − *S*)/(*N*₀ − *S*)) / ln(1 − *p*)⌉ with *S* = *a*/*p*,
  /// or ⌈(*size* − *N*₀)/*a*⌉ without loss; never when *S* ≤ *size*.
  ///
  /// - Parameters:
  ///   - size: The size to reach, finite and 0 or more.
  ///   - base: The base now, finite and 0 or more.
  ///   - rates: The rates.
  /// - Returns: The milestone; `nil` periods when the expected base never reaches the size or
  ///   only after ``BaseMilestone/maximumPeriods``.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a size or base out of range.
  public func periods(toReach size: Double, from base: Double, rates: GrowthRates)
    throws(GrowthError) -> BaseMilestone
  {
    try checkNonNegative(size, "size")
    try checkNonNegative(base, "base")
    func milestone(_ periods: Int?) -> BaseMilestone {
      let within = periods.flatMap { $0 <= BaseMilestone.maximumPeriods ? $0 : nil }
      return BaseMilestone(size: size, from: base, periods: within, rates: rates)
    }
    if base >= size { return milestone(0) }
    let a = rates.acquisitionPerPeriod
    let p = rates.lossRate
    guard a > 0 else { return milestone(nil) }
    var estimate: Double
    if p == 0 {
      estimate = ((size - base) / a).rounded(.up)
    } else {
      let steady = a / p
      guard steady > size else { return milestone(nil) }
      estimate =
        p == 1 ? 1 : (cLog((steady - size) / (steady - base)) / cLog1p(-p)).rounded(.up)
    }
    guard estimate.isFinite, estimate <= Double(BaseMilestone.maximumPeriods) + 1 else {
      return milestone(nil)
    }
    // Rounding can put the closed form one period off: settle it on the projection itself.
    var t = Swift.max(Int(estimate), 1)
    let path = try projection(from: base, rates: rates, periods: t + 1)
    while t > 1, path[t - 2] >= size { t -= 1 }
    while t <= path.count, path[t - 1] < size { t += 1 }
    return milestone(t <= path.count ? t : nil)
  }

  /// *p* · *N*: the expected loss of one period, which an equal acquisition replaces.
  ///
  /// - Parameters:
  ///   - base: The base to hold, finite and 0 or more.
  ///   - rates: The rates; only the loss rate matters.
  /// - Returns: New members per period.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a base out of range.
  public func acquisitionKeepingFlat(base: Double, rates: GrowthRates) throws(GrowthError)
    -> Double
  {
    try checkNonNegative(base, "base")
    return base * rates.lossRate
  }

  static func checkPeriods(_ periods: Int) throws(GrowthError) {
    guard periods >= 0, periods <= maximumPeriods else {
      throw .invalidParameter(
        "periods", reason: "must be within 0...\(maximumPeriods), got \(periods)")
    }
  }

  /// Type-7 quantiles (ascending `qs`) of whole numbers: counted in a histogram when their
  /// range is within a few times their count (always, in practice: a base's spread across
  /// draws is of the order of its square root), sorted otherwise.
  static func quantiles(_ qs: [Double], of column: UnsafeMutableBufferPointer<Double>)
    -> [Double]
  {
    let n = column.count
    var ranks: [(low: Int, fraction: Double)] = []
    for q in qs {
      let h = Double(n - 1) * q
      let low = Int(h.rounded(.down))
      ranks.append((low, h - Double(low)))
    }
    var smallest = Double.infinity
    var largest = -Double.infinity
    for value in column {
      smallest = Swift.min(smallest, value)
      largest = Swift.max(largest, value)
    }
    let span = largest - smallest
    if span < Double(4 * n + 4_096) {
      var counts = [Int32](repeating: 0, count: Int(span) + 1)
      for value in column { counts[Int(value - smallest)] &+= 1 }
      /// The value of 0-based rank `rank`.
      func value(atRank rank: Int, from start: inout (bin: Int, seen: Int)) -> Double {
        while start.seen + Int(counts[start.bin]) <= rank {
          start.seen += Int(counts[start.bin])
          start.bin += 1
        }
        return smallest + Double(start.bin)
      }
      var cursor = (bin: 0, seen: 0)
      return ranks.map { rank in
        let low = value(atRank: rank.low, from: &cursor)
        var ahead = cursor
        let high = value(atRank: Swift.min(rank.low + 1, n - 1), from: &ahead)
        return low + rank.fraction * (high - low)
      }
    }
    var sorted = column
    sorted.sort()
    return ranks.map { rank in
      let low = sorted[rank.low]
      let high = sorted[Swift.min(rank.low + 1, n - 1)]
      return low + rank.fraction * (high - low)
    }
  }
}
