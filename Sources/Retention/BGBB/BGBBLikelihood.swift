extension BGBBModel {
  /// Fits the model by maximum likelihood.
  ///
  /// Maximises Σ weight · ln L (Fader, Hardie & Shang 2010) over ln α, ln β, ln γ, ln δ by
  /// BFGS with the analytic gradient (digamma differences, which for integer shifts are
  /// finite sums of reciprocals tabulated once per evaluation). Starts from α/(α + β) at
  /// the observed share of opportunities with a transaction up to each client's last one,
  /// γ = δ = 1.
  ///
  /// Data that cannot pin a parameter down (one client, or every client with the same
  /// history) sends the estimate towards a boundary of the parameter space, where the
  /// likelihood is flat and the fit may even report convergence at extreme values; the
  /// parameters are kept finite and positive either way, and ``FitOptions/penalty`` keeps
  /// them moderate.
  ///
  /// ```swift
  /// let fit = try BGBBModel.fit(histories)
  /// guard fit.converged else { /* report fit.message */ }
  /// ```
  ///
  /// - Parameters:
  ///   - histories: The base's compressed histories.
  ///   - options: Fitting options (penalty, iteration limit, tolerance, warm start,
  ///     standard errors).
  /// - Returns: The fitted model, its log-likelihood, convergence and standard errors (in
  ///   the order α, β, γ, δ). A fit that did not converge comes back with
  ///   `converged == false`, its parameters kept positive and finite.
  /// - Throws: ``RetentionError/noData`` for no clients,
  ///   ``RetentionError/unidentifiable(_:)`` when no client ever transacted after the first
  ///   time (Σ weight · x = 0), and ``RetentionError/invalidParameter(_:reason:)`` for bad
  ///   options.
  /// - Complexity: O(Σ (nᵢ − t_xᵢ + 1) + max n) per evaluation over the distinct rows;
  ///   typically 20 to 60 evaluations.
  public static func fit(
    _ histories: DiscretePurchaseHistories, options: FitOptions = FitOptions()
  ) throws(RetentionError) -> FittedModel<BGBBModel> {
    try options.validate()
    guard histories.count > 0, histories.totalWeight > 0 else { throw .noData }
    var transactions = 0.0
    var opportunities = 0.0
    for i in 0..<histories.count {
      transactions += histories.weight[i] * Double(histories.frequency[i])
      opportunities += histories.weight[i] * Double(histories.recency[i])
    }
    guard transactions > 0 else {
      throw .unidentifiable(
        "no client transacted after the first time, so the transaction probability is unknown")
    }
    // Up to its last transaction a client was alive, so x / t_x estimates p there.
    let share = Swift.min(Swift.max(transactions / opportunities, 0.05), 0.95)
    let start = [cLog(2 * share), cLog(2 * (1 - share)), 0, 0]
    let full = BGBBObjective(histories: histories)
    var warm: (NegativeLogLikelihood, Double)?
    if let sample = histories.subsample(rows: options.warmStartRows) {
      let objective = BGBBObjective(histories: sample)
      warm = ({ objective.evaluate($0, &$1) }, sample.totalWeight)
    }
    let result = fitLogParameters(
      start: start, totalWeight: histories.totalWeight, subsample: warm, options: options,
      full: { full.evaluate($0, &$1) })
    // Keep a runaway (non-converged) estimate usable: positive and finite.
    let p = result.point.map { Swift.min(Swift.max(cExp($0), 1e-300), 1e300) }
    let finite = result.point.allSatisfy { $0.isFinite && abs($0) < 690 }
    return FittedModel(
      model: BGBBModel(unchecked: p[0], p[1], p[2], p[3]),
      logLikelihood: result.logLikelihood, converged: result.converged && finite,
      iterations: result.iterations, evaluations: result.evaluations,
      standardErrors: result.standardErrors, message: result.message,
      clients: histories.totalWeight)
  }
}

/// Running sums Σ_{j<k} ln(a + j) and Σ_{j<k} 1/(a + j) for k = 0 … count − 1: the
/// differences ln Γ(a + k) − ln Γ(a) and ψ(a + k) − ψ(a) at integer shifts.
private struct ShiftTable {
  var log: [Double]
  var inverse: [Double]

  init(_ a: Double, count: Int) {
    log = [Double](repeating: 0, count: count)
    inverse = [Double](repeating: 0, count: count)
    var logSum = 0.0
    var inverseSum = 0.0
    for k in 1..<Swift.max(count, 1) {
      let value = a + Double(k - 1)
      logSum += cLog(value)
      inverseSum += 1 / value
      log[k] = logSum
      inverse[k] = inverseSum
    }
  }
}

/// The negative log-likelihood of BG/BB over compressed histories, with its analytic
/// gradient in log-parameters.
///
/// Every beta-function ratio in the likelihood shifts its arguments by integers, so
/// ln B(α+a, β+b) − ln B(α, β) = Σ_{j<a} ln(α+j) + Σ_{j<b} ln(β+j) − Σ_{j<a+b} ln(α+β+j),
/// and its derivatives are the matching sums of reciprocals (digamma differences). Those
/// sums are tabulated once per evaluation up to the largest n; the row loop then calls no
/// special function: per row one `exp` pair and one `log1p` for the log-sum-exp of the
/// two parts, and per death term two divisions for the ratio of consecutive terms.
struct BGBBObjective {
  let histories: DiscretePurchaseHistories

