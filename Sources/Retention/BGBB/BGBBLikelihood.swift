extension BGBBModel {
  /// The log-likelihood of one history.
  ///
  /// Fader, Hardie & Shang (2010) integrate the individual likelihood over p and θ:
  ///
  ///     L = B(α+x, β+n−x)/B(α, β) · B(γ, δ+n)/B(γ, δ)
  ///       + Σ_{i=0}^{n−t_x−1} B(α+x, β+t_x−x+i)/B(α, β) · B(γ+1, δ+t_x+i)/B(γ, δ)
  ///
  /// The first term is a client alive through opportunity n; term i of the sum is one who
  /// died at the start of opportunity t_x + i + 1. The sum runs by the ratio of consecutive
  /// terms, (β+t_x−x+i)/(α+β+t_x+i) · (δ+t_x+i)/(γ+1+δ+t_x+i), in the linear domain scaled
  /// by its first term, and joins the first term with log-sum-exp, so nothing underflows.
  ///
  /// The fit runs the same code (`BGBBLikelihood`) on every distinct row; it takes the
  /// beta-function ratios from sums tabulated once per evaluation, where one history takes
  /// them from ratios of rising factorials that stay exact for any n and any parameters.
  ///
  /// - Parameters:
  ///   - frequency: `x`, the opportunities with a transaction.
  ///   - recency: `t_x`, the last such opportunity (0 when `x = 0`).
  ///   - periods: `n`, the opportunities observed.
  /// - Returns: ln L(α, β, γ, δ | x, t_x, n); 0 for `n = 0` (nothing has happened yet) and
  ///   `.nan` outside the domain of a history (see ``BGBBModel``).
  /// - Complexity: O(n − t_x).
  public func logLikelihood(frequency: Int, recency: Int, periods: Int) -> Double {
    guard Self.isPossible(frequency, recency, periods) else { return .nan }
    return logLikelihoodParts(frequency, recency, periods).logLikelihood
  }

  /// The total log-likelihood of a set of histories, weights applied: Σ weightᵢ ·
  /// ``logLikelihood(frequency:recency:periods:)``.
  ///
  /// - Parameter histories: The histories.
  /// - Returns: Σ weightᵢ · ln L(xᵢ, t_xᵢ, nᵢ).
  /// - Complexity: O(Σ (nᵢ − t_xᵢ + 1)) over the distinct rows.
  public func logLikelihood(of histories: DiscretePurchaseHistories) -> Double {
    var total = 0.0
    for i in 0..<histories.count {
      total +=
        histories.weight[i]
        * logLikelihood(
          frequency: Int(histories.frequency[i]), recency: Int(histories.recency[i]),
          periods: Int(histories.periods[i]))
    }
    return total
  }

  /// ln L and the log of its first term (alive through n) for a possible history.
  func logLikelihoodParts(_ x: Int, _ tx: Int, _ n: Int) -> (
    logLikelihood: Double, logAliveThroughN: Double
  ) {
    let parts = BGBBLikelihood(self).parts(x, tx, n, ratios: self)
    guard let logDead = parts.logDead else { return (parts.logAlive, parts.logAlive) }
    return (SpecialFunctions.logSumExp(parts.logAlive, logDead), parts.logAlive)
  }
}

/// The beta-function ratios the BG/BB likelihood is made of, in logs: one history takes them
/// exactly from the model (``BGBBModel``), the fit from sums it tabulates once per evaluation.
protocol BGBBBetaRatios {
  /// ln[B(α+x, β+n−x)/B(α, β)] + ln[B(γ, δ+n)/B(γ, δ)]: alive through opportunity n.
  func logAliveThrough(_ x: Int, _ n: Int) -> Double
  /// ln[B(α+x, β+t_x−x)/B(α, β)] + ln[B(γ+1, δ+t_x)/B(γ, δ)]: died at the start of
  /// opportunity t_x + 1.
  func logFirstDeath(_ x: Int, _ tx: Int) -> Double
}

extension BGBBModel: BGBBBetaRatios {}

