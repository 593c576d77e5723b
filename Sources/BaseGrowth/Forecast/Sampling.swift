/// The generator of one Monte Carlo draw: SplitMix64 (Steele, Lea & Flood 2014) started from
/// the run's seed and the draw's index.
///
/// Each draw has its own stream, a function of (seed, draw) alone, so a draw gives the same
/// path whichever thread runs it and in whatever order: the simulation does not depend on the
/// thread count. SplitMix64 passes BigCrush and costs a few instructions a number.
struct DrawGenerator {
  var state: UInt64

  init(seed: UInt64, draw: Int) {
    state = Self.mix(seed ^ Self.mix(UInt64(truncatingIfNeeded: draw) &+ 0x6A09_E667_F3BC_C909))
  }

  @inline(__always)
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  @inline(__always)
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return Self.mix(state)
  }

  /// A uniform value in [0, 1).
  @inline(__always)
  mutating func unit() -> Double { Double(next() >> 11) * 0x1p-53 }
}

/// ln k! − [(k + ½) ln(k + 1) − (k + 1) + ½ ln 2π]: the tail of Stirling's series, from a
/// table for k < 30 and the series beyond (the form TensorFlow's BTRS uses, whose table stops
/// at 9; from 30 on the series' first omitted term is below 10⁻¹³).
@inline(__always)
func stirlingTail(_ k: Double) -> Double {
  if k < 30 { return stirlingTailTable[Int(k)] }
  let kp1 = k + 1
  let kp1sq = kp1 * kp1
  return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / kp1
}

/// ``stirlingTail(_:)`` for k = 0..<30, from the log-gamma function.
let stirlingTailTable: [Double] = (0..<30).map { k in
  let kp1 = Double(k) + 1
  return SpecialFunctions.logGamma(kp1) - ((kp1 - 0.5) * cLog(kp1) - kp1 + 0.918_938_533_204_672_8)
}

/// ln k! through Stirling's series with its tail: exact to rounding for every k ≥ 0.
@inline(__always)
func logFactorial(_ k: Double) -> Double {
  let kp1 = k + 1
  return (k + 0.5) * cLog(kp1) - kp1 + 0.918_938_533_204_672_8 + stirlingTail(k)
}

/// A Poisson sampler for one mean, its set-up done once for every draw of a simulation.
///
/// Up to a mean of 10⁶ it inverts a table of the distribution function with a guide table
/// (Chen & Asau 1974): an index from the uniform, then one or two comparisons. The table spans
/// the values whose probability is above 10⁻²⁰ — the mass left out is far below the 2⁻⁵³
/// resolution of the uniform — so the draws are those of exact inversion. Beyond it, Hörmann's
/// (1993) PTRS, O(1) per draw.
struct PoissonSampler: Sendable {
  /// The largest mean that gets a table.
  static let largestTabulatedMean = 1e6

  let mean: Double
  /// The first value of the table.
  let lowest: Double
  /// P(X ≤ lowest + i), the last entry exactly 1.
  let cumulative: [Double]
  /// guide[j]: the first i with cumulative[i] > j / guide.count.
  let guide: [Int32]
  let logMean: Double
  let b: Double
  let a: Double
  let logInverseAlpha: Double
  let vr: Double

  init(mean: Double) {
    self.mean = mean
    logMean = mean > 0 ? cLog(mean) : 0
    b = 0.931 + 2.53 * mean.squareRoot()
    a = -0.059 + 0.024_83 * b
    logInverseAlpha = cLog(1.1239 + 1.1328 / (b - 3.4))
    vr = 0.9277 - 3.6224 / (b - 2)
    guard mean > 0, mean <= Self.largestTabulatedMean else {
      (lowest, cumulative, guide) = (0, [], [])
      return
    }
    // The probabilities from the mode outwards, by the ratio p(k+1)/p(k) = mean/(k+1).
    let mode = mean.rounded(.down)
    let atMode = cExp(-mean + mode * logMean - logFactorial(mode))
    var below: [Double] = []
    var k = mode
    var p = atMode
    while k > 0 {
      p *= k / mean
      if p < 1e-20 { break }
      below.append(p)
      k -= 1
    }
    var above: [Double] = []
    k = mode
    p = atMode
    while true {
      p *= mean / (k + 1)
      if p < 1e-20 { break }
      above.append(p)
      k += 1
    }
    var cumulative: [Double] = []
    cumulative.reserveCapacity(below.count + 1 + above.count)
    var total = 0.0
    for probability in below.reversed() + [atMode] + above {
      total += probability
      cumulative.append(total)
    }
    for i in cumulative.indices { cumulative[i] /= total }
    cumulative[cumulative.count - 1] = 1
    var guide = [Int32](repeating: 0, count: cumulative.count)
    var i = 0
    for j in 0..<guide.count {
      let threshold = Double(j) / Double(guide.count)
      while cumulative[i] <= threshold { i += 1 }
      guide[j] = Int32(i)
    }
    self.lowest = mode - Double(below.count)
    self.cumulative = cumulative
    self.guide = guide
  }

