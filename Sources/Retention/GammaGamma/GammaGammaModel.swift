/// Spend per purchase for the Gamma-Gamma model: each client's repeat purchase count and
/// mean spend, compressed to what the likelihood needs.
///
/// Only clients with at least one repeat purchase and a positive mean spend carry
/// information about spend; ``init(_:)`` leaves the others out and counts them in
/// ``excludedClients``.
public struct SpendHistories: Sendable {
  /// `x`, the number of repeat purchases, per row.
  public let frequency: ContiguousArray<Int32>
  /// The mean spend per repeat purchase, per row.
  public let meanSpend: ContiguousArray<Double>
  /// How many clients each row stands for.
  public let weight: ContiguousArray<Double>
  /// Clients left out: no repeat purchase, or a mean spend that is not positive.
  public let excludedClients: Int
  let maximumFrequency: Int

  /// The rows usable for spend from a summary computed by the `Summarizer`.
  ///
  /// - Parameter summary: The per-client inputs.
  /// - Throws: ``RetentionError/noData`` when no client has a repeat purchase with positive
  ///   spend.
  /// - Complexity: O(*n*).
  public init<ID>(_ summary: RepeatPurchaseSummary<ID>) throws(RetentionError) {
    // The summary's invariants make x non-negative; only clients with a repeat purchase and a
    // positive, finite mean spend carry information about spend.
    var x = ContiguousArray<Int32>()
    var m = ContiguousArray<Double>()
    x.reserveCapacity(summary.count)
    m.reserveCapacity(summary.count)
    var maximum: Int32 = 0
    summary.frequency.withUnsafeBufferPointer { frequency in
      summary.monetaryValue.withUnsafeBufferPointer { spend in
        for i in frequency.indices where frequency[i] >= 1 && spend[i] > 0 && spend[i].isFinite {
          x.append(frequency[i])
          m.append(spend[i])
          maximum = Swift.max(maximum, frequency[i])
        }
      }
    }
    guard !x.isEmpty else { throw .noData }
    self.frequency = x
    self.meanSpend = m
    self.weight = ContiguousArray(repeating: 1, count: x.count)
    self.excludedClients = summary.count - x.count
    self.maximumFrequency = Int(maximum)
  }

  /// Rows from columns a host computed.
  ///
  /// - Parameters:
  ///   - frequency: `x` per row, at least 1.
  ///   - meanSpend: The mean spend per repeat purchase, positive and finite.
  ///   - weight: How many clients each row stands for; `nil` means one each.
  /// - Throws: ``RetentionError/invalidHistory(row:reason:)`` for the first unusable row and
  ///   ``RetentionError/noData`` when nothing of positive weight remains.
  public init(frequency: [Int], meanSpend: [Double], weight: [Double]? = nil)
    throws(RetentionError)
  {
    try self.init(frequency: frequency, meanSpend: meanSpend, weight: weight, skipsUnusable: false)
  }

  init(frequency: [Int], meanSpend: [Double], weight: [Double]?, skipsUnusable: Bool)
    throws(RetentionError)
  {
    guard frequency.count == meanSpend.count, weight.map({ $0.count == frequency.count }) ?? true
    else { throw .invalidParameter("columns", reason: "the columns differ in length") }
    var x = ContiguousArray<Int32>()
    var m = ContiguousArray<Double>()
    var w = ContiguousArray<Double>()
    x.reserveCapacity(frequency.count)
    m.reserveCapacity(frequency.count)
    w.reserveCapacity(frequency.count)
    var excluded = 0
    var maximum = 0
    for i in frequency.indices {
      let weightValue = weight?[i] ?? 1
      let usable =
        frequency[i] >= 1 && frequency[i] <= Int(Int32.max) && meanSpend[i] > 0
        && meanSpend[i].isFinite
      if skipsUnusable, !usable {
        excluded += 1
        continue
      }
      guard usable, weightValue.isFinite, weightValue >= 0 else {
        throw .invalidHistory(
          row: i,
          reason:
            "frequency \(frequency[i]) must be ≥ 1, mean spend \(meanSpend[i]) positive and "
            + "finite, weight \(weightValue) finite and ≥ 0")
      }
      guard weightValue > 0 else { continue }
      x.append(Int32(frequency[i]))
      m.append(meanSpend[i])
      w.append(weightValue)
      maximum = max(maximum, frequency[i])
    }
    guard !x.isEmpty else { throw .noData }
    self.frequency = x
    self.meanSpend = m
    self.weight = w
    self.excludedClients = excluded
    self.maximumFrequency = maximum
  }

