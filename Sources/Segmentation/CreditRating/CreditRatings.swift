public import ClientBaseCore

/// The credit ratings of a whole base: a grade column over the inputs' row space, counts per
/// grade, and explanations on demand.
///
/// Made by ``CreditRatingPolicy/ratings(for:)``. As a `ClassifiedResult` its entry is each
/// client's grade (`nil` when unrated), its label the grade, its scale the grade scale from the
/// worst grade to the best; unrated clients are the unlabeled.
///
/// ```swift
/// let ratings = StandardCreditScorecard.standard.ratings(for: inputs)
/// ratings[client: "c-17"]        // BBB
/// ratings.counts[grades[0]]      // clients with the worst grade
/// ratings.counts.unlabeled       // unrated clients
/// ```
public struct CreditRatings<ID: Hashable & Sendable>: ClassifiedResult {
  /// The row space: the inputs'.
  public let clients: ClientIndex<ID>
  /// Each row's grade rank on ``gradeScale`` (0 the worst), or -1 when unrated.
  public let gradeRanks: ContiguousArray<Int32>
  /// The grades.
  public let gradeScale: CreditGradeScale
  private let totals: ContiguousArray<Double>
  private let ratingOfRow: @Sendable (Int) -> CreditRating

  /// Creates ratings from a rating per row: how a host policy that replaces the whole-base
  /// call returns its result.
  ///
  /// A rating whose grade is not on `gradeScale` (by rank and name), or whose points are
  /// missing or not a finite number, is recorded as unrated, and its reason says why —
  /// `unrated: grade Z is not on the scale` — rather than repeating the host's grade; its
  /// contributions are kept. (`CreditScorecardLaws` reports such a rating, which differs from
  /// the per-client one.)
  ///
  /// ```swift
  /// func ratings<ID>(for inputs: CreditInputs<ID>) -> CreditRatings<ID> {
  ///   CreditRatings(inputs: inputs, gradeScale: gradeScale) { row in
  ///     rating(of: inputs.columns.mapValues { $0[row] })
  ///   }
  /// }
  /// ```
  ///
  /// - Parameters:
  ///   - inputs: The inputs that were rated.
  ///   - gradeScale: The grades.
  ///   - ratingOfRow: The rating of a row of `inputs`, asked once per row in order.
  /// - Complexity: O(*n*) calls of `ratingOfRow`; the ratings are kept for
  ///   ``rating(forRow:)``.
  public init(
    inputs: CreditInputs<ID>, gradeScale: CreditGradeScale,
    ratingOfRow: (_ row: Int) -> CreditRating
  ) {
    var ratings = (0..<inputs.count).map(ratingOfRow)
    var ranks = ContiguousArray<Int32>(repeating: -1, count: ratings.count)
    var totals = ContiguousArray<Double>(repeating: 0, count: ratings.count)
    for (row, rating) in ratings.enumerated() {
      guard let grade = rating.grade else { continue }
      guard gradeScale.grades.indices.contains(grade.rank), gradeScale.grades[grade.rank] == grade
      else {
        ratings[row] = .unrated(
          because: "grade \(grade.name) is not on the scale", contributions: rating.contributions)
        continue
      }
      guard let points = rating.points, points.isFinite else {
        let what = rating.points.map { "\($0) points" } ?? "no points"
        ratings[row] = .unrated(
          because: "grade \(grade.name) came with \(what)", contributions: rating.contributions)
        continue
      }
      ranks[row] = Int32(grade.rank)
      totals[row] = points
    }
    let recorded = ratings
    self.init(
      inputs: inputs, gradeScale: gradeScale, gradeRanks: ranks, totals: totals,
      ratingOfRow: { recorded[$0] })
  }

  init(
    inputs: CreditInputs<ID>, gradeScale: CreditGradeScale, gradeRanks: ContiguousArray<Int32>,
    totals: ContiguousArray<Double>, ratingOfRow: @escaping @Sendable (Int) -> CreditRating
  ) {
    self.clients = inputs.clients
    self.gradeRanks = gradeRanks
    self.gradeScale = gradeScale
    self.totals = totals
    self.ratingOfRow = ratingOfRow
  }

  /// The grade of a row, or `nil` when unrated: the row's entry.
  ///
  /// - Parameter row: A row, `0..<count`.
  public subscript(row: Int) -> CreditGrade? { grade(forRow: row) }

  /// Every grade of the scale, the worst first.
  public var scale: [CreditGrade] { gradeScale.grades }

  /// The grade of a row, or `nil` when unrated.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: The grade.
  public func label(forRow row: Int) -> CreditGrade? { grade(forRow: row) }

  /// How many clients have each grade, the worst first, every grade of ``gradeScale`` present
  /// (zero when no client has it); unrated clients are the unlabeled.
  ///
  /// - Complexity: O(*n*): one pass over the rank column.
  public var counts: LabelCounts<CreditGrade> {
    var tally = [Int](repeating: 0, count: gradeScale.grades.count)
    var unrated = 0
    for rank in gradeRanks {
      if rank >= 0, Int(rank) < tally.count { tally[Int(rank)] += 1 } else { unrated += 1 }
    }
    return LabelCounts(scale: gradeScale.grades, counts: tally, unlabeled: unrated)
  }

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
  public func rating(forRow row: Int) -> CreditRating { ratingOfRow(row) }

  /// Why a row has its grade.
  ///
  /// - Parameter row: A row, `0..<count`.
  /// - Returns: For example "BBB: 65 of 100 points (BBB from 60, A from 70); …".
  public func reason(forRow row: Int) -> String { rating(forRow: row).reason }
}
