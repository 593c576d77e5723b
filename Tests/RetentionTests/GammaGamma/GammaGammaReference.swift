import Foundation

// The Gamma-Gamma test counterpart: the published density written independently of the
// library's likelihood code.

/// ln f(m | x) of a mean spend m over x purchases (Colombo & Jiang 1999; Fader, Hardie & Lee
/// 2005): f = Γ(px + q)/(Γ(px) Γ(q)) · v^q m^(px−1) x^(px) / (v + xm)^(px+q), from log-gamma.
func referenceGammaGammaLogLikelihood(
  p: Double, q: Double, v: Double, x: Int, meanSpend m: Double
) -> Double {
  let xd = Double(x)
  let px = p * xd
  return lgamma(px + q) - lgamma(px) - lgamma(q) + q * log(v) + (px - 1) * log(m)
    + px * log(xd) - (px + q) * log(v + xd * m)
}
