import ClientBaseTesting
import Foundation
import Testing

@testable import Retention

/// The library promises the same numbers whatever `threadCount` a host passes: work is cut by
/// the size of the data and the parts are added in a fixed order. These tests hold it to that,
/// bit for bit, on data large enough to be cut into many parts.
@Suite("Threads change nothing but the time")
struct ThreadingTests {
  /// 40,000 histories of the BG/NBD process itself (r = 0.8, α = 6, a = 1.2, b = 3; ages
  /// uniform on 1…78), so that both BG/NBD and MBG/NBD have an interior maximum to converge
  /// to. (Uniformly random histories have no drop-out to identify: the verdict rightly calls
  /// those fits not converged.)
  static func betaGeometricHistories(seed: UInt64) throws -> PurchaseHistories {
    var rng = SeededGenerator(seed: seed)
    let rates = try GammaDistribution(shape: 0.8, rate: 6)
    let dropouts = try BetaDistribution(a: 1.2, b: 3)
    var frequency: [Int] = []
    var recency: [Double] = []
    var age: [Double] = []
    for _ in 0..<40_000 {
      let t = 1 + 77 * rng.nextUnitDouble()
      let lambda = rates.sample(using: &rng)
      let p = dropouts.sample(using: &rng)
      var x = 0
      var last = 0.0
      var clock = 0.0
      while true {
        clock += -log(rng.nextOpenUnitDouble()) / lambda
        guard clock <= t else { break }
        x += 1
        last = clock
        if rng.nextUnitDouble() < p { break }
      }
      frequency.append(x)
      recency.append(last)
      age.append(t)
    }
    return try PurchaseHistories(frequency: frequency, recency: recency, age: age)
  }

  @Test("BG/NBD and MBG/NBD fits are identical on 1, 2 and 3 threads")
  func betaGeometricFits() throws {
    let histories = try Self.betaGeometricHistories(seed: 11)
    #expect(histories.count > 3 * 8_192)
    let one = try BGNBDModel.fit(histories, options: try FitOptions(threadCount: 1))
    let oneM = try MBGNBDModel.fit(histories, options: try FitOptions(threadCount: 1))
    #expect(one.converged && oneM.converged)
    for threads in [2, 3] {
      let many = try BGNBDModel.fit(histories, options: try FitOptions(threadCount: threads))
      #expect(many.model == one.model)
      #expect(many.logLikelihood == one.logLikelihood)
      #expect(many.standardErrors == one.standardErrors)
      let manyM = try MBGNBDModel.fit(histories, options: try FitOptions(threadCount: threads))
      #expect(manyM.model == oneM.model)
      #expect(manyM.standardErrors == oneM.standardErrors)
    }
  }

  @Test("Pareto/NBD fits are identical on 1 and 2 threads")
  func paretoFits() throws {
    // Histories of a process with drop-out: the uniformly random ones have none to identify and
    // took the debug build 36 s to be told so (the sanitizer runs of CI many times that).
    let histories = try Self.betaGeometricHistories(seed: 12)
    #expect(histories.count > 2 * 8_192)
    let one = try ParetoNBDModel.fit(histories, options: try FitOptions(threadCount: 1))
    let two = try ParetoNBDModel.fit(histories, options: try FitOptions(threadCount: 2))
    #expect(one.converged)
    #expect(two.model == one.model)
    #expect(two.logLikelihood == one.logLikelihood)
    #expect(two.standardErrors == one.standardErrors)
    // The threaded kernel still equals the plain per-row likelihood.
    let direct = one.model.logLikelihood(of: histories)
    #expect(abs(direct - one.logLikelihood) <= 1e-9 * abs(direct))
  }

  @Test("Gamma-Gamma fits are identical on 1 and 2 threads")
  func gammaGammaFits() throws {
    var rng = SeededGenerator(seed: 5)
    var frequency: [Int] = []
    var spend: [Double] = []
    for _ in 0..<30_000 {
      frequency.append(1 + rng.nextInt(below: 20))
      spend.append(5 + 60 * rng.nextUnitDouble() * rng.nextUnitDouble())
    }
    let histories = try SpendHistories(frequency: frequency, meanSpend: spend)
    let one = try GammaGammaModel.fit(histories, options: try FitOptions(threadCount: 1))
    let two = try GammaGammaModel.fit(histories, options: try FitOptions(threadCount: 2))
    #expect(one.converged)
    #expect(two.model == one.model)
    #expect(two.logLikelihood == one.logLikelihood)
    // The fast kernel still equals the plain per-row likelihood at the optimum.
    let direct = one.model.logLikelihood(of: histories)
    #expect(abs(direct - one.logLikelihood) <= 1e-9 * abs(direct))
  }

  @Test("scores are identical on 1 and 2 threads and equal the per-client formulas")
  func scores() throws {
    let base = try SyntheticBase(
      configuration: SyntheticBaseConfiguration(
        clients: 40_000, seed: 4, contactsPerYear: 0, lifeEventsPerYear: 0))
    let summary = try Summarizer().summarize(base.log)
      .repeatPurchaseSummary(asOf: base.configuration.asOf, unit: .week)
    let model = try BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
    let spend = try GammaGammaModel(p: 6.25, q: 3.74, v: 15.44)
    let value = try LifetimeValue.monthly(in: .week)
    let one = try model.scores(
      for: summary, horizon: 26, spend: spend, value: value, fallbackSpend: 1, threadCount: 1)
    let two = try model.scores(
      for: summary, horizon: 26, spend: spend, value: value, fallbackSpend: 1, threadCount: 2)
    #expect(one.probabilityAlive == two.probabilityAlive)
    #expect(one.expectedPurchases == two.expectedPurchases)
    #expect(one.expectedSpend == two.expectedSpend)
    #expect(one.lifetimeValue == two.lifetimeValue)
    // Without a value calculation the value column stays empty and nothing is written past it.
    let noValue = try model.scores(
      for: summary, horizon: 26, spend: spend, value: nil, fallbackSpend: 1, threadCount: 2)
    #expect(noValue.lifetimeValue.isEmpty)
    #expect(noValue.expectedSpend == one.expectedSpend)
    for i in Swift.stride(from: 0, to: summary.count, by: 97) {
      let alive = model.probabilityAlive(
        frequency: Int(summary.frequency[i]), recency: summary.recency(at: i),
        age: summary.age(at: i))
      #expect(two.probabilityAlive[i] == alive)
    }
  }
}

@Suite("Fit options")
struct FitOptionsCodingTests {
  @Test("options round-trip through JSON, and old data without a thread count decodes to 1")
  func coding() throws {
    let options = try FitOptions(penalty: 0.01, warmStartRows: 100, threadCount: 3)
    let data = try JSONEncoder().encode(options)
    #expect(try JSONDecoder().decode(FitOptions.self, from: data) == options)
    let old = """
      {"penalty":0,"maximumIterations":500,"gradientTolerance":1e-7,"warmStartRows":4000,
       "computesStandardErrors":true}
      """
    #expect(try JSONDecoder().decode(FitOptions.self, from: Data(old.utf8)) == FitOptions.standard)
    #expect(throws: RetentionError.self) { try FitOptions(threadCount: 0) }
    // Decoding checks the settings as the initialiser does.
    let bad = old.replacingOccurrences(of: "\"penalty\":0", with: "\"penalty\":-1")
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(FitOptions.self, from: Data(bad.utf8))
    }
  }
}
