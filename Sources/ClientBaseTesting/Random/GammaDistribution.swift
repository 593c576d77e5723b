public import ClientBaseCore

/// The gamma distribution with a shape and a rate: density ∝ x^(shape−1) e^(−rate·x).
///
/// The parameterisation of the buy-till-you-die literature: a purchase rate λ ~ Gamma(r, α)
/// has mean r/α. Values come from Marsaglia & Tsang's (2000) method, with their boost
/// `G(a) = G(a + 1) · U^(1/a)` for shapes below 1.
///
/// ```swift
/// let lambda = try GammaDistribution(shape: 0.243, rate: 4.414)
/// var generator = SeededGenerator(seed: 7)
/// let rate = lambda.sample(using: &generator)
/// ```
///
/// Parameters are checked once, in the initializer; sampling cannot fail. For a very small
/// shape a value can underflow to 0 (the distribution puts most of its mass there).
public struct GammaDistribution: Hashable, Sendable {
  /// The shape, greater than 0.
  public let shape: Double
  /// The rate (inverse scale), greater than 0.
  public let rate: Double

  /// Creates a gamma distribution.
  ///
  /// - Parameters:
  ///   - shape: The shape, finite and greater than 0.
  ///   - rate: The rate, finite and greater than 0; 1 by default.
  /// - Throws: `InputError.invalidParameter(_:reason:)` naming the bad parameter.
  public init(shape: Double, rate: Double = 1) throws(InputError) {
    try requirePositive(shape, "shape")
    try requirePositive(rate, "rate")
    self.shape = shape
    self.rate = rate
  }

  /// The mean, shape / rate.
  public var mean: Double { shape / rate }

  /// The variance, shape / rate².
  public var variance: Double { shape / (rate * rate) }

  /// Draws one value.
  ///
  /// - Parameter generator: The source of randomness.
  /// - Returns: A value of at least 0.
  @inlinable
  public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
    SamplingKernels.standardGamma(shape: shape, &generator) / rate
  }
}

/// Throws unless `value` is finite and greater than 0.
func requirePositive(_ value: Double, _ name: String) throws(InputError) {
  guard value.isFinite, value > 0 else {
    throw .invalidParameter(name, reason: "must be a finite number greater than 0, got \(value)")
  }
}

/// Throws unless `value` is finite and at least 0.
func requireNonNegative(_ value: Double, _ name: String) throws(InputError) {
  guard value.isFinite, value >= 0 else {
    throw .invalidParameter(name, reason: "must be a finite number of at least 0, got \(value)")
  }
}
