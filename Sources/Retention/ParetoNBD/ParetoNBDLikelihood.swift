extension ParetoNBDModel {
  /// The log-likelihood of one history.
  ///
  /// Fader & Hardie's note (2005), eq. (22): L = Γ(r + x) αʳ βˢ / Γ(r) · [(α + T)^(−r−x)
  /// (β + T)^(−s) + s/(r + s + x) · A₀], where A₀ is a difference of two ₂F₁ terms at t_x and
  /// T. The bracket equals the gamma average of λˣ e^(−(λ+μ)T) (alive at T) plus that of
  /// λˣ μ ∫ from t_x to T of e^(−(λ+μ)τ) dτ (left in between). Writing the first as
  /// ∫_T^∞ (λ + μ) e^(−(λ+μ)τ) dτ, its μ part cancels the upper end of the second, so
  /// L = Γ(r + x) αʳ βˢ / Γ(r) · [K(r + x, α, s, β; T) + K(s, β, r + x, α; t_x)] with
  /// K(q₁, A₁, q₂, A₂; t) = q₁ ∫_t^∞ (A₁ + τ)^(−q₁−1) (A₂ + τ)^(−q₂) dτ. Each K is one ₂F₁(1, b;
  /// c; z) with positive terms (Euler's transformation of the note's ₂F₁, branching on α ≥ β
  /// as the note does), summed by its series, or by quadrature when z > 0.93; the two are
  /// added in logs. The same value as the note's, with no subtraction: large x, large T and
  /// t_x close to T neither overflow nor cancel.
  ///
  /// This is the fit's own row term (``fit(_:options:)``) evaluated on one row: up to
  /// x = 1,000 with the same running sum for ln Γ(r + x) − ln Γ(r) as the fit tabulates, so it
  /// is exactly the value the fit adds up for the row; beyond, with a log-gamma difference.
  ///
  /// - Parameters:
  ///   - frequency: `x`.
  ///   - recency: `t_x`.
  ///   - age: `T`.
  /// - Returns: ln L(r, α, s, β | x, t_x, T); `.nan` for an impossible history.
  public func logLikelihood(frequency: Int, recency: Double, age: Double) -> Double {
    guard let tx = validRecency(frequency, recency, age) else { return .nan }
    let likelihood = ParetoNBDLikelihood(r: r, alpha: alpha, s: s, beta: beta)
    let shape = r + Double(frequency)
    return likelihood.logTerm(
      frequency: frequency, age: age, recency: tx,
      ageTerms: .init(alpha: alpha, beta: beta, age: age),
      recencyTerms: .init(alpha: alpha, beta: beta, recency: tx),
      logAtAge: likelihood.logTail(atAge: age, shape: shape),
      logAtRecency: likelihood.logTail(atRecency: tx, shape: shape),
      shape: RisingFactorialTable.entry(r, frequency))
  }
}

/// The Pareto/NBD log-likelihood of one row and its gradient in (r, α, s, β): the one
/// implementation, which the fit runs on every distinct row and
/// ``ParetoNBDModel/logLikelihood(frequency:recency:age:)`` on one.
///
/// Per row, with p = r + x,
///
///     ln L = Σ_{k<x} ln(r + k) − r ln(1 + T/α) − s ln(1 + T/β) − x ln(α + T)
///            + ln[K̂_T + K̂_tx ((α + T)/(α + t_x))ᵖ ((β + T)/(β + t_x))ˢ],
///
/// K̂_T = K̂(p, α, s, β; T) and K̂_tx = K̂(s, β, p, α; t_x) (see `ParetoNBDMath`): the same
/// value as Fader & Hardie's (2005) eq. (22), arranged so that no large shape multiplies a
/// difference of logarithms. What depends on the row's age, recency and x alone comes in
/// precomputed (``AgeTerms``, ``RecencyTerms``, the two tails and the gamma ratio), so the
/// term itself is one `exp`, one `log` and a few products.
struct ParetoNBDLikelihood: Sendable {
  let r: Double
  let alpha: Double
  let s: Double
  let beta: Double
  /// α − β, the tails' branch variable.
  let difference: Double

