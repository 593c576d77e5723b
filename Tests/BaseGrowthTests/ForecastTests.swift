import ClientBaseTesting
import Foundation
import Testing

@testable import BaseGrowth

@Suite("Base forecast")
struct ForecastTests {
  static func rates(_ acquisition: Double, _ loss: Double) throws -> GrowthRates {
    try GrowthRates(acquisitionPerPeriod: acquisition, lossRate: loss, periodDays: 30)
  }

  /// The projection by hand: 400 clients, 20 new and 5% lost a month stay at 400 (the steady
  /// state 20 / 0.05); without loss they grow by 20 a month; the practice's seller, from 0
  /// with 300 interested a month of whom two thirds go cold, holds 300, 400 and 433.3.
  @Test func projectionByHand() throws {
    let policy = StandardBaseForecast.standard
    #expect(
      try policy.projection(from: 400, rates: Self.rates(20, 0.05), periods: 3)
        == [400, 400, 400])
    #expect(
      try policy.projection(from: 400, rates: Self.rates(20, 0), periods: 3)
        == [420, 440, 460])
    let seller = try policy.projection(from: 0, rates: Self.rates(300, 2.0 / 3), periods: 3)
    #expect(abs(seller[0] - 300) < 1e-9 && abs(seller[1] - 400) < 1e-9)
    #expect(abs(seller[2] - 1_300.0 / 3) < 1e-9)
    #expect(try Self.rates(20, 0.05).steadyState == 400)
    #expect(try Self.rates(20, 0).steadyState == nil)
  }

  /// How long until 1,000 from 400 at 20 new and 1% lost: the steady state is 2,000, so
  /// t = ⌈ln(1000/1600)/ln(0.99)⌉ = ⌈46.77⌉ = 47 (the projection is 992.2 after 46 periods
  /// and 1,002.2 after 47). Without loss, (1000 − 400)/20 = 30. With a steady state at or
  /// below the size, never. The acquisition that keeps 400 flat at 5% is 20.
  @Test func milestonesAndTheFlatRate() throws {
    let policy = StandardBaseForecast.standard
    let slow = try Self.rates(20, 0.01)
    let milestone = try policy.periods(toReach: 1_000, from: 400, rates: slow)
    #expect(milestone.periods == 47)
    #expect(milestone.days == 1_410)
    #expect(
      milestone.reason
        == "1,000 in 47 periods (1,410 days): from 400 at 20 new and 1% lost every 30 days")
    #expect(try policy.periods(toReach: 1_000, from: 400, rates: Self.rates(20, 0)).periods == 30)
    let never = try policy.periods(toReach: 1_000, from: 400, rates: Self.rates(20, 0.05))
    #expect(never.periods == nil)
    #expect(
      never.reason == "never 1,000: gains and losses balance at 400, from 400 at 20 new "
        + "and 5% lost every 30 days")
    #expect(try policy.periods(toReach: 300, from: 400, rates: slow).periods == 0)
    #expect(try policy.periods(toReach: 500, from: 400, rates: Self.rates(0, 0)).periods == nil)
    #expect(try policy.acquisitionKeepingFlat(base: 400, rates: Self.rates(0, 0.05)) == 20)
    // The protocol's defaults, for a host's policy that only projects, agree with the closed
    // forms.
    let host = ProjectionOnly()
    #expect(try host.periods(toReach: 1_000, from: 400, rates: slow).periods == 47)
    #expect(try host.periods(toReach: 1_000, from: 400, rates: Self.rates(20, 0.05)).periods == nil)
    let flat = try host.acquisitionKeepingFlat(base: 400, rates: Self.rates(0, 0.05))
    #expect(abs(flat - 20) < 1e-6)
  }

  /// The same seed gives the same forecast on 1, 2 and 3 threads; another seed another one.
  @Test func seededRunsReproduceWhateverTheThreadCount() throws {
    let policy = try StandardBaseForecast(draws: 2_000)
    let rates = try Self.rates(20, 0.05)
    let one = try policy.forecast(from: 400, rates: rates, periods: 12, seed: 42, threadCount: 1)
    for threads in [2, 3] {
      let again = try policy.forecast(
        from: 400, rates: rates, periods: 12, seed: 42, threadCount: threads)
      #expect(again == one)
    }
    let other = try policy.forecast(from: 400, rates: rates, periods: 12, seed: 43, threadCount: 2)
    #expect(other != one)
    #expect(
      one.periods.map(\.expected) == (try policy.projection(from: 400, rates: rates, periods: 12)))
  }

  /// The bands contain the projection and the simulated mean lies within four standard
  /// errors of it (the simulation's expectation is the projection exactly), on seeded rates
  /// of every size.
  @Test func bandsContainTheProjection() throws {
    let policy = try StandardBaseForecast(draws: 4_000)
    var generator = SeededGenerator(seed: 11)
    for trial in 0..<20 {
      let base = 50 + generator.nextInt(below: 100_000)
      let loss = 0.002 + 0.3 * generator.nextUnitDouble()
      let acquisition = 30 + Double(base) * 0.3 * generator.nextUnitDouble()
      let rates = try Self.rates(acquisition, loss)
      let forecast = try policy.forecast(
        from: base, rates: rates, periods: 24, seed: UInt64(trial), threadCount: 2)
      for period in forecast.periods {
        #expect(period.low <= period.expected && period.expected <= period.high)
        #expect(period.low <= period.median && period.median <= period.high)
        #expect(abs(period.mean - period.expected) <= 4 * period.standardError + 1e-9)
      }
    }
  }

  /// What narrows as the draws grow is the Monte Carlo error: the standard error of the mean
  /// halves when the draws are four times as many, and the band's edges scatter less from
  /// seed to seed.
  @Test func monteCarloErrorNarrowsAsDrawsGrow() throws {
    let rates = try Self.rates(40, 0.1)
    let few = try StandardBaseForecast(draws: 500)
    let many = try StandardBaseForecast(draws: 8_000)
    let a = try few.forecast(from: 400, rates: rates, periods: 6, seed: 1, threadCount: 2)
    let b = try many.forecast(from: 400, rates: rates, periods: 6, seed: 1, threadCount: 2)
    for (small, large) in zip(a.periods, b.periods) {
      let ratio = large.standardError / small.standardError
      #expect(ratio > 0.25 * 0.8 && ratio < 0.25 * 1.25)  // 1/√16 = 0.25
    }
    // The upper edge of a large base one period ahead, whose spread (about 130 clients)
    // dwarfs the steps of whole clients, over 40 seeds: its scatter is the sampling error of
    // a 95th percentile, √(0.95 · 0.05 / draws) / density — about 27 with 100 draws and 7
    // with 1,600, a quarter.
    let large = try Self.rates(10_000, 0.1)
    func edgeSpread(draws: Int) throws -> Double {
      let policy = try StandardBaseForecast(draws: draws)
      let highs = try (0..<40).map {
        try policy.forecast(
          from: 100_000, rates: large, periods: 1, seed: UInt64(100 + $0), threadCount: 2
        ).periods[0].high
      }
      let mean = highs.reduce(0, +) / Double(highs.count)
      return (highs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 39).squareRoot()
    }
    let ratio = try edgeSpread(draws: 1_600) / edgeSpread(draws: 100)
    #expect(ratio > 0.15 && ratio < 0.4)
  }

  /// Without loss the forecast never shrinks: neither the projection nor any band edge nor
  /// any single simulated path.
  @Test func zeroLossNeverShrinks() throws {
    let policy = try StandardBaseForecast(draws: 1_000)
    for acquisition in [0, 0.3, 7, 250] {
      let forecast = try policy.forecast(
        from: 120, rates: Self.rates(acquisition, 0), periods: 24, seed: 9, threadCount: 2)
      var previous = (expected: 120.0, low: 120.0, median: 120.0, high: 120.0)
      for period in forecast.periods {
        #expect(period.expected >= previous.expected && period.low >= previous.low)
        #expect(period.median >= previous.median && period.high >= previous.high)
        previous = (period.expected, period.low, period.median, period.high)
      }
    }
    let laws = BaseForecastLaws.violations(of: policy, seed: 4)
    #expect(laws.isEmpty, "\(laws)")
  }

  /// The samplers have the right mean and variance, by inversion and by rejection alike.
  @Test(arguments: [(20.0, 0.1), (9.0, 0.5), (1_000.0, 0.3), (10_000.0, 0.9), (1e9, 0.02)])
  func binomialMoments(n: Double, p: Double) {
    var generator = DrawGenerator(seed: 7, draw: Int(n))
    let draws = 40_000
    var sum = 0.0
    var squares = 0.0
    for _ in 0..<draws {
      let k = binomialSample(n, p, &generator)
      #expect(k >= 0 && k <= n && k == k.rounded())
      sum += k
      squares += k * k
    }
    let mean = sum / Double(draws)
    let variance = squares / Double(draws) - mean * mean
    let sd = (n * p * (1 - p)).squareRoot()
    #expect(abs(mean - n * p) < 5 * sd / Double(draws).squareRoot())
    #expect(abs(variance / (sd * sd) - 1) < 0.05)
  }

  @Test(arguments: [0.3, 4.0, 12.0, 300.0, 1e8])
  func poissonMoments(mean: Double) {
    let sampler = PoissonSampler(mean: mean)
    var generator = DrawGenerator(seed: 3, draw: Int(mean))
    let draws = 40_000
    var sum = 0.0
    var squares = 0.0
    for _ in 0..<draws {
      let k = sampler.sample(&generator)
      #expect(k >= 0 && k == k.rounded())
      sum += k
      squares += k * k
    }
    let average = sum / Double(draws)
    let variance = squares / Double(draws) - average * average
    #expect(abs(average - mean) < 5 * (mean / Double(draws)).squareRoot())
    #expect(abs(variance / mean - 1) < 0.05)
  }

  /// ln k! through Stirling's series matches the log-gamma function.
  @Test func logFactorials() {
    for k in [0.0, 1, 5, 9, 10, 11, 29, 30, 31, 50, 1_000, 1e7] {
      let exact = SpecialFunctions.logGamma(k + 1)
      #expect(abs(logFactorial(k) - exact) <= 1e-12 * Swift.max(1, abs(exact)))
    }
  }

  @Test func measuredRates() throws {
    // Clients joining 0, 1, 2 … days before 2026-03-31 — one a day for 90 days, then none:
    // three 30-day periods of 30 new clients each.
    let asOf = GrowthFixtures.start.adding(days: 89)
    let log = GrowthFixtures.log((0..<120).map { ("c\($0)", [$0 < 90 ? $0 : -200 + $0]) })
    let table = try Summarizer().summarize(log, through: asOf)
    let history = try AcquisitionHistory(
      table: table, asOf: asOf, period: GrowthFixtures.month(), periods: 4)
    #expect(history.newClients == [0, 30, 30, 30])
    #expect(history.meanPerPeriod == 22.5)
    #expect(history.periodEnds.last == asOf)
    #expect(history.periodEnds.first == asOf.adding(days: -90))
    #expect(history.basis == "the mean of 4 periods to 2026-03-31 (0 to 30 new clients a period)")
    let loss = try ExpectedLoss(
      clients: 120, expectedAlive: 100, expectedLost: 5, variance: 4, periodDays: 30,
      source: "BG/NBD fit, converged")
    let rates = try GrowthRates(acquisition: history, loss: loss)
    #expect(rates.acquisitionPerPeriod == 22.5 && rates.lossRate == 0.05)
    #expect(rates.steadyState == 450)
    #expect(rates.lossBasis.contains("5.0 of 100.0 clients expected alive"))
  }

  @Test func badInput() throws {
    // Negative rates, a loss rate above 1, too much acquisition, a period of nothing.
    #expect(throws: GrowthError.self) { try Self.rates(-1, 0.1) }
    #expect(throws: GrowthError.self) { try Self.rates(10, -0.1) }
    #expect(throws: GrowthError.self) { try Self.rates(10, 1.5) }
    #expect(throws: GrowthError.self) { try Self.rates(.nan, 0.1) }
    #expect(throws: GrowthError.self) { try Self.rates(0x1p40, 0.1) }
    #expect(throws: GrowthError.self) {
      try GrowthRates(acquisitionPerPeriod: 1, lossRate: 0, periodDays: 0)
    }
    let policy = StandardBaseForecast.standard
    let rates = try Self.rates(20, 0.05)
    #expect(throws: GrowthError.self) { try policy.projection(from: -1, rates: rates, periods: 3) }
    #expect(throws: GrowthError.self) { try policy.projection(from: 1, rates: rates, periods: -3) }
    #expect(throws: GrowthError.self) {
      try policy.forecast(from: -5, rates: rates, periods: 3, seed: 1, threadCount: 1)
    }
    #expect(throws: GrowthError.self) {
      try policy.forecast(from: 5, rates: rates, periods: 0, seed: 1, threadCount: 1)
    }
    #expect(throws: GrowthError.self) {
      try policy.forecast(from: 5, rates: rates, periods: 5_000, seed: 1, threadCount: 1)
    }
    #expect(throws: GrowthError.self) {
      try policy.forecast(from: 5, rates: rates, periods: 3, seed: 1, threadCount: 0)
    }
    #expect(throws: GrowthError.self) { try StandardBaseForecast(draws: 0) }
    #expect(throws: GrowthError.self) {
      try StandardBaseForecast(lowerQuantile: 0.9, upperQuantile: 0.1)
    }
    #expect(throws: GrowthError.self) { try policy.periods(toReach: -1, from: 1, rates: rates) }
    #expect(throws: GrowthError.self) {
      try AcquisitionHistory(
        table: ClientTable<String>([]), asOf: GrowthFixtures.start,
        period: GrowthFixtures.month(), periods: 0)
    }
    // The largest base grows without overflow.
    let huge = try StandardBaseForecast(draws: 50).forecast(
      from: StandardBaseForecast.maximumBase, rates: Self.rates(0x1p36, 0.5), periods: 3,
      seed: 1, threadCount: 1)
    #expect(huge.periods.allSatisfy { $0.high.isFinite && $0.low > 0 && $0.low <= $0.high })
    #expect(abs(huge.periods[2].expected - huge.periods[2].mean) < 1e-3 * huge.periods[2].mean)
  }

  @Test func forecastWords() throws {
    let forecast = try StandardBaseForecast(draws: 1_000).forecast(
      from: 400, rates: Self.rates(20, 0.05), periods: 2, seed: 2026, threadCount: 1)
    let text = forecast.reason(forPeriod: 1)
    #expect(text.hasPrefix("after 30 days: 400 expected (90% band "))
    #expect(forecast.reason.hasPrefix("400 now; 20 new and 5% lost every 30 days (new: given; "))
    #expect(
      forecast.reason.hasSuffix(
        "gains and losses balance at 400 (1,000 simulated paths, seed 2026)"))
  }
}

