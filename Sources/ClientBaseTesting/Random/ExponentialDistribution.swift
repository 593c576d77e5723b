public import ClientBaseCore

/// The exponential distribution with a rate: the waiting time between events of a Poisson
/// process.
///
/// Values are `−log(U) / rate` for U uniform on the open interval (0, 1).
///
/// ```swift
/// let gap = try ExponentialDistribution(rate: 0.5)   // mean 2
/// var generator = SeededGenerator(seed: 7)
/// let wait = gap.sample(using: &generator)
/// ```
public struct ExponentialDistribution: Hashable, Sendable {
  /// The rate, greater than 0; the mean is its inverse.
  public let rate: Double

  /// Creates an exponential distribution.
  ///
  /// - Parameter rate: The rate, finite and greater than 0.
  /// - Throws: `InputError.invalidParameter(_:reason:)` when the rate is not positive and
  ///   finite.
  public init(rate: Double) throws(InputError) {
    try requirePositive(rate, "rate")
    self.rate = rate
  }

  /// The mean, 1 / rate.
  public var mean: Double { 1 / rate }

  /// The variance, 1 / rate².
  public var variance: Double { 1 / (rate * rate) }

  /// Draws one value.
  ///
  /// - Parameter generator: The source of randomness.
  /// - Returns: A value greater than 0.
  @inlinable
  public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Double {
    SamplingKernels.standardExponential(&generator) / rate
  }
}
