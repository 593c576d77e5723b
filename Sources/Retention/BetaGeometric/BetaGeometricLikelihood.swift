extension BetaGeometricNBDModel {
  /// The log-likelihood of one history: BG/NBD (Fader, Hardie & Lee 2005, eq. 6) or MBG/NBD
  /// (Batislam, Denizel & Filiztekin 2007).
  ///
  /// With k = x + o,
  ///
  ///     ln L = ln Γ(r + x) − ln Γ(r) + r ln α − (r + x) ln(α + T) + ln B(a, b + k) − ln B(a, b)
  ///            + [k > 0] ln(1 + C),   C = a/(b + k − 1) · ((α + T)/(α + t_x))^(r + x),
  ///
  /// the terms of a client still alive at T plus, when the client can have dropped out, those
  /// of one who left right after the last purchase. This is the fit's own row term
  /// (``fit(_:options:)``) evaluated on one row: up to x = 1,000 with the same running sums
  /// for the gamma and beta ratios as the fit tabulates, so it is exactly the value the fit
  /// adds up for the row; beyond, with log-gamma and digamma differences, so its cost does not
  /// grow with x.
  ///
  /// - Parameters:
  ///   - frequency: `x`.
  ///   - recency: `t_x`.
  ///   - age: `T`.
  /// - Returns: ln L(r, α, a, b | x, t_x, T); `.nan` outside the domain of a history (see
  ///   ``PurchaseModel``).
  /// - Complexity: O(min(x, 1,000)).
  public func logLikelihood(frequency: Int, recency: Double, age: Double) -> Double {
    guard isValidHistory(frequency, recency, age), frequency < Int.max else { return .nan }
    let likelihood = BetaGeometricLikelihood(r: r, alpha: alpha, a: a, offset: Self.offset)
    return likelihood.term(
      frequency: frequency,
      age: .init(alpha: alpha, time: age),
      recency: .init(alpha: alpha, time: recency),
      shape: RisingFactorialTable.entry(r, frequency),
      dropout: .entry(a: a, b: b, k: frequency + Self.offset)
    ).value
  }
}

/// The BG/NBD (`offset` 0) and MBG/NBD (`offset` 1) log-likelihood of one row and its gradient
/// in (r, α, a, b): the one implementation, which the fit runs on every distinct row and
/// ``BetaGeometricNBDModel/logLikelihood(frequency:recency:age:)`` on one.
///
/// What depends on the row's ages and counts alone comes in precomputed (``TimeTerms`` per
/// time, the gamma ratio per x, ``DropoutTerms`` per k = x + offset), so the term itself
/// calls no special function: one `exp` and one `log1p` for a row that can have dropped out,
/// nothing for the others.
struct BetaGeometricLikelihood: Sendable {
  let r: Double
  let alpha: Double
  let a: Double
  let offset: Int
  let logA: Double
  /// The NBD's term, which this one extends by the drop-out.
  let purchases: NBDLikelihood

  init(r: Double, alpha: Double, a: Double, offset: Int) {
    self.r = r
    self.alpha = alpha
    self.a = a
    self.offset = offset
    logA = cLog(a)
    purchases = NBDLikelihood(r: r, alpha: alpha)
  }

  /// ln(α + t), ln(1 + t/α) and 1/(α + t) for one time t (an age T or a recency t_x): the
  /// NBD's, whose term this one extends by the drop-out.
  typealias TimeTerms = NBDLikelihood.TimeTerms

  /// The parts of a row that depend on k = x + offset alone: ln B(a, b + k) − ln B(a, b) and
  /// its derivatives in a and b, and ln(b + k − 1), 1/(b + k − 1) (0 at k = 0).
  struct DropoutTerms: Sendable {
    var logBetaRatio = 0.0
    var dBetaA = 0.0
    var dBetaB = 0.0
    var logBk1 = 0.0
    var inverseBk1 = 0.0

