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
  /// −Σ w ln L at log-parameters without the gradient, equal to ``evaluate(_:_:)``'s value;
  /// the verdict's probes need no gradient, and a model whose gradient is costly gives a
  /// cheaper path.
  func value(at point: [Double]) -> Double
}

extension LogLikelihoodObjective {
  /// ``evaluate(_:_:)``'s value, its gradient discarded.
  func value(at point: [Double]) -> Double {
    var scratch = [Double](repeating: 0, count: point.count)
    return evaluate(point, &scratch)
  }
}

/// What the shared verdict needs to know about a model's parameters: their names, their
/// bounds, and the directions they can run off in.
struct ParameterSpace: Sendable {
  /// One parameter.
  struct Parameter: Sendable {
    /// The name, as the model encodes it ("r", "alpha", …).
    var name: String
    /// `nil` for a shape (bounded by ``FitVerdict/shapeBounds``); for a rate or scale, the
    /// data's own scale it is bounded relative to (``FitVerdict/scaleFactor``).
    var scale: Double?

    /// A shape parameter.
    static func shape(_ name: String) -> Parameter { Parameter(name: name, scale: nil) }

    /// A rate or scale parameter, bounded relative to `scale` (a tiny or zero scale is taken
    /// as 10⁻⁹ so the bounds stay positive).
    static func rate(_ name: String, scale: Double) -> Parameter {
      Parameter(name: name, scale: scale > 1e-9 && scale.isFinite ? scale : 1e-9)
    }

    /// The parameter's bounds.
    var bounds: ClosedRange<Double> {
      guard let scale else { return FitVerdict.shapeBounds }
      let factor = FitVerdict.scaleFactor
      return (scale / factor)...(scale * factor)
    }
  }

  /// A direction in which parameters can run off without the likelihood falling to zero.
  struct Runaway: Sendable {
    /// Per parameter: +1 moves it ×10, −1 moves it ÷10, 0 leaves it.
    var steps: [Int]
    /// Runaways of one group describe the same parameters (a pair): a verdict names at most
    /// one per group.
    var group: Int
    /// What the limit means for the base.
    var meaning: String
    /// Whether the limit is the NBD (no drop-out).
    var isNoDropout = false
    /// Whether the likelihood is evaluated ×10 this way. A direction that is not probed
    /// still names the limit of a parameter outside its bounds, where another probed
    /// direction reaches the same limit more cheaply.
    var isProbed = true
  }

  var parameters: [Parameter]
  var runaways: [Runaway]

  /// "Nobody seems to drop out", the meaning of every no-drop-out limit.
  static let noDropout = "nobody seems to drop out: the data cannot identify drop-out"

  /// The meaning of a drop-out probability running off to 1.
  static let allLeave =
    "everybody seems to leave at the first chance: the data cannot identify drop-out"
}

/// The optimum of a minimisation in log-parameters, before the verdict.
struct LogParameterOptimum {
  var point: [Double]
  /// The penalised negative mean log-likelihood at `point`.
  var value: Double
  /// The total log-likelihood at `point`, penalty not included.
  var logLikelihood: Double
  /// The gradient of the total negative log-likelihood (penalty not included).
  var gradient: [Double]
  var stationary: Bool
  var iterations: Int
  var evaluations: Int
  var message: String
}

/// Minimises the penalised negative mean log-likelihood in log-parameter space: an optional
/// warm start on a subsample, then BFGS on the full data.
///
/// - Parameters:
///   - start: Starting log-parameters.
///   - totalWeight: The weighted client count of the full data (the objective is divided by
///     it so tolerances do not depend on the size of the base).
///   - subsample: The objective on a warm-start subsample and its weight, if any.
///   - options: Fitting options.
///   - full: The objective on the full data.
/// - Returns: The optimum and what it cost.
func minimizeLogParameters(
  start: [Double], totalWeight: Double, subsample: (NegativeLogLikelihood, Double)?,
  options: FitOptions, full: @escaping NegativeLogLikelihood
) -> LogParameterOptimum {
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
  return LogParameterOptimum(
    point: result.point, value: result.value,
    logLikelihood: -(result.value - penaltyTotal) * totalWeight, gradient: fullGradient,
    stationary: result.converged, iterations: iterations, evaluations: evaluations,
    message: result.message)
}

