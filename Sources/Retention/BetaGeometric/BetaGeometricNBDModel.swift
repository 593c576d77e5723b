/// The BG/NBD model (Fader, Hardie & Lee 2005, "Counting Your Customers the Easy Way").
///
/// While alive, a client buys as a Poisson process with rate λ ~ Gamma(r, α); right after each
/// repeat purchase the client drops out for good with probability p ~ Beta(a, b). A client
/// who never bought again can therefore not have dropped out (P(alive) = 1 when x = 0), which
/// is the model's known quirk; ``MBGNBDModel`` removes it.
///
/// ```swift
/// let histories = try PurchaseHistories(table.repeatPurchaseSummary(asOf: asOf, unit: .week))
/// let fit = try BGNBDModel.fit(histories)
/// fit.model.probabilityAlive(frequency: 4, recency: 30, age: 40)
/// fit.model.expectedPurchases(inNext: 52, frequency: 4, recency: 30, age: 40)
/// ```
///
/// The published fit on the CDNOW data (weeks) is r = 0.243, α = 4.414, a = 0.793, b = 2.426.
public struct BGNBDModel: PurchaseModel, Hashable, Sendable, Codable {
  /// The shape of the gamma distribution of purchase rates.
  public let r: Double
  /// The rate (inverse scale) of the gamma distribution of purchase rates, in time units.
  public let alpha: Double
  /// The first parameter of the beta distribution of drop-out probabilities.
  public let a: Double
  /// The second parameter of the beta distribution of drop-out probabilities.
  public let b: Double

  /// Creates a model from its parameters.
  ///
  /// - Parameters:
  ///   - r: The gamma shape, positive.
  ///   - alpha: The gamma rate, positive.
  ///   - a: The first beta parameter, positive.
  ///   - b: The second beta parameter, positive.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` unless every parameter is
  ///   positive and finite.
  public init(r: Double, alpha: Double, a: Double, b: Double) throws(RetentionError) {
    try checkPositive(["r": r, "alpha": alpha, "a": a, "b": b])
    self.r = r
    self.alpha = alpha
    self.a = a
    self.b = b
  }

  init(_ family: BetaGeometricFamily) {
    r = family.r
    alpha = family.alpha
    a = family.a
    b = family.b
  }

  var family: BetaGeometricFamily { BetaGeometricFamily(r: r, alpha: alpha, a: a, b: b, offset: 0) }

  /// Fits the model by maximum likelihood.
  ///
  /// - Parameters:
  ///   - histories: The base's compressed histories.
  ///   - options: Fitting options.
  /// - Returns: The fitted model, its log-likelihood, convergence and standard errors (in the
  ///   order r, α, a, b).
  /// - Throws: ``RetentionError/noData`` for no clients,
  ///   ``RetentionError/unidentifiable(_:)`` when nobody bought again, and
  ///   ``RetentionError/invalidParameter(_:reason:)`` for bad options.
  /// - Complexity: O(*n*) per evaluation over the *n* distinct rows; typically 10 to 40
  ///   evaluations.
  public static func fit(_ histories: PurchaseHistories, options: FitOptions = FitOptions())
    throws(RetentionError) -> FittedModel<BGNBDModel>
  {
    let (family, parts) = try BetaGeometricFamily.fit(histories, offset: 0, options: options)
    return parts.fitted(BGNBDModel(family))
  }

  /// The log-likelihood of one history (Fader, Hardie & Lee 2005, eq. 6).
  ///
  /// - Parameters:
  ///   - frequency: `x`.
  ///   - recency: `t_x`.
  ///   - age: `T`.
  /// - Returns: ln L(r, α, a, b | x, t_x, T).
  public func logLikelihood(frequency: Int, recency: Double, age: Double) -> Double {
    family.logLikelihood(frequency, recency, age)
  }

  /// P(alive | x, t_x, T) = 1 / (1 + [x > 0] a/(b + x − 1) · ((α + T)/(α + t_x))^(r + x)).
  ///
  /// - Parameters:
  ///   - frequency: `x`.
  ///   - recency: `t_x`.
  ///   - age: `T`.
  /// - Returns: The probability of being alive at `T`.
  public func probabilityAlive(frequency: Int, recency: Double, age: Double) -> Double {
    family.probabilityAlive(frequency, recency, age)
  }

  /// E[Y(t) | x, t_x, T] (Fader, Hardie & Lee 2005, eq. 10), with ₂F₁ from
  /// ``Hypergeometric``.
  ///
  /// - Parameters:
  ///   - duration: `t`, the length of the period ahead.
  ///   - frequency: `x`.
  ///   - recency: `t_x`.
  ///   - age: `T`.
  /// - Returns: The expected number of purchases in (T, T + t].
  public func expectedPurchases(
    inNext duration: Double, frequency: Int, recency: Double, age: Double
  ) -> Double {
    family.expectedPurchases(duration, frequency, recency, age)
  }

  /// E[X(t)] for a new client (Fader, Hardie & Lee 2005, eq. 9).
  ///
  /// - Parameter duration: `t`.
  /// - Returns: The expected number of repeat purchases by `t`.
  public func expectedPurchases(by duration: Double) -> Double {
    family.expectedPurchases(duration, 0, 0, 0)
  }

  /// P(X(t) = n) for a new client (Fader, Hardie & Lee 2005, eq. 8).
  ///
  /// - Parameters:
  ///   - count: `n`.
  ///   - duration: `t`.
  /// - Returns: The probability of exactly `count` repeat purchases by `t`.
  public func probability(ofPurchases count: Int, by duration: Double) -> Double {
    family.probability(ofPurchases: count, by: duration)
  }

  /// P(a new client is alive at t) = (α/(α + t))^r ₂F₁(r, b; a + b; t/(α + t)).
  ///
  /// Drop-outs happen at the purchases of a Poisson process thinned by p, so given (λ, p) the
  /// client survives to t with probability e^(−λpt); the expression averages that.
  ///
  /// - Parameter duration: `t`.
  /// - Returns: The probability of being alive at `t`.
  public func probabilityAlive(at duration: Double) -> Double {
    family.probabilityAlive(at: duration)
  }

  /// P(alive at T + t | x, t_x, T): alive now, then no fatal purchase in the next `t` under
  /// the posterior λ ~ Gamma(r + x, α + T), p ~ Beta(a, b + x).
  ///
  /// - Parameters:
  ///   - duration: `t`.
  ///   - frequency: `x`.
  ///   - recency: `t_x`.
  ///   - age: `T`.
  /// - Returns: The probability of being alive at `T + t`.
  public func probabilityAlive(
    after duration: Double, frequency: Int, recency: Double, age: Double
  ) -> Double {
    family.probabilityAlive(after: duration, frequency, recency, age)
  }
}

/// Throws for the first parameter that is not positive and finite.
func checkPositive(_ parameters: KeyValuePairs<String, Double>) throws(RetentionError) {
  for (name, value) in parameters where !(value > 0 && value.isFinite) {
    throw .invalidParameter(name, reason: "must be positive and finite, got \(value)")
  }
}
