import ClientBaseTesting
import Foundation
import Testing

@testable import Retention

@Suite("BG/NBD and MBG/NBD")
struct BetaGeometricTests {
  let bg = try! BGNBDModel(r: cdnow.r, alpha: cdnow.alpha, a: cdnow.a, b: cdnow.b)
  let mbg = try! MBGNBDModel(r: cdnow.r, alpha: cdnow.alpha, a: cdnow.a, b: cdnow.b)

  @Test("per-client values match lifetimes at the CDNOW parameters")
  func matchesLifetimes() {
    for (x, tx, t, ll, alive, ey) in lifetimesBGNBD {
      #expect(close(bg.logLikelihood(frequency: x, recency: tx, age: t), ll, relative: 1e-12))
      #expect(close(bg.probabilityAlive(frequency: x, recency: tx, age: t), alive, relative: 1e-12))
      #expect(
        close(
          bg.expectedPurchases(inNext: 52, frequency: x, recency: tx, age: t), ey,
          relative: 1e-10))
    }
    for (x, tx, t, ll, alive, ey) in lifetimesMBGNBD {
      #expect(close(mbg.logLikelihood(frequency: x, recency: tx, age: t), ll, relative: 1e-12))
      #expect(
        close(mbg.probabilityAlive(frequency: x, recency: tx, age: t), alive, relative: 1e-12))
      #expect(
        close(
          mbg.expectedPurchases(inNext: 52, frequency: x, recency: tx, age: t), ey,
          relative: 1e-10))
    }
    let bgExpected: [(Double, Double)] = [
      (1, 0.0532678911716563), (10, 0.43241336223442), (52, 1.4460505953964),
      (200, 3.14385550911145),
    ]
    for (t, value) in bgExpected {
      #expect(close(bg.expectedPurchases(by: t), value, relative: 1e-10))
    }
    let mbgExpected: [(Double, Double)] = [
      (1, 0.0404511009184831), (10, 0.341763856471), (52, 1.21040081092939),
      (200, 2.75697796927352),
    ]
    for (t, value) in mbgExpected {
      #expect(close(mbg.expectedPurchases(by: t), value, relative: 1e-10))
    }
    let bgPMF: [(Int, Double)] = [
      (0, 0.573786352096009), (1, 0.199395280835911), (2, 0.0854297595390607),
      (5, 0.017965493866579),
    ]
    for (n, value) in bgPMF {
      #expect(close(bg.probability(ofPurchases: n, by: 39), value, relative: 1e-10))
    }
    let mbgPMF: [(Int, Double)] = [
      (0, 0.678783998193513), (1, 0.13703024082634), (2, 0.0642804195500959),
      (5, 0.0153251922014982),
    ]
    for (n, value) in mbgPMF {
      #expect(close(mbg.probability(ofPurchases: n, by: 39), value, relative: 1e-10))
    }
  }

  @Test("probabilities of n purchases sum to one and match the expectation")
  func pmfConsistency() {
    for model in [bg as any PurchaseModel, mbg] {
      var total = 0.0
      var mean = 0.0
      for n in 0..<2000 {
        let p = model.probability(ofPurchases: n, by: 30)
        total += p
        mean += Double(n) * p
      }
      #expect(abs(total - 1) < 1e-9)
      #expect(close(mean, model.expectedPurchases(by: 30), relative: 1e-6))
    }
  }

  @Test("the kernel equals the papers' closed form, its gradient finite differences")
  func kernelAndGradient() throws {
    var rng = SeededGenerator(seed: 11)
    var x: [Int] = []
    var tx: [Double] = []
    var t: [Double] = []
    var w: [Double] = []
    for _ in 0..<300 {
      let age = Double(rng.nextInt(below: 80) + 1)
      let repeats = rng.nextInt(below: 4) == 0 ? 0 : rng.nextInt(below: 30)
      x.append(repeats)
      tx.append(repeats == 0 ? 0 : Double(rng.nextInt(below: Int(age)) + 1))
      t.append(age)
      w.append(Double(rng.nextInt(below: 5)))
    }
    let histories = try PurchaseHistories(frequency: x, recency: tx, age: t, weight: w)
    for offset in [0, 1] {
      let objective = BetaGeometricObjective(histories: histories, offset: offset)
      for _ in 0..<5 {
        let point = (0..<4).map { _ in rng.nextUnitDouble() * 4 - 2 }
        var gradient = [Double](repeating: 0, count: 4)
        let value = objective.evaluate(point, &gradient)
        let p = point.map(exp)
        var expected = 0.0
        for i in 0..<histories.count {
          expected +=
            histories.weight[i]
            * referenceBetaGeometricLogLikelihood(
              r: p[0], alpha: p[1], a: p[2], b: p[3], offset: offset,
              x: Int(histories.frequency[i]), recency: histories.recency[i],
              age: histories.age[i])
        }
        #expect(close(-value, expected, relative: 1e-11))
        // One part of rows (fewer than 8,192), added in row order: the per-client function
        // gives the kernel's value to the last bit.
        let model: any PurchaseModel =
          offset == 0
          ? BGNBDModel(unchecked: p[0], p[1], p[2], p[3])
          : MBGNBDModel(unchecked: p[0], p[1], p[2], p[3])
        #expect(-value == model.logLikelihood(of: histories))
        for j in 0..<4 {
          let h = 1e-6
          var scratch = gradient
          var up = point
          up[j] += h
          var down = point
          down[j] -= h
          let numeric =
            (objective.evaluate(up, &scratch) - objective.evaluate(down, &scratch)) / (2 * h)
          #expect(
            abs(numeric - gradient[j]) <= 1e-5 * max(1, abs(numeric)), "offset \(offset) j \(j)")
        }
      }
    }
  }

  @Test(
    "fits recover the parameters of seeded synthetic bases",
    arguments: [
      PurchaseProcess.bgnbd(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426),
      PurchaseProcess.bgnbd(r: 1.2, alpha: 9.0, a: 2.5, b: 6.0),
      PurchaseProcess.bgnbd(r: 0.5, alpha: 2.0, a: 1.5, b: 1.2),
      PurchaseProcess.mbgnbd(r: 0.6, alpha: 5.0, a: 1.1, b: 3.0),
    ])
  func recovery(process: PurchaseProcess) throws {
    let base = try SyntheticBase(
      configuration: SyntheticBaseConfiguration(
        clients: 20_000, process: process, unit: .week, acquisitionWindowDays: 26 * 7,
        asOf: Day(daysSince1970: 9_862 + 78 * 7), seed: 99,
        contactsPerYear: 0, lifeEventsPerYear: 0))
    // The exact continuous-time histories, so no flooring to days biases the estimate.
    let histories = try PurchaseHistories(
      frequency: base.clients.map(\.frequency), recency: base.clients.map(\.recency),
      age: base.clients.map(\.age))
    // The estimate and its standard errors from either variant, the same code.
    func fitted<Variant: BetaGeometricVariant>(_: Variant.Type) throws -> ([Double], [Double]) {
      let fit = try BetaGeometricNBDModel<Variant>.fit(histories)
      #expect(fit.converged)
      return (
        [fit.model.r, fit.model.alpha, fit.model.a, fit.model.b],
        try #require(fit.standardErrors)
      )
    }
    let truth: [Double]
    let (estimate, errors): ([Double], [Double])
    switch process {
    case .bgnbd(let r, let alpha, let a, let b):
      truth = [r, alpha, a, b]
      (estimate, errors) = try fitted(BGNBDVariant.self)
    case .mbgnbd(let r, let alpha, let a, let b):
      truth = [r, alpha, a, b]
      (estimate, errors) = try fitted(MBGNBDVariant.self)
    default:
      Issue.record("unexpected process")
      return
    }
    // A maximum-likelihood estimate lies within 4 standard errors of the truth with
    // probability above 99.99% per parameter; the standard errors come from the fit itself,
    // so the tolerance is as tight as 20,000 clients allow, not tuned to the seed.
    for i in 0..<4 {
      #expect(
        abs(estimate[i] - truth[i]) < 4 * errors[i],
        "parameter \(i): \(estimate[i]) vs \(truth[i]) ± \(errors[i])")
      #expect(errors[i] < 0.25 * truth[i])  // and the data do pin the parameter down
    }
  }

  @Test("both variants encode as r, alpha, a, b and decoding checks the parameters")
  func codable() throws {
    let data = try JSONEncoder().encode(bg)
    let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Double])
    #expect(object == ["r": cdnow.r, "alpha": cdnow.alpha, "a": cdnow.a, "b": cdnow.b])
    #expect(try JSONDecoder().decode(BGNBDModel.self, from: data) == bg)
    #expect(try JSONDecoder().decode(MBGNBDModel.self, from: data) == mbg)
    let bad = Data(#"{"r": 0.5, "alpha": 4, "a": -1, "b": 2}"#.utf8)
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(BGNBDModel.self, from: bad) }
    #expect(throws: DecodingError.self) { try JSONDecoder().decode(MBGNBDModel.self, from: bad) }
    #expect(BGNBDVariant.offset == 0 && MBGNBDVariant.offset == 1)
    #expect(BGNBDVariant.name == "BG/NBD" && MBGNBDVariant.name == "MBG/NBD")
  }
}