  /// Evaluates at log-parameters (ln α, ln β, ln γ, ln δ).
  func evaluate(_ point: [Double], _ gradient: inout [Double]) -> Double {
    let alpha = cExp(point[0])
    let beta = cExp(point[1])
    let gamma = cExp(point[2])
    let delta = cExp(point[3])
    guard point.count == 4, alpha.isFinite, beta.isFinite, gamma.isFinite, delta.isFinite,
      alpha > 0, beta > 0, gamma > 0, delta > 0
    else {
      gradient = [.nan, .nan, .nan, .nan]
      return .nan
    }
    let h = histories
    let size = h.maximumPeriods + 2
    let tableA = ShiftTable(alpha, count: h.maximumFrequency + 1)
    let tableB = ShiftTable(beta, count: size)
    let tableAB = ShiftTable(alpha + beta, count: size)
    let tableD = ShiftTable(delta, count: size)
    let tableGD = ShiftTable(gamma + delta, count: size)
    let logGamma = cLog(gamma)
    let inverseGamma = 1 / gamma
    var value = 0.0
    var gAlpha = 0.0
    var gBeta = 0.0
    var gGamma = 0.0
    var gDelta = 0.0
    for row in 0..<h.count {
      let x = Int(h.frequency[row])
      let tx = Int(h.recency[row])
      let n = Int(h.periods[row])
      let w = h.weight[row]
      let f = tx - x
      let m = n - tx
      // Alive through n: ln[B(α+x, β+n−x)/B(α, β)] + ln[B(γ, δ+n)/B(γ, δ)] and its
      // derivatives.
      let logAlive =
        tableA.log[x] + tableB.log[n - x] - tableAB.log[n] + tableD.log[n] - tableGD.log[n]
      let aliveAlpha = tableA.inverse[x] - tableAB.inverse[n]
      let aliveBeta = tableB.inverse[n - x] - tableAB.inverse[n]
      let aliveGamma = -tableGD.inverse[n]
      let aliveDelta = tableD.inverse[n] - tableGD.inverse[n]
      guard m > 0 else {
        value += w * logAlive
        gAlpha += w * aliveAlpha
        gBeta += w * aliveBeta
        gGamma += w * aliveGamma
        gDelta += w * aliveDelta
        continue
      }
      // Death at the start of opportunity t + 1, t = t_x + i: term i relative to term 0,
      // τᵢ, and the τ-weighted sums of the reciprocal-sum tables its derivatives need.
      let logFirst =
        tableA.log[x] + tableB.log[f] - tableAB.log[tx] + logGamma + tableD.log[tx]
        - tableGD.log[tx + 1]
      let failures = beta + Double(f)
      let trials = alpha + beta + Double(tx)
      let survivals = delta + Double(tx)
      let deaths = gamma + 1 + delta + Double(tx)
      var sum = 0.0
      var sumAB = 0.0
      var sumB = 0.0
      var sumD = 0.0
      var sumGD = 0.0
      var term = 1.0
      tableB.inverse.withUnsafeBufferPointer { inverseB in
        tableAB.inverse.withUnsafeBufferPointer { inverseAB in
          tableD.inverse.withUnsafeBufferPointer { inverseD in
            tableGD.inverse.withUnsafeBufferPointer { inverseGD in
              for i in 0..<m {
                let t = tx + i
                sum += term
                sumAB += term * inverseAB[t]
                sumB += term * inverseB[f + i]
                sumD += term * inverseD[t]
                sumGD += term * inverseGD[t + 1]
                let j = Double(i)
                term *= (failures + j) / (trials + j) * ((survivals + j) / (deaths + j))
              }
            }
          }
        }
      }
      let logDead = logFirst + cLog(sum)
      let high = Swift.max(logAlive, logDead)
      let aliveShare = cExp(logAlive - high)
      let deadShare = cExp(logDead - high)
      let total = aliveShare + deadShare
      let ll = high + cLog(total)
      let pAlive = aliveShare / total
      let pDead = deadShare / total
      let inverseSum = 1 / sum
      let deadAlpha = tableA.inverse[x] - sumAB * inverseSum
      let deadBeta = (sumB - sumAB) * inverseSum
      let deadGamma = inverseGamma - sumGD * inverseSum
      let deadDelta = (sumD - sumGD) * inverseSum
      value += w * ll
      gAlpha += w * (pAlive * aliveAlpha + pDead * deadAlpha)
      gBeta += w * (pAlive * aliveBeta + pDead * deadBeta)
      gGamma += w * (pAlive * aliveGamma + pDead * deadGamma)
      gDelta += w * (pAlive * aliveDelta + pDead * deadDelta)
    }
    // Negative log-likelihood; chain rule to log-parameters (∂/∂ln θ = θ ∂/∂θ).
    gradient = [-gAlpha * alpha, -gBeta * beta, -gGamma * gamma, -gDelta * delta]
    return -value
  }
}
