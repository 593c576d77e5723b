extension GammaGammaModel {
  /// The log-likelihood of one client's mean spend `m` over `x` purchases.
  ///
  /// ln Γ(px + q) − ln Γ(px) − ln Γ(q) + q ln v + (px − 1) ln m + px ln x − (px + q) ln(v + xm)
  /// (Colombo & Jiang 1999; Fader, Hardie & Lee 2005): the fit's own term for the clients with
  /// `x` purchases (`GammaGammaLikelihood`) evaluated on one client.
  ///
  /// - Parameters:
  ///   - frequency: `x`, at least 1.
  ///   - meanSpend: `m`, positive and finite.
  /// - Returns: The log-density of the observed mean; `.nan` outside that domain (`x < 1`, or
  ///   `m` not positive and finite), as every model's per-client functions (see
  ///   ``PurchaseModel``).
  public func logLikelihood(frequency: Int, meanSpend: Double) -> Double {
    guard frequency >= 1, meanSpend > 0, meanSpend.isFinite else { return .nan }
    return GammaGammaLikelihood(self).value(
      frequency: frequency, weight: 1, logSpend: cLog(meanSpend),
      logDenominator: cLog(v + Double(frequency) * meanSpend))
  }

  /// The total log-likelihood of spend histories, weights applied: Σ weightᵢ ·
  /// ``logLikelihood(frequency:meanSpend:)``.
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

  /// Σ weightᵢ · ``logLikelihood(frequency:meanSpend:)`` on up to `threadCount` threads: the
  /// fit's re-evaluation of its estimate (``FitVerdict``).
  ///
  /// Each row's value is the per-client function's, bit for bit: its part that depends on x
  /// alone (``GammaGammaLikelihood/countTerm(frequency:)``, two log-gamma functions) is kept
  /// for x below 4,096 instead of recomputed on every row. The rows are cut into parts by
  /// their number alone and the parts' sums added in part order, so the result does not
  /// depend on the thread count.
  ///
  /// - Parameters:
  ///   - histories: The histories.
  ///   - threadCount: The most threads to use, the calling thread included.
  ///   - logSpend: ln m̄ of each row when the caller has them (the fit's objective keeps them):
  ///     the same `cLog` the per-client function takes, so the sum is unchanged and a row
  ///     costs one logarithm instead of two.
  /// - Returns: Σ weightᵢ · ln L(xᵢ, m̄ᵢ).
  /// - Complexity: O(*n*) over the rows.
  func logLikelihood(
    of histories: SpendHistories, threadCount: Int, logSpend: ContiguousArray<Double>? = nil
  ) -> Double {
    precondition(logSpend.map { $0.count == histories.count } ?? true)
    let likelihood = GammaGammaLikelihood(self)
    let parts = ParallelWork.partCount(for: histories.count)
    let cacheSize = Swift.min(histories.maximumFrequency + 1, 4_096)
    let sums = ParallelWork.map(parts: parts, threads: threadCount) { part in
      var cache = [Double](repeating: .nan, count: cacheSize)
      var total = 0.0
      for i in ParallelWork.range(of: part, in: parts, count: histories.count) {
        let x = Int(histories.frequency[i])
        let m = histories.meanSpend[i]
        let countTerm: Double
        if x < cacheSize {
          if cache[x].isNaN { cache[x] = likelihood.countTerm(frequency: x) }
          countTerm = cache[x]
        } else {
          countTerm = likelihood.countTerm(frequency: x)
        }
        total +=
          histories.weight[i]
          * likelihood.value(
            frequency: x, weight: 1, logSpend: logSpend?[i] ?? cLog(m),
            logDenominator: cLog(v + Double(x) * m), countTerm: countTerm)
      }
      return total
    }
    return sums.reduce(0, +)
  }
}

