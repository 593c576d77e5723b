public import ClientBaseCore

/// Decides how well a client fits the host's target-client description and whether it is a
/// target client.
///
/// The whole-base call, ``evaluation(of:bands:)``, assesses every client of a
/// ``ClientProfiles`` input and measures the target share; its default implementation asks
/// the per-client rule, ``assessment(of:)``, row by row. A conformer that can assess a whole
/// base faster (one query against its warehouse, say) replaces the whole-base call and builds
/// its result with ``TargetEvaluation/init(profiles:bands:reason:assessmentOfRow:)``.
///
/// A conformer must guarantee, for every profile:
/// - `fit` is finite and within 0…1;
/// - the assessment depends only on the profile (the same profile gives the same assessment,
///   whatever else is in the base or in which order);
/// - meeting an extra criterion never lowers the fit, and never turns a target client into a
///   non-target client;
/// - `met` and `missing` only name criteria in `0..<criterionNames.count`;
/// - the whole-base evaluation gives every client the assessment ``assessment(of:)`` gives it,
///   whatever the order of the rows.
///
/// `TargetProfileLaws.violations(of:on:seed:)` in `ClientBaseTesting` checks these on a
/// host's sample profiles. ``StandardTargetProfile`` is the weighted-criteria conformer. There
/// is no `.standard` target profile: who the target client is — its sector, size, region — is
/// the business's own decision, and any criteria the library shipped would classify a real
/// base by somebody else's business.
public protocol TargetProfilePolicy: Sendable {
  /// The criteria's names, in the positions `met` and `missing` refer to.
  var criterionNames: [String] { get }

  /// Assesses one client.
  ///
  /// - Parameter profile: The client's profile.
  /// - Returns: The client's fit, verdict and the criteria it met and missed.
  func assessment<ID>(of profile: ClientProfile<ID>) -> TargetAssessment

  /// A sentence explaining an assessment this policy made.
  ///
  /// The default lists fit, criteria met and criteria missed.
  ///
  /// - Parameter assessment: An assessment made by this policy.
  /// - Returns: The reason text.
  func reason(for assessment: TargetAssessment) -> String

  /// Assesses every client of a base and measures the target share.
  ///
  /// ```swift
  /// let evaluation = profile.evaluation(of: try ClientProfiles(profiles))
  /// evaluation.targetShare.reason   // "healthy: 742 of 1,000 clients are target clients…"
  /// evaluation.reason(forRow: 0)    // "target: fit 0.85 ≥ 0.70; met …"
  /// ```
  ///
  /// The default implementation asks ``assessment(of:)`` about each row in order.
  ///
  /// - Parameters:
  ///   - profiles: The clients' profiles; valid by construction, so the call does not throw,
  ///     and an empty input gives an empty evaluation.
  ///   - bands: The bands that judge the target share.
  /// - Returns: One assessment per row of `profiles`, over its row space, with the target
  ///   share and its verdict.
  func evaluation<ID>(of profiles: ClientProfiles<ID>, bands: TargetShareBands)
    -> TargetEvaluation<ID>
}

extension TargetProfilePolicy {
  /// Lists the verdict, the fit and the criteria met and missed.
  ///
  /// - Parameter assessment: An assessment made by this policy.
  /// - Returns: For example "target: fit 0.85; met sector=retail; missed region".
  public func reason(for assessment: TargetAssessment) -> String {
    let verdict = assessment.isTarget ? "target" : "non-target"
    return "\(verdict): fit \(NumberText.decimal(assessment.fit))"
      + criteriaText(of: assessment)
  }

  /// "; met a, b; missed c (missing)" for the criteria of an assessment.
  func criteriaText(of assessment: TargetAssessment) -> String {
    var met: [String] = []
    var missed: [String] = []
    for (index, name) in criterionNames.enumerated() {
      if assessment.met.contains(index) {
        met.append(name)
      } else if assessment.missing.contains(index) {
        missed.append(name + " (missing)")
      } else {
        missed.append(name)
      }
    }
    var text = ""
    if !met.isEmpty { text += "; met " + met.joined(separator: ", ") }
    if !missed.isEmpty { text += "; missed " + missed.joined(separator: ", ") }
    return text
  }
}