/// Fits a model by maximum likelihood in log-parameter space and judges the estimate: the
/// shared fit driver of every model, which gives every fit the same ``FitVerdict``.
///
/// Minimises the penalised negative mean log-likelihood (a warm start on the objective's
/// subsample of ``FitOptions/warmStartRows`` rows, then BFGS on the full data), then runs the
/// verdict's checks in turn: runaway parameters (outside their bounds, or a likelihood that
/// does not fall ×10 further towards a boundary) are reported first, as they say the most;
/// then a stopped optimiser; then the model's own log-likelihood against the optimiser's; then
/// the Hessian, whose inverse gives the standard errors.
///
/// - Parameters:
///   - start: Starting log-parameters.
///   - objective: The model's objective on the full data.
///   - options: Fitting options.
///   - space: The model's parameters and runaway directions.
///   - hessian: The Hessian of the total negative log-likelihood in log-parameters at a point,
///     given its gradient there, when the model has it in closed form; otherwise forward
///     differences of the gradient are used.
///   - makeModel: The model from its parameters (positive and finite).
///   - logLikelihood: The model's total log-likelihood of the data by its public per-client
///     function.
///   - noDropoutLimit: The NBD fitted to the same data, for a model whose drop-out can run off
///     to nothing.
/// - Returns: The fit and its verdict.
func fitByMaximumLikelihood<Model: Sendable>(
  start: [Double], objective: some LogLikelihoodObjective, options: FitOptions,
  space: ParameterSpace,
  hessian analyticHessian: ((_ point: [Double], _ gradient: [Double]) -> [[Double]])? = nil,
  model makeModel: ([Double]) -> Model, logLikelihood: (Model) -> Double,
  noDropoutLimit: () -> FittedModel<NBDModel>? = { nil }
) -> FittedModel<Model> {
  let totalWeight = objective.totalWeight
  var warm: (NegativeLogLikelihood, Double)?
  let sample = objective.subsample(rows: options.warmStartRows)
  if let sample {
    warm = ({ sample.evaluate($0, &$1) }, sample.totalWeight)
  }
  let optimum = minimizeLogParameters(
    start: start, totalWeight: totalWeight, subsample: warm, options: options,
    full: { objective.evaluate($0, &$1) })
  // Keep the reported model valid even when the optimiser ran off towards a boundary.
  let parameters = optimum.point.map {
    Swift.min(Swift.max(cExp($0), Double.leastNormalMagnitude), Double.greatestFiniteMagnitude)
  }
  let model = makeModel(parameters)
  var evaluations = optimum.evaluations

  func penalizedLogLikelihood(_ point: [Double]) -> Double {
    evaluations += 1
    var value = -objective.value(at: point)
    for coordinate in point { value -= totalWeight * options.penalty * coordinate * coordinate }
    return value
  }

  let verdict: FitVerdict
  var standardErrors: [Double]?
  judge: do {
    let finite = optimum.point.allSatisfy(\.isFinite) && optimum.logLikelihood.isFinite
    let outside = space.parameters.indices.filter {
      !space.parameters[$0].bounds.contains(parameters[$0])
    }
    guard finite, optimum.stationary || !outside.isEmpty else {
      verdict = .notStationary(message: optimum.message)
      break judge
    }
    // The probes are screened on the warm-start subsample while no parameter is outside its
    // bounds (a boundary found then reports a probe's change, which must be the full data's).
    var screen: ProbeScreen?
    if let sample, outside.isEmpty {
      screen = ProbeScreen(
        objective: sample, at: optimum.point, totalWeight: totalWeight,
        penalty: options.penalty)
      evaluations += 1
    }
    let boundaries = runawayBoundaries(
      optimum: optimum, atOptimum: -optimum.value * totalWeight, parameters: parameters,
      outside: outside, space: space, logLikelihood: penalizedLogLikelihood,
      screen: screen.map { screen in
        { point in
          evaluations += 1
          return screen.estimatedChange(at: point)
        }
      }, noDropoutLimit: noDropoutLimit)
    guard boundaries.isEmpty else {
      verdict = .atBoundary(boundaries)
      break judge
    }
    guard optimum.stationary else {
      verdict = .notStationary(message: optimum.message)
      break judge
    }
    let recomputed = logLikelihood(model)
    evaluations += 1
    guard
      abs(recomputed - optimum.logLikelihood)
        <= FitVerdict.likelihoodTolerance * Swift.max(1, abs(optimum.logLikelihood))
    else {
      verdict = .inconsistentLikelihood(
        reported: optimum.logLikelihood, recomputed: recomputed)
      break judge
    }
    guard
      let errors = standardErrorsAtOptimum(
        optimum, totalWeight: totalWeight, options: options, hessian: analyticHessian,
        full: { objective.evaluate($0, &$1) }, evaluations: &evaluations)
    else {
      verdict = .notAMaximum
      break judge
    }
    standardErrors = options.computesStandardErrors ? errors : nil
    verdict = .converged
  }
  return FittedModel(
    model: model, logLikelihood: optimum.logLikelihood, verdict: verdict,
    iterations: optimum.iterations, evaluations: evaluations, standardErrors: standardErrors,
    message: optimum.message, clients: totalWeight)
}

