/// The natural logarithm and exponential computed the same way, to the last bit, on every
/// platform.
///
/// The C math libraries of Linux, Apple platforms, Windows and musl are each accurate to about
/// one unit in the last place, but not identical: a sampler that calls the platform's `log`
/// can draw a different Poisson count or round a purchase to a different day on another
/// machine. These are Sun's fdlibm `e_log.c` and `e_exp.c` (as kept in musl), ported using
/// only IEEE-754 arithmetic, which Swift performs identically everywhere; both stay within one
/// unit in the last place of the exact result. Every sampler in this module uses them, which
/// is what makes a ``SyntheticBase`` identical on every platform.
public enum PortableMath: Sendable {
  private static let ln2Hi = 6.931_471_803_691_238_164_90e-01
  private static let ln2Lo = 1.908_214_929_270_587_700_02e-10
  private static let two54 = 1.801_439_850_948_198_400_00e+16
  private static let lg1 = 6.666_666_666_666_735_130e-01
  private static let lg2 = 3.999_999_999_940_941_908e-01
  private static let lg3 = 2.857_142_874_366_239_149e-01
  private static let lg4 = 2.222_219_843_214_978_396e-01
  private static let lg5 = 1.818_357_216_161_805_012e-01
  private static let lg6 = 1.531_383_769_920_937_332e-01
  private static let lg7 = 1.479_819_860_511_658_591e-01
  private static let invLn2 = 1.442_695_040_888_963_387_00e+00
  private static let p1 = 1.666_666_666_666_660_190_37e-01
  private static let p2 = -2.777_777_777_701_559_338_42e-03
  private static let p3 = 6.613_756_321_437_934_361_17e-05
  private static let p4 = -1.653_390_220_546_525_153_90e-06
  private static let p5 = 4.138_136_797_057_238_460_39e-08

  /// The natural logarithm of `x`.
  ///
  /// fdlibm's algorithm: `x = 2^k · (1 + f)` with `√2/2 < 1 + f < √2`, then
  /// `log(1 + f) = 2s + s·R(s²)` with `s = f / (2 + f)` and a minimax polynomial `R`.
  ///
  /// - Parameter x: The argument.
  /// - Returns: `log(x)`; `-infinity` for ±0, NaN for negative numbers and NaN, `+infinity`
  ///   for `+infinity`.
  public static func log(_ x: Double) -> Double {
    var x = x
    var hx = Int32(truncatingIfNeeded: x.bitPattern >> 32)
    let lx = UInt32(truncatingIfNeeded: x.bitPattern)
    var k: Int32 = 0
    if hx < 0x0010_0000 {  // x < 2^-1022: zero, subnormal, or negative
      if (UInt32(bitPattern: hx) & 0x7FFF_FFFF) | lx == 0 { return -.infinity }
      if hx < 0 { return .nan }
      k -= 54
      x *= two54  // scale a subnormal up
      hx = Int32(truncatingIfNeeded: x.bitPattern >> 32)
    }
    if hx >= 0x7FF0_0000 { return x + x }
    k += (hx >> 20) - 1023
    hx &= 0x000F_FFFF
    var i = (hx &+ 0x95F64) & 0x10_0000
    // Normalise x or x/2 into [√2/2, √2).
    let high = UInt64(UInt32(bitPattern: hx | (i ^ 0x3FF0_0000)))
    x = Double(bitPattern: (high << 32) | (x.bitPattern & 0xFFFF_FFFF))
    k += i >> 20
    let f = x - 1.0
    if (0x000F_FFFF & (2 &+ hx)) < 3 {  // |f| < 2^-20
      if f == 0 {
        if k == 0 { return 0 }
        let dk = Double(k)
        return dk * ln2Hi + dk * ln2Lo
      }
      let r = f * f * (0.5 - 0.333_333_333_333_333_33 * f)
      if k == 0 { return f - r }
      let dk = Double(k)
      return dk * ln2Hi - ((r - dk * ln2Lo) - f)
    }
    let s = f / (2.0 + f)
    let dk = Double(k)
    let z = s * s
    i = hx &- 0x6147A
    let w = z * z
    let j = 0x6B851 &- hx
    let t1 = w * (lg2 + w * (lg4 + w * lg6))
    let t2 = z * (lg1 + w * (lg3 + w * (lg5 + w * lg7)))
    i |= j
    let r = t2 + t1
    if i > 0 {
      let hfsq = 0.5 * f * f
      if k == 0 { return f - (hfsq - s * (hfsq + r)) }
      return dk * ln2Hi - ((hfsq - (s * (hfsq + r) + dk * ln2Lo)) - f)
    }
    if k == 0 { return f - s * (f - r) }
    return dk * ln2Hi - ((s * (f - r) - dk * ln2Lo) - f)
  }

