/// The √n rule: a base of *n* clients needs at least √*n* new prospects per characteristic
/// period.
///
/// The practice behind it: competitors take clients from every base, and nobody tells you
/// who left. A base that adds nothing shrinks without anyone noticing, and one that adds a
/// fixed handful falls behind as it grows. The rule grows the effort with the base, but
/// slower than the base — √400 = 20, √10,000 = 100 — because a larger base is also more
/// stable (its losses fluctuate by about √*n*: for *n* independent clients each with a small
/// chance of leaving, the spread of the number who leave is of the order of √*n*, so √*n* new
/// prospects a period keep a base ahead of its random losses). So 400 clients with a month
/// between contracts need at least 20 new prospects a month.
///
/// The rule needs nothing but the base size; the ``ChurnCompensatingTarget`` replaces the
/// rule of thumb with the loss a purchase model expects when one is at hand. A
/// ``multiplier`` scales the rule for a team that wants a margin (1.5√*n*).
public struct StandardGrowthTarget: GrowthTargetPolicy, Hashable, Codable {
  /// The factor on √*n*, positive and finite; 1 by default.
  public let multiplier: Double

  /// Creates the rule, checking its setting.
  ///
  /// - Parameter multiplier: The factor on √*n*; 1 by default.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a factor that is not positive
  ///   and finite.
  public init(multiplier: Double = 1) throws(GrowthError) {
    try checkPositive(multiplier, "multiplier")
    self.multiplier = multiplier
  }

  private init(unchecked multiplier: Double) { self.multiplier = multiplier }

  /// The default: √*n* itself.
  static let defaults = StandardGrowthTarget(unchecked: 1)

  /// "sqrtN".
  public var ruleName: String { "sqrtN" }

  private enum CodingKeys: String, CodingKey { case multiplier }

  /// Decodes the rule and checks it as ``init(multiplier:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``GrowthError`` text
  ///   when the field fails the check.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let multiplier = try container.decode(Double.self, forKey: .multiplier)
    self = try GrowthError.checkedDecoding(decoder) { () throws(GrowthError) in
      try StandardGrowthTarget(multiplier: multiplier)
    }
  }

  /// √*n* (times the multiplier) new prospects per period.
  ///
  /// - Parameter situation: The base's size and period.
  /// - Returns: The target: 20 for a base of 400.
  /// - Throws: Never for a valid situation; the signature is the protocol's.
  public func target(for situation: GrowthSituation) throws(GrowthError) -> GrowthTarget {
    let n = situation.baseSize
    let root = Double(n).squareRoot()
    let exact = multiplier * root
    let rounded = Int(exact.rounded(.up))
    let rootText = NumberText.decimal(root, places: 1, dropsTrailingZeros: true)
    let formula =
      multiplier == 1
      ? "√\(NumberText.grouped(n)) = \(rootText)"
      : "\(NumberText.decimal(multiplier, places: 2, dropsTrailingZeros: true)) × "
        + "√\(NumberText.grouped(n)) = "
        + NumberText.decimal(exact, places: 1, dropsTrailingZeros: true)
    let clients = n == 1 ? "client" : "clients"
    return try GrowthTarget(
      rule: ruleName, exactProspects: exact, periodDays: situation.period.days,
      reason: "\(GrowthTarget.headline(rounded, periodDays: situation.period.days)): "
        + "\(formula) for a base of \(NumberText.grouped(n)) \(clients) (the √n rule: "
        + "a base must gain at least √n new prospects per characteristic period to outgrow "
        + "its silent losses)")
  }
}
