import ClientBaseTesting
import Foundation
import Testing

@testable import Retention

/// The verdict's probes towards the boundaries are screened on the warm-start subsample
/// (`ProbeScreen`): a probe whose estimated fall is far beyond the margin is not evaluated on
/// the full data. These tests hold the screen to deciding exactly as the full data do.
@Suite("Probe screen: the subsample decides only what the full data would")
struct ProbeScreenTests {
  /// The benchmark's base: the CDNOW BG/NBD process in weeks, summarised as a host would.
  static func summary(clients: Int, seed: UInt64) throws -> RepeatPurchaseSummary<Int> {
    let base = try SyntheticBase(
      configuration: SyntheticBaseConfiguration(
        clients: clients, process: .cdnowBGNBD, unit: .week, seed: seed, contactsPerYear: 0,
        lifeEventsPerYear: 0))
    let table = try Summarizer().summarize(base.log)
    return try table.repeatPurchaseSummary(asOf: base.configuration.asOf, unit: .week)
  }

  /// The runaway boundaries at `point` with every probe evaluated on the full data, and with
  /// the screen (when no parameter is outside its bounds, as the fit does), and how many
  /// probes the screen answered.
  static func boundaries(
    _ objective: some LogLikelihoodObjective, space: ParameterSpace, at point: [Double]
  ) throws -> (full: [FitBoundary], screened: [FitBoundary], answered: Int) {
    let weight = objective.totalWeight
    var gradient = [Double](repeating: 0, count: point.count)
    let value = objective.evaluate(point, &gradient) / weight
    let optimum = LogParameterOptimum(
      point: point, value: value, logLikelihood: -value * weight, gradient: gradient,
      stationary: true, iterations: 0, evaluations: 0, message: "")
    let parameters = point.map(exp)
    let outside = space.parameters.indices.filter {
      !space.parameters[$0].bounds.contains(parameters[$0])
    }
    func logLikelihood(_ point: [Double]) -> Double {
      var scratch = [Double](repeating: 0, count: point.count)
      return -objective.evaluate(point, &scratch)
    }
    let sample = try #require(objective.subsample(rows: FitOptions.standard.warmStartRows))
    let screen = ProbeScreen(objective: sample, at: point, totalWeight: weight, penalty: 0)
    var answered = 0
    func judge(screened: Bool) -> [FitBoundary] {
      runawayBoundaries(
        optimum: optimum, atOptimum: -value * weight, parameters: parameters, outside: outside,
        space: space, logLikelihood: logLikelihood,
        screen: screened && outside.isEmpty
          ? { point in
            let estimate = screen.estimatedChange(at: point)
            if estimate != nil { answered += 1 }
            return estimate
          } : nil,
        noDropoutLimit: { nil })
    }
    return (judge(screened: false), judge(screened: true), answered)
  }

  @Test("on the benchmark's base every probe falls far beyond the margin, on the subsample too")
  func convergedFits() throws {
    // 100,000 clients, 30,000 distinct rows: the warm start's subsample has 4,000. The
    // tenfold moves cost 660 to 35,000 in log-likelihood (0.007 to 0.9 per client); the
    // subsample's estimates are within 15% of them, far below the screen's threshold of
    // 10⁻³ per client (100 here).
    let summary = try Self.summary(clients: 100_000, seed: 17)
    let histories = try PurchaseHistories(summary)
    let spend = try SpendHistories(summary)
    let bg = try BGNBDModel.fit(histories)
    let pareto = try ParetoNBDModel.fit(histories)
    let gg = try GammaGammaModel.fit(spend)
    #expect(bg.converged && pareto.converged && gg.converged)
    let cases:
      [(
        name: String, judged: (full: [FitBoundary], screened: [FitBoundary], answered: Int),
        probes: Int
      )] = [
        (
          "BG/NBD",
          try Self.boundaries(
            BetaGeometricObjective(histories: histories, offset: 1),
            space: BetaGeometricObjective.parameterSpace(
              meanAge: histories.weightedTotals.1 / histories.totalWeight, offset: 1,
              maximumFrequency: histories.maximumFrequency),
            at: [bg.model.r, bg.model.alpha, bg.model.a, bg.model.b].map(log)), 5
        ),
        (
          "Pareto/NBD",
          try Self.boundaries(
            ParetoNBDObjective(histories: histories),
            space: ParetoNBDObjective.parameterSpace(
              meanAge: histories.weightedTotals.1 / histories.totalWeight),
            at: [pareto.model.r, pareto.model.alpha, pareto.model.s, pareto.model.beta].map(log)),
          4
        ),
        (
          "Gamma-Gamma",
          try Self.boundaries(
            GammaGammaObjective(histories: spend),
            space: GammaGammaModel.parameterSpace(meanSpend: 1),
            at: [gg.model.p, gg.model.q, gg.model.v].map(log)), 3
        ),
      ]
    for (name, judged, probes) in cases {
      #expect(judged.full.isEmpty && judged.screened.isEmpty, "\(name)")
      #expect(judged.answered == probes, "\(name): \(judged.answered) of \(probes) screened")
    }
  }

  @Test("a flat direction is measured on the full data, and named as without the screen")
  func flatDirections() throws {
    // 10,000 uniformly random histories (10,000 distinct rows, so a subsample of 4,000),
    // judged at a point inside every bound where drop-out has all but vanished (a = 10⁻⁴,
    // b = 10⁴: a chance of 10⁻⁸ to leave): moving a and b changes next to nothing (the screen
    // must pass those probes to the full data), r and α × 10 cost much (the screen answers).
    var rng = SeededGenerator(seed: 1)
    var frequency: [Int] = []
    var recency: [Double] = []
    var age: [Double] = []
    for _ in 0..<10_000 {
      let t = 1 + 77 * rng.nextUnitDouble()
      let x = rng.nextInt(below: 12)
      frequency.append(x)
      recency.append(x == 0 ? 0 : t * rng.nextUnitDouble())
      age.append(t)
    }
    let histories = try PurchaseHistories(frequency: frequency, recency: recency, age: age)
    let judged = try Self.boundaries(
      BetaGeometricObjective(histories: histories, offset: 1),
      space: BetaGeometricObjective.parameterSpace(
        meanAge: histories.weightedTotals.1 / histories.totalWeight, offset: 1,
        maximumFrequency: histories.maximumFrequency),
      at: [1.5, 10, 1e-4, 1e4].map(log))
    // Drop-out is named (several of its directions are flat; the verdict names the one the
    // parameters head in), the purchase rates are not.
    #expect(judged.full.count == 1)
    #expect(judged.full.allSatisfy { !$0.parameters.contains("r") })
    #expect(judged.full.allSatisfy { $0.logLikelihoodChange > -FitVerdict.identificationMargin })
    #expect(judged.screened == judged.full)
    #expect(judged.answered > 0)
  }
}
