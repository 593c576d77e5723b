import ClientBaseTesting
import Foundation
import Testing

@testable import BaseGrowth
@testable import Retention

@Suite("Growth targets")
struct GrowthTargetTests {
  /// The issue's worked answer: 400 clients with a month between contracts need at least
  /// √400 = 20 new prospects a month.
  @Test func fourHundredClientsNeedTwentyProspectsAMonth() throws {
    let situation = try GrowthSituation(baseSize: 400, period: GrowthFixtures.month())
    let target = try StandardGrowthTarget.standard.target(for: situation)
    #expect(target.rule == "sqrtN")
    #expect(target.prospectsPerPeriod == 20)
    #expect(target.exactProspects == 20)
    #expect(target.periodDays == 30)
    #expect(
      target.reason
        == "20 new prospects every 30 days: √400 = 20 for a base of 400 clients (the √n rule: "
        + "a base must gain at least √n new prospects per characteristic period to outgrow its "
        + "silent losses)")
    // At least √n: √401 = 20.02 asks for 21; 10,000 clients for 100; an empty base for none.
    #expect(
      try StandardGrowthTarget.standard.target(for: situation.withBaseSize(401))
        .prospectsPerPeriod == 21)
    #expect(
      try StandardGrowthTarget.standard.target(for: situation.withBaseSize(10_000))
        .prospectsPerPeriod == 100)
    #expect(
      try StandardGrowthTarget.standard.target(for: situation.withBaseSize(0))
        .prospectsPerPeriod == 0)
    let wide = try StandardGrowthTarget(multiplier: 1.5).target(for: situation)
    #expect(wide.prospectsPerPeriod == 30)
    #expect(wide.reason.contains("1.5 × √400 = 30"))
  }

  /// The √n target never falls as the base grows, on every size to 20,000 and on seeded
  /// sizes up to 10⁹.
  @Test func sqrtTargetNeverFallsAsTheBaseGrows() throws {
    let situation = try GrowthSituation(baseSize: 0, period: GrowthFixtures.month())
    var previous = -1
    for size in 0...20_000 {
      let target = try StandardGrowthTarget.standard.target(for: situation.withBaseSize(size))
      #expect(target.prospectsPerPeriod >= previous)
      #expect(Double(target.prospectsPerPeriod) >= Double(size).squareRoot())
      previous = target.prospectsPerPeriod
    }
    var generator = SeededGenerator(seed: 13)
    let sizes = (0..<2_000).map { _ in generator.nextInt(below: 1_000_000_000) }.sorted()
    let targets = try sizes.map {
      try StandardGrowthTarget.standard.target(for: situation.withBaseSize($0)).prospectsPerPeriod
    }
    #expect(zip(targets, targets.dropFirst()).allSatisfy { $0 <= $1 })
    let laws = GrowthTargetLaws.violations(
      of: StandardGrowthTarget.standard, on: [situation], seed: 3)
    #expect(laws.isEmpty, "\(laws)")
  }

  /// Hand-made probabilities: q = 1 − 0.9 = 0.1, 0.5 − 0.5 = 0 and 0.8 − 0.4 = 0.4, so the
  /// expected loss is 0.5 with variance 0.1·0.9 + 0 + 0.4·0.6 = 0.33; at 95% one-sided the
  /// margin is 1.6449·√0.33 = 0.9449, and the target 0.5 + 0.9449 = 1.4449 → 2. Without a
  /// margin (50%), with a conversion of 1 in 4 and one client of growth: (0.5 + 1)/0.25 = 6.
  @Test func churnCompensatingOnHandMadeProbabilities() throws {
    let month = try GrowthFixtures.month()
    let loss = try ExpectedLoss(
      probabilityAlive: [1, 0.5, 0.8], probabilityAliveAfter: [0.9, 0.5, 0.4], period: month)
    #expect(abs(loss.expectedLost - 0.5) < 1e-12)
    #expect(abs(loss.variance - 0.33) < 1e-12)
    #expect(abs(loss.expectedAlive - 2.3) < 1e-12)
    #expect(abs(loss.lossRate - 0.5 / 2.3) < 1e-12)
    let situation = try GrowthSituation(baseSize: 3, period: month, expectedLoss: loss)
    let target = try ChurnCompensatingTarget().target(for: situation)
    #expect(target.rule == "churnCompensating")
    #expect(abs(target.exactProspects - (0.5 + 1.644_853_6 * 0.33.squareRoot())) < 1e-6)
    #expect(target.prospectsPerPeriod == 2)
    #expect(
      target.reason
        == "2 new prospects every 30 days: 0.5 of 3 clients are expected to leave silently in "
        + "the next 30 days (the host's model), plus 0.9 for the uncertainty (1.64 standard "
        + "deviations, 95% one-sided)")
    let planned = try ChurnCompensatingTarget(
      confidence: 0.5, conversion: 0.25, netGrowthPerPeriod: 1)
    let grown = try planned.target(for: situation)
    #expect(abs(grown.exactProspects - 6) < 1e-12)
    #expect(grown.prospectsPerPeriod == 6)
    #expect(
      grown.reason.hasSuffix(
        "plus 1 clients of growth, over a conversion of 25% prospects to clients"))
    // The rule needs the evidence; without it, a typed error.
    #expect(throws: GrowthError.self) {
      try ChurnCompensatingTarget().target(for: situation.withBaseSize(3).droppingLoss())
    }
  }

  /// The expected loss from a converged BG/NBD fit is Σ P(alive) − Σ P(alive after the period)
  /// over the histories, as Retention computes them, on any thread count; an unconverged fit
  /// is refused with its reason.
  @Test func expectedLossFromAConvergedModel() throws {
    let base = try GrowthFixtures.syntheticBase(clients: 2_000, seed: 17)
    let asOf = base.configuration.asOf
    let table = try Summarizer().summarize(base.log, through: asOf)
    let summary = try table.repeatPurchaseSummary(asOf: asOf, unit: .week)
    let histories = try PurchaseHistories(summary)
    let fit = try BGNBDModel.fit(histories)
    try #require(fit.converged)
    let month = try GrowthFixtures.month()
    let loss = try ExpectedLoss(fit: fit, histories: histories, unit: .week, period: month)
    let weeks = 30.0 / 7
    let alive = fit.model.expectedAlive(in: histories)
    let after = fit.model.expectedAlive(after: weeks, in: histories)
    #expect(abs(loss.expectedAlive - alive) < 1e-9 * alive)
    #expect(abs(loss.expectedLost - (alive - after)) < 1e-9 * alive)
    #expect(loss.clients == 2_000)
    #expect(loss.expectedLost > 0 && loss.variance > 0 && loss.variance <= loss.expectedLost)
    #expect(loss.source == "BG/NBD fit, converged")
    for threads in [2, 3] {
      let threaded = try ExpectedLoss(
        fit: fit, histories: histories, unit: .week, period: month, threadCount: threads)
      #expect(abs(threaded.expectedLost - loss.expectedLost) < 1e-9 * loss.expectedLost)
    }
    let stuck = FittedModel(
      model: fit.model, logLikelihood: fit.logLikelihood, converged: false, iterations: 3,
      evaluations: 3, standardErrors: nil, message: "gave up", clients: 2_000)
    #expect {
      try ExpectedLoss(fit: stuck, histories: histories, unit: .week, period: month)
    } throws: { error in
      guard case .notConverged = error as? GrowthError else { return false }
      return true
    }
    // How far the √n rule is from the model's loss on this base.
    let situation = try GrowthSituation(baseSize: 2_000, period: month, expectedLoss: loss)
    let sqrtN = try StandardGrowthTarget.standard.target(for: situation)
    let comparison = try GrowthTargetComparison(target: sqrtN, expectedLoss: loss)
    #expect(abs(comparison.surplus - (45 - loss.expectedLost)) < 1e-9)
    #expect(abs((comparison.coverage ?? 0) - 45 / loss.expectedLost) < 1e-9)
    #expect(comparison.reason.hasPrefix("sqrtN asks for 45 new prospects every 30 days; the model"))
    let churn = try ChurnCompensatingTarget().target(for: situation)
    #expect(Double(churn.prospectsPerPeriod) >= loss.expectedLost)
  }

  @Test func comparisonWords() throws {
    let month = try GrowthFixtures.month()
    let loss = try ExpectedLoss(
      clients: 400, expectedAlive: 312.4, expectedLost: 24.3, variance: 21.2, periodDays: 30,
      source: "BG/NBD fit, converged")
    let target = try StandardGrowthTarget.standard.target(
      for: GrowthSituation(baseSize: 400, period: month, expectedLoss: loss))
    let comparison = try GrowthTargetComparison(target: target, expectedLoss: loss)
    #expect(abs(comparison.surplus - -4.3) < 1e-9)
    #expect(
      comparison.reason
        == "sqrtN asks for 20 new prospects every 30 days; the model expects 24.3 clients to "
        + "leave silently (standard deviation 4.6): it falls short by 4.3, covering 82.3% of "
        + "the expected loss")
    #expect(
      loss.reason
        == "24.3 of 400 clients expected to leave silently in the next 30 days (P(alive) sums "
        + "to 312.4 now; BG/NBD fit, converged)")
  }

  @Test func hostSetAndClosureRules() throws {
    let situation = try GrowthSituation(baseSize: 400, period: GrowthFixtures.month())
    let quota = try FixedGrowthTarget(prospectsPerPeriod: 35, because: "the 2027 sales plan")
    let target = try quota.target(for: situation)
    #expect(target.rule == "hostSet")
    #expect(target.prospectsPerPeriod == 35)
    #expect(
      target.reason == "35 new prospects every 30 days: the 2027 sales plan (set by the host)")
    let doubled = ClosureGrowthTarget(name: "twiceSqrtN") { situation in
      try GrowthTarget(
        rule: "twiceSqrtN", exactProspects: 2 * Double(situation.baseSize).squareRoot(),
        periodDays: situation.period.days, reason: "twice the √n rule")
    }
    #expect(try doubled.target(for: situation).prospectsPerPeriod == 40)
    #expect(GrowthTargetLaws.violations(of: quota, on: [situation], seed: 1).isEmpty)
    #expect(GrowthTargetLaws.violations(of: doubled, on: [situation], seed: 1).isEmpty)
    // A rule that shrinks with the base breaks the monotone law, and the check says so.
    let shrinking = ClosureGrowthTarget(name: "shrinking") { situation in
      try GrowthTarget(
        rule: "shrinking", exactProspects: 1_000 / Double(situation.baseSize + 1),
        periodDays: situation.period.days, reason: "fewer as we grow")
    }
    let broken = GrowthTargetLaws.violations(of: shrinking, on: [situation], seed: 1)
    #expect(broken.contains { $0.law == "monotone in the base" })
  }

  @Test func badInput() throws {
    let month = try GrowthFixtures.month()
    #expect(throws: GrowthError.self) { try GrowthSituation(baseSize: -1, period: month) }
    #expect(throws: GrowthError.self) { try StandardGrowthTarget(multiplier: 0) }
    #expect(throws: GrowthError.self) { try ChurnCompensatingTarget(confidence: 0.4) }
    #expect(throws: GrowthError.self) { try ChurnCompensatingTarget(conversion: 0) }
    #expect(throws: GrowthError.self) { try ChurnCompensatingTarget(netGrowthPerPeriod: -1) }
    #expect(throws: GrowthError.self) { try FixedGrowthTarget(prospectsPerPeriod: -3) }
    #expect(throws: GrowthError.self) { try FixedGrowthTarget(prospectsPerPeriod: .nan) }
    #expect(throws: GrowthError.self) {
      try GrowthTarget(rule: "x", exactProspects: .infinity, periodDays: 30, reason: "")
    }
    // Probabilities outside 0...1 or rising, columns of different lengths, bad totals.
    #expect(throws: GrowthError.self) {
      try ExpectedLoss(probabilityAlive: [1.2], probabilityAliveAfter: [0.5], period: month)
    }
    #expect(throws: GrowthError.self) {
      try ExpectedLoss(probabilityAlive: [0.5], probabilityAliveAfter: [0.6], period: month)
    }
    #expect(throws: GrowthError.self) {
      try ExpectedLoss(probabilityAlive: [0.5, 1], probabilityAliveAfter: [0.4], period: month)
    }
    #expect(throws: GrowthError.self) {
      try ExpectedLoss(
        clients: 10, expectedAlive: 5, expectedLost: 6, variance: 1, periodDays: 30, source: "")
    }
    // A loss counted over another period than the situation's.
    let weekly = try ExpectedLoss(
      clients: 10, expectedAlive: 5, expectedLost: 1, variance: 0.5, periodDays: 7, source: "")
    #expect(throws: GrowthError.self) {
      try GrowthSituation(baseSize: 10, period: month, expectedLoss: weekly)
    }
    // Decoding goes through the checks.
    let bad = Data(#"{"confidence": 0.95, "conversion": 2, "netGrowthPerPeriod": 0}"#.utf8)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(ChurnCompensatingTarget.self, from: bad)
    }
    let target = try StandardGrowthTarget.standard.target(
      for: GrowthSituation(baseSize: 400, period: month))
    let decoded = try JSONDecoder().decode(GrowthTarget.self, from: JSONEncoder().encode(target))
    #expect(decoded == target)
  }
}

extension GrowthSituation {
  /// The same situation without its expected loss.
  func droppingLoss() throws -> GrowthSituation {
    try GrowthSituation(baseSize: baseSize, period: period)
  }
}
