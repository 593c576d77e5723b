/// The BG/BB model of purchases at discrete opportunities (Fader, Hardie & Shang 2010,
/// "Customer-Base Analysis in a Discrete-Time Noncontractual Setting", Marketing Science
/// 29(6)).
///
/// Some businesses give clients discrete chances to buy: a yearly fund drive, a monthly
/// event, a weekly class. After a first transaction at opportunity 0, a client has
/// opportunities 1, 2, …, n. While alive the client transacts at each opportunity with
/// probability p ~ Beta(α, β) (beta-Bernoulli); at the *start* of each opportunity a living
/// client dies for good with probability θ ~ Beta(γ, δ) (beta-geometric). p and θ are
/// independent across the base and fixed for each client.
///
/// **Index conventions.** A history is `x` (opportunities with a transaction), `t_x` (the
/// last such opportunity, 0 when `x = 0`) and `n` (opportunities observed). "Alive at
/// opportunity t" means the client survived the death draws at the starts of opportunities
/// 1 … t and so could transact at t; every client is alive at opportunity 0. Following the
/// paper, ``probabilityAlive(frequency:recency:periods:)`` is the probability of being alive
/// at opportunity n + 1 (the next one), and ``probabilityAlive(after:frequency:recency:periods:)``
/// at opportunity n + k; `after: 1` is the paper's quantity and `after: 0` is the
/// probability of having been alive at the last observed opportunity n (the same convention
/// as `m_periods_in_future` in the Python `lifetimes` package).
///
/// ```swift
/// let donors = try DiscretePurchaseHistories(
///   frequency: x, recency: tx, periods: n, weight: counts)
/// let fit = try BGBBModel.fit(donors)   // α ≈ 1.204, β ≈ 0.750, γ ≈ 0.657, δ ≈ 2.783
/// fit.model.probabilityAlive(frequency: 3, recency: 5, periods: 6)
/// fit.model.expectedPurchases(inNext: 5, frequency: 3, recency: 5, periods: 6)
/// ```
///
/// The published fit on the 1995 cohort of donors of a nonprofit (11,104 donors, six yearly
/// opportunities 1996–2001) is α = 1.204, β = 0.750, γ = 0.657, δ = 2.783 with
/// LL = −33,225.6.
///
/// Functions of a single history follow the rule of every purchase model (see
/// ``PurchaseModel``): inside their domain — a possible history, `0 ≤ x ≤ t_x ≤ n ≤`
/// ``DiscretePurchaseHistories/maximumSupportedPeriods`` with `t_x = 0` exactly when `x = 0`,
/// and counts of opportunities of 0 or more — they return a finite number; outside it (a
/// negative value, `x > t_x`, `t_x > n`, `x = 0` with `t_x > 0` or the reverse, more
/// opportunities than the supported maximum, whose sums would cost time in proportion) they
/// return `.nan`, never a number that could be read as an answer.
public struct BGBBModel: Hashable, Sendable, Codable {
  /// The first parameter of the beta distribution of transaction probabilities p.
  public let alpha: Double
  /// The second parameter of the beta distribution of transaction probabilities p.
  public let beta: Double
  /// The first parameter of the beta distribution of death probabilities θ.
  public let gamma: Double
  /// The second parameter of the beta distribution of death probabilities θ.
  public let delta: Double

  /// Creates a model from its parameters.
  ///
  /// The mean transaction probability of a living client is α/(α + β); the mean
  /// probability of dying at an opportunity is γ/(γ + δ).
  ///
  /// - Parameters:
  ///   - alpha: α, positive.
  ///   - beta: β, positive.
  ///   - gamma: γ, positive.
  ///   - delta: δ, positive.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` unless every parameter is
  ///   positive and finite.
  public init(alpha: Double, beta: Double, gamma: Double, delta: Double) throws(RetentionError) {
    try checkPositive(["alpha": alpha, "beta": beta, "gamma": gamma, "delta": delta])
    self.init(unchecked: alpha, beta, gamma, delta)
  }

  init(unchecked alpha: Double, _ beta: Double, _ gamma: Double, _ delta: Double) {
    self.alpha = alpha
    self.beta = beta
    self.gamma = gamma
    self.delta = delta
  }

  private enum CodingKeys: String, CodingKey {
    case alpha
    case beta
    case gamma
    case delta
  }

