import ClientBaseCore

/// What one factor contributed to a client's rating.
public struct FactorContribution: Hashable, Sendable {
  /// The factor's name.
  public var factor: String
  /// The client's input.
  public var input: Double
  /// The band the input fell in, if the factor has bands.
  public var band: String?
  /// The points earned.
  public var points: Double
  /// The most points the factor gives.
  public var maximumPoints: Double

  /// Creates a contribution, for a host scorecard that builds its own ratings.
  ///
  /// - Parameters:
  ///   - factor: The factor's name.
  ///   - input: The client's input.
  ///   - band: The band the input fell in, if the factor has bands.
  ///   - points: The points earned.
  ///   - maximumPoints: The most points the factor gives.
  public init(factor: String, input: Double, band: String?, points: Double, maximumPoints: Double) {
    self.factor = factor
    self.input = input
    self.band = band
    self.points = points
    self.maximumPoints = maximumPoints
  }

  /// The points the client did not earn: `maximumPoints - points`.
  public var lostPoints: Double { maximumPoints - points }
}

/// One client's credit rating with the factors that decided it.
///
/// `grade` is `nil` when the client is *unrated*: an input of a factor is missing (NaN) or
/// infinite, or a factor gave non-finite points; ``unratedCause`` says which.
public struct CreditRating: Hashable, Sendable {
  /// The grade, or `nil` when unrated.
  public var grade: CreditGrade?
  /// The summed points, or `nil` when unrated.
  public var points: Double?
  /// Each factor's contribution, in the scorecard's order (up to the first bad input when
  /// unrated).
  public var contributions: [FactorContribution]
  /// Why the client is unrated, or `nil`.
  public var unratedCause: String?
  /// The points the grade needs and the points of the next better grade.
  var gradeFloor: Double?
  var nextGrade: (name: String, minimumPoints: Double)?

  /// The contributions that lost points, largest loss first (ties in scorecard order).
  public var largestLosses: [FactorContribution] {
    contributions.enumerated()
      .filter { $0.element.lostPoints > 0 }
      .sorted { ($0.element.lostPoints, -$0.offset) > ($1.element.lostPoints, -$1.offset) }
      .map(\.element)
  }

  /// The reason, for example "BBB: 65 of 100 points (BBB from 60, A from 70);
  /// paymentDelayDays 12 in (0, 30] → 15/30, …; lost most: paymentDelayDays -15, …".
  public var reason: String {
    guard let grade, let points else {
      return "unrated: " + (unratedCause ?? "no points")
    }
    func number(_ value: Double) -> String { NumberText.decimal(value, dropsTrailingZeros: true) }
    let maximum = contributions.reduce(0) { $0 + $1.maximumPoints }
    var text = "\(grade.name): \(number(points)) of \(number(maximum)) points ("
    if let gradeFloor {
      text += "\(grade.name) from \(number(gradeFloor))"
    } else {
      text += "lowest grade"
    }
    if let nextGrade {
      text += ", \(nextGrade.name) from \(number(nextGrade.minimumPoints))"
    }
    text += ")"
    let parts = contributions.map { part in
      var line = "\(part.factor) \(number(part.input))"
      if let band = part.band { line += " in \(band)" }
      return line + " → \(number(part.points))/\(number(part.maximumPoints))"
    }
    if !parts.isEmpty { text += "; " + parts.joined(separator: ", ") }
    let losses = largestLosses.prefix(2).map { "\($0.factor) -\(number($0.lostPoints))" }
    if !losses.isEmpty { text += "; lost most: " + losses.joined(separator: ", ") }
    return text
  }

  /// Rates one client from a look-up of its inputs (not for hot loops).
  static func rate(
    factors: [any CreditFactor], scale: CreditGradeScale, input: (String) -> Double?
  ) -> CreditRating {
    var contributions: [FactorContribution] = []
    var total = 0.0
    for factor in factors {
      guard let value = input(factor.inputName), !value.isNaN else {
        return unrated(contributions, cause: "\(factor.inputName) is missing")
      }
      guard value.isFinite else {
        return unrated(contributions, cause: "\(factor.inputName) is \(value)")
      }
      let points = factor.points(for: value)
      guard points.isFinite else {
        return unrated(
          contributions, cause: "factor \(factor.name) gave \(points) points for \(value)")
      }
      total += points
      contributions.append(
        FactorContribution(
          factor: factor.name, input: value, band: factor.band(for: value), points: points,
          maximumPoints: factor.maximumPoints))
    }
    guard total.isFinite else { return unrated(contributions, cause: "points overflow") }
    let rank = scale.rank(forPoints: total)
    var rating = CreditRating(
      grade: scale.grades[rank], points: total, contributions: contributions, unratedCause: nil)
    rating.gradeFloor = scale.minimumPoints(ofRank: rank)
    if let next = scale.minimumPoints(ofRank: rank + 1) {
      rating.nextGrade = (scale.grades[rank + 1].name, next)
    }
    return rating
  }

  private static func unrated(_ contributions: [FactorContribution], cause: String)
    -> CreditRating
  {
    CreditRating(grade: nil, points: nil, contributions: contributions, unratedCause: cause)
  }

  /// A rating with a grade, for a host scorecard that builds its own ratings: the reason
  /// names the points the grade needs and the next grade's, read from the scale.
  ///
  /// - Parameters:
  ///   - grade: The grade, one of `scale`'s.
  ///   - points: The summed points.
  ///   - scale: The scale the grade is on.
  ///   - contributions: Each factor's contribution, in the scorecard's order.
  public init(
    grade: CreditGrade, points: Double, on scale: CreditGradeScale,
    contributions: [FactorContribution] = []
  ) {
    self.init(grade: grade, points: points, contributions: contributions, unratedCause: nil)
    gradeFloor = scale.minimumPoints(ofRank: grade.rank)
    if let next = scale.minimumPoints(ofRank: grade.rank + 1),
      scale.grades.indices.contains(grade.rank + 1)
    {
      nextGrade = (scale.grades[grade.rank + 1].name, next)
    }
  }

  /// An unrated client's rating, for a host scorecard that builds its own ratings.
  ///
  /// - Parameters:
  ///   - cause: Why the client is unrated ("paymentDelayDays is missing").
  ///   - contributions: The contributions up to the input that stopped the rating.
  /// - Returns: The rating, with no grade and no points.
  public static func unrated(because cause: String, contributions: [FactorContribution] = [])
    -> CreditRating
  {
    unrated(contributions, cause: cause)
  }

  init(
    grade: CreditGrade?, points: Double?, contributions: [FactorContribution],
    unratedCause: String?
  ) {
    self.grade = grade
    self.points = points
    self.contributions = contributions
    self.unratedCause = unratedCause
  }

  /// Ratings are equal when grade, points, contributions and cause are.
  ///
  /// - Parameters:
  ///   - lhs: A rating.
  ///   - rhs: Another rating.
  /// - Returns: Whether they are equal.
  public static func == (lhs: CreditRating, rhs: CreditRating) -> Bool {
    lhs.grade == rhs.grade && lhs.points == rhs.points && lhs.contributions == rhs.contributions
      && lhs.unratedCause == rhs.unratedCause
  }

  /// Hashes the rating's grade, points, contributions and cause.
  ///
  /// - Parameter hasher: The hasher.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(grade)
    hasher.combine(points)
    hasher.combine(contributions)
    hasher.combine(unratedCause)
  }
}
