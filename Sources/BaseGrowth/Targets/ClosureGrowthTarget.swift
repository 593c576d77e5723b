/// A growth rule made from a closure: the adapter for a one-off rule that does not deserve a
/// type of its own.
///
/// ```swift
/// let doubleRoot = ClosureGrowthTarget(name: "twiceSqrtN") { situation in
///   let exact = 2 * Double(situation.baseSize).squareRoot()
///   return try GrowthTarget(
///     rule: "twiceSqrtN", exactProspects: exact, periodDays: situation.period.days,
///     reason: "twice the √n rule, for the launch year")
/// }
/// ```
///
/// The closure must keep the laws ``GrowthTargetPolicy`` states; `GrowthTargetLaws` checks
/// them as for any rule.
public struct ClosureGrowthTarget: GrowthTargetPolicy {
  /// The rule's name.
  public let ruleName: String
  private let body: @Sendable (GrowthSituation) throws -> GrowthTarget

  /// Wraps a closure as a rule.
  ///
  /// - Parameters:
  ///   - name: The rule's name, the key a report lists its target under.
  ///   - body: The rule: the target for a situation. An error other than a ``GrowthError``
  ///     reaches the caller as ``GrowthError/invalidParameter(_:reason:)`` naming the rule.
  public init(name: String, _ body: @escaping @Sendable (GrowthSituation) throws -> GrowthTarget) {
    self.ruleName = name
    self.body = body
  }

  /// Calls the closure.
  ///
  /// - Parameter situation: The situation.
  /// - Returns: The closure's target.
  /// - Throws: What the closure throws, as a ``GrowthError``.
  public func target(for situation: GrowthSituation) throws(GrowthError) -> GrowthTarget {
    do {
      return try body(situation)
    } catch let error as GrowthError {
      throw error
    } catch {
      throw .invalidParameter(ruleName, reason: "the rule failed: \(error)")
    }
  }
}
