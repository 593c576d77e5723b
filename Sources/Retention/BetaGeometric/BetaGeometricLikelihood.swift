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
  let logAlpha: Double

  init(r: Double, alpha: Double, a: Double, offset: Int) {
    self.r = r
    self.alpha = alpha
    self.a = a
    self.offset = offset
    logA = cLog(a)
    logAlpha = cLog(alpha)
  }

  /// ln(α + t) and 1/(α + t) for one time t (an age T or a recency t_x).
  struct TimeTerms: Sendable {
    var log: Double
    var inverse: Double

    init(alpha: Double, time: Double) {
      log = cLog(alpha + time)
      inverse = 1 / (alpha + time)
    }
  }

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
  ///   - logAgeRatio: ln(α + T) − ln(α + t_x).
  @inline(__always)
  static func logDropoutOdds(
    logA: Double, logBk1: Double, shape: Double, logAgeRatio: Double
  ) -> Double {
    logA - logBk1 + shape * logAgeRatio
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
    let lt = age.log
    var ll = shape.log + r * logAlpha - rx * lt + dropout.logBetaRatio
    var dr = shape.inverse + logAlpha - lt
    var dAlpha = r / alpha - rx * age.inverse
    var da = dropout.dBetaA
    var db = dropout.dBetaB
    if k > 0 {
      // The drop-out branch: ln(1 + C) and its share σ = C/(1 + C) of the derivatives.
      let logRatio = lt - recency.log
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
    let offset = Variant.offset
    let full = BetaGeometricObjective(
      histories: histories, offset: offset, threadCount: options.threadCount)
    let result = fitLogParameters(
      start: start, objective: full, totalWeight: histories.totalWeight, options: options)
    let p = result.point.map(cExp)
    return FittedModel(
      model: BetaGeometricNBDModel(unchecked: p[0], p[1], p[2], p[3]),
      logLikelihood: result.logLikelihood,
      converged: result.converged && p.allSatisfy { $0.isFinite && $0 > 0 },
      iterations: result.iterations, evaluations: result.evaluations,
      standardErrors: result.standardErrors, message: result.message,
      clients: histories.totalWeight)
  }
}