  init(r: Double, alpha: Double, s: Double, beta: Double) {
    self.r = r
    self.alpha = alpha
    self.s = s
    self.beta = beta
    difference = alpha - beta
  }

  /// What a row needs of its age T: ln(1 + T/α), ln(1 + T/β), their derivatives T/(α(α + T))
  /// and T/(β(β + T)) (up to sign), ln(α + T), ln(β + T), 1/(α + T) and 1/(β + T).
  struct AgeTerms: Sendable {
    var logAlpha = 0.0
    var logBeta = 0.0
    var derivativeAlpha = 0.0
    var derivativeBeta = 0.0
    var logShiftedAlpha = 0.0
    var logShiftedBeta = 0.0
    var inverseAlpha = 0.0
    var inverseBeta = 0.0

    init(alpha: Double, beta: Double, age: Double) {
      inverseAlpha = 1 / (alpha + age)
      inverseBeta = 1 / (beta + age)
      logAlpha = cLog1p(age / alpha)
      logBeta = cLog1p(age / beta)
      derivativeAlpha = age / alpha * inverseAlpha
      derivativeBeta = age / beta * inverseBeta
      logShiftedAlpha = cLog(alpha + age)
      logShiftedBeta = cLog(beta + age)
    }
  }

  /// What a row needs of its recency t_x: 1/(α + t_x), 1/(β + t_x), ln(α + t_x), ln(β + t_x).
  struct RecencyTerms: Sendable {
    var inverseAlpha: Double
    var inverseBeta: Double
    var logAlpha: Double
    var logBeta: Double

    init(alpha: Double, beta: Double, recency: Double) {
      inverseAlpha = 1 / (alpha + recency)
      inverseBeta = 1 / (beta + recency)
      logAlpha = cLog(alpha + recency)
      logBeta = cLog(beta + recency)
    }
  }

  /// K̂_T = K̂(p, α, s, β; T) with its gradient, p = r + x.
  @inline(__always)
  func tail(atAge age: Double, shape p: Double) -> ParetoNBDMath.Tail {
    ParetoNBDMath.tail(q1: p, q2: s, difference: difference, a1: alpha + age, a2: beta + age)
  }

  /// K̂_tx = K̂(s, β, p, α; t_x) with its gradient, p = r + x.
  @inline(__always)
  func tail(atRecency recency: Double, shape p: Double) -> ParetoNBDMath.Tail {
    ParetoNBDMath.tail(
      q1: s, q2: p, difference: -difference, a1: beta + recency, a2: alpha + recency)
  }

  /// ln K̂_T alone (``tail(atAge:shape:)``'s `logValue`).
  @inline(__always)
  func logTail(atAge age: Double, shape p: Double) -> Double {
    ParetoNBDMath.logTail(q1: p, q2: s, difference: difference, a1: alpha + age, a2: beta + age)
  }

  /// ln K̂_tx alone (``tail(atRecency:shape:)``'s `logValue`).
  @inline(__always)
  func logTail(atRecency recency: Double, shape p: Double) -> Double {
    ParetoNBDMath.logTail(
      q1: s, q2: p, difference: -difference, a1: beta + recency, a2: alpha + recency)
  }