/// A cheap estimate of a probe's change of the log-likelihood, from the warm-start subsample:
/// the subsample's change scaled to the full data's weight.
///
/// A probe at an interior maximum of a large base typically costs tenths of a unit of
/// log-likelihood per client, tens of thousands in all, against a margin of 0.01
/// (``FitVerdict/identificationMargin``); the subsample tells such a fall from flatness at a
/// fraction of the cost of a pass over every row (on Pareto/NBD a tenfold move can also send
/// its ₂F₁ terms to their slow quadrature branch). Only an estimate that falls by more than
/// ``threshold`` is trusted: every other probe, flat or marginal, is evaluated on the full
/// data, so every boundary the verdict reports is measured on all the rows.
struct ProbeScreen {
  /// The fall per client of the full data's weight below which an estimate is trusted:
  /// 10⁻³, at least 800 times ``FitVerdict/identificationMargin`` in all, since a subsample
  /// exists only above 8,000 distinct rows. A subsample whose change per client is that far
  /// from the full data's is not one a warm start could have used either.
  static let thresholdPerClient = 1e-3

  /// The subsample's negative log-likelihood.
  let evaluate: (_ point: [Double]) -> Double
  /// The subsample's log-likelihood at the optimum.
  let atOptimum: Double
  /// The optimum's log-parameters.
  let optimum: [Double]
  /// W / W_s, the full data's weight over the subsample's.
  let scale: Double
  let totalWeight: Double
  let penalty: Double
  /// The fall below which an estimate is trusted: ``thresholdPerClient`` times the weight.
  var threshold: Double { Self.thresholdPerClient * totalWeight }

  /// Evaluates the subsample at the optimum.
  ///
  /// - Parameters:
  ///   - objective: The objective on the subsample.
  ///   - point: The optimum's log-parameters.
  ///   - totalWeight: The full data's weight W.
  ///   - penalty: ``FitOptions/penalty``.
  init(
    objective: some LogLikelihoodObjective, at point: [Double], totalWeight: Double,
    penalty: Double
  ) {
    evaluate = { objective.value(at: $0) }
    atOptimum = -evaluate(point)
    optimum = point
    scale = totalWeight / objective.totalWeight
    self.totalWeight = totalWeight
    self.penalty = penalty
  }

  /// The estimated change of the full data's penalised log-likelihood from the optimum to
  /// `point`, or `nil` when it is not a fall beyond ``threshold`` (or not finite): the probe
  /// must then be evaluated on the full data.
  func estimatedChange(at point: [Double]) -> Double? {
    let change = subsampleChange(at: point)
    return change.isFinite && change < -threshold ? change : nil
  }