    /// From k to k + 1: B(a, b + k + 1)/B(a, b + k) = (b + k)/(a + b + k).
    @inline(__always)
    mutating func advance(a: Double, b: Double, from k: Int) {
      let bk = b + Double(k)
      let abk = a + b + Double(k)
      let logBk = cLog(bk)
      logBetaRatio = logBetaRatio + logBk - cLog(abk)
      dBetaA = dBetaA - 1 / abk
      dBetaB = dBetaB + 1 / bk - 1 / abk
      logBk1 = logBk
      inverseBk1 = 1 / bk
    }

    /// The terms for k = 0 … min(`largest`, ``RisingFactorialTable/summedLimit``), step by
    /// step: a table that stays small whatever the largest k; larger ones come from
    /// ``entry(a:b:k:)``.
    static func table(a: Double, b: Double, upTo largest: Int) -> [DropoutTerms] {
      table(
        a: a, b: b,
        count: Swift.min(Swift.max(largest, 0), RisingFactorialTable.summedLimit) + 1)
    }

    /// The terms for k = 0 … count − 1, step by step.
    static func table(a: Double, b: Double, count: Int) -> [DropoutTerms] {
      var table = [DropoutTerms](repeating: DropoutTerms(), count: count)
      var terms = DropoutTerms()
      for k in 0..<Swift.max(count - 1, 0) {
        terms.advance(a: a, b: b, from: k)
        table[k + 1] = terms
      }
      return table
    }

    /// The terms for one k: step by step, exactly as the table has them, up to
    /// k = ``RisingFactorialTable/summedLimit``; beyond, from log-beta and digamma
    /// differences.
    static func entry(a: Double, b: Double, k: Int) -> DropoutTerms {
      var terms = DropoutTerms()
      guard k > RisingFactorialTable.summedLimit else {
        for j in 0..<Swift.max(k, 0) { terms.advance(a: a, b: b, from: j) }
        return terms
      }
      let kd = Double(k)
      let digammaShifted = SpecialFunctions.digamma(a + b + kd)
      let digammaBoth = SpecialFunctions.digamma(a + b)
      terms.logBetaRatio = SpecialFunctions.logBeta(a, b + kd) - SpecialFunctions.logBeta(a, b)
      terms.dBetaA = digammaBoth - digammaShifted
      terms.dBetaB =
        SpecialFunctions.digamma(b + kd) - SpecialFunctions.digamma(b) + digammaBoth
        - digammaShifted
      terms.logBk1 = cLog(b + Double(k - 1))
      terms.inverseBk1 = 1 / (b + Double(k - 1))
      return terms
    }
  }

  /// ln C = ln a − ln(b + k − 1) + (r + x)(ln(α + T) − ln(α + t_x)), the log-odds of having
  /// dropped out: P(alive) = 1/(1 + C), and the likelihood's drop-out term is ln(1 + C).
  ///
  /// - Parameters:
  ///   - logA: ln a.
  ///   - logBk1: ln(b + k − 1), k = x + offset ≥ 1.
  ///   - shape: r + x.
  ///   - logAgeRatio: ln(α + T) − ln(α + t_x) (``logAgeRatio(age:recency:shape:)``).
  @inline(__always)
  static func logDropoutOdds(
    logA: Double, logBk1: Double, shape: Double, logAgeRatio: Double
  ) -> Double {
    logA - logBk1 + shape * logAgeRatio
  }

  /// ln(α + T) − ln(α + t_x), which the shape r + x multiplies: a difference of the tabulated
  /// logarithms (exact to about 10⁻¹⁵ absolute) below a shape of 1,000, where that error stays
  /// far inside every tolerance; above, `log1p` of the gap, so that a shape of 10¹⁶ does not
  /// turn rounding into a likelihood.
  @inline(__always)
  static func logAgeRatio(age: TimeTerms, recency: TimeTerms, shape: Double) -> Double {
    shape < 1_000
      ? age.log - recency.log : cLog1p((age.time - recency.time) * recency.inverse)
  }

