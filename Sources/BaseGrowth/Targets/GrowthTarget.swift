/// How many new prospects a base needs per characteristic period under one rule, and why.
///
/// ```swift
/// let target = try StandardGrowthTarget.standard.target(for: situation)
/// target.rule                // "sqrtN"
/// target.prospectsPerPeriod  // 20
/// target.reason              // "20 new prospects every 30 days: √400 = 20 for a base of 400
///                            //  clients (the √n rule: …)"
/// ```
///
/// Prospects are whole people: ``prospectsPerPeriod`` is the rule's exact figure rounded up
/// (a rule that asks for at least 19.2 asks for 20), and ``exactProspects`` keeps the figure
/// before rounding.
public struct GrowthTarget: Hashable, Sendable, Codable {
  /// The most prospects per period a target may ask for: 2⁵² (every figure below it is a
  /// whole number a `Double` holds exactly).
  public static let maximumProspects: Double = 0x1p52

  /// The rule's name, the key a report lists it under: "sqrtN", "churnCompensating",
  /// "hostSet", or a host rule's own name.
  public let rule: String
  /// The rule's figure before rounding, finite and 0 or more.
  public let exactProspects: Double
  /// The new prospects needed per period: ``exactProspects`` rounded up.
  public let prospectsPerPeriod: Int
  /// The period the target is counted over, in days.
  public let periodDays: Double
  /// Why this many, in a sentence that names the figures behind it.
  public let reason: String

  /// Creates a target, checking it: the way a rule builds its answer.
  ///
  /// - Parameters:
  ///   - rule: The rule's name.
  ///   - exactProspects: The rule's figure before rounding, finite, 0 or more and at most
  ///     ``maximumProspects``.
  ///   - periodDays: The period in days, positive and finite.
  ///   - reason: Why this many.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a figure out of range.
  public init(rule: String, exactProspects: Double, periodDays: Double, reason: String)
    throws(GrowthError)
  {
    try checkNonNegative(exactProspects, "exactProspects")
    guard exactProspects <= Self.maximumProspects else {
      throw .invalidParameter(
        "exactProspects", reason: "must be at most 2^52, got \(exactProspects)")
    }
    try checkPositive(periodDays, "periodDays")
    self.rule = rule
    self.exactProspects = exactProspects
    self.prospectsPerPeriod = Int(exactProspects.rounded(.up))
    self.periodDays = periodDays
    self.reason = reason
  }

  /// The prospects needed per calendar day: ``prospectsPerPeriod`` over the period's days.
  public var prospectsPerDay: Double { Double(prospectsPerPeriod) / periodDays }

  private enum CodingKeys: String, CodingKey {
    case rule, exactProspects, prospectsPerPeriod, periodDays, reason
  }

  /// Encodes the target, its rounded figure included.
  ///
  /// - Parameter encoder: The encoder.
  /// - Throws: The encoder's errors.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(rule, forKey: .rule)
    try container.encode(exactProspects, forKey: .exactProspects)
    try container.encode(prospectsPerPeriod, forKey: .prospectsPerPeriod)
    try container.encode(periodDays, forKey: .periodDays)
    try container.encode(reason, forKey: .reason)
  }

  /// Decodes a target and checks it as ``init(rule:exactProspects:periodDays:reason:)`` does
  /// (the rounded figure is recomputed, not read).
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``GrowthError`` text
  ///   when the fields fail the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let rule = try container.decode(String.self, forKey: .rule)
    let exact = try container.decode(Double.self, forKey: .exactProspects)
    let days = try container.decode(Double.self, forKey: .periodDays)
    let reason = try container.decode(String.self, forKey: .reason)
    self = try GrowthError.checkedDecoding(decoder) { () throws(GrowthError) in
      try GrowthTarget(rule: rule, exactProspects: exact, periodDays: days, reason: reason)
    }
  }

  /// "20 new prospects every 30 days", "1 new prospect every 7 days".
  static func headline(_ prospects: Int, periodDays: Double) -> String {
    let noun = prospects == 1 ? "new prospect" : "new prospects"
    return "\(NumberText.grouped(prospects)) \(noun) every "
      + CharacteristicPeriod.daysText(periodDays)
  }
}