  /// The subsample's change of the penalised log-likelihood from the optimum to `point`,
  /// scaled to the full data's weight, whatever its size.
  func subsampleChange(at point: [Double]) -> Double {
    guard atOptimum.isFinite else { return .nan }
    var change = (-evaluate(point) - atOptimum) * scale
    for (moved, estimate) in zip(point, optimum) {
      change -= totalWeight * penalty * (moved * moved - estimate * estimate)
    }
    return change
  }
}

/// The runaway parameters of an optimum: for each group of runaway directions, the one along
/// which a tenfold move does not lower the (penalised) log-likelihood by the margin, and
/// every parameter outside its bounds.
///
/// Where several directions of a group are flat (with drop-out gone, a ÷ 10 and b × 10 change
/// nothing), the one the parameters are already heading in is named: the largest mean of
/// step · log₁₀(θ / scale) over the parameters it moves.
///
/// A probe is first offered to `screen`, an estimate of its change that answers only when the
/// fall is far beyond the margin (``ProbeScreen``); the others are measured with
/// `logLikelihood`, so every change a boundary reports is the full data's.
func runawayBoundaries(
  optimum: LogParameterOptimum, atOptimum: Double, parameters: [Double], outside: [Int],
  space: ParameterSpace, logLikelihood: (_ point: [Double]) -> Double,
  screen: ((_ point: [Double]) -> Double?)? = nil,
  noDropoutLimit: () -> FittedModel<NBDModel>?
) -> [FitBoundary] {
  let ln10 = cLog(10.0)
  let runaways = space.runaways
  func heading(_ runaway: ParameterSpace.Runaway) -> Double {
    var total = 0.0
    var moved = 0
    for (i, step) in runaway.steps.enumerated() where step != 0 {
      total += Double(step) * cLog(parameters[i] / (space.parameters[i].scale ?? 1)) / ln10
      moved += 1
    }
    return moved > 0 ? total / Double(moved) : 0
  }
  // Each direction's change of the log-likelihood for a tenfold move; a direction that is not
  // probed takes the largest change of the probed ones of its group that reach the same limit.
  var changes = runaways.map { runaway -> Double in
    guard runaway.isProbed else { return .nan }
    var point = optimum.point
    for (i, step) in runaway.steps.enumerated() { point[i] += Double(step) * ln10 }
    guard point.allSatisfy({ $0.isFinite && abs($0) < 700 }) else { return .nan }
    if let screened = screen?(point) { return screened }
    let value = logLikelihood(point)
    return value.isFinite ? value - atOptimum : -.infinity
  }
  for (index, runaway) in runaways.enumerated() where !runaway.isProbed {
    changes[index] =
      runaways.indices.filter {
        runaways[$0].isProbed && runaways[$0].group == runaway.group
          && runaways[$0].meaning == runaway.meaning && !changes[$0].isNaN
      }.map { changes[$0] }.max() ?? .nan
  }
  var chosen: [Int] = []
  for group in Set(runaways.map(\.group)).sorted() {
    // NaN (not probed, or not finite that way) is not flat.
    let flat = runaways.indices.filter {
      runaways[$0].group == group && changes[$0] > -FitVerdict.identificationMargin
    }
    if let best = flat.max(by: { heading(runaways[$0]) < heading(runaways[$1]) }) {
      chosen.append(best)
    }
  }
  // A parameter outside its bounds whose group has no flat direction: the group's first
  // direction that moves it further out, or the parameter alone when none does.
  var unexplained: [(index: Int, step: Int)] = []
  for i in outside {
    let step = parameters[i] > space.parameters[i].bounds.upperBound ? 1 : -1
    let groups = Set(runaways.filter { $0.steps[i] != 0 }.map(\.group))
    if chosen.contains(where: { groups.contains(runaways[$0].group) }) { continue }
    if let match = runaways.indices.first(where: { runaways[$0].steps[i] == step }) {
      chosen.append(match)
    } else {
      unexplained.append((i, step))
    }
  }
  var boundaries: [FitBoundary] = []
  var limit: FittedModel<NBDModel>?
  var triedLimit = false
  for index in chosen.sorted() {
    let runaway = runaways[index]
    let moved = runaway.steps.indices.filter { runaway.steps[$0] != 0 }
    // The values of the whole group: every parameter a direction of the group moves.
    let concerned = space.parameters.indices.filter { i in
      runaways.contains { $0.group == runaway.group && $0.steps[i] != 0 }
    }
    if runaway.isNoDropout, !triedLimit {
      limit = noDropoutLimit()
      triedLimit = true
    }
    boundaries.append(
      FitBoundary(
        parameters: moved.map { space.parameters[$0].name },
        directions: moved.map { runaway.steps[$0] > 0 ? .towardInfinity : .towardZero },
        values: Dictionary(
          uniqueKeysWithValues: concerned.map { (space.parameters[$0].name, parameters[$0]) }),
        meaning: runaway.meaning, logLikelihoodChange: changes[index],
        isOutsideBounds: concerned.contains { outside.contains($0) },
        limit: runaway.isNoDropout ? limit : nil))
  }
  for (i, step) in unexplained {
    let parameter = space.parameters[i]
    let bounds = parameter.bounds
    boundaries.append(
      FitBoundary(
        parameters: [parameter.name], directions: [step > 0 ? .towardInfinity : .towardZero],
        values: [parameter.name: parameters[i]],
        meaning: "the data cannot identify it (its bounds are \(significant(bounds.lowerBound)) "
          + "to \(significant(bounds.upperBound)))",
        logLikelihoodChange: .nan, isOutsideBounds: true))
  }
  return boundaries
}

