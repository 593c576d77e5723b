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
  public let p: Double
  /// The shape of the spend rates' gamma distribution.
  public let q: Double
  /// The rate of the spend rates' gamma distribution (`v` in `lifetimes`, γ in the papers).
  public let v: Double

  /// Creates a spend model, checking it.
  ///
  /// - Parameters:
  ///   - p: The shape of each transaction's gamma distribution; positive and finite.
  ///   - q: The shape of the spend rates' gamma distribution; positive and finite.
  ///   - v: The rate of the spend rates' gamma distribution; positive and finite.
  /// - Throws: `InputError.invalidParameter(_:reason:)` naming the first parameter that is
  ///   not positive and finite.
  public init(p: Double, q: Double, v: Double) throws(InputError) {
    try requirePositive(p, "p")
    try requirePositive(q, "q")
    try requirePositive(v, "v")
    self.init(unchecked: p, q, v)
  }

  private init(unchecked p: Double, _ q: Double, _ v: Double) {
    self.p = p
    self.q = q
    self.v = v
  }

  private enum CodingKeys: String, CodingKey {
    case p, q, v
  }

  /// Decodes a spend model and checks it as ``init(p:q:v:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the `InputError` text for a
  ///   parameter that is not positive and finite.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let (p, q, v) = (
      try container.decode(Double.self, forKey: .p), try container.decode(Double.self, forKey: .q),
      try container.decode(Double.self, forKey: .v)
    )
    do {
      try self.init(p: p, q: q, v: v)
    } catch {
      throw DecodingError.dataCorrupted(
        .init(codingPath: decoder.codingPath, debugDescription: error.description))
    }
  }

  /// The fit to the CDNOW sample published by Fader, Hardie & Lee (2005):
  /// p = 6.25, q = 3.74, v = 15.44 (dollars).
  public static let cdnow = GammaGammaSpend(unchecked: 6.25, 3.74, 15.44)

  /// The mean transaction value over all clients, p·v/(q − 1), or `nil` when q ≤ 1 and the
  /// mean is infinite.
  public var meanTransactionValue: Double? {
    q > 1 ? p * v / (q - 1) : nil
  }
}
