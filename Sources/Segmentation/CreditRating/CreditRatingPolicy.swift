/// A credit scorecard: factors that turn a client's inputs into points, and a scale that turns
/// the summed points into a grade.
///
/// A conformer must guarantee that its factors keep the ``CreditFactor`` contract (points
/// within range, never lower for a better input, pure), so that a client's grade never drops
/// when one of its inputs improves, and that every client gets exactly one grade or is
/// unrated. `ScorecardLaws.creditScorecardViolations(of:on:)` in `ClientBaseTesting` checks
/// this on a host's sample inputs. ``StandardCreditScorecard`` is the default, reachable as
/// `.standard`.
public protocol CreditRatingPolicy: Sendable {
  /// The factors, each reading one input column; their points are summed.
  var factors: [any CreditFactor] { get }
  /// The grades and the points each needs.
  var gradeScale: CreditGradeScale { get }
}
