/// Decides a client's behavioural style from the means of its observations.
///
/// The whole-base call, ``assessments(for:)``, reads the style of every client of a
/// ``BehaviourObservations`` input; its default implementation asks the per-client rule,
/// ``assessment(assertiveness:responsiveness:observationCount:)``, row by row. A conformer
/// that replaces the whole-base call builds its result with
/// ``StyleAssessments/init(observations:assessmentOfRow:)``.
///
/// A conformer must guarantee: the result depends only on its arguments; a style, when
/// given, is the quadrant of the means (dominant: assertiveness > 0, responsiveness < 0;
/// expressive: both > 0; amiable: assertiveness < 0, responsiveness > 0; analytical: both < 0);
/// otherwise ``StyleAssessment/undetermined`` says why; and the whole-base call gives every
/// client the assessment the per-client rule gives its means. ``StandardStyles`` is the
/// default, reachable as `.standard`.
///
/// `BehaviouralStyleLaws.violations(of:seed:samples:)` in ClientBaseTesting checks a policy
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

  /// Reads the style of every client of a base.
  ///
  /// ```swift
  /// let styles = StandardStyles.standard.assessments(for: observations)
  /// styles.counts[.analytical]
  /// styles.reason(forRow: 0)   // "expressive: assertiveness +0.6, responsiveness +0.4 from 5 observations"
  /// ```
  ///
  /// - Parameter observations: The clients' averaged observations; valid by construction, so
  ///   the call does not throw, and an empty input gives empty assessments.
  /// - Returns: One assessment per row of `observations`, over its row space.
  func assessments<ID>(for observations: BehaviourObservations<ID>) -> StyleAssessments<ID>
}

extension BehaviouralStylePolicy {
  /// Asks ``assessment(assertiveness:responsiveness:observationCount:)`` about each row in
  /// order; the default implementation of ``BehaviouralStylePolicy/assessments(for:)``.
  ///
  /// - Parameter observations: The clients' averaged observations.
  /// - Returns: One assessment per row of `observations`.
  /// - Complexity: O(*n*) calls of the per-client rule.
  public func assessments<ID>(for observations: BehaviourObservations<ID>)
    -> StyleAssessments<ID>
  {
    StyleAssessments(observations: observations) { row in
      assessment(
        assertiveness: observations.assertiveness[row],
        responsiveness: observations.responsiveness[row],
        observationCount: observations.observationCounts[row])
    }
  }
}