  /// Decodes a model, checking its parameters as ``init(alpha:beta:gamma:delta:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError.dataCorrupted` when a parameter is not positive and finite,
  ///   and the decoder's errors.
  public init(from decoder: any Decoder) throws {
    self = try decodeModel(from: decoder, keys: [CodingKeys.alpha, .beta, .gamma, .delta]) {
      (p) throws(RetentionError) in try Self(alpha: p[0], beta: p[1], gamma: p[2], delta: p[3])
    }
  }

  // MARK: One history

  /// The probability that a client with this history is alive at the next opportunity,
  /// n + 1.
  ///
  /// P(alive at n + 1 | x, t_x, n) = B(α+x, β+n−x)/B(α, β) · B(γ, δ+n+1)/B(γ, δ) / L
  /// (Fader, Hardie & Shang 2010): alive through n and surviving the death draw at the start
  /// of opportunity n + 1. The same as ``probabilityAlive(after:frequency:recency:periods:)``
  /// with `after: 1`.
  ///
  /// - Parameters:
  ///   - frequency: `x`.
  ///   - recency: `t_x`.
  ///   - periods: `n`.
  /// - Returns: P(alive at opportunity n + 1 | history) in [0, 1]; `.nan` outside the domain
  ///   of a history.
  /// - Complexity: O(n − t_x).
  public func probabilityAlive(frequency: Int, recency: Int, periods: Int) -> Double {
    probabilityAlive(after: 1, frequency: frequency, recency: recency, periods: periods)
  }

  /// The probability that a client with this history is alive at opportunity n + k.
  ///
  /// Given the history, the client was alive at n with probability
  /// B(α+x, β+n−x)/B(α, β) · B(γ, δ+n)/B(γ, δ) / L, and then θ ~ Beta(γ, δ + n), so
  /// surviving k more death draws has probability B(γ, δ+n+k)/B(γ, δ+n):
  /// P(alive at n + k | history) = B(α+x, β+n−x)/B(α, β) · B(γ, δ+n+k)/B(γ, δ) / L
  /// (Fader, Hardie & Shang 2010). `k = 1` is the paper's P(alive at n + 1); `k = 0` is the
  /// probability of having been alive at the last observed opportunity n (1 when the last
  /// opportunity had a transaction).
  ///
  /// - Parameters:
  ///   - opportunities: `k`, opportunities after the last observed one, 0 or more.
  ///   - frequency: `x`.
  ///   - recency: `t_x`.
  ///   - periods: `n`.
  /// - Returns: P(alive at opportunity n + k | history) in [0, 1]; `.nan` outside the domain
  ///   of a history or for a negative `k`.
  /// - Complexity: O(n − t_x).
  public func probabilityAlive(
    after opportunities: Int, frequency: Int, recency: Int, periods: Int
  ) -> Double {
    guard Self.isPossible(frequency, recency, periods), opportunities >= 0 else { return .nan }
    let parts = logLikelihoodParts(frequency, recency, periods)
    let k = opportunities
    let d = delta + Double(periods)
    let value = cExp(
      parts.logAliveThroughN - parts.logLikelihood + logRisingRatio(d, gamma + d, k))
    return clampProbability(value)
  }

