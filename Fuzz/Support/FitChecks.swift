// What the fuzz targets that fit (fit, summary) check of every fit, compiled with each by
// Fuzz/run.sh:
// - a log-likelihood is never NaN;
// - a converged fit stands at an interior point: its shape parameters lie inside
//   `FitVerdict.shapeBounds`, every parameter is positive and finite, it has finite positive
//   standard errors, and the model's own public per-client log-likelihood, summed over the
//   histories, equals the fit's within `FitVerdict.likelihoodTolerance`;
// - a fit that did not converge has no standard errors and a reason.

import Retention

/// Checks one fit's verdict against what it claims (see the top of this file).
///
/// - Parameters:
///   - fit: The fit, or `nil` when it threw (a typed error: allowed).
///   - input: The fuzzer's input, for the failure message.
///   - shapes: The model's shape parameters, bounded by `FitVerdict.shapeBounds`.
///   - all: Every parameter of the model.
///   - recomputed: The model's public log-likelihood of the histories it was fitted to.
func checkFit<Model>(
  _ fit: FittedModel<Model>?, _ input: [UInt8], shapes: (Model) -> [Double],
  all: (Model) -> [Double], recomputed: (Model) -> Double
) {
  guard let fit else { return }
  let name = String(describing: Model.self)
  check(!fit.logLikelihood.isNaN, "\(name): a NaN log-likelihood", input)
  guard fit.converged else {
    check(fit.standardErrors == nil, "\(name): standard errors without convergence", input)
    check(fit.reason?.isEmpty == false, "\(name): not converged without a reason", input)
    return
  }
  let parameters = all(fit.model)
  check(
    parameters.allSatisfy { $0 > 0 && $0.isFinite },
    "\(name): converged at parameters \(parameters)", input)
  check(
    shapes(fit.model).allSatisfy { FitVerdict.shapeBounds.contains($0) },
    "\(name): converged with a shape outside the bounds: \(parameters)", input)
  let errors = fit.standardErrors ?? []
  check(
    errors.count == parameters.count && errors.allSatisfy { $0 > 0 && $0.isFinite },
    "\(name): converged with standard errors \(errors)", input)
  let again = recomputed(fit.model)
  let tolerance = FitVerdict.likelihoodTolerance * max(1, abs(fit.logLikelihood))
  check(
    abs(again - fit.logLikelihood) <= tolerance,
    "\(name): converged with ln L \(fit.logLikelihood) but the model's own is \(again)", input)
}

/// Stops the process, which libFuzzer records as a crash with the input that caused it.
func check(_ condition: Bool, _ message: @autoclosure () -> String, _ input: [UInt8]) {
  if !condition {
    fatalError("\(message()) for input \(input)")
  }
}