  /// The number of rows.
  public var count: Int { frequency.count }

  /// The sum of the weights.
  public var totalWeight: Double { weight.reduce(0, +) }
}

/// The Gamma-Gamma model of spend per purchase (Colombo & Jiang 1999; Fader, Hardie & Lee
/// 2005, "RFM and CLV").
///
/// Each purchase of a client is worth z ~ Gamma(p, ν) and clients differ in ν ~ Gamma(q, v),
/// independently of how often they buy. The mean spend per purchase of the population is
/// p v / (q − 1); a client's expected spend shrinks their observed mean towards it, the more
/// so the fewer purchases they made.
///
/// The published fit on the CDNOW data is p = 6.25, q = 3.74, v = 15.44.
public struct GammaGammaModel: Hashable, Sendable, Codable {
  /// The shape of the gamma distribution of a single purchase's value.
  public let p: Double
  /// The shape of the gamma distribution of clients' ν.
  public let q: Double
  /// The rate of the gamma distribution of clients' ν (named γ in some papers).
  public let v: Double

  /// Creates a model from its parameters.
  ///
  /// - Parameters:
  ///   - p: The purchase-value shape, positive.
  ///   - q: The ν shape, positive.
  ///   - v: The ν rate, positive.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` unless every parameter is
  ///   positive and finite.
  public init(p: Double, q: Double, v: Double) throws(RetentionError) {
    try checkPositive(["p": p, "q": q, "v": v])
    self.p = p
    self.q = q
    self.v = v
  }

  init(unchecked p: Double, _ q: Double, _ v: Double) {
    self.p = p
    self.q = q
    self.v = v
  }

  /// The log-likelihood of one client's mean spend `m` over `x` purchases.
  ///
  /// ln Γ(px + q) − ln Γ(px) − ln Γ(q) + q ln v + (px − 1) ln m + px ln x − (px + q) ln(v + xm).
  ///
  /// - Parameters:
  ///   - frequency: `x`, at least 1.
  ///   - meanSpend: `m`, positive.
  /// - Returns: The log-density of the observed mean; `-infinity` for `x < 1` or `m ≤ 0`.
  public func logLikelihood(frequency: Int, meanSpend: Double) -> Double {
    guard frequency >= 1, meanSpend > 0 else { return -.infinity }
    let x = Double(frequency)
    let px = p * x
    return SpecialFunctions.logGamma(px + q) - SpecialFunctions.logGamma(px)
      - SpecialFunctions.logGamma(q) + q * cLog(v) + (px - 1) * cLog(meanSpend) + px * cLog(x)
      - (px + q) * cLog(v + x * meanSpend)
  }

  /// The expected spend per purchase of a client with `x` purchases of mean `m`:
  /// p (v + x m) / (p x + q − 1).
  ///
  /// A weighted average of the population mean and the client's own mean, with weight
  /// p x / (p x + q − 1) on the client's. For a client with no repeat purchase (`x = 0`) it is
  /// the population mean.
  ///
  /// - Parameters:
  ///   - frequency: `x`.
  ///   - meanSpend: `m`, ignored when `x = 0`.
  /// - Returns: The expected spend, or `nil` when q ≤ 1 and x = 0 (the population mean is
  ///   infinite).
  public func expectedSpend(frequency: Int, meanSpend: Double) -> Double? {
    let x = Double(max(frequency, 0))
    let denominator = p * x + q - 1
    guard denominator > 0 else { return nil }
    return p * (v + x * (frequency > 0 ? meanSpend : 0)) / denominator
  }

  /// The population's mean spend per purchase, p v / (q − 1), or `nil` when q ≤ 1.
  public var meanSpend: Double? {
    q > 1 ? p * v / (q - 1) : nil
  }

