import ClientBaseTesting
import Testing

@testable import Retention

@Suite("Gamma-Gamma Hessian")
struct GammaGammaHessianTests {
  @Test("the closed-form Hessian equals central differences of the gradient at random points")
  func closedFormEqualsFiniteDifferences() throws {
    var rng = SeededGenerator(seed: 31)
    var frequency: [Int] = []
    var spend: [Double] = []
    for _ in 0..<3_000 {
      frequency.append(1 + rng.nextInt(below: 15))
      spend.append(3 + 80 * rng.nextUnitDouble() * rng.nextUnitDouble())
    }
    let objective = GammaGammaObjective(
      histories: try SpendHistories(frequency: frequency, meanSpend: spend))
    for _ in 0..<5 {
      // Log-parameters around plausible values: p in 1…20, q in 1…10, v in 5…50.
      let point = [
        (20 * rng.nextUnitDouble() + 1).logValue, (9 * rng.nextUnitDouble() + 1).logValue,
        (45 * rng.nextUnitDouble() + 5).logValue,
      ]
      var gradient = [0.0, 0.0, 0.0]
      _ = objective.evaluate(point, &gradient)
      let analytic = objective.hessian(at: point, gradient: gradient)
      let h = 1e-5
      for j in 0..<3 {
        var plus = point
        var minus = point
        plus[j] += h
        minus[j] -= h
        var gPlus = [0.0, 0.0, 0.0]
        var gMinus = [0.0, 0.0, 0.0]
        _ = objective.evaluate(plus, &gPlus)
        _ = objective.evaluate(minus, &gMinus)
        for i in 0..<3 {
          let numeric = (gPlus[i] - gMinus[i]) / (2 * h)
          let scale = max(abs(numeric), abs(analytic[i][i]), 1)
          #expect(abs(analytic[i][j] - numeric) <= 1e-5 * scale, "H[\(i)][\(j)]")
        }
      }
    }
  }

  @Test("standard errors from the closed form match those from finite differences")
  func standardErrorsAgree() throws {
    var rng = SeededGenerator(seed: 32)
    var frequency: [Int] = []
    var spend: [Double] = []
    for _ in 0..<5_000 {
      frequency.append(1 + rng.nextInt(below: 10))
      spend.append(5 + 60 * rng.nextUnitDouble() * rng.nextUnitDouble())
    }
    let histories = try SpendHistories(frequency: frequency, meanSpend: spend)
    let fit = try GammaGammaModel.fit(histories)
    let errors = try #require(fit.standardErrors)
    // The same covariance by central differences of the gradient at the optimum.
    let objective = GammaGammaObjective(histories: histories)
    let point = [fit.model.p.logValue, fit.model.q.logValue, fit.model.v.logValue]
    var hessian = [[Double]](repeating: [0, 0, 0], count: 3)
    for j in 0..<3 {
      var plus = point
      var minus = point
      plus[j] += 1e-5
      minus[j] -= 1e-5
      var gPlus = [0.0, 0.0, 0.0]
      var gMinus = [0.0, 0.0, 0.0]
      _ = objective.evaluate(plus, &gPlus)
      _ = objective.evaluate(minus, &gMinus)
      for i in 0..<3 { hessian[i][j] = (gPlus[i] - gMinus[i]) / 2e-5 }
    }
    let covariance = try #require(invertSymmetricPositiveDefinite(hessian))
    let theta = [fit.model.p, fit.model.q, fit.model.v]
    for i in 0..<3 {
      let numeric = theta[i] * covariance[i][i].squareRoot()
      #expect(abs(errors[i] - numeric) <= 1e-4 * numeric)
    }
  }
}

extension Double {
  fileprivate var logValue: Double { PortableMath.log(self) }
}