  /// The log-likelihood of one row alone: ``term(frequency:age:recency:ageTerms:recencyTerms:atAge:atRecency:shape:)``'s
  /// `value` to the last bit, from the tails' values alone (``logTail(atAge:shape:)``,
  /// ``logTail(atRecency:shape:)``).
  @inline(__always)
  func logTerm(
    frequency x: Int, age: Double, recency: Double, ageTerms terms: AgeTerms,
    recencyTerms: RecencyTerms, logAtAge: Double, logAtRecency: Double,
    shape: (log: Double, inverse: Double)
  ) -> Double {
    let xd = Double(x)
    let p = r + xd
    var shiftAlpha = 0.0
    var shiftBeta = 0.0
    let gap = age - recency
    if gap > 0 {
      if p < 1_000, s < 1_000 {
        shiftAlpha = terms.logShiftedAlpha - recencyTerms.logAlpha
        shiftBeta = terms.logShiftedBeta - recencyTerms.logBeta
      } else {
        shiftAlpha = cLog1p(gap * recencyTerms.inverseAlpha)
        shiftBeta = cLog1p(gap * recencyTerms.inverseBeta)
      }
    }
    let logRecency = logAtRecency + p * shiftAlpha + s * shiftBeta
    let logGap = logRecency - logAtAge
    let total = 1 + cExp(-abs(logGap))
    return shape.log - r * terms.logAlpha - s * terms.logBeta - xd * terms.logShiftedAlpha
      + max(logAtAge, logRecency) + cLog(total)
  }

  /// The log-likelihood of one row and its gradient.
  ///
  /// - Parameters:
  ///   - x: The row's frequency.
  ///   - age: Its age T.
  ///   - recency: Its recency t_x (0 when x = 0).
  ///   - ageTerms: ``AgeTerms`` of T.
  ///   - recencyTerms: ``RecencyTerms`` of t_x.
  ///   - atAge: ``tail(atAge:shape:)``.
  ///   - atRecency: ``tail(atRecency:shape:)``.
  ///   - shape: Σ_{j<x} ln(r + j) and Σ_{j<x} 1/(r + j) (``RisingFactorialTable``).
  /// - Returns: ln L and its gradient in (r, α, s, β).
  @inline(__always)
  func term(
    frequency x: Int, age: Double, recency: Double, ageTerms terms: AgeTerms,
    recencyTerms: RecencyTerms, atAge: ParetoNBDMath.Tail, atRecency: ParetoNBDMath.Tail,
    shape: (log: Double, inverse: Double)
  ) -> LikelihoodTerm {
    let xd = Double(x)
    let p = r + xd
    // K̂_tx is scaled at t_x; bring it to the scale of T: ln((α + T)/(α + t_x)) and its
    // α-derivative −(T − t_x)/((α + T)(α + t_x)), likewise for β.
    var shiftAlpha = 0.0
    var shiftBeta = 0.0
    var slopeAlpha = 0.0
    var slopeBeta = 0.0
    let gap = age - recency
    if gap > 0 {
      // A difference of tabulated logs is exact to about 1e-15 absolute, which the shapes
      // multiply: below 1,000 that is far inside the tolerances; above, take log1p of the
      // ratio.
      if p < 1_000, s < 1_000 {
        shiftAlpha = terms.logShiftedAlpha - recencyTerms.logAlpha
        shiftBeta = terms.logShiftedBeta - recencyTerms.logBeta
      } else {
        shiftAlpha = cLog1p(gap * recencyTerms.inverseAlpha)
        shiftBeta = cLog1p(gap * recencyTerms.inverseBeta)
      }
      slopeAlpha = -gap * terms.inverseAlpha * recencyTerms.inverseAlpha
      slopeBeta = -gap * terms.inverseBeta * recencyTerms.inverseBeta
    }
    let logRecency = atRecency.logValue + p * shiftAlpha + s * shiftBeta
    // ln(K̂_T + shifted K̂_tx) and the two shares of the sum.
    let logGap = logRecency - atAge.logValue
    let ratio = cExp(-abs(logGap))
    let total = 1 + ratio
    let small = ratio / total
    let large = 1 / total
    let ageShare = logGap > 0 ? small : large
    let recencyShare = logGap > 0 ? large : small
    return LikelihoodTerm(
      value: shape.log - r * terms.logAlpha - s * terms.logBeta - xd * terms.logShiftedAlpha
        + max(atAge.logValue, logRecency) + cLog(total),
      gradient: SIMD4(
        shape.inverse - terms.logAlpha + ageShare * atAge.dq1 + recencyShare
          * (atRecency.dq2 + shiftAlpha),
        r * terms.derivativeAlpha - xd * terms.inverseAlpha + ageShare * atAge.dA1
          + recencyShare * (atRecency.dA2 + p * slopeAlpha),
        -terms.logBeta + ageShare * atAge.dq2 + recencyShare * (atRecency.dq1 + shiftBeta),
        s * terms.derivativeBeta + ageShare * atAge.dA2 + recencyShare
          * (atRecency.dA1 + s * slopeBeta)))
  }
}

