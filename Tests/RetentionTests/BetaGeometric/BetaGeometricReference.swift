import Foundation

// The BG/NBD and MBG/NBD test counterpart: reference values computed elsewhere and the
// papers' closed forms written independently of the library's likelihood code.

/// The published CDNOW parameters (Fader, Hardie & Lee 2005), weeks.
let cdnow = (r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)

/// Values from lifetimes 0.11.3 at the CDNOW parameters (Documentation/ReferenceValues/bgnbd_reference.py):
/// (x, t_x, T) → (log-likelihood, P(alive), E[Y(52)]).
let lifetimesBGNBD: [(Int, Double, Double, Double, Double, Double)] = [
  (0, 0.0, 38.86, -0.554713276438158, 1, 0.25207302228245),
  (2, 30.43, 38.86, -9.45860630706627, 0.726578570080673, 1.5587208064321),
  (1, 1.71, 38.86, -4.46909327503259, 0.212100985377379, 0.259823464868622),
  (10, 35.0, 38.0, -27.1745181731022, 0.871739080124428, 8.08975371330428),
  (25, 11.0, 60.0, -19.8994644382622, 7.00191141289233e-15, 1.12871182910842e-13),
  (3, 3.0, 3.0, -7.01651083444089, 0.848055182985246, 8.69932023114346),
  (0, 0.0, 0.5, -0.0260755928022595, 1, 1.34888797874575),
]
let lifetimesMBGNBD: [(Int, Double, Double, Double, Double, Double)] = [
  (0, 0.0, 38.86, -0.386952220570853, 0.637253337964895, 0.165682106345168),
  (2, 30.43, 38.86, -9.68718263624996, 0.774419242623646, 1.7140221850019),
  (1, 1.71, 38.86, -4.9386320735747, 0.275447369122965, 0.348724776318076),
  (10, 35.0, 38.0, -27.2467579308411, 0.880830999832576, 8.31252720069444),
  (25, 11.0, 60.0, -19.9651115742058, 7.26687438166898e-15, 1.17913744075093e-13),
  (3, 3.0, 3.0, -7.18132040547331, 0.872487538189419, 9.57366987456422),
  (0, 0.0, 0.5, -0.019588478839294, 0.748777010740968, 1.11734357907228),
]

func close(_ a: Double, _ b: Double, relative: Double) -> Bool {
  abs(a - b) <= relative * max(abs(b), 1e-300)
}

/// ln L of one history written from the papers' closed forms with log-gamma, independently of
/// the library's row term: L = B(a, b + k)/B(a, b) · Γ(r + x)αʳ/(Γ(r)(α + T)^(r+x)) + [k > 0]
/// B(a + 1, b + k − 1)/B(a, b) · Γ(r + x)αʳ/(Γ(r)(α + t_x)^(r+x)), k = x + offset (Fader,
/// Hardie & Lee 2005, eq. 6, for offset 0; Batislam, Denizel & Filiztekin 2007 for offset 1).
func referenceBetaGeometricLogLikelihood(
  r: Double, alpha: Double, a: Double, b: Double, offset: Int, x: Int, recency: Double,
  age: Double
) -> Double {
  let xd = Double(x)
  let k = Double(x + offset)
  let gammaPart = lgamma(r + xd) - lgamma(r) + r * log(alpha)
  let betaPart = lgamma(a + b) + lgamma(b + k) - lgamma(b) - lgamma(a + b + k)
  let alive = -(r + xd) * log(alpha + age)
  guard x + offset > 0 else { return gammaPart + betaPart + alive }
  let dropped = log(a) - log(b + k - 1) - (r + xd) * log(alpha + recency)
  let high = max(alive, dropped)
  return gammaPart + betaPart + high + log(exp(alive - high) + exp(dropped - high))
}
