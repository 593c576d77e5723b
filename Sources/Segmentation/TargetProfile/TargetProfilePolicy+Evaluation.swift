public import ClientBaseCore

extension TargetProfilePolicy {
  /// Assesses every client of a base and measures the target share.
  ///
  /// ```swift
  /// let evaluation = try profile.evaluation(of: profiles)
  /// evaluation.targetShare.reason   // "healthy: 742 of 1,000 clients are target clients…"
  /// evaluation.reason(forRow: 0)    // "target: fit 0.85 ≥ 0.70; met …"
  /// ```
  ///
  /// - Parameters:
  ///   - profiles: The clients' profiles; each client once.
  ///   - bands: The bands that judge the target share.
  /// - Returns: Columns aligned with `profiles`, the target share and its verdict.
  /// - Throws: ``SegmentationError/empty(_:)`` for no profiles,
  ///   ``SegmentationError/duplicateClient(_:)`` when a client appears twice.
  /// - Complexity: O(*n·k*) attribute look-ups for *n* clients and *k* criteria.
  public func evaluation<ID>(
    of profiles: [ClientProfile<ID>], bands: TargetShareBands = .standard
  ) throws(SegmentationError) -> TargetEvaluation<ID> {
    guard !profiles.isEmpty else { throw .empty("client profiles") }
    var seen = Set<ID>(minimumCapacity: profiles.count)
    var ids: [ID] = []
    ids.reserveCapacity(profiles.count)
    for profile in profiles {
      guard seen.insert(profile.id).inserted else {
        throw .duplicateClient(String(describing: profile.id))
      }
      ids.append(profile.id)
    }
    var fits = ContiguousArray<Double>()
    var isTarget = ContiguousArray<Bool>()
    var met = ContiguousArray<TargetCriteriaSet>()
    var missing = ContiguousArray<TargetCriteriaSet>()
    fits.reserveCapacity(profiles.count)
    isTarget.reserveCapacity(profiles.count)
    met.reserveCapacity(profiles.count)
    missing.reserveCapacity(profiles.count)
    var targets = 0
    for profile in profiles {
      let assessment = self.assessment(of: profile)
      // A conformer that breaks its contract must not leak NaN into the columns.
      let fit = assessment.fit.isFinite ? min(1, max(0, assessment.fit)) : 0
      fits.append(fit)
      isTarget.append(assessment.isTarget)
      met.append(assessment.met)
      missing.append(assessment.missing)
      if assessment.isTarget { targets += 1 }
    }
    let share = Double(targets) / Double(profiles.count)
    let summary = TargetShare(
      targetCount: targets, clientCount: profiles.count, share: share,
      health: bands.health(ofShare: share), bands: bands)
    let policy = self
    return TargetEvaluation(
      ids: ids, fits: fits, isTarget: isTarget, met: met, missing: missing,
      targetShare: summary, render: { policy.reason(for: $0) })
  }
}
