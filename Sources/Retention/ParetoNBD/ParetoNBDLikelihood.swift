/// The negative log-likelihood of Pareto/NBD over compressed histories, with its analytic
/// gradient in log-parameters.
///
/// Per row, with p = r + x,
///
///     ln L = Σ_{k<x} ln(r + k) − r ln(1 + T/α) − s ln(1 + T/β) − x ln(α + T)
///            + ln[K̂_T + K̂_tx ((α + T)/(α + t_x))ᵖ ((β + T)/(β + t_x))ˢ],
///
/// K̂_T = K̂(p, α, s, β; T) and K̂_tx = K̂(s, β, p, α; t_x) (see `ParetoNBDMath`): the same
/// value as Fader & Hardie's (2005) eq. (22), arranged so that no large shape multiplies a
/// difference of logarithms. The x-dependent sums and their r-derivatives Σ 1/(r + k) are
/// accumulated once per distinct x; K̂_T is computed once per distinct (x, T) and K̂_tx once
/// per distinct (x, t_x), each with its four partial derivatives from the same series loop,
/// and kept in tables indexed by the histories' distinct-age and distinct-recency positions
/// (a slot is reused while x stays the same, which the rows' sort order by x makes the common
/// case). The row loop itself is one `exp`, one `log` and weighted sums.
struct ParetoNBDObjective: Sendable {
  let histories: PurchaseHistories
  /// The most threads an evaluation may use; the result does not depend on it.
  var threadCount = 1

