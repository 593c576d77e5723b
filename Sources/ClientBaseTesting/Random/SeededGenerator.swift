/// A reproducible random number generator: xoshiro256\*\* seeded through SplitMix64.
///
/// The same seed gives the same sequence of `UInt64` values on every platform and every
/// release of Swift, because the algorithm is spelled out here rather than borrowed from the
/// standard library (whose `SystemRandomNumberGenerator` is not seedable and whose
/// `Double.random(in:using:)` does not promise a stable algorithm). Use it wherever a test or
/// a simulation must give the same answer tomorrow.
///
/// ```swift
/// var generator = SeededGenerator(seed: 42)
/// let draw = generator.next()               // the same UInt64 on every machine
/// let u = generator.nextUnitDouble()        // in [0, 1)
/// var perClient = generator.split(stream: 17)  // an independent stream for client 17
/// ```
///
/// The state is expanded from the seed with SplitMix64 (Steele, Lea & Flood 2014) as the
/// authors of xoshiro256\*\* (Blackman & Vigna 2021) recommend, so that nearby seeds give
/// unrelated streams and the all-zero state cannot occur.
///
/// Independent streams come two ways: ``jumped()`` (2^128 steps ahead: streams that provably
/// never overlap, at the cost of 256 steps per jump) and ``split(stream:)`` (a new state
/// derived by hashing this one with a stream number: constant time, for one stream per client
/// or per task). A value type: copies continue the same sequence independently, so give each
/// thread its own generator instead of sharing one.
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
  @usableFromInline var s0: UInt64
  @usableFromInline var s1: UInt64
  @usableFromInline var s2: UInt64
  @usableFromInline var s3: UInt64

  /// Creates a generator whose whole sequence is determined by `seed`.
  ///
  /// Four SplitMix64 outputs from `seed` become the xoshiro256\*\* state, as in the reference
  /// implementation's recommended seeding.
  ///
  /// - Parameter seed: Any value; 0 is as good a seed as any other.
  public init(seed: UInt64) {
    var splitMix = seed
    s0 = SeededGenerator.splitMix64(&splitMix)
    s1 = SeededGenerator.splitMix64(&splitMix)
    s2 = SeededGenerator.splitMix64(&splitMix)
    s3 = SeededGenerator.splitMix64(&splitMix)
  }

  /// Restores a generator from its four state words, as read from ``state``.
  ///
  /// Also how the published xoshiro256\*\* test vectors are checked: they start from the
  /// state (1, 2, 3, 4), which no seed produces.
  ///
  /// - Parameter state: The four words; not all zero.
  /// - Returns: `nil` for the all-zero state, from which the generator would only ever give
  ///   zeros.
  public init?(state: (UInt64, UInt64, UInt64, UInt64)) {
    guard state.0 | state.1 | state.2 | state.3 != 0 else { return nil }
    (s0, s1, s2, s3) = state
  }

  /// One step of SplitMix64: advances `state` by the golden-ratio increment and returns the
  /// mixed value.
  ///
  /// Exposed so tests can check it against the published reference sequence.
  ///
  /// - Parameter state: The SplitMix64 state, advanced in place.
  /// - Returns: The next SplitMix64 output.
  @inlinable
  public static func splitMix64(_ state: inout UInt64) -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return mix64(state)
  }

  /// SplitMix64's finaliser: a bijection on `UInt64` with full avalanche.
  @inlinable
  static func mix64(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  @inlinable
  static func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
    (x << k) | (x >> (64 &- k))
  }

  /// The next 64 random bits (xoshiro256\*\*).
  ///
  /// - Returns: A value uniformly distributed over all of `UInt64`.
  @inlinable
  public mutating func next() -> UInt64 {
    let result = SeededGenerator.rotateLeft(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = SeededGenerator.rotateLeft(s3, 45)
    return result
  }

  /// A uniform `Double` in the half-open interval [0, 1).
  ///
  /// The top 53 bits of ``next()`` scaled by 2^-53: every multiple of 2^-53 in [0, 1) is
  /// equally likely, and the result is the same on every platform.
  ///
  /// - Returns: A value in [0, 1).
  @inlinable
  public mutating func nextUnitDouble() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A uniform `Double` in the open interval (0, 1), safe to take the logarithm of.
  ///
  /// The top 52 bits of ``next()`` plus one half, scaled by 2^-52: the values
  /// (k + ½)·2^-52 for k in 0 ..< 2^52, symmetric about ½ and never 0 or 1.
  ///
  /// - Returns: A value in (0, 1).
  @inlinable
  public mutating func nextOpenUnitDouble() -> Double {
    (Double(next() >> 12) + 0.5) * 0x1p-52
  }

  /// A uniform integer in `0 ..< count`, without modulo bias.
  ///
  /// Lemire's multiply-and-reject method (Lemire 2019), spelled out so that the result does
  /// not depend on the standard library's version.
  ///
  /// - Parameter count: The number of possible values; a `count` of zero or less gives 0
  ///   rather than trapping.
  /// - Returns: A value in `0 ..< count`, or 0 when `count <= 0`.
  @inlinable
  public mutating func nextInt(below count: Int) -> Int {
    guard count > 1 else { return 0 }
    let bound = UInt64(count)
    var product = next().multipliedFullWidth(by: bound)
    if product.low < bound {
      let threshold = (0 &- bound) % bound
      while product.low < threshold {
        product = next().multipliedFullWidth(by: bound)
      }
    }
    return Int(product.high)
  }

  /// Advances the generator by 2^128 steps.
  ///
  /// Calling `jump()` *k* times gives the start of the *k*-th of 2^128 non-overlapping
  /// subsequences of length 2^128, the reference way to run parallel simulations.
  ///
  /// - Complexity: 256 steps of the generator.
  public mutating func jump() {
    apply(
      jumpPolynomial: (
        0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C
      ))
  }

  /// Advances the generator by 2^192 steps.
  ///
  /// Gives 2^64 starting points, from each of which ``jump()`` gives 2^64 non-overlapping
  /// subsequences.
  ///
  /// - Complexity: 256 steps of the generator.
  public mutating func longJump() {
    apply(
      jumpPolynomial: (
        0x76E1_5D3E_FEFD_CBBF, 0xC500_4E44_1C52_2FB3, 0x7771_0069_854E_E241, 0x3910_9BB0_2ACB_E635
      ))
  }

  /// A copy advanced by 2^128 steps, leaving this generator as it is.
  ///
  /// - Returns: The jumped generator.
  /// - Complexity: 256 steps of the generator.
  public func jumped() -> SeededGenerator {
    var copy = self
    copy.jump()
    return copy
  }

  /// A new generator for stream number `stream`, derived from this generator's state without
  /// changing it.
  ///
  /// The derived state is SplitMix64-expanded from a hash of the current state and the stream
  /// number, so `split(stream: i)` is the same wherever and whenever it is called: give client
  /// *i*, or task *i*, the generator `root.split(stream: i)` and the result does not depend on
  /// the order in which clients or tasks run. Streams for different numbers start at
  /// unrelated points of the 2^256 − 1 cycle; unlike ``jumped()`` they are not proven
  /// disjoint, but an overlap within any practical length is astronomically unlikely.
  ///
  /// - Parameter stream: The stream number.
  /// - Returns: The stream's generator.
  @inlinable
  public func split(stream: UInt64) -> SeededGenerator {
    let digest =
      SeededGenerator.mix64(s0 ^ SeededGenerator.rotateLeft(s1, 17))
      ^ SeededGenerator.mix64(s2 &+ SeededGenerator.rotateLeft(s3, 41))
    return SeededGenerator(seed: digest ^ SeededGenerator.mix64(stream ^ 0x6A09_E667_F3BC_C909))
  }

  /// The four 64-bit words of the xoshiro256\*\* state, for checks against the reference
  /// implementation.
  public var state: (UInt64, UInt64, UInt64, UInt64) { (s0, s1, s2, s3) }

  private mutating func apply(jumpPolynomial: (UInt64, UInt64, UInt64, UInt64)) {
    var t0: UInt64 = 0
    var t1: UInt64 = 0
    var t2: UInt64 = 0
    var t3: UInt64 = 0
    for word in [jumpPolynomial.0, jumpPolynomial.1, jumpPolynomial.2, jumpPolynomial.3] {
      for bit in 0 as UInt64..<64 {
        if word & (1 << bit) != 0 {
          t0 ^= s0
          t1 ^= s1
          t2 ^= s2
          t3 ^= s3
        }
        _ = next()
      }
    }
    s0 = t0
    s1 = t1
    s2 = t2
    s3 = t3
  }
}
