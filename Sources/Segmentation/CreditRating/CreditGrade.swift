/// A credit grade: a name and its rank on the scale, worse grades comparing less than better.
///
/// Grades come from a ``CreditGradeScale``; `"AAA"` on the standard scale has rank 6 and `"C"`
/// rank 0, so `grade >= minimum` reads as "at least as good as".
public struct CreditGrade: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
  /// The grade's name ("AAA", "prime", host-defined).
  public var name: String
  /// The grade's position on its scale, 0 for the worst.
  public var rank: Int

  /// Creates a grade.
  ///
  /// - Parameters:
  ///   - name: The grade's name.
  ///   - rank: Its position on the scale, 0 for the worst.
  public init(name: String, rank: Int) {
    self.name = name
    self.rank = rank
  }

  /// Orders grades from worse to better.
  ///
  /// - Parameters:
  ///   - lhs: A grade.
  ///   - rhs: Another grade of the same scale.
  /// - Returns: Whether `lhs` is worse than `rhs`.
  public static func < (lhs: CreditGrade, rhs: CreditGrade) -> Bool {
    (lhs.rank, lhs.name) < (rhs.rank, rhs.name)
  }

  /// The grade's name.
  public var description: String { name }
}

/// The grades of a scorecard and the points each needs, worst grade first.
///
/// ```swift
/// let scale = try CreditGradeScale(lowest: "decline", steps: [
///   .init(grade: "review", minimumPoints: 40),
///   .init(grade: "approve", minimumPoints: 70),
/// ])
/// ```
public struct CreditGradeScale: Hashable, Sendable, Codable {
  /// A grade above the lowest and the points it needs.
  public struct Step: Hashable, Sendable, Codable {
    /// The grade's name.
    public var grade: String
    /// The fewest points that earn the grade.
    public var minimumPoints: Double

    /// Creates a step.
    ///
    /// - Parameters:
    ///   - grade: The grade's name.
    ///   - minimumPoints: The fewest points that earn it.
    public init(grade: String, minimumPoints: Double) {
      self.grade = grade
      self.minimumPoints = minimumPoints
    }
  }

  /// The grades, worst first; a grade's ``CreditGrade/rank`` is its index here.
  public private(set) var grades: [CreditGrade]
  /// The fewest points of each grade above the lowest, strictly increasing; entry *i* belongs
  /// to `grades[i + 1]`.
  public private(set) var minimumPoints: ContiguousArray<Double>

  /// Creates a scale.
  ///
  /// - Parameters:
  ///   - lowest: The grade of every client below the first step.
  ///   - steps: The better grades, in increasing order of points.
  /// - Throws: ``SegmentationError/invalidParameter(_:reason:)`` when thresholds are not
  ///   finite or not strictly increasing, or a grade name is empty or repeated.
  public init(lowest: String, steps: [Step]) throws(SegmentationError) {
    var names: Set<String> = [lowest]
    guard !lowest.isEmpty else {
      throw .invalidParameter("grade scale", reason: "grade names must not be empty")
    }
    for (index, step) in steps.enumerated() {
      guard !step.grade.isEmpty, names.insert(step.grade).inserted else {
        throw .invalidParameter(
          "grade scale", reason: "grade name '\(step.grade)' is empty or repeated")
      }
      guard step.minimumPoints.isFinite else {
        throw .invalidParameter(
          "grade scale", reason: "threshold of \(step.grade) is \(step.minimumPoints)")
      }
      if index > 0 && !(steps[index - 1].minimumPoints < step.minimumPoints) {
        throw .invalidParameter(
          "grade scale",
          reason: "thresholds must increase: \(steps[index - 1].grade) needs "
            + "\(steps[index - 1].minimumPoints), \(step.grade) needs \(step.minimumPoints)")
      }
    }
    self.init(checkedLowest: lowest, steps: steps)
  }

  init(checkedLowest lowest: String, steps: [Step]) {
    var grades = [CreditGrade(name: lowest, rank: 0)]
    for (index, step) in steps.enumerated() {
      grades.append(CreditGrade(name: step.grade, rank: index + 1))
    }
    self.grades = grades
    self.minimumPoints = ContiguousArray(steps.map(\.minimumPoints))
  }

  private enum CodingKeys: String, CodingKey {
    case grades, minimumPoints
  }

  /// Decodes a scale and checks it as ``init(lowest:steps:)`` does.
  ///
  /// The encoded form keeps the stored columns: one grade more than thresholds, each grade's
  /// rank its position.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``SegmentationError``
  ///   text when the columns do not line up or fail the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let grades = try container.decode([CreditGrade].self, forKey: .grades)
    let points = try container.decode([Double].self, forKey: .minimumPoints)
    self = try SegmentationError.checkedDecoding(decoder) { () throws(SegmentationError) in
      guard let lowest = grades.first else { throw .empty("grades") }
      guard grades.count == points.count + 1 else {
        throw .lengthMismatch(
          what: "grades (one more than thresholds)", expected: points.count + 1,
          actual: grades.count)
      }
      for (index, grade) in grades.enumerated() where grade.rank != index {
        throw .invalidParameter(
          "grade scale", reason: "grade \(grade.name) has rank \(grade.rank), not \(index)")
      }
      let steps = zip(grades.dropFirst(), points).map {
        Step(grade: $0.0.name, minimumPoints: $0.1)
      }
      return try CreditGradeScale(lowest: lowest.name, steps: steps)
    }
  }

  /// The rating-agency style scale on 0–100 points: C below 35, B from 35, BB from 50, BBB
  /// from 60, A from 70, AA from 80, AAA from 90.
  public static let standard = CreditGradeScale(
    checkedLowest: "C",
    steps: [
      Step(grade: "B", minimumPoints: 35), Step(grade: "BB", minimumPoints: 50),
      Step(grade: "BBB", minimumPoints: 60), Step(grade: "A", minimumPoints: 70),
      Step(grade: "AA", minimumPoints: 80), Step(grade: "AAA", minimumPoints: 90),
    ])

  /// The rank of the grade earned by a finite number of points.
  ///
  /// - Parameter points: The client's total points.
  /// - Returns: An index into ``grades``.
  public func rank(forPoints points: Double) -> Int {
    var rank = 0
    while rank < minimumPoints.count && points >= minimumPoints[rank] { rank += 1 }
    return rank
  }

  /// The fewest points of a grade, or `nil` for the lowest.
  ///
  /// - Parameter rank: An index into ``grades``.
  /// - Returns: The threshold.
  public func minimumPoints(ofRank rank: Int) -> Double? {
    rank >= 1 && rank <= minimumPoints.count ? minimumPoints[rank - 1] : nil
  }
}