/// The negative log-likelihood of Pareto/NBD over compressed histories, with its analytic
/// gradient in log-parameters: ``ParetoNBDLikelihood/term(frequency:age:recency:ageTerms:recencyTerms:atAge:atRecency:shape:)``
/// summed over the rows.
///
/// The x-dependent sums and their r-derivatives Σ 1/(r + k) are accumulated once per x up to
/// ``RisingFactorialTable/summedLimit`` (a larger x takes the per-client entry, so the cost
/// does not grow with the largest x); K̂_T is computed once per distinct (x, T) and K̂_tx once per distinct (x, t_x), each
/// with its four partial derivatives from the same series loop, and kept in tables indexed by
/// the histories' distinct-age and distinct-recency positions (a slot is reused while x stays
/// the same, which the rows' sort order by x makes the common case).
struct ParetoNBDObjective: LogLikelihoodObjective, Sendable {
  let histories: PurchaseHistories
  /// The most threads an evaluation may use; the result does not depend on it.
  var threadCount = 1

  var totalWeight: Double { histories.totalWeight }

  func subsample(rows: Int) -> ParetoNBDObjective? {
    histories.subsample(rows: rows).map { ParetoNBDObjective(histories: $0) }
  }

  /// Evaluates at log-parameters (ln r, ln α, ln s, ln β): returns −Σ w ln L and writes its
  /// gradient.
  func evaluate(_ point: [Double], _ gradient: inout [Double]) -> Double {
    guard let parameters = positiveParameters(point) else {
      gradient = [.nan, .nan, .nan, .nan]
      return .nan
    }
    let likelihood = ParetoNBDLikelihood(
      r: parameters[0], alpha: parameters[1], s: parameters[2], beta: parameters[3])
    let (r, alpha, s, beta) = (likelihood.r, likelihood.alpha, likelihood.s, likelihood.beta)
    let h = histories
    // Up to x = 1,000 tabulated, beyond from log-gamma and digamma differences per row.
    let shapes = RisingFactorialTable(r, upTo: h.maximumFrequency)
    let ages = h.distinctAges
    let recencies = h.distinctRecencies
    let ageTable = ages.map { ParetoNBDLikelihood.AgeTerms(alpha: alpha, beta: beta, age: $0) }
    let recencyTable = recencies.map {
      ParetoNBDLikelihood.RecencyTerms(alpha: alpha, beta: beta, recency: $0)
    }
    // Each part keeps its own tail caches: a cached tail is the value the series would give
    // again, so the parts' sums, added in part order, do not depend on the thread count.
    let accumulate: @Sendable (Range<Int>) -> LikelihoodTerm = { rows in
      var ageTails = [ParetoNBDMath.Tail](repeating: .zero, count: ages.count)
      var ageStamps = [Int](repeating: -1, count: ages.count)
      var recencyTails = [ParetoNBDMath.Tail](repeating: .zero, count: recencies.count)
      var recencyStamps = [Int](repeating: -1, count: recencies.count)
      return h.likelihoodSum(rows: rows) { x, ti, ri in
        let p = r + Double(x)
        let age = ages[ti]
        let recency = recencies[ri]
        if ageStamps[ti] != x {
          ageTails[ti] = likelihood.tail(atAge: age, shape: p)
          ageStamps[ti] = x
        }
        if recencyStamps[ri] != x {
          recencyTails[ri] = likelihood.tail(atRecency: recency, shape: p)
          recencyStamps[ri] = x
        }
        return likelihood.term(
          frequency: x, age: age, recency: recency, ageTerms: ageTable[ti],
          recencyTerms: recencyTable[ri], atAge: ageTails[ti], atRecency: recencyTails[ri],
          shape: shapes.terms(x))
      }
    }
    let parts = ParallelWork.partCount(for: h.count)
    var total = LikelihoodTerm()
    for partial in ParallelWork.map(
      parts: parts, threads: threadCount,
      { part in
        accumulate(ParallelWork.range(of: part, in: parts, count: h.count))
      })
    {
      total.add(partial)
    }
    // Negative log-likelihood; chain rule to log-parameters (∂/∂ln θ = θ ∂/∂θ).
    let g = total.gradient
    gradient = [-g[0] * r, -g[1] * alpha, -g[2] * s, -g[3] * beta]
    return -total.value
  }

