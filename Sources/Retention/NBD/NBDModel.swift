/// The NBD model of repeat purchases: clients who buy and never leave (Ehrenberg 1959).
///
/// Each client buys as a Poisson process with rate λ ~ Gamma(r, α) across the base, for ever:
/// the gamma-Poisson (negative binomial) counts, with no drop-out. It is the limit that
/// BG/NBD, MBG/NBD and Pareto/NBD reach when their drop-out runs off to nothing (a → 0 or
/// b → ∞; s → 0 or β → ∞), and its likelihood is theirs without the drop-out term. When a fit
/// of those models stops at that edge, its verdict says so and carries this model fitted to
/// the same data (``FitVerdict/limit``): a base whose clients do not seem to leave is better
/// described by the model that says so than by a drop-out model at an extreme.
///
/// ```swift
/// let fit = try NBDModel.fit(histories)
/// fit.model.expectedPurchases(inNext: 52, frequency: 4, recency: 30, age: 40)   // 52 (r + 4)/(α + 40)
/// ```
///
/// Every client is alive (P(alive) = 1). An impossible history (`x < 0`, `t_x > T`, negative or
/// non-finite times) gives `.nan`, so bad input is never mistaken for a prediction.
public struct NBDModel: PurchaseModel, Hashable, Sendable, Codable {
  /// The shape of the gamma distribution of purchase rates λ.
  public let r: Double
  /// The rate (inverse scale) of the gamma distribution of purchase rates, in time units.
  public let alpha: Double

  /// Creates a model from its parameters.
  ///
  /// - Parameters:
  ///   - r: The gamma shape, positive.
  ///   - alpha: The gamma rate, positive.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` naming the first parameter that
  ///   is not positive and finite.
  public init(r: Double, alpha: Double) throws(RetentionError) {
    try checkPositive(["r": r, "alpha": alpha])
    self.init(unchecked: r, alpha)
  }

  /// Parameters already known to be positive (or a fit's estimate, reported as it is).
  init(unchecked r: Double, _ alpha: Double) {
    self.r = r
    self.alpha = alpha
  }

  private enum CodingKeys: String, CodingKey {
    case r
    case alpha
  }

  /// Decodes a model, checking its parameters as ``init(r:alpha:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError.dataCorrupted` when a parameter is not positive and finite, and
  ///   the decoder's own errors.
  public init(from decoder: any Decoder) throws {
    self = try decodeModel(from: decoder, keys: [CodingKeys.r, .alpha]) {
      (p) throws(RetentionError) in try Self(r: p[0], alpha: p[1])
    }
  }

  // MARK: - Fitting

  /// Fits the model by maximum likelihood.
  ///
  /// BFGS on (ln r, ln α) with the analytic gradient of the total weighted log-likelihood
  /// (``logLikelihood(frequency:recency:age:)``, the same row term), warm-started on a
  /// subsample of the rows (``FitOptions/warmStartRows``), from r = 1 and α such that r/α is
  /// the base's mean purchase rate; judged by the ``FitVerdict`` every model shares. With
  /// every client buying at one rate the likelihood climbs as r and α grow together: the
  /// verdict then says purchase rates are all alike.
  ///
  /// - Parameters:
  ///   - histories: The base's compressed histories.
  ///   - options: Fitting options.
  /// - Returns: The fitted model, its log-likelihood, verdict and standard errors (in the
  ///   order r, α).
  /// - Throws: ``RetentionError/noData`` for no clients,
  ///   ``RetentionError/unidentifiable(_:)`` when nobody bought again.
  /// - Complexity: O(*n*) per evaluation over the *n* distinct rows.
  public static func fit(_ histories: PurchaseHistories, options: FitOptions = .standard)
    throws(RetentionError) -> FittedModel<NBDModel>
  {
    guard histories.count > 0, histories.totalWeight > 0 else { throw .noData }
    let (repeats, totalAge) = histories.weightedTotals
    guard repeats > 0 else {
      throw .unidentifiable("no client made a repeat purchase, so the purchase rate is unknown")
    }
    let meanAge = totalAge / histories.totalWeight
    let meanRate = repeats / histories.totalWeight / max(meanAge, 1e-9)
    let start = [0.0, cLog(max(1 / max(meanRate, 1e-9), 1e-6))]
    let space = ParameterSpace(
      parameters: [.shape("r"), .rate("alpha", scale: meanAge)],
      runaways: [.init(steps: [1, 1], group: 0, meaning: "purchase rates are all alike")])
    return fitByMaximumLikelihood(
      start: start,
      objective: NBDObjective(histories: histories, threadCount: options.threadCount),
      options: options, space: space, model: { NBDModel(unchecked: $0[0], $0[1]) },
      logLikelihood: { $0.logLikelihood(of: histories, threadCount: options.threadCount) })
  }