  /// The log-likelihood of one row and its gradient.
  ///
  /// - Parameters:
  ///   - x: The row's frequency.
  ///   - age: ``TimeTerms`` of its age T.
  ///   - recency: ``TimeTerms`` of its recency t_x.
  ///   - shape: Σ_{j<x} ln(r + j) and Σ_{j<x} 1/(r + j) (``RisingFactorialTable``).
  ///   - dropout: ``DropoutTerms`` of k = x + offset.
  /// - Returns: ln L and its gradient in (r, α, a, b).
  @inline(__always)
  func term(
    frequency x: Int, age: TimeTerms, recency: TimeTerms, shape: (log: Double, inverse: Double),
    dropout: DropoutTerms
  ) -> LikelihoodTerm {
    let k = x + offset
    let rx = r + Double(x)
    // The NBD's term (a client who never leaves), then the drop-out's share.
    let alive = purchases.term(frequency: x, age: age, shape: shape)
    var ll = alive.value + dropout.logBetaRatio
    var dr = alive.gradient[0]
    var dAlpha = alive.gradient[1]
    var da = dropout.dBetaA
    var db = dropout.dBetaB
    if k > 0 {
      // The drop-out branch: ln(1 + C) and its share σ = C/(1 + C) of the derivatives.
      let logRatio = Self.logAgeRatio(age: age, recency: recency, shape: rx)
      let logC = Self.logDropoutOdds(
        logA: logA, logBk1: dropout.logBk1, shape: rx, logAgeRatio: logRatio)
      let softplus: Double
      let sigma: Double
      if logC > 0 {
        let e = cExp(-logC)
        softplus = logC + cLog1p(e)
        sigma = 1 / (1 + e)
      } else {
        let e = cExp(logC)
        softplus = cLog1p(e)
        sigma = e / (1 + e)
      }
      ll += softplus
      dr += sigma * logRatio
      dAlpha += sigma * rx * (age.inverse - recency.inverse)
      da += sigma / a
      db -= sigma * dropout.inverseBk1
    }
    return LikelihoodTerm(value: ll, gradient: SIMD4(dr, dAlpha, da, db))
  }
}

/// The negative log-likelihood of BG/NBD (`offset` 0) or MBG/NBD (`offset` 1) over compressed
/// histories, with its analytic gradient in log-parameters.
///
/// Per evaluation, the ``BetaGeometricLikelihood/TimeTerms`` are tabulated once per distinct
/// age and recency, and the x-dependent parts, lnΓ(r + x) − lnΓ(r) = Σ_{j<x} ln(r + j) and
/// ln B(a, b + k) − ln B(a, b) with their derivatives, once per x up to
/// ``RisingFactorialTable/summedLimit``; a row with a larger x takes them from log-gamma and
/// digamma differences (the per-client function's own entries), so a frequency of 10⁹ costs
/// what a frequency of 10 does. The row loop then runs
/// ``BetaGeometricLikelihood/term(frequency:age:recency:shape:dropout:)`` on each row.
struct BetaGeometricObjective: LogLikelihoodObjective, Sendable {
  let histories: PurchaseHistories
  let offset: Int
  /// The most threads an evaluation may use; the result does not depend on it.
  var threadCount = 1

  var totalWeight: Double { histories.totalWeight }

  func subsample(rows: Int) -> BetaGeometricObjective? {
    histories.subsample(rows: rows).map { BetaGeometricObjective(histories: $0, offset: offset) }
  }

  /// Evaluates at log-parameters (ln r, ln α, ln a, ln b).
  func evaluate(_ point: [Double], _ gradient: inout [Double]) -> Double {
    guard let p = positiveParameters(point) else {
      gradient = [.nan, .nan, .nan, .nan]
      return .nan
    }
    let (r, alpha, a, b) = (p[0], p[1], p[2], p[3])
    let tables = Tables(histories: histories, offset: offset, r: r, alpha: alpha, a: a, b: b)
    let parts = ParallelWork.partCount(for: histories.count)
    let partials = ParallelWork.map(parts: parts, threads: threadCount) { part in
      tables.accumulate(
        histories, rows: ParallelWork.range(of: part, in: parts, count: histories.count))
    }
    var total = LikelihoodTerm()
    for partial in partials { total.add(partial) }
    // Negative log-likelihood; chain rule to log-parameters (∂/∂ln θ = θ ∂/∂θ).
    let g = total.gradient
    gradient = [-g[0] * r, -g[1] * alpha, -g[2] * a, -g[3] * b]
    return -total.value
  }

