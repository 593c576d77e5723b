/// A growth target the host sets: a plan from the head of sales, a budget, a quota.
///
/// ```swift
/// let quota = try FixedGrowthTarget(prospectsPerPeriod: 35, because: "the 2027 sales plan")
/// try quota.target(for: situation).reason   // "35 new prospects every 30 days: the 2027
///                                           //  sales plan (set by the host)"
/// ```
///
/// The figure is the same whatever the base size, which keeps the monotone law trivially.
public struct FixedGrowthTarget: GrowthTargetPolicy, Hashable, Codable {
  /// The prospects per period, finite, 0 or more and at most
  /// ``GrowthTarget/maximumProspects``.
  public let prospectsPerPeriod: Double
  /// Why this figure, in the host's words.
  public let because: String

  /// Creates the rule, checking the figure.
  ///
  /// - Parameters:
  ///   - prospectsPerPeriod: The prospects per period.
  ///   - because: Why this figure; "the team's own figure" by default.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a negative, non-finite or too
  ///   large figure.
  public init(prospectsPerPeriod: Double, because: String = "the team's own figure")
    throws(GrowthError)
  {
    try checkNonNegative(prospectsPerPeriod, "prospectsPerPeriod")
    guard prospectsPerPeriod <= GrowthTarget.maximumProspects else {
      throw .invalidParameter(
        "prospectsPerPeriod", reason: "must be at most 2^52, got \(prospectsPerPeriod)")
    }
    self.prospectsPerPeriod = prospectsPerPeriod
    self.because = because
  }

  /// "hostSet".
  public var ruleName: String { "hostSet" }

  private enum CodingKeys: String, CodingKey { case prospectsPerPeriod, because }

  /// Decodes the rule and checks it as ``init(prospectsPerPeriod:because:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``GrowthError`` text
  ///   when the figure fails the check.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let figure = try container.decode(Double.self, forKey: .prospectsPerPeriod)
    let because = try container.decode(String.self, forKey: .because)
    self = try GrowthError.checkedDecoding(decoder) { () throws(GrowthError) in
      try FixedGrowthTarget(prospectsPerPeriod: figure, because: because)
    }
  }

  /// The host's figure, over the situation's period.
  ///
  /// - Parameter situation: The base's period.
  /// - Returns: The target.
  /// - Throws: Never for a valid rule; the signature is the protocol's.
  public func target(for situation: GrowthSituation) throws(GrowthError) -> GrowthTarget {
    let rounded = Int(prospectsPerPeriod.rounded(.up))
    return try GrowthTarget(
      rule: ruleName, exactProspects: prospectsPerPeriod, periodDays: situation.period.days,
      reason: "\(GrowthTarget.headline(rounded, periodDays: situation.period.days)): "
        + "\(because) (set by the host)")
  }
}