/// The Gamma-Gamma log-likelihood of the clients with one purchase count x and its gradient in
/// (p, q, v): the one implementation, which the fit runs once per distinct x over the sums of
/// its clients and ``GammaGammaModel/logLikelihood(frequency:meanSpend:)`` on one client.
///
/// Per client, ln L = ln Γ(px + q) − ln Γ(px) − ln Γ(q) + q ln v + px ln x + (px − 1) ln m
/// − (px + q) ln(v + xm): linear in ln m and ln(v + xm), so the clients with the same x need
/// only their weight W, Σ w ln m and Σ w ln(v + xm) (and Σ w/(v + xm) for the gradient).
struct GammaGammaLikelihood {
  let p: Double
  let q: Double
  let v: Double
  let logV: Double
  /// q ln v − ln Γ(q), the same for every client.
  let constant: Double

  init(_ model: GammaGammaModel) {
    p = model.p
    q = model.q
    v = model.v
    logV = cLog(v)
    constant = -SpecialFunctions.logGamma(q) + q * logV
  }

  /// Σ w ln L over the clients with x purchases.
  ///
  /// - Parameters:
  ///   - x: The purchase count, at least 1.
  ///   - w: Their total weight W.
  ///   - logSpend: Σ w ln m.
  ///   - logDenominator: Σ w ln(v + xm).
  @inline(__always)
  func value(frequency x: Int, weight w: Double, logSpend: Double, logDenominator: Double)
    -> Double
  {
    value(
      frequency: x, weight: w, logSpend: logSpend, logDenominator: logDenominator,
      countTerm: countTerm(frequency: x))
  }

  /// ``value(frequency:weight:logSpend:logDenominator:)`` given its part that depends on x
  /// alone, ``countTerm(frequency:)``.
  @inline(__always)
  func value(
    frequency x: Int, weight w: Double, logSpend: Double, logDenominator: Double,
    countTerm: Double
  ) -> Double {
    let px = p * Double(x)
    return w * countTerm + (px - 1) * logSpend - (px + q) * logDenominator
  }

  /// ln Γ(px + q) − ln Γ(px) − ln Γ(q) + q ln v + px ln x: the part of a client's ln L that
  /// depends on x alone.
  @inline(__always)
  func countTerm(frequency x: Int) -> Double {
    let xd = Double(x)
    let px = p * xd
    return SpecialFunctions.logGamma(px + q) - SpecialFunctions.logGamma(px) + constant + px
      * cLog(xd)
  }

  /// The gradient of ``value(frequency:weight:logSpend:logDenominator:)`` in (p, q, v).
  ///
  /// - Parameters:
  ///   - inverseDenominator: Σ w/(v + xm).
  ///   - digammaQ: ψ(q).
  @inline(__always)
  func gradient(
    frequency x: Int, weight w: Double, logSpend: Double, logDenominator: Double,
    inverseDenominator: Double, digammaQ: Double
  ) -> (p: Double, q: Double, v: Double) {
    let xd = Double(x)
    let px = p * xd
    let logX = cLog(xd)
    let digammaPQ = SpecialFunctions.digamma(px + q)
    let digammaP = SpecialFunctions.digamma(px)
    return (
      xd * (w * (digammaPQ - digammaP + logX) + logSpend - logDenominator),
      w * (digammaPQ - digammaQ + logV) - logDenominator,
      w * q / v - (px + q) * inverseDenominator
    )
  }
}

