public import ClientBaseCore

/// One weighted test of the target-client description: "sector is retail", "50 to 250
/// employees", "holds a payroll account".
///
/// Criteria are data: an attribute name, what its value must be, a weight and whether the
/// criterion is a must-have. A client *meets* a criterion when the attribute is present and
/// passes the test; a client whose profile lacks the attribute (or holds a value of another
/// kind, such as text where a number is expected) *misses* it, and the reason says "missing" —
/// an unknown fact never counts in a client's favour.
///
/// ```swift
/// let criteria: [TargetCriterion] = [
///   .attribute("sector", isOneOf: ["retail", "wholesale"], weight: 3),
///   .attribute("employees", in: 50...250, weight: 2),
///   .flag("payrollAccount"),
///   .region(isOneOf: ["north"], isMustHave: true),
/// ]
/// ```
public struct TargetCriterion: Sendable {
  /// What a criterion tests.
  public enum Condition: Sendable {
    /// The attribute equals one of the values.
    case oneOf(attribute: String, values: Set<AttributeValue>)
    /// The attribute is a number within the closed range; use an infinite bound for
    /// "at least" or "at most".
    case range(attribute: String, ClosedRange<Double>)
    /// The attribute is a flag with the given value.
    case flag(attribute: String, equals: Bool)
    /// The profile's region is one of the values.
    case region(Set<String>)
    /// A host's own test: `true` met, `false` missed, `nil` the facts it needs are missing.
    case custom(@Sendable (ProfileFacts) -> Bool?)
  }

  /// The outcome of testing one client.
  public enum Outcome: Hashable, Sendable {
    /// The client meets the criterion.
    case met
    /// The client's facts fail the test.
    case missed
    /// The client lacks the fact the criterion tests; counts as missed.
    case missing
  }

  /// The name used in reasons ("sector=retail", "employees 50–250").
  public var name: String
  /// What the criterion tests.
  public var condition: Condition
  /// The criterion's weight in the fit score; finite and not negative.
  public var weight: Double
  /// Whether a client that misses this criterion is never a target client, whatever its fit.
  public var isMustHave: Bool

  /// Creates a criterion.
  ///
  /// - Parameters:
  ///   - name: The name shown in reasons; `nil` derives one from the condition.
  ///   - condition: What the criterion tests.
  ///   - weight: Its weight in the fit score (finite, not negative; checked when a profile is
  ///     built from the criteria).
  ///   - isMustHave: Whether missing it rules a client out.
  public init(
    name: String? = nil, _ condition: Condition, weight: Double = 1, isMustHave: Bool = false
  ) {
    self.name = name ?? Self.defaultName(of: condition)
    self.condition = condition
    self.weight = weight
    self.isMustHave = isMustHave
  }

  /// A text attribute that must be one of the values: "sector is retail or wholesale".
  ///
  /// - Parameters:
  ///   - attribute: The attribute's name.
  ///   - values: The accepted texts.
  ///   - weight: The criterion's weight.
  ///   - isMustHave: Whether missing it rules a client out.
  /// - Returns: The criterion.
  public static func attribute(
    _ attribute: String, isOneOf values: Set<String>, weight: Double = 1,
    isMustHave: Bool = false
  ) -> TargetCriterion {
    TargetCriterion(
      .oneOf(attribute: attribute, values: Set(values.map { AttributeValue.text($0) })),
      weight: weight, isMustHave: isMustHave)
  }

  /// A numeric attribute that must lie in a closed range: "50 to 250 employees".
  ///
  /// - Parameters:
  ///   - attribute: The attribute's name.
  ///   - range: The accepted values, bounds included; `50...Double.infinity` means "at least 50".
  ///   - weight: The criterion's weight.
  ///   - isMustHave: Whether missing it rules a client out.
  /// - Returns: The criterion.
  public static func attribute(
    _ attribute: String, in range: ClosedRange<Double>, weight: Double = 1,
    isMustHave: Bool = false
  ) -> TargetCriterion {
    TargetCriterion(.range(attribute: attribute, range), weight: weight, isMustHave: isMustHave)
  }

