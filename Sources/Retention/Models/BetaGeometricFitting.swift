/// The negative log-likelihood of BG/NBD (`offset` 0) or MBG/NBD (`offset` 1) over compressed
/// histories, with its analytic gradient in log-parameters.
///
/// Per evaluation, `ln(α + T)` and `1/(α + T)` are tabulated once per distinct age and
/// recency, and the x-dependent parts, lnΓ(r + x) − lnΓ(r) = Σₖ₍ₓ ln(r + k) and
/// ln B(a, b + k) − ln B(a, b) with their derivatives, are accumulated once per distinct x.
/// The row loop then calls no special function: one `exp` and one `log1p` for rows that can
/// have dropped out, nothing for the others.
struct BetaGeometricObjective {
  let histories: PurchaseHistories
  let offset: Int

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
    let h = histories
    // Distinct-age and distinct-recency tables.
    let logAge = h.distinctAges.map { cLog(alpha + $0) }
    let inverseAge = h.distinctAges.map { 1 / (alpha + $0) }
    let logRecency = h.distinctRecencies.map { cLog(alpha + $0) }
    let inverseRecency = h.distinctRecencies.map { 1 / (alpha + $0) }
    // Per-x tables: index x (0...maxX) for the rate part, k = x + offset for the beta part.
    let maxX = h.maximumFrequency
    let maxK = maxX + offset
    var logGammaRatio = [Double](repeating: 0, count: maxX + 1)  // Σ_{j<x} ln(r + j)
    var digammaRatio = [Double](repeating: 0, count: maxX + 1)  // Σ_{j<x} 1/(r + j)
    for x in 0..<maxX {
      logGammaRatio[x + 1] = logGammaRatio[x] + cLog(r + Double(x))
      digammaRatio[x + 1] = digammaRatio[x] + 1 / (r + Double(x))
    }
    var logBetaRatio = [Double](repeating: 0, count: maxK + 1)  // ln B(a, b+k) − ln B(a, b)
    var dBetaA = [Double](repeating: 0, count: maxK + 1)  // ∂/∂a
    var dBetaB = [Double](repeating: 0, count: maxK + 1)  // ∂/∂b
    for k in 0..<maxK {
      let bk = b + Double(k)
      let abk = a + b + Double(k)
      logBetaRatio[k + 1] = logBetaRatio[k] + cLog(bk) - cLog(abk)
      dBetaA[k + 1] = dBetaA[k] - 1 / abk
      dBetaB[k + 1] = dBetaB[k] + 1 / bk - 1 / abk
    }
    let logA = cLog(a)
    let logAlpha = cLog(alpha)
    var value = 0.0
    var gr = 0.0
    var gAlpha = 0.0
    var ga = 0.0
    var gb = 0.0
    h.frequency.withUnsafeBufferPointer { frequency in
      h.weight.withUnsafeBufferPointer { weight in
        h.ageIndex.withUnsafeBufferPointer { ageIndex in
          h.recencyIndex.withUnsafeBufferPointer { recencyIndex in
            for i in 0..<frequency.count {
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
                let ri = Int(recencyIndex[i])
                let bk1 = b + Double(k) - 1
                let logC = logA - cLog(bk1) + rx * (lt - logRecency[ri])
                ll += softplus(logC)
                let sigma = logistic(logC)
                dr += sigma * (lt - logRecency[ri])
                dAlpha += sigma * rx * (inverseAge[ti] - inverseRecency[ri])
                da += sigma / a
                db -= sigma / bk1
              }
              value += w * ll
              gr += w * dr
              gAlpha += w * dAlpha
              ga += w * da
              gb += w * db
            }
          }
        }
      }
    }
    // Negative log-likelihood; chain rule to log-parameters (∂/∂ln θ = θ ∂/∂θ).
    gradient = [-gr * r, -gAlpha * alpha, -ga * a, -gb * b]
    return -value
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
    let full = BetaGeometricObjective(histories: histories, offset: offset)
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