/// A host's forecast that only projects: the protocol's defaults give its milestones and its
/// flat acquisition.
struct ProjectionOnly: BaseForecastPolicy {
  func projection(from base: Double, rates: GrowthRates, periods: Int) throws(GrowthError)
    -> [Double]
  {
    try StandardBaseForecast.standard.projection(from: base, rates: rates, periods: periods)
  }

  func forecast(from base: Int, rates: GrowthRates, periods: Int, seed: UInt64, threadCount: Int)
    throws(GrowthError) -> BaseForecast
  {
    try StandardBaseForecast.standard.forecast(
      from: base, rates: rates, periods: periods, seed: seed, threadCount: threadCount)
  }
}

@Suite("Forecast quantiles")
struct ForecastQuantileTests {
  /// The counted quantiles are the sorted ones, type 7: for 0…9 each once, the 5th
  /// percentile is at rank 0.45 (0.45), the median at 4.5 (4.5), the 95th at 8.55 (8.55).
  @Test func countedQuantilesAreTheSortedOnes() {
    var values: [Double] = (0..<10).map(Double.init).reversed()
    let simple = values.withUnsafeMutableBufferPointer {
      StandardBaseForecast.quantiles([0.05, 0.5, 0.95], of: $0)
    }
    #expect(zip(simple, [0.45, 4.5, 8.55]).allSatisfy { abs($0 - $1) < 1e-12 })
    var generator = SeededGenerator(seed: 21)
    for trial in 0..<50 {
      let n = 1 + generator.nextInt(below: 3_000)
      let spread = [3, 40, 1_000, 1_000_000][trial % 4]
      values = (0..<n).map { _ in Double(500 + generator.nextInt(below: spread)) }
      let counted = values.withUnsafeMutableBufferPointer {
        StandardBaseForecast.quantiles([0.05, 0.5, 0.95], of: $0)
      }
      let sorted = values.sorted()
      let expected = [0.05, 0.5, 0.95].map { q -> Double in
        let h = Double(n - 1) * q
        let low = Int(h.rounded(.down))
        let high = min(low + 1, n - 1)
        return sorted[low] + (h - Double(low)) * (sorted[high] - sorted[low])
      }
      #expect(counted == expected)
    }
  }
}
