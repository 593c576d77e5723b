/// Whether a fit found a maximum of the likelihood it can stand behind, and if not, why: one
/// verdict for every model of the module.
///
/// A fit is ``converged`` only when every check passes. A fit that fails several is reported
/// by the one that says the most: runaway parameters (checks 2 and 3) first, as they name what
/// the data cannot identify, then the others in order.
///
/// 1. **Stationary.** The optimiser's gradient test passed (the largest gradient component of
///    the negative mean log-likelihood in log-parameters fell below
///    ``FitOptions/gradientTolerance``, or the objective stopped changing at rounding level with
///    a small gradient). Otherwise ``notStationary(message:)``.
/// 2. **Inside the bounds.** Every shape parameter (r, a, b, s, p, q, and all four of BG/BB)
///    lies in ``shapeBounds``, and every rate or scale parameter lies within a factor
///    ``scaleFactor`` of the data's own scale: α and β of the purchase models relative to the
///    mean age T̄ of the clients, Gamma-Gamma's v relative to the mean spend per purchase.
///    (A gamma rate α is measured in the data's time unit; α/T̄ is what is comparable across
///    data sets. With r in the shape bounds and the base buying at a mean rate r/α, a rate
///    a million times T̄ either way would mean a base buying a million times more or less
///    often than once over the observed span: no data set in the literature is near that.)
///    Otherwise ``atBoundary(_:)``.
/// 3. **Identified.** For each direction a parameter can run off in without the likelihood
///    falling to zero — alone, or with the partner it only matters through its ratio with
///    (r and α; a and b; s and β; BG/BB's α and β, γ and δ; Gamma-Gamma's q and v) — the
///    log-likelihood at the parameters moved ×10 that way must be at least
///    ``identificationMargin`` below the estimate's. If it is not, the data cannot tell the
///    estimate from its limit: ``atBoundary(_:)``, naming the parameters, the direction and
///    what the limit means (``FitBoundary``). (Certain drop-out is probed only where the data
///    allow it, and Pareto/NBD's β → ∞ alone not at all: the s → 0 probe reaches the same
///    limit, no drop-out, far more cheaply. Both still name a parameter outside its bounds.)
/// 4. **Consistent.** The log-likelihood re-evaluated at the returned parameters with the
///    model's own public per-client function, summed with weights over the histories, equals
///    the one the optimiser reports within ``likelihoodTolerance``. Otherwise
///    ``inconsistentLikelihood(reported:recomputed:)``.
/// 5. **A maximum.** The Hessian of the negative log-likelihood (penalty included) at the
///    estimate is positive definite, so standard errors exist. Otherwise ``notAMaximum``.
///
/// Where the limit is itself a known model, the verdict says so and gives its fit: a purchase
/// model whose drop-out runs off to nothing is the NBD (``NBDModel``), whose fit rides along in
/// the boundary (``FitBoundary/limit``).
///
/// With a ``FitOptions/penalty`` the checks judge the penalised optimum (the probes compare
/// penalised log-likelihoods, the Hessian includes the penalty): the penalty is how a host
/// asks for an answer on data that cannot identify every parameter.
public enum FitVerdict: Hashable, Sendable {
  /// Every check passed: an interior maximum of the likelihood.
  case converged
  /// The optimiser stopped before its gradient test passed; `message` is the optimiser's
  /// (the iteration limit, a line search that could not improve).
  case notStationary(message: String)
  /// Parameters ran off towards the edge of the parameter space, or lie outside their
  /// documented bounds: the data cannot identify them.
  case atBoundary([FitBoundary])
  /// The log-likelihood the optimiser reports differs from the model's own evaluation at the
  /// returned parameters by more than ``likelihoodTolerance``.
  case inconsistentLikelihood(reported: Double, recomputed: Double)
  /// The likelihood's curvature at the estimate is not that of a maximum: the Hessian is not
  /// positive definite.
  case notAMaximum

  /// The bounds of every shape parameter: [10⁻⁶, 10⁶].
  ///
  /// A gamma or beta shape beyond 10⁶ describes a population whose members all share one
  /// value to within 0.1%; below 10⁻⁶, one where all but a millionth of the mass sits at an
  /// extreme. Either is the model's limit, not an estimate of it.
  public static let shapeBounds: ClosedRange<Double> = 1e-6...1e6

  /// How far a rate or scale parameter may lie from the data's own scale: within
  /// [scale / 10⁶, scale · 10⁶], the scale being the mean age T̄ for the purchase models' α and
  /// β, and the mean spend per purchase for Gamma-Gamma's v.
  public static let scaleFactor = 1e6

