import Foundation
import Testing

@testable import ClientBaseCore

@Suite("Special functions")
struct SpecialFunctionsTests {
  @Test("log-gamma at known values")
  func logGammaKnown() {
    let cases: [(Double, Double)] = [
      (1, 0), (2, 0), (0.5, 0.5 * log(Double.pi)), (10, log(362_880.0)),
      (171, 706.573_062_245_787_4),  // ln(170!)
      (1e-8, 18.420_680_738_180_21),  // ≈ −ln(1e-8) − γ·1e-8
    ]
    for (x, expected) in cases {
      #expect(abs(SpecialFunctions.logGamma(x) - expected) <= 1e-13 * max(1, abs(expected)))
      #expect(
        abs(SpecialFunctions.lanczosLogGamma(x) - expected) <= 1e-12 * max(1, abs(expected)))
    }
    #expect(SpecialFunctions.logGamma(0) == .infinity)
    #expect(SpecialFunctions.lanczosLogGamma(-3) == .infinity)
  }

  @Test("the Lanczos fallback agrees with the C library over a wide grid")
  func lanczosAgrees() {
    var x = 0.01
    while x < 1e6 {
      let reference = SpecialFunctions.logGamma(x)
      let fallback = SpecialFunctions.lanczosLogGamma(x)
      #expect(abs(fallback - reference) <= 2e-13 * max(1, abs(reference)), "x = \(x)")
      x *= 1.37
    }
    for x in [-0.5, -1.5, -2.25] {  // reflection branch: ln|Γ(−0.5)| = ln(2√π)
      #expect(abs(SpecialFunctions.lanczosLogGamma(x) - SpecialFunctions.logGamma(x)) < 1e-12)
    }
  }

  @Test("digamma at known values and as the derivative of log-gamma")
  func digamma() {
    let euler = 0.577_215_664_901_532_9
    #expect(abs(SpecialFunctions.digamma(1) + euler) < 1e-15)
    #expect(abs(SpecialFunctions.digamma(0.5) - (-euler - 2 * log(2.0))) < 1e-14)
    #expect(abs(SpecialFunctions.digamma(10) - 2.251_752_589_066_721) < 1e-14)
    #expect(abs(SpecialFunctions.digamma(-0.5) - 0.036_489_973_978_576_52) < 1e-13)
    #expect(SpecialFunctions.digamma(0).isNaN)
    #expect(SpecialFunctions.digamma(-2).isNaN)
    // Central differences of ln Γ: error O(h²) plus rounding, about 1e-8 here.
    for x in [0.05, 0.3, 1.7, 4.2, 33.0, 1234.5] {
      let h = 1e-5 * max(1, x)
      let numeric =
        (SpecialFunctions.logGamma(x + h) - SpecialFunctions.logGamma(x - h)) / (2 * h)
      #expect(abs(SpecialFunctions.digamma(x) - numeric) < 1e-6 * max(1, abs(numeric)))
      // The recurrence ψ(x + 1) = ψ(x) + 1/x holds to rounding.
      #expect(
        abs(SpecialFunctions.digamma(x + 1) - SpecialFunctions.digamma(x) - 1 / x)
          < 1e-13 * max(1, 1 / x))
    }
  }

  @Test("trigamma at known values and as the derivative of digamma")
  func trigamma() {
    #expect(abs(SpecialFunctions.trigamma(1) - Double.pi * Double.pi / 6) < 1e-14)
    #expect(abs(SpecialFunctions.trigamma(0.5) - Double.pi * Double.pi / 2) < 1e-13)
    #expect(SpecialFunctions.trigamma(0).isNaN)
    for x in [0.2, 1.3, 7.5, 250.0] {
      let h = 1e-5 * max(1, x)
      let numeric = (SpecialFunctions.digamma(x + h) - SpecialFunctions.digamma(x - h)) / (2 * h)
      #expect(abs(SpecialFunctions.trigamma(x) - numeric) < 1e-6 * max(1, numeric))
    }
  }

  @Test("log-beta, log-sum-exp and log-diff-exp")
  func logDomain() {
    #expect(abs(SpecialFunctions.logBeta(2, 3) - log(1.0 / 12)) < 1e-15)
    #expect(abs(SpecialFunctions.logSumExp(1000, 1000) - (1000 + log(2.0))) < 1e-12)
    #expect(abs(SpecialFunctions.logSumExp(-1000, -1001) - (-1000 + log1p(exp(-1.0)))) < 1e-12)
    #expect(SpecialFunctions.logSumExp(-.infinity, -.infinity) == -.infinity)
    #expect(abs(SpecialFunctions.logSumExp([700, 700, 700]) - (700 + log(3.0))) < 1e-12)
    #expect(SpecialFunctions.logSumExp([Double]()) == -.infinity)
    #expect(abs(SpecialFunctions.logDiffExp(log(5.0), log(3.0)) - log(2.0)) < 1e-15)
    #expect(abs(SpecialFunctions.logDiffExp(800, 799) - (800 + log1p(-exp(-1.0)))) < 1e-12)
    #expect(abs(SpecialFunctions.logDiffExp(0, -1e-12) - log(1e-12)) < 1e-9)
    #expect(SpecialFunctions.logDiffExp(1, 1) == -.infinity)
    #expect(SpecialFunctions.logDiffExp(1, 2).isNaN)
    #expect(SpecialFunctions.log1p(1e-20) == 1e-20)
    #expect(SpecialFunctions.expm1(1e-20) == 1e-20)
  }

  @Test("log-gamma gives the same answers from many threads at once")
  func concurrency() async {
    let xs = (1...2000).map { Double($0) * 0.37 - 3.3 }
    let serial = xs.map(SpecialFunctions.logGamma)
    let parallel = await withTaskGroup(of: (Int, [Double]).self) { group in
      for chunk in 0..<8 {
        group.addTask {
          (
            chunk,
            stride(from: chunk, to: xs.count, by: 8).map { SpecialFunctions.logGamma(xs[$0]) }
          )
        }
      }
      var result = serial.map { _ in Double.nan }
      for await (chunk, values) in group {
        for (k, value) in values.enumerated() { result[chunk + 8 * k] = value }
      }
      return result
    }
    #expect(parallel == serial)
  }
}