/// The standard errors at an optimum from the Hessian of the penalised total negative
/// log-likelihood, or `nil` when that Hessian is not positive definite (not a maximum).
///
/// At a stationary point the covariance of θ is diag(θ) H⁻¹ diag(θ) with H the Hessian in
/// log-parameters. A model that knows its Hessian in closed form passes it; otherwise
/// forward differences of the analytic gradient give it (one evaluation per parameter; the
/// O(h) error, about 10⁻⁵ relative, is far below what a standard error needs).
func standardErrorsAtOptimum(
  _ optimum: LogParameterOptimum, totalWeight: Double, options: FitOptions,
  hessian analyticHessian: ((_ point: [Double], _ gradient: [Double]) -> [[Double]])?,
  full: NegativeLogLikelihood, evaluations: inout Int
) -> [Double]? {
  let n = optimum.point.count
  var hessian = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
  if let analyticHessian {
    hessian = analyticHessian(optimum.point, optimum.gradient)
    evaluations += 1
  } else {
    var shiftedGradient = [Double](repeating: 0, count: n)
    for j in 0..<n {
      let h = 1e-5
      var shifted = optimum.point
      shifted[j] += h
      _ = full(shifted, &shiftedGradient)
      evaluations += 1
      for i in 0..<n { hessian[i][j] = (shiftedGradient[i] - optimum.gradient[i]) / h }
    }
  }
  for i in 0..<n {
    // The penalty λ Σ (ln θ)² of the mean adds 2 λ W to the diagonal of the total.
    hessian[i][i] += 2 * options.penalty * totalWeight
    for j in 0..<i {
      let mean = (hessian[i][j] + hessian[j][i]) / 2
      hessian[i][j] = mean
      hessian[j][i] = mean
    }
  }
  guard let covariance = invertSymmetricPositiveDefinite(hessian) else { return nil }
  let errors = (0..<n).map { cExp(optimum.point[$0]) * covariance[$0][$0].squareRoot() }
  return errors.allSatisfy({ $0.isFinite && $0 > 0 }) ? errors : nil
}

/// The parameters θ = e^point of an objective's log-parameters, or `nil` when one of them is
/// not positive and finite (the objective then answers NaN and the optimiser steps back).
func positiveParameters(_ point: [Double]) -> [Double]? {
  let parameters = point.map(cExp)
  return parameters.allSatisfy({ $0 > 0 && $0.isFinite }) ? parameters : nil
}