  /// Evaluates at log-parameters (ln r, ln α, ln s, ln β): returns −Σ w ln L and writes its
  /// gradient.
  func evaluate(_ point: [Double], _ gradient: inout [Double]) -> Double {
    let r = cExp(point[0])
    let alpha = cExp(point[1])
    let s = cExp(point[2])
    let beta = cExp(point[3])
    guard r > 0, alpha > 0, s > 0, beta > 0, r.isFinite, alpha.isFinite, s.isFinite,
      beta.isFinite
    else {
      gradient = [.nan, .nan, .nan, .nan]
      return .nan
    }
    let h = histories
    let maxX = h.maximumFrequency
    var logGammaRatio = [Double](repeating: 0, count: maxX + 1)  // Σ_{k<x} ln(r + k)
    var digammaRatio = [Double](repeating: 0, count: maxX + 1)  // Σ_{k<x} 1/(r + k)
    for x in 0..<maxX {
      logGammaRatio[x + 1] = logGammaRatio[x] + cLog(r + Double(x))
      digammaRatio[x + 1] = digammaRatio[x] + 1 / (r + Double(x))
    }
    let ages = h.distinctAges
    let recencies = h.distinctRecencies
    // Per distinct age: ln(1 + T/α), ln(1 + T/β), their derivatives T/(α(α + T)) and
    // T/(β(β + T)) (up to sign), ln(α + T), ln(β + T), 1/(α + T) and 1/(β + T).
    var ageTable = [AgeTerms](repeating: AgeTerms(), count: ages.count)
    for (i, age) in ages.enumerated() {
      let inverseAlpha = 1 / (alpha + age)
      let inverseBeta = 1 / (beta + age)
      ageTable[i] = AgeTerms(
        logAlpha: cLog1p(age / alpha), logBeta: cLog1p(age / beta),
        derivativeAlpha: age / alpha * inverseAlpha, derivativeBeta: age / beta * inverseBeta,
        logShiftedAlpha: cLog(alpha + age), logShiftedBeta: cLog(beta + age),
        inverseAlpha: inverseAlpha, inverseBeta: inverseBeta)
    }
    let inverseRecencyAlpha = recencies.map { 1 / (alpha + $0) }
    let inverseRecencyBeta = recencies.map { 1 / (beta + $0) }
    let logRecencyAlpha = recencies.map { cLog(alpha + $0) }
    let logRecencyBeta = recencies.map { cLog(beta + $0) }
    let difference = alpha - beta
    let ageTerms = ageTable
    let gammaRatios = logGammaRatio
    let digammaRatios = digammaRatio
    // Each part keeps its own tail caches: a cached tail is the value the series would give
    // again, so the parts' sums, added in part order, do not depend on the thread count.
    let accumulate: @Sendable (Range<Int>) -> [Double] = { rows in
      let ageTable = ageTerms
      let logGammaRatio = gammaRatios
      let digammaRatio = digammaRatios
      var ageTails = [ParetoNBDMath.Tail](repeating: .zero, count: ages.count)
      var ageStamps = [Int32](repeating: -1, count: ages.count)
      var recencyTails = [ParetoNBDMath.Tail](repeating: .zero, count: recencies.count)
      var recencyStamps = [Int32](repeating: -1, count: recencies.count)
      var sumLog = 0.0
      var sumR = 0.0
      var sumAlpha = 0.0
      var sumS = 0.0
      var sumBeta = 0.0
      h.frequency.withUnsafeBufferPointer { frequency in
        h.weight.withUnsafeBufferPointer { weight in
          h.ageIndex.withUnsafeBufferPointer { ageIndex in
            h.recencyIndex.withUnsafeBufferPointer { recencyIndex in
              for i in rows {
                let x = frequency[i]
                let xd = Double(x)
                let p = r + xd
                let ti = Int(ageIndex[i])
                let ri = Int(recencyIndex[i])
                let age = ages[ti]
                let recency = recencies[ri]
                if ageStamps[ti] != x {
                  ageTails[ti] = ParetoNBDMath.tail(
                    q1: p, q2: s, difference: difference, a1: alpha + age, a2: beta + age)
                  ageStamps[ti] = x
                }
                if recencyStamps[ri] != x {
                  recencyTails[ri] = ParetoNBDMath.tail(
                    q1: s, q2: p, difference: -difference, a1: beta + recency,
                    a2: alpha + recency)
                  recencyStamps[ri] = x
                }
                let terms = ageTable[ti]
                let atAge = ageTails[ti]
                let atRecency = recencyTails[ri]
                // K̂_tx is scaled at t_x; bring it to the scale of T: ln((α + T)/(α + t_x)) and
                // its α-derivative −(T − t_x)/((α + T)(α + t_x)), likewise for β.
                var shiftAlpha = 0.0
                var shiftBeta = 0.0
                var slopeAlpha = 0.0
                var slopeBeta = 0.0
                let gap = age - recency
                if gap > 0 {
                  // A difference of tabulated logs is exact to about 1e-15 absolute, which the
                  // shapes multiply: below 1,000 that is far inside the tolerances; above, take
                  // log1p of the ratio.
                  if p < 1_000, s < 1_000 {
                    shiftAlpha = terms.logShiftedAlpha - logRecencyAlpha[ri]
                    shiftBeta = terms.logShiftedBeta - logRecencyBeta[ri]
                  } else {
                    shiftAlpha = cLog1p(gap * inverseRecencyAlpha[ri])
                    shiftBeta = cLog1p(gap * inverseRecencyBeta[ri])
                  }
                  slopeAlpha = -gap * terms.inverseAlpha * inverseRecencyAlpha[ri]
                  slopeBeta = -gap * terms.inverseBeta * inverseRecencyBeta[ri]
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
                let w = weight[i]
                sumLog +=
                  w
                  * (logGammaRatio[Int(x)] - r * terms.logAlpha - s * terms.logBeta - xd
                    * terms.logShiftedAlpha + max(atAge.logValue, logRecency) + cLog(total))
                sumR +=
                  w
                  * (digammaRatio[Int(x)] - terms.logAlpha + ageShare * atAge.dq1 + recencyShare
                    * (atRecency.dq2 + shiftAlpha))
                sumAlpha +=
                  w
                  * (r * terms.derivativeAlpha - xd * terms.inverseAlpha + ageShare * atAge.dA1
                    + recencyShare * (atRecency.dA2 + p * slopeAlpha))
                sumS +=
                  w
                  * (-terms.logBeta + ageShare * atAge.dq2 + recencyShare
                    * (atRecency.dq1 + shiftBeta))
                sumBeta +=
                  w
                  * (s * terms.derivativeBeta + ageShare * atAge.dA2 + recencyShare
                    * (atRecency.dA1 + s * slopeBeta))
              }
            }
          }
        }
      }
      return [sumLog, sumR, sumAlpha, sumS, sumBeta]
    }
    let parts = ParallelWork.partCount(for: h.count)
    var sums = [0.0, 0.0, 0.0, 0.0, 0.0]
    for partial in ParallelWork.map(
      parts: parts, threads: threadCount,
      { part in
        accumulate(ParallelWork.range(of: part, in: parts, count: h.count))
      })
    {
      for k in sums.indices { sums[k] += partial[k] }
    }
    let (sumLog, sumR, sumAlpha, sumS, sumBeta) = (sums[0], sums[1], sums[2], sums[3], sums[4])
    // Negative log-likelihood; chain rule to log-parameters (∂/∂ln θ = θ ∂/∂θ).
    gradient = [-sumR * r, -sumAlpha * alpha, -sumS * s, -sumBeta * beta]
    return -sumLog
  }

  /// What the row loop needs of each distinct age.
  struct AgeTerms: Sendable {
    var logAlpha = 0.0
    var logBeta = 0.0
    var derivativeAlpha = 0.0
    var derivativeBeta = 0.0
    var logShiftedAlpha = 0.0
    var logShiftedBeta = 0.0
    var inverseAlpha = 0.0
    var inverseBeta = 0.0
  }

  /// Fits Pareto/NBD; see ``ParetoNBDModel/fit(_:options:)``.
  static func fit(_ histories: PurchaseHistories, options: FitOptions) throws(RetentionError)
    -> FittedModel<ParetoNBDModel>
  {
    try options.validate()
    guard histories.count > 0, histories.totalWeight > 0 else { throw .noData }
    var repeats = 0.0
    var totalAge = 0.0
    for i in 0..<histories.count {
      repeats += histories.weight[i] * Double(histories.frequency[i])
      totalAge += histories.weight[i] * histories.age[i]
    }
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
    var warm: (NegativeLogLikelihood, Double)?
    if let sample = histories.subsample(rows: options.warmStartRows) {
      let objective = ParetoNBDObjective(histories: sample)
      warm = ({ objective.evaluate($0, &$1) }, sample.totalWeight)
    }
    let result = fitLogParameters(
      start: start, totalWeight: histories.totalWeight, subsample: warm, options: options,
      full: { full.evaluate($0, &$1) })
    // Keep the reported model valid even when the optimiser ran off to a boundary.
    let parameters = result.point.map {
      min(max(cExp($0), Double.leastNormalMagnitude), Double.greatestFiniteMagnitude)
    }
    // A supremum at the edge of the parameter space is not an estimate: a shape beyond 10⁸ (or
    // below 10⁻⁸) means the gamma heterogeneity collapsed to a point, as it does for a single
    // client or identical clients; a rate 10¹² times the mean age or more, likewise.
    let shapesInside = [parameters[0], parameters[2]].allSatisfy { $0 > 1e-8 && $0 < 1e8 }
    let ratesInside = [parameters[1], parameters[3]].allSatisfy {
      $0 > 1e-12 * meanAge && $0 < 1e12 * meanAge
    }
    let interior = result.point.allSatisfy(\.isFinite) && shapesInside && ratesInside
    var message = result.message
    if !interior {
      message +=
        "; a parameter ran off towards 0 or infinity (r = \(parameters[0]), α = "
        + "\(parameters[1]), s = \(parameters[2]), β = \(parameters[3])): the data do not "
        + "identify the model, consider FitOptions.penalty"
    }
    let model = ParetoNBDModel(
      unchecked: parameters[0], parameters[1], parameters[2], parameters[3])
    return FittedModel(
      model: model, logLikelihood: result.logLikelihood,
      converged: result.converged && interior && result.logLikelihood.isFinite,
      iterations: result.iterations, evaluations: result.evaluations,
      standardErrors: result.standardErrors, message: message,
      clients: histories.totalWeight)
  }
}
