import ClientBaseTesting
import Foundation
import Testing

@testable import Retention

// MARK: Tests

@Suite("BG/BB")
struct BGBBTests {
  @Test("the fit of the donation data recovers the published estimates and log-likelihood")
  func publishedDonationFit() throws {
    let fit = try BGBBModel.fit(donationHistories())
    #expect(fit.converged)
    // Published to 3 decimals: rounding allows ±0.0005; ±0.002 also covers optimiser
    // tolerance, still far below the standard errors (0.03 to 0.32).
    #expect(abs(fit.model.alpha - published.alpha) < 0.002)
    #expect(abs(fit.model.beta - published.beta) < 0.002)
    #expect(abs(fit.model.gamma - published.gamma) < 0.002)
    #expect(abs(fit.model.delta - published.delta) < 0.002)
    // Published to 0.1.
    #expect(abs(fit.logLikelihood - publishedLogLikelihood) < 0.1)
    #expect(fit.clients == 11_104)
    // lifetimes' optimum of the same data, to the 6 decimals it printed (its own tolerance).
    #expect(abs(fit.logLikelihood - lifetimesFit.logLikelihood) < 1e-3)
    #expect(abs(fit.model.alpha - lifetimesFit.alpha) < 1e-3)
    #expect(abs(fit.model.delta - lifetimesFit.delta) < 5e-3)
    // A maximum: the log-likelihood at the published (rounded) point is not higher.
    let atPublished = try publishedModel().logLikelihood(of: donationHistories())
    #expect(atPublished <= fit.logLikelihood + 1e-9)
    #expect(abs(atPublished - (-33_225.5817545177)) < 1e-6)
    // Standard errors as lifetimes reports them (0.069, 0.029, 0.051, 0.321), loosely:
    // both are finite-difference Hessians.
    let errors = try #require(fit.standardErrors)
    for (value, reference) in zip(errors, [0.069391, 0.029448, 0.051010, 0.320819]) {
      #expect(near(value, reference, relative: 0.02))
    }
  }