  // MARK: - Predictions

  /// P(alive | x, t_x, T) = 1: nobody leaves.
  ///
  /// - Parameters:
  ///   - frequency: `x`.
  ///   - recency: `t_x`.
  ///   - age: `T`.
  /// - Returns: 1; `.nan` for an impossible history.
  public func probabilityAlive(frequency: Int, recency: Double, age: Double) -> Double {
    isPossible(frequency, recency, age) ? 1 : .nan
  }

  /// E[Y(t) | x, t_x, T] = t (r + x)/(α + T): given the history λ ~ Gamma(r + x, α + T).
  ///
  /// - Parameters:
  ///   - duration: `t`; 0 or less gives 0.
  ///   - frequency: `x`.
  ///   - recency: `t_x`.
  ///   - age: `T`.
  /// - Returns: The expected number of purchases in (T, T + t]; `.nan` for an impossible
  ///   history or a NaN duration.
  public func expectedPurchases(
    inNext duration: Double, frequency: Int, recency: Double, age: Double
  ) -> Double {
    guard isPossible(frequency, recency, age), !duration.isNaN else { return .nan }
    guard duration > 0 else { return 0 }
    return duration * (r + Double(frequency)) / (alpha + age)
  }

  /// E[X(t)] = r t/α for a new client.
  ///
  /// - Parameter duration: `t`; 0 or less gives 0.
  /// - Returns: The expected number of repeat purchases by `t`; `.nan` for a NaN duration.
  public func expectedPurchases(by duration: Double) -> Double {
    guard !duration.isNaN else { return .nan }
    return duration > 0 ? r * duration / alpha : 0
  }

  /// P(X(t) = n) = Γ(r + n)/(Γ(r) n!) (α/(α + t))ʳ (t/(α + t))ⁿ, the negative binomial
  /// distribution.
  ///
  /// - Parameters:
  ///   - count: `n`; negative counts have probability 0.
  ///   - duration: `t`; at 0 all mass is on n = 0.
  /// - Returns: The probability of exactly `count` repeat purchases by `t`; `.nan` for a
  ///   negative, infinite or NaN duration.
  /// - Complexity: O(min(n, 1,000)).
  public func probability(ofPurchases count: Int, by duration: Double) -> Double {
    guard duration >= 0, duration.isFinite else { return .nan }
    guard count >= 0 else { return 0 }
    guard duration > 0 else { return count == 0 ? 1 : 0 }
    let n = Double(count)
    let logP =
      RisingFactorialTable.entry(r, count).log - SpecialFunctions.logGamma(n + 1)
      - r * cLog1p(duration / alpha) - (count > 0 ? n * cLog1p(alpha / duration) : 0)
    return min(1, max(0, cExp(logP)))
  }

  /// P(a new client is alive at t) = 1.
  ///
  /// - Parameter duration: `t`.
  /// - Returns: 1; `.nan` for a NaN duration.
  public func probabilityAlive(at duration: Double) -> Double {
    duration.isNaN ? .nan : 1
  }

  /// P(alive at T + t | x, t_x, T) = 1.
  ///
  /// - Parameters:
  ///   - duration: `t`.
  ///   - frequency: `x`.
  ///   - recency: `t_x`.
  ///   - age: `T`.
  /// - Returns: 1; `.nan` for an impossible history or a NaN duration.
  public func probabilityAlive(
    after duration: Double, frequency: Int, recency: Double, age: Double
  ) -> Double {
    isPossible(frequency, recency, age) && !duration.isNaN ? 1 : .nan
  }

  /// Whether `(x, t_x, T)` is a history: `x ≥ 0`, `0 ≤ t_x ≤ T`, both finite (the recency is
  /// ignored when `x = 0`).
  func isPossible(_ x: Int, _ recency: Double, _ age: Double) -> Bool {
    guard x >= 0, x < Int.max, age >= 0, age.isFinite else { return false }
    return x == 0 || (recency >= 0 && recency <= age)
  }
}