  /// The expected number of transactions in the next `n*` opportunities (n + 1 … n + n*)
  /// of a client with this history.
  ///
  /// Fader, Hardie & Shang (2010, eq. 13):
  ///
  ///     E[X(n, n+n*) | x, t_x, n] = 1/L · B(α+x+1, β+n−x)/B(α, β) · δ/(γ−1)
  ///       · Γ(γ+δ)/Γ(1+δ) · [Γ(1+δ+n)/Γ(γ+δ+n) − Γ(1+δ+n+n*)/Γ(γ+δ+n+n*)]
  ///
  /// evaluated as P(alive at n | history) · (α+x)/(α+β+n) · Σ_{t=1}^{n*} B(γ, δ+n+t)/B(γ, δ+n)
  /// (posterior mean of p times the expected number of the next n* opportunities at which
  /// the client is still alive). The sum runs term by term up to 10,000 opportunities and
  /// uses the telescoped closed form above beyond, with a series at γ ≈ 1 where the closed
  /// form is 0/0.
  ///
  /// - Parameters:
  ///   - opportunities: `n*`, the opportunities ahead, 0 or more (0 gives 0).
  ///   - frequency: `x`.
  ///   - recency: `t_x`.
  ///   - periods: `n`.
  /// - Returns: The expected number of transactions at opportunities n + 1 … n + n*; `.nan`
  ///   outside the domain of a history or for a negative `n*`.
  /// - Complexity: O(n − t_x + min(n*, 10,000)).
  public func expectedPurchases(
    inNext opportunities: Int, frequency: Int, recency: Int, periods: Int
  ) -> Double {
    guard Self.isPossible(frequency, recency, periods), opportunities >= 0 else { return .nan }
    guard opportunities > 0 else { return 0 }
    let parts = logLikelihoodParts(frequency, recency, periods)
    let aliveAtN = clampProbability(cExp(parts.logAliveThroughN - parts.logLikelihood))
    let n = Double(periods)
    let meanP = (alpha + Double(frequency)) / (alpha + beta + n)
    let alive = expectedSurvivingOpportunities(
      gamma: gamma, delta: delta + n, count: opportunities)
    return clampExpectation(aliveAtN * meanP * alive, opportunities)
  }

  // MARK: A new client

  /// The expected number of transactions of a new client in their first `n` opportunities.
  ///
  /// Fader, Hardie & Shang (2010, eq. 6):
  /// E[X(n)] = α/(α+β) · δ/(γ−1) · [1 − Γ(γ+δ) Γ(1+δ+n) / (Γ(γ+δ+n) Γ(1+δ))], which is
  /// α/(α+β) · Σ_{t=1}^{n} B(γ, δ+t)/B(γ, δ): the mean of p times the expected number of
  /// opportunities at which the client is alive. Evaluated as for
  /// ``expectedPurchases(inNext:frequency:recency:periods:)``.
  ///
  /// - Parameter periods: `n`, opportunities after the first transaction, 0 or more (0 gives
  ///   0).
  /// - Returns: E[X(n)]; `.nan` for a negative `n`.
  /// - Complexity: O(min(n, 10,000)).
  public func expectedPurchases(by periods: Int) -> Double {
    guard periods >= 0 else { return .nan }
    guard periods > 0 else { return 0 }
    let alive = expectedSurvivingOpportunities(gamma: gamma, delta: delta, count: periods)
    return clampExpectation(alpha / (alpha + beta) * alive, periods)
  }

  /// The probability that a new client transacts at exactly `count` of their first `n`
  /// opportunities.
  ///
  /// Fader, Hardie & Shang (2010, eq. 5):
  ///
  ///     P(X(n) = x) = C(n, x) B(α+x, β+n−x)/B(α, β) · B(γ, δ+n)/B(γ, δ)
  ///       + Σ_{i=x}^{n−1} C(i, x) B(α+x, β+i−x)/B(α, β) · B(γ+1, δ+i)/B(γ, δ)
  ///
  /// (alive through n, or dead at the start of opportunity i + 1 after x transactions in i
  /// opportunities), summed in logs.
  ///
  /// - Parameters:
  ///   - count: `x`, the number of transactions.
  ///   - periods: `n`, the opportunities, 0 to
  ///     ``DiscretePurchaseHistories/maximumSupportedPeriods``.
  /// - Returns: P(X(n) = x) in [0, 1]: 0 when `x < 0` or `x > n`, and 1 for `x = n = 0`;
  ///   `.nan` for a negative `n` or one above the supported maximum.
  /// - Complexity: O(n − x).
  public func probability(ofPurchases count: Int, by periods: Int) -> Double {
    guard periods >= 0, periods <= DiscretePurchaseHistories.maximumSupportedPeriods else {
      return .nan
    }
    guard count >= 0, count <= periods else { return 0 }
    guard periods > 0 else { return 1 }
    let x = count
    let n = periods
    let logAlive = logBinomial(n, x) + logAliveThrough(x, n)
    var total = LogSumAccumulator()
    total.add(logAlive)
    if x < n {
      // i = x: C(x, x) = 1 and the first death term of a client with t_x = x.
      let xd = Double(x)
      var logTerm = logFirstDeath(x, x)
      for i in x..<n {
        total.add(logTerm)
        let id = Double(i)
        logTerm += cLog(
          (id + 1) / (id + 1 - xd) * ((beta + id - xd) / (alpha + beta + id))
            * ((delta + id) / (gamma + 1 + delta + id)))
      }
    }
    return clampProbability(cExp(total.value))
  }