  /// The exponential of `x`.
  ///
  /// fdlibm's algorithm: `x = k·ln2 + r` with `|r| ≤ ln2/2`, `exp(r)` from a rational
  /// approximation, then an exact scaling by `2^k`.
  ///
  /// - Parameter x: The argument.
  /// - Returns: `e^x`; `+infinity` above about 709.78, 0 below about −745.13, NaN for NaN.
  public static func exp(_ x: Double) -> Double {
    let highWord = UInt32(truncatingIfNeeded: x.bitPattern >> 32)
    let isNegative = highWord >> 31 == 1
    let hx = highWord & 0x7FFF_FFFF
    if hx >= 0x4086_232B {  // |x| >= 708.39…
      if x.isNaN { return x }
      if x > 709.782_712_893_383_973_096 { return .infinity }
      if x < -745.133_219_101_941_108_42 { return 0 }
    }
    var k = 0
    let hi: Double
    let lo: Double
    let r: Double
    if hx > 0x3FD6_2E42 {  // |x| > ln2/2
      if hx >= 0x3FF0_A2B2 {  // |x| >= 1.5·ln2
        k = Int(invLn2 * x + (isNegative ? -0.5 : 0.5))
      } else {
        k = isNegative ? -1 : 1
      }
      hi = x - Double(k) * ln2Hi  // exact
      lo = Double(k) * ln2Lo
      r = hi - lo
    } else if hx > 0x3E30_0000 {  // |x| > 2^-28
      hi = x
      lo = 0
      r = x
    } else {
      return 1 + x
    }
    let rr = r * r
    let c = r - rr * (p1 + rr * (p2 + rr * (p3 + rr * (p4 + rr * p5))))
    let y = 1 + (r * c / (2 - c) - lo + hi)
    return k == 0 ? y : scaled(y, byPowerOfTwo: k)
  }

  /// `x · 2^n` with a single rounding, as musl's `scalbn`.
  private static func scaled(_ x: Double, byPowerOfTwo n: Int) -> Double {
    var y = x
    var n = n
    if n > 1023 {
      y *= 0x1p1023
      n -= 1023
      if n > 1023 {
        y *= 0x1p1023
        n -= 1023
        if n > 1023 { n = 1023 }
      }
    } else if n < -1022 {
      // Keep the final n below −53 so a subnormal result is rounded only once.
      y *= 0x1p-1022 * 0x1p53
      n += 1022 - 53
      if n < -1022 {
        y *= 0x1p-1022 * 0x1p53
        n += 1022 - 53
        if n < -1022 { n = -1022 }
      }
    }
    return y * Double(bitPattern: UInt64(0x3FF + n) << 52)
  }

  /// The coefficients of Stirling's series for log Γ, in powers of 1/x².
  private static let stirlingCoefficients: [Double] = [
    8.333_333_333_333_333e-02, -2.777_777_777_777_778e-03, 7.936_507_936_507_937e-04,
    -5.952_380_952_380_952e-04, 8.417_508_417_508_418e-04, -1.917_526_917_526_918e-03,
    6.410_256_410_256_410e-03, -2.955_065_359_477_124e-02, 1.796_443_723_688_307e-01,
    -1.392_432_216_905_90e+00,
  ]

  /// `log(n!)`, exact to rounding for `n ≤ 22` and from Stirling's series beyond.
  ///
  /// - Parameter n: A count; negative values give 0.
  /// - Returns: The logarithm of `n` factorial.
  static func logFactorial(_ n: Int) -> Double {
    if n < 2 { return 0 }
    if n <= 22 {
      // Every partial product up to 22! is a double exactly.
      var product = 1.0
      for i in 2...n { product *= Double(i) }
      return log(product)
    }
    // log Γ(x) for x = n + 1 ≥ 24 (the series numpy's `random_loggam` uses).
    let x = Double(n) + 1
    let x2 = 1 / (x * x)
    var series = stirlingCoefficients[9]
    for index in stride(from: 8, through: 0, by: -1) {
      series = series * x2 + stirlingCoefficients[index]
    }
    let halfLog2Pi = 0.918_938_533_204_672_7
    return series / x + halfLog2Pi + (x - 0.5) * log(x) - x
  }
}
