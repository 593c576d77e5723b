import ClientBaseCore
import ClientBaseTesting
import Foundation
import Segmentation
import Testing

/// Five clients scored by hand on the standard scorecard (maximum 100 points):
/// - a: delay 0 → 30, arrears 0 → 25, tenure 6 → 20, products 3 → 25: 100, AAA.
/// - b: delay 12 → 15, arrears 1 → 12, tenure 4 → 15, products 1 → 10: 52, BB (50 ≤ 52 < 60).
/// - c: delay 45 → 0, arrears 5 → 0, tenure 0.5 → 0, products 0 → 0: 0, C.
/// - d: delay missing (NaN): unrated.
/// - e: delay 0 → 30, arrears 2 → 5, tenure 2 → 10, products 2 → 18: 63, BBB.
private func fixtureInputs() throws -> CreditInputs<String> {
  try CreditInputs(
    ids: ["a", "b", "c", "d", "e"],
    columns: [
      "paymentDelayDays": [0, 12, 45, .nan, 0],
      "arrearsEpisodes": [0, 1, 5, 0, 2],
      "tenureYears": [6, 4, 0.5, 3, 2],
      "productsHeld": [3, 1, 0, 2, 2],
    ])
}

@Suite("Credit rating")
struct CreditRatingTests {
  @Test func gradesFollowTheHandScoredPoints() throws {
    let ratings = StandardCreditScorecard.standard.ratings(for: try fixtureInputs())
    #expect((0..<5).map { ratings.grade(forRow: $0)?.name } == ["AAA", "BB", "C", nil, "BBB"])
    #expect((0..<5).map { ratings.points(forRow: $0) } == [100, 52, 0, nil, 63])
    #expect(Array(ratings.gradeRanks) == [6, 2, 0, -1, 3])
    // Scale order C, B, BB, BBB, A, AA, AAA.
    #expect(ratings.counts.entries.map(\.count) == [1, 0, 1, 1, 0, 0, 1])
    #expect(ratings.counts.unlabeled == 1)
    #expect(ratings.row(for: "e") == 4)
    #expect(ratings.row(for: "zz") == nil)
  }

