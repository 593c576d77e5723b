import ClientBaseCore
import ClientBaseTesting
import Foundation
import Testing

@testable import Retention

/// One rule for every public function of Retention (see `PurchaseModel`, "Domains"): functions
/// of one client or one number return NaN (nil where optional) outside their domain, never a
/// number that looks like an answer; results over a whole base and values a host builds throw.
@Suite("A documented domain everywhere")
struct DomainTests {
  static let bg = try! BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
  static let mbg = try! MBGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
  static let pareto = try! ParetoNBDModel(r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669)
  static let models: [any PurchaseModel] = [bg, mbg, pareto]

  /// Histories outside the domain: a negative frequency, a recency above the age, a recency
  /// without a repeat purchase, negative or non-finite times.
  static let badHistories: [(x: Int, recency: Double, age: Double)] = [
    (-1, 0, 10), (2, 11, 10), (0, 5, 10), (2, -1, 10), (2, 1, -1), (2, 1, .nan),
    (2, .nan, 10), (2, 1, .infinity), (2, .infinity, .infinity),
  ]

  /// Durations outside the domain.
  static let badDurations: [Double] = [-5, -1e-9, .nan, -.infinity]

  @Test("every continuous-time model gives NaN for a history outside the domain")
  func historiesOutsideTheDomain() {
    for model in Self.models {
      for (x, tx, t) in Self.badHistories {
        let name = "\(type(of: model)) x \(x) t_x \(tx) T \(t)"
        #expect(model.logLikelihood(frequency: x, recency: tx, age: t).isNaN, "\(name)")
        #expect(model.probabilityAlive(frequency: x, recency: tx, age: t).isNaN, "\(name)")
        #expect(
          model.expectedPurchases(inNext: 52, frequency: x, recency: tx, age: t).isNaN,
          "\(name)")
        // Even for a horizon of zero: the history comes first.
        #expect(
          model.expectedPurchases(inNext: 0, frequency: x, recency: tx, age: t).isNaN,
          "\(name)")
        #expect(
          model.probabilityAlive(after: 10, frequency: x, recency: tx, age: t).isNaN, "\(name)")
      }
      // The issue's case: BG/NBD said 0.92 where Pareto/NBD said NaN.
      #expect(model.probabilityAlive(frequency: 2, recency: 11, age: 10).isNaN)
    }
    #expect(
      Self.pareto.discountedExpectedResidualPurchases(
        continuousDiscountRate: 0.01, frequency: 2, recency: 11, age: 10
      ).isNaN)
  }

  @Test("every continuous-time model gives NaN for a negative or non-finite duration")
  func durationsOutsideTheDomain() throws {
    let histories = try PurchaseHistories(
      frequency: [0, 2, 5], recency: [0, 10, 30], age: [20, 30, 40])
    for model in Self.models {
      for t in Self.badDurations {
        let name = "\(type(of: model)) t \(t)"
        #expect(
          model.expectedPurchases(inNext: t, frequency: 2, recency: 10, age: 30).isNaN, "\(name)")
        #expect(model.expectedPurchases(by: t).isNaN, "\(name)")
        #expect(model.probabilityAlive(at: t).isNaN, "\(name)")
        #expect(
          model.probabilityAlive(after: t, frequency: 2, recency: 10, age: 30).isNaN, "\(name)")
        #expect(model.probability(ofPurchases: 1, by: t).isNaN, "\(name)")
        #expect(model.expectedAlive(after: t, in: histories).isNaN, "\(name)")
      }
      // At the edge of the domain: nothing ahead, alive as now.
      #expect(model.expectedPurchases(inNext: 0, frequency: 2, recency: 10, age: 30) == 0)
      #expect(model.expectedPurchases(by: 0) == 0)
      #expect(
        model.probabilityAlive(after: 0, frequency: 2, recency: 10, age: 30)
          == model.probabilityAlive(frequency: 2, recency: 10, age: 30))
      // A count is any integer: a negative one has probability 0.
      #expect(model.probability(ofPurchases: -1, by: 10) == 0)
    }
    // BG/NBD has no closed form over an infinite future here; Pareto/NBD documents one.
    #expect(Self.bg.expectedPurchases(inNext: .infinity, frequency: 2, recency: 10, age: 30).isNaN)
    #expect(Self.pareto.expectedPurchases(by: .infinity) == .infinity)
  }

  @Test("scores refuse a horizon, fallback spend or thread count outside their domain")
  func scoresOutsideTheDomain() throws {
    let table = try Summarizer().summarize([
      Purchase(client: "a", day: Day(daysSince1970: 19_000), amount: 10),
      Purchase(client: "a", day: Day(daysSince1970: 19_030), amount: 12),
      Purchase(client: "b", day: Day(daysSince1970: 19_010), amount: 8),
    ])
    let summary = try table.repeatPurchaseSummary(asOf: Day(daysSince1970: 19_100), unit: .week)
    let spend = try GammaGammaModel(p: 6.25, q: 3.74, v: 15.44)
    for model in Self.models {
      for horizon in [-5.0, .nan, .infinity] {
        #expect(throws: RetentionError.self) { try model.scores(for: summary, horizon: horizon) }
        #expect(throws: RetentionError.self) {
          try model.scores(
            for: summary, horizon: horizon, spend: spend, value: nil, fallbackSpend: 30,
            threadCount: 2)
        }
      }
      for fallback in [-1.0, .nan, .infinity] {
        #expect(throws: RetentionError.self) {
          try model.scores(
            for: summary, horizon: 52, spend: spend, value: nil, fallbackSpend: fallback)
        }
      }
      #expect(throws: RetentionError.self) {
        try model.scores(
          for: summary, horizon: 52, spend: spend, value: nil, fallbackSpend: 30, threadCount: 0)
      }
      // The issue's case: a horizon of −5 gave negative expected purchases. A horizon of 0
      // is in the domain and expects nothing.
      let none = try model.scores(for: summary, horizon: 0)
      #expect(none.expectedPurchases.allSatisfy { $0 == 0 })
    }
    #expect(throws: RetentionError.self) {
      try ClientScores(
        clients: summary.clients, horizon: -1, probabilityAlive: [1, 1],
        expectedPurchases: [0, 0])
    }
  }

  @Test("Gamma-Gamma has no expected spend outside its domain")
  func gammaGammaOutsideTheDomain() throws {
    let model = try GammaGammaModel(p: 6.25, q: 3.74, v: 15.44)
    // The issue's cases: a negative mean spend and a frequency of −1 gave numbers.
    #expect(model.expectedSpend(frequency: 3, meanSpend: -20) == nil)
    #expect(model.expectedSpend(frequency: -1, meanSpend: 20) == nil)
    #expect(model.expectedSpend(frequency: 3, meanSpend: .nan) == nil)
    #expect(model.expectedSpend(frequency: 3, meanSpend: .infinity) == nil)
    // In the domain: the population mean at x = 0 (the mean spend ignored), shrinkage at x ≥ 1,
    // and the limit of small purchases at m = 0.
    let population = try #require(model.meanSpend)
    #expect(model.expectedSpend(frequency: 0, meanSpend: .nan) == population)
    #expect(model.expectedSpend(frequency: 0, meanSpend: -5) == population)
    let small = try #require(model.expectedSpend(frequency: 2, meanSpend: 0))
    #expect(abs(small - 6.25 * 15.44 / (12.5 + 2.74)) < 1e-14)
    #expect(model.logLikelihood(frequency: -1, meanSpend: 20).isNaN)
  }

  @Test("lifetime value is NaN for a spend or history outside the domain")
  func lifetimeValueOutsideTheDomain() throws {
    let value = try LifetimeValue.monthly(in: .week)
    for spend in [-1.0, .nan, .infinity] {
      #expect(
        value.value(of: Self.bg, spendPerPurchase: spend, frequency: 2, recency: 10, age: 30)
          .isNaN)
    }
    for model in Self.models {
      for (x, tx, t) in Self.badHistories {
        #expect(
          value.value(of: model, spendPerPurchase: 20, frequency: x, recency: tx, age: t).isNaN)
      }
    }
    #expect(value.value(of: Self.bg, spendPerPurchase: 0, frequency: 2, recency: 10, age: 30) == 0)
    for (length, periods, rate) in [(0.0, 12, 0.01), (.nan, 12, 0.01), (1, 0, 0.01), (1, 12, -1)] {
      #expect(throws: RetentionError.self) {
        try LifetimeValue(periodLength: length, periods: periods, discountRatePerPeriod: rate)
      }
    }
    for days in [0.0, -30, .nan, .infinity] {
      #expect(throws: RetentionError.self) {
        try LifetimeValue.monthly(in: .week, daysPerMonth: days)
      }
    }
    // Decoding checks as the initialiser does: a horizon of no periods trapped in value(of:).
    let bad = #"{"periodLength": 4.3, "periods": 0, "discountRatePerPeriod": 0.01}"#
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(LifetimeValue.self, from: Data(bad.utf8))
    }
    let good = try JSONEncoder().encode(value)
    #expect(try JSONDecoder().decode(LifetimeValue.self, from: good) == value)
  }

  @Test("BG/NBD P(X(t) = n) for a count of 10⁹ costs what a count of 10 does, and is right")
  func largeCounts() throws {
    for model in [Self.bg as any PurchaseModel, Self.mbg] {
      // Past the term-by-term limit the tail comes from the incomplete beta function; it must
      // continue the summed values without a seam: compare with a direct summation.
      let t = 20_000.0
      for n in [1_001, 1_010, 2_500] {
        let direct = summedProbability(model, count: n, duration: t)
        let value = model.probability(ofPurchases: n, by: t)
        #expect(abs(value - direct) <= 1e-10 * direct, "n \(n): \(value) vs \(direct)")
      }
      // A count far beyond anything plausible: a probability, computed at once.
      let huge = model.probability(ofPurchases: 1_000_000_000, by: 52)
      #expect(huge >= 0 && huge <= 1e-300)
      let near = model.probability(ofPurchases: 1_000_000_000, by: 2e10)
      #expect(near >= 0 && near <= 1)
    }
  }

  /// BG/NBD's (or MBG/NBD's) P(X(t) = n) with the negative binomial tail summed term by term.
  func summedProbability(_ model: any PurchaseModel, count n: Int, duration t: Double) -> Double {
    let (r, alpha, a, b, o): (Double, Double, Double, Double, Double)
    if let m = model as? BGNBDModel {
      (r, alpha, a, b, o) = (m.r, m.alpha, m.a, m.b, 0)
    } else {
      let m = model as! MBGNBDModel
      (r, alpha, a, b, o) = (m.r, m.alpha, m.a, m.b, 1)
    }
    let logP = log(alpha / (alpha + t))
    let logQ = log(t / (alpha + t))
    var logNB = r * logP
    var cumulative = 0.0
    for j in 0..<n {
      cumulative += exp(logNB)
      logNB += log((r + Double(j)) / Double(j + 1)) + logQ
    }
    let nd = Double(n)
    func logBeta(_ x: Double, _ y: Double) -> Double { lgamma(x) + lgamma(y) - lgamma(x + y) }
    return exp(logBeta(a, b + nd + o) - logBeta(a, b) + logNB)
      + exp(logBeta(a + 1, b + nd + o - 1) - logBeta(a, b)) * max(0, 1 - cumulative)
  }

  @Test("a holdout's tracking evaluates the model at most once per day of its span")
  func trackingEvaluations() throws {
    // 150 clients whose first purchases fall on 150 different days: a cohort each.
    var purchases: [Purchase<Int>] = []
    let start = Day(daysSince1970: 19_000)
    for client in 0..<150 {
      purchases.append(Purchase(client: client, day: start.adding(days: client), amount: 10))
      purchases.append(Purchase(client: client, day: start.adding(days: client + 90), amount: 5))
      purchases.append(
        Purchase(client: client, day: start.adding(days: client + 250), amount: 5))
    }
    let log = PurchaseLog(purchases)
    let split = try Summarizer().split(
      log, calibrationEnd: start.adding(days: 200), observationEnd: start.adding(days: 400))
    let counting = CountingModel(model: Self.bg)
    let evaluation = try HoldoutEvaluation(model: counting, split: split, log: log, unit: .week)
    #expect(evaluation.tracking.count == 58)
    // 58 weekly periods × up to 150 cohorts would be thousands of evaluations; the span is
    // 401 days.
    #expect(counting.counter.count <= 401)
    let plain = try HoldoutEvaluation(model: Self.bg, split: split, log: log, unit: .week)
    #expect(plain.tracking == evaluation.tracking)
    // Any positive period length: one period covering everything (the count overflowed).
    let whole = try HoldoutEvaluation(
      model: Self.bg, split: split, log: log, unit: .week, periodDays: .max)
    #expect(whole.tracking.count == 1)
    #expect(whole.tracking[0].day == start.adding(days: 400))
    for bad in [0, -7] {
      #expect(throws: RetentionError.self) {
        try HoldoutEvaluation(model: Self.bg, split: split, log: log, unit: .week, periodDays: bad)
      }
    }
  }
}

