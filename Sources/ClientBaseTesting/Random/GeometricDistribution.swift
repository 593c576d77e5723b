public import ClientBaseCore

/// The geometric distribution counting the **failures before the first success** of
/// independent trials that each succeed with probability p: values 0, 1, 2, …
///
/// The number of *trials* up to and including the first success is one more than a value
/// of this distribution. Values are `⌊log U / log(1 − p)⌋` for U uniform on (0, 1), with
/// `log(1 − p)` from its series when p is tiny so that it keeps full precision.
///
/// ```swift
/// let failures = try GeometricDistribution(successProbability: 0.25)   // mean 3
/// var generator = SeededGenerator(seed: 7)
/// let count = failures.sample(using: &generator)
/// ```
public struct GeometricDistribution: Hashable, Sendable {
  /// The probability that a trial succeeds, in (0, 1].
  public let successProbability: Double
  /// `log(1 − p)`, precomputed; −infinity when p is 1.
  @usableFromInline let logFailureProbability: Double

  /// Creates a geometric distribution.
  ///
  /// - Parameter successProbability: The success probability of each trial, greater than 0
  ///   and at most 1.
  /// - Throws: `InputError.invalidParameter(_:reason:)` when the probability is not in
  ///   (0, 1].
  public init(successProbability: Double) throws(InputError) {
    let p = successProbability
    guard p > 0, p <= 1 else {
      throw .invalidParameter(
        "successProbability", reason: "must be greater than 0 and at most 1, got \(p)")
    }
    self.successProbability = p
    if p < 1e-4 {
      // log(1 − p) = −(p + p²/2 + p³/3 + p⁴/4 + …); the next term is below 2^-60 of the sum.
      logFailureProbability = -(p + p * p * (0.5 + p * (1.0 / 3.0 + p * 0.25)))
    } else {
      logFailureProbability = PortableMath.log(1 - p)
    }
  }

  /// The mean number of failures, (1 − p) / p.
  public var mean: Double { (1 - successProbability) / successProbability }

  /// The variance, (1 − p) / p².
  public var variance: Double {
    (1 - successProbability) / (successProbability * successProbability)
  }

  /// Draws one count of failures.
  ///
  /// - Parameter generator: The source of randomness.
  /// - Returns: A count of at least 0; saturates at `Int.max` (reachable only for p below
  ///   about 10^-17).
  @inlinable
  public func sample<G: RandomNumberGenerator>(using generator: inout G) -> Int {
    guard successProbability < 1 else { return 0 }
    let u = SamplingKernels.openUnit(&generator)
    let failures = (PortableMath.log(u) / logFailureProbability).rounded(.down)
    return failures < 0x1p62 ? Int(failures) : Int.max
  }
}