  /// Everything an evaluation computes once per parameter point rather than once per row.
  struct Tables: Sendable {
    let likelihood: BetaGeometricLikelihood
    /// Per distinct age, and per distinct recency.
    let ages: [BetaGeometricLikelihood.TimeTerms]
    let recencies: [BetaGeometricLikelihood.TimeTerms]
    /// Σ_{j<x} ln(r + j) and Σ_{j<x} 1/(r + j) per x, up to
    /// ``RisingFactorialTable/summedLimit``.
    let shapes: RisingFactorialTable
    /// Per k = x + offset, up to ``RisingFactorialTable/summedLimit``.
    let dropouts: [BetaGeometricLikelihood.DropoutTerms]
    let a: Double
    let b: Double

    init(
      histories h: PurchaseHistories, offset: Int, r: Double, alpha: Double, a: Double,
      b: Double
    ) {
      likelihood = BetaGeometricLikelihood(r: r, alpha: alpha, a: a, offset: offset)
      ages = h.distinctAges.map { .init(alpha: alpha, time: $0) }
      recencies = h.distinctRecencies.map { .init(alpha: alpha, time: $0) }
      shapes = RisingFactorialTable(r, upTo: h.maximumFrequency)
      dropouts = BetaGeometricLikelihood.DropoutTerms.table(
        a: a, b: b, upTo: h.maximumFrequency + offset)
      self.a = a
      self.b = b
    }

    /// The drop-out terms of k = x + offset: the table's, or for a k beyond it the
    /// per-client entry.
    @inline(__always)
    func dropout(_ k: Int) -> BetaGeometricLikelihood.DropoutTerms {
      k < dropouts.count ? dropouts[k] : Self.largeDropout(a: a, b: b, k: k)
    }

    /// The per-client entry, kept out of the row loop: it is its rare path.
    @inline(never)
    static func largeDropout(a: Double, b: Double, k: Int) -> BetaGeometricLikelihood.DropoutTerms {
      .entry(a: a, b: b, k: k)
    }

    /// The rows' weighted contribution.
    func accumulate(_ h: PurchaseHistories, rows: Range<Int>) -> LikelihoodTerm {
      let offset = likelihood.offset
      guard h.maximumFrequency < shapes.log.count, h.maximumFrequency + offset < dropouts.count
      else {
        // Some x beyond the tables: those rows take the per-client entries.
        return h.likelihoodSum(rows: rows) { x, ageIndex, recencyIndex in
          likelihood.term(
            frequency: x, age: ages[ageIndex], recency: recencies[recencyIndex],
            shape: shapes.terms(x), dropout: dropout(x + offset))
        }
      }
      // Every x in the tables (the usual case): the loop reads them directly.
      return shapes.log.withUnsafeBufferPointer { logs in
        shapes.inverse.withUnsafeBufferPointer { inverses in
          dropouts.withUnsafeBufferPointer { dropouts in
            h.likelihoodSum(rows: rows) { x, ageIndex, recencyIndex in
              likelihood.term(
                frequency: x, age: ages[ageIndex], recency: recencies[recencyIndex],
                shape: (logs[x], inverses[x]), dropout: dropouts[x + offset])
            }
          }
        }
      }
    }
  }

