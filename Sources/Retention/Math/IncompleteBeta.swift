/// The regularised incomplete beta function for the tails of negative binomial counts.
enum IncompleteBeta {
  /// The most steps of the continued fraction.
  static let maximumSteps = 10_000

  /// I_x(a, b) = B(x; a, b)/B(a, b) for a ≥ 100, b > 0 and 0 < x < 1: the probability that a
  /// negative binomial count with shape b and success probability 1 − x reaches a.
  ///
  /// The prefactor x^a (1 − x)^b / B(a, b) is formed in logs, with ln Γ(a + b) − ln Γ(a) from
  /// Stirling's series differenced analytically (``logGammaShift(_:_:)``), so a count of 10⁹
  /// loses no digits to the difference of two log-gamma values near 2 × 10¹⁰; the continued
  /// fraction is evaluated by the modified Lentz method (Press et al., Numerical Recipes,
  /// § 6.4), on I_x(a, b) when x < (a + 1)/(a + b + 2) and on 1 − I_{1−x}(b, a) otherwise,
  /// where it converges fast. It runs at most ``maximumSteps`` steps, which reach full accuracy
  /// for any a up to about 10⁸ and, beyond, everywhere but next to the distribution's mean.
  ///
  /// - Parameters:
  ///   - a: The first parameter, at least 100.
  ///   - b: The second parameter, positive.
  ///   - x: The argument, in (0, 1).
  ///   - logX: ln x, computed by the caller without cancellation.
  ///   - logOneMinusX: ln(1 − x), likewise.
  /// - Returns: I_x(a, b) in [0, 1].
  static func regularized(
    _ a: Double, _ b: Double, x: Double, logX: Double, logOneMinusX: Double
  ) -> Double {
    guard x > 0 else { return 0 }
    guard x < 1 else { return 1 }
    // ln[x^a (1 − x)^b / B(a, b)], B(a, b) = Γ(a)Γ(b)/Γ(a + b).
    let logFront =
      a * logX + b * logOneMinusX + logGammaShift(a, b) - SpecialFunctions.logGamma(b)
    if x < (a + 1) / (a + b + 2) {
      let value = cExp(logFront) * continuedFraction(a, b, x) / a
      return Swift.min(Swift.max(value, 0), 1)
    }
    let value = 1 - cExp(logFront) * continuedFraction(b, a, 1 - x) / b
    return Swift.min(Swift.max(value, 0), 1)
  }

  /// The continued fraction of I_x(a, b) (Numerical Recipes' `betacf`), by modified Lentz.
  static func continuedFraction(_ a: Double, _ b: Double, _ x: Double) -> Double {
    let tiny = 1e-300
    let qab = a + b
    let qap = a + 1
    let qam = a - 1
    var c = 1.0
    var d = 1 - qab * x / qap
    if abs(d) < tiny { d = tiny }
    d = 1 / d
    var h = d
    for step in 1...maximumSteps {
      let m = Double(step)
      let m2 = 2 * m
      var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      h *= d * c
      aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
      d = 1 + aa * d
      if abs(d) < tiny { d = tiny }
      c = 1 + aa / c
      if abs(c) < tiny { c = tiny }
      d = 1 / d
      let delta = d * c
      h *= delta
      if abs(delta - 1) < 1e-16 { break }
    }
    return h
  }
}

/// ln Γ(z + c) − ln Γ(z) for z > 0, z + c > 0.
///
/// When both arguments are at least 100, Stirling's series (to the w⁻⁵ term, error below
/// 1e-17 there) is differenced analytically:
/// (z + c − ½) ln(1 + c/z) + c (ln z − 1) + s(z + c) − s(z), s(w) = 1/(12w) − 1/(360w³) +
/// 1/(1260w⁵), which has no cancellation between large terms. Otherwise the log-gamma values
/// are small enough (or the result large enough) to subtract directly.
func logGammaShift(_ z: Double, _ c: Double) -> Double {
  let w = z + c
  guard z >= 100, w >= 100 else {
    return SpecialFunctions.logGamma(w) - SpecialFunctions.logGamma(z)
  }
  func series(_ v: Double) -> Double {
    let inverse = 1 / v
    let inverse2 = inverse * inverse
    return inverse * (1.0 / 12 - inverse2 * (1.0 / 360 - inverse2 / 1260))
  }
  return (w - 0.5) * cLog1p(c / z) + c * (cLog(z) - 1) + (series(w) - series(z))
}
