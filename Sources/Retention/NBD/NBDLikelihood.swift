extension NBDModel {
  /// The log-likelihood of one history: the BG/NBD's (``BetaGeometricNBDModel``) with no
  /// drop-out term,
  ///
  ///     ln L = ln Γ(r + x) − ln Γ(r) + r ln α − (r + x) ln(α + T),
  ///
  /// the gamma average of λˣ e^(−λT), the density of purchases at the observed times of a
  /// client who never leaves (Ehrenberg 1959; Fader, Hardie & Lee 2005). It is computed as
  /// Σ_{j<x} ln(r + j) − r ln(1 + T/α) − x ln(α + T) for shapes of 1,000 and more, so that
  /// no large r multiplies a difference of logarithms; the recency does not enter. This is the fit's own row term
  /// (``fit(_:options:)``) evaluated on one row.
  ///
  /// - Parameters:
  ///   - frequency: `x`.
  ///   - recency: `t_x`, checked but not used.
  ///   - age: `T`.
  /// - Returns: ln L(r, α | x, t_x, T); `.nan` for an impossible history.
  /// - Complexity: O(min(x, 1,000)).
  public func logLikelihood(frequency: Int, recency: Double, age: Double) -> Double {
    guard isPossible(frequency, recency, age) else { return .nan }
    return NBDLikelihood(r: r, alpha: alpha).term(
      frequency: frequency, age: .init(alpha: alpha, time: age),
      shape: RisingFactorialTable.entry(r, frequency)
    ).value
  }
}

/// The NBD log-likelihood of one row and its gradient in (r, α): the gamma-Poisson part that
/// the NBD is made of alone and BG/NBD and MBG/NBD share
/// (``BetaGeometricLikelihood/term(frequency:age:recency:shape:dropout:)``).
struct NBDLikelihood: Sendable {
  let r: Double
  let alpha: Double
  let logAlpha: Double

  init(r: Double, alpha: Double) {
    self.r = r
    self.alpha = alpha
    logAlpha = cLog(alpha)
  }

  /// What a row needs of one time t (an age T or a recency t_x): t itself, ln(α + t),
  /// ln(1 + t/α) and 1/(α + t).
  struct TimeTerms: Sendable {
    var time: Double
    var log: Double
    var relative: Double
    var inverse: Double

    init(alpha: Double, time: Double) {
      self.time = time
      log = cLog(alpha + time)
      relative = cLog1p(time / alpha)
      inverse = 1 / (alpha + time)
    }
  }

  /// ln L of a client who never leaves, Σ_{j<x} ln(r + j) + r ln α − (r + x) ln(α + T), and
  /// its derivatives in r and α.
  ///
  /// Below a shape of 1,000 the terms are added as written, where the rounding of the
  /// logarithms (about 10⁻¹⁵ absolute) times r stays far inside every tolerance; above,
  /// r ln α − r ln(α + T) is taken as −r ln(1 + T/α), so that a shape of 10¹⁶ does not turn
  /// rounding into a likelihood (the tabulated `log1p` is exact there).
  ///
  /// - Parameters:
  ///   - x: The row's frequency.
  ///   - age: ``TimeTerms`` of its age T.
  ///   - shape: Σ_{j<x} ln(r + j) and Σ_{j<x} 1/(r + j) (``RisingFactorialTable``).
  /// - Returns: ln L and its gradient in (r, α) (the last two components 0).
  @inline(__always)
  func term(frequency x: Int, age: TimeTerms, shape: (log: Double, inverse: Double))
    -> LikelihoodTerm
  {
    let xd = Double(x)
    let rx = r + xd
    guard r >= 1_000 else {
      return LikelihoodTerm(
        value: shape.log + r * logAlpha - rx * age.log,
        gradient: SIMD4(shape.inverse + logAlpha - age.log, r / alpha - rx * age.inverse, 0, 0))
    }
    return LikelihoodTerm(
      value: shape.log - r * age.relative - xd * age.log,
      gradient: SIMD4(shape.inverse - age.relative, r / alpha - rx * age.inverse, 0, 0))
  }
}

/// The negative NBD log-likelihood over compressed histories with its gradient in
/// log-parameters: ``NBDLikelihood/term(frequency:age:shape:)`` summed over the rows, the
/// time terms tabulated once per distinct age and the gamma ratios once per x up to
/// ``RisingFactorialTable/summedLimit`` (larger x from their own entries, so that neither
/// memory nor time grows with the largest frequency).
struct NBDObjective: LogLikelihoodObjective, Sendable {
  let histories: PurchaseHistories
  /// The most threads an evaluation may use; the result does not depend on it.
  var threadCount = 1

  var totalWeight: Double { histories.totalWeight }

  func subsample(rows: Int) -> NBDObjective? {
    histories.subsample(rows: rows).map { NBDObjective(histories: $0) }
  }

  /// Evaluates at log-parameters (ln r, ln α).
  func evaluate(_ point: [Double], _ gradient: inout [Double]) -> Double {
    guard point.count == 2, let p = positiveParameters(point) else {
      gradient = [.nan, .nan]
      return .nan
    }
    let (r, alpha) = (p[0], p[1])
    let h = histories
    let likelihood = NBDLikelihood(r: r, alpha: alpha)
    let ages = h.distinctAges.map { NBDLikelihood.TimeTerms(alpha: alpha, time: $0) }
    // Bounded by RisingFactorialTable.summedLimit: a row with a larger x takes its own entry.
    let shapes = RisingFactorialTable(r, upTo: h.maximumFrequency)
    let parts = ParallelWork.partCount(for: h.count)
    let partials = ParallelWork.map(parts: parts, threads: threadCount) { part in
      h.likelihoodSum(rows: ParallelWork.range(of: part, in: parts, count: h.count)) {
        x, ageIndex, _ in
        likelihood.term(frequency: x, age: ages[ageIndex], shape: shapes.terms(x))
      }
    }
    var total = LikelihoodTerm()
    for partial in partials { total.add(partial) }
    let g = total.gradient
    gradient = [-g[0] * r, -g[1] * alpha]
    return -total.value
  }
}
