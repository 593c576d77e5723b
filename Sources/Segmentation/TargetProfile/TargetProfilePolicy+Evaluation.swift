extension TargetProfilePolicy {
  /// Asks ``assessment(of:)`` about each row in order; the default implementation of
  /// ``TargetProfilePolicy/evaluation(of:bands:)``.
  ///
  /// - Parameters:
  ///   - profiles: The clients' profiles.
  ///   - bands: The bands that judge the target share.
  /// - Returns: One assessment per row of `profiles`, the target share and its verdict.
  /// - Complexity: O(*n·k*) attribute look-ups for *n* clients and *k* criteria.
  public func evaluation<ID>(of profiles: ClientProfiles<ID>, bands: TargetShareBands)
    -> TargetEvaluation<ID>
  {
    let policy = self
    return TargetEvaluation(
      profiles: profiles, bands: bands, reason: { policy.reason(for: $0) },
      assessmentOfRow: { row in policy.assessment(of: profiles.profiles[row]) })
  }

  /// Assesses every client of a base and judges the target share with the standard bands
  /// (``TargetShareBands/standard``: healthy from 70%, poor below 50%).
  ///
  /// - Parameter profiles: The clients' profiles.
  /// - Returns: One assessment per row of `profiles`, the target share and its verdict.
  /// - Complexity: That of ``TargetProfilePolicy/evaluation(of:bands:)``.
  public func evaluation<ID>(of profiles: ClientProfiles<ID>) -> TargetEvaluation<ID> {
    evaluation(of: profiles, bands: .standard)
  }
}
