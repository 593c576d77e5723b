/// A credit scorecard: factors that turn a client's inputs into points, a scale that turns the
/// summed points into a grade, and the rating of a whole base.
///
/// The whole-base call, ``ratings(for:)``, grades every client of a ``CreditInputs``; its
/// default implementation has each factor score its whole input column in one call, then
/// sums and grades in one pass. The per-client helper, ``rating(of:)``, rates one client from
/// its inputs by name with each factor's contribution. A conformer with its own way of rating
/// a base (a model in its warehouse, a faster kernel) replaces ``ratings(for:)`` and builds
/// its result with ``CreditRatings/init(inputs:gradeScale:ratingOfRow:)``.
///
/// A conformer must guarantee that its factors keep the ``CreditFactor`` contract (points
/// within range, never lower for a better input, pure), so that a client's grade never drops
/// when one of its inputs improves; that every client gets exactly one grade of
/// ``gradeScale`` or is unrated; and that the whole-base grade of a client is the one
/// ``rating(of:)`` gives it, whatever the order of the rows.
/// `CreditScorecardLaws.violations(of:on:seed:steps:)` in `ClientBaseTesting` checks this on a
/// host's sample inputs. ``StandardCreditScorecard`` is the default, reachable as `.standard`.
public protocol CreditRatingPolicy: Sendable {
  /// The factors, each reading one input column; their points are summed.
  var factors: [any CreditFactor] { get }
  /// The grades and the points each needs.
  var gradeScale: CreditGradeScale { get }

  /// Rates every client of a base.
  ///
  /// - Parameter inputs: The clients' inputs; valid by construction, so the call does not
  ///   throw, and an empty input gives empty ratings. A factor whose input column is absent
  ///   leaves every client unrated, saying which input is missing.
  /// - Returns: One grade (or unrated) per row of `inputs`, over its row space.
  func ratings<ID>(for inputs: CreditInputs<ID>) -> CreditRatings<ID>

  /// Rates one client from its inputs by name.
  ///
  /// - Parameter inputs: The client's inputs by input name; an absent or NaN input leaves the
  ///   client unrated.
  /// - Returns: The rating with each factor's contribution.
  func rating(of inputs: [String: Double]) -> CreditRating
}
