/// What a growth rule looks at: the size of the base, its characteristic period and, when a
/// converged purchase model is at hand, the loss it expects.
///
/// ```swift
/// let situation = try GrowthSituation(baseSize: 400, period: period, expectedLoss: loss)
/// let target = try StandardGrowthTarget.standard.target(for: situation)   // 20 a period
/// ```
public struct GrowthSituation: Hashable, Sendable {
  /// The clients the business counts as its base, 0 or more: the table's clients, or those
  /// not yet lost — the host's choice, named in every reason.
  public let baseSize: Int
  /// The period the targets are counted over.
  public let period: CharacteristicPeriod
  /// The silent loss a converged purchase model expects over the period, or `nil`.
  public let expectedLoss: ExpectedLoss?

  /// Creates a situation, checking it.
  ///
  /// - Parameters:
  ///   - baseSize: The clients in the base, 0 or more.
  ///   - period: The characteristic period.
  ///   - expectedLoss: The expected silent loss over the period, or `nil`.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a negative base, or an expected
  ///   loss counted over another period than `period` (its days differ by more than one part
  ///   in a million).
  public init(baseSize: Int, period: CharacteristicPeriod, expectedLoss: ExpectedLoss? = nil)
    throws(GrowthError)
  {
    guard baseSize >= 0 else {
      throw .invalidParameter("baseSize", reason: "must be 0 or more, got \(baseSize)")
    }
    if let expectedLoss, abs(expectedLoss.periodDays - period.days) > 1e-6 * period.days {
      throw .invalidParameter(
        "expectedLoss",
        reason: "counted over \(expectedLoss.periodDays) days, but the period is "
          + "\(period.days) days; measure the loss over the same period")
    }
    self.baseSize = baseSize
    self.period = period
    self.expectedLoss = expectedLoss
  }

  /// The same situation with another base size: what the law checks vary.
  ///
  /// - Parameter size: The new base size, 0 or more.
  /// - Returns: The situation.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a negative size.
  public func withBaseSize(_ size: Int) throws(GrowthError) -> GrowthSituation {
    try GrowthSituation(baseSize: size, period: period, expectedLoss: expectedLoss)
  }
}