  /// The probability that a new client is alive at opportunity `n`.
  ///
  /// Surviving n death draws: E[(1 − θ)ⁿ] = B(γ, δ+n)/B(γ, δ) (Fader, Hardie & Shang 2010).
  /// Summed over cohorts this gives the expected number of clients alive, which base
  /// forecasts need.
  ///
  /// - Parameter periods: `n`, 0 or more; 0 gives 1 (everyone is alive at their first
  ///   transaction).
  /// - Returns: P(alive at opportunity n) in [0, 1]; `.nan` for a negative `n`.
  public func probabilityAlive(at periods: Int) -> Double {
    guard periods >= 0 else { return .nan }
    guard periods > 0 else { return 1 }
    return clampProbability(
      cExp(logRisingRatio(delta, gamma + delta, periods)))
  }

  // MARK: A base

  /// The expected number of clients of a base alive at their next opportunity:
  /// Σ P(alive at n + 1) over its clients.
  ///
  /// - Parameter histories: The base's histories.
  /// - Returns: The expected number alive at each client's opportunity n + 1 (weights
  ///   applied).
  /// - Complexity: O(Σ (nᵢ − t_xᵢ + 1)) over the distinct rows.
  public func expectedAlive(in histories: DiscretePurchaseHistories) -> Double {
    expectedAlive(after: 1, in: histories)
  }

  /// The expected number of clients of a base alive `k` opportunities after each client's
  /// last observed one.
  ///
  /// - Parameters:
  ///   - opportunities: `k`, 0 or more (see
  ///     ``probabilityAlive(after:frequency:recency:periods:)``).
  ///   - histories: The base's histories.
  /// - Returns: Σ P(alive at nᵢ + k) (weights applied); `.nan` for a negative `k`.
  /// - Complexity: O(Σ (nᵢ − t_xᵢ + 1)) over the distinct rows.
  public func expectedAlive(after opportunities: Int, in histories: DiscretePurchaseHistories)
    -> Double
  {
    var total = 0.0
    for i in 0..<histories.count {
      total +=
        histories.weight[i]
        * probabilityAlive(
          after: opportunities, frequency: Int(histories.frequency[i]),
          recency: Int(histories.recency[i]), periods: Int(histories.periods[i]))
    }
    return total
  }

  // MARK: Internals

  /// Whether a history is in the domain: it can happen (0 ≤ x ≤ t_x ≤ n, and t_x = 0
  /// exactly when x = 0) and n is at most the supported maximum.
  @inline(__always)
  static func isPossible(_ x: Int, _ tx: Int, _ n: Int) -> Bool {
    x >= 0 && x <= tx && tx <= n && (x == 0) == (tx == 0)
      && n <= DiscretePurchaseHistories.maximumSupportedPeriods
  }

  /// ln[B(α+x, β+n−x)/B(α, β)] + ln[B(γ, δ+n)/B(γ, δ)]: transacting at x given
  /// opportunities and failing at the other n − x, and surviving n death draws.
  ///
  /// (α)ₓ(β)ₙ₋ₓ/(α+β)ₙ is split as [(β)ₙ₋ₓ/(α+β)ₙ₋ₓ] · [(α)ₓ/(α+β+n−x)ₓ] so that each ratio
  /// of rising factorials is taken between nearby arguments without cancellation.
  func logAliveThrough(_ x: Int, _ n: Int) -> Double {
    logRisingRatio(beta, alpha + beta, n - x)
      + logRisingRatio(alpha, alpha + beta + Double(n - x), x)
      + logRisingRatio(delta, gamma + delta, n)
  }

  /// ln of the first death term, a client who died at the start of opportunity t_x + 1:
  /// ln[B(α+x, β+t_x−x)/B(α, β)] + ln[B(γ+1, δ+t_x)/B(γ, δ)], with
  /// B(γ+1, δ+t)/B(γ, δ) = γ (δ)ₜ / (γ+δ)ₜ₊₁.
  func logFirstDeath(_ x: Int, _ tx: Int) -> Double {
    let f = tx - x
    return logRisingRatio(beta, alpha + beta, f)
      + logRisingRatio(alpha, alpha + beta + Double(f), x) + cLog(gamma)
      + logRisingRatio(delta, gamma + delta, tx) - cLog(gamma + delta + Double(tx))
  }
}

