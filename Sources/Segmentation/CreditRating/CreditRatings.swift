/// The credit ratings of a whole base: a grade column aligned with the inputs, counts per
/// grade, and explanations on demand.
///
/// Made by ``CreditRatingPolicy/ratings(for:)``. Row *i* is row *i* of the inputs.
public struct CreditRatings<ID: Hashable & Sendable>: Sendable {
  /// The client of each row.
  public var ids: [ID] { inputs.ids }
  /// Each row's grade rank on ``gradeScale`` (0 the worst), or -1 when unrated.
  public let gradeRanks: ContiguousArray<Int32>
  /// The number of clients of each grade, aligned with `gradeScale.grades`.
  public let gradeCounts: [Int]
  /// The number of unrated clients.
  public let unratedCount: Int
  /// The grades.
  public let gradeScale: CreditGradeScale
  private let totals: ContiguousArray<Double>
  private let inputs: CreditInputs<ID>
  private let factors: [any CreditFactor]

  init(
    gradeRanks: ContiguousArray<Int32>, totals: ContiguousArray<Double>, gradeCounts: [Int],
    unratedCount: Int, gradeScale: CreditGradeScale, inputs: CreditInputs<ID>,
    factors: [any CreditFactor]
  ) {
    self.gradeRanks = gradeRanks
    self.totals = totals
    self.gradeCounts = gradeCounts
    self.unratedCount = unratedCount
    self.gradeScale = gradeScale
    self.inputs = inputs
    self.factors = factors
  }

  /// The number of clients.
  public var count: Int { gradeRanks.count }

  /// The number of clients of each grade, with every grade of ``gradeScale`` present (zero
  /// when no client has it).
  ///
  /// The same numbers as ``gradeCounts``, keyed by grade; unrated clients are not a grade and
  /// stay in ``unratedCount``, so the counts add up to ``count`` less ``unratedCount``.
  ///
  /// ```swift
  /// ratings.counts[ratings.gradeScale.grades[0]]   // clients with the worst grade
  /// ```
  ///
  /// - Complexity: O(*g*) for *g* grades; the counting was done when rating.
  public var counts: [CreditGrade: Int] {
    var counts = [CreditGrade: Int](minimumCapacity: gradeScale.grades.count)
    for (grade, count) in zip(gradeScale.grades, gradeCounts) { counts[grade, default: 0] += count }
    return counts
  }

  /// The row of a client, or `nil` when it is not among the rows.
  ///
  /// - Parameter id: The client.
  /// - Returns: Its row.
  /// - Complexity: O(*n*): a scan, since no index is kept; build a dictionary for many
  ///   look-ups.
  public func row(for id: ID) -> Int? { ids.firstIndex(of: id) }

  /// The grade of a row, or `nil` when unrated.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The grade.
  public func grade(forRow row: Int) -> CreditGrade? {
    let rank = Int(gradeRanks[row])
    return rank >= 0 ? gradeScale.grades[rank] : nil
  }

  /// The summed points of a row, or `nil` when unrated.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The points.
  public func points(forRow row: Int) -> Double? { gradeRanks[row] >= 0 ? totals[row] : nil }

  /// The full rating of a row: grade, points and each factor's contribution.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The rating.
  /// - Complexity: O(*k*) for *k* factors.
  public func rating(forRow row: Int) -> CreditRating {
    CreditRating.rate(factors: factors, scale: gradeScale) { name in inputs.columns[name]?[row] }
  }

  /// Why a row has its grade.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: For example "BBB: 65 of 100 points (BBB from 60, A from 70); …".
  public func reason(forRow row: Int) -> String { rating(forRow: row).reason }
}