/// The Gamma-Gamma negative log-likelihood over spend rows and its gradient in
/// (ln p, ln q, ln v).
///
/// The per-x sums are kept per value of x up to the largest while that is small against the
/// rows (the usual case: indexed by x itself), and per distinct x otherwise
/// (``distinctFrequencies``, ascending, each row's position in ``slot``), so a frequency of
/// 10⁹ costs what a frequency of 10 does.
struct GammaGammaObjective: LogLikelihoodObjective, Sendable {
  var frequency: ContiguousArray<Int32>
  var meanSpend: ContiguousArray<Double>
  var weight: ContiguousArray<Double>
  var maximumFrequency: Int
  var totalWeight: Double
  /// The values of x the sums are kept for, ascending: every x from 0 to the largest while
  /// that is small against the rows, else the distinct ones.
  var distinctFrequencies: [Int]
  /// For each row, the position of its x in ``distinctFrequencies``; empty when that position
  /// is x itself.
  var slot: ContiguousArray<Int32>
  /// Per distinct x: the summed weight and the summed weighted ln m̄ of its rows. They do not
  /// depend on the parameters, so every term linear in ln m̄ costs nothing per row.
  var weightByX: [Double]
  var logSpendByX: [Double]
  /// ln m̄ of each row, computed once per fit: the verdict's re-evaluation of the
  /// log-likelihood reads them (``GammaGammaModel/logLikelihood(of:threadCount:logSpend:)``).
  var logSpend: ContiguousArray<Double>
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
    let (distinct, slot) = Self.distinctTable(frequency, maximum: maximumFrequency)
    distinctFrequencies = distinct
    self.slot = slot
    let slots = distinct.count
    // One logarithm per row, once per fit, spread over the threads; parts are added in order.
    let parts = ParallelWork.partCount(for: frequency.count)
    let partials = ParallelWork.map(parts: parts, threads: threadCount) { part in
      var weightByX = [Double](repeating: 0, count: slots)
      var logSpendByX = [Double](repeating: 0, count: slots)
      let rows = ParallelWork.range(of: part, in: parts, count: frequency.count)
      var logSpend = ContiguousArray<Double>()
      if !rows.isEmpty { logSpend.reserveCapacity(rows.count) }
      for i in rows {
        let s = slot.isEmpty ? Int(frequency[i]) : Int(slot[i])
        let logM = cLog(meanSpend[i])
        logSpend.append(logM)
        weightByX[s] += weight[i]
        logSpendByX[s] += weight[i] * logM
      }
      return (weightByX, logSpendByX, logSpend)
    }
    var weightByX = [Double](repeating: 0, count: slots)
    var logSpendByX = [Double](repeating: 0, count: slots)
    var logSpend = ContiguousArray<Double>()
    if !frequency.isEmpty { logSpend.reserveCapacity(frequency.count) }
    for (weights, logs, rowLogs) in partials {
      for s in weightByX.indices {
        weightByX[s] += weights[s]
        logSpendByX[s] += logs[s]
      }
      logSpend.append(contentsOf: rowLogs)
    }
    self.logSpend = logSpend
    self.weightByX = weightByX
    self.logSpendByX = logSpendByX
    totalWeight = weightByX.reduce(0, +)
  }

  /// The values of x to keep sums for, ascending, and each row's position among them: every
  /// x from 0 to the largest, indexed by x itself (no positions), while the largest is small
  /// against the rows; else the distinct values, found by sorting, so memory stays O(rows)
  /// whatever the values.
  static func distinctTable(_ frequency: ContiguousArray<Int32>, maximum: Int) -> (
    [Int], ContiguousArray<Int32>
  ) {
    if maximum <= Swift.max(1 << 16, 4 * frequency.count) {
      return (Array(0...Swift.max(maximum, 0)), [])
    }
    let distinct = Array(Set(frequency.lazy.map { Int($0) })).sorted()
    let slot = ContiguousArray(
      frequency.lazy.map { x in
        var low = 0
        var high = distinct.count - 1
        while low < high {
          let middle = (low + high) / 2
          if distinct[middle] < Int(x) { low = middle + 1 } else { high = middle }
        }
        return Int32(low)
      })
    return (distinct, slot)
  }

  func subsample(rows target: Int) -> GammaGammaObjective? {
    guard target > 0, frequency.count > 2 * target else { return nil }
    let step = max(1, frequency.count / max(target, 1))
    let picks = Array(Swift.stride(from: 0, to: frequency.count, by: step))
    return GammaGammaObjective(
      frequency: ContiguousArray(picks.map { frequency[$0] }),
      meanSpend: ContiguousArray(picks.map { meanSpend[$0] }),
      weight: ContiguousArray(picks.map { weight[$0] }), maximumFrequency: maximumFrequency,
      threadCount: threadCount)
  }

  /// Per distinct x, over some rows, two weighted sums of functions of d = v + x m̄: the only
  /// sums that need a pass over the rows.
  struct Partial: Sendable {
    var first: [Double]
    var second: [Double]

    /// The two sums of a distinct x (by its slot) over all parts, added in part order so that
    /// they do not depend on the number of threads.
    static func total(_ partials: [Partial], at slot: Int) -> (first: Double, second: Double) {
      var first = 0.0
      var second = 0.0
      for partial in partials {
        first += partial.first[slot]
        second += partial.second[slot]
      }
      return (first, second)
    }
  }

  /// Σ w f(d) and Σ w g(d) per distinct x over `rows`, where `(f(d), g(d)) = terms(d)`: ln d
  /// and 1/d for the likelihood and its gradient, 1/d and 1/d² for the Hessian.
  @inline(__always)
  func sums(rows: Range<Int>, v: Double, _ terms: (Double) -> (Double, Double)) -> Partial {
    var first = [Double](repeating: 0, count: distinctFrequencies.count)
    var second = [Double](repeating: 0, count: distinctFrequencies.count)
    frequency.withUnsafeBufferPointer { frequency in
      slot.withUnsafeBufferPointer { slot in
        meanSpend.withUnsafeBufferPointer { m in
          weight.withUnsafeBufferPointer { weight in
            first.withUnsafeMutableBufferPointer { first in
              second.withUnsafeMutableBufferPointer { second in
                if slot.isEmpty {
                  // Sums indexed by x itself.
                  for i in rows {
                    let x = Int(frequency[i])
                    let (f, g) = terms(v + Double(x) * m[i])
                    first[x] += weight[i] * f
                    second[x] += weight[i] * g
                  }
                } else {
                  for i in rows {
                    let s = Int(slot[i])
                    let (f, g) = terms(v + Double(frequency[i]) * m[i])
                    first[s] += weight[i] * f
                    second[s] += weight[i] * g
                  }
                }
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
    for (s, x) in distinctFrequencies.enumerated() where weightByX[s] > 0 {
      let (first, second) = Partial.total(partials, at: s)
      let xd = Double(x)
      let px = p * xd
      let w = weightByX[s]
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
    guard let theta = positiveParameters(point) else {
      gradient = [.nan, .nan, .nan]
      return .nan
    }
    let (p, q, v) = (theta[0], theta[1], theta[2])
    let parts = ParallelWork.partCount(for: frequency.count)
    let partials = ParallelWork.map(parts: parts, threads: threadCount) { part in
      sums(rows: ParallelWork.range(of: part, in: parts, count: frequency.count), v: v) {
        (cLog($0), 1 / $0)
      }
    }
    let likelihood = GammaGammaLikelihood(GammaGammaModel(unchecked: p, q, v))
    let digammaQ = SpecialFunctions.digamma(q)
    var value = 0.0
    var gp = 0.0
    var gq = 0.0
    var gv = 0.0
    for (s, x) in distinctFrequencies.enumerated() where weightByX[s] > 0 {
      let (logDenominator, inverseDenominator) = Partial.total(partials, at: s)
      let w = weightByX[s]
      let logSpend = logSpendByX[s]
      value += likelihood.value(
        frequency: x, weight: w, logSpend: logSpend, logDenominator: logDenominator)
      let g = likelihood.gradient(
        frequency: x, weight: w, logSpend: logSpend, logDenominator: logDenominator,
        inverseDenominator: inverseDenominator, digammaQ: digammaQ)
      gp += g.p
      gq += g.q
      gv += g.v
    }
    gradient = [-gp * p, -gq * q, -gv * v]
    return -value
  }
}
