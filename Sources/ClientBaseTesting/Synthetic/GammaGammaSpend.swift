public import ClientBaseCore

/// The Gamma-Gamma model of spend per transaction (Colombo & Jiang 1999; Fader, Hardie &
/// Lee 2005), parameterised as in the `lifetimes` library.
///
/// Each client has a spend rate ν ~ Gamma(shape q, rate v); each of their transactions is
/// z ~ Gamma(shape p, rate ν), so the client's mean transaction value is p/ν and the mean
/// over clients is p·v/(q − 1) when q > 1. Spend is independent of how often a client buys.
///
/// ```swift
/// GammaGammaSpend.cdnow.meanTransactionValue   // 6.25 · 15.44 / 2.74 ≈ 35.22
/// ```
public struct GammaGammaSpend: Hashable, Sendable, Codable {
  /// The shape of each transaction's gamma distribution.
  public var p: Double
  /// The shape of the spend rates' gamma distribution.
  public var q: Double
  /// The rate of the spend rates' gamma distribution (`v` in `lifetimes`, γ in the papers).
  public var v: Double

  /// Creates a spend model; ``validate()`` checks it.
  ///
  /// - Parameters:
  ///   - p: The shape of each transaction's gamma distribution.
  ///   - q: The shape of the spend rates' gamma distribution.
  ///   - v: The rate of the spend rates' gamma distribution.
  public init(p: Double, q: Double, v: Double) {
    self.p = p
    self.q = q
    self.v = v
  }

  /// The fit to the CDNOW sample published by Fader, Hardie & Lee (2005):
  /// p = 6.25, q = 3.74, v = 15.44 (dollars).
  public static let cdnow = GammaGammaSpend(p: 6.25, q: 3.74, v: 15.44)

  /// The mean transaction value over all clients, p·v/(q − 1), or `nil` when q ≤ 1 and the
  /// mean is infinite.
  public var meanTransactionValue: Double? {
    q > 1 ? p * v / (q - 1) : nil
  }

  /// Checks every parameter.
  ///
  /// - Throws: `InputError.invalidParameter(_:reason:)` naming the first parameter that is
  ///   not positive and finite.
  public func validate() throws(InputError) {
    try requirePositive(p, "p")
    try requirePositive(q, "q")
    try requirePositive(v, "v")
  }
}
