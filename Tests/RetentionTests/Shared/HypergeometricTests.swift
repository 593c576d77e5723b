import Foundation
import Testing

@testable import Retention

@Suite("Gauss hypergeometric 2F1")
struct HypergeometricTests {
  /// 50-digit values from mpmath (Documentation/ReferenceValues/hypergeometric_reference.py).
  static let reference: [(Double, Double, Double, Double, Double)] = [
    (0.243, 2.426, 3.219, 0.3, 1.0652775568951516164),
    (1.5, 2.5, 3.0, 0.5, 2.3344917575948898344),
    (2.243, 4.426, 6.219, 0.9, 20.171616109557030318),
    (25.243, 27.426, 28.219, 0.95, 7.0424614089545892964e+31),
    (0.553, 1.606, 2.159, 0.01, 1.004140108035087393),
    (50.5, 51.6, 52.1, 0.99, 1.0157869545990092331e+100),
    (3.0, 0.7, 4.2, 0.999, 4.1886936634119993952),
    (1.0, 1.0, 2.0, -0.5, 0.81093021621632876396),
    (10.0, 12.0, 3.5, 0.8, 1489436969940150.3509),
    (0.5, 0.5, 1.5, 0.64, 1.1591190225020152958),
    (200.0, 3.0, 205.0, 0.9, 570.90057116957889805),
    (5.0, 300.0, 302.0, 0.7, 381.78422466542597763),
  ]

  @Test("agrees with 50-digit reference values")
  func reference() {
    for (a, b, c, z, expected) in Self.reference {
      let value = Hypergeometric.gauss(a, b, c, z)
      // 1e-12 relative, 1e-10 as z reaches 0.999 where the series needs thousands of terms.
      let tolerance = z > 0.98 ? 1e-10 : 1e-12
      #expect(abs(value - expected) <= tolerance * abs(expected), "2F1(\(a), \(b); \(c); \(z))")
    }
  }

  @Test("closed forms")
  func closedForms() {
    for z in [-0.9, -0.3, 0.1, 0.5, 0.9, 0.99] {
      // ₂F₁(1, 1; 2; z) = −ln(1 − z)/z and ₂F₁(a, b; b; z) = (1 − z)^(−a).
      #expect(abs(Hypergeometric.gauss(1, 1, 2, z) - (-log1p(-z) / z)) < 1e-12 * abs(log1p(-z) / z))
      #expect(
        abs(Hypergeometric.gauss(2.5, 1.7, 1.7, z) - pow(1 - z, -2.5)) < 1e-11 * pow(1 - z, -2.5))
    }
    // ₂F₁(1/2, 1/2; 3/2; x²) = arcsin(x)/x.
    for x in [0.1, 0.5, 0.9] {
      #expect(abs(Hypergeometric.gauss(0.5, 0.5, 1.5, x * x) - asin(x) / x) < 1e-12)
    }
    #expect(Hypergeometric.gauss(3, 4, 5, 0) == 1)
  }

  @Test("outside the domain it answers NaN, not a trap")
  func domain() {
    #expect(Hypergeometric.gauss(1, 1, 2, 1).isNaN)
    #expect(Hypergeometric.gauss(1, 1, -2, 0.5).isNaN)
    #expect(Hypergeometric.gauss(.nan, 1, 2, 0.5).isNaN)
    #expect(Hypergeometric.logGauss(1, 1, 2, 1.5).sign == 0)
  }

  @Test("tanh-sinh beta expectations match closed forms")
  func quadrature() {
    // E[p] = a/(a + b); E[1/p] = (a + b − 1)/(a − 1); E[ln p] = ψ(a) − ψ(a + b).
    for (a, b) in [(0.3, 0.7), (2.0, 5.0), (1.2, 0.4), (20.0, 3.0)] {
      #expect(abs(Quadrature.betaExpectation(a: a, b: b) { $0 } - a / (a + b)) < 1e-11)
      #expect(
        abs(
          Quadrature.betaExpectation(a: a, b: b) { log($0) }
            - (SpecialFunctions.digamma(a) - SpecialFunctions.digamma(a + b))) < 1e-9)
    }
    #expect(abs(Quadrature.betaExpectation(a: 3, b: 2) { 1 / $0 } - 2) < 1e-11)
  }
}