/// The BG/BB likelihood of one possible history in its two parts (Fader, Hardie & Shang 2010):
/// the one implementation, which the fit runs on every distinct row and
/// ``BGBBModel/logLikelihood(frequency:recency:periods:)`` on one.
///
/// L = A + D₀ Σ_{i<n−t_x} τᵢ: A is the client alive through n, D₀ the first death term and
/// τᵢ the i-th death term relative to it, from the ratio of consecutive terms.
struct BGBBLikelihood {
  let alpha: Double
  let beta: Double
  let gamma: Double
  let delta: Double

  init(_ model: BGBBModel) {
    alpha = model.alpha
    beta = model.beta
    gamma = model.gamma
    delta = model.delta
  }

  /// ln A, and ln(D₀ Σ τᵢ) with Σ τᵢ when the client can have died (t_x < n).
  struct Parts {
    var logAlive: Double
    var logDead: Double?
    var deathSum: Double
  }

  /// The two parts of ln L for a possible history.
  ///
  /// - Parameters:
  ///   - x: `x`.
  ///   - tx: `t_x`.
  ///   - n: `n`.
  ///   - ratios: Where the beta-function ratios come from.
  ///   - eachDeathTerm: Called with i and τᵢ for each death term, for the fit's derivatives.
  @inline(__always)
  func parts(
    _ x: Int, _ tx: Int, _ n: Int, ratios: some BGBBBetaRatios,
    eachDeathTerm: (_ i: Int, _ term: Double) -> Void = { _, _ in }
  ) -> Parts {
    let logAlive = ratios.logAliveThrough(x, n)
    let m = n - tx
    guard m > 0 else { return Parts(logAlive: logAlive, logDead: nil, deathSum: 0) }
    let logFirst = ratios.logFirstDeath(x, tx)
    let failures = beta + Double(tx - x)
    let trials = alpha + beta + Double(tx)
    let survivals = delta + Double(tx)
    let deaths = gamma + 1 + delta + Double(tx)
    var sum = 0.0
    var term = 1.0
    for i in 0..<m {
      sum += term
      eachDeathTerm(i, term)
      let j = Double(i)
      term *= (failures + j) / (trials + j) * ((survivals + j) / (deaths + j))
    }
    return Parts(logAlive: logAlive, logDead: logFirst + cLog(sum), deathSum: sum)
  }
}

extension BGBBModel {
  /// Fits the model by maximum likelihood.
  ///
  /// Maximises Σ weight · ln L (Fader, Hardie & Shang 2010) over ln α, ln β, ln γ, ln δ by
  /// BFGS with the analytic gradient (digamma differences, which for integer shifts are
  /// finite sums of reciprocals tabulated once per evaluation). Starts from α/(α + β) at
  /// the observed share of opportunities with a transaction up to each client's last one,
  /// γ = δ = 1.
  ///
  /// The estimate is judged by the ``FitVerdict`` every model shares. Data that cannot pin a
  /// parameter down (one client, or every client with the same history) send the estimate
  /// towards a boundary of the parameter space, where the likelihood is flat: the fit then
  /// reports `converged == false` with a reason naming the runaway parameters (α and β
  /// together: every client transacts with the same probability; γ → 0: nobody seems to drop
  /// out), its parameters kept finite and positive; ``FitOptions/penalty`` keeps them
  /// moderate.
  ///
  /// ```swift
  /// let fit = try BGBBModel.fit(histories)
  /// guard fit.converged else { /* report fit.reason */ }
  /// ```
  ///
  /// - Parameters:
  ///   - histories: The base's compressed histories.
  ///   - options: Fitting options (penalty, iteration limit, tolerance, warm start,
  ///     standard errors).
  /// - Returns: The fitted model, its log-likelihood, verdict and standard errors (in the
  ///   order α, β, γ, δ). A fit that did not converge comes back with `converged == false`
  ///   and a ``FittedModel/reason``, its parameters kept positive and finite.
  /// - Throws: ``RetentionError/noData`` for no clients,
  ///   ``RetentionError/unidentifiable(_:)`` when no client ever transacted after the first
  ///   time (Σ weight · x = 0), and ``RetentionError/invalidParameter(_:reason:)`` for bad
  ///   options.
  /// - Complexity: O(Σ (nᵢ − t_xᵢ + 1) + max n) per evaluation over the distinct rows;
  ///   typically 20 to 60 evaluations.
  public static func fit(
    _ histories: DiscretePurchaseHistories, options: FitOptions = .standard
  ) throws(RetentionError) -> FittedModel<BGBBModel> {
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
    return fitByMaximumLikelihood(
      start: start, objective: BGBBObjective(histories: histories), options: options,
      space: parameterSpace,
      model: { BGBBModel(unchecked: $0[0], $0[1], $0[2], $0[3]) },
      logLikelihood: { $0.logLikelihood(of: histories) })
  }

