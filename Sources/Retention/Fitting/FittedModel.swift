/// A fitted model with what the fit says about itself.
///
/// Every fit of the module (BG/NBD, MBG/NBD, Pareto/NBD, NBD, BG/BB and Gamma-Gamma) returns
/// one, judged by the same ``FitVerdict``: ``converged`` only at an interior maximum of the
/// likelihood the optimiser can stand behind; otherwise ``reason`` says which parameter ran
/// off, which way, and what that means for the base.
///
/// ```swift
/// let fit = try BGNBDModel.fit(histories)
/// if let reason = fit.reason {
///   print(reason)   // "a ran off towards 0 (a = 0.0005721, b = 708.6): nobody seems to drop out…"
///   if let nbd = fit.verdict.limit, nbd.converged { use(nbd.model) }
/// }
/// ```
public struct FittedModel<Model: Sendable>: Sendable {
  /// The model at the estimate: the maximum-likelihood estimate when ``converged``, otherwise
  /// where the optimiser stopped (its parameters kept positive and finite).
  public let model: Model
  /// The total log-likelihood of the data at the estimate (weights applied, penalty not).
  public let logLikelihood: Double
  /// Whether the fit passed every check of ``FitVerdict``; the same as
  /// `verdict.isConverged`. A fit that did not converge is returned flagged, never silently:
  /// check this (or ``reason``) before trusting the parameters.
  public var converged: Bool { verdict.isConverged }
  /// The verdict on the estimate: converged, or why not.
  public let verdict: FitVerdict
  /// Quasi-Newton iterations used (both stages of a warm start).
  public let iterations: Int
  /// Objective evaluations used, each over the full data or the warm-start subsample; the
  /// verdict's checks (the probes towards the boundaries, the re-evaluation of the
  /// log-likelihood and the Hessian) count one each.
  public let evaluations: Int
  /// Standard errors of the parameters, in the model's parameter order, from the inverse of
  /// the observed information (the Hessian of the negative log-likelihood, with the penalty
  /// when there is one): present exactly when the fit ``converged`` and standard errors were
  /// asked for (``FitOptions/computesStandardErrors``).
  public let standardErrors: [Double]?
  /// What the optimiser reported when it stopped.
  public let message: String
  /// The weighted number of clients fitted.
  public let clients: Double

  /// Why the fit did not converge, in a sentence a person can act on; `nil` when it
  /// converged. The same as `verdict.reason`.
  public var reason: String? { verdict.reason }

  /// Creates a fit result with a verdict.
  ///
  /// - Parameters:
  ///   - model: The fitted model.
  ///   - logLikelihood: The total log-likelihood.
  ///   - verdict: The verdict on the estimate.
  ///   - iterations: Iterations used.
  ///   - evaluations: Objective evaluations used.
  ///   - standardErrors: Standard errors; dropped unless the verdict is converged.
  ///   - message: The optimiser's message.
  ///   - clients: The weighted number of clients.
  public init(
    model: Model, logLikelihood: Double, verdict: FitVerdict, iterations: Int, evaluations: Int,
    standardErrors: [Double]?, message: String, clients: Double
  ) {
    self.model = model
    self.logLikelihood = logLikelihood
    self.verdict = verdict
    self.iterations = iterations
    self.evaluations = evaluations
    self.standardErrors = verdict.isConverged ? standardErrors : nil
    self.message = message
    self.clients = clients
  }

  /// Creates a fit result from a convergence flag: a fit that did not converge gets the
  /// verdict ``FitVerdict/notStationary(message:)`` with `message`.
  ///
  /// - Parameters:
  ///   - model: The fitted model.
  ///   - logLikelihood: The total log-likelihood.
  ///   - converged: Whether the fit converged.
  ///   - iterations: Iterations used.
  ///   - evaluations: Objective evaluations used.
  ///   - standardErrors: Standard errors; dropped unless `converged`.
  ///   - message: The optimiser's message.
  ///   - clients: The weighted number of clients.
  public init(
    model: Model, logLikelihood: Double, converged: Bool, iterations: Int, evaluations: Int,
    standardErrors: [Double]?, message: String, clients: Double
  ) {
    self.init(
      model: model, logLikelihood: logLikelihood,
      verdict: converged ? .converged : .notStationary(message: message), iterations: iterations,
      evaluations: evaluations, standardErrors: standardErrors, message: message,
      clients: clients)
  }
}

extension FittedModel: Equatable where Model: Equatable {}

extension FittedModel: Hashable where Model: Hashable {}
