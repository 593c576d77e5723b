/// The churn-compensating rule: as many new prospects per period as the clients a converged
/// purchase model expects the base to lose silently in that period, plus a margin for the
/// uncertainty.
///
/// The √n rule is a rule of thumb; this one rests on the base's own history. The expected
/// loss Σ *q* (each client's chance of leaving during the period, from P(alive) now and at
/// the period's end; see ``ExpectedLoss``) is what keeps the base flat **on average**; the
/// number actually lost scatters around it with standard deviation √Σ *q*(1 − *q*), so the
/// rule adds *z* standard deviations (*z* = 1.645 for the default one-sided 95%) to keep the
/// base flat in 19 periods out of 20. Two settings adapt it: ``conversion``, the share of new
/// prospects who become clients (a team that converts one prospect in three needs three
/// prospects per lost client), and ``netGrowthPerPeriod``, the clients the team wants to add
/// beyond replacing the lost.
///
/// target = (expected loss + *z* · standard deviation + net growth) / conversion
///
/// The rule needs the situation's ``GrowthSituation/expectedLoss`` and throws
/// ``GrowthError/missingEvidence(_:)`` without one.
public struct ChurnCompensatingTarget: GrowthTargetPolicy, Hashable, Codable {
  /// The one-sided confidence of the margin, within 0.5 (no margin) to below 1; 0.95 by
  /// default.
  public let confidence: Double
  /// The share of new prospects who become clients, above 0 and at most 1; 1 by default (a
  /// prospect counts as a member of the base).
  public let conversion: Double
  /// Clients to add per period beyond replacing the lost, finite and 0 or more; 0 by default.
  public let netGrowthPerPeriod: Double

  /// Creates the rule, checking its settings.
  ///
  /// - Parameters:
  ///   - confidence: The one-sided confidence of the margin; 0.95 by default.
  ///   - conversion: The share of prospects who become clients; 1 by default.
  ///   - netGrowthPerPeriod: Clients to add beyond the lost; 0 by default.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a confidence outside
  ///   0.5..<1, a conversion outside (0, 1] or a negative or non-finite net growth.
  public init(confidence: Double = 0.95, conversion: Double = 1, netGrowthPerPeriod: Double = 0)
    throws(GrowthError)
  {
    guard confidence.isFinite, confidence >= 0.5, confidence < 1 else {
      throw .invalidParameter(
        "confidence", reason: "must lie within 0.5 (no margin) and below 1, got \(confidence)")
    }
    guard conversion.isFinite, conversion > 0, conversion <= 1 else {
      throw .invalidParameter(
        "conversion", reason: "must be a share above 0 and at most 1, got \(conversion)")
    }
    try checkNonNegative(netGrowthPerPeriod, "netGrowthPerPeriod")
    self.confidence = confidence
    self.conversion = conversion
    self.netGrowthPerPeriod = netGrowthPerPeriod
  }

  /// "churnCompensating".
  public var ruleName: String { "churnCompensating" }

  private enum CodingKeys: String, CodingKey {
    case confidence, conversion, netGrowthPerPeriod
  }

  /// Decodes the rule and checks it as ``init(confidence:conversion:netGrowthPerPeriod:)``
  /// does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``GrowthError`` text
  ///   when the fields fail the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let confidence = try container.decode(Double.self, forKey: .confidence)
    let conversion = try container.decode(Double.self, forKey: .conversion)
    let growth = try container.decode(Double.self, forKey: .netGrowthPerPeriod)
    self = try GrowthError.checkedDecoding(decoder) { () throws(GrowthError) in
      try ChurnCompensatingTarget(
        confidence: confidence, conversion: conversion, netGrowthPerPeriod: growth)
    }
  }

  /// The *z* of the margin: 1.645 at 95%, 0 at 50%.
  public var marginStandardDeviations: Double {
    confidence == 0.5 ? 0 : NormalQuantile.oneSided(confidence)
  }

  /// The expected silent loss plus its margin and the wanted growth, over the conversion.
  ///
  /// - Parameter situation: The base's period and its expected loss.
  /// - Returns: The target.
  /// - Throws: ``GrowthError/missingEvidence(_:)`` when the situation has no expected loss.
  public func target(for situation: GrowthSituation) throws(GrowthError) -> GrowthTarget {
    guard let loss = situation.expectedLoss else {
      throw .missingEvidence(
        "the churn-compensating rule needs the loss a converged purchase model expects "
          + "(GrowthSituation.expectedLoss)")
    }
    let z = marginStandardDeviations
    let margin = z * loss.standardDeviation
    let clients = loss.expectedLost + margin + netGrowthPerPeriod
    let exact = Swift.min(clients / conversion, GrowthTarget.maximumProspects)
    let rounded = Int(exact.rounded(.up))
    let days = situation.period.days
    var because =
      "\(GrowthTarget.headline(rounded, periodDays: days)): "
      + "\(NumberText.decimal(loss.expectedLost, places: 1)) of "
      + "\(NumberText.decimal(loss.clients, places: 0)) clients are expected to leave "
      + "silently in the next \(CharacteristicPeriod.daysText(days)) (\(loss.source))"
    if margin > 0 {
      because +=
        ", plus \(NumberText.decimal(margin, places: 1)) for the uncertainty "
        + "(\(NumberText.decimal(z, places: 2)) standard deviations, "
        + "\(NumberText.percent(confidence)) one-sided)"
    }
    if netGrowthPerPeriod > 0 {
      because +=
        ", plus \(NumberText.decimal(netGrowthPerPeriod, places: 1, dropsTrailingZeros: true))"
        + " clients of growth"
    }
    if conversion < 1 {
      because += ", over a conversion of \(NumberText.percent(conversion)) prospects to clients"
    }
    return try GrowthTarget(
      rule: ruleName, exactProspects: exact, periodDays: days, reason: because)
  }
}