  /// The parameters of BG/BB for the verdict, all four shapes: α and β run off together (every
  /// client transacts with one probability, or all or nothing) or the transaction probability
  /// to 1 (α → ∞ or β → 0); γ and δ run off together, or drop-out runs off to nothing (γ → 0
  /// or δ → ∞).
  /// The meaning of a transaction probability running off to 1.
  static let alwaysTransact =
    "every client seems to transact at every opportunity while alive: the data cannot identify "
    + "the transaction probability"

  static let parameterSpace = ParameterSpace(
    parameters: [.shape("alpha"), .shape("beta"), .shape("gamma"), .shape("delta")],
    runaways: [
      .init(
        steps: [1, 1, 0, 0], group: 0,
        meaning: "purchase probabilities are all alike: every client transacts at an "
          + "opportunity with the same probability"),
      .init(
        steps: [-1, -1, 0, 0], group: 0,
        meaning: "purchases are all or nothing: some clients transact at every opportunity, "
          + "the rest at none"),
      .init(steps: [1, 0, 0, 0], group: 0, meaning: alwaysTransact),
      .init(steps: [0, -1, 0, 0], group: 0, meaning: alwaysTransact),
      .init(steps: [0, 0, -1, 0], group: 1, meaning: ParameterSpace.noDropout),
      .init(steps: [0, 0, 0, 1], group: 1, meaning: ParameterSpace.noDropout),
      .init(
        steps: [0, 0, 1, 1], group: 1,
        meaning: "drop-out chances are all alike: every client leaves with the same probability"),
      .init(
        steps: [0, 0, -1, -1], group: 1,
        meaning:
          "drop-out is all or nothing: some clients leave at the first opportunity, the rest "
          + "never"),
    ])
}

/// The negative log-likelihood of BG/BB over compressed histories, with its analytic
/// gradient in log-parameters: ``BGBBLikelihood/parts(_:_:_:ratios:eachDeathTerm:)`` on every
/// row, its beta-function ratios from tables.
///
/// Every beta-function ratio in the likelihood shifts its arguments by integers, so
/// ln B(α+a, β+b) − ln B(α, β) = Σ_{j<a} ln(α+j) + Σ_{j<b} ln(β+j) − Σ_{j<a+b} ln(α+β+j),
/// and its derivatives are the matching sums of reciprocals (digamma differences). Those
/// sums are tabulated once per evaluation up to the largest n; the row loop then calls no
/// special function: per row one `exp` pair and one `log1p` for the log-sum-exp of the
/// two parts, and per death term two divisions for the ratio of consecutive terms.
struct BGBBObjective: LogLikelihoodObjective {
  let histories: DiscretePurchaseHistories

  var totalWeight: Double { histories.totalWeight }

  func subsample(rows: Int) -> BGBBObjective? {
    histories.subsample(rows: rows).map { BGBBObjective(histories: $0) }
  }

  /// The beta-function ratios and their derivatives from running sums of logs and
  /// reciprocals (``RisingFactorialTable``), up to the largest n of the histories.
  struct Tables: BGBBBetaRatios {
    let a: RisingFactorialTable
    let b: RisingFactorialTable
    let ab: RisingFactorialTable
    let d: RisingFactorialTable
    let gd: RisingFactorialTable
    let logGamma: Double

    init(_ h: DiscretePurchaseHistories, alpha: Double, beta: Double, gamma: Double, delta: Double)
    {
      let size = h.maximumPeriods + 2
      a = RisingFactorialTable(alpha, count: h.maximumFrequency + 1)
      b = RisingFactorialTable(beta, count: size)
      ab = RisingFactorialTable(alpha + beta, count: size)
      d = RisingFactorialTable(delta, count: size)
      gd = RisingFactorialTable(gamma + delta, count: size)
      logGamma = cLog(gamma)
    }