  /// A draw.
  @inline(__always)
  func sample(_ generator: inout DrawGenerator) -> Double {
    if mean <= 0 { return 0 }
    if !cumulative.isEmpty {
      let u = generator.unit()
      return cumulative.withUnsafeBufferPointer { cumulative in
        guide.withUnsafeBufferPointer { guide in
          var i = Int(guide[Swift.min(Int(u * Double(guide.count)), guide.count - 1)])
          while cumulative[i] <= u { i += 1 }
          return lowest + Double(i)
        }
      }
    }
    while true {
      let u = generator.unit() - 0.5
      let v = generator.unit()
      let us = 0.5 - abs(u)
      guard us > 0 else { continue }
      let k = ((2 * a / us + b) * u + mean + 0.43).rounded(.down)
      guard k >= 0 else { continue }
      if us >= 0.07, v <= vr { return k }
      if us < 0.013, v > us { continue }
      let lhs = cLog(v) + logInverseAlpha - cLog(a / (us * us) + b)
      if lhs <= -mean + k * logMean - logFactorial(k) { return k }
    }
  }
}

/// A binomial draw: the number of `n` trials that succeed with probability `p`.
///
/// Inversion when the smaller of *np* and *n*(1 − *p*) is below 10, Hörmann's (1993) BTRS
/// from there; O(1) expected work for any `n`.
@inline(__always)
func binomialSample(_ n: Double, _ p: Double, _ generator: inout DrawGenerator) -> Double {
  if n <= 0 || p <= 0 { return 0 }
  if p >= 1 { return n }
  if p > 0.5 { return n - binomialSample(n, 1 - p, &generator) }
  let q = 1 - p
  if n * p < 10 {
    let start = cExp(n * cLog1p(-p))
    let np = n * p
    let bound = Swift.min(n, np + 10 * (np * q + 1).squareRoot())
    var x = 0.0
    var px = start
    var u = generator.unit()
    while u > px {
      x += 1
      if x > bound {
        x = 0
        px = start
        u = generator.unit()
      } else {
        u -= px
        px = ((n - x + 1) * p * px) / (x * q)
      }
    }
    return x
  }
  let spq = (n * p * q).squareRoot()
  let b = 1.15 + 2.53 * spq
  let a = -0.0873 + 0.0248 * b + 0.01 * p
  let c = n * p + 0.5
  let vr = 0.92 - 4.2 / b
  let r = p / q
  let alpha = (2.83 + 5.1 / b) * spq
  let m = ((n + 1) * p).rounded(.down)
  while true {
    let u = generator.unit() - 0.5
    var v = generator.unit()
    let us = 0.5 - abs(u)
    guard us > 0 else { continue }
    let k = ((2 * a / us + b) * u + c).rounded(.down)
    guard k >= 0, k <= n else { continue }
    if us >= 0.07, v <= vr { return k }
    v = cLog(v * alpha / (a / (us * us) + b))
    let bound =
      (m + 0.5) * cLog((m + 1) / (r * (n - m + 1))) + (n + 1) * cLog((n - m + 1) / (n - k + 1))
      + (k + 0.5) * cLog(r * (n - k + 1) / (k + 1)) + stirlingTail(m) + stirlingTail(n - m)
      - stirlingTail(k) - stirlingTail(n - k)
    if v <= bound { return k }
  }
}
