public import ClientBaseCore

/// The Poisson distribution with a mean: the number of events of a Poisson process in a
/// fixed time.
///
/// Below a mean of 10 values come from inversion by sequential search (one uniform per
/// draw); from 10 up from Hörmann's (1993) transformed rejection with squeeze, PTRS, whose
/// cost does not grow with the mean.
///
/// ```swift
/// let contacts = try PoissonDistribution(mean: 4)
/// var generator = SeededGenerator(seed: 7)
/// let count = contacts.sample(using: &generator)
/// ```
public struct PoissonDistribution: Hashable, Sendable {
  /// The largest mean accepted, 2^52, below which every count a draw can reach is exact in
  /// a `Double`.
  public static let maximumMean: Double = 0x1p52

  /// The mean (and variance), at least 0.
  public let mean: Double

  /// Creates a Poisson distribution.
  ///
  /// - Parameter mean: The mean, finite, from 0 (every draw is 0) to ``maximumMean``.
  /// - Throws: `InputError.invalidParameter(_:reason:)` when the mean is negative, not
  ///   finite or above ``maximumMean``.
  public init(mean: Double) throws(InputError) {
    try requireNonNegative(mean, "mean")
    guard mean <= PoissonDistribution.maximumMean else {
      throw .invalidParameter("mean", reason: "must be at most 2^52, got \(mean)")
    }
    self.mean = mean
  }

  /// The variance, equal to the mean.
  public var variance: Double { mean }

  /// Draws one count.
  ///
  /// - Parameter generator: The source of randomness.
  /// - Returns: A count of at least 0.
  @inlinable
  public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Int {
    SamplingKernels.poisson(mean: mean, &generator)
  }
}