    func logAliveThrough(_ x: Int, _ n: Int) -> Double {
      a.log[x] + b.log[n - x] - ab.log[n] + d.log[n] - gd.log[n]
    }

    func logFirstDeath(_ x: Int, _ tx: Int) -> Double {
      a.log[x] + b.log[tx - x] - ab.log[tx] + logGamma + d.log[tx] - gd.log[tx + 1]
    }
  }

  /// Evaluates at log-parameters (ln α, ln β, ln γ, ln δ).
  func evaluate(_ point: [Double], _ gradient: inout [Double]) -> Double {
    guard point.count == 4, let p = positiveParameters(point) else {
      gradient = [.nan, .nan, .nan, .nan]
      return .nan
    }
    let (alpha, beta, gamma, delta) = (p[0], p[1], p[2], p[3])
    let h = histories
    let likelihood = BGBBLikelihood(BGBBModel(unchecked: alpha, beta, gamma, delta))
    let tables = Tables(h, alpha: alpha, beta: beta, gamma: gamma, delta: delta)
    let inverseGamma = 1 / gamma
    var value = 0.0
    var gAlpha = 0.0
    var gBeta = 0.0
    var gGamma = 0.0
    var gDelta = 0.0
    tables.b.inverse.withUnsafeBufferPointer { inverseB in
      tables.ab.inverse.withUnsafeBufferPointer { inverseAB in
        tables.d.inverse.withUnsafeBufferPointer { inverseD in
          tables.gd.inverse.withUnsafeBufferPointer { inverseGD in
            for row in 0..<h.count {
              let x = Int(h.frequency[row])
              let tx = Int(h.recency[row])
              let n = Int(h.periods[row])
              let w = h.weight[row]
              let f = tx - x
              // Death at the start of opportunity t + 1, t = t_x + i: the τ-weighted sums of
              // the reciprocal-sum tables its derivatives need.
              var sumAB = 0.0
              var sumB = 0.0
              var sumD = 0.0
              var sumGD = 0.0
              let parts = likelihood.parts(x, tx, n, ratios: tables) { i, term in
                let t = tx + i
                sumAB += term * inverseAB[t]
                sumB += term * inverseB[f + i]
                sumD += term * inverseD[t]
                sumGD += term * inverseGD[t + 1]
              }
              // The derivatives of alive through n.
              let logAlive = parts.logAlive
              let aliveAlpha = tables.a.inverse[x] - inverseAB[n]
              let aliveBeta = inverseB[n - x] - inverseAB[n]
              let aliveGamma = -inverseGD[n]
              let aliveDelta = inverseD[n] - inverseGD[n]
              guard let logDead = parts.logDead else {
                value += w * logAlive
                gAlpha += w * aliveAlpha
                gBeta += w * aliveBeta
                gGamma += w * aliveGamma
                gDelta += w * aliveDelta
                continue
              }
              let high = Swift.max(logAlive, logDead)
              let aliveShare = cExp(logAlive - high)
              let deadShare = cExp(logDead - high)
              let total = aliveShare + deadShare
              let ll = high + cLog(total)
              let pAlive = aliveShare / total
              let pDead = deadShare / total
              let inverseSum = 1 / parts.deathSum
              let deadAlpha = tables.a.inverse[x] - sumAB * inverseSum
              let deadBeta = (sumB - sumAB) * inverseSum
              let deadGamma = inverseGamma - sumGD * inverseSum
              let deadDelta = (sumD - sumGD) * inverseSum
              value += w * ll
              gAlpha += w * (pAlive * aliveAlpha + pDead * deadAlpha)
              gBeta += w * (pAlive * aliveBeta + pDead * deadBeta)
              gGamma += w * (pAlive * aliveGamma + pDead * deadGamma)
              gDelta += w * (pAlive * aliveDelta + pDead * deadDelta)
            }
          }
        }
      }
    }
    // Negative log-likelihood; chain rule to log-parameters (∂/∂ln θ = θ ∂/∂θ).
    gradient = [-gAlpha * alpha, -gBeta * beta, -gGamma * gamma, -gDelta * delta]
    return -value
  }
}
