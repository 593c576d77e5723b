import ClientBaseTesting
import Foundation
import Testing

@testable import Retention

@Suite("Pareto/NBD")
struct ParetoNBDTests {
  // MARK: - Reference values

  @Test("per-client values match 50-digit references from the published closed forms")
  func clientReferences() throws {
    for (name, x, tx, age, ll, alive, expected, aliveAfter, dert) in paretoClientReference {
      let model = try paretoModel(name)
      let label = "\(name) (\(x), \(tx), \(age))"
      let computedLL = model.logLikelihood(frequency: x, recency: tx, age: age)
      #expect(abs(computedLL - ll) <= 1e-12 * max(1, abs(ll)), "ln L \(label): \(computedLL)")
      let computedAlive = model.probabilityAlive(frequency: x, recency: tx, age: age)
      #expect(paretoClose(computedAlive, alive, 1e-11), "P(alive) \(label): \(computedAlive)")
      let computedExpected = model.expectedPurchases(
        inNext: 52, frequency: x, recency: tx, age: age)
      #expect(paretoClose(computedExpected, expected, 1e-11), "E[Y] \(label): \(computedExpected)")
      let computedAfter = model.probabilityAlive(after: 20, frequency: x, recency: tx, age: age)
      #expect(paretoClose(computedAfter, aliveAfter, 1e-11), "P(alive, T+20) \(label)")
      let computedDERT = model.discountedExpectedResidualPurchases(
        continuousDiscountRate: 0.0027, frequency: x, recency: tx, age: age)
      #expect(paretoClose(computedDERT, dert, 1e-11), "DERT \(label): \(computedDERT)")
    }
  }

  @Test("unconditional values match 50-digit references, P(X(t) = n) included")
  func unconditionalReferences() throws {
    for (name, t, expected, alive, p0, p1, p2, p5, p20) in paretoUnconditionalReference {
      let model = try paretoModel(name)
      #expect(paretoClose(model.expectedPurchases(by: t), expected, 1e-12), "E[X(\(t))] \(name)")
      #expect(paretoClose(model.probabilityAlive(at: t), alive, 1e-12), "P(alive at \(t)) \(name)")
      for (n, reference) in [(0, p0), (1, p1), (2, p2), (5, p5), (20, p20)] {
        let computed = model.probability(ofPurchases: n, by: t)
        // The quadrature is good to about 1e-12 relative.
        #expect(paretoClose(computed, reference, 1e-10), "P(X(\(t)) = \(n)) \(name): \(computed)")
      }
    }
  }