/// BG/NBD with a count of its `expectedPurchases(by:)` calls.
private struct CountingModel: PurchaseModel {
  final class Counter: @unchecked Sendable {
    var count = 0
  }
  let model: BGNBDModel
  let counter = Counter()

  func logLikelihood(frequency: Int, recency: Double, age: Double) -> Double {
    model.logLikelihood(frequency: frequency, recency: recency, age: age)
  }
  func probabilityAlive(frequency: Int, recency: Double, age: Double) -> Double {
    model.probabilityAlive(frequency: frequency, recency: recency, age: age)
  }
  func expectedPurchases(inNext duration: Double, frequency: Int, recency: Double, age: Double)
    -> Double
  {
    model.expectedPurchases(inNext: duration, frequency: frequency, recency: recency, age: age)
  }
  func expectedPurchases(by duration: Double) -> Double {
    counter.count += 1
    return model.expectedPurchases(by: duration)
  }
  func probability(ofPurchases count: Int, by duration: Double) -> Double {
    model.probability(ofPurchases: count, by: duration)
  }
  func probabilityAlive(at duration: Double) -> Double { model.probabilityAlive(at: duration) }
  func probabilityAlive(after duration: Double, frequency: Int, recency: Double, age: Double)
    -> Double
  {
    model.probabilityAlive(after: duration, frequency: frequency, recency: recency, age: age)
  }
}