/// ln[(a)ₖ / (b)ₖ] = ln Π_{j<k} (a + j)/(b + j), the log of a ratio of rising factorials.
///
/// Up to 24 factors it sums ln(1 + (a − b)/(b + j)), exact to rounding even when a and b
/// are nearly equal or huge. Beyond, it is [ln Γ(b+k+c) − ln Γ(b+k)] − [ln Γ(b+c) − ln Γ(b)]
/// with c = a − b, each bracket from ``logGammaShift(_:_:)``, which keeps the difference
/// accurate where subtracting two large log-gamma values would not.
private func logRisingRatio(_ a: Double, _ b: Double, _ k: Int) -> Double {
  guard k > 0 else { return 0 }
  let c = a - b
  if k <= 24 {
    var sum = 0.0
    for j in 0..<k { sum += cLog1p(c / (b + Double(j))) }
    return sum
  }
  return logGammaShift(b + Double(k), c) - logGammaShift(b, c)
}

/// ln C(n, k) for 0 ≤ k ≤ n.
private func logBinomial(_ n: Int, _ k: Int) -> Double {
  SpecialFunctions.logGamma(Double(n) + 1) - SpecialFunctions.logGamma(Double(k) + 1)
    - SpecialFunctions.logGamma(Double(n - k) + 1)
}

/// Σ_{t=1}^{k} B(γ, δ+t)/B(γ, δ): the expected number of the next k opportunities at which a
/// client who is alive now, with death probability θ ~ Beta(γ, δ), is still alive.
///
/// Term by term up to 10,000 (each term is the previous times (δ+t−1)/(γ+δ+t−1)); beyond,
/// the telescoped closed form of Fader, Hardie & Shang (2010, eqs. 6 and 13),
/// δ/(γ−1) · [1 − q] with q = Γ(δ+k+1) Γ(γ+δ) / (Γ(δ+1) Γ(γ+δ+k)). Near γ = 1 the closed form
/// is 0/0; there ln q = −∫₁^γ [ψ(s+δ+k) − ψ(s+δ)] ds is taken by the midpoint rule, exact to
/// O((γ − 1)³).
private func expectedSurvivingOpportunities(gamma: Double, delta: Double, count k: Int) -> Double {
  guard k > 0 else { return 0 }
  if k <= 10_000 {
    var survival = 1.0
    var sum = 0.0
    for t in 0..<k {
      let td = Double(t)
      survival *= (delta + td) / (gamma + delta + td)
      sum += survival
    }
    return sum
  }
  let kd = Double(k)
  if abs(gamma - 1) > 1e-3 {
    let logQ = logRisingRatio(delta + 1, gamma + delta, k)
    return delta * -cExpm1(logQ) / (gamma - 1)
  }
  let midpoint = (1 + gamma) / 2
  let slope =
    SpecialFunctions.digamma(midpoint + delta + kd) - SpecialFunctions.digamma(midpoint + delta)
  let f = (gamma - 1) * slope
  let factor = f == 0 ? 1 : -cExpm1(-f) / f
  return delta * slope * factor
}

/// A value forced into [0, 1]; NaN (which a valid model never produces) becomes 0.
@inline(__always)
private func clampProbability(_ value: Double) -> Double {
  value > 0 ? Swift.min(value, 1) : 0
}

/// An expected count forced into [0, opportunities]; NaN becomes 0.
@inline(__always)
private func clampExpectation(_ value: Double, _ opportunities: Int) -> Double {
  value > 0 ? Swift.min(value, Double(opportunities)) : 0
}

/// ln Σ eᵛ over values added one at a time, without overflow or underflow.
private struct LogSumAccumulator {
  private var high = -Double.infinity
  private var sum = 0.0

  mutating func add(_ value: Double) {
    guard value > -.infinity else { return }
    if value <= high {
      sum += cExp(value - high)
    } else {
      sum = sum * cExp(high - value) + 1
      high = value
    }
  }

  var value: Double { high > -.infinity ? high + cLog(sum) : -.infinity }
}
