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
    self.init(unchecked: p, q, v)
  }

  init(unchecked p: Double, _ q: Double, _ v: Double) {
    self.p = p
    self.q = q
    self.v = v
  }

  private enum CodingKeys: String, CodingKey {
    case p
    case q
    case v
  }

  /// Decodes a model, checking its parameters as ``init(p:q:v:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError.dataCorrupted` when a parameter is not positive and finite, and
  ///   the decoder's own errors.
  public init(from decoder: any Decoder) throws {
    self = try decodeModel(from: decoder, keys: [CodingKeys.p, .q, .v]) {
      (p) throws(RetentionError) in try Self(p: p[0], q: p[1], v: p[2])
    }
  }

  /// The expected spend per purchase of a client with `x` purchases of mean `m`:
  /// p (v + x m) / (p x + q − 1).
  ///
  /// A weighted average of the population mean and the client's own mean, with weight
  /// p x / (p x + q − 1) on the client's. For a client with no repeat purchase (`x = 0`) it is
  /// the population mean.
  ///
  /// The domain is `x ≥ 0` and, when `x ≥ 1`, a mean spend `m ≥ 0` and finite (0, the limit
  /// of small purchases, shrinks to p v/(p x + q − 1)). Outside it there is no expected spend
  /// and the result is `nil`, never a number: a negative mean spend or a frequency of −1
  /// would otherwise give figures that look like answers.
  ///
  /// - Parameters:
  ///   - frequency: `x`, 0 or more.
  ///   - meanSpend: `m`, 0 or more and finite; ignored when `x = 0`.
  /// - Returns: The expected spend; `nil` when q ≤ 1 and x = 0 (the population mean is
  ///   infinite) and outside the domain.
  public func expectedSpend(frequency: Int, meanSpend: Double) -> Double? {
    guard frequency >= 0, frequency == 0 || (meanSpend >= 0 && meanSpend.isFinite) else {
      return nil
    }
    let x = Double(frequency)
    let denominator = p * x + q - 1
    guard denominator > 0 else { return nil }
    return p * (v + x * (frequency > 0 ? meanSpend : 0)) / denominator
  }

  /// The population's mean spend per purchase, p v / (q − 1), or `nil` when q ≤ 1.
  public var meanSpend: Double? {
    q > 1 ? p * v / (q - 1) : nil
  }

  /// Fits the model by maximum likelihood.
  ///
  /// BFGS on (ln p, ln q, ln v) from p = 1, q = 2, v = the mean spend, standard errors from
  /// the Hessian in closed form, the estimate judged by the ``FitVerdict`` every model shares
  /// (v is bounded relative to the mean spend per purchase).
  ///
  /// - Parameters:
  ///   - histories: The clients' repeat purchase counts and mean spends.
  ///   - options: Fitting options.
  /// - Returns: The fitted model, its log-likelihood, verdict and standard errors (in the
  ///   order p, q, v). A fit that did not converge is returned with `converged == false` and
  ///   a ``FittedModel/reason`` (q and v together: every client spends at the same rate).
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` for bad options and
  ///   ``RetentionError/unidentifiable(_:)`` when every client has the same mean spend.
  /// - Complexity: O(*n*) per evaluation; the lnΓ and ψ terms are tabulated per distinct `x`,
  ///   so each row costs one logarithm.
  public static func fit(_ histories: SpendHistories, options: FitOptions = .standard)
    throws(RetentionError) -> FittedModel<GammaGammaModel>
  {
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
    return fitByMaximumLikelihood(
      start: start, objective: full, options: options,
      space: parameterSpace(meanSpend: meanSpend),
      hessian: { full.hessian(at: $0, gradient: $1) },
      model: { GammaGammaModel(unchecked: $0[0], $0[1], $0[2]) },
      logLikelihood: {
        $0.logLikelihood(
          of: histories, threadCount: options.threadCount, logSpend: full.logSpend)
      })
  }

  /// The parameters of Gamma-Gamma for the verdict: p and q are shapes, v a rate relative to
  /// the mean spend; q and v run off together (every client spends at one rate, or rates
  /// spread without bound), and p grows as v falls (every purchase of a client worth the same).
  static func parameterSpace(meanSpend: Double) -> ParameterSpace {
    ParameterSpace(
      parameters: [.shape("p"), .shape("q"), .rate("v", scale: meanSpend)],
      runaways: [
        .init(
          steps: [0, 1, 1], group: 0,
          meaning: "spend rates are all alike: clients differ in what they spend per purchase "
            + "only by chance"),
        .init(
          steps: [0, -1, -1], group: 0,
          meaning: "spend rates spread without bound: a few clients spend without limit"),
        .init(
          steps: [1, 0, -1], group: 1,
          meaning: "every purchase of a client is worth the same: spend varies between clients, "
            + "never within one"),
      ])
  }
}
