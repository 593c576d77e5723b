/// The outcome of a minimisation.
struct MinimizationResult: Sendable {
  var point: [Double]
  var value: Double
  var gradient: [Double]
  var iterations: Int
  var evaluations: Int
  var converged: Bool
  var message: String
  /// The final inverse-Hessian approximation, to start a related minimisation from.
  var inverseHessian: [[Double]] = []
}

/// Minimises a smooth function of a few variables by BFGS with a line search that satisfies
/// the Armijo condition and, when it can, the curvature condition.
///
/// Written for the models' negative mean log-likelihoods in log-parameter space (2 to 4
/// variables). Convergence is declared when the largest gradient component falls below
/// `gradientTolerance`, or when the line search can no longer decrease the function and the
/// gradient is already small (`noiseTolerance`): near the optimum, summation order across
/// threads moves the objective by about 1e-16 and a strict decrease test would fail.
///
/// - Parameters:
///   - start: The starting point.
///   - gradientTolerance: Stop when max |∂f/∂xᵢ| is below this.
///   - noiseTolerance: Accept a stalled line search when max |∂f/∂xᵢ| is below this.
///   - maxIterations: Give up (not converged) after this many iterations.
///   - evaluate: Writes the gradient at a point into its second argument and returns the
///     function's value; a non-finite value means "outside the domain".
func minimizeBFGS(
  start: [Double], gradientTolerance: Double = 1e-8, noiseTolerance: Double = 1e-5,
  maxIterations: Int = 500, initialInverseHessian: [[Double]]? = nil,
  evaluate: (_ point: [Double], _ gradient: inout [Double]) -> Double
) -> MinimizationResult {
  let n = start.count
  var x = start
  var g = [Double](repeating: 0, count: n)
  var f = evaluate(x, &g)
  var evaluations = 1
  guard f.isFinite, g.allSatisfy(\.isFinite) else {
    return MinimizationResult(
      point: x, value: f, gradient: g, iterations: 0, evaluations: 1, converged: false,
      message: "the objective is not finite at the starting point")
  }
  // Inverse Hessian approximation: the one given (a warm start's), else the identity.
  let warmStarted = initialInverseHessian.map { $0.count == n } ?? false
  var h = warmStarted ? initialInverseHessian! : identity(n)
  var iteration = 0
  while iteration < maxIterations {
    let gradientNorm = g.map(abs).max() ?? 0
    if gradientNorm < gradientTolerance {
      return MinimizationResult(
        point: x, value: f, gradient: g, iterations: iteration, evaluations: evaluations,
        converged: true, message: "gradient below tolerance", inverseHessian: h)
    }
    iteration += 1
    var direction = multiply(h, g).map { -$0 }
    var slope = dot(direction, g)
    if !(slope < 0) {
      // Not a descent direction: restart from steepest descent.
      h = identity(n)
      direction = g.map { -$0 }
      slope = dot(direction, g)
    }
    // Keep the first trial step from leaping across the domain (log-parameters: a step of
    // 5 multiplies a parameter by e⁵).
    let longest = direction.map(abs).max() ?? 0
    var step = longest > 5 ? 5 / longest : 1.0
    var accepted = false
    var trial = x
    var trialGradient = g
    var trialValue = f
    for _ in 0..<60 {
      for i in 0..<n { trial[i] = x[i] + step * direction[i] }
      trialValue = evaluate(trial, &trialGradient)
      evaluations += 1
      if trialValue.isFinite, trialGradient.allSatisfy(\.isFinite),
        trialValue <= f + 1e-4 * step * slope
      {
        accepted = true
        break
      }
      // Backtrack by safeguarded quadratic interpolation.
      if trialValue.isFinite {
        let denominator = 2 * (trialValue - f - slope * step)
        let quadratic = denominator > 0 ? -slope * step * step / denominator : step / 2
        step = min(max(quadratic, step * 0.1), step * 0.5)
      } else {
        step *= 0.2
      }
    }
    guard accepted else {
      let converged = gradientNorm < noiseTolerance
      return MinimizationResult(
        point: x, value: f, gradient: g, iterations: iteration, evaluations: evaluations,
        converged: converged,
        message: converged
          ? "line search stalled at the noise floor with a small gradient"
          : "line search failed to decrease the objective")
    }
    let s = (0..<n).map { trial[$0] - x[$0] }
    let y = (0..<n).map { trialGradient[$0] - g[$0] }
    let sy = dot(s, y)
    if iteration == 1, sy > 0, !warmStarted {
      // Scale the first approximation to the observed curvature (Nocedal & Wright, 6.20).
      let yy = dot(y, y)
      if yy > 0 { h = identity(n).map { $0.map { $0 * sy / yy } } }
    }
    if sy > 1e-12 * (dot(s, s).squareRoot() * dot(y, y).squareRoot()) {
      // BFGS update of the inverse Hessian: H ← (I − ρsyᵀ) H (I − ρysᵀ) + ρssᵀ.
      let rho = 1 / sy
      let hy = multiply(h, y)
      let yhy = dot(y, hy)
      for i in 0..<n {
        for j in 0..<n {
          h[i][j] += rho * ((1 + rho * yhy) * s[i] * s[j] - hy[i] * s[j] - s[i] * hy[j])
        }
      }
    }
    let previous = f
    x = trial
    f = trialValue
    g = trialGradient
    // A relative change at rounding level with a modest gradient is as good as it gets.
    if abs(previous - f) <= 1e-15 * max(1, abs(f)), (g.map(abs).max() ?? 0) < noiseTolerance {
      return MinimizationResult(
        point: x, value: f, gradient: g, iterations: iteration, evaluations: evaluations,
        converged: true, message: "objective stationary at rounding level", inverseHessian: h)
    }
  }
  return MinimizationResult(
    point: x, value: f, gradient: g, iterations: iteration, evaluations: evaluations,
    converged: false, message: "iteration limit \(maxIterations) reached")
}

@inline(__always)
func dot(_ a: [Double], _ b: [Double]) -> Double {
  var sum = 0.0
  for i in a.indices { sum += a[i] * b[i] }
  return sum
}

func identity(_ n: Int) -> [[Double]] {
  (0..<n).map { i in (0..<n).map { $0 == i ? 1 : 0 } }
}

func multiply(_ m: [[Double]], _ v: [Double]) -> [Double] {
  m.map { dot($0, v) }
}

/// Inverts a small symmetric positive-definite matrix by Cholesky factorisation, or returns
/// `nil` when it is not positive definite.
func invertSymmetricPositiveDefinite(_ a: [[Double]]) -> [[Double]]? {
  let n = a.count
  var l = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
  for i in 0..<n {
    for j in 0...i {
      var sum = a[i][j]
      for k in 0..<j { sum -= l[i][k] * l[j][k] }
      if i == j {
        guard sum > 0, sum.isFinite else { return nil }
        l[i][i] = sum.squareRoot()
      } else {
        l[i][j] = sum / l[j][j]
      }
    }
  }
  // Solve L Lᵀ X = I column by column.
  var inverse = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
  for column in 0..<n {
    var y = [Double](repeating: 0, count: n)
    for i in 0..<n {
      var sum = i == column ? 1.0 : 0.0
      for k in 0..<i { sum -= l[i][k] * y[k] }
      y[i] = sum / l[i][i]
    }
    for i in stride(from: n - 1, through: 0, by: -1) {
      var sum = y[i]
      for k in (i + 1)..<n { sum -= l[k][i] * inverse[k][column] }
      inverse[i][column] = sum / l[i][i]
    }
  }
  return inverse
}
