/// The negative log-likelihood of BG/NBD (`offset` 0) or MBG/NBD (`offset` 1) over compressed
/// histories, with its analytic gradient in log-parameters.
///
/// Per evaluation, `ln(α + T)` and `1/(α + T)` are tabulated once per distinct age and
/// recency, and the x-dependent parts, lnΓ(r + x) − lnΓ(r) = Σₖ₍ₓ ln(r + k) and
/// ln B(a, b + k) − ln B(a, b) with their derivatives, are accumulated once per distinct x.
/// The row loop then calls no special function: one `exp` and one `log1p` for rows that can
/// have dropped out, nothing for the others.
struct BetaGeometricObjective: Sendable {
  let histories: PurchaseHistories
  let offset: Int
  /// The most threads an evaluation may use; the result does not depend on it.
  var threadCount = 1

  /// Evaluates at log-parameters (ln r, ln α, ln a, ln b).
  func evaluate(_ point: [Double], _ gradient: inout [Double]) -> Double {
    let r = cExp(point[0])
    let alpha = cExp(point[1])
    let a = cExp(point[2])
    let b = cExp(point[3])
    guard r.isFinite, alpha.isFinite, a.isFinite, b.isFinite, r > 0, alpha > 0, a > 0, b > 0
    else {
      gradient = [.nan, .nan, .nan, .nan]
      return .nan
    }
    let tables = Tables(histories: histories, offset: offset, r: r, alpha: alpha, a: a, b: b)
    let parts = ParallelWork.partCount(for: histories.count)
    let partials = ParallelWork.map(parts: parts, threads: threadCount) { part in
      tables.accumulate(
        histories, rows: ParallelWork.range(of: part, in: parts, count: histories.count))
    }
    var total = Partial()
    for partial in partials { total.add(partial) }
    // Negative log-likelihood; chain rule to log-parameters (∂/∂ln θ = θ ∂/∂θ).
    gradient = [-total.r * r, -total.alpha * alpha, -total.a * a, -total.b * b]
    return -total.value
  }

  /// Weighted sums of the log-likelihood and its gradient in (r, α, a, b) over some rows.
  struct Partial: Sendable {
    var value = 0.0
    var r = 0.0
    var alpha = 0.0
    var a = 0.0
    var b = 0.0

    mutating func add(_ other: Partial) {
      value += other.value
      r += other.r
      alpha += other.alpha
      a += other.a
      b += other.b
    }
  }

  /// Everything an evaluation computes once per parameter point rather than once per row.
  struct Tables: Sendable {
    let r: Double
    let alpha: Double
    let a: Double
    let offset: Int
    let logA: Double
    let logAlpha: Double
    /// `ln(α + T)` and `1/(α + T)` per distinct age, the same per distinct recency.
    let logAge: [Double]
    let inverseAge: [Double]
    let logRecency: [Double]
    let inverseRecency: [Double]
    /// Σ_{j<x} ln(r + j) and Σ_{j<x} 1/(r + j) per x.
    let logGammaRatio: [Double]
    let digammaRatio: [Double]
    /// ln B(a, b + k) − ln B(a, b) and its derivatives in a and b, per k = x + offset.
    let logBetaRatio: [Double]
    let dBetaA: [Double]
    let dBetaB: [Double]
    /// ln(b + k − 1) and 1/(b + k − 1) per k ≥ 1 (index 0 unused).
    let logBk1: [Double]
    let inverseBk1: [Double]

    init(
      histories h: PurchaseHistories, offset: Int, r: Double, alpha: Double, a: Double,
      b: Double
    ) {
      self.r = r
      self.alpha = alpha
      self.a = a
      self.offset = offset
      logA = cLog(a)
      logAlpha = cLog(alpha)
      logAge = h.distinctAges.map { cLog(alpha + $0) }
      inverseAge = h.distinctAges.map { 1 / (alpha + $0) }
      logRecency = h.distinctRecencies.map { cLog(alpha + $0) }
      inverseRecency = h.distinctRecencies.map { 1 / (alpha + $0) }
      let maxX = h.maximumFrequency
      let maxK = maxX + offset
      var logGammaRatio = [Double](repeating: 0, count: maxX + 1)
      var digammaRatio = [Double](repeating: 0, count: maxX + 1)
      for x in 0..<maxX {
        logGammaRatio[x + 1] = logGammaRatio[x] + cLog(r + Double(x))
        digammaRatio[x + 1] = digammaRatio[x] + 1 / (r + Double(x))
      }
      var logBetaRatio = [Double](repeating: 0, count: maxK + 1)
      var dBetaA = [Double](repeating: 0, count: maxK + 1)
      var dBetaB = [Double](repeating: 0, count: maxK + 1)
      var logBk1 = [Double](repeating: 0, count: maxK + 1)
      var inverseBk1 = [Double](repeating: 0, count: maxK + 1)
      for k in 0..<maxK {
        let bk = b + Double(k)
        let abk = a + b + Double(k)
        let logBk = cLog(bk)
        logBetaRatio[k + 1] = logBetaRatio[k] + logBk - cLog(abk)
        dBetaA[k + 1] = dBetaA[k] - 1 / abk
        dBetaB[k + 1] = dBetaB[k] + 1 / bk - 1 / abk
        logBk1[k + 1] = logBk
        inverseBk1[k + 1] = 1 / bk
      }
      self.logGammaRatio = logGammaRatio
      self.digammaRatio = digammaRatio
      self.logBetaRatio = logBetaRatio
      self.dBetaA = dBetaA
      self.dBetaB = dBetaB
      self.logBk1 = logBk1
      self.inverseBk1 = inverseBk1
    }