  /// The Hessian of the total negative log-likelihood in (ln r, ln α, ln a, ln b), in closed
  /// form.
  ///
  /// Per row, ln L = N(r, α) + D(a, b) + [k > 0] softplus(u), with N the NBD's term, D the
  /// log-beta ratio and u = ln C = ln a − ln(b + k − 1) + (r + x) ρ, ρ = ln(α + T) − ln(α + t_x).
  /// N's second derivatives are −Σ_{j<x} 1/(r + j)², T/(α(α + T)) and −r/α² + (r + x)/(α + T)²;
  /// D's are Σ_{j<k} 1/(a + b + j)² (aa, ab) and Σ_{j<k} [1/(a + b + j)² − 1/(b + j)²] (bb);
  /// softplus(u) adds σ(1 − σ) ∂u ∂uᵀ + σ ∂²u with σ = C/(1 + C), ∂u = (ρ, (r + x) ρ_α, 1/a,
  /// −1/(b + k − 1)) and ∂²u nonzero at rα (ρ_α), αα ((r + x) ρ_αα), aa (−1/a²) and bb
  /// (1/(b + k − 1)²), ρ_α = −(T − t_x)/((α + T)(α + t_x)). In log-parameters
  /// H_ij = θᵢ θⱼ ∂²/∂θᵢ∂θⱼ + δᵢⱼ θᵢ ∂/∂θᵢ. One pass over the rows, where finite differences
  /// of the gradient take four, and exact where they are off by 10⁻⁵ relative.
  ///
  /// - Parameters:
  ///   - point: Log-parameters (ln r, ln α, ln a, ln b).
  ///   - gradient: The negative log-likelihood's gradient in log-parameters at `point`.
  /// - Returns: The 4 × 4 Hessian.
  /// - Complexity: O(*n*) over the distinct rows, plus O(min(Δx, 1,000)) per change of x
  ///   between consecutive rows (the rows are sorted by x).
  func hessian(at point: [Double], gradient: [Double]) -> [[Double]] {
    let theta = point.map(cExp)
    let (r, alpha, a, b) = (theta[0], theta[1], theta[2], theta[3])
    let h = histories
    let offset = self.offset
    let logA = cLog(a)
    let ages = h.distinctAges.map { BetaGeometricLikelihood.TimeTerms(alpha: alpha, time: $0) }
    let recencies = h.distinctRecencies.map {
      BetaGeometricLikelihood.TimeTerms(alpha: alpha, time: $0)
    }
    let parts = ParallelWork.partCount(for: h.count)
    let partials = ParallelWork.map(parts: parts, threads: threadCount) {
      part -> SIMD16<Double> in
      // The upper triangle of Σ w ∂² ln L in (r, α, a, b), row-major, in the first ten lanes.
      var sum = SIMD16<Double>()
      var shapeSums = InverseSquareSum(base: r)
      var bothSums = InverseSquareSum(base: a + b)
      var bSums = InverseSquareSum(base: b)
      for i in ParallelWork.range(of: part, in: parts, count: h.count) {
        let x = Int(h.frequency[i])
        let k = x + offset
        let w = h.weight[i]
        let xd = Double(x)
        let rx = r + xd
        let age = ages[Int(h.ageIndex[i])]
        let both = bothSums.value(at: k)
        // Upper triangle in the order (r r, r α, r a, r b, α α, α a, α b, a a, a b, b b).
        var row = SIMD16<Double>()
        row[0] = -shapeSums.value(at: x)
        row[1] = age.time / alpha * age.inverse
        row[4] = -r / (alpha * alpha) + rx * age.inverse * age.inverse
        row[7] = both
        row[8] = both
        row[9] = both - bSums.value(at: k)
        if k > 0 {
          let recency = recencies[Int(h.recencyIndex[i])]
          let rho = BetaGeometricLikelihood.logAgeRatio(age: age, recency: recency, shape: rx)
          let gap = age.time - recency.time
          let rhoAlpha = -gap * age.inverse * recency.inverse
          let rhoAlphaAlpha =
            gap * (2 * alpha + age.time + recency.time) * age.inverse * age.inverse
            * recency.inverse * recency.inverse
          let bk1 = b + Double(k - 1)
          let logC = BetaGeometricLikelihood.logDropoutOdds(
            logA: logA, logBk1: cLog(bk1), shape: rx, logAgeRatio: rho)
          let sigma = logistic(logC)
          let curvature = sigma * (1 - sigma)
          let u = SIMD4(rho, rx * rhoAlpha, 1 / a, -1 / bk1)
          var entry = 0
          for m in 0..<4 {
            for n in m..<4 {
              row[entry] += curvature * u[m] * u[n]
              entry += 1
            }
          }
          row[1] += sigma * rhoAlpha
          row[4] += sigma * rx * rhoAlphaAlpha
          row[7] -= sigma / (a * a)
          row[9] += sigma / (bk1 * bk1)
        }
        sum += w * row
      }
      return sum
    }
    var total = SIMD16<Double>()
    for partial in partials { total += partial }
    // The negative log-likelihood's Hessian in log-parameters; `gradient` is the negative
    // log-likelihood's gradient in log-parameters, θᵢ ∂/∂θᵢ.
    var result = [[Double]](repeating: [0, 0, 0, 0], count: 4)
    var entry = 0
    for m in 0..<4 {
      for n in m..<4 {
        let value = -theta[m] * theta[n] * total[entry]
        result[m][n] = value
        result[n][m] = value
        entry += 1
      }
      result[m][m] += gradient[m]
    }
    return result
  }