  /// −Σ w ln L at log-parameters without the gradient, by the per-client function
  /// (``ParetoNBDModel/logLikelihood(of:threadCount:)``): ``evaluate(_:_:)``'s value to the
  /// last bit while every x ≤ 1,000, from the tails' values alone (the verdict's probes).
  func value(at point: [Double]) -> Double {
    guard let parameters = positiveParameters(point) else { return .nan }
    let model = ParetoNBDModel(
      unchecked: parameters[0], parameters[1], parameters[2], parameters[3])
    return -model.logLikelihood(of: histories, threadCount: threadCount)
  }

  /// Fits Pareto/NBD; see ``ParetoNBDModel/fit(_:options:)``.
  static func fit(_ histories: PurchaseHistories, options: FitOptions) throws(RetentionError)
    -> FittedModel<ParetoNBDModel>
  {
    guard histories.count > 0, histories.totalWeight > 0 else { throw .noData }
    let (repeats, totalAge) = histories.weightedTotals
    guard repeats > 0 else {
      throw .unidentifiable(
        "no client made a repeat purchase, so neither the purchase rate nor the drop-out rate "
          + "can be estimated")
    }
    // A typical client buys at the observed rate (r/α = x̄/T̄ with r = 1) and lives about as
    // long as the observation window (s/β = 1/T̄ with s = 1).
    let meanAge = max(totalAge / histories.totalWeight, 1e-9)
    let meanFrequency = repeats / histories.totalWeight
    let full = ParetoNBDObjective(histories: histories, threadCount: options.threadCount)
    var start = [0, cLog(meanAge / meanFrequency), 0, cLog(meanAge)]
    var probe = [Double](repeating: 0, count: 4)
    if !(full.evaluate(start, &probe).isFinite && probe.allSatisfy(\.isFinite)) {
      start = [0, 0, 0, 0]
    }
    return fitByMaximumLikelihood(
      start: start, objective: full, options: options, space: parameterSpace(meanAge: meanAge),
      model: { ParetoNBDModel(unchecked: $0[0], $0[1], $0[2], $0[3]) },
      logLikelihood: { $0.logLikelihood(of: histories, threadCount: options.threadCount) },
      noDropoutLimit: { try? NBDModel.fit(histories, options: options) })
  }

  /// The parameters of Pareto/NBD for the verdict: r and s are shapes, α and β rates relative
  /// to the mean age; r and α run off together (every client buys at one rate), and drop-out
  /// runs off to nothing (s → 0, β → ∞, or s, β → 0 with their ratio fixed, where the gamma
  /// of drop-out rates piles up at 0: the NBD) or to one rate for all (s, β → ∞).
  ///
  /// β → ∞ alone is named, not probed: it reaches no drop-out as s → 0 does, which the probes
  /// cover, while a tenfold β sends the likelihood's ₂F₁ terms to their slow quadrature branch
  /// (about fifteen times the cost of an evaluation at the estimate).
  static func parameterSpace(meanAge: Double) -> ParameterSpace {
    ParameterSpace(
      parameters: [
        .shape("r"), .rate("alpha", scale: meanAge), .shape("s"), .rate("beta", scale: meanAge),
      ],
      runaways: [
        .init(steps: [1, 1, 0, 0], group: 0, meaning: "purchase rates are all alike"),
        .init(
          steps: [0, 0, -1, 0], group: 1, meaning: ParameterSpace.noDropout, isNoDropout: true),
        .init(
          steps: [0, 0, 0, 1], group: 1, meaning: ParameterSpace.noDropout, isNoDropout: true,
          isProbed: false),
        .init(
          steps: [0, 0, 1, 1], group: 1,
          meaning: "drop-out rates are all alike: every client leaves at the same rate"),
        .init(
          steps: [0, 0, -1, -1], group: 1, meaning: ParameterSpace.noDropout, isNoDropout: true),
      ])
  }
}

