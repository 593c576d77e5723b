/// A set of criteria, by their position in the profile's list (at most 64).
///
/// Stored as one bit per criterion so a whole base keeps one word per client.
public struct TargetCriteriaSet: Hashable, Sendable, Codable {
  /// Bit *i* is set when criterion *i* is in the set.
  public var bits: UInt64

  /// Creates a set from its bits.
  ///
  /// - Parameter bits: Bit *i* set for criterion *i*.
  public init(bits: UInt64 = 0) { self.bits = bits }

  /// Whether criterion `index` is in the set; `false` outside 0..<64.
  ///
  /// - Parameter index: The criterion's position.
  /// - Returns: Whether it is in the set.
  public func contains(_ index: Int) -> Bool {
    guard index >= 0 && index < 64 else { return false }
    return bits & (1 << UInt64(index)) != 0
  }

  /// Adds criterion `index`; indices outside 0..<64 are ignored.
  ///
  /// - Parameter index: The criterion's position.
  public mutating func insert(_ index: Int) {
    guard index >= 0 && index < 64 else { return }
    bits |= 1 << UInt64(index)
  }

  /// Whether every criterion of `other` is also in this set.
  ///
  /// - Parameter other: The other set.
  /// - Returns: Whether this set contains `other`.
  public func isSuperset(of other: TargetCriteriaSet) -> Bool { bits & other.bits == other.bits }

  /// The number of criteria in the set.
  public var count: Int { bits.nonzeroBitCount }
}

/// How well one client fits the target-client description.
///
/// `fit` is the weighted share of criteria met, in 0…1; `isTarget` is the verdict. `met` and
/// `missing` name the criteria by position; every criterion not in `met` was missed, and those
/// in `missing` were missed because the client's profile lacks the fact.
public struct TargetAssessment: Hashable, Sendable {
  /// The weighted share of criteria met, in 0…1.
  public var fit: Double
  /// Whether the client is a target client.
  public var isTarget: Bool
  /// The criteria the client meets.
  public var met: TargetCriteriaSet
  /// The criteria the client misses because the fact is absent from its profile.
  public var missing: TargetCriteriaSet

  /// Creates an assessment.
  ///
  /// - Parameters:
  ///   - fit: The weighted share of criteria met, in 0…1.
  ///   - isTarget: The verdict.
  ///   - met: The criteria met.
  ///   - missing: The criteria missed for lack of the fact.
  public init(
    fit: Double, isTarget: Bool, met: TargetCriteriaSet,
    missing: TargetCriteriaSet = TargetCriteriaSet()
  ) {
    self.fit = fit
    self.isTarget = isTarget
    self.met = met
    self.missing = missing
  }

  /// The segment label offer packages are keyed by: `"target"` or `"non-target"`.
  public var segmentLabel: String {
    isTarget ? OfferPackages.targetLabel : OfferPackages.nonTargetLabel
  }
}
