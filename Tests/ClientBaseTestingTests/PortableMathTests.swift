import ClientBaseTesting
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#elseif canImport(Darwin)
  import Darwin
#elseif canImport(ucrt)
  import ucrt
#endif

@Suite("PortableMath")
struct PortableMathTests {
  /// The distance in units in the last place between two finite doubles of the same sign.
  func ulps(_ a: Double, _ b: Double) -> UInt64 {
    let x = a.bitPattern
    let y = b.bitPattern
    return x > y ? x - y : y - x
  }

  /// fdlibm's log and the platform's are each within one ulp of the exact value, so they
  /// differ by at most one ulp (each returns one of the two doubles around the exact value).
  @Test func logAgreesWithThePlatformWithinOneUlp() {
    var generator = SeededGenerator(seed: 1)
    for _ in 0..<50_000 {
      // Log-uniform over the normal range, plus values near 1 where cancellation bites.
      let exponent = generator.nextUnitDouble() * 2_000 - 1_000
      let x = exp(exponent * 0.69)
      #expect(ulps(PortableMath.log(x), log(x)) <= 1, "log(\(x))")
      let near = 1 + (generator.nextUnitDouble() - 0.5) * 1e-3
      #expect(ulps(PortableMath.log(near), log(near)) <= 1, "log(\(near))")
    }
    for x in [Double.leastNonzeroMagnitude, 0x1p-1030, Double.leastNormalMagnitude, 0.5, 2, 10] {
      #expect(ulps(PortableMath.log(x), log(x)) <= 1, "log(\(x))")
    }
  }

  @Test func expAgreesWithThePlatformWithinOneUlp() {
    var generator = SeededGenerator(seed: 2)
    for _ in 0..<50_000 {
      let x = generator.nextUnitDouble() * 1_450 - 740
      #expect(ulps(PortableMath.exp(x), exp(x)) <= 1, "exp(\(x))")
      let small = (generator.nextUnitDouble() - 0.5) * 1e-6
      #expect(ulps(PortableMath.exp(small), exp(small)) <= 1, "exp(\(small))")
    }
  }

  /// Special values as IEEE 754 and C99 Annex F define them. exp(1) is fdlibm's own answer,
  /// one ulp above the nearest double to e: Java's `StrictMath.exp(1.0)`, which is fdlibm by
  /// specification, famously returns 2.7182818284590455 rather than `Math.E`, so matching it
  /// shows the port is faithful to the bit.
  @Test func specialValues() {
    #expect(PortableMath.log(0) == -.infinity)
    #expect(PortableMath.log(-0.0) == -.infinity)
    #expect(PortableMath.log(-1).isNaN)
    #expect(PortableMath.log(.nan).isNaN)
    #expect(PortableMath.log(.infinity) == .infinity)
    #expect(PortableMath.log(1) == 0)
    #expect(PortableMath.log(2) == 0.693_147_180_559_945_3)
    #expect(PortableMath.exp(0) == 1)
    #expect(PortableMath.exp(1) == 2.718_281_828_459_045_5)
    #expect(PortableMath.exp(710) == .infinity)
    #expect(PortableMath.exp(-746) == 0)
    #expect(PortableMath.exp(-.infinity) == 0)
    #expect(PortableMath.exp(.infinity) == .infinity)
    #expect(PortableMath.exp(.nan).isNaN)
    #expect(PortableMath.exp(-740) > 0)  // subnormal, not flushed
  }
}
