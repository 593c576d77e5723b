import ClientBaseTesting
import Foundation
import Testing

@testable import Retention

@Suite("Edge cases, lifetime value, scoring and holdout")
struct ValueAndHoldoutTests {
  let bg = try! BGNBDModel(r: cdnow.r, alpha: cdnow.alpha, a: cdnow.a, b: cdnow.b)
  let mbg = try! MBGNBDModel(r: cdnow.r, alpha: cdnow.alpha, a: cdnow.a, b: cdnow.b)

  @Test("extreme histories give finite, sensible numbers")
  func extremes() {
    let histories: [(Int, Double, Double)] = [
      (0, 0, 0), (0, 0, 1e-9), (0, 0, 1e6), (1, 1e-9, 1e-9), (5000, 50, 52), (5000, 1, 52),
      (3, 10, 10), (1, 1, 1e5),
    ]
    for model in [bg as any PurchaseModel, mbg] {
      for (x, tx, t) in histories {
        let ll = model.logLikelihood(frequency: x, recency: tx, age: t)
        let alive = model.probabilityAlive(frequency: x, recency: tx, age: t)
        let expected = model.expectedPurchases(inNext: 52, frequency: x, recency: tx, age: t)
        let after = model.probabilityAlive(after: 52, frequency: x, recency: tx, age: t)
        #expect(ll.isFinite, "\(x) \(tx) \(t)")
        #expect((0...1).contains(alive))
        #expect(expected.isFinite && expected >= 0)
        #expect((0...alive).contains(after))
      }
    }
    // A client who bought on the last day is as alive as BG/NBD allows: t_x = T gives C =
    // a/(b + x − 1).
    let alive = bg.probabilityAlive(frequency: 3, recency: 10, age: 10)
    #expect(abs(alive - 1 / (1 + cdnow.a / (cdnow.b + 2))) < 1e-15)
    // Heavy buyers who stopped long ago are gone; heavy buyers who bought yesterday are not.
    #expect(bg.probabilityAlive(frequency: 5000, recency: 1, age: 52) < 1e-100)
    #expect(bg.probabilityAlive(frequency: 5000, recency: 52, age: 52) > 0.99)
  }

