import ClientBaseTesting
import Foundation
import Testing

@testable import Retention

/// One simulated NBD client: the history up to `age` and the purchases in the next `horizon`.
struct SimulatedNBDClient {
  var x: Int
  var recency: Double
  var age: Double
  var future: Int
}

/// Simulates the NBD story from its definition: purchases at the events of a Poisson process
/// with rate λ ~ Gamma(r, α), for ever; ages uniform on 10…60.
func simulateNBD(clients: Int, r: Double, alpha: Double, horizon: Double, seed: UInt64) throws
  -> [SimulatedNBDClient]
{
  var rng = SeededGenerator(seed: seed)
  let rates = try GammaDistribution(shape: r, rate: alpha)
  var result: [SimulatedNBDClient] = []
  result.reserveCapacity(clients)
  for _ in 0..<clients {
    let lambda = rates.sample(using: &rng)
    let age = 10 + 50 * rng.nextUnitDouble()
    var clock = 0.0
    var x = 0
    var last = 0.0
    var future = 0
    while true {
      clock += -log(rng.nextOpenUnitDouble()) / lambda
      if clock > age + horizon { break }
      if clock <= age {
        x += 1
        last = clock
      } else {
        future += 1
      }
    }
    result.append(SimulatedNBDClient(x: x, recency: last, age: age, future: future))
  }
  return result
}

@Suite("NBD")
struct NBDTests {
  let model = try! NBDModel(r: 0.6, alpha: 4)

  @Test("the log-likelihood is the gamma-Poisson density and the BG/NBD's without drop-out")
  func logLikelihood() throws {
    for (x, tx, age) in [(0, 0.0, 30.0), (1, 2.5, 30.0), (7, 29.0, 30.0), (40, 50, 52)] {
      // Independently: ln Γ(r + x) − ln Γ(r) + r ln α − (r + x) ln(α + T), with the C library's
      // log-gamma.
      let direct =
        lgamma(model.r + Double(x)) - lgamma(model.r) + model.r * log(model.alpha)
        - (model.r + Double(x)) * log(model.alpha + age)
      let value = model.logLikelihood(frequency: x, recency: tx, age: age)
      #expect(abs(value - direct) <= 1e-12 * max(1, abs(direct)), "\(x): \(value) vs \(direct)")
      // BG/NBD with a → 0 has no drop-out: its likelihood tends to the NBD's, linearly in a.
      let bg = try BGNBDModel(r: model.r, alpha: model.alpha, a: 1e-10, b: 2)
      let limit = bg.logLikelihood(frequency: x, recency: tx, age: age)
      #expect(abs(limit - value) < 1e-8, "\(x): \(limit) vs \(value)")
    }
    // At a huge shape the terms do not cancel into nonsense: the limit is the Poisson
    // density x ln λ − λT at λ = r/α.
    let poisson = try NBDModel(r: 1e15, alpha: 2e15)
    let value = poisson.logLikelihood(frequency: 3, recency: 5, age: 10)
    #expect(abs(value - (3 * log(0.5) - 5)) < 1e-6, "\(value)")
    #expect(model.logLikelihood(frequency: -1, recency: 0, age: 3).isNaN)
    #expect(model.logLikelihood(frequency: 2, recency: 4, age: 3).isNaN)
    #expect(model.probabilityAlive(frequency: 2, recency: 4, age: 3).isNaN)
  }

  @Test("predictions match simulation of the NBD story")
  func simulation() throws {
    let horizon = 26.0
    let clients = try simulateNBD(
      clients: 60_000, r: model.r, alpha: model.alpha, horizon: horizon, seed: 41)
    // Conditional expectations, summed over the base, equal the purchases that happened.
    expectAgreement(
      clients.map {
        model.expectedPurchases(inNext: horizon, frequency: $0.x, recency: $0.recency, age: $0.age)
      }, clients.map { Double($0.future) }, "E[Y(26) | x, t_x, T]")
    // Grouped by x, where the posterior λ ~ Gamma(r + x, α + T) matters most.
    for x in 0...4 {
      let group = clients.filter { $0.x == x }
      expectAgreement(
        group.map {
          model.expectedPurchases(inNext: horizon, frequency: x, recency: $0.recency, age: $0.age)
        }, group.map { Double($0.future) }, "E[Y(26) | x = \(x)]")
    }
    // New clients: the counts of their first T weeks.
    let fresh = try simulateNBD(
      clients: 60_000, r: model.r, alpha: model.alpha, horizon: 0, seed: 42)
    let span = fresh.map(\.x)
    let ages = fresh.map(\.age)
    expectAgreement(
      ages.map { model.expectedPurchases(by: $0) }, span.map(Double.init), "E[X(T)]")
    for n in 0...5 {
      expectAgreement(
        ages.map { model.probability(ofPurchases: n, by: $0) }, span.map { $0 == n ? 1 : 0 },
        "P(X(T) = \(n))", flooringVariance: true)
    }
    // The counts are a distribution with mean r t/α.
    var total = 0.0
    var mean = 0.0
    for n in 0..<2_000 {
      let p = model.probability(ofPurchases: n, by: 30)
      total += p
      mean += Double(n) * p
    }
    #expect(abs(total - 1) < 1e-12 && abs(mean - model.r * 30 / model.alpha) < 1e-9)
    #expect(model.probabilityAlive(frequency: 3, recency: 2, age: 9) == 1)
    #expect(model.probabilityAlive(after: 10, frequency: 3, recency: 2, age: 9) == 1)
  }

  @Test("the fit recovers the parameters of a simulated base within 4 standard errors")
  func recovery() throws {
    let clients = try simulateNBD(clients: 20_000, r: 0.6, alpha: 4, horizon: 0, seed: 43)
    let histories = try PurchaseHistories(
      frequency: clients.map(\.x), recency: clients.map(\.recency), age: clients.map(\.age))
    let fit = try NBDModel.fit(histories)
    #expect(fit.converged, "\(fit.reason ?? "")")
    let errors = try #require(fit.standardErrors)
    for (i, truth) in [0.6, 4.0].enumerated() {
      let estimate = [fit.model.r, fit.model.alpha][i]
      let error = errors[i]
      #expect(abs(estimate - truth) < 4 * error, "\(estimate) vs \(truth) ± \(error)")
      #expect(error < 0.1 * truth)
    }
    #expect(
      abs(fit.logLikelihood - fit.model.logLikelihood(of: histories))
        <= 1e-10 * abs(fit.logLikelihood))
    // Everyone buying at one rate: r and α run off together and the verdict says so.
    let alike = try PurchaseHistories(
      frequency: [4, 4, 4], recency: [9, 9, 9], age: [10, 10, 10])
    let runaway = try NBDModel.fit(alike)
    #expect(!runaway.converged)
    #expect(runaway.reason?.contains("purchase rates are all alike") == true)
    #expect(throws: RetentionError.self) {
      try NBDModel.fit(PurchaseHistories(frequency: [0, 0], recency: [0, 0], age: [3, 4]))
    }
  }

  @Test("Codable round-trips and rejects invalid parameters")
  func codable() throws {
    let data = try JSONEncoder().encode(model)
    let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Double])
    #expect(object == ["r": 0.6, "alpha": 4])
    #expect(try JSONDecoder().decode(NBDModel.self, from: data) == model)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(NBDModel.self, from: Data(#"{"r": 1, "alpha": 0}"#.utf8))
    }
    #expect(throws: RetentionError.self) { try NBDModel(r: .nan, alpha: 1) }
  }
}