  @Test func reasonsShowEachFactorsBandAndTheLargestLosses() throws {
    let ratings = StandardCreditScorecard.standard.ratings(for: try fixtureInputs())
    // b lost 15 on delay, 13 on arrears, 5 on tenure and 15 on products: the two 15s lead,
    // delay first because it comes first on the scorecard.
    #expect(
      ratings.reason(forRow: 1)
        == "BB: 52 of 100 points (BB from 50, BBB from 60); paymentDelayDays 12 in (0, 30] → "
        + "15/30, arrearsEpisodes 1 in (0, 1] → 12/25, tenureYears 4 in (3, 5] → 15/20, "
        + "productsHeld 1 in (0, 1] → 10/25; lost most: paymentDelayDays -15, productsHeld -15")
    #expect(ratings.reason(forRow: 0).hasPrefix("AAA: 100 of 100 points (AAA from 90)"))
    #expect(!ratings.reason(forRow: 0).contains("lost most"))
    #expect(ratings.reason(forRow: 2).hasPrefix("C: 0 of 100 points (lowest grade, B from 35)"))
    #expect(ratings.reason(forRow: 3) == "unrated: paymentDelayDays is missing")
    let rating = ratings.rating(forRow: 1)
    #expect(
      rating.largestLosses.map(\.factor) == [
        "paymentDelayDays", "productsHeld", "arrearsEpisodes", "tenureYears",
      ])
    #expect(rating.contributions.map(\.band) == ["(0, 30]", "(0, 1]", "(3, 5]", "(0, 1]"])
  }

  @Test(arguments: [
    (-1.0, 30.0), (0, 30), (0.5, 15), (1, 15), (30, 15), (30.01, 0), (400, 0),
  ])
  func paymentDelayBandsIncludeTheirUpperBound(days: Double, points: Double) {
    #expect(BandedCreditFactor.paymentDelayDays.points(for: days) == points)
  }

  @Test func singleClientRatingMatchesTheWholeBase() throws {
    let rating = StandardCreditScorecard.standard.rating(of: [
      "paymentDelayDays": 0, "arrearsEpisodes": 2, "tenureYears": 2, "productsHeld": 2,
    ])
    #expect(rating.grade?.name == "BBB")
    #expect(rating.points == 63)
    let missing = StandardCreditScorecard.standard.rating(of: ["paymentDelayDays": 0])
    #expect(missing.grade == nil)
    #expect(missing.unratedCause == "arrearsEpisodes is missing")
  }

  @Test func infiniteInputsLeaveAClientUnratedNotTheBase() throws {
    let inputs = try CreditInputs(
      ids: [1, 2],
      columns: [
        "paymentDelayDays": [0, .infinity], "arrearsEpisodes": [0, 0], "tenureYears": [9, 9],
        "productsHeld": [3, 3],
      ])
    let ratings = StandardCreditScorecard.standard.ratings(for: inputs)
    #expect(ratings.grade(forRow: 0)?.name == "AAA")
    #expect(ratings.grade(forRow: 1) == nil)
    #expect(ratings.points(forRow: 1) == nil)
    #expect(ratings.reason(forRow: 1) == "unrated: paymentDelayDays is inf")
  }

  @Test func hostsDefineTheirOwnGradesAndFactors() throws {
    let scale = try CreditGradeScale(
      lowest: "decline",
      steps: [
        .init(grade: "review", minimumPoints: 10), .init(grade: "approve", minimumPoints: 20),
      ])
    let utilisation = ClosureCreditFactor(
      "utilisation", direction: .lowerIsBetter, maximumPoints: 20
    ) { share in share < 0.3 ? 20 : share < 0.8 ? 10 : 0 }
    let card = try StandardCreditScorecard(factors: [utilisation], gradeScale: scale)
    let inputs = try CreditInputs(ids: ["x", "y", "z"], columns: ["utilisation": [0.1, 0.5, 0.9]])
    let ratings = card.ratings(for: inputs)
    #expect((0..<3).map { ratings.grade(forRow: $0)?.name } == ["approve", "review", "decline"])
    // Closure factors have no bands: the reason shows the input and points only.
    #expect(
      ratings.reason(forRow: 1)
        == "review: 10 of 20 points (review from 10, approve from 20); utilisation 0.5 → 10/20; "
        + "lost most: utilisation -10")
    let grades = scale.grades
    #expect(grades[0] < grades[1] && grades[1] < grades[2])
    #expect(
      CreditGradeScale.standard.grades.map(\.name) == ["C", "B", "BB", "BBB", "A", "AA", "AAA"])
  }

  @Test func aFactorGivingNonFinitePointsLeavesTheClientUnrated() throws {
    let broken = ClosureCreditFactor("odd", direction: .higherIsBetter, maximumPoints: 10) {
      $0 > 5 ? .nan : 10
    }
    let card = try StandardCreditScorecard(factors: [broken], gradeScale: .standard)
    let ratings = card.ratings(for: try CreditInputs(ids: [1, 2], columns: ["odd": [1, 9]]))
    #expect(ratings.grade(forRow: 0)?.name == "C")
    #expect(ratings.grade(forRow: 1) == nil)
    #expect(ratings.reason(forRow: 1) == "unrated: factor odd gave nan points for 9.0")
  }

  @Test func badScalesAndFactorsAreRefused() throws {
    // Thresholds not increasing.
    #expect(throws: SegmentationError.self) {
      try CreditGradeScale(
        lowest: "C",
        steps: [.init(grade: "B", minimumPoints: 50), .init(grade: "A", minimumPoints: 40)])
    }
    #expect(throws: SegmentationError.self) {
      try CreditGradeScale(
        lowest: "C",
        steps: [.init(grade: "B", minimumPoints: 50), .init(grade: "A", minimumPoints: 50)])
    }
    #expect(throws: SegmentationError.self) {
      try CreditGradeScale(lowest: "C", steps: [.init(grade: "B", minimumPoints: .nan)])
    }
    #expect(throws: SegmentationError.self) {
      try CreditGradeScale(lowest: "C", steps: [.init(grade: "C", minimumPoints: 10)])
    }
    #expect(throws: SegmentationError.self) {
      try BandedCreditFactor("x", direction: .lowerIsBetter, bands: [])
    }
    #expect(throws: SegmentationError.self) {
      try BandedCreditFactor(
        "x", direction: .lowerIsBetter,
        bands: [.through(30, points: 1), .through(10, points: 2), .otherwise(points: 0)])
    }
    #expect(throws: SegmentationError.self) {
      try BandedCreditFactor("x", direction: .lowerIsBetter, bands: [.through(30, points: 1)])
    }
    #expect(throws: SegmentationError.self) {
      try BandedCreditFactor(
        "x", direction: .lowerIsBetter, bands: [.through(0, points: -5), .otherwise(points: 0)])
    }
    #expect(throws: SegmentationError.empty("scorecard factors")) {
      try StandardCreditScorecard(factors: [])
    }
    let zero = try BandedCreditFactor(
      "zero", direction: .higherIsBetter, bands: [.otherwise(points: 0)])
    #expect(throws: SegmentationError.self) { try StandardCreditScorecard(factors: [zero]) }
    let negative = ClosureCreditFactor("neg", direction: .higherIsBetter, maximumPoints: -3) { _ in
      0
    }
    #expect(throws: SegmentationError.self) {
      try StandardCreditScorecard(factors: [negative, BandedCreditFactor.tenureYears])
    }
    #expect(throws: SegmentationError.self) {
      try StandardCreditScorecard(factors: [
        BandedCreditFactor.tenureYears, BandedCreditFactor.tenureYears,
      ])
    }
  }

  @Test func badInputsAreRefused() throws {
    #expect(throws: SegmentationError.lengthMismatch(what: "column a", expected: 2, actual: 1)) {
      try CreditInputs(ids: [1, 2], columns: ["a": [1]])
    }
    #expect(throws: SegmentationError.duplicateClient("1")) {
      try CreditInputs(ids: [1, 1], columns: ["a": [1, 2]])
    }
    // An empty base is empty ratings.
    let empty = StandardCreditScorecard.standard.ratings(
      for: try CreditInputs(ids: [Int](), columns: [:]))
    #expect(empty.isEmpty && empty.counts.total == 0 && empty.counts.labels.count == 7)
    // A factor's column absent: every client is unrated, saying which input is missing.
    let partial = StandardCreditScorecard.standard.ratings(
      for: try CreditInputs(ids: [1, 2], columns: ["paymentDelayDays": [0, 3]]))
    #expect(partial.counts.unlabeled == 2 && partial.grade(forRow: 0) == nil)
    #expect(partial.reason(forRow: 1) == "unrated: arrearsEpisodes is missing")
  }

  @Test func inputsOverAnExistingRowSpaceShareIt() throws {
    let clients = try ClientIndex(["a", "b", "c", "d", "e"])
    let inputs = try CreditInputs(clients: clients, columns: try fixtureInputs().columns)
    let ratings = StandardCreditScorecard.standard.ratings(for: inputs)
    #expect(ratings.clients == clients)
    #expect(ratings[client: "e"]??.name == "BBB")
    #expect(throws: SegmentationError.lengthMismatch(what: "column x", expected: 5, actual: 1)) {
      try CreditInputs(clients: clients, columns: ["x": [1]])
    }
  }

  @Test func aHostScorecardCanReplaceTheWholeBaseCall() throws {
    /// Rates every client with the standard factors but looks at no client with arrears.
    struct NoArrears: CreditRatingPolicy {
      let standard = StandardCreditScorecard.standard
      var factors: [any CreditFactor] { standard.factors }
      var gradeScale: CreditGradeScale { standard.gradeScale }
      func rating(of inputs: [String: Double]) -> CreditRating {
        guard let arrears = inputs["arrearsEpisodes"], arrears == 0 else {
          return .unrated(because: "arrears")
        }
        return standard.rating(of: inputs)
      }
      func ratings<ID>(for inputs: CreditInputs<ID>) -> CreditRatings<ID> {
        CreditRatings(inputs: inputs, gradeScale: gradeScale) { row in
          rating(of: inputs.columns.mapValues { $0[row] })
        }
      }
    }
    let ratings = NoArrears().ratings(for: try fixtureInputs())
    // a and d have no arrears (d unrated all the same: its delay is missing); b (1), c (5)
    // and e (2) do.
    #expect((0..<5).map { ratings.grade(forRow: $0)?.name } == ["AAA", nil, nil, nil, nil])
    #expect(ratings.reason(forRow: 1) == "unrated: arrears")
    #expect(ratings.reason(forRow: 3) == "unrated: paymentDelayDays is missing")
    #expect(ratings.points(forRow: 0) == 100 && ratings.counts.unlabeled == 4)
    #expect(CreditScorecardLaws.violations(of: NoArrears(), on: try fixtureInputs()).isEmpty)
  }

  @Test func aHostRatingOffTheScaleIsUnratedAndSaysWhy() throws {
    let scale = StandardCreditScorecard.standard.gradeScale
    let contribution = FactorContribution(
      factor: "tenureYears", input: 6, band: nil, points: 10, maximumPoints: 20)
    let hostRatings: [CreditRating] = [
      // On the scale: kept as it is.
      CreditRating(grade: scale.grades[4], points: 70, on: scale),
      // A rank the scale does not have, and a known rank under another name.
      CreditRating(
        grade: CreditGrade(name: "Z", rank: 9), points: 50, on: scale,
        contributions: [contribution]),
      CreditRating(grade: CreditGrade(name: "prime", rank: 2), points: 50, on: scale),
      // On the scale, but its points are not a number.
      CreditRating(grade: scale.grades[1], points: .nan, on: scale),
      .unrated(because: "no data"),
    ]
    let inputs = try CreditInputs(ids: ["a", "b", "c", "d", "e"], columns: [:])
    let ratings = CreditRatings(inputs: inputs, gradeScale: scale) { hostRatings[$0] }
    #expect((0..<5).map { ratings.grade(forRow: $0) } == [scale.grades[4], nil, nil, nil, nil])
    #expect(ratings.points(forRow: 0) == 70 && ratings.points(forRow: 3) == nil)
    #expect(ratings.reason(forRow: 1) == "unrated: grade Z is not on the scale")
    #expect(ratings.reason(forRow: 2) == "unrated: grade prime is not on the scale")
    #expect(
      ratings.reason(forRow: 3) == "unrated: grade \(scale.grades[1].name) came with nan points")
    #expect(ratings.reason(forRow: 4) == "unrated: no data")
    // The recorded rating agrees with the label, and keeps the host's contributions.
    #expect(ratings.rating(forRow: 1).grade == nil && ratings.rating(forRow: 1).points == nil)
    #expect(ratings.rating(forRow: 1).contributions == [contribution])
    #expect(ratings.rating(forRow: 0) == hostRatings[0])
    #expect(ratings.counts.unlabeled == 4 && ratings.counts.total == 5)
  }

  @Test func theStandardScorecardIsReachableAsADotStandardPolicy() throws {
    func grades(_ policy: some CreditRatingPolicy) throws -> [String?] {
      let ratings = policy.ratings(for: try fixtureInputs())
      return (0..<ratings.count).map { ratings.grade(forRow: $0)?.name }
    }
    #expect(try grades(.standard) == ["AAA", "BB", "C", nil, "BBB"])
  }

  // MARK: Seeded properties

  private static let factorRanges: [(name: String, range: Double)] = [
    ("paymentDelayDays", 60), ("arrearsEpisodes", 6), ("tenureYears", 10), ("productsHeld", 5),
  ]

  private static func randomInputs(count: Int, seed: UInt64) throws -> CreditInputs<Int> {
    var generator = SeededGenerator(seed: seed)
    var columns: [String: ContiguousArray<Double>] = [:]
    for (name, range) in factorRanges {
      columns[name] = ContiguousArray(
        (0..<count).map { _ in (generator.nextUnitDouble() * range * 4).rounded() / 4 })
    }
    return try CreditInputs(ids: Array(0..<count), columns: columns)
  }

  @Test(arguments: [11 as UInt64, 12])
  func everyClientGetsOneGradeThatImprovesWithEachFactor(seed: UInt64) throws {
    let card = StandardCreditScorecard.standard
    let inputs = try Self.randomInputs(count: 2_000, seed: seed)
    let ratings = card.ratings(for: inputs)
    #expect(ratings.counts.total == 2_000)
    #expect(ratings.counts.unlabeled == 0)
    for row in 0..<2_000 {
      // Points recomputed from the factors one by one; the grade from the thresholds.
      var expected = 0.0
      for factor in card.factors {
        expected += factor.points(for: inputs.columns[factor.inputName]![row])
      }
      #expect(ratings.points(forRow: row) == expected)
      let thresholds = [35.0, 50, 60, 70, 80, 90]
      #expect(Int(ratings.gradeRanks[row]) == thresholds.filter { $0 <= expected }.count)
    }
    for factor in card.factors {
      let step = factor.direction == .higherIsBetter ? 1.0 : -1.0
      var columns = inputs.columns
      columns[factor.inputName] = ContiguousArray(
        inputs.columns[factor.inputName]!.map { $0 + step })
      let better = card.ratings(for: try CreditInputs(clients: inputs.clients, columns: columns))
      for row in 0..<2_000 { #expect(better.gradeRanks[row] >= ratings.gradeRanks[row]) }
    }
    var generator = SeededGenerator(seed: seed + 1)
    let order = Array(0..<2_000).shuffled(using: &generator)
    let shuffled = try CreditInputs(
      ids: order,
      columns: inputs.columns.mapValues { column in ContiguousArray(order.map { column[$0] }) })
    let again = card.ratings(for: shuffled)
    for (row, original) in order.enumerated() {
      #expect(again.gradeRanks[row] == ratings.gradeRanks[original])
    }
    #expect(again.counts == ratings.counts)
  }

  @Test func theStandardScorecardKeepsTheLaws() throws {
    let violations = CreditScorecardLaws.violations(
      of: StandardCreditScorecard.standard, on: try Self.randomInputs(count: 300, seed: 5),
      steps: ["tenureYears": 0.5])
    #expect(violations.isEmpty, "\(violations)")
  }
}

