public import ClientBaseCore

/// The target-client description as weighted criteria with a fit threshold and optional
/// must-haves.
///
/// A client's fit is the summed weight of the criteria it meets divided by the summed weight of
/// all criteria. It is a target client when its fit reaches ``threshold`` (a fit within 1e-12
/// below counts as reaching it, so weights such as 0.35 + 0.35 reach 0.7 despite rounding) and
/// it meets every must-have criterion. A criterion whose fact is absent from the profile counts
/// as missed.
///
/// A retail client in the north with 300 employees meets sector (weight 4) and region
/// (weight 1) but not employees (weight 1): its fit is (4 + 1) / 6 = 0.83, at least 0.70, and
/// it meets the must-have region, so it is a target client.
///
/// ```swift
/// let profile = try StandardTargetProfile(criteria: [
///   .attribute("sector", isOneOf: ["retail"], weight: 4),
///   .attribute("employees", in: 50...250, weight: 1),
///   .region(isOneOf: ["north"], isMustHave: true),
/// ], threshold: 0.7)
/// profile.reason(for: profile.assessment(of: client))
/// // "target: fit 0.83 ≥ 0.70; met sector=retail, region=north; missed employees 50–250"
/// ```
public struct StandardTargetProfile: TargetProfilePolicy {
  /// The criteria, at most 64, with finite non-negative weights summing to more than zero.
  public private(set) var criteria: [TargetCriterion]
  /// The fit a client needs to be a target client, in 0…1. Default 0.7.
  public private(set) var threshold: Double
  private let weights: ContiguousArray<Double>
  private let totalWeight: Double
  private let mustHaves: TargetCriteriaSet

  /// The tolerance below ``threshold`` that still counts as reaching it.
  public static let thresholdTolerance = 1e-12

  /// Creates a profile, checking the criteria and the threshold.
  ///
  /// - Parameters:
  ///   - criteria: The weighted criteria (1 to 64).
  ///   - threshold: The fit a target client needs, in 0…1.
  /// - Throws: ``SegmentationError/empty(_:)`` without criteria;
  ///   ``SegmentationError/invalidParameter(_:reason:)`` for more than 64 criteria, a negative
  ///   or non-finite weight, weights that are all zero, a range with a NaN bound or a threshold
  ///   outside 0…1.
  public init(criteria: [TargetCriterion], threshold: Double = 0.7) throws(SegmentationError) {
    guard !criteria.isEmpty else { throw .empty("target criteria") }
    guard criteria.count <= 64 else {
      throw .invalidParameter("criteria", reason: "at most 64 criteria, got \(criteria.count)")
    }
    var weights = ContiguousArray<Double>()
    var total = 0.0
    var mustHaves = TargetCriteriaSet()
    for (index, criterion) in criteria.enumerated() {
      guard criterion.weight.isFinite && criterion.weight >= 0 else {
        throw .invalidParameter(
          "weight of \(criterion.name)",
          reason: "must be finite and not negative, got \(criterion.weight)")
      }
      if case .range(_, let range) = criterion.condition,
        range.lowerBound.isNaN || range.upperBound.isNaN
      {
        throw .invalidParameter("range of \(criterion.name)", reason: "a bound is NaN")
      }
      weights.append(criterion.weight)
      total += criterion.weight
      if criterion.isMustHave { mustHaves.insert(index) }
    }
    guard total > 0 && total.isFinite else {
      throw .invalidParameter(
        "criteria weights", reason: "must sum to a finite number above zero, got \(total)")
    }
    guard threshold.isFinite && threshold >= 0 && threshold <= 1 else {
      throw .invalidParameter("threshold", reason: "must be within 0…1, got \(threshold)")
    }
    self.criteria = criteria
    self.threshold = threshold
    self.weights = weights
    self.totalWeight = total
    self.mustHaves = mustHaves
  }

  /// The criteria's names, in order.
  public var criterionNames: [String] { criteria.map(\.name) }

  /// Tests every criterion and weighs the ones met.
  ///
  /// - Parameter profile: The client's profile.
  /// - Returns: The fit, the verdict and the criteria met and missing.
  /// - Complexity: O(*k*) attribute look-ups for *k* criteria.
  public func assessment<ID>(of profile: ClientProfile<ID>) -> TargetAssessment {
    var met = TargetCriteriaSet()
    var missing = TargetCriteriaSet()
    var metWeight = 0.0
    for index in criteria.indices {
      let outcome = criteria[index].outcome(
        region: profile.region, attributes: profile.attributes, facts: { ProfileFacts(profile) })
      switch outcome {
      case .met:
        met.insert(index)
        metWeight += weights[index]
      case .missing:
        missing.insert(index)
      case .missed:
        break
      }
    }
    let fit = min(1, max(0, metWeight / totalWeight))
    let isTarget =
      fit >= threshold - Self.thresholdTolerance && met.isSuperset(of: mustHaves)
    return TargetAssessment(fit: fit, isTarget: isTarget, met: met, missing: missing)
  }

  /// Explains the verdict with the threshold and any must-have that was missed.
  ///
  /// - Parameter assessment: An assessment made by this profile.
  /// - Returns: For example "target: fit 0.85 ≥ 0.70; met sector=retail, employees 50–250;
  ///   missed region=north".
  public func reason(for assessment: TargetAssessment) -> String {
    let fit = NumberText.decimal(assessment.fit)
    let bar = NumberText.decimal(threshold)
    let reaches = assessment.fit >= threshold - Self.thresholdTolerance
    var text = assessment.isTarget ? "target: " : "non-target: "
    text += "fit \(fit) \(reaches ? "≥" : "<") \(bar)"
    let lacking = criteria.indices.filter {
      mustHaves.contains($0) && !assessment.met.contains($0)
    }
    if !lacking.isEmpty {
      text += ", must-have missed: " + lacking.map { criteria[$0].name }.joined(separator: ", ")
    }
    return text + criteriaText(of: assessment)
  }
}
