/// The default credit scorecard: banded factors summed into 0–100 points, graded AAA to C.
///
/// The standard factors and their weights (maximum points):
///
/// | Factor | Better | Bands → points |
/// |---|---|---|
/// | `paymentDelayDays` | lower | 0 → 30, (0, 30] → 15, > 30 → 0 |
/// | `arrearsEpisodes` | lower | 0 → 25, 1 → 12, (1, 3] → 5, > 3 → 0 |
/// | `tenureYears` | higher | ≤ 1 → 0, (1, 3] → 10, (3, 5] → 15, > 5 → 20 |
/// | `productsHeld` | higher | 0 → 0, 1 → 10, 2 → 18, ≥ 3 → 25 |
///
/// and the grades of ``CreditGradeScale/standard``. A host builds its own from
/// ``BandedCreditFactor``, ``ClosureCreditFactor`` or any ``CreditFactor``.
public struct StandardCreditScorecard: CreditRatingPolicy {
  /// The factors, with distinct names.
  public private(set) var factors: [any CreditFactor]
  /// The grades and the points each needs.
  public private(set) var gradeScale: CreditGradeScale

  /// Creates a scorecard, checking the factors' weights.
  ///
  /// - Parameters:
  ///   - factors: The factors; names distinct, maximum points finite and not negative, not all
  ///     zero.
  ///   - gradeScale: The grades.
  /// - Throws: ``SegmentationError/empty(_:)`` without factors,
  ///   ``SegmentationError/invalidParameter(_:reason:)`` for a repeated name or bad weights.
  public init(
    factors: [any CreditFactor] = Self.standardFactors, gradeScale: CreditGradeScale = .standard
  ) throws(SegmentationError) {
    guard !factors.isEmpty else { throw .empty("scorecard factors") }
    var names = Set<String>()
    var total = 0.0
    for factor in factors {
      guard names.insert(factor.name).inserted else {
        throw .invalidParameter("factors", reason: "factor name '\(factor.name)' is repeated")
      }
      guard factor.maximumPoints.isFinite && factor.maximumPoints >= 0 else {
        throw .invalidParameter(
          "weight of \(factor.name)",
          reason: "maximum points must be finite and not negative, got \(factor.maximumPoints)")
      }
      total += factor.maximumPoints
    }
    guard total > 0 && total.isFinite else {
      throw .invalidParameter("factors", reason: "the factors' maximum points are all zero")
    }
    self.factors = factors
    self.gradeScale = gradeScale
  }

  private init(checkedFactors factors: [any CreditFactor], gradeScale: CreditGradeScale) {
    self.factors = factors
    self.gradeScale = gradeScale
  }

  /// The standard factors: payment delay, arrears, tenure and products held (100 points).
  public static let standardFactors: [any CreditFactor] = [
    BandedCreditFactor.paymentDelayDays, BandedCreditFactor.arrearsEpisodes,
    BandedCreditFactor.tenureYears, BandedCreditFactor.productsHeld,
  ]

  static let standardScorecard = StandardCreditScorecard(
    checkedFactors: standardFactors, gradeScale: .standard)
}

extension CreditRatingPolicy where Self == StandardCreditScorecard {
  /// The standard scorecard: four banded factors, 0–100 points, grades AAA to C.
  public static var standard: Self { StandardCreditScorecard.standardScorecard }
}