  /// How much the log-likelihood must fall when parameters move ×10 towards a boundary for the
  /// data to identify them: 0.01.
  ///
  /// A fall of less than 0.01 is a likelihood ratio below 1.01 between the estimate and
  /// parameters ten times larger (or smaller): the data carry no evidence for one over the
  /// other. At an interior maximum of real data a tenfold move costs far more (tens to
  /// thousands on the CDNOW and donation data); a fit that ran off towards a limit gains or
  /// loses almost nothing by going further.
  public static let identificationMargin = 0.01

  /// The largest difference allowed between the log-likelihood the optimiser reports and the
  /// model's own evaluation: 10⁻⁸ relative to max(1, |ln L|).
  ///
  /// Both add up the same row term, so they differ only by the order of the sum (about 10⁻¹⁴
  /// relative); a larger difference means a term went wrong at these parameters.
  public static let likelihoodTolerance = 1e-8

  /// Whether every check passed.
  public var isConverged: Bool { self == .converged }

  /// The runaway parameters, or empty unless the verdict is ``atBoundary(_:)``.
  public var boundaries: [FitBoundary] {
    if case .atBoundary(let boundaries) = self { return boundaries }
    return []
  }

  /// The fit of the model that is the limit the parameters ran off to, when that limit is a
  /// known model (no drop-out: the NBD); `nil` otherwise.
  public var limit: FittedModel<NBDModel>? {
    boundaries.lazy.compactMap(\.limit).first
  }

  /// Why the fit did not converge, in a sentence a person can act on; `nil` when it converged.
  ///
  /// ```swift
  /// fit.verdict.reason
  /// // "b ran off towards infinity (a = 2.707e-8, b = 1.202e9): nobody seems to drop out: the
  /// //  data cannot identify drop-out; with no drop-out the model is the NBD …"
  /// ```
  public var reason: String? {
    switch self {
    case .converged:
      return nil
    case .notStationary(let message):
      return "the optimiser stopped before its gradient test passed (\(message)): the "
        + "parameters are not a maximum of the likelihood; allow more iterations "
        + "(FitOptions.maximumIterations) or check the data"
    case .atBoundary(let boundaries):
      return boundaries.map(\.description).joined(separator: "; ")
    case .inconsistentLikelihood(let reported, let recomputed):
      return "the log-likelihood the optimiser reports (\(significant(reported))) differs from "
        + "the model's own evaluation (\(significant(recomputed))): the estimate is numerically "
        + "unreliable at these parameters"
    case .notAMaximum:
      return "the likelihood's curvature at the estimate is not that of a maximum (the Hessian "
        + "is not positive definite): the data do not identify every parameter"
    }
  }
}

/// Parameters of a fit that ran off towards the edge of the parameter space, and what that
/// limit means for the base: part of a ``FitVerdict``.
///
/// ```swift
/// for boundary in fit.verdict.boundaries {
///   boundary.parameters      // ["a"]
///   boundary.directions      // [.towardZero]
///   boundary.meaning         // "nobody seems to drop out: the data cannot identify drop-out"
///   boundary.limit?.model    // the NBD fitted to the same data
/// }
/// ```
public struct FitBoundary: Hashable, Sendable, CustomStringConvertible {
  /// Which way a parameter runs.
  public enum Direction: String, Hashable, Sendable {
    /// Towards 0.
    case towardZero
    /// Towards infinity.
    case towardInfinity
  }

  /// The parameters that run off, by the names of the model's parameters (`"r"`, `"alpha"`,
  /// `"a"`, `"b"`, `"s"`, `"beta"`, `"gamma"`, `"delta"`, `"p"`, `"q"`, `"v"`).
  public let parameters: [String]
  /// Which way each of ``parameters`` runs.
  public let directions: [Direction]
  /// The estimates of the parameters of the pair or group concerned (name and value), the
  /// runaway ones among them.
  public let values: [String: Double]
  /// What the limit means for the base, e.g. "purchase rates are all alike".
  public let meaning: String
  /// The log-likelihood at the parameters moved ×10 that way minus the estimate's: not below
  /// −``FitVerdict/identificationMargin`` when the data cannot identify them; NaN when not
  /// measured (the moved parameters were not finite). For a direction that is not probed
  /// (Pareto/NBD's β → ∞ alone), the change of the probed direction that reaches the same
  /// limit.
  public let logLikelihoodChange: Double
  /// Whether a runaway parameter lies outside its bounds (``FitVerdict/shapeBounds``,
  /// ``FitVerdict/scaleFactor``).
  public let isOutsideBounds: Bool
  /// The fit of the limit model, when the limit is a known one: the NBD when drop-out runs off
  /// to nothing.
  public let limit: FittedModel<NBDModel>?

