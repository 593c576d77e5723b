/// The beta-geometric/NBD family of purchase models: BG/NBD (Fader, Hardie & Lee 2005) and
/// MBG/NBD (Batislam, Denizel & Filiztekin 2007), one implementation with the member chosen
/// by `Variant`.
///
/// While alive, a client buys as a Poisson process with rate λ ~ Gamma(r, α) and drops out
/// for good, with probability p ~ Beta(a, b), right after a purchase: after each repeat
/// purchase (BG/NBD), and also right after the first one (MBG/NBD). With the variant's
/// offset o = 0 or 1, a client with `x` repeat purchases who is still alive has survived
/// k = x + o drop-out chances, so given alive p ~ Beta(a, b + k) and λ ~ Gamma(r + x, α + T).
/// Every formula of the model follows from that. Hosts name the two members
/// ``BGNBDModel`` and ``MBGNBDModel``.
///
/// ```swift
/// let histories = try PurchaseHistories(table.repeatPurchaseSummary(asOf: asOf, unit: .week))
/// let fit = try BGNBDModel.fit(histories)           // or MBGNBDModel.fit(histories)
/// fit.model.probabilityAlive(frequency: 4, recency: 30, age: 40)
/// fit.model.expectedPurchases(inNext: 52, frequency: 4, recency: 30, age: 40)
/// ```
///
/// A model encodes as its four parameters, `{"r": …, "alpha": …, "a": …, "b": …}`; the
/// variant is the type's, not the data's.
public struct BetaGeometricNBDModel<Variant: BetaGeometricVariant>: PurchaseModel, Hashable,
  Sendable, Codable
{
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
    self.init(unchecked: r, alpha, a, b)
  }

  /// Parameters already known to be positive (or a fit's estimate, reported as it is).
  init(unchecked r: Double, _ alpha: Double, _ a: Double, _ b: Double) {
    self.r = r
    self.alpha = alpha
    self.a = a
    self.b = b
  }

  private enum CodingKeys: String, CodingKey {
    case r
    case alpha
    case a
    case b
  }

  /// Decodes a model, checking its parameters as ``init(r:alpha:a:b:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError.dataCorrupted` when a parameter is not positive and finite, and
  ///   the decoder's own errors.
  public init(from decoder: any Decoder) throws {
    self = try decodeModel(from: decoder, keys: [CodingKeys.r, .alpha, .a, .b]) {
      (p) throws(RetentionError) in try Self(r: p[0], alpha: p[1], a: p[2], b: p[3])
    }
  }

  /// The variant's offset o: 0 for BG/NBD, 1 for MBG/NBD.
  static var offset: Int { Variant.offset }

  /// Fits the model by maximum likelihood.
  ///
  /// BFGS on (ln r, ln α, ln a, ln b) with the analytic gradient of the total weighted
  /// log-likelihood (see ``logLikelihood(frequency:recency:age:)``, the same row term),
  /// warm-started on a subsample of the rows (``FitOptions/warmStartRows``), from
  /// r = a = b = 1 and α such that r/α is the base's mean purchase rate. Standard errors come
  /// from the Hessian in closed form. The estimate is judged by the ``FitVerdict`` every
  /// model shares: on a base where nobody seems to leave, drop-out runs off to nothing
  /// (a → 0 or b → ∞) and the verdict carries the NBD fitted to the same data
  /// (``FitVerdict/limit``); where every client buys at one rate, r and α run off together.
  ///
  /// - Parameters:
  ///   - histories: The base's compressed histories.
  ///   - options: Fitting options.
  /// - Returns: The fitted model, its log-likelihood, verdict and standard errors (in the
  ///   order r, α, a, b). A fit that did not converge is returned with `converged == false`
  ///   and a ``FittedModel/reason``.
  /// - Throws: ``RetentionError/noData`` for no clients,
  ///   ``RetentionError/unidentifiable(_:)`` when nobody bought again, and
  ///   ``RetentionError/invalidParameter(_:reason:)`` for bad options.
  /// - Complexity: O(*n*) per evaluation over the *n* distinct rows; typically 10 to 40
  ///   evaluations.
  public static func fit(_ histories: PurchaseHistories, options: FitOptions = .standard)
    throws(RetentionError) -> FittedModel<Self>
  {
    try BetaGeometricObjective.fit(histories, options: options)
  }
}