  @Test("degenerate bases give typed errors or documented results")
  func degenerateBases() throws {
    #expect(throws: RetentionError.noData) {
      try PurchaseHistories(frequency: [], recency: [], age: [])
    }
    #expect(throws: RetentionError.noData) {
      try PurchaseHistories(frequency: [1, 2], recency: [1, 2], age: [3, 4], weight: [0, 0])
    }
    #expect(throws: RetentionError.self) {  // t_x > T
      try PurchaseHistories(frequency: [1], recency: [5], age: [3])
    }
    #expect(throws: RetentionError.self) {  // recency without a repeat purchase
      try PurchaseHistories(frequency: [0], recency: [1], age: [3])
    }
    // Repeat purchases at recency 0 (the likelihood has no maximum there: the fuzzer's
    // 16-purchases-at-one-instant row drove BG/NBD's log-likelihood to +20,365 at α = 1e-307).
    #expect(
      throws: RetentionError.invalidHistory(
        row: 1, reason: "16 repeat purchases at recency 0: a repeat comes after the first")
    ) {
      try PurchaseHistories(frequency: [32, 16, 0], recency: [37.8, 0, 0], age: [113, 113, 97])
    }
    #expect(throws: RetentionError.self) {
      try PurchaseHistories(frequency: [1], recency: [.nan], age: [3])
    }
    #expect(throws: RetentionError.self) {
      try PurchaseHistories(frequency: [-1], recency: [0], age: [3])
    }
    let nobodyRepeats = try PurchaseHistories(frequency: [0, 0], recency: [0, 0], age: [3, 9])
    #expect {
      try BGNBDModel.fit(nobodyRepeats)
    } throws: { error in
      if case .unidentifiable = error as? RetentionError { return true }
      return false
    }
    // One client, or many identical clients: the likelihood has no interior maximum in all
    // four parameters (it climbs as r and α grow together and drop-out vanishes); the fit
    // must come back finite, not converged, and say why.
    for histories in [
      try PurchaseHistories(frequency: [3], recency: [20], age: [30]),
      try PurchaseHistories(frequency: [3], recency: [20], age: [30], weight: [5000]),
    ] {
      let fit = try BGNBDModel.fit(histories)
      #expect(fit.logLikelihood.isFinite)
      #expect([fit.model.r, fit.model.alpha, fit.model.a, fit.model.b].allSatisfy { $0.isFinite })
      #expect(!fit.converged && fit.standardErrors == nil)
      #expect(fit.reason?.contains("purchase rates are all alike") == true, "\(fit.reason ?? "")")
    }
    // Zero-weight rows are dropped, not fitted.
    let weighted = try PurchaseHistories(
      frequency: [1, 2, 0], recency: [2, 5, 0], age: [6, 9, 9], weight: [1, 0, 2])
    #expect(weighted.count == 2)
    #expect(weighted.totalWeight == 3)
    #expect(throws: RetentionError.self) { try BGNBDModel(r: 0, alpha: 1, a: 1, b: 1) }
    #expect(throws: RetentionError.self) { try MBGNBDModel(r: 1, alpha: .infinity, a: 1, b: 1) }
  }

  @Test("compressing a summary keeps every client and weight")
  func compression() throws {
    let base = try SyntheticBase(
      configuration: SyntheticBaseConfiguration(
        clients: 5_000, seed: 8, contactsPerYear: 0,
        lifeEventsPerYear: 0))
    let summary = try Summarizer().summarize(base.log)
      .repeatPurchaseSummary(asOf: base.configuration.asOf, unit: .week)
    let compressed = try PurchaseHistories(summary)
    let direct = try PurchaseHistories(
      frequency: summary.frequency.map(Int.init),
      recency: (0..<summary.count).map { summary.recency(at: $0) },
      age: (0..<summary.count).map { summary.age(at: $0) })
    #expect(compressed.totalWeight == 5_000)
    #expect(compressed.count < 5_000)
    #expect(compressed.count == direct.count)
    #expect(compressed.frequency == direct.frequency)
    #expect(compressed.weight == direct.weight)
    #expect(compressed.recency == direct.recency)
    #expect(compressed.age == direct.age)
    // The whole-day path builds its distinct-value tables by counting; the general path sorts.
    #expect(compressed.distinctAges == direct.distinctAges)
    #expect(compressed.ageIndex == direct.ageIndex)
    #expect(compressed.distinctRecencies == direct.distinctRecencies)
    #expect(compressed.recencyIndex == direct.recencyIndex)
    #expect(compressed.maximumFrequency == direct.maximumFrequency)
    #expect(abs(bg.logLikelihood(of: compressed) - bg.logLikelihood(of: direct)) < 1e-9)
  }

  @Test("lifetime value discounts expected purchases month by month, a month 365.25/12 days")
  func lifetimeValue() throws {
    let value = try LifetimeValue.monthly(in: .week, months: 12, monthlyDiscountRate: 0.01)
    let clv = value.value(of: bg, spendPerPurchase: 40, frequency: 4, recency: 30, age: 40)
    // By hand: Σ (E[Y(Mi)] − E[Y(M(i−1))]) · 40 / 1.01^i, a month M = 365.25/12 days in
    // weeks, so twelve months are a year.
    let month = 365.25 / 12 / 7
    var expected = 0.0
    for i in 1...12 {
      let now = bg.expectedPurchases(
        inNext: month * Double(i), frequency: 4, recency: 30, age: 40)
      let before = bg.expectedPurchases(
        inNext: month * Double(i - 1), frequency: 4, recency: 30, age: 40)
      expected += (now - before) * 40 / pow(1.01, Double(i))
    }
    #expect(abs(clv - expected) < 1e-10 * expected)
    #expect(value.periodLength * Double(value.periods) == 365.25 / 7)
    // Another convention on request: the 30-day months of the `lifetimes` package.
    let thirty = try LifetimeValue.monthly(in: .day, months: 12, daysPerMonth: 30)
    #expect(thirty.periodLength == 30)
    #expect(throws: RetentionError.self) {
      try LifetimeValue.monthly(in: .day, daysPerMonth: 0)
    }
    // Without discounting it is spend × expected purchases over the horizon.
    let flat = try LifetimeValue(periodLength: 30 / 7, periods: 12, discountRatePerPeriod: 0)
    let undiscounted = flat.value(of: bg, spendPerPurchase: 40, frequency: 4, recency: 30, age: 40)
    let purchases = bg.expectedPurchases(inNext: 360 / 7, frequency: 4, recency: 30, age: 40)
    #expect(abs(undiscounted - 40 * purchases) < 1e-9)
    #expect(clv < undiscounted)
    #expect(throws: RetentionError.self) {
      try LifetimeValue(periodLength: 0, periods: 12, discountRatePerPeriod: 0.01)
    }
    #expect(throws: RetentionError.self) {
      try LifetimeValue(periodLength: 1, periods: 12, discountRatePerPeriod: -1)
    }
  }

  @Test("fast tabulated scoring equals client-by-client scoring")
  func scoring() throws {
    let base = try SyntheticBase(
      configuration: SyntheticBaseConfiguration(
        clients: 3_000, seed: 21, contactsPerYear: 0,
        lifeEventsPerYear: 0))
    let summary = try Summarizer().summarize(base.log)
      .repeatPurchaseSummary(asOf: base.configuration.asOf, unit: .week)
    let spend = try GammaGammaModel(p: 6.25, q: 3.74, v: 15.44)
    let value = try LifetimeValue.monthly(in: .week)
    // Every scoring path keeps the summary's row space: the tabulated one of BG/NBD and
    // MBG/NBD and the client-by-client default (Pareto/NBD).
    let pareto = try ParetoNBDModel(r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669)
    for model in [bg as any PurchaseModel, mbg, pareto] {
      let scores = try model.scores(for: summary, horizon: 39)
      #expect(scores.clients == summary.clients)
      #expect(scores.row(for: summary.clients.ids[5]) == 5)
    }
    for model in [bg as any PurchaseModel, mbg] {
      let fast = try model.scores(
        for: summary, horizon: 39, spend: spend, value: value, fallbackSpend: 1)
      #expect(fast.clients == summary.clients)
      for i in Swift.stride(from: 0, to: summary.count, by: 7) {
        let x = Int(summary.frequency[i])
        let tx = summary.recency(at: i)
        let t = summary.age(at: i)
        #expect(
          fast.probabilityAlive[i] == model.probabilityAlive(frequency: x, recency: tx, age: t))
        let e = model.expectedPurchases(inNext: 39, frequency: x, recency: tx, age: t)
        #expect(abs(fast.expectedPurchases[i] - e) <= 1e-12 * max(e, 1e-300))
        let s = try #require(spend.expectedSpend(frequency: x, meanSpend: summary.monetaryValue[i]))
        let clv = value.value(of: model, spendPerPurchase: s, frequency: x, recency: tx, age: t)
        #expect(abs(fast.lifetimeValue[i] - clv) <= 1e-9 * max(clv, 1e-300))
      }
    }
  }

  @Test("holdout predictions of a model fitted on the calibration period match what happened")
  func holdout() throws {
    // 20,000 BG/NBD clients acquired over 12 weeks, calibrated on 39 weeks, checked on 39 more.
    let start = Day(daysSince1970: 9_862)
    let base = try SyntheticBase(
      configuration: SyntheticBaseConfiguration(
        clients: 20_000, process: .bgnbd(r: 0.8, alpha: 5, a: 1.2, b: 3), unit: .week,
        acquisitionStart: start, acquisitionWindowDays: 84, asOf: start.adding(days: 78 * 7),
        seed: 4, contactsPerYear: 0, lifeEventsPerYear: 0))
    let calibrationEnd = start.adding(days: 39 * 7)
    let split = try Summarizer().split(
      base.log, calibrationEnd: calibrationEnd, observationEnd: base.configuration.asOf)
    let fit = try BGNBDModel.fit(PurchaseHistories(split.calibrationSummary(unit: .week)))
    let evaluation = try HoldoutEvaluation(
      model: fit.model, split: split, log: base.log, unit: .week)
    // Days are whole (purchases floored to days and merged on the same day), so allow 5% on
    // the total: the model was fitted on day-floored data, as a host's would be.
    #expect(evaluation.totalActual > 5_000)
    #expect(
      abs(evaluation.totalPredicted - Double(evaluation.totalActual)) < 0.05
        * Double(evaluation.totalActual))
    #expect(evaluation.predicted.count == split.calibration.count)
    // The per-client figures are in the calibration table's row space, found by id.
    #expect(evaluation.clients == split.calibration.clients)
    #expect(evaluation.horizon == 39)
    let row = try #require(evaluation.actual.firstIndex { $0 > 1 })
    let id = split.calibration.ids[row]
    #expect(evaluation.row(for: id) == row)
    #expect(
      evaluation[client: id]
        == HoldoutPrediction(
          predicted: evaluation.predicted[row], actual: Int(evaluation.actual[row])))
    #expect(
      evaluation.reason(for: id)
        == "expected \(NumberText.decimal(evaluation.predicted[row])) purchase days in the next "
        + "39, made \(evaluation.actual[row])")
    #expect(evaluation.meanAbsoluteError > 0)
    #expect(evaluation.rootMeanSquaredError >= evaluation.meanAbsoluteError)
    // The tracking curve ends where the totals are: cumulative repeat purchases over both
    // periods, predicted within 5% too, and never decreasing.
    let last = try #require(evaluation.tracking.last)
    #expect(last.day == base.configuration.asOf)
    #expect(abs(last.predictedCumulative - last.actualCumulative) < 0.05 * last.actualCumulative)
    for (a, b) in zip(evaluation.tracking, evaluation.tracking.dropFirst()) {
      #expect(b.actualCumulative >= a.actualCumulative)
      #expect(b.predictedCumulative >= a.predictedCumulative)
    }
    #expect(throws: RetentionError.self) {
      try HoldoutEvaluation(
        model: fit.model, split: split, log: base.log, unit: .week, periodDays: 0)
    }
  }
}
