/// A rule that says how many new prospects a base needs per characteristic period to outgrow
/// the clients it loses silently.
///
/// Three rules ship: ``StandardGrowthTarget`` (the √n rule, the default, reached as
/// `.standard`), ``ChurnCompensatingTarget`` (the loss a converged purchase model expects,
/// plus a margin) and ``FixedGrowthTarget`` (a figure the host sets). A host writes its own
/// as a value type, or wraps a closure in ``ClosureGrowthTarget``; its answer is a
/// ``GrowthTarget`` built through the checking initialiser.
///
/// ```swift
/// let situation = try GrowthSituation(baseSize: 400, period: period, expectedLoss: loss)
/// for rule in [StandardGrowthTarget.standard] as [any GrowthTargetPolicy] {
///   print(try rule.target(for: situation).reason)
/// }
/// ```
///
/// Invariants every conformer must keep (`GrowthTargetLaws.violations(of:on:)` in
/// `ClientBaseTesting` checks them on situations a host supplies):
/// - **a figure**: the target is finite and 0 or more, counted over the situation's period,
///   under the rule's ``ruleName``;
/// - **monotone in the base**: for situations that differ only in the base size, a larger base
///   never gets a smaller target (a bigger base loses at least as many clients);
/// - **deterministic**: the same situation gives the same target.
public protocol GrowthTargetPolicy: Sendable {
  /// The rule's name, the key a report lists its target under ("sqrtN").
  var ruleName: String { get }

  /// The new prospects the situation needs per period under this rule.
  ///
  /// - Parameter situation: The base's size, period and, when known, expected loss.
  /// - Returns: The target, with its reason.
  /// - Throws: ``GrowthError/missingEvidence(_:)`` when the rule needs evidence the situation
  ///   does not carry; a host's rule may throw ``GrowthError/invalidParameter(_:reason:)``.
  func target(for situation: GrowthSituation) throws(GrowthError) -> GrowthTarget
}

extension GrowthTargetPolicy where Self == StandardGrowthTarget {
  /// The √n rule: at least √n new prospects per characteristic period.
  public static var standard: Self { .defaults }
}
