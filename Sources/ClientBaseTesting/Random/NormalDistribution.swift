public import ClientBaseCore

/// The normal distribution with a mean and a standard deviation.
///
/// Values come from Marsaglia's polar method (Marsaglia & Bray 1964), which needs only a
/// logarithm and a square root, both reproducible on every platform.
///
/// ```swift
/// let noise = try NormalDistribution(mean: 0, standardDeviation: 2)
/// var generator = SeededGenerator(seed: 7)
/// let x = noise.sample(using: &generator)
/// ```
public struct NormalDistribution: Hashable, Sendable {
  /// The mean.
  public let mean: Double
  /// The standard deviation, at least 0.
  public let standardDeviation: Double

  /// Creates a normal distribution.
  ///
  /// - Parameters:
  ///   - mean: The mean, finite; 0 by default.
  ///   - standardDeviation: The standard deviation, finite and at least 0 (0 gives the mean
  ///     every time); 1 by default.
  /// - Throws: `InputError.invalidParameter(_:reason:)` naming the bad parameter.
  public init(mean: Double = 0, standardDeviation: Double = 1) throws(InputError) {
    guard mean.isFinite else {
      throw .invalidParameter("mean", reason: "must be finite, got \(mean)")
    }
    try requireNonNegative(standardDeviation, "standardDeviation")
    self.mean = mean
    self.standardDeviation = standardDeviation
  }

  /// The variance, the standard deviation squared.
  public var variance: Double { standardDeviation * standardDeviation }

  /// Draws one value.
  ///
  /// - Parameter generator: The source of randomness.
  /// - Returns: A finite value.
  @inlinable
  public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
    mean + standardDeviation * SamplingKernels.standardNormal(&generator)
  }
}