    /// The rows' contribution. The row loop calls no special function: one `exp` and one
    /// `log1p` for rows that can have dropped out, nothing for the others.
    func accumulate(_ h: PurchaseHistories, rows: Range<Int>) -> Partial {
      var sum = Partial()
      h.frequency.withUnsafeBufferPointer { frequency in
        h.weight.withUnsafeBufferPointer { weight in
          h.ageIndex.withUnsafeBufferPointer { ageIndex in
            h.recencyIndex.withUnsafeBufferPointer { recencyIndex in
              for i in rows {
                let x = Int(frequency[i])
                let k = x + offset
                let w = weight[i]
                let ti = Int(ageIndex[i])
                let rx = r + Double(x)
                let lt = logAge[ti]
                var ll = logGammaRatio[x] + r * logAlpha - rx * lt + logBetaRatio[k]
                var dr = digammaRatio[x] + logAlpha - lt
                var dAlpha = r / alpha - rx * inverseAge[ti]
                var da = dBetaA[k]
                var db = dBetaB[k]
                if k > 0 {
                  // The dropout branch: ln(1 + C) with C = a/(b + k − 1) ((α + T)/(α + t_x))^(r+x).
                  let ri = Int(recencyIndex[i])
                  let logRatio = lt - logRecency[ri]
                  let logC = logA - logBk1[k] + rx * logRatio
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
                  dAlpha += sigma * rx * (inverseAge[ti] - inverseRecency[ri])
                  da += sigma / a
                  db -= sigma * inverseBk1[k]
                }
                sum.value += w * ll
                sum.r += w * dr
                sum.alpha += w * dAlpha
                sum.a += w * da
                sum.b += w * db
              }
            }
          }
        }
      }
      return sum
    }
  }
}

extension BetaGeometricFamily {
  /// Fits the family member with the given offset.
  static func fit(
    _ histories: PurchaseHistories, offset: Int, options: FitOptions
  ) throws(RetentionError) -> (BetaGeometricFamily, FittedModelParts) {
    try options.validate()
    guard histories.totalWeight > 0 else { throw .noData }
    var repeats = 0.0
    var meanAge = 0.0
    for i in 0..<histories.count {
      repeats += histories.weight[i] * Double(histories.frequency[i])
      meanAge += histories.weight[i] * histories.age[i]
    }
    guard repeats > 0 else {
      throw .unidentifiable("no client made a repeat purchase, so the purchase rate is unknown")
    }
    meanAge /= histories.totalWeight
    // Start where a typical client buys about as often as the data says: r/α ≈ x̄ / T̄.
    let meanRate = repeats / histories.totalWeight / max(meanAge, 1e-9)
    let start = [0.0, cLog(max(1 / max(meanRate, 1e-9), 1e-6)), 0.0, 0.0]
    let full = BetaGeometricObjective(
      histories: histories, offset: offset, threadCount: options.threadCount)
    var warm: (NegativeLogLikelihood, Double)?
    if let sample = histories.subsample(rows: options.warmStartRows) {
      let objective = BetaGeometricObjective(histories: sample, offset: offset)
      warm = ({ objective.evaluate($0, &$1) }, sample.totalWeight)
    }
    let result = fitLogParameters(
      start: start, totalWeight: histories.totalWeight, subsample: warm, options: options,
      full: { full.evaluate($0, &$1) })
    let p = result.point.map(cExp)
    let family = BetaGeometricFamily(r: p[0], alpha: p[1], a: p[2], b: p[3], offset: offset)
    let parts = FittedModelParts(
      logLikelihood: result.logLikelihood,
      converged: result.converged && p.allSatisfy { $0.isFinite && $0 > 0 },
      iterations: result.iterations, evaluations: result.evaluations,
      standardErrors: result.standardErrors, message: result.message,
      clients: histories.totalWeight)
    return (family, parts)
  }
}

/// What a fit reports besides the model.
struct FittedModelParts {
  var logLikelihood: Double
  var converged: Bool
  var iterations: Int
  var evaluations: Int
  var standardErrors: [Double]?
  var message: String
  var clients: Double

  func fitted<Model: Sendable>(_ model: Model) -> FittedModel<Model> {
    FittedModel(
      model: model, logLikelihood: logLikelihood, converged: converged, iterations: iterations,
      evaluations: evaluations, standardErrors: standardErrors, message: message,
      clients: clients)
  }
}