  /// Σ_{j<k} 1/(c + j)² for the k of consecutive rows: advanced term by term from the
  /// previous k when the step is short (the rows are sorted by x), otherwise from the trigamma
  /// difference ψ′(c) − ψ′(c + k) (or the sum itself up to k = 1,000), so a row costs
  /// O(min(Δk, 1,000)) and no table grows with the largest k.
  struct InverseSquareSum {
    let base: Double
    var k = 0
    var sum = 0.0

    init(base: Double) { self.base = base }

    mutating func value(at target: Int) -> Double {
      if target >= k, target - k <= RisingFactorialTable.summedLimit {
        while k < target {
          let term = base + Double(k)
          sum += 1 / (term * term)
          k += 1
        }
      } else if target <= RisingFactorialTable.summedLimit {
        (k, sum) = (0, 0)
        return value(at: target)
      } else {
        k = target
        sum = SpecialFunctions.trigamma(base) - SpecialFunctions.trigamma(base + Double(target))
      }
      return sum
    }
  }

  /// Fits the family member of `Variant`; see ``BetaGeometricNBDModel/fit(_:options:)``.
  static func fit<Variant>(_ histories: PurchaseHistories, options: FitOptions)
    throws(RetentionError) -> FittedModel<BetaGeometricNBDModel<Variant>>
  {
    guard histories.totalWeight > 0 else { throw .noData }
    let (repeats, totalAge) = histories.weightedTotals
    guard repeats > 0 else {
      throw .unidentifiable("no client made a repeat purchase, so the purchase rate is unknown")
    }
    let meanAge = totalAge / histories.totalWeight
    // Start where a typical client buys about as often as the data says: r/α ≈ x̄ / T̄.
    let meanRate = repeats / histories.totalWeight / max(meanAge, 1e-9)
    let start = [0.0, cLog(max(1 / max(meanRate, 1e-9), 1e-6)), 0.0, 0.0]
    let full = BetaGeometricObjective(
      histories: histories, offset: Variant.offset, threadCount: options.threadCount)
    return fitByMaximumLikelihood(
      start: start, objective: full, options: options,
      space: parameterSpace(
        meanAge: meanAge, offset: Variant.offset, maximumFrequency: histories.maximumFrequency),
      hessian: { full.hessian(at: $0, gradient: $1) },
      model: { BetaGeometricNBDModel<Variant>(unchecked: $0[0], $0[1], $0[2], $0[3]) },
      logLikelihood: { $0.logLikelihood(of: histories, threadCount: options.threadCount) },
      noDropoutLimit: { try? NBDModel.fit(histories, options: options) })
  }

