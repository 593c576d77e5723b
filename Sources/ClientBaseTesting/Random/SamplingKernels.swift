/// The sampling algorithms behind the distribution types, on parameters already validated.
///
/// Every kernel draws only through `RandomNumberGenerator.next()` and computes with
/// ``PortableMath``, so a kernel gives the same value for the same generator state on every
/// platform.
@usableFromInline
enum SamplingKernels: Sendable {
  /// A uniform value in [0, 1): the top 53 bits scaled by 2^-53.
  @inlinable
  static func unit<G: RandomNumberGenerator>(_ generator: inout G) -> Double {
    Double(generator.next() >> 11) * 0x1p-53
  }

  /// A uniform value in (0, 1): (k + ½)·2^-52 for a 52-bit k.
  @inlinable
  static func openUnit<G: RandomNumberGenerator>(_ generator: inout G) -> Double {
    (Double(generator.next() >> 12) + 0.5) * 0x1p-52
  }

  /// A standard normal value by Marsaglia's polar method (Marsaglia & Bray 1964).
  @inlinable
  static func standardNormal<G: RandomNumberGenerator>(_ generator: inout G) -> Double {
    while true {
      let u = 2 * unit(&generator) - 1
      let v = 2 * unit(&generator) - 1
      let s = u * u + v * v
      if s < 1, s > 0 {
        return u * (-2 * PortableMath.log(s) / s).squareRoot()
      }
    }
  }

  /// An exponential value with rate 1.
  @inlinable
  static func standardExponential<G: RandomNumberGenerator>(_ generator: inout G) -> Double {
    -PortableMath.log(openUnit(&generator))
  }

  /// The logarithm of a Gamma(shape, 1) value.
  ///
  /// Marsaglia & Tsang (2000) for shape ≥ 1; below 1, their boost
  /// `G(a) = G(a + 1) · U^(1/a)` taken in logarithms, so that tiny shapes, whose values
  /// underflow to zero, still have a finite logarithm.
  @inlinable
  static func logStandardGamma<G: RandomNumberGenerator>(shape: Double, _ generator: inout G)
    -> Double
  {
    if shape < 1 {
      let boosted = logStandardGamma(shape: shape + 1, &generator)
      return boosted + PortableMath.log(openUnit(&generator)) / shape
    }
    return PortableMath.log(marsagliaTsang(shape: shape, &generator))
  }

  /// A Gamma(shape, 1) value.
  @inlinable
  static func standardGamma<G: RandomNumberGenerator>(shape: Double, _ generator: inout G)
    -> Double
  {
    if shape < 1 {
      let boosted = marsagliaTsang(shape: shape + 1, &generator)
      return boosted * PortableMath.exp(PortableMath.log(openUnit(&generator)) / shape)
    }
    return marsagliaTsang(shape: shape, &generator)
  }

  /// Marsaglia & Tsang's (2000) squeeze-and-reject method for shape ≥ 1.
  @inlinable
  static func marsagliaTsang<G: RandomNumberGenerator>(shape: Double, _ generator: inout G)
    -> Double
  {
    let d = shape - 1.0 / 3.0
    let c = 1 / (9 * d).squareRoot()
    while true {
      let x = standardNormal(&generator)
      var v = 1 + c * x
      guard v > 0 else { continue }
      v = v * v * v
      let u = openUnit(&generator)
      let x2 = x * x
      if u < 1 - 0.0331 * x2 * x2 { return d * v }
      if PortableMath.log(u) < 0.5 * x2 + d * (1 - v + PortableMath.log(v)) { return d * v }
    }
  }

  /// A Beta(a, b) value as `X / (X + Y)` with `X ~ Gamma(a)`, `Y ~ Gamma(b)`, in logarithms
  /// when a shape is below 1 so that neither gamma value can underflow to zero.
  @inlinable
  static func beta<G: RandomNumberGenerator>(a: Double, b: Double, _ generator: inout G)
    -> Double
  {
    if a < 1 || b < 1 {
      let logX = logStandardGamma(shape: a, &generator)
      let logY = logStandardGamma(shape: b, &generator)
      return 1 / (1 + PortableMath.exp(logY - logX))
    }
    let x = marsagliaTsang(shape: a, &generator)
    let y = marsagliaTsang(shape: b, &generator)
    return x / (x + y)
  }

  /// A Poisson count: inversion by sequential search below mean 10, Hörmann's (1993)
  /// transformed rejection with squeeze (PTRS) from 10 up.
  @inlinable
  static func poisson<G: RandomNumberGenerator>(mean: Double, _ generator: inout G) -> Int {
    if mean <= 0 { return 0 }
    if mean < 10 {
      let u = unit(&generator)
      var probability = PortableMath.exp(-mean)
      var cumulative = probability
      var k = 0
      while u >= cumulative {
        k += 1
        probability *= mean / Double(k)
        // Rounding can leave the sum a hair below a u close to 1; stop once terms vanish.
        if probability == 0 { break }
        cumulative += probability
      }
      return k
    }
    return ptrs(mean: mean, &generator)
  }

  /// Hörmann's (1993) PTRS for a Poisson mean of at least 10.
  @usableFromInline
  static func ptrs<G: RandomNumberGenerator>(mean: Double, _ generator: inout G) -> Int {
    let rootMean = mean.squareRoot()
    let logMean = PortableMath.log(mean)
    let b = 0.931 + 2.53 * rootMean
    let a = -0.059 + 0.024_83 * b
    let inverseAlpha = 1.1239 + 1.1328 / (b - 3.4)
    let vr = 0.9277 - 3.6224 / (b - 2)
    while true {
      let u = unit(&generator) - 0.5
      let v = unit(&generator)
      let us = 0.5 - abs(u)
      guard us > 0 else { continue }
      let kReal = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
      // The hat's tails reach beyond any count a double can hold; such k are rejected anyway.
      guard kReal >= 0, kReal < 0x1p62 else { continue }
      let k = Int(kReal)
      if us >= 0.07, v <= vr { return k }
      if us < 0.013, v > us { continue }
      let lhs =
        PortableMath.log(v) + PortableMath.log(inverseAlpha) - PortableMath.log(a / (us * us) + b)
      let rhs = -mean + kReal * logMean - PortableMath.logFactorial(k)
      if lhs <= rhs { return k }
    }
  }
}
