import ClientBase
import ClientBaseTesting

/// The base-growth figures (issue 13's budgets): the characteristic period and the growth
/// targets over 1M clients within 30 ms, and a 10,000-path Monte Carlo over 24 periods within
/// 50 ms. Grouping the log's purchase days by client (PurchaseDays) is the input's cost, and
/// the purchase model's expected loss a scoring pass, both reported apart.
func growthBenchmark() throws {
  let clients = 1_000_000
  let base = try SyntheticBase(
    configuration: SyntheticBaseConfiguration(
      clients: clients, process: .cdnowBGNBD, unit: .week, seed: 23, contactsPerYear: 0,
      lifeEventsPerYear: 0))
  let asOf = base.configuration.asOf
  let table = try Summarizer().summarize(base.log, through: asOf)
  let days = try PurchaseDays(base.log, table: table, asOf: asOf)
  let summary = try table.repeatPurchaseSummary(asOf: asOf, unit: .week)
  let histories = try PurchaseHistories(summary)
  let fit = try BGNBDModel.fit(histories)
  let extra = ["clients": table.count, "events": base.log.count]
  for threads in [1, 2] {
    let threaded = extra.merging(["threads": threads]) { $1 }
    var stats = try measure(runs: 9) {
      let period = try StandardCharacteristicPeriod.standard.characteristicPeriod(
        of: PurchaseGaps(days, threadCount: threads), threadCount: threads)
      blackHole(period.days)
    }
    report(
      "growth.period", stats, work: Double(table.count), unit: "clients/s", extra: threaded)
    let period = try StandardCharacteristicPeriod.standard.characteristicPeriod(
      of: PurchaseGaps(days, threadCount: threads), threadCount: threads)
    stats = try measure(runs: 7) {
      blackHole(
        try ExpectedLoss(
          fit: fit, histories: histories, unit: .week, period: period, threadCount: threads
        ).expectedLost)
    }
    report(
      "growth.expected-loss", stats, work: Double(table.count), unit: "clients/s",
      extra: threaded.merging(["rows": histories.count]) { $1 })
    let loss = try ExpectedLoss(
      fit: fit, histories: histories, unit: .week, period: period, threadCount: threads)
    stats = try measure(runs: 9) {
      let period = try StandardCharacteristicPeriod.standard.characteristicPeriod(
        of: PurchaseGaps(days, threadCount: threads), threadCount: threads)
      let situation = try GrowthSituation(
        baseSize: table.count, period: period,
        expectedLoss: ExpectedLoss(
          clients: loss.clients, expectedAlive: loss.expectedAlive,
          expectedLost: loss.expectedLost, variance: loss.variance, periodDays: period.days,
          source: loss.source))
      let sqrtN = try StandardGrowthTarget.standard.target(for: situation)
      let churn = try ChurnCompensatingTarget().target(for: situation)
      blackHole(sqrtN.prospectsPerPeriod + churn.prospectsPerPeriod)
    }
    report(
      "growth.period+targets", stats, work: Double(table.count), unit: "clients/s",
      extra: threaded)
  }
  // The Monte Carlo: 10,000 paths over 24 periods, from a base of 400 (the practice's) and of
  // a million (the samplers are O(1) whatever the counts).
  for (start, acquisition, loss) in [(400, 20.0, 0.05), (1_000_000, 20_000.0, 0.02)] {
    let rates = try GrowthRates(acquisitionPerPeriod: acquisition, lossRate: loss, periodDays: 30)
    for threads in [1, 2] {
      let stats = try measure(runs: 9) {
        let forecast = try StandardBaseForecast.standard.forecast(
          from: start, rates: rates, periods: 24, seed: 2026, threadCount: threads)
        blackHole(forecast.periods.count)
      }
      report(
        "growth.monte-carlo", stats, work: 10_000 * 24, unit: "steps/s",
        extra: ["draws": 10_000, "periods": 24, "base": start, "threads": threads])
    }
  }
}
