/// Decides a client's behavioural style from the means of its observations.
///
/// A conformer must guarantee: the result depends only on its arguments; a style, when
/// given, is the quadrant of the means (dominant: assertiveness > 0, responsiveness < 0;
/// expressive: both > 0; amiable: assertiveness < 0, responsiveness > 0; analytical: both < 0);
/// otherwise ``StyleAssessment/undetermined`` says why. ``StandardStyleClassifier`` is the
/// default, reachable as `.standard`.
///
/// `BehaviouralStyleLaws.violations(of:using:samples:)` in ClientBaseTesting checks a policy
/// against these guarantees from a host's tests.
public protocol BehaviouralStylePolicy: Sendable {
  /// Decides the style of one client.
  ///
  /// - Parameters:
  ///   - assertiveness: The mean assertiveness of the observations, −1…+1.
  ///   - responsiveness: The mean responsiveness, −1…+1.
  ///   - observationCount: The number of observations (0 or more; with 0 both means are 0).
  /// - Returns: The style or why it is undetermined.
  func assessment(assertiveness: Double, responsiveness: Double, observationCount: Int)
    -> StyleAssessment
}
