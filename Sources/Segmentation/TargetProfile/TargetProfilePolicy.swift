public import ClientBaseCore

/// Decides how well a client fits the host's target-client description and whether it is a
/// target client.
///
/// A conformer must guarantee, for every profile:
/// - `fit` is finite and within 0…1;
/// - the assessment depends only on the profile (the same profile gives the same assessment,
///   whatever else is in the base or in which order);
/// - meeting an extra criterion never lowers the fit, and never turns a target client into a
///   non-target client;
/// - `met` and `missing` only name criteria in `0..<criterionNames.count`.
///
/// `ScorecardLaws.targetProfileViolations(of:on:)` in `ClientBaseTesting` checks these on a
/// host's sample profiles. ``StandardTargetProfile`` is the weighted-criteria conformer; a
/// target profile has no sensible universal default, so there is no `.standard` one.
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
