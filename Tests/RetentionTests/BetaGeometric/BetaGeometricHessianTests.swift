import ClientBaseTesting
import Foundation
import Testing

@testable import Retention

/// The Hessian of an objective in log-parameters by Richardson-extrapolated central
/// differences of its analytic gradient, (4 D(h/2) − D(h))/3 with D(h) the central difference
/// at step h: error O(h⁴), about 10⁻¹² at h = 10⁻³, far below the forward differences' 10⁻⁵.
func richardsonHessian(
  _ evaluate: ([Double], inout [Double]) -> Double, at point: [Double], step h: Double = 1e-3
) -> [[Double]] {
  let n = point.count
  func central(_ j: Int, _ step: Double) -> [Double] {
    var up = point
    var down = point
    up[j] += step
    down[j] -= step
    var gUp = [Double](repeating: 0, count: n)
    var gDown = [Double](repeating: 0, count: n)
    _ = evaluate(up, &gUp)
    _ = evaluate(down, &gDown)
    return (0..<n).map { (gUp[$0] - gDown[$0]) / (2 * step) }
  }
  var hessian = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
  for j in 0..<n {
    let coarse = central(j, h)
    let fine = central(j, h / 2)
    for i in 0..<n { hessian[i][j] = (4 * fine[i] - coarse[i]) / 3 }
  }
  for i in 0..<n {
    for j in 0..<i {
      let mean = (hessian[i][j] + hessian[j][i]) / 2
      hessian[i][j] = mean
      hessian[j][i] = mean
    }
  }
  return hessian
}

@Suite("BG/NBD and MBG/NBD Hessian")
struct BetaGeometricHessianTests {
  @Test(
    "the closed-form Hessian equals extrapolated differences of the gradient", arguments: [0, 1])
  func closedForm(offset: Int) throws {
    let histories = try ThreadingTests.betaGeometricHistories(seed: 21)
    let objective = BetaGeometricObjective(histories: histories, offset: offset)
    var rng = SeededGenerator(seed: 22)
    for _ in 0..<4 {
      let point = (0..<4).map { _ in rng.nextUnitDouble() * 3 - 1.5 }
      var gradient = [Double](repeating: 0, count: 4)
      _ = objective.evaluate(point, &gradient)
      let analytic = objective.hessian(at: point, gradient: gradient)
      let numeric = richardsonHessian(objective.evaluate, at: point)
      for i in 0..<4 {
        for j in 0..<4 {
          let scale = max(abs(numeric[i][i] * numeric[j][j]).squareRoot(), 1)
          #expect(
            abs(analytic[i][j] - numeric[i][j]) <= 1e-8 * scale,
            "offset \(offset) H[\(i)][\(j)] \(analytic[i][j]) vs \(numeric[i][j])")
        }
      }
    }
  }

  @Test(
    "standard errors equal those of a high-accuracy Hessian (forward differences were 5.7e-5 off)",
    arguments: [0, 1])
  func standardErrors(offset: Int) throws {
    let histories = try ThreadingTests.betaGeometricHistories(seed: 23)
    let fit: (point: [Double], errors: [Double])
    if offset == 0 {
      let result = try BGNBDModel.fit(histories)
      #expect(result.converged, "\(result.reason ?? "")")
      fit = (
        [result.model.r, result.model.alpha, result.model.a, result.model.b].map { log($0) },
        try #require(result.standardErrors)
      )
    } else {
      let result = try MBGNBDModel.fit(histories)
      #expect(result.converged, "\(result.reason ?? "")")
      fit = (
        [result.model.r, result.model.alpha, result.model.a, result.model.b].map { log($0) },
        try #require(result.standardErrors)
      )
    }
    let objective = BetaGeometricObjective(histories: histories, offset: offset)
    let covariance = try #require(
      invertSymmetricPositiveDefinite(richardsonHessian(objective.evaluate, at: fit.point)))
    for i in 0..<4 {
      let reference = exp(fit.point[i]) * covariance[i][i].squareRoot()
      #expect(
        abs(fit.errors[i] - reference) <= 1e-7 * reference,
        "offset \(offset) parameter \(i): \(fit.errors[i]) vs \(reference)")
    }
  }
}
