import ClientBaseCore
import Foundation
import Testing

@testable import Retention

/// Work and memory bounded by the size of the input, never by the values in it: weights whose
/// sum would overflow are refused, and a frequency of 10⁶ or 10⁹ costs the fits and the
/// scoring what a frequency of 10 does. No test here measures time: each asserts the size of
/// what an evaluation builds, a typed error, or a value a wrong implementation would change.
@Suite("Bounded by the input's size, not its values")
struct BoundsTests {
  // MARK: - Weights

  @Test(
    "weights whose total passes 2⁵³ are refused, naming the row where it does",
    arguments: [(1e308, 0), (5e15, 1)])
  func weightTotals(weight: Double, row expectedRow: Int) throws {
    // Each weight is finite; their sum is not (1e308 + 1e308 overflows), or passes 2⁵³
    // (5e15 + 5e15).
    func expectRefusal(_ body: () throws(RetentionError) -> Void) {
      do {
        try body()
        Issue.record("accepted weights adding up to \(2 * weight)")
      } catch {
        guard case .invalidHistory(let row, let reason) = error else {
          Issue.record("wrong error \(error)")
          return
        }
        #expect(row == expectedRow)
        #expect(reason.contains("add up to"))
      }
    }
    expectRefusal { () throws(RetentionError) in
      _ = try PurchaseHistories(
        frequency: [1, 2, 0], recency: [1, 2, 0], age: [3, 3, 3], weight: [weight, weight, 1])
    }
    expectRefusal { () throws(RetentionError) in
      _ = try DiscretePurchaseHistories(
        frequency: [1, 2, 0], recency: [1, 2, 0], periods: [3, 3, 3],
        weight: [weight, weight, 1])
    }
    expectRefusal { () throws(RetentionError) in
      _ = try SpendHistories(
        frequency: [1, 2, 3], meanSpend: [10, 20, 30], weight: [weight, weight, 1])
    }
  }

