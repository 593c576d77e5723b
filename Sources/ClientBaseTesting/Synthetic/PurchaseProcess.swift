public import ClientBaseCore

/// The buy-till-you-die story a ``SyntheticBase`` follows: how clients buy while they are
/// active, and how they stop.
///
/// Every model shares the purchase side: while active, a client buys as a Poisson process
/// with rate λ per unit of time, and λ varies across clients as Gamma(shape r, rate α). They
/// differ in how a client drops out:
///
/// - ``bgnbd(r:alpha:a:b:)`` (Fader, Hardie & Lee 2005): right *after each repeat purchase* a
///   client drops out with probability p, p ~ Beta(a, b) across clients. A client who never
///   made a repeat purchase is still active.
/// - ``mbgnbd(r:alpha:a:b:)`` (Batislam, Denizel & Filiztekin 2007): as BG/NBD, and also right
///   after the *first* purchase (time 0), so some clients never come back at all.
/// - ``paretonbd(r:alpha:s:beta:)`` (Schmittlein, Morrison & Colombo 1987): each client's
///   lifetime is exponential with rate μ, μ ~ Gamma(shape s, rate β), independent of
///   purchases.
///
/// Rates are per unit of ``SyntheticBaseConfiguration/unit``.
public enum PurchaseProcess: Hashable, Sendable, Codable {
  /// BG/NBD: λ ~ Gamma(r, α); dropout with probability p ~ Beta(a, b) after each repeat
  /// purchase.
  case bgnbd(r: Double, alpha: Double, a: Double, b: Double)
  /// MBG/NBD: λ ~ Gamma(r, α); dropout with probability p ~ Beta(a, b) after the first
  /// purchase and after each repeat purchase.
  case mbgnbd(r: Double, alpha: Double, a: Double, b: Double)
  /// Pareto/NBD: λ ~ Gamma(r, α); an exponential lifetime with rate μ ~ Gamma(s, β).
  case paretonbd(r: Double, alpha: Double, s: Double, beta: Double)

  /// The BG/NBD fit to the CDNOW sample published by Fader, Hardie & Lee (2005), in weeks:
  /// r = 0.243, α = 4.414, a = 0.793, b = 2.426.
  public static let cdnowBGNBD = PurchaseProcess.bgnbd(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)

  /// The Pareto/NBD fit to the CDNOW sample published by Fader, Hardie & Lee (2005), in
  /// weeks: r = 0.553, α = 10.578, s = 0.606, β = 11.669.
  public static let cdnowParetoNBD = PurchaseProcess.paretonbd(
    r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669)

  /// Checks every parameter; a ``SyntheticBaseConfiguration`` does when it is made.
  ///
  /// - Throws: `InputError.invalidParameter(_:reason:)` naming the first parameter that is
  ///   not positive and finite.
  func check() throws(InputError) {
    switch self {
    case .bgnbd(let r, let alpha, let a, let b), .mbgnbd(let r, let alpha, let a, let b):
      try requirePositive(r, "r")
      try requirePositive(alpha, "alpha")
      try requirePositive(a, "a")
      try requirePositive(b, "b")
    case .paretonbd(let r, let alpha, let s, let beta):
      try requirePositive(r, "r")
      try requirePositive(alpha, "alpha")
      try requirePositive(s, "s")
      try requirePositive(beta, "beta")
    }
  }
}
