public import ClientBaseCore

/// The beta distribution on [0, 1] with shapes a and b: density ∝ x^(a−1) (1 − x)^(b−1).
///
/// Values are `X / (X + Y)` for independent `X ~ Gamma(a, 1)` and `Y ~ Gamma(b, 1)`, computed
/// in logarithms when a shape is below 1 so that small shapes (a dropout probability
/// p ~ Beta(0.79, 2.43) in the BG/NBD model) never give 0/0.
///
/// ```swift
/// let dropout = try BetaDistribution(a: 0.793, b: 2.426)
/// var generator = SeededGenerator(seed: 7)
/// let p = dropout.sample(using: &generator)
/// ```
public struct BetaDistribution: Hashable, Sendable {
  /// The first shape, greater than 0.
  public let a: Double
  /// The second shape, greater than 0.
  public let b: Double

  /// Creates a beta distribution.
  ///
  /// - Parameters:
  ///   - a: The first shape, finite and greater than 0.
  ///   - b: The second shape, finite and greater than 0.
  /// - Throws: `InputError.invalidParameter(_:reason:)` naming the bad parameter.
  public init(a: Double, b: Double) throws(InputError) {
    try requirePositive(a, "a")
    try requirePositive(b, "b")
    self.a = a
    self.b = b
  }

  /// The mean, a / (a + b).
  public var mean: Double { a / (a + b) }

  /// The variance, ab / ((a + b)² (a + b + 1)).
  public var variance: Double {
    let sum = a + b
    return a * b / (sum * sum * (sum + 1))
  }

  /// Draws one value.
  ///
  /// - Parameter generator: The source of randomness.
  /// - Returns: A value in [0, 1].
  @inlinable
  public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
    SamplingKernels.beta(a: a, b: b, &generator)
  }
}