  @Test("weights up to 2⁵³ in total are fine, and the fits on them stay finite")
  func largestTotalWeight() throws {
    let half = PurchaseHistories.maximumTotalWeight / 2
    let histories = try PurchaseHistories(
      frequency: [0, 3, 1, 2], recency: [0, 20, 5, 30], age: [40, 38, 35, 33],
      weight: [half / 2, half / 2, half / 2, half / 2])
    #expect(histories.totalWeight == PurchaseHistories.maximumTotalWeight)
    let (repeats, age) = histories.weightedTotals
    #expect(repeats.isFinite && age.isFinite)
    let bg = try BGNBDModel(r: 0.24, alpha: 4.4, a: 0.79, b: 2.4)
    #expect(bg.logLikelihood(of: histories).isFinite)
    // Ages are bounded too, so Σ weight · T cannot overflow.
    #expect(throws: RetentionError.self) {
      try PurchaseHistories(frequency: [1], recency: [1], age: [1e300], weight: [1e10])
    }
    #expect(throws: RetentionError.self) {
      try SpendHistories(frequency: [2_000_000_000], meanSpend: [1e300])
    }
  }

  // MARK: - Large frequencies in the fits

  /// A small base with one client who bought `x` times.
  static func histories(largest x: Int) throws -> PurchaseHistories {
    try PurchaseHistories(
      frequency: [0, 1, 2, 5, x], recency: [0, 10, 20, 30, 39], age: [40, 38, 35, 33, 40],
      weight: [30, 10, 6, 3, 1])
  }

  @Test(
    "the BG/NBD and MBG/NBD evaluation tables stay small for a frequency of 10⁶ or 10⁹",
    arguments: [1_000_000, 1_000_000_000])
  func betaGeometricTables(largest: Int) throws {
    let h = try Self.histories(largest: largest)
    for offset in [0, 1] {
      let tables = BetaGeometricObjective.Tables(
        histories: h, offset: offset, r: 0.24, alpha: 4.4, a: 0.79, b: 2.4)
      #expect(tables.shapes.log.count <= RisingFactorialTable.summedLimit + 1)
      #expect(tables.dropouts.count <= RisingFactorialTable.summedLimit + 1)
    }
  }

  @Test(
    "each fit adds up exactly the per-client log-likelihood, whatever the largest frequency",
    arguments: [1_000_000, 1_000_000_000])
  func fitTermIsThePerClientTerm(largest: Int) throws {
    let h = try Self.histories(largest: largest)
    let point = [cLog(0.24), cLog(4.4), cLog(0.79), cLog(2.4)]
    var gradient = [Double](repeating: 0, count: 4)
    let bg = try BGNBDModel(r: 0.24, alpha: 4.4, a: 0.79, b: 2.4)
    let mbg = try MBGNBDModel(r: 0.24, alpha: 4.4, a: 0.79, b: 2.4)
    let bgValue = BetaGeometricObjective(histories: h, offset: 0).evaluate(point, &gradient)
    #expect(gradient.allSatisfy { $0.isFinite })
    #expect(-bgValue == bg.logLikelihood(of: h))
    let mbgValue = BetaGeometricObjective(histories: h, offset: 1).evaluate(point, &gradient)
    #expect(-mbgValue == mbg.logLikelihood(of: h))
    let pareto = try ParetoNBDModel(r: 0.55, alpha: 10.6, s: 0.61, beta: 11.7)
    let paretoPoint = [cLog(0.55), cLog(10.6), cLog(0.61), cLog(11.7)]
    let paretoValue = ParetoNBDObjective(histories: h).evaluate(paretoPoint, &gradient)
    #expect(gradient.allSatisfy { $0.isFinite })
    #expect(-paretoValue == pareto.logLikelihood(of: h))
    // The no-drop-out limit (the NBD) reads the same bounded table.
    let nbd = try NBDModel(r: 0.24, alpha: 4.4)
    let nbdValue = NBDObjective(histories: h).evaluate(Array(point[0..<2]), &gradient)
    #expect(gradient.allSatisfy { $0.isFinite })
    #expect(-nbdValue == nbd.logLikelihood(of: h))
  }

  @Test("the Gamma-Gamma sums are kept per distinct frequency, not per value up to the largest")
  func gammaGammaSums() throws {
    let spend = try SpendHistories(
      frequency: [1, 1, 3, 1_000_000_000, 3], meanSpend: [10, 30, 20, 25, 22])
    let objective = GammaGammaObjective(histories: spend)
    #expect(objective.distinctFrequencies == [1, 3, 1_000_000_000])
    #expect(objective.weightByX.count == 3)
    #expect(objective.weightByX == [2, 2, 1])
    var gradient = [Double](repeating: 0, count: 3)
    let point = [cLog(6.25), cLog(3.74), cLog(15.44)]
    let value = objective.evaluate(point, &gradient)
    let model = try GammaGammaModel(p: 6.25, q: 3.74, v: 15.44)
    #expect(abs(-value - model.logLikelihood(of: spend)) <= 1e-9 * abs(value))
    #expect(gradient.allSatisfy { $0.isFinite })
    // Small frequencies keep their sums indexed by x itself; large ones by their rank.
    let small: ContiguousArray<Int32> = [5, 2, 5, 9]
    let byValue = GammaGammaObjective.distinctTable(small, maximum: 9)
    #expect(byValue.0 == Array(0...9))
    #expect(byValue.1.isEmpty)
    let large: ContiguousArray<Int32> = [500_000_000, 2, 500_000_000, 9]
    let bySort = GammaGammaObjective.distinctTable(large, maximum: 500_000_000)
    #expect(bySort.0 == [2, 9, 500_000_000])
    #expect(bySort.1 == [2, 0, 2, 1])
  }

  @Test("every model fits a base with a frequency of 10⁹ to a finite log-likelihood")
  func fitsWithHugeFrequency() throws {
    let h = try Self.histories(largest: 1_000_000_000)
    let options = try FitOptions(maximumIterations: 60)
    let bg = try BGNBDModel.fit(h, options: options)
    #expect(bg.logLikelihood.isFinite)
    let mbg = try MBGNBDModel.fit(h, options: options)
    #expect(mbg.logLikelihood.isFinite)
    let pareto = try ParetoNBDModel.fit(h, options: options)
    #expect(pareto.logLikelihood.isFinite)
    let nbd = try NBDModel.fit(h, options: options)
    #expect(nbd.logLikelihood.isFinite)
    let spend = try SpendHistories(
      frequency: [1, 3, 2, 1_000_000_000], meanSpend: [10, 30, 20, 25])
    let gg = try GammaGammaModel.fit(spend, options: options)
    #expect(gg.logLikelihood.isFinite)
  }

  // MARK: - Scoring

  @Test("the scoring's day logarithms are a table only while the days are few")
  func dayLogarithms() {
    let alpha = 4.4
    let few = DayLogarithms(alpha: alpha, unitDays: 7, maximumDay: 3_000, clients: 10)
    #expect(few.table.count == 3_001)
    // 8,100 years of days for ten clients: no table, the same values.
    let many = DayLogarithms(alpha: alpha, unitDays: 7, maximumDay: 2_958_463, clients: 10)
    #expect(many.table.isEmpty)
    for day: Int32 in [0, 1, 365, 3_000] {
      #expect(few[day] == many[day])
      #expect(many[day] == cLog(alpha + Double(day) / 7))
    }
  }

  @Test("scoring a summary 8,100 years long gives each client's own figures")
  func scoringLongAges() throws {
    let first = try Day(iso8601: "1900-01-01")
    let asOf = Summarizer.supportedDays.upperBound
    let purchases = [
      Purchase(client: "old", day: first, amount: 10),
      Purchase(client: "old", day: first.adding(days: 400), amount: 10),
      Purchase(client: "new", day: asOf.adding(days: -30), amount: 10),
      Purchase(client: "new", day: asOf.adding(days: -2), amount: 10),
    ]
    let summary = try Summarizer().summarize(purchases).repeatPurchaseSummary(
      asOf: asOf, unit: .week)
    let model = try BGNBDModel(r: 0.24, alpha: 4.4, a: 0.79, b: 2.4)
    let scores = try model.scores(for: summary, horizon: 52)
    for row in 0..<summary.count {
      let x = Int(summary.frequency[row])
      let tx = summary.recency(at: row)
      let t = summary.age(at: row)
      #expect(
        scores.probabilityAlive[row] == model.probabilityAlive(frequency: x, recency: tx, age: t))
    }
  }
}