  /// A flag attribute that must be set (or, with `equals: false`, clear).
  ///
  /// - Parameters:
  ///   - attribute: The attribute's name.
  ///   - value: The required flag value.
  ///   - weight: The criterion's weight.
  ///   - isMustHave: Whether missing it rules a client out.
  /// - Returns: The criterion.
  public static func flag(
    _ attribute: String, equals value: Bool = true, weight: Double = 1, isMustHave: Bool = false
  ) -> TargetCriterion {
    TargetCriterion(
      .flag(attribute: attribute, equals: value), weight: weight, isMustHave: isMustHave)
  }

  /// The profile's region must be one of the values.
  ///
  /// - Parameters:
  ///   - regions: The accepted regions.
  ///   - weight: The criterion's weight.
  ///   - isMustHave: Whether missing it rules a client out.
  /// - Returns: The criterion.
  public static func region(
    isOneOf regions: Set<String>, weight: Double = 1, isMustHave: Bool = false
  ) -> TargetCriterion {
    TargetCriterion(.region(regions), weight: weight, isMustHave: isMustHave)
  }

  /// A host's one-off test.
  ///
  /// - Parameters:
  ///   - name: The name shown in reasons.
  ///   - weight: The criterion's weight.
  ///   - isMustHave: Whether missing it rules a client out.
  ///   - test: `true` when met, `false` when missed, `nil` when the facts it needs are
  ///     missing. Must be pure: the same facts give the same answer.
  /// - Returns: The criterion.
  public static func custom(
    _ name: String, weight: Double = 1, isMustHave: Bool = false,
    _ test: @escaping @Sendable (ProfileFacts) -> Bool?
  ) -> TargetCriterion {
    TargetCriterion(name: name, .custom(test), weight: weight, isMustHave: isMustHave)
  }

  /// Tests one client.
  ///
  /// - Parameters:
  ///   - region: The client's region.
  ///   - attributes: The client's attributes.
  ///   - facts: Builds the full facts for a custom test (only called for custom criteria).
  /// - Returns: Whether the client meets, misses or lacks the criterion.
  func outcome(
    region: String?, attributes: [String: AttributeValue], facts: () -> ProfileFacts
  ) -> Outcome {
    switch condition {
    case .oneOf(let attribute, let values):
      guard let value = attributes[attribute] else { return .missing }
      return values.contains(value) ? .met : .missed
    case .range(let attribute, let range):
      guard let value = attributes[attribute] else { return .missing }
      guard let number = value.number, !number.isNaN else { return .missing }
      return range.contains(number) ? .met : .missed
    case .flag(let attribute, let expected):
      guard let value = attributes[attribute] else { return .missing }
      guard let flag = value.flag else { return .missing }
      return flag == expected ? .met : .missed
    case .region(let regions):
      guard let region else { return .missing }
      return regions.contains(region) ? .met : .missed
    case .custom(let test):
      switch test(facts()) {
      case .some(true): return .met
      case .some(false): return .missed
      case .none: return .missing
      }
    }
  }

  static func defaultName(of condition: Condition) -> String {
    switch condition {
    case .oneOf(let attribute, let values):
      let texts = values.map(\.description).sorted()
      if texts.count == 1 { return "\(attribute)=\(texts[0])" }
      return "\(attribute) in {\(texts.joined(separator: ", "))}"
    case .range(let attribute, let range):
      let low = range.lowerBound
      let high = range.upperBound
      if low == -.infinity && high == .infinity { return "\(attribute) any number" }
      if low == -.infinity {
        return "\(attribute) ≤ \(NumberText.decimal(high, dropsTrailingZeros: true))"
      }
      if high == .infinity {
        return "\(attribute) ≥ \(NumberText.decimal(low, dropsTrailingZeros: true))"
      }
      return
        "\(attribute) \(NumberText.decimal(low, dropsTrailingZeros: true))–\(NumberText.decimal(high, dropsTrailingZeros: true))"
    case .flag(let attribute, let expected):
      return expected ? attribute : "not \(attribute)"
    case .region(let regions):
      let texts = regions.sorted()
      if texts.count == 1 { return "region=\(texts[0])" }
      return "region in {\(texts.joined(separator: ", "))}"
    case .custom:
      return "custom criterion"
    }
  }
}