/// Decodes `json` as `T`, for the decoding tests.
private func decoded<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
  try JSONDecoder().decode(type, from: Data(json.utf8))
}

/// Encodes then decodes a value.
private func roundTripped<T: Codable>(_ value: T) throws -> T {
  try JSONDecoder().decode(T.self, from: JSONEncoder().encode(value))
}

@Suite("Credit rating decoding")
struct CreditRatingDecodingTests {
  @Test func scalesDecodeOnlyWhenTheyPassTheChecks() throws {
    #expect(try roundTripped(CreditGradeScale.standard) == .standard)
    let bad = [
      // One grade too few for the thresholds: would read past `grades`.
      #"{"grades":[{"name":"C","rank":0},{"name":"B","rank":1}],"minimumPoints":[10,20]}"#,
      // Thresholds that fall.
      #"{"grades":[{"name":"C","rank":0},{"name":"B","rank":1},{"name":"A","rank":2}],"#
        + #""minimumPoints":[20,10]}"#,
      // A rank that is not the grade's position.
      #"{"grades":[{"name":"C","rank":0},{"name":"B","rank":5}],"minimumPoints":[10]}"#,
      #"{"grades":[],"minimumPoints":[]}"#,
    ]
    for json in bad {
      #expect(throws: DecodingError.self) { try decoded(CreditGradeScale.self, json) }
    }
  }

  @Test func bandedFactorsDecodeOnlyWhenTheyPassTheChecks() throws {
    // The open-ended last band is +∞, which plain JSON cannot hold: spell it as text.
    let encoder = JSONEncoder()
    encoder.nonConformingFloatEncodingStrategy = .convertToString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    let delay = BandedCreditFactor.paymentDelayDays
    #expect(
      try decoder.decode(BandedCreditFactor.self, from: encoder.encode(delay)) == delay)
    let bad = [
      // No bands: `bands[-1]` and an out-of-bounds read in `addPoints`.
      #"{"name":"x","inputName":"x","direction":"lowerIsBetter","bands":[]}"#,
      // A last band that is not open-ended.
      #"{"name":"x","inputName":"x","direction":"lowerIsBetter","bands":[{"upperBound":5,"points":1}]}"#,
      // Negative points.
      #"{"name":"x","direction":"higherIsBetter","bands":[{"upperBound":1,"points":-1},"#
        + #"{"upperBound":2,"points":1}]}"#,
    ]
    for json in bad {
      #expect(throws: DecodingError.self) { try decoded(BandedCreditFactor.self, json) }
    }
  }
}
