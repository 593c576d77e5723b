/// How far a rule's target is from the silent loss a converged purchase model expects: is
/// the √n rule enough for this base?
///
/// ```swift
/// let comparison = try GrowthTargetComparison(target: sqrtN, expectedLoss: loss)
/// comparison.surplus    // -4.3: the rule asks for 4.3 fewer than the model expects to lose
/// comparison.reason     // "sqrtN asks for 20 new prospects every 30 days; the model expects
///                       //  24.3 clients to leave silently (standard deviation 4.6): it falls
///                       //  short by 4.3, covering 82.3% of the expected loss"
/// ```
public struct GrowthTargetComparison: Hashable, Sendable {
  /// The rule's target.
  public let target: GrowthTarget
  /// The loss the model expects over the same period.
  public let expectedLoss: ExpectedLoss

  /// Compares a target with an expected loss over the same period.
  ///
  /// - Parameters:
  ///   - target: A rule's target.
  ///   - expectedLoss: The expected silent loss.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` when the two are counted over
  ///   periods that differ by more than one part in a million.
  public init(target: GrowthTarget, expectedLoss: ExpectedLoss) throws(GrowthError) {
    guard abs(target.periodDays - expectedLoss.periodDays) <= 1e-6 * target.periodDays else {
      throw .invalidParameter(
        "expectedLoss",
        reason: "counted over \(expectedLoss.periodDays) days, the target over "
          + "\(target.periodDays) days")
    }
    self.target = target
    self.expectedLoss = expectedLoss
  }

  /// The target's prospects minus the expected loss: negative when the rule falls short of
  /// the loss, positive when it exceeds it.
  public var surplus: Double { Double(target.prospectsPerPeriod) - expectedLoss.expectedLost }

  /// The target's prospects over the expected loss (1 = exactly the loss), or `nil` when no
  /// loss is expected.
  public var coverage: Double? {
    expectedLoss.expectedLost > 0
      ? Double(target.prospectsPerPeriod) / expectedLoss.expectedLost : nil
  }

  /// The comparison in a sentence.
  public var reason: String {
    let asks =
      "\(target.rule) asks for "
      + GrowthTarget.headline(target.prospectsPerPeriod, periodDays: target.periodDays)
    let expects =
      "the model expects \(NumberText.decimal(expectedLoss.expectedLost, places: 1)) clients "
      + "to leave silently (standard deviation "
      + "\(NumberText.decimal(expectedLoss.standardDeviation, places: 1)))"
    guard let coverage else { return "\(asks); \(expects): nothing to compensate" }
    let amount = NumberText.decimal(abs(surplus), places: 1)
    let verdict =
      surplus < 0
      ? "it falls short by \(amount)"
      : surplus > 0 ? "it exceeds it by \(amount)" : "it matches it"
    return "\(asks); \(expects): \(verdict), covering \(NumberText.percent(coverage)) of the "
      + "expected loss"
  }
}