  /// The total log-likelihood of spend histories, weights applied.
  ///
  /// - Parameter histories: The histories.
  /// - Returns: The weighted sum of per-row log-likelihoods.
  /// - Complexity: O(*n*).
  public func logLikelihood(of histories: SpendHistories) -> Double {
    var total = 0.0
    for i in 0..<histories.count {
      total +=
        histories.weight[i]
        * logLikelihood(
          frequency: Int(histories.frequency[i]), meanSpend: histories.meanSpend[i])
    }
    return total
  }

  /// Fits the model by maximum likelihood.
  ///
  /// - Parameters:
  ///   - histories: The clients' repeat purchase counts and mean spends.
  ///   - options: Fitting options.
  /// - Returns: The fitted model, its log-likelihood, convergence and standard errors (in the
  ///   order p, q, v).
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` for bad options and
  ///   ``RetentionError/unidentifiable(_:)`` when every client has the same mean spend.
  /// - Complexity: O(*n*) per evaluation; the lnΓ and ψ terms are tabulated per distinct `x`,
  ///   so each row costs one logarithm.
  public static func fit(_ histories: SpendHistories, options: FitOptions = FitOptions())
    throws(RetentionError) -> FittedModel<GammaGammaModel>
  {
    try options.validate()
    // A spend that never varies cannot separate p, q and v.
    let first = histories.meanSpend[0]
    guard histories.meanSpend.contains(where: { $0 != first }) else {
      throw .unidentifiable("every client has the same mean spend")
    }
    var meanSpend = 0.0
    for i in 0..<histories.count { meanSpend += histories.weight[i] * histories.meanSpend[i] }
    meanSpend /= histories.totalWeight
    // Start at p = 1, q = 2, v = mean: the population mean p v/(q − 1) matches the data's.
    let start = [0.0, cLog(2), cLog(meanSpend)]
    let full = GammaGammaObjective(histories: histories, threadCount: options.threadCount)
    var warm: (NegativeLogLikelihood, Double)?
    if histories.count > 2 * max(options.warmStartRows, 1), options.warmStartRows > 0 {
      let sample = full.subsample(rows: options.warmStartRows)
      warm = ({ sample.evaluate($0, &$1) }, sample.totalWeight)
    }
    let result = fitLogParameters(
      start: start, totalWeight: histories.totalWeight, subsample: warm, options: options,
      full: { full.evaluate($0, &$1) }, hessian: { full.hessian(at: $0, gradient: $1) })
    let parameters = result.point.map(cExp)
    let model = GammaGammaModel(unchecked: parameters[0], parameters[1], parameters[2])
    return FittedModel(
      model: model, logLikelihood: result.logLikelihood,
      converged: result.converged && parameters.allSatisfy { $0.isFinite && $0 > 0 },
      iterations: result.iterations, evaluations: result.evaluations,
      standardErrors: result.standardErrors, message: result.message,
      clients: histories.totalWeight)
  }
}

/// The Gamma-Gamma negative log-likelihood over spend rows and its gradient in
/// (ln p, ln q, ln v).
struct GammaGammaObjective: Sendable {
  var frequency: ContiguousArray<Int32>
  var meanSpend: ContiguousArray<Double>
  var weight: ContiguousArray<Double>
  var maximumFrequency: Int
  var totalWeight: Double
  /// Per x: the summed weight and the summed weighted ln m̄ of its rows. They do not depend
  /// on the parameters, so every term linear in ln m̄ costs nothing per row.
  var weightByX: [Double]
  var logSpendByX: [Double]
  /// The most threads an evaluation may use; the result does not depend on it.
  var threadCount = 1

  init(histories: SpendHistories, threadCount: Int = 1) {
    self.init(
      frequency: histories.frequency, meanSpend: histories.meanSpend, weight: histories.weight,
      maximumFrequency: histories.maximumFrequency, threadCount: threadCount)
  }

  init(
    frequency: ContiguousArray<Int32>, meanSpend: ContiguousArray<Double>,
    weight: ContiguousArray<Double>, maximumFrequency: Int, threadCount: Int
  ) {
    self.frequency = frequency
    self.meanSpend = meanSpend
    self.weight = weight
    self.maximumFrequency = maximumFrequency
    self.threadCount = threadCount
    // One logarithm per row, once per fit, spread over the threads; parts are added in order.
    let parts = ParallelWork.partCount(for: frequency.count)
    let partials = ParallelWork.map(parts: parts, threads: threadCount) { part in
      var weightByX = [Double](repeating: 0, count: maximumFrequency + 1)
      var logSpendByX = [Double](repeating: 0, count: maximumFrequency + 1)
      for i in ParallelWork.range(of: part, in: parts, count: frequency.count) {
        let x = Int(frequency[i])
        weightByX[x] += weight[i]
        logSpendByX[x] += weight[i] * cLog(meanSpend[i])
      }
      return (weightByX, logSpendByX)
    }
    var weightByX = [Double](repeating: 0, count: maximumFrequency + 1)
    var logSpendByX = [Double](repeating: 0, count: maximumFrequency + 1)
    for (weights, logs) in partials {
      for x in weightByX.indices {
        weightByX[x] += weights[x]
        logSpendByX[x] += logs[x]
      }
    }
    self.weightByX = weightByX
    self.logSpendByX = logSpendByX
    totalWeight = weightByX.reduce(0, +)
  }

  func subsample(rows target: Int) -> GammaGammaObjective {
    let step = max(1, frequency.count / max(target, 1))
    let picks = Array(Swift.stride(from: 0, to: frequency.count, by: step))
    return GammaGammaObjective(
      frequency: ContiguousArray(picks.map { frequency[$0] }),
      meanSpend: ContiguousArray(picks.map { meanSpend[$0] }),
      weight: ContiguousArray(picks.map { weight[$0] }), maximumFrequency: maximumFrequency,
      threadCount: threadCount)
  }

  /// Per x, over some rows, two weighted sums of functions of d = v + x m̄: the only sums
  /// that need a pass over the rows.
  struct Partial: Sendable {
    var first: [Double]
    var second: [Double]
  }

  /// Σ w f(d) and Σ w g(d) per x over `rows`, where `(f(d), g(d)) = terms(d)`: ln d and 1/d
  /// for the likelihood and its gradient, 1/d and 1/d² for the Hessian.
  @inline(__always)
  func sums(rows: Range<Int>, v: Double, _ terms: (Double) -> (Double, Double)) -> Partial {
    var first = [Double](repeating: 0, count: maximumFrequency + 1)
    var second = [Double](repeating: 0, count: maximumFrequency + 1)
    frequency.withUnsafeBufferPointer { frequency in
      meanSpend.withUnsafeBufferPointer { m in
        weight.withUnsafeBufferPointer { weight in
          first.withUnsafeMutableBufferPointer { first in
            second.withUnsafeMutableBufferPointer { second in
              for i in rows {
                let x = Int(frequency[i])
                let (f, g) = terms(v + Double(x) * m[i])
                first[x] += weight[i] * f
                second[x] += weight[i] * g
              }
            }
          }
        }
      }
    }
    return Partial(first: first, second: second)
  }

  /// The Hessian of the total negative log-likelihood in (ln p, ln q, ln v), in closed form.
  ///
  /// Per client, with d = v + x m̄, the second derivatives of ln L in (p, q, v) are
  /// x²[ψ′(px + q) − ψ′(px)], x ψ′(px + q), −x/d, ψ′(px + q) − ψ′(q), 1/v − 1/d and
  /// −q/v² + (px + q)/d²; in log-parameters H_ij = θᵢ θⱼ ∂²/∂θᵢ∂θⱼ + δᵢⱼ θᵢ ∂/∂θᵢ. One pass
  /// over the rows without a logarithm, where finite differences would take three
  /// likelihood evaluations.
  ///
  /// - Parameters:
  ///   - point: Log-parameters (ln p, ln q, ln v).
  ///   - gradient: The negative log-likelihood's gradient in log-parameters at `point`.
  /// - Returns: The 3 × 3 Hessian.
  func hessian(at point: [Double], gradient: [Double]) -> [[Double]] {
    let theta = point.map(cExp)
    let (p, q, v) = (theta[0], theta[1], theta[2])
    let parts = ParallelWork.partCount(for: frequency.count)
    let partials = ParallelWork.map(parts: parts, threads: threadCount) { part in
      sums(rows: ParallelWork.range(of: part, in: parts, count: frequency.count), v: v) {
        let inverse = 1 / $0
        return (inverse, inverse * inverse)
      }
    }
    let trigammaQ = SpecialFunctions.trigamma(q)
    // Second derivatives of the log-likelihood in (p, q, v).
    var h = [[Double]](repeating: [0, 0, 0], count: 3)
    for x in 1...max(maximumFrequency, 1) where x <= maximumFrequency && weightByX[x] > 0 {
      var first = 0.0
      var second = 0.0
      for partial in partials {
        first += partial.first[x]
        second += partial.second[x]
      }
      let xd = Double(x)
      let px = p * xd
      let w = weightByX[x]
      let trigammaPQ = SpecialFunctions.trigamma(px + q)
      let trigammaP = SpecialFunctions.trigamma(px)
      h[0][0] += w * xd * xd * (trigammaPQ - trigammaP)
      h[0][1] += w * xd * trigammaPQ
      h[0][2] -= xd * first
      h[1][1] += w * (trigammaPQ - trigammaQ)
      h[1][2] += w / v - first
      h[2][2] += -w * q / (v * v) + (px + q) * second
    }
    h[1][0] = h[0][1]
    h[2][0] = h[0][2]
    h[2][1] = h[1][2]
    // The negative log-likelihood's Hessian in log-parameters; `gradient` is the negative
    // log-likelihood's gradient in log-parameters, θᵢ ∂/∂θᵢ.
    var result = [[Double]](repeating: [0, 0, 0], count: 3)
    for i in 0..<3 {
      for j in 0..<3 {
        result[i][j] = -theta[i] * theta[j] * h[i][j] + (i == j ? gradient[i] : 0)
      }
    }
    return result
  }

  func evaluate(_ point: [Double], _ gradient: inout [Double]) -> Double {
    let p = cExp(point[0])
    let q = cExp(point[1])
    let v = cExp(point[2])
    guard p.isFinite, q.isFinite, v.isFinite, p > 0, q > 0, v > 0 else {
      gradient = [.nan, .nan, .nan]
      return .nan
    }
    let parts = ParallelWork.partCount(for: frequency.count)
    let partials = ParallelWork.map(parts: parts, threads: threadCount) { part in
      sums(rows: ParallelWork.range(of: part, in: parts, count: frequency.count), v: v) {
        (cLog($0), 1 / $0)
      }
    }
    let logV = cLog(v)
    let constant = -SpecialFunctions.logGamma(q) + q * logV
    let digammaQ = SpecialFunctions.digamma(q)
    var value = 0.0
    var gp = 0.0
    var gq = 0.0
    var gv = 0.0
    for x in 1...max(maximumFrequency, 1) where x <= maximumFrequency && weightByX[x] > 0 {
      // The partials are added in part order, so the sum does not depend on the threads.
      var logDenominator = 0.0
      var inverseDenominator = 0.0
      for partial in partials {
        logDenominator += partial.first[x]
        inverseDenominator += partial.second[x]
      }
      let xd = Double(x)
      let px = p * xd
      let w = weightByX[x]
      let logSpend = logSpendByX[x]
      let logX = cLog(xd)
      let digammaPQ = SpecialFunctions.digamma(px + q)
      let digammaP = SpecialFunctions.digamma(px)
      value +=
        w
        * (SpecialFunctions.logGamma(px + q) - SpecialFunctions.logGamma(px) + constant + px
          * logX) + (px - 1) * logSpend - (px + q) * logDenominator
      gp += xd * (w * (digammaPQ - digammaP + logX) + logSpend - logDenominator)
      gq += w * (digammaPQ - digammaQ + logV) - logDenominator
      gv += w * q / v - (px + q) * inverseDenominator
    }
    gradient = [-gp * p, -gq * q, -gv * v]
    return -value
  }
}