  /// The parameters of BG/NBD and MBG/NBD for the verdict: r, a and b are shapes, α a rate
  /// relative to the mean age; r and α run off together (every client buys at one rate), and
  /// drop-out runs off to nothing (a → 0 or b → ∞: the NBD), to one probability for all
  /// (a, b → ∞), to certainty (a → ∞ or b → 0) or to all or nothing (a, b → 0).
  ///
  /// Certain drop-out is a limit only where the data allow it: it makes a client who bought
  /// again after the first chance to leave impossible (x ≥ 2 for BG/NBD, x ≥ 1 for MBG/NBD),
  /// so with such clients the likelihood falls to zero that way and the direction is not
  /// probed.
  static func parameterSpace(meanAge: Double, offset: Int, maximumFrequency: Int)
    -> ParameterSpace
  {
    var space = ParameterSpace(
      parameters: [.shape("r"), .rate("alpha", scale: meanAge), .shape("a"), .shape("b")],
      runaways: [
        .init(steps: [1, 1, 0, 0], group: 0, meaning: "purchase rates are all alike"),
        .init(
          steps: [0, 0, -1, 0], group: 1, meaning: ParameterSpace.noDropout, isNoDropout: true),
        .init(steps: [0, 0, 0, 1], group: 1, meaning: ParameterSpace.noDropout, isNoDropout: true),
        .init(
          steps: [0, 0, 1, 1], group: 1,
          meaning: "drop-out chances are all alike: every client leaves with the same probability"),
        .init(steps: [0, 0, 1, 0], group: 1, meaning: ParameterSpace.allLeave),
        .init(steps: [0, 0, 0, -1], group: 1, meaning: ParameterSpace.allLeave),
        .init(
          steps: [0, 0, -1, -1], group: 1,
          meaning:
            "drop-out is all or nothing: some clients leave at their first chance, the rest never"
        ),
      ])
    if maximumFrequency + offset >= 2 {
      space.runaways.removeAll { $0.meaning == ParameterSpace.allLeave }
    }
    return space
  }
}

extension BetaGeometricNBDModel {
  /// Σ weightᵢ · ``logLikelihood(frequency:recency:age:)`` on up to `threadCount` threads: the
  /// fit's re-evaluation of its estimate (``FitVerdict``).
  ///
  /// Each row's value is the per-client function's, bit for bit; its parts that depend on x
  /// alone (the gamma and beta ratios, O(min(x, 1,000)) each) are kept from one row to the
  /// next while x stays the same, which the rows' sort order by x makes the common case, and
  /// those of its age and recency are worked out once per distinct value. The rows are cut
  /// into parts by their number alone and the parts' sums added in part order, so the result
  /// does not depend on the thread count.
  ///
  /// - Parameters:
  ///   - histories: The histories.
  ///   - threadCount: The most threads to use, the calling thread included.
  /// - Returns: Σ weightᵢ · ln L(xᵢ, t_xᵢ, Tᵢ).
  /// - Complexity: O(*n*) over the rows, plus O(min(x, 1,000)) per change of x and O(1) per
  ///   distinct age and recency.
  func logLikelihood(of histories: PurchaseHistories, threadCount: Int) -> Double {
    let likelihood = BetaGeometricLikelihood(r: r, alpha: alpha, a: a, offset: Self.offset)
    let ages = histories.distinctAges.map {
      BetaGeometricLikelihood.TimeTerms(alpha: alpha, time: $0)
    }
    let recencies = histories.distinctRecencies.map {
      BetaGeometricLikelihood.TimeTerms(alpha: alpha, time: $0)
    }
    let parts = ParallelWork.partCount(for: histories.count)
    let sums = ParallelWork.map(parts: parts, threads: threadCount) { part in
      var total = 0.0
      var lastX = -1
      var shape = (log: 0.0, inverse: 0.0)
      var dropout = BetaGeometricLikelihood.DropoutTerms()
      for i in ParallelWork.range(of: part, in: parts, count: histories.count) {
        let x = Int(histories.frequency[i])
        if x != lastX {
          shape = RisingFactorialTable.entry(r, x)
          dropout = .entry(a: a, b: b, k: x + Self.offset)
          lastX = x
        }
        total +=
          histories.weight[i]
          * likelihood.term(
            frequency: x, age: ages[Int(histories.ageIndex[i])],
            recency: recencies[Int(histories.recencyIndex[i])], shape: shape, dropout: dropout
          ).value
      }
      return total
    }
    return sums.reduce(0, +)
  }
}
