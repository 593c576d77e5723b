/// An objective over log-parameters: writes the gradient of the *total* weighted negative
/// log-likelihood into `gradient` and returns the total.
typealias NegativeLogLikelihood = (_ logParameters: [Double], _ gradient: inout [Double]) -> Double

/// A model's negative log-likelihood over its compressed histories, which a fit can also
/// evaluate on a subsample of the rows for a warm start.
protocol LogLikelihoodObjective {
  /// The weighted number of clients of the rows.
  var totalWeight: Double { get }
  /// Evaluates at log-parameters: returns −Σ w ln L and writes its gradient.
  func evaluate(_ point: [Double], _ gradient: inout [Double]) -> Double
  /// The objective on about `rows` rows spread evenly over the data, or `nil` when the data
  /// is not more than twice that (or `rows` is 0).
  func subsample(rows: Int) -> Self?
}

/// Fits an objective by maximum likelihood in log-parameter space, warm-started on its
/// subsample of ``FitOptions/warmStartRows`` rows; see
/// ``fitLogParameters(start:totalWeight:subsample:options:full:hessian:)``.
func fitLogParameters(
  start: [Double], objective: some LogLikelihoodObjective, totalWeight: Double,
  options: FitOptions,
  hessian: ((_ point: [Double], _ gradient: [Double]) -> [[Double]])? = nil
) -> (
  point: [Double], logLikelihood: Double, converged: Bool, iterations: Int, evaluations: Int,
  standardErrors: [Double]?, message: String
) {
  var warm: (NegativeLogLikelihood, Double)?
  if let sample = objective.subsample(rows: options.warmStartRows) {
    warm = ({ sample.evaluate($0, &$1) }, sample.totalWeight)
  }
  return fitLogParameters(
    start: start, totalWeight: totalWeight, subsample: warm, options: options,
    full: { objective.evaluate($0, &$1) }, hessian: hessian)
}

/// Fits by maximum likelihood in log-parameter space: an optional warm start on a subsample,
/// BFGS on the full data, standard errors from a forward-difference Hessian of the analytic
/// gradient.
///
/// - Parameters:
///   - start: Starting log-parameters.
///   - totalWeight: The weighted client count of the full data (the objective is divided by
///     it so tolerances do not depend on the size of the base).
///   - subsample: The objective on a warm-start subsample and its weight, if any.
///   - options: Fitting options.
///   - full: The objective on the full data.
///   - hessian: The Hessian of the total negative log-likelihood in log-parameters at a point,
///     given the gradient there, when the model has it in closed form; otherwise forward
///     differences of the gradient are used.
func fitLogParameters(
  start: [Double], totalWeight: Double, subsample: (NegativeLogLikelihood, Double)?,
  options: FitOptions, full: @escaping NegativeLogLikelihood,
  hessian analyticHessian: ((_ point: [Double], _ gradient: [Double]) -> [[Double]])? = nil
) -> (
  point: [Double], logLikelihood: Double, converged: Bool, iterations: Int, evaluations: Int,
  standardErrors: [Double]?, message: String
) {
  func penalized(_ objective: @escaping NegativeLogLikelihood, weight: Double)
    -> NegativeLogLikelihood
  {
    { point, gradient in
      let value = objective(point, &gradient)
      var total = value / weight
      for i in point.indices {
        gradient[i] = gradient[i] / weight + 2 * options.penalty * point[i]
        total += options.penalty * point[i] * point[i]
      }
      return total
    }
  }
  var point = start
  var warmHessian: [[Double]]?
  var iterations = 0
  var evaluations = 0
  if let (objective, weight) = subsample {
    let warm = minimizeBFGS(
      start: point, gradientTolerance: options.gradientTolerance * 10,
      maxIterations: options.maximumIterations, evaluate: penalized(objective, weight: weight))
    iterations += warm.iterations
    evaluations += warm.evaluations
    if warm.value.isFinite, warm.point.allSatisfy(\.isFinite) {
      point = warm.point
      // Both stages minimise a mean over clients, so the curvature learnt on the subsample
      // carries over: the full stage then needs only a few evaluations.
      if warm.converged, !warm.inverseHessian.isEmpty { warmHessian = warm.inverseHessian }
    }
  }
  let result = minimizeBFGS(
    start: point, gradientTolerance: options.gradientTolerance,
    maxIterations: options.maximumIterations, initialInverseHessian: warmHessian,
    evaluate: penalized(full, weight: totalWeight))
  iterations += result.iterations
  evaluations += result.evaluations
  // BFGS minimised the penalised mean; undo both to get the total log-likelihood and its
  // gradient at the optimum without another pass over the data.
  var penaltyTotal = 0.0
  var fullGradient = result.gradient
  for i in result.point.indices {
    penaltyTotal += options.penalty * result.point[i] * result.point[i]
    fullGradient[i] = (result.gradient[i] - 2 * options.penalty * result.point[i]) * totalWeight
  }
  let logLikelihood = -(result.value - penaltyTotal) * totalWeight

  var standardErrors: [Double]?
  if options.computesStandardErrors, result.converged {
    // Forward differences of the analytic gradient give the Hessian of the total negative
    // log-likelihood in log-parameters (one evaluation per parameter; the O(h) error, about
    // 1e-5 relative, is far below what a standard error needs); at a stationary point the
    // covariance of θ is diag(θ) H⁻¹ diag(θ).
    // A model that knows its Hessian in closed form passes it and saves the evaluations.
    let n = start.count
    var hessian = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
    if let analyticHessian {
      hessian = analyticHessian(result.point, fullGradient)
      evaluations += 1
    } else {
      var shiftedGradient = [Double](repeating: 0, count: n)
      for j in 0..<n {
        let h = 1e-5
        var shifted = result.point
        shifted[j] += h
        _ = full(shifted, &shiftedGradient)
        evaluations += 1
        for i in 0..<n { hessian[i][j] = (shiftedGradient[i] - fullGradient[i]) / h }
      }
    }
    for i in 0..<n {
      for j in 0..<i {
        let mean = (hessian[i][j] + hessian[j][i]) / 2
        hessian[i][j] = mean
        hessian[j][i] = mean
      }
    }
    if let covariance = invertSymmetricPositiveDefinite(hessian) {
      standardErrors = (0..<n).map { i in
        let value = cExp(result.point[i]) * covariance[i][i].squareRoot()
        return value
      }
      if standardErrors?.allSatisfy(\.isFinite) != true { standardErrors = nil }
    }
  }
  return (
    result.point, logLikelihood, result.converged, iterations, evaluations, standardErrors,
    result.message
  )
}

/// The parameters θ = e^point of an objective's log-parameters, or `nil` when one of them is
/// not positive and finite (the objective then answers NaN and the optimiser steps back).
func positiveParameters(_ point: [Double]) -> [Double]? {
  let parameters = point.map(cExp)
  return parameters.allSatisfy({ $0 > 0 && $0.isFinite }) ? parameters : nil
}
