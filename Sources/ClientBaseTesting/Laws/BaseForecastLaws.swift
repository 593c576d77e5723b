public import BaseGrowth
import ClientBaseCore

/// Law checks for base-forecast policies that a host calls from its own tests, whatever test
/// framework it uses.
///
/// ```swift
/// let violations = BaseForecastLaws.violations(of: SeasonalForecast(), seed: 3)
/// #expect(violations.isEmpty, "\(violations)")
/// ```
public enum BaseForecastLaws: Sendable {
  /// Checks the laws of `BaseForecastPolicy` on seeded rates: bases from 50 to 100,000,
  /// acquisition from 30 to a third of the base a period, loss rates from 0 to 30%, over 12
  /// periods, and the same with no loss.
  ///
  /// Laws, as violations name them:
  /// - **no loss, no shrinking**: with a loss rate of 0, neither the projection nor any band
  ///   edge falls from one period to the next (nor below the start);
  /// - **bands**: 0 ≤ low ≤ median ≤ high in every period, and the band contains the
  ///   projection (the rates here are large enough for it to);
  /// - **projection agrees**: the forecast's expected column is the projection, to 10⁻⁹;
  /// - **seeded**: the same seed gives the same forecast twice, and on 2 and 3 threads as on
  ///   one.
  ///
  /// - Parameters:
  ///   - policy: The policy under test.
  ///   - seed: The seed of the rates and of the simulations; 1 by default.
  ///   - trials: How many seeded rates; 6 by default (each also run without loss).
  /// - Returns: The violations found, at most five per law.
  /// - Complexity: 5 × 2 × `trials` forecasts of 12 periods.
  public static func violations<Policy: BaseForecastPolicy>(
    of policy: Policy, seed: UInt64 = 1, trials: Int = 6
  ) -> [LawViolation] {
    var report = LawReport()
    var generator = SeededGenerator(seed: seed)
    let periods = 12
    for trial in 0..<Swift.max(trials, 1) {
      let base = 50 + generator.nextInt(below: 100_000)
      let acquisition = 30 + Double(base) / 3 * generator.nextUnitDouble()
      let loss = 0.3 * generator.nextUnitDouble()
      for lossRate in [loss, 0] {
        guard
          let rates = try? GrowthRates(
            acquisitionPerPeriod: acquisition, lossRate: lossRate, periodDays: 30)
        else { continue }
        let shown: [LawViolation.Value] = [
          .init("base", "\(base)"), .init("acquisition", "\(acquisition)"),
          .init("loss rate", "\(lossRate)"),
        ]
        let runSeed = seed &+ UInt64(trial)
        let forecast: BaseForecast
        let path: [Double]
        do {
          forecast = try policy.forecast(
            from: base, rates: rates, periods: periods, seed: runSeed, threadCount: 1)
          path = try policy.projection(from: Double(base), rates: rates, periods: periods)
        } catch {
          report.add(
            LawViolation(
              law: "seeded", values: shown, message: "threw \(error) on valid rates"))
          continue
        }
        checkBands(forecast, path: path, lossRate: lossRate, shown: shown, into: &report)
        for threads in [1, 2, 3] {
          let again = try? policy.forecast(
            from: base, rates: rates, periods: periods, seed: runSeed, threadCount: threads)
          if again != forecast {
            report.add(
              LawViolation(
                law: "seeded", values: shown + [.init("threads", "\(threads)")],
                message: "the same seed gave another forecast"))
          }
        }
      }
    }
    return report.violations
  }

  private static func checkBands(
    _ forecast: BaseForecast, path: [Double], lossRate: Double, shown: [LawViolation.Value],
    into report: inout LawReport
  ) {
    if forecast.periods.count != path.count
      || zip(forecast.periods, path).contains(where: {
        abs($0.expected - $1) > 1e-9 * Swift.max(1, abs($1))
      })
    {
      report.add(
        LawViolation(
          law: "projection agrees", values: shown,
          message: "the forecast's expected column is not the projection"))
    }
    let start = Double(forecast.start)
    var previous = (expected: start, low: start, median: start, high: start)
    for period in forecast.periods {
      let figures =
        shown + [
          .init("period", "\(period.period)"), .init("expected", "\(period.expected)"),
          .init("band", "\(period.low)...\(period.high)"), .init("median", "\(period.median)"),
        ]
      if !(period.low >= 0 && period.low <= period.median && period.median <= period.high) {
        report.add(
          LawViolation(
            law: "bands", values: figures, message: "the band is not 0 ≤ low ≤ median ≤ high"))
      } else if !(period.low <= period.expected && period.expected <= period.high) {
        report.add(
          LawViolation(
            law: "bands", values: figures, message: "the band does not contain the projection"))
      }
      if lossRate == 0 {
        if period.expected < previous.expected || period.low < previous.low
          || period.median < previous.median || period.high < previous.high
        {
          report.add(
            LawViolation(
              law: "no loss, no shrinking", values: figures,
              message: "the base shrank from one period to the next without any loss"))
        }
        previous = (period.expected, period.low, period.median, period.high)
      }
    }
  }
}