  @Test("per-history values match lifetimes at the published parameters")
  func matchesLifetimes() throws {
    let m = try publishedModel()
    for (x, tx, n, ll, alive0, alive1, alive5, e5, e10) in lifetimesBGBB {
      // lifetimes adds 1e-15 to the death part of L; relative 1e-10 absorbs that.
      #expect(near(m.logLikelihood(frequency: x, recency: tx, periods: n), ll, relative: 1e-10))
      #expect(
        abs(m.probabilityAlive(after: 0, frequency: x, recency: tx, periods: n) - alive0) < 1e-10)
      #expect(abs(m.probabilityAlive(frequency: x, recency: tx, periods: n) - alive1) < 1e-10)
      #expect(
        abs(m.probabilityAlive(after: 1, frequency: x, recency: tx, periods: n) - alive1) < 1e-10)
      #expect(
        abs(m.probabilityAlive(after: 5, frequency: x, recency: tx, periods: n) - alive5) < 1e-10)
      #expect(
        near(
          m.expectedPurchases(inNext: 5, frequency: x, recency: tx, periods: n), e5,
          relative: 1e-9))
      #expect(
        near(
          m.expectedPurchases(inNext: 10, frequency: x, recency: tx, periods: n), e10,
          relative: 1e-9))
    }
    for (x, value) in lifetimesPMF6.enumerated() {
      #expect(near(m.probability(ofPurchases: x, by: 6), value, relative: 1e-10))
    }
    #expect(near(m.expectedPurchases(by: 6), lifetimesMean6, relative: 1e-10))
  }

  @Test("the likelihood, P(alive) and conditional expectation match quadrature of the story")
  func matchesQuadrature() throws {
    let models = [
      try publishedModel(),
      try BGBBModel(alpha: 0.4, beta: 2.5, gamma: 3.1, delta: 0.7),
      try BGBBModel(alpha: 7.0, beta: 0.6, gamma: 0.3, delta: 12.0),
    ]
    let points = [(0, 0, 0), (0, 0, 5), (1, 1, 1), (2, 7, 9), (4, 4, 12), (9, 12, 12), (3, 10, 20)]
    for m in models {
      for (x, tx, n) in points {
        let (total, alive) = quadratureLikelihood(m, x, tx, n)
        // ln L to 1e-9 absolute (ln L = 0 for n = 0); quadrature is good to about 1e-12.
        #expect(abs(m.logLikelihood(frequency: x, recency: tx, periods: n) - log(total)) < 1e-9)
        // P(alive at n + 1) = E[pˣ(1−p)^(n−x) (1−θ)^(n+1)] / L.
        let next =
          alive / Quadrature.betaExpectation(a: m.gamma, b: m.delta) { pow(1 - $0, Double(n)) }
          * Quadrature.betaExpectation(a: m.gamma, b: m.delta) { pow(1 - $0, Double(n + 1)) }
        #expect(
          near(
            m.probabilityAlive(frequency: x, recency: tx, periods: n), next / total, relative: 1e-9)
        )
        // E[X(n, n+4)] = E[p^(x+1)(1−p)^(n−x)] · E[(1−θ)ⁿ Σ_{t=1}^{4} (1−θ)ᵗ] / L.
        let purchase = Quadrature.betaExpectation(a: m.alpha, b: m.beta) {
          pow($0, Double(x + 1)) * pow(1 - $0, Double(n - x))
        }
        let survival = Quadrature.betaExpectation(a: m.gamma, b: m.delta) { theta in
          (1...4).reduce(0.0) { $0 + pow(1 - theta, Double(n + $1)) }
        }
        #expect(
          near(
            m.expectedPurchases(inNext: 4, frequency: x, recency: tx, periods: n),
            purchase * survival / total, relative: 1e-9))
      }
    }
  }

  @Test("the gradient matches central differences, the kernel the exact ratios and the paper")
  func gradient() throws {
    let h = try DiscretePurchaseHistories(
      frequency: [0, 0, 1, 2, 3, 5, 0, 7, 1, 4],
      recency: [0, 0, 1, 6, 3, 9, 0, 7, 5, 11],
      periods: [0, 4, 1, 6, 8, 9, 12, 15, 20, 30],
      weight: [2, 10, 3, 1, 4, 2.5, 7, 1, 1, 3])
    let objective = BGBBObjective(histories: h)
    var rng = SeededGenerator(seed: 2_010)
    for _ in 0..<12 {
      let point = (0..<4).map { _ in rng.nextUnitDouble() * 4 - 2 }
      var gradient = [Double](repeating: 0, count: 4)
      let value = objective.evaluate(point, &gradient)
      let m = BGBBModel(
        unchecked: exp(point[0]), exp(point[1]), exp(point[2]), exp(point[3]))
      #expect(near(value, -m.logLikelihood(of: h), relative: 1e-12))
      // And against the paper's closed form, written independently.
      var reference = 0.0
      for row in 0..<h.count {
        reference +=
          h.weight[row]
          * referenceBGBBLogLikelihood(
            m, Int(h.frequency[row]), Int(h.recency[row]), Int(h.periods[row]))
      }
      #expect(near(-value, reference, relative: 1e-11))
      for i in 0..<4 {
        let step = 1e-5
        var up = point
        var down = point
        up[i] += step
        down[i] -= step
        var ignored = gradient
        let numeric =
          (objective.evaluate(up, &ignored) - objective.evaluate(down, &ignored)) / (2 * step)
        #expect(abs(gradient[i] - numeric) <= 1e-6 * max(1, abs(numeric)))
      }
    }
  }

  @Test("P(X(n) = x) sums to 1 and its mean is E[X(n)]")
  func distributionIdentities() throws {
    let models = [
      try publishedModel(), try BGBBModel(alpha: 0.3, beta: 4, gamma: 1, delta: 0.2),
    ]
    for m in models {
      for n in [0, 1, 2, 6, 17, 60] {
        let probabilities = (0...n).map { m.probability(ofPurchases: $0, by: n) }
        #expect(abs(probabilities.reduce(0, +) - 1) < 1e-12)
        let mean = probabilities.enumerated().reduce(0.0) { $0 + Double($1.offset) * $1.element }
        #expect(abs(mean - m.expectedPurchases(by: n)) < 1e-11 * max(1, mean))
        // E[X(n)] = α/(α+β) Σ_{t=1}^{n} P(alive at t): a purchase needs being alive.
        let alive = n == 0 ? 0 : (1...n).reduce(0.0) { $0 + m.probabilityAlive(at: $1) }
        #expect(abs(m.expectedPurchases(by: n) - m.alpha / (m.alpha + m.beta) * alive) < 1e-12)
        #expect(m.probability(ofPurchases: n + 1, by: n) == 0)
        #expect(m.probability(ofPurchases: -1, by: n) == 0)
      }
    }
  }

  @Test("the closed forms for long horizons agree with term-by-term sums, γ = 1 included")
  func longHorizons() throws {
    // Beyond 10,000 opportunities the sum of survival probabilities uses the telescoped
    // closed form (series near γ = 1); the reference here is the plain sum.
    for gamma in [0.5, 0.9995, 0.99999, 1, 1.00001, 1.002, 3] {
      let m = try BGBBModel(alpha: 1, beta: 1, gamma: gamma, delta: 2.5)
      let k = 30_000
      var survival = 1.0
      var sum = 0.0
      for t in 0..<k {
        survival *= (2.5 + Double(t)) / (gamma + 2.5 + Double(t))
        sum += survival
      }
      #expect(near(m.expectedPurchases(by: k), 0.5 * sum, relative: 1e-8))
    }
  }

  @Test("predictions match a simulation of the BG/BB process")
  func monteCarlo() throws {
    let m = try publishedModel()
    let n = 6
    let clients = try simulate(m, clients: 200_000, horizon: 5, seed: 7) { _ in n }
    let count = Double(clients.count)
    // P(X(6) = x) within 4 binomial standard errors.
    for x in 0...n {
      let share = Double(clients.filter { $0.x == x }.count) / count
      let expected = m.probability(ofPurchases: x, by: n)
      #expect(abs(share - expected) < 4 * (expected * (1 - expected) / count).squareRoot())
    }
    // E[X(6)] within 4 standard errors of the sample mean.
    let xs = clients.map { Double($0.x) }
    let mean = xs.reduce(0, +) / count
    let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (count - 1)
    #expect(abs(mean - m.expectedPurchases(by: n)) < 4 * (variance / count).squareRoot())
    // P(alive at 6) and at 7 for a new client.
    for (s, alive) in [(n, clients.map(\.aliveAtN)), (n + 1, clients.map(\.aliveAtNext))] {
      let share = Double(alive.filter { $0 }.count) / count
      let expected = m.probabilityAlive(at: s)
      #expect(abs(share - expected) < 4 * (expected * (1 - expected) / count).squareRoot())
    }
    // Conditional on a history: P(alive at n + 1) and E[X(n, n + 5)].
    for (x, tx) in [(0, 0), (1, 1), (2, 4), (3, 5), (1, 6), (6, 6)] {
      let group = clients.filter { $0.x == x && $0.recency == tx }
      let size = Double(group.count)
      #expect(size > 500)
      let aliveShare = Double(group.filter(\.aliveAtNext).count) / size
      let alive = m.probabilityAlive(frequency: x, recency: tx, periods: n)
      #expect(
        abs(aliveShare - alive) < 4 * max(alive * (1 - alive), 1e-4).squareRoot()
          / size.squareRoot())
      let future = group.map { Double($0.future) }
      let futureMean = future.reduce(0, +) / size
      let futureVariance =
        future.reduce(0) { $0 + ($1 - futureMean) * ($1 - futureMean) } / (size - 1)
      let expected = m.expectedPurchases(inNext: 5, frequency: x, recency: tx, periods: n)
      #expect(abs(futureMean - expected) < 4 * (futureVariance / size).squareRoot())
    }
  }

  @Test(
    "fits recover the parameters of simulated bases",
    arguments: [
      (1.2, 0.75, 0.66, 2.8, 6, 6, UInt64(11)),
      (0.5, 1.5, 1.8, 6.0, 4, 16, UInt64(12)),
    ])
  func parameterRecovery(
    _ alpha: Double, _ beta: Double, _ gamma: Double, _ delta: Double, _ shortest: Int,
    _ longest: Int, _ seed: UInt64
  ) throws {
    let truth = try BGBBModel(alpha: alpha, beta: beta, gamma: gamma, delta: delta)
    let clients = try simulate(truth, clients: 30_000, horizon: 0, seed: seed) { rng in
      shortest + rng.nextInt(below: longest - shortest + 1)
    }
    let h = try histories(of: clients)
    #expect(h.totalWeight == 30_000)
    let fit = try BGBBModel.fit(h)
    #expect(fit.converged)
    let errors = try #require(fit.standardErrors)
    let estimates = [fit.model.alpha, fit.model.beta, fit.model.gamma, fit.model.delta]
    // The maximum-likelihood estimate is asymptotically normal around the truth with these
    // standard errors: 4 of them is a 1-in-16,000 miss per parameter for a correct fit, and
    // the seeds are fixed.
    for (estimate, (value, error)) in zip(estimates, zip([alpha, beta, gamma, delta], errors)) {
      #expect(abs(estimate - value) < 4 * error)
      #expect(error < 0.5 * value)
    }
    // The fit's log-likelihood is the model's, and the truth does not beat it.
    #expect(near(fit.logLikelihood, fit.model.logLikelihood(of: h), relative: 1e-12))
    #expect(truth.logLikelihood(of: h) <= fit.logLikelihood)
    // A warm start on a subsample lands on the same optimum.
    let warm = try BGBBModel.fit(h, options: try FitOptions(warmStartRows: 10))
    #expect(warm.converged)
    #expect(abs(warm.logLikelihood - fit.logLikelihood) < 1e-6)
    #expect(near(warm.model.delta, fit.model.delta, relative: 1e-4))
  }

  @Test("compression merges equal rows and does not depend on the input order")
  func compression() throws {
    var x: [Int] = []
    var tx: [Int] = []
    var n: [Int] = []
    for row in donations {
      for _ in 0..<Int(row.count) {
        x.append(row.x)
        tx.append(row.tx)
        n.append(row.n)
      }
    }
    var rng = SeededGenerator(seed: 3)
    for i in stride(from: x.count - 1, to: 0, by: -1) {
      let j = rng.nextInt(below: i + 1)
      x.swapAt(i, j)
      tx.swapAt(i, j)
      n.swapAt(i, j)
    }
    let perClient = try DiscretePurchaseHistories(frequency: x, recency: tx, periods: n)
    let grouped = try donationHistories()
    #expect(perClient.count == 22)
    #expect(perClient.totalWeight == 11_104)
    #expect(perClient.maximumPeriods == 6)
    #expect(Array(perClient.frequency) == Array(grouped.frequency))
    #expect(Array(perClient.recency) == Array(grouped.recency))
    #expect(Array(perClient.periods) == Array(grouped.periods))
    #expect(Array(perClient.weight) == Array(grouped.weight))
    #expect(Array(grouped.frequency) == donations.map { Int32($0.x) })
    // Weighted rows split and merged, zero weights dropped.
    let split = try DiscretePurchaseHistories(
      frequency: [2, 0, 2, 1], recency: [3, 0, 3, 1], periods: [5, 4, 5, 1],
      weight: [1.5, 0, 2.5, 1])
    #expect(split.count == 2)
    #expect(Array(split.weight) == [1, 4])
    #expect(split.totalWeight == 5)
    #expect(split.maximumPeriods == 5)
  }

  @Test("edge histories: x = 0, t_x = n, n = 0")
  func edgeHistories() throws {
    let m = try publishedModel()
    // Nothing has happened yet: L = 1, and the client is a new client.
    #expect(m.logLikelihood(frequency: 0, recency: 0, periods: 0) == 0)
    #expect(
      abs(m.probabilityAlive(frequency: 0, recency: 0, periods: 0) - m.probabilityAlive(at: 1))
        < 1e-15)
    #expect(abs(m.probabilityAlive(at: 1) - m.delta / (m.gamma + m.delta)) < 1e-15)
    #expect(
      abs(
        m.expectedPurchases(inNext: 9, frequency: 0, recency: 0, periods: 0)
          - m.expectedPurchases(by: 9)) < 1e-14)
    #expect(m.probabilityAlive(at: 0) == 1)
    #expect(m.expectedPurchases(by: 0) == 0)
    #expect(m.probability(ofPurchases: 0, by: 0) == 1)
    // A transaction at the last opportunity proves the client alive then.
    for x in 1...6 {
      #expect(abs(m.probabilityAlive(after: 0, frequency: x, recency: 6, periods: 6) - 1) < 1e-14)
    }
    // Among equal x, an older last transaction means less likely alive; x = 0 after many
    // silent opportunities, least of all.
    let recent = m.probabilityAlive(frequency: 2, recency: 6, periods: 6)
    let old = m.probabilityAlive(frequency: 2, recency: 2, periods: 6)
    #expect(recent > old)
    #expect(m.probabilityAlive(frequency: 0, recency: 0, periods: 20) < old)
    // x = 0: L = E[(1−p)ⁿ(1−θ)ⁿ] + Σ …, checked against quadrature above; here its
    // alive-at-n part alone is P(alive at n)·E[(1−p)ⁿ] ≤ L.
    let silentAlive = m.probabilityAlive(after: 0, frequency: 0, recency: 0, periods: 6)
    #expect(silentAlive > 0 && silentAlive < 1)
    // A horizon of zero; a negative one is outside the domain.
    #expect(m.expectedPurchases(inNext: 0, frequency: 3, recency: 5, periods: 6) == 0)
    #expect(m.expectedPurchases(inNext: -2, frequency: 3, recency: 5, periods: 6).isNaN)
    #expect(m.probabilityAlive(after: -3, frequency: 3, recency: 5, periods: 6).isNaN)
    // Long histories stay finite and ordered.
    let long = m.logLikelihood(frequency: 300, recency: 4_000, periods: 5_000)
    #expect(long.isFinite && long < 0)
    let base = try donationHistories()
    #expect(m.expectedAlive(in: base) > 0)
    #expect(
      abs(
        m.expectedAlive(in: base)
          - donations.reduce(0.0) {
            $0 + $1.count * m.probabilityAlive(frequency: $1.x, recency: $1.tx, periods: $1.n)
          }) < 1e-9)
  }

  @Test("impossible histories and negative counts of opportunities give NaN, never a number")
  func impossibleHistories() throws {
    let m = try publishedModel()
    let tooLong = DiscretePurchaseHistories.maximumSupportedPeriods + 1
    for (x, tx, n) in [
      (-1, 0, 3), (2, 1, 3), (1, 4, 3), (0, 2, 3), (2, 0, 3), (0, 0, -1), (1, 1, tooLong),
    ] {
      #expect(m.logLikelihood(frequency: x, recency: tx, periods: n).isNaN)
      #expect(m.probabilityAlive(frequency: x, recency: tx, periods: n).isNaN)
      #expect(m.probabilityAlive(after: 3, frequency: x, recency: tx, periods: n).isNaN)
      #expect(m.expectedPurchases(inNext: 3, frequency: x, recency: tx, periods: n).isNaN)
    }
    #expect(m.probability(ofPurchases: 0, by: -1).isNaN)
    #expect(m.probability(ofPurchases: 0, by: tooLong).isNaN)
    #expect(m.probabilityAlive(at: -4).isNaN)
    #expect(m.expectedPurchases(by: -4).isNaN)
    let base = try DiscretePurchaseHistories(frequency: [1, 0], recency: [2, 0], periods: [3, 3])
    #expect(m.expectedAlive(after: -1, in: base).isNaN)
    // In the domain: a count above the opportunities has probability 0, a negative one too.
    #expect(m.probability(ofPurchases: 4, by: 3) == 0)
    #expect(m.probability(ofPurchases: -1, by: 3) == 0)
  }

  @Test("extreme parameters and histories never give NaN")
  func neverNaN() throws {
    let values = [1e-8, 0.01, 1, 1e3, 1e8]
    for alpha in values {
      for gamma in values {
        let m = try BGBBModel(alpha: alpha, beta: 1 / alpha, gamma: gamma, delta: 2)
        for (x, tx, n) in [(0, 0, 0), (0, 0, 50), (5, 5, 5), (1, 1, 40), (30, 40, 40)] {
          let ll = m.logLikelihood(frequency: x, recency: tx, periods: n)
          #expect(!ll.isNaN && ll <= 1e-12)
          let alive = m.probabilityAlive(frequency: x, recency: tx, periods: n)
          #expect(alive >= 0 && alive <= 1)
          let ahead = m.expectedPurchases(inNext: 20_000, frequency: x, recency: tx, periods: n)
          #expect(ahead >= 0 && ahead <= 20_000)
        }
        let pmf = m.probability(ofPurchases: 3, by: 10)
        #expect(pmf >= 0 && pmf <= 1)
        #expect(m.expectedPurchases(by: 50_000).isFinite)
      }
    }
  }

  @Test("invalid parameters give typed errors naming the parameter")
  func invalidParameters() {
    let cases: [(String, Double, Double, Double, Double)] = [
      ("alpha", 0, 1, 1, 1), ("beta", 1, -1, 1, 1), ("gamma", 1, 1, .nan, 1),
      ("delta", 1, 1, 1, .infinity),
    ]
    for (name, alpha, beta, gamma, delta) in cases {
      do {
        _ = try BGBBModel(alpha: alpha, beta: beta, gamma: gamma, delta: delta)
        Issue.record("accepted \(name)")
      } catch {
        guard case .invalidParameter(let parameter, _) = error else {
          Issue.record("wrong error \(error)")
          continue
        }
        #expect(parameter == name)
      }
    }
  }

  @Test("bad histories name their row")
  func invalidRows() throws {
    let cases: [([Int], [Int], [Int], [Double]?)] = [
      ([3], [2], [5], nil), ([1], [6], [5], nil), ([0], [2], [5], nil), ([2], [0], [5], nil),
      ([-1], [0], [5], nil),
      ([0], [0], [DiscretePurchaseHistories.maximumSupportedPeriods + 1], nil),
      ([1], [1], [2], [-1]), ([1], [1], [2], [.nan]), ([1], [1], [2], [.infinity]),
    ]
    for (x, tx, n, w) in cases {
      do {
        _ = try DiscretePurchaseHistories(
          frequency: [1] + x, recency: [1] + tx, periods: [3] + n, weight: w.map { [1] + $0 })
        Issue.record("accepted an impossible row")
      } catch {
        guard case .invalidHistory(let row, _) = error else {
          Issue.record("wrong error \(error)")
          continue
        }
        #expect(row == 1)
      }
    }
    #expect(throws: RetentionError.self) {
      _ = try DiscretePurchaseHistories(frequency: [1], recency: [1, 2], periods: [3])
    }
    #expect(throws: RetentionError.noData) {
      _ = try DiscretePurchaseHistories(frequency: [], recency: [], periods: [])
    }
    #expect(throws: RetentionError.noData) {
      _ = try DiscretePurchaseHistories(
        frequency: [1, 0], recency: [1, 0], periods: [3, 2], weight: [0, 0])
    }
  }

  @Test("fits of degenerate bases: nobody repeats, a single client, all identical")
  func degenerateFits() throws {
    let silent = try DiscretePurchaseHistories(
      frequency: [0, 0], recency: [0, 0], periods: [3, 7], weight: [10, 4])
    #expect {
      _ = try BGBBModel.fit(silent)
    } throws: { error in
      if case .unidentifiable = error as? RetentionError { return true }
      return false
    }
    #expect(throws: RetentionError.self) {
      _ = try BGBBModel.fit(donationHistories(), options: try FitOptions(maximumIterations: 0))
    }
    // One client, or many identical ones: the optimum may run off to a boundary (the fit
    // then says so), but the model stays valid and its numbers finite.
    for h in [
      try DiscretePurchaseHistories(frequency: [3], recency: [5], periods: [6]),
      try DiscretePurchaseHistories(frequency: [2], recency: [4], periods: [6], weight: [5_000]),
      try DiscretePurchaseHistories(frequency: [6], recency: [6], periods: [6], weight: [100]),
    ] {
      let fit = try BGBBModel.fit(h)
      let m = fit.model
      for value in [m.alpha, m.beta, m.gamma, m.delta] {
        #expect(value.isFinite && value > 0)
      }
      #expect(fit.logLikelihood.isFinite)
      #expect(fit.logLikelihood <= 1e-9)
      let alive = m.probabilityAlive(frequency: 3, recency: 5, periods: 6)
      #expect(alive >= 0 && alive <= 1)
      #expect(try BGBBModel(alpha: m.alpha, beta: m.beta, gamma: m.gamma, delta: m.delta) == m)
    }
  }

  @Test("the model round-trips through Codable and decoding checks the parameters")
  func codable() throws {
    let m = try publishedModel()
    let data = try JSONEncoder().encode(m)
    #expect(try JSONDecoder().decode(BGBBModel.self, from: data) == m)
    let bad = Data(#"{"alpha":1,"beta":-2,"gamma":1,"delta":1}"#.utf8)
    #expect(throws: DecodingError.self) {
      _ = try JSONDecoder().decode(BGBBModel.self, from: bad)
    }
  }
}