  /// Creates a boundary.
  ///
  /// - Parameters:
  ///   - parameters: The runaway parameters' names.
  ///   - directions: Which way each runs.
  ///   - values: The estimates of the parameters concerned.
  ///   - meaning: What the limit means for the base.
  ///   - logLikelihoodChange: The log-likelihood change of a tenfold move that way.
  ///   - isOutsideBounds: Whether a runaway parameter is outside its bounds.
  ///   - limit: The fit of the limit model, if it is a known model.
  public init(
    parameters: [String], directions: [Direction], values: [String: Double], meaning: String,
    logLikelihoodChange: Double, isOutsideBounds: Bool, limit: FittedModel<NBDModel>? = nil
  ) {
    self.parameters = parameters
    self.directions = directions
    self.values = values
    self.meaning = meaning
    self.logLikelihoodChange = logLikelihoodChange
    self.isOutsideBounds = isOutsideBounds
    self.limit = limit
  }

  /// The boundary in a sentence: "r and α ran off towards infinity together (r = 1.625e16,
  /// α = 2.438e16): purchase rates are all alike".
  public var description: String {
    var clauses: [String] = []
    for direction in [Direction.towardInfinity, .towardZero] {
      let names = zip(parameters, directions).filter { $0.1 == direction }.map { symbol($0.0) }
      guard !names.isEmpty else { continue }
      let target = direction == .towardZero ? "0" : "infinity"
      let subject =
        names.count == 1
        ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names[names.count - 1]
      let together = names.count > 1 ? " together" : ""
      clauses.append(
        clauses.isEmpty
          ? "\(subject) ran off towards \(target)\(together)" : "\(subject) towards \(target)")
    }
    let shown = values.keys.sorted { parameterOrder($0) < parameterOrder($1) }
      .map { "\(symbol($0)) = \(significant(values[$0] ?? .nan))" }
    var text = clauses.joined(separator: " and ") + " (" + shown.joined(separator: ", ") + ")"
    if isOutsideBounds { text += ", outside the documented bounds" }
    text += ": " + meaning
    if let limit {
      text +=
        "; with no drop-out the model is the NBD, whose fit to the same data is r = "
        + "\(significant(limit.model.r)), α = \(significant(limit.model.alpha)), log-likelihood "
        + NumberText.decimal(limit.logLikelihood)
        + (limit.converged ? "" : " (not converged: \(limit.reason ?? limit.message))")
    }
    return text
  }
}

/// A parameter's name as a reason prints it: the Greek letter for the spelled-out ones.
func symbol(_ name: String) -> String {
  switch name {
  case "alpha": return "α"
  case "beta": return "β"
  case "gamma": return "γ"
  case "delta": return "δ"
  default: return name
  }
}

/// The order parameters are listed in within a sentence.
private func parameterOrder(_ name: String) -> Int {
  ["r", "alpha", "a", "b", "s", "beta", "gamma", "delta", "p", "q", "v"].firstIndex(of: name)
    ?? 99
}

/// A number with four significant digits, in scientific notation outside [0.001, 10⁶):
/// 1.6247e16 → "1.625e16", 0.000572 → "0.000572", 708.63 → "708.6".
func significant(_ value: Double) -> String {
  guard value.isFinite else { return String(describing: value) }
  let magnitude = value.magnitude
  guard magnitude != 0 else { return "0" }
  var exponent = Int(cLog(magnitude) / cLog(10.0)).advanced(by: magnitude < 1 ? -1 : 0)
  // Correct for rounding in the logarithm.
  if cPow(10, Double(exponent + 1)) <= magnitude { exponent += 1 }
  if cPow(10, Double(exponent)) > magnitude { exponent -= 1 }
  if magnitude >= 1e-3, magnitude < 1e6 {
    return NumberText.decimal(value, places: max(0, 3 - exponent), dropsTrailingZeros: true)
      .replacingCommas()
  }
  var mantissa = value / cPow(10, Double(exponent))
  if NumberText.decimal(mantissa.magnitude, places: 3) == "10.000" {
    mantissa /= 10
    exponent += 1
  }
  return NumberText.decimal(mantissa, places: 3, dropsTrailingZeros: true) + "e\(exponent)"
}

extension String {
  /// The text without thousands separators, for numbers inside a sentence about parameters.
  fileprivate func replacingCommas() -> String { String(filter { $0 != "," }) }
}
