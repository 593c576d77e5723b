import ClientBaseTesting
import Foundation
import Testing

@testable import Retention

@Suite("Gamma-Gamma spend")
struct GammaGammaTests {
  let cdnowSpend = try! GammaGammaModel(p: 6.25, q: 3.74, v: 15.44)

  @Test("expected spend matches lifetimes and the shrinkage formula")
  func expectedSpend() throws {
    // lifetimes 0.11.3 at the CDNOW parameters (Documentation/ReferenceValues/bgnbd_reference.py).
    let reference: [(Int, Double, Double)] = [
      (1, 20.0, 24.6384872080089), (5, 35.5, 35.4773462783171), (40, 12.25, 12.4990108411807),
    ]
    for (x, m, expected) in reference {
      let value = try #require(cdnowSpend.expectedSpend(frequency: x, meanSpend: m))
      #expect(abs(value - expected) < 1e-10 * expected)
    }
    // With no repeat purchase the expectation is the population mean p v/(q − 1).
    let mean = try #require(cdnowSpend.meanSpend)
    #expect(abs(mean - 6.25 * 15.44 / 2.74) < 1e-12)
    #expect(cdnowSpend.expectedSpend(frequency: 0, meanSpend: 999) == mean)
    let heavyTail = try GammaGammaModel(p: 2, q: 0.8, v: 10)
    #expect(heavyTail.meanSpend == nil)
    #expect(heavyTail.expectedSpend(frequency: 0, meanSpend: 1) == nil)
  }

  @Test("the likelihood integrates to one over the mean spend")
  func density() {
    // ∫₀^∞ f(m | x) dm = 1: the log-likelihood is a proper density of the observed mean.
    for x in [1, 3, 12] {
      // Midpoint rule in u = ln m over 1e-4…1e8, which holds the heavy right tail.
      var total = 0.0
      let h = 0.001
      var u = log(1e-4) + h / 2
      while u < log(1e8) {
        let m = exp(u)
        total += exp(cdnowSpend.logLikelihood(frequency: x, meanSpend: m)) * m * h
        u += h
      }
      #expect(abs(total - 1) < 1e-6, "x = \(x)")
    }
    // Outside the domain (no repeat purchase, a mean spend that is not positive and finite):
    // NaN, as every model's per-client functions.
    #expect(cdnowSpend.logLikelihood(frequency: 0, meanSpend: 10).isNaN)
    #expect(cdnowSpend.logLikelihood(frequency: 2, meanSpend: -10).isNaN)
    #expect(cdnowSpend.logLikelihood(frequency: 2, meanSpend: .infinity).isNaN)
  }

  @Test("the kernel equals the per-client likelihood and the published density")
  func kernel() throws {
    var rng = SeededGenerator(seed: 3)
    let x = (0..<200).map { _ in rng.nextInt(below: 20) + 1 }
    let m = (0..<200).map { _ in rng.nextUnitDouble() * 100 + 1 }
    let histories = try SpendHistories(frequency: x, meanSpend: m)
    let objective = GammaGammaObjective(histories: histories)
    for _ in 0..<5 {
      let point = (0..<3).map { _ in rng.nextUnitDouble() * 3 - 1 }
      var gradient = [0.0, 0.0, 0.0]
      let value = objective.evaluate(point, &gradient)
      let p = point.map(exp)
      let model = try GammaGammaModel(p: p[0], q: p[1], v: p[2])
      #expect(abs(-value - model.logLikelihood(of: histories)) < 1e-9 * abs(value))
      var reference = 0.0
      for i in 0..<histories.count {
        reference +=
          histories.weight[i]
          * referenceGammaGammaLogLikelihood(
            p: p[0], q: p[1], v: p[2], x: Int(histories.frequency[i]),
            meanSpend: histories.meanSpend[i])
      }
      #expect(abs(-value - reference) < 1e-9 * abs(value))
      for j in 0..<3 {
        var scratch = gradient
        var up = point
        up[j] += 1e-6
        var down = point
        down[j] -= 1e-6
        let numeric =
          (objective.evaluate(up, &scratch) - objective.evaluate(down, &scratch)) / 2e-6
        #expect(abs(numeric - gradient[j]) <= 1e-5 * max(1, abs(numeric)))
      }
    }
  }

  @Test(
    "fitting recovers the spend parameters of a synthetic base",
    arguments: [(6.25, 3.74, 15.44), (2.0, 5.0, 40.0)])
  func recovery(p: Double, q: Double, v: Double) throws {
    let spend = try GammaGammaSpend(p: p, q: q, v: v)
    // Frequent buyers so that many clients carry spend information.
    let base = try SyntheticBase(
      configuration: SyntheticBaseConfiguration(
        clients: 20_000, process: .bgnbd(r: 2, alpha: 4, a: 1, b: 8), spend: spend,
        unit: .week, roundsAmountsToCents: false, contactsPerYear: 0, lifeEventsPerYear: 0))
    let table = try Summarizer().summarize(base.log)
    let summary = try table.repeatPurchaseSummary(asOf: base.configuration.asOf, unit: .week)
    let histories = try SpendHistories(summary)
    #expect(histories.excludedClients > 0)  // one-time buyers carry no spend information
    let fit = try GammaGammaModel.fit(histories)
    #expect(fit.converged)
    let errors = try #require(fit.standardErrors)
    let truth = [spend.p, spend.q, spend.v]
    let estimate = [fit.model.p, fit.model.q, fit.model.v]
    // Within 4 of the fit's own standard errors (see the BG/NBD recovery test).
    for i in 0..<3 {
      #expect(abs(estimate[i] - truth[i]) < 4 * errors[i], "\(estimate) vs \(truth) ± \(errors)")
    }
  }

  @Test("bad spend data gives typed errors")
  func badInput() {
    #expect(throws: RetentionError.self) {
      try SpendHistories(frequency: [0], meanSpend: [10])
    }
    #expect(throws: RetentionError.self) {
      try SpendHistories(frequency: [2], meanSpend: [.nan])
    }
    #expect(throws: RetentionError.noData) {
      try SpendHistories(frequency: [2], meanSpend: [10], weight: [0])
    }
    #expect(throws: RetentionError.self) {
      try GammaGammaModel.fit(SpendHistories(frequency: [2, 3, 4], meanSpend: [10, 10, 10]))
    }
    #expect(throws: RetentionError.self) { try GammaGammaModel(p: -1, q: 1, v: 1) }
    #expect(throws: RetentionError.self) {
      try GammaGammaModel.fit(
        SpendHistories(frequency: [2, 3], meanSpend: [10, 12]), options: try FitOptions(penalty: -1)
      )
    }
  }

  @Test("the model encodes as p, q, v and decoding checks the parameters")
  func codable() throws {
    let data = try JSONEncoder().encode(cdnowSpend)
    #expect(try JSONDecoder().decode(GammaGammaModel.self, from: data) == cdnowSpend)
    let bad = Data(#"{"p": 6.25, "q": 0, "v": 15.44}"#.utf8)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(GammaGammaModel.self, from: bad)
    }
  }
}