  @Test("the published CDNOW parameters reproduce lifetimes 0.11.3 side by side")
  func lifetimesSideBySide() throws {
    let model = try paretoModel("cdnow")
    for (x, tx, age, ll, alive, expected) in paretoLifetimesReference {
      // lifetimes prints 15 significant digits.
      #expect(paretoClose(model.logLikelihood(frequency: x, recency: tx, age: age), ll, 1e-13))
      #expect(
        paretoClose(model.probabilityAlive(frequency: x, recency: tx, age: age), alive, 1e-13))
      #expect(
        paretoClose(
          model.expectedPurchases(inNext: 52, frequency: x, recency: tx, age: age), expected,
          1e-13))
    }
  }

  @Test("ω(s, z) = zˢ U(s, s, z) matches mpmath's Tricomi U across s ≶ 1 and small and large z")
  func discountFactorReferences() {
    for (s, z, reference) in paretoDiscountFactorReference {
      let computed = ParetoNBDMath.discountFactor(shape: s, argument: z)
      #expect(paretoClose(computed, reference, 5e-14), "ω(\(s), \(z)) = \(computed)")
    }
  }

  @Test("K at extreme arguments (z → 1, x = 500, scale ratios of 10⁶) matches mpmath")
  func tailReferences() {
    for (q1, a1, q2, a2, t, reference) in paretoTailReference {
      let tail = ParetoNBDMath.tail(
        q1: q1, q2: q2, difference: a1 - a2, a1: a1 + t, a2: a2 + t)
      // The code works with K̂ = K (A₁ + t)^q₁ (A₂ + t)^q₂.
      let logK = tail.logValue - q1 * log(a1 + t) - q2 * log(a2 + t)
      #expect(
        abs(logK - reference) <= 1e-12 * max(1, abs(reference)),
        "ln K(\(q1), \(a1), \(q2), \(a2); \(t)) = \(logK), expected \(reference)")
    }
  }

  @Test("the quadrature and the series for K agree where both apply, values and gradients")
  func quadratureMatchesSeries() {
    var rng = SeededGenerator(seed: 31)
    for _ in 0..<400 {
      let q1 = exp(-3 + 8 * rng.nextUnitDouble())
      let q2 = exp(-3 + 8 * rng.nextUnitDouble())
      let small = exp(-4 + 8 * rng.nextUnitDouble())
      let z = 0.2 + 0.73 * rng.nextUnitDouble()
      let large = small / (1 - z)
      let (a1, a2) = rng.nextUnitDouble() < 0.5 ? (large, small) : (small, large)
      let series = ParetoNBDMath.tail(q1: q1, q2: q2, difference: a1 - a2, a1: a1, a2: a2)
      let quadrature = ParetoNBDMath.quadratureTail(q1: q1, q2: q2, a1: a1, a2: a2)
      let label = "q1 \(q1), q2 \(q2), a1 \(a1), a2 \(a2)"
      #expect(
        abs(series.logValue - quadrature.logValue) <= 1e-12 * max(1, abs(series.logValue)),
        "\(label)")
      for (u, v) in [
        (series.dq1, quadrature.dq1), (series.dq2, quadrature.dq2),
        (series.dA1 * a1, quadrature.dA1 * a1), (series.dA2 * a2, quadrature.dA2 * a2),
      ] {
        #expect(abs(u - v) <= 1e-9 * max(1, abs(u)), "gradient \(label): \(u) vs \(v)")
      }
    }
  }

  @Test("K's value alone (series and quadrature) is the gradient path's value to the last bit")
  func valueOnlyTailsMatchTheGradientPath() {
    var rng = SeededGenerator(seed: 47)
    var quadratures = 0
    for _ in 0..<600 {
      let q1 = exp(-3 + 10 * rng.nextUnitDouble())
      let q2 = exp(-3 + 10 * rng.nextUnitDouble())
      let a1 = exp(-6 + 14 * rng.nextUnitDouble())
      let a2 = exp(-6 + 14 * rng.nextUnitDouble())
      let t = rng.nextUnitDouble() < 0.2 ? 0 : exp(-4 + 8 * rng.nextUnitDouble())
      let full = ParetoNBDMath.tail(q1: q1, q2: q2, difference: a1 - a2, a1: a1 + t, a2: a2 + t)
      let value = ParetoNBDMath.logTail(
        q1: q1, q2: q2, difference: a1 - a2, a1: a1 + t, a2: a2 + t)
      #expect(value == full.logValue, "q1 \(q1), q2 \(q2), a1 \(a1), a2 \(a2), t \(t)")
      let z = abs(a1 - a2) / max(a1 + t, a2 + t)
      if z > ParetoNBDMath.seriesLimit { quadratures += 1 }
    }
    #expect(quadratures > 50)
  }

  @Test("the objective's value alone equals its evaluation with the gradient, bit for bit")
  func objectiveValueMatchesEvaluate() throws {
    let objective = ParetoNBDObjective(histories: try gradientHistories())
    var rng = SeededGenerator(seed: 5)
    var points: [[Double]] = (0..<12).map { _ in
      (0..<4).map { _ in -3 + 7 * rng.nextUnitDouble() }
    }
    // A tenfold probe's kind of point: β far above α (the quadrature branch).
    points.append([log(0.3), log(5), log(4), log(5_000)])
    for point in points {
      var gradient = [Double](repeating: 0, count: 4)
      #expect(objective.value(at: point) == objective.evaluate(point, &gradient), "\(point)")
    }
  }

  // MARK: - Independent evaluations

  @Test(
    "ln L matches an independent integration over the drop-out time",
    arguments: [
      "cdnow", "alphaAbove", "equalRates", "unitShape", "lopsided",
    ])
  func likelihoodMatchesDirectIntegration(set: String) throws {
    let p = try #require(paretoSets[set])
    let model = try paretoModel(set)
    var rng = SeededGenerator(seed: 11)
    for _ in 0..<40 {
      let age = 0.01 + 80 * rng.nextUnitDouble()
      let x = rng.nextInt(below: 4) == 0 ? 0 : rng.nextInt(below: 60)
      let tx = x == 0 ? 0 : age * rng.nextUnitDouble()
      let direct = paretoDirectLogLikelihood(p.r, p.alpha, p.s, p.beta, x, tx, age)
      let computed = model.logLikelihood(frequency: x, recency: tx, age: age)
      #expect(
        abs(computed - direct) <= 1e-12 * max(1, abs(direct)),
        "\(set) (\(x), \(tx), \(age)): \(computed) vs \(direct)")
    }
  }

  @Test("ln L matches brute-force integration over both gamma mixing distributions")
  func likelihoodMatchesMixingIntegral() throws {
    for (r, alpha, s, beta, x, tx, age) in [
      (0.8, 4.0, 1.3, 9.0, 2, 11.5, 30.0), (1.7, 12.0, 0.9, 3.0, 0, 0.0, 25.0),
      (1.1, 6.0, 2.0, 6.0, 4, 20.0, 21.0),
    ] {
      let model = try ParetoNBDModel(r: r, alpha: alpha, s: s, beta: beta)
      let mixing = paretoMixingLogLikelihood(r, alpha, s, beta, x, tx, age)
      let computed = model.logLikelihood(frequency: x, recency: tx, age: age)
      #expect(abs(computed - mixing) <= 1e-9, "(\(x), \(tx), \(age)): \(computed) vs \(mixing)")
    }
  }

  @Test(
    "Σₙ P(X(t) = n) = 1 and Σₙ n P(X(t) = n) = E[X(t)]",
    arguments: [
      "cdnow", "alphaAbove", "equalRates", "unitShape", "lopsided",
    ])
  func countDistributionIsProper(set: String) throws {
    let model = try paretoModel(set)
    for t in [0.5, 39.0, 150.0] {
      var total = 0.0
      var mean = 0.0
      var n = 0
      while n < 3_000 {
        let p = model.probability(ofPurchases: n, by: t)
        #expect(p >= 0 && p <= 1)
        total += p
        mean += Double(n) * p
        if n > 20, p < 1e-18 * max(total, 1) { break }
        n += 1
      }
      #expect(abs(total - 1) <= 1e-10, "\(set), t = \(t): Σ P = \(total)")
      let expected = model.expectedPurchases(by: t)
      #expect(
        paretoClose(mean, expected, 1e-9), "\(set), t = \(t): Σ n P = \(mean), E[X] \(expected)")
    }
  }

  @Test(
    "DERT equals the discounted sum of increments of E[Y(t)]",
    arguments: [
      "cdnow", "alphaAbove", "equalRates", "unitShape",
    ])
  func dertMatchesDiscountedIncrements(set: String) throws {
    let model = try paretoModel(set)
    // δ = 0.05: e^(−δt) < e^(−40) beyond t = 800, so truncating there loses nothing visible;
    // with steps of h = 0.02 and the discount at each step's midpoint the sum differs from
    // ∫ e^(−δt) dE[Y(t)] by about (δh)²/24 ≈ 4e-8 relative.
    let delta = 0.05
    let h = 0.02
    for (x, tx, age) in [(0, 0.0, 30.0), (3, 20.0, 32.0), (12, 5.0, 40.0)] {
      var previous = 0.0
      var sum = 0.0
      var t = 0.0
      while t < 800 {
        let next = model.expectedPurchases(inNext: t + h, frequency: x, recency: tx, age: age)
        sum += exp(-delta * (t + h / 2)) * (next - previous)
        previous = next
        t += h
      }
      let dert = model.discountedExpectedResidualPurchases(
        continuousDiscountRate: delta, frequency: x, recency: tx, age: age)
      #expect(paretoClose(dert, sum, 1e-6), "\(set) (\(x), \(tx), \(age)): \(dert) vs \(sum)")
    }
  }

  @Test("E[Y(t)], E[X(t)] and DERT are continuous through s = 1 (the limits, not 0/0)")
  func continuousThroughUnitShape() throws {
    let unit = try ParetoNBDModel(r: 2.5, alpha: 4, s: 1, beta: 20)
    for shift in [-1e-7, -1e-12, 1e-12, 1e-7] {
      let near = try ParetoNBDModel(r: 2.5, alpha: 4, s: 1 + shift, beta: 20)
      // Each quantity moves by O(shift): a 0/0 evaluation would be off by far more.
      let tolerance = 10 * abs(shift) + 1e-14
      #expect(
        paretoClose(
          near.expectedPurchases(inNext: 52, frequency: 3, recency: 20, age: 30),
          unit.expectedPurchases(inNext: 52, frequency: 3, recency: 20, age: 30), tolerance))
      #expect(
        paretoClose(near.expectedPurchases(by: 39), unit.expectedPurchases(by: 39), tolerance))
      #expect(
        paretoClose(
          near.discountedExpectedResidualPurchases(
            continuousDiscountRate: 0.01, frequency: 3, recency: 20, age: 30),
          unit.discountedExpectedResidualPurchases(
            continuousDiscountRate: 0.01, frequency: 3, recency: 20, age: 30), tolerance))
    }
    // The s = 1 limit itself: (r/α) β ln(1 + t/β).
    #expect(paretoClose(unit.expectedPurchases(by: 39), 2.5 / 4 * 20 * log(1 + 39.0 / 20), 1e-14))
  }

  @Test("DERT at δ → 0 tends to E[Y(∞)] when s > 1, and grows without bound when s ≤ 1")
  func dertLimits() throws {
    let model = try paretoModel("equalRates")  // s = 1.7
    let undiscounted = model.discountedExpectedResidualPurchases(
      continuousDiscountRate: 0, frequency: 2, recency: 10, age: 20)
    let forever = model.expectedPurchases(inNext: .infinity, frequency: 2, recency: 10, age: 20)
    #expect(paretoClose(undiscounted, forever, 1e-14))
    // E[1/(μ + δ)] → E[1/μ] like δ^(s−1) (E[1/μ²] is infinite for s < 2): about 1e-7 at
    // δ = 1e-12 with s = 1.7.
    let tiny = model.discountedExpectedResidualPurchases(
      continuousDiscountRate: 1e-12, frequency: 2, recency: 10, age: 20)
    #expect(tiny < forever && paretoClose(tiny, forever, 1e-6))
    let cdnow = try paretoModel("cdnow")  // s = 0.606
    #expect(
      cdnow.discountedExpectedResidualPurchases(
        continuousDiscountRate: 0, frequency: 2, recency: 10, age: 20) == .infinity)
    #expect(
      cdnow.discountedExpectedResidualPurchases(
        continuousDiscountRate: 1e-12, frequency: 2, recency: 10, age: 20
      ).isFinite)
    #expect(
      cdnow.discountedExpectedResidualPurchases(
        continuousDiscountRate: -0.1, frequency: 2, recency: 10, age: 20
      ).isNaN)
    // 15% a year as a weekly continuous rate, the conversion the documentation gives.
    let weekly = log(1.15) / 52
    #expect(abs(exp(-weekly * 52) - 1 / 1.15) < 1e-15)
  }

  // MARK: - Gradient

  /// A small base that exercises x = 0, t_x = T, large x, shared and distinct (x, T), (x, t_x).
  private func gradientHistories() throws -> PurchaseHistories {
    var rng = SeededGenerator(seed: 5)
    var frequency: [Int] = []
    var recency: [Double] = []
    var age: [Double] = []
    var weight: [Double] = []
    for i in 0..<60 {
      let t = [5.0, 20.0, 38.5, 52.0][i % 4]
      let x = i % 5 == 0 ? 0 : (i == 7 ? 250 : rng.nextInt(below: 12))
      frequency.append(x)
      recency.append(x == 0 ? 0 : (i % 6 == 1 ? t : t * rng.nextUnitDouble()))
      age.append(t)
      weight.append(1 + Double(rng.nextInt(below: 5)))
    }
    return try PurchaseHistories(frequency: frequency, recency: recency, age: age, weight: weight)
  }

  @Test("the analytic gradient matches central differences, α ≥ β and α < β")
  func gradientMatchesFiniteDifferences() throws {
    let objective = ParetoNBDObjective(histories: try gradientHistories())
    var rng = SeededGenerator(seed: 99)
    var points: [[Double]] = (0..<25).map { _ in
      [
        -2 + 4 * rng.nextUnitDouble(), -1 + 5 * rng.nextUnitDouble(),
        -2 + 4 * rng.nextUnitDouble(), -1 + 5 * rng.nextUnitDouble(),
      ]
    }
    // Rates a thousand-fold apart either way: K's quadrature branch.
    points.append([log(0.3), log(50), log(0.4), log(0.05)])
    points.append([log(0.9), log(0.02), log(2.5), log(40)])
    var above = 0
    var below = 0
    for point in points {
      if point[1] >= point[3] { above += 1 } else { below += 1 }
      var gradient = [Double](repeating: 0, count: 4)
      let value = objective.evaluate(point, &gradient)
      #expect(value.isFinite)
      for j in 0..<4 {
        let h = 1e-5
        var plus = point
        var minus = point
        plus[j] += h
        minus[j] -= h
        var scratch = [Double](repeating: 0, count: 4)
        let difference =
          (objective.evaluate(plus, &scratch) - objective.evaluate(minus, &scratch)) / (2 * h)
        #expect(
          abs(gradient[j] - difference) <= 1e-6 * max(1, abs(difference)),
          "∂/∂θ\(j) at \(point.map(exp)): analytic \(gradient[j]), numeric \(difference)")
      }
    }
    #expect(above > 3 && below > 3)
  }

  @Test("the likelihood and its gradient are continuous across α = β")
  func continuousAcrossEqualRates() throws {
    let objective = ParetoNBDObjective(histories: try gradientHistories())
    let base = [log(0.7), log(6.0), log(1.3), log(6.0)]
    var atEqual = [Double](repeating: 0, count: 4)
    let value = objective.evaluate(base, &atEqual)
    for shift in [-1e-9, 1e-9] {
      var point = base
      point[1] += shift
      var gradient = [Double](repeating: 0, count: 4)
      let shifted = objective.evaluate(point, &gradient)
      #expect(abs(shifted - value) <= 1e-6)
      for j in 0..<4 {
        #expect(abs(gradient[j] - atEqual[j]) <= 1e-6 * max(1, abs(atEqual[j])))
      }
    }
  }

  @Test("the fitting kernel equals an independent integration, and a client's ln L its row term")
  func kernelMatchesIndependentLikelihood() throws {
    let histories = try gradientHistories()
    let objective = ParetoNBDObjective(histories: histories)
    for name in ["cdnow", "alphaAbove", "equalRates", "lopsided"] {
      let p = try #require(paretoSets[name])
      let model = try paretoModel(name)
      var gradient = [Double](repeating: 0, count: 4)
      let point = [log(model.r), log(model.alpha), log(model.s), log(model.beta)]
      let value = objective.evaluate(point, &gradient)
      var direct = 0.0
      for i in 0..<histories.count {
        direct +=
          histories.weight[i]
          * paretoDirectLogLikelihood(
            p.r, p.alpha, p.s, p.beta, Int(histories.frequency[i]), histories.recency[i],
            histories.age[i])
      }
      #expect(paretoClose(-value, direct, 1e-12), "\(name): \(-value) vs \(direct)")
      // One part of rows, added in row order, every x ≤ 1,000: at the kernel's parameters,
      // e^(ln θ), the per-client function gives the kernel's value to the last bit.
      let theta = point.map(exp)
      let atPoint = ParetoNBDModel(unchecked: theta[0], theta[1], theta[2], theta[3])
      #expect(-value == atPoint.logLikelihood(of: histories), "\(name)")
    }
  }

  @Test("P(alive), from the predictions' bracket, is the likelihood's alive term over ln L")
  func probabilityAliveMatchesLikelihood() throws {
    let histories = try gradientHistories()
    for name in ["cdnow", "alphaAbove", "equalRates", "lopsided", "unitShape"] {
      let p = try #require(paretoSets[name])
      let model = try paretoModel(name)
      for i in 0..<histories.count {
        let x = Int(histories.frequency[i])
        let (tx, age) = (histories.recency[i], histories.age[i])
        // The alive term Γ(r + x) αʳ βˢ / (Γ(r) (α + T)^(r+x) (β + T)ˢ), written independently.
        let logAlive =
          lgamma(p.r + Double(x)) - lgamma(p.r) + p.r * log(p.alpha) + p.s * log(p.beta)
          - (p.r + Double(x)) * log(p.alpha + age) - p.s * log(p.beta + age)
        let fromLikelihood = exp(
          logAlive - model.logLikelihood(frequency: x, recency: tx, age: age))
        let alive = model.probabilityAlive(frequency: x, recency: tx, age: age)
        #expect(
          abs(alive - min(1, fromLikelihood)) <= 1e-11 * max(alive, 1e-300),
          "\(name) (\(x), \(tx), \(age)): \(alive) vs \(fromLikelihood)")
      }
    }
  }

  // MARK: - Simulation

  @Test(
    "predictions match simulation of the Pareto/NBD process",
    arguments: [
      (0.8, 6.0, 0.9, 12.0, UInt64(7)), (1.5, 5.0, 2.2, 3.0, UInt64(8)),
    ])
  func monteCarlo(r: Double, alpha: Double, s: Double, beta: Double, seed: UInt64) throws {
    let age = 40.0
    let horizon = 30.0
    let model = try ParetoNBDModel(r: r, alpha: alpha, s: s, beta: beta)
    let clients = try paretoSimulate(
      clients: 50_000, r: r, alpha: alpha, s: s, beta: beta, age: age, horizon: horizon,
      seed: seed)
    // Within groups by x, the law of total expectation makes the group mean of a conditional
    // prediction equal the group mean of what happened.
    // Groups of more than 50 clients, the variance floored for rare events.
    func agree(
      _ predicted: [Double], _ simulated: [Double], _ label: String,
      sourceLocation: SourceLocation = #_sourceLocation
    ) {
      expectAgreement(
        predicted, simulated, label, minimumCount: 50, flooringVariance: true,
        sourceLocation: sourceLocation)
    }
    let groups: [(String, (Int) -> Bool)] = [
      ("x = 0", { $0 == 0 }), ("x = 1", { $0 == 1 }), ("x = 2–3", { (2...3).contains($0) }),
      ("x = 4–8", { (4...8).contains($0) }), ("x > 8", { $0 > 8 }),
    ]
    for (label, member) in groups {
      let group = clients.filter { member($0.x) }
      agree(
        group.map { model.probabilityAlive(frequency: $0.x, recency: $0.recency, age: age) },
        group.map { $0.aliveAtAge ? 1 : 0 }, "P(alive) \(label)")
      agree(
        group.map {
          model.expectedPurchases(inNext: horizon, frequency: $0.x, recency: $0.recency, age: age)
        }, group.map { Double($0.future) }, "E[Y(30)] \(label)")
      agree(
        group.map {
          model.probabilityAlive(after: horizon, frequency: $0.x, recency: $0.recency, age: age)
        }, group.map { $0.aliveAfter ? 1 : 0 }, "P(alive at T + 30) \(label)")
    }
    let n = clients.count
    agree(
      Array(repeating: model.expectedPurchases(by: age), count: n), clients.map { Double($0.x) },
      "E[X(40)]")
    agree(
      Array(repeating: model.probabilityAlive(at: age), count: n),
      clients.map { $0.aliveAtAge ? 1 : 0 }, "P(alive at 40)")
    agree(
      Array(repeating: model.probabilityAlive(at: age + horizon), count: n),
      clients.map { $0.aliveAfter ? 1 : 0 }, "P(alive at 70)")
    for count in [0, 1, 2, 5, 10] {
      agree(
        Array(repeating: model.probability(ofPurchases: count, by: age), count: n),
        clients.map { $0.x == count ? 1 : 0 }, "P(X(40) = \(count))")
    }
  }

  // MARK: - Fitting

  @Test(
    "the fit recovers the parameters of synthetic bases within 4 standard errors",
    arguments: [
      (0.553, 10.578, 0.606, 11.669), (1.2, 6.0, 0.9, 4.0),
    ])
  func parameterRecovery(r: Double, alpha: Double, s: Double, beta: Double) throws {
    // The exact continuous-time truth of each client (x, t_x, T in weeks), so the only error
    // is sampling error, which the standard errors measure: the MLE is asymptotically normal,
    // and each |θ̂ − θ| < 4 SE fails by chance with probability about 6e-5.
    let configuration = try SyntheticBaseConfiguration(
      clients: 20_000, process: .paretonbd(r: r, alpha: alpha, s: s, beta: beta),
      seed: 2024, contactsPerYear: 0, lifeEventsPerYear: 0)
    let base = try SyntheticBase(configuration: configuration)
    let histories = try PurchaseHistories(
      frequency: base.clients.map(\.frequency), recency: base.clients.map(\.recency),
      age: base.clients.map(\.age))
    let fit = try ParetoNBDModel.fit(histories, options: try FitOptions(warmStartRows: 4_000))
    #expect(fit.converged, "\(fit.message)")
    let errors = try #require(fit.standardErrors)
    let estimates = [fit.model.r, fit.model.alpha, fit.model.s, fit.model.beta]
    for (j, truth) in [r, alpha, s, beta].enumerated() {
      #expect(errors[j] > 0 && errors[j] < truth, "SE \(errors[j]) of parameter \(j)")
      #expect(
        abs(estimates[j] - truth) < 4 * errors[j],
        "parameter \(j): \(estimates[j]) vs \(truth) ± \(errors[j])")
    }
    // The optimum beats the truth on its own data.
    let truthModel = try ParetoNBDModel(r: r, alpha: alpha, s: s, beta: beta)
    #expect(fit.logLikelihood >= truthModel.logLikelihood(of: histories))
    #expect(paretoClose(fit.logLikelihood, fit.model.logLikelihood(of: histories), 1e-12))
    #expect(fit.clients == 20_000)
  }

  @Test("weights stand for repeated clients and zero weights for none")
  func weights() throws {
    let single = try PurchaseHistories(
      frequency: [0, 2, 5, 1], recency: [0, 10, 30, 3], age: [40, 35, 38, 20],
      weight: [30, 7, 2, 11])
    var frequency: [Int] = []
    var recency: [Double] = []
    var age: [Double] = []
    for (x, tx, t, w) in [
      (0, 0.0, 40.0, 30), (2, 10.0, 35.0, 7), (5, 30.0, 38.0, 2), (1, 3.0, 20.0, 11),
    ] {
      for _ in 0..<w {
        frequency.append(x)
        recency.append(tx)
        age.append(t)
      }
    }
    // A row of weight zero is dropped.
    frequency.append(50)
    recency.append(1)
    age.append(2)
    let expanded = try PurchaseHistories(
      frequency: frequency, recency: recency, age: age,
      weight: Array(repeating: 1, count: frequency.count - 1) + [0])
    let options = try FitOptions(warmStartRows: 0)
    let a = try ParetoNBDModel.fit(single, options: options)
    let b = try ParetoNBDModel.fit(expanded, options: options)
    #expect(paretoClose(a.logLikelihood, b.logLikelihood, 1e-12))
    #expect(paretoClose(a.model.r, b.model.r, 1e-9))
    #expect(paretoClose(a.model.beta, b.model.beta, 1e-9))
    #expect(throws: RetentionError.noData) {
      try PurchaseHistories(frequency: [1], recency: [1], age: [2], weight: [0])
    }
  }

  @Test("nobody repeating is unidentifiable; bad options and parameters are typed errors")
  func errors() throws {
    let once = try PurchaseHistories(frequency: [0, 0], recency: [0, 0], age: [10, 20])
    #expect {
      try ParetoNBDModel.fit(once)
    } throws: { error in
      guard case .unidentifiable = error as? RetentionError else { return false }
      return true
    }
    let some = try PurchaseHistories(frequency: [1, 0], recency: [3, 0], age: [10, 20])
    #expect(throws: RetentionError.self) {
      try ParetoNBDModel.fit(some, options: try FitOptions(maximumIterations: 0))
    }
    for (r, alpha, s, beta, name) in [
      (0.0, 1.0, 1.0, 1.0, "r"), (1, -1, 1, 1, "alpha"), (1, 1, .nan, 1, "s"),
      (1, 1, 1, .infinity, "beta"),
    ] {
      #expect {
        try ParetoNBDModel(r: r, alpha: alpha, s: s, beta: beta)
      } throws: { error in
        guard case .invalidParameter(let parameter, _) = error as? RetentionError else {
          return false
        }
        return parameter == name
      }
    }
  }

  @Test("a fit stopped early says so and still returns a valid model")
  func notConverged() throws {
    let histories = try gradientHistories()
    let fit = try ParetoNBDModel.fit(
      histories, options: try FitOptions(maximumIterations: 1, warmStartRows: 0))
    #expect(!fit.converged)
    #expect(fit.standardErrors == nil)
    #expect(fit.logLikelihood.isFinite)
    #expect(
      [fit.model.r, fit.model.alpha, fit.model.s, fit.model.beta].allSatisfy {
        $0 > 0 && $0.isFinite
      })
  }

  @Test("degenerate bases: one client, identical clients, a tiny age — flagged, never NaN")
  func degenerateBases() throws {
    // One client with (x, t_x, T) = (2, 10, 30), alone and a hundred times over. A mixture's
    // likelihood never exceeds the best single (λ, μ), and the fit approaches that supremum as
    // the gammas collapse to a point (r, α → ∞ or s, β → ∞): no interior optimum exists.
    let (x, tx, age) = (2, 10.0, 30.0)
    func individual(_ lambda: Double, _ mu: Double) -> Double {
      let rate = lambda + mu
      return Double(x) * log(lambda)
        + log(exp(-rate * age) + mu / rate * (exp(-rate * tx) - exp(-rate * age)))
    }
    // Grid search with refinement for sup ln L(λ, μ) over λ > 0, μ ≥ 0.
    var best = (value: -Double.infinity, lambda: 0.1, mu: 0.01)
    var width = (lambda: 1.0, mu: 0.5)
    for _ in 0..<30 {
      let centre = best
      for i in 0...40 {
        for j in 0...40 {
          let lambda = centre.lambda + width.lambda * (Double(i) / 20 - 1)
          let mu = centre.mu + width.mu * (Double(j) / 20 - 1)
          guard lambda > 0, mu >= 0 else { continue }
          let value = individual(lambda, mu)
          if value > best.value { best = (value, lambda, mu) }
        }
      }
      width = (width.lambda / 4, width.mu / 4)
    }
    for copies in [1, 100] {
      let histories = try PurchaseHistories(
        frequency: Array(repeating: x, count: copies), recency: Array(repeating: tx, count: copies),
        age: Array(repeating: age, count: copies))
      let fit = try ParetoNBDModel.fit(histories)
      let model = fit.model
      #expect(!fit.converged, "\(fit.message)")
      #expect(fit.reason?.contains("ran off") == true, "\(fit.reason ?? "")")
      #expect([model.r, model.alpha, model.s, model.beta].allSatisfy { $0 > 0 && $0.isFinite })
      let supremum = Double(copies) * best.value
      #expect(fit.logLikelihood <= supremum + 1e-9 * Double(copies))
      #expect(
        fit.logLikelihood >= supremum - 1e-3 * Double(copies), "\(fit.logLikelihood) vs \(supremum)"
      )
      #expect(paretoClose(fit.logLikelihood, model.logLikelihood(of: histories), 1e-12))
      // The limit model's predictions are those of the best single (λ, μ).
      let rate = best.lambda + best.mu
      let aliveTerm = exp(-rate * age)
      let aliveAtBest = aliveTerm / (aliveTerm + best.mu / rate * (exp(-rate * tx) - aliveTerm))
      let alive = model.probabilityAlive(frequency: x, recency: tx, age: age)
      #expect(abs(alive - aliveAtBest) < 1e-4, "P(alive) \(alive) vs \(aliveAtBest)")
    }
    let tiny = try PurchaseHistories(frequency: [1, 0], recency: [1e-6, 0], age: [1e-6, 1e-6])
    let fit = try ParetoNBDModel.fit(tiny)
    #expect(fit.logLikelihood.isFinite)
    #expect(
      [fit.model.r, fit.model.alpha, fit.model.s, fit.model.beta].allSatisfy {
        $0 > 0 && $0.isFinite
      })
  }

  // MARK: - Edge cases

  @Test("edge histories: x = 0, t_x = T, x = 500 and 5000, T = 1e-6, recency without a repeat")
  func edgeHistories() throws {
    for name in paretoSets.keys.sorted() {
      let model = try paretoModel(name)
      // t_x = T: the client was seen alive at the end.
      #expect(abs(model.probabilityAlive(frequency: 4, recency: 25, age: 25) - 1) < 1e-12)
      // A recency without a repeat purchase is no history: NaN, as for every model.
      #expect(model.probabilityAlive(frequency: 0, recency: 5, age: 10).isNaN)
      #expect(model.logLikelihood(frequency: 0, recency: 5, age: 10).isNaN)
      // Silence lowers P(alive), also at x = 0 (unlike BG/NBD).
      #expect(
        model.probabilityAlive(frequency: 0, recency: 0, age: 50)
          < model.probabilityAlive(frequency: 0, recency: 0, age: 5))
      // A new client has lost nothing yet.
      #expect(abs(model.logLikelihood(frequency: 0, recency: 0, age: 0)) < 1e-14)
      #expect(abs(model.probabilityAlive(frequency: 0, recency: 0, age: 0) - 1) < 1e-14)
      for x in [500, 5_000] {
        let ll = model.logLikelihood(frequency: x, recency: 150, age: 200)
        let alive = model.probabilityAlive(frequency: x, recency: 150, age: 200)
        #expect(ll.isFinite && alive >= 0 && alive <= 1)
        // Fifty weeks of silence after buying x/150 a week: surely gone.
        #expect(alive < 1e-40)
        // Seen buying at T: alive, with λ ~ Gamma(r + x, α + T), so the next 52 weeks bring
        // between 52 λ̄ P(alive at T + 52 | alive) and 52 λ̄ purchases, λ̄ = (r + x)/(α + T).
        let expected = model.expectedPurchases(inNext: 52, frequency: x, recency: 200, age: 200)
        let rate = (model.r + Double(x)) / (model.alpha + 200)
        let survival = model.probabilityAlive(after: 52, frequency: x, recency: 200, age: 200)
        #expect(expected <= 52 * rate && expected >= 52 * rate * survival)
      }
      let tiny = model.logLikelihood(frequency: 0, recency: 0, age: 1e-6)
      #expect(tiny <= 0 && tiny > -1e-5)
      // Impossible histories are NaN, never a plausible-looking number.
      #expect(model.logLikelihood(frequency: -1, recency: 0, age: 10).isNaN)
      #expect(model.probabilityAlive(frequency: 2, recency: 11, age: 10).isNaN)
      #expect(model.expectedPurchases(inNext: 5, frequency: 2, recency: 1, age: .nan).isNaN)
      #expect(model.probability(ofPurchases: -1, by: 10) == 0)
      #expect(model.probability(ofPurchases: 0, by: 0) == 1)
      #expect(model.probability(ofPurchases: 3, by: 0) == 0)
    }
  }

  @Test("no NaN or out-of-range value over a grid of parameters and histories")
  func noNaNAnywhere() throws {
    let values = [1e-3, 0.1, 1, 10, 1e3]
    let histories: [(Int, Double, Double)] = [
      (0, 0, 0), (0, 0, 1e-6), (0, 0, 1e4), (1, 1e-6, 1e-6), (3, 0, 10), (3, 10, 10),
      (40, 2, 300), (500, 150, 200),
    ]
    for r in values {
      for alpha in values {
        for s in values {
          for beta in values {
            let model = try ParetoNBDModel(r: r, alpha: alpha, s: s, beta: beta)
            for (x, tx, age) in histories {
              let label = "(\(r), \(alpha), \(s), \(beta)) at (\(x), \(tx), \(age))"
              let ll = model.logLikelihood(frequency: x, recency: tx, age: age)
              let alive = model.probabilityAlive(frequency: x, recency: tx, age: age)
              let expected = model.expectedPurchases(
                inNext: 10, frequency: x, recency: tx, age: age)
              let after = model.probabilityAlive(after: 10, frequency: x, recency: tx, age: age)
              let dert = model.discountedExpectedResidualPurchases(
                continuousDiscountRate: 0.01, frequency: x, recency: tx, age: age)
              #expect(ll.isFinite && (x > 0 || ll <= 1e-9), "ln L \(label)")
              #expect(alive >= 0 && alive <= 1, "P(alive) \(label)")
              #expect(after >= 0 && after <= alive, "P(alive after) \(label)")
              #expect(expected.isFinite && expected >= 0, "E[Y] \(label)")
              #expect(dert.isFinite && dert >= 0, "DERT \(label)")
            }
            for t in [1e-6, 1.0, 1e4] {
              let expected = model.expectedPurchases(by: t)
              #expect(expected.isFinite && expected >= 0)
              let alive = model.probabilityAlive(at: t)
              #expect(alive >= 0 && alive <= 1)
              for n in [0, 1, 30] {
                let p = model.probability(ofPurchases: n, by: t)
                #expect(p >= 0 && p <= 1, "P(X(\(t)) = \(n)) at (\(r), \(alpha), \(s), \(beta))")
              }
            }
          }
        }
      }
    }
  }

  @Test("Codable round-trips and rejects invalid parameters")
  func codable() throws {
    let model = try paretoModel("cdnow")
    let data = try JSONEncoder().encode(model)
    #expect(try JSONDecoder().decode(ParetoNBDModel.self, from: data) == model)
    let bad = Data(#"{"r": 0.5, "alpha": -2, "s": 1, "beta": 3}"#.utf8)
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(ParetoNBDModel.self, from: bad)
    }
  }
}