extension ParetoNBDModel {
  /// Σ weightᵢ · ``logLikelihood(frequency:recency:age:)`` on up to `threadCount` threads: the
  /// fit's re-evaluation of its estimate (``FitVerdict``).
  ///
  /// Each row's value is the per-client function's, bit for bit; the two ₂F₁ tails, which
  /// depend on (x, T) and (x, t_x) alone, are kept for the next row with the same pair, the
  /// gamma ratio while x stays the same, and the terms of an age or a recency are worked out
  /// once per distinct value. The rows are cut into parts by their number
  /// alone and the parts' sums added in part order, so the result does not depend on the
  /// thread count.
  ///
  /// - Parameters:
  ///   - histories: The histories.
  ///   - threadCount: The most threads to use, the calling thread included.
  /// - Returns: Σ weightᵢ · ln L(xᵢ, t_xᵢ, Tᵢ).
  /// - Complexity: O(*n* + *d*) over the rows and their distinct (x, T) and (x, t_x) pairs.
  func logLikelihood(of histories: PurchaseHistories, threadCount: Int) -> Double {
    let likelihood = ParetoNBDLikelihood(r: r, alpha: alpha, s: s, beta: beta)
    let h = histories
    let ageTerms = h.distinctAges.map {
      ParetoNBDLikelihood.AgeTerms(alpha: alpha, beta: beta, age: $0)
    }
    let recencyTerms = h.distinctRecencies.map {
      ParetoNBDLikelihood.RecencyTerms(alpha: alpha, beta: beta, recency: $0)
    }
    let parts = ParallelWork.partCount(for: h.count)
    let sums = ParallelWork.map(parts: parts, threads: threadCount) { part in
      var ageTails = [Double](repeating: 0, count: h.distinctAges.count)
      var ageStamps = [Int](repeating: -1, count: h.distinctAges.count)
      var recencyTails = [Double](repeating: 0, count: h.distinctRecencies.count)
      var recencyStamps = [Int](repeating: -1, count: h.distinctRecencies.count)
      var total = 0.0
      var lastX = -1
      var shape = (log: 0.0, inverse: 0.0)
      for i in ParallelWork.range(of: part, in: parts, count: h.count) {
        let x = Int(h.frequency[i])
        let age = h.age[i]
        // Histories hold possible rows only (t_x = 0 when x = 0), so this is the row's t_x.
        guard let recency = validRecency(x, h.recency[i], age) else { return Double.nan }
        let p = r + Double(x)
        if x != lastX {
          shape = RisingFactorialTable.entry(r, x)
          lastX = x
        }
        let ti = Int(h.ageIndex[i])
        let ri = Int(h.recencyIndex[i])
        if ageStamps[ti] != x {
          ageTails[ti] = likelihood.logTail(atAge: age, shape: p)
          ageStamps[ti] = x
        }
        if recencyStamps[ri] != x {
          recencyTails[ri] = likelihood.logTail(atRecency: recency, shape: p)
          recencyStamps[ri] = x
        }
        total +=
          h.weight[i]
          * likelihood.logTerm(
            frequency: x, age: age, recency: recency,
            ageTerms: ageTerms[ti], recencyTerms: recencyTerms[ri],
            logAtAge: ageTails[ti], logAtRecency: recencyTails[ri], shape: shape)
      }
      return total
    }
    return sums.reduce(0, +)
  }
}
