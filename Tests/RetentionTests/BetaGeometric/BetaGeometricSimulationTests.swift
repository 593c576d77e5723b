import ClientBaseTesting
import Foundation
import Testing

@testable import Retention

/// One simulated client: the history observed up to `observation` and what happened after.
struct SimulatedClient {
  var x: Int
  var recency: Double
  var age: Double
  var aliveAtAge: Bool
  var future: Int
  var aliveAfter: Bool
}

/// Simulates the BG/NBD (`offset` 0) or MBG/NBD (`offset` 1) story from its own definition:
/// purchases at the events of a Poisson process with rate λ ~ Gamma(r, α); right after each
/// repeat purchase (and, for MBG/NBD, right after the first) the client leaves with
/// probability p ~ Beta(a, b).
func simulateBetaGeometric(
  clients: Int, r: Double, alpha: Double, a: Double, b: Double, offset: Int,
  observation: Double, horizon: Double, seed: UInt64
) throws -> [SimulatedClient] {
  var rng = SeededGenerator(seed: seed)
  let rate = try GammaDistribution(shape: r, rate: alpha)
  let drop = try BetaDistribution(a: a, b: b)
  var result: [SimulatedClient] = []
  result.reserveCapacity(clients)
  for _ in 0..<clients {
    let lambda = rate.sample(using: &rng)
    let p = drop.sample(using: &rng)
    var alive = offset == 0 || rng.nextUnitDouble() >= p
    var time = 0.0
    var x = 0
    var last = 0.0
    var future = 0
    var aliveAtAge = alive
    var checkedAge = false
    while alive {
      time += -log(rng.nextOpenUnitDouble()) / lambda
      if !checkedAge, time > observation {
        aliveAtAge = true
        checkedAge = true
      }
      if time > observation + horizon { break }
      if time <= observation {
        x += 1
        last = time
      } else {
        future += 1
      }
      if rng.nextUnitDouble() < p {
        alive = false
        if !checkedAge {
          aliveAtAge = false
          checkedAge = true
        }
      }
    }
    if !checkedAge { aliveAtAge = alive }
    result.append(
      SimulatedClient(
        x: x, recency: last, age: observation, aliveAtAge: aliveAtAge, future: future,
        aliveAfter: alive))
  }
  return result
}

@Suite("Predictions against simulation")
struct BetaGeometricSimulationTests {
  @Test(
    "BG/NBD and MBG/NBD conditional predictions match simulation of their own process",
    arguments: [0, 1])
  func conditional(offset: Int) throws {
    let (r, alpha, a, b) = (0.8, 6.0, 1.3, 2.5)
    let clients = try simulateBetaGeometric(
      clients: 60_000, r: r, alpha: alpha, a: a, b: b, offset: offset, observation: 40,
      horizon: 30, seed: 5 + UInt64(offset))
    let model: any PurchaseModel =
      offset == 0
      ? try BGNBDModel(r: r, alpha: alpha, a: a, b: b)
      : try MBGNBDModel(r: r, alpha: alpha, a: a, b: b)
    // Within groups by frequency: the law of total expectation makes the group mean of each
    // conditional prediction equal the group mean of what actually happened.
    let groups: [(String, (Int) -> Bool)] = [
      ("x = 0", { $0 == 0 }), ("x = 1", { $0 == 1 }), ("x = 2–3", { (2...3).contains($0) }),
      ("x = 4–8", { (4...8).contains($0) }), ("x > 8", { $0 > 8 }),
    ]
    for (label, member) in groups {
      let group = clients.filter { member($0.x) }
      expectAgreement(
        group.map { model.probabilityAlive(frequency: $0.x, recency: $0.recency, age: $0.age) },
        group.map { $0.aliveAtAge ? 1 : 0 }, "P(alive) \(label)")
      expectAgreement(
        group.map {
          model.expectedPurchases(inNext: 30, frequency: $0.x, recency: $0.recency, age: $0.age)
        }, group.map { Double($0.future) }, "E[Y(30)] \(label)")
      expectAgreement(
        group.map {
          model.probabilityAlive(after: 30, frequency: $0.x, recency: $0.recency, age: $0.age)
        }, group.map { $0.aliveAfter ? 1 : 0 }, "P(alive at T + 30) \(label)")
    }
    // Unconditional: repeat purchases by T and the chance of being alive at T.
    expectAgreement(
      clients.map { _ in model.expectedPurchases(by: 40) }, clients.map { Double($0.x) },
      "E[X(40)]")
    expectAgreement(
      clients.map { _ in model.probabilityAlive(at: 40) }, clients.map { $0.aliveAtAge ? 1 : 0 },
      "P(alive at 40)")
    for n in [0, 1, 2, 5] {
      expectAgreement(
        clients.map { _ in model.probability(ofPurchases: n, by: 40) },
        clients.map { $0.x == n ? 1 : 0 }, "P(X(40) = \(n))")
    }
  }
}
