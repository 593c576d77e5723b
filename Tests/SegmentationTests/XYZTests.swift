import ClientBaseCore
import ClientBaseTesting
import Foundation
import Segmentation
import Testing

private func xyzDay(_ text: String) -> Day {
  (try? Day(iso8601: text)) ?? .min
}

@Suite("XYZ")
struct XYZTests {
  /// Four periods per client, worked by hand (population standard deviation):
  /// - 10 10 10 10: deviation 0 → 0% → X.
  /// - 9 11 9 11: mean 10, deviation 1 → exactly 10%, the X bound (inclusive) → X.
  /// - 10 12 8 10: mean 10, squared gaps 0 4 4 0 → variance 2, deviation 1.414 → 14.1% → Y.
  /// - 0 0 30 10: mean 10, squared gaps 100 100 400 0 → variance 150, deviation 12.25 →
  ///   122.5% → Z.
  /// - 0 0 0 0 and 5 −10 0 1 (mean −1): no positive mean.
  private func handMatrix() throws -> PeriodMatrix<String> {
    try PeriodMatrix(
      ids: ["steady", "edge", "wobbly", "lumpy", "silent", "refunds"], periodCount: 4,
      values: [
        10, 10, 10, 10, 9, 11, 9, 11, 10, 12, 8, 10, 0, 0, 30, 10, 0, 0, 0, 0, 5, -10, 0, 1,
      ])
  }

  @Test func handWorkedCoefficients() throws {
    let result = StandardXYZ.standard.classification(of: try handMatrix())
    #expect(Array(result.classes) == [.x, .x, .y, .z, nil, nil])
    #expect(result.coefficientOfVariation(forRow: 0) == 0)
    #expect(result.coefficientOfVariation(forRow: 1) == 0.1)
    let wobbly = try #require(result.coefficientOfVariation(forRow: 2))
    #expect(abs(wobbly - 2.0.squareRoot() / 10) < 1e-15)
    let lumpy = try #require(result.coefficientOfVariation(forRow: 3))
    #expect(abs(lumpy - 150.0.squareRoot() / 10) < 1e-15)
    #expect(result.outcome(forRow: 4) == .noPositiveMean(mean: 0))
    #expect(result.outcome(forRow: 5) == .noPositiveMean(mean: -1))
    #expect(result.counts.entries.map(\.count) == [2, 1, 1])
    #expect(result.counts.labels == [.x, .y, .z] && result.counts.unlabeled == 2)
    #expect(result.row(for: "wobbly") == 2)
    #expect(result[client: "lumpy"] == result.outcome(forRow: 3))
    #expect(result.label(for: "silent") == nil && result.label(for: "edge") == .x)
    #expect(result.row(for: "absent") == nil)
    #expect(
      result.reason(forRow: 2)
        == "Y: coefficient of variation 14.1% over 4 periods (X up to 10%, Y up to 25%)")
    #expect(result.reason(forRow: 5) == "unclassified: mean -1.00 per period is not positive")
  }

  @Test func recordsCanStartAtTheFirstActivePeriod() throws {
    // 0 0 10 10 over all four periods: mean 5, deviation 5 → 100% → Z. Starting at the
    // first purchase leaves 2 periods, fewer than the 3 needed → unclassified.
    let matrix = try PeriodMatrix(ids: ["late"], periodCount: 4, values: [0, 0, 10, 10])
    #expect(StandardXYZ.standard.classification(of: matrix).classes == [.z])
    let fromFirst = try StandardXYZ(startsAtFirstActivePeriod: true).classification(of: matrix)
    #expect(fromFirst.outcome(forRow: 0) == .tooFewPeriods(observed: 2, required: 3))
    #expect(fromFirst.reason(forRow: 0) == "unclassified: 2 periods observed, 3 needed")
  }

  @Test func reasonsNameThePeriodsTheCoefficientRestsOn() throws {
    // "joiner" bought 10 in each of the last 3 of 5 periods: from its first purchase that is
    // 3 equal periods, deviation 0 → X over 3 periods, not 5. "silent" bought nothing: mean 0
    // under either setting, so no positive mean rather than "0 periods observed".
    let matrix = try PeriodMatrix(
      ids: ["joiner", "silent"], periodCount: 5, values: [0, 0, 10, 10, 10, 0, 0, 0, 0, 0])
    let fromFirst = try StandardXYZ(startsAtFirstActivePeriod: true).classification(of: matrix)
    #expect(fromFirst.outcome(forRow: 0) == .classified(.x, coefficientOfVariation: 0))
    #expect(fromFirst.observedPeriodCount(forRow: 0) == 3)
    #expect(
      fromFirst.reason(forRow: 0)
        == "X: coefficient of variation 0% over 3 periods (X up to 10%, Y up to 25%)")
    #expect(fromFirst.outcome(forRow: 1) == .noPositiveMean(mean: 0))
    #expect(fromFirst.observedPeriodCount(forRow: 1) == 0)
    let whole = StandardXYZ.standard.classification(of: matrix)
    #expect(whole.outcome(forRow: 1) == .noPositiveMean(mean: 0))
    #expect(whole.observedPeriodCount(forRow: 0) == 5)
    #expect(whole.reason(forRow: 0).contains("over 5 periods"))
  }

  @Test func tooShortAGridLeavesEveryoneUnclassified() throws {
    let matrix = try PeriodMatrix(ids: [1, 2], periodCount: 2, values: [1, 1, 2, 3])
    let result = StandardXYZ.standard.classification(of: matrix)
    #expect(result.classes == [nil, nil])
    #expect(result.outcome(forRow: 1) == .tooFewPeriods(observed: 2, required: 3))
  }

  @Test func badSettingsAndMatricesAreRejected() throws {
    #expect(throws: SegmentationError.self) { try StandardXYZ(xBound: -0.1) }
    #expect(throws: SegmentationError.self) { try StandardXYZ(xBound: 0.3, yBound: 0.2) }
    #expect(throws: SegmentationError.self) { try StandardXYZ(yBound: .infinity) }
    #expect(throws: SegmentationError.self) { try StandardXYZ(xBound: .nan) }
    #expect(throws: SegmentationError.self) { try StandardXYZ(minimumPeriods: 1) }
    #expect(try StandardXYZ() == StandardXYZ.standard)
    #expect(throws: SegmentationError.lengthMismatch(what: "matrix cells", expected: 4, actual: 3))
    { try PeriodMatrix(ids: [1, 2], periodCount: 2, values: [1, 2, 3]) }
    #expect(
      throws: SegmentationError.nonFiniteValue(
        at: .period(1, client: "2", row: 1), value: .infinity)
    ) {
      try PeriodMatrix(ids: [1, 2], periodCount: 2, values: [1, 2, 3, .infinity])
    }
    #expect(throws: SegmentationError.duplicateClient("1")) {
      try PeriodMatrix(ids: [1, 1], periodCount: 1, values: [1, 2])
    }
    #expect(throws: SegmentationError.self) {
      try PeriodMatrix(ids: [1], periodCount: 0, values: [Double]())
    }
  }

  @Test func monthlyMatrixFromALog() throws {
    // The 3 calendar months before April 2024: January, February, March.
    // a: 100 in each month; 500 on 1 April and 7 on 31 December are outside.
    // b: 50 − 20 (refund) in January, nothing in February, 30 in March.
    // c: only in April: all zeros.
    let grid = try PeriodGrid.trailingMonths(3, before: xyzDay("2024-04-15"))
    #expect(grid.days == xyzDay("2024-01-01")...xyzDay("2024-03-31"))
    var history = PurchaseHistoryBuilder<String>()
    try history.client(
      "a",
      bought: [
        ("2023-12-31", 7), ("2024-01-05", 100), ("2024-02-10", 100), ("2024-03-31", 100),
        ("2024-04-01", 500),
      ])
    try history.client("b", bought: [("2024-01-01", 50), ("2024-01-31", -20), ("2024-03-01", 30)])
    try history.client("c", bought: [("2024-04-02", 10)])
    let matrix = try PeriodMatrix(spendIn: history.log, grid: grid)
    #expect(matrix.ids == ["a", "b", "c"])
    #expect(Array(matrix.values) == [100, 100, 100, 30, 0, 30, 0, 0, 0])
    #expect(matrix.clients == history.log.clients)
    let result = StandardXYZ.standard.classification(of: matrix)
    // b: mean 20, gaps 10 −20 10 → variance 200, deviation 14.1 → 70.7% → Z.
    #expect(Array(result.classes) == [.x, .z, nil])
  }

  @Test func weeklyGridFromALog() throws {
    // Two 7-day periods ending the day before 15 January: 1–7 and 8–14 January.
    let grid = try PeriodGrid.trailingDays(2, length: 7, before: xyzDay("2024-01-15"))
    #expect(grid.firstDay(ofPeriod: 1) == xyzDay("2024-01-08"))
    var history = PurchaseHistoryBuilder<Int>()
    try history.client(1, bought: [("2024-01-07", 5), ("2024-01-08", 6), ("2024-01-15", 99)])
    let matrix = try PeriodMatrix(spendIn: history.log, grid: grid)
    #expect(Array(matrix.values) == [5, 6])
    #expect(throws: SegmentationError.self) {
      try PeriodGrid(start: xyzDay("2024-01-01"), length: .days(0), count: 3)
    }
    #expect(throws: SegmentationError.self) {
      try PeriodGrid(start: .max, length: .months(1), count: 3)
    }
  }

  @Test func aGridSpanningMoreThanInt32DaysPlacesEventsRight() throws {
    // 3,500 periods of 1,000,000 days from day −2,000,000,000 end at day 1,500,000,000: a
    // legal grid of 3.5 × 10⁹ days. An event on day 1,400,000,000 lies 3.4 × 10⁹ days after
    // the start (beyond Int32), in period 3,400.
    let grid = try PeriodGrid(
      start: Day(daysSince1970: -2_000_000_000), length: .days(1_000_000), count: 3_500)
    var log = PurchaseLog<Int>()
    log.append(client: 1, day: Day(daysSince1970: 1_400_000_000), amount: 7)
    let matrix = try PeriodMatrix(spendIn: log, grid: grid)
    #expect(matrix[0, 3_400] == 7)
    #expect(matrix.values.reduce(0, +) == 7)
  }

  @Test(arguments: [11, 12, 13] as [UInt64])
  func boundsHoldOnRandomMatrices(seed: UInt64) throws {
    // 10,000 clients × 12 periods with zeros, refunds and spikes; every outcome must follow
    // from a coefficient recomputed here, and nothing may be NaN.
    var generator = SeededGenerator(seed: seed)
    let clients = 10_000
    let periods = 12
    var cells: [Double] = []
    cells.reserveCapacity(clients * periods)
    for _ in 0..<clients {
      let level = Double(generator.nextInt(below: 1_000))
      let spread = generator.nextUnitDouble() * 0.6
      for _ in 0..<periods {
        let draw = generator.nextUnitDouble()
        cells.append(draw < 0.05 ? 0 : draw < 0.07 ? -level : level * (1 + spread * (draw - 0.5)))
      }
    }
    let matrix = try PeriodMatrix(ids: Array(0..<clients), periodCount: periods, values: cells)
    let result = StandardXYZ.standard.classification(of: matrix)
    #expect(
      result.classes == StandardXYZ.standard.classification(of: matrix, threadCount: 2).classes)
    for row in 0..<clients {
      let slice = cells[(row * periods)..<((row + 1) * periods)]
      let mean = slice.reduce(0, +) / Double(periods)
      switch result.outcome(forRow: row) {
      case .classified(let value, let coefficient):
        let variance = slice.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(periods)
        #expect(abs(coefficient - variance.squareRoot() / mean) <= 1e-9 * coefficient + 1e-12)
        #expect(coefficient.isFinite && mean > 0)
        #expect(value == (coefficient <= 0.10 ? .x : coefficient <= 0.25 ? .y : .z))
      case .noPositiveMean(let reported):
        #expect(mean <= 0 && reported.isFinite)
      case .tooFewPeriods:
        Issue.record("12 periods are enough")
      }
    }
  }

  @Test func matrixOfABCAndXYZ() throws {
    // ABC by value share on 50 20 10 8 5 4 2 1 gives AAABBBCC (see the ABC tests). The XYZ
    // rows come in another order, so the grid joins by id.
    let ids = ["a", "b", "c", "d", "e", "f", "g", "h"]
    let abc = StandardABC.standard.classification(
      of: try ClientValues(ids: ids, values: [50, 20, 10, 8, 5, 4, 2, 1]))
    // Per client (reversed order h...a): steady → X, wobbly → Y, lumpy → Z, silent → none.
    let rows: [String: [Double]] = [
      "a": [1, 1, 1], "b": [0, 0, 9], "c": [0, 0, 0], "d": [1, 1, 1], "e": [10, 12, 8],
      "f": [0, 0, 3], "g": [1, 1, 1], "h": [2, 2, 2],
    ]
    let reversed = Array(ids.reversed())
    let xyz = StandardXYZ.standard.classification(
      of: try PeriodMatrix(ids: reversed, periodCount: 3, values: reversed.flatMap { rows[$0]! }))
    let grid = ABCXYZMatrix(abc: abc, xyz: xyz)
    #expect(grid[.a, .x] == .init(count: 1, value: 50))
    #expect(grid[.a, .z] == .init(count: 1, value: 20))
    #expect(grid[.a, nil] == .init(count: 1, value: 10))
    #expect(grid[.b, .x] == .init(count: 1, value: 8))
    #expect(grid[.b, .y] == .init(count: 1, value: 5))
    #expect(grid[.b, .z] == .init(count: 1, value: 4))
    #expect(grid[.c, .x] == .init(count: 2, value: 3))
    #expect(grid.clientCount == 8)
    // XYZ of "a" only: the other seven ABC clients have no XYZ row and land in the
    // unclassified column with their values; nothing throws.
    let fewer = StandardXYZ.standard.classification(
      of: try PeriodMatrix(ids: ["a"], periodCount: 3, values: [1, 1, 1]))
    let partial = ABCXYZMatrix(abc: abc, xyz: fewer)
    #expect(partial[.a, .x] == .init(count: 1, value: 50))
    #expect(partial[.a, nil] == .init(count: 2, value: 30))
    #expect(partial[.b, nil] == .init(count: 3, value: 17))
    #expect(partial[.c, nil] == .init(count: 2, value: 3))
    #expect(partial.clientCount == 8)
    // XYZ of other clients entirely: all eight ABC clients are unclassified, the XYZ-only
    // clients are left out.
    let others = StandardXYZ.standard.classification(
      of: try PeriodMatrix(
        ids: ids.map { $0 + "!" }, periodCount: 1, values: [Double](repeating: 1, count: 8)))
    let disjoint = ABCXYZMatrix(abc: abc, xyz: others)
    #expect(disjoint[.a, nil] == .init(count: 3, value: 80))
    #expect(disjoint.clientCount == 8)
  }

  @Test("ABC on a table's clients and XYZ on a log's: ABC clients rule the grid")
  func matrixOfDifferentRowSets() throws {
    // ABC on the clients who bought by the as-of day: t, u, v, w with 85, 6, 5, 4 (total
    // 100). Value above each: 0 (A), 85 and 91 (from 80% but under 95%: B), 96 (C).
    let abc = StandardABC.standard.classification(
      of: try ClientValues(ids: ["t", "u", "v", "w"], values: [85, 6, 5, 4]))
    #expect(Array(abc.classes) == [.a, .b, .b, .c])
    // XYZ on the log's clients, in another order: u steady (X), t lumpy (Z), "refund" only
    // refunds (no positive mean, unclassified), "late" bought only after the as-of day (Y).
    // v and w are missing (the log window saw none of their spend).
    let xyz = StandardXYZ.standard.classification(
      of: try PeriodMatrix(
        ids: ["late", "u", "refund", "t"], periodCount: 3,
        values: [10, 12, 8, 5, 5, 5, -4, 0, 0, 0, 0, 9]))
    #expect(Array(xyz.classes) == [.y, .x, nil, .z])
    let grid = ABCXYZMatrix(abc: abc, xyz: xyz)
    // t: (A, Z). u: (B, X). v, w: no XYZ row, so unclassified. "refund" and "late" have no
    // ABC class and are not counted.
    #expect(grid[.a, .z] == .init(count: 1, value: 85))
    #expect(grid[.b, .x] == .init(count: 1, value: 6))
    #expect(grid[.b, nil] == .init(count: 1, value: 5))
    #expect(grid[.c, nil] == .init(count: 1, value: 4))
    #expect(grid.clientCount == abc.count)
    #expect(grid[.a, .y].count + grid[.b, .y].count + grid[.c, .y].count == 0)
  }

  @Test func hostOutcomesAreStoredWithoutNaN() throws {
    let matrix = try PeriodMatrix(
      ids: ["p", "q", "r", "s", "t"], periodCount: 6, values: [Double](repeating: 1, count: 30))
    var asked: [Int] = []
    let result = XYZClassification(matrix: matrix) { row in
      asked.append(row)
      switch row {
      case 0: return .classified(.y, coefficientOfVariation: 0.2)
      case 1: return .tooFewPeriods(observed: 1, required: 3)
      // A host's 0 / 0: no coefficient, so unclassified with mean 0, not a NaN.
      case 2: return .classified(.x, coefficientOfVariation: .nan)
      case 3: return .noPositiveMean(mean: -.infinity)
      default: return .tooFewPeriods(observed: -4, required: 3)
      }
    }
    #expect(asked == [0, 1, 2, 3, 4])
    #expect(result.clients == matrix.clients)
    #expect(result.classes == [.y, nil, nil, nil, nil])
    #expect(result.outcome(forRow: 2) == .noPositiveMean(mean: 0))
    #expect(result.outcome(forRow: 3) == .noPositiveMean(mean: 0))
    #expect(result.outcome(forRow: 4) == .tooFewPeriods(observed: 0, required: 3))
    #expect(
      result.observedPeriodCount(forRow: 1) == 1 && result.observedPeriodCount(forRow: 0) == 6)
    #expect(result.counts.entries.map(\.count) == [0, 1, 0] && result.counts.unlabeled == 4)
    #expect(XYZClass.z < .y && XYZClass.y < .x)
  }

  @Test func emptyMatricesGiveEmptyResults() throws {
    let empty = try PeriodMatrix(ids: [String](), periodCount: 12, values: [Double]())
    let result = StandardXYZ.standard.classification(of: empty, threadCount: 2)
    #expect(result.isEmpty && result.counts.total == 0 && result.counts.labels == [.x, .y, .z])
    #expect(result.snapshot(on: xyzDay("2024-01-01")).labels.isEmpty)
    let abc = StandardABC.standard.classification(
      of: try ClientValues(ids: [String](), values: [Double]()))
    #expect(ABCXYZMatrix(abc: abc, xyz: result).clientCount == 0)
  }

  @Test(arguments: [61, 62] as [UInt64])
  func rowLookUpAgreesWithALinearScan(seed: UInt64) throws {
    var generator = SeededGenerator(seed: seed)
    var ids = Array(0..<2_000).map { $0 * 31 % 2_003 }
    for index in stride(from: ids.count - 1, to: 0, by: -1) {
      ids.swapAt(index, generator.nextInt(below: index + 1))
    }
    let cells = (0..<(ids.count * 4)).map { _ in Double(generator.nextInt(below: 20)) }
    let matrix = try PeriodMatrix(ids: ids, periodCount: 4, values: cells)
    let result = StandardXYZ.standard.classification(of: matrix)
    for probe in Swift.stride(from: 0, to: ids.count, by: 11) {
      #expect(result.row(for: ids[probe]) == ids.firstIndex(of: ids[probe]))
      #expect(result[client: ids[probe]] == result.outcome(forRow: probe))
    }
    #expect(result.row(for: -1) == nil && result[client: 5_000] == nil)
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

@Suite("Period and grid decoding")
struct PeriodDecodingTests {
  @Test func gridsDecodeOnlyWhenTheyPassTheChecks() throws {
    let grid = try PeriodGrid.trailingMonths(12, before: xyzDay("2024-04-15"))
    #expect(try roundTripped(grid) == grid)
    let weekly = try PeriodGrid.trailingDays(4, length: 7, before: xyzDay("2024-04-15"))
    #expect(try roundTripped(weekly) == weekly)
    for json in [
      // A negative count traps in `0...count`.
      #"{"start":"2024-01-01","length":{"months":{"_0":1}},"count":-1}"#,
      // More days per period than Int32 holds traps when the matrix narrows them.
      #"{"start":"2024-01-01","length":{"days":{"_0":3000000000}},"count":2}"#,
      #"{"start":"2024-01-01","length":{"days":{"_0":0}},"count":2}"#,
    ] {
      #expect(throws: DecodingError.self) { try decoded(PeriodGrid.self, json) }
    }
  }

  @Test func abcXYZGridsDecodeOnlyWithTwelveSoundCells() throws {
    let cells = (0..<12).map { #"{"count":\#($0),"value":\#($0 * 10)}"# }
    let grid = try decoded(ABCXYZMatrix.self, #"{"cells":["# + cells.joined(separator: ",") + "]}")
    // Cell 0 is (A, X), cell 11 is (C, unclassified): rows A, B, C of X, Y, Z, none.
    #expect(grid[.a, .x] == .init(count: 0, value: 0))
    #expect(grid[.b, .y] == .init(count: 5, value: 50))
    #expect(grid[.c, nil] == .init(count: 11, value: 110))
    #expect(try roundTripped(grid) == grid)
    let short = #"{"cells":["# + cells.prefix(3).joined(separator: ",") + "]}"
    let negative =
      #"{"cells":["#
      + (cells.dropLast() + [#"{"count":-1,"value":0}"#])
      .joined(separator: ",") + "]}"
    for json in [#"{"cells":[]}"#, short, negative] {
      #expect(throws: DecodingError.self) { try decoded(ABCXYZMatrix.self, json) }
    }
    // A value that is not a number is named by its cell (a grid cell is about no one client).
    let infinite =
      #"{"cells":["#
      + (cells.prefix(5) + [#"{"count":5,"value":"inf"}"#] + cells.suffix(6))
      .joined(separator: ",") + "]}"
    let decoder = JSONDecoder()
    decoder.nonConformingFloatDecodingStrategy = .convertFromString(
      positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    do {
      _ = try decoder.decode(ABCXYZMatrix.self, from: Data(infinite.utf8))
      Issue.record("expected a decoding error")
    } catch DecodingError.dataCorrupted(let context) {
      #expect(context.debugDescription == "cell 5: value inf is not a finite number")
    }
  }

  @Test func nonFiniteSpendIsNamedByClientAndPeriod() throws {
    // Client 2's two purchases in the second month add up past the largest finite number.
    let grid = try PeriodGrid.trailingMonths(2, before: xyzDay("2024-03-01"))
    var log = PurchaseLog<Int>()
    log.append(client: 1, day: xyzDay("2024-01-10"), amount: 5)
    log.append(client: 2, day: xyzDay("2024-02-10"), amount: .greatestFiniteMagnitude)
    log.append(client: 2, day: xyzDay("2024-02-11"), amount: .greatestFiniteMagnitude)
    #expect(
      throws: SegmentationError.nonFiniteValue(
        at: .period(1, client: "2", row: 1), value: .infinity)
    ) {
      try PeriodMatrix(spendIn: log, grid: grid)
    }
    // Over the whole window it is client 2's spend.
    #expect(throws: SegmentationError.nonFiniteValue(at: .client("2", row: 1), value: .infinity)) {
      try ClientValues.spend(in: log, over: grid.days)
    }
  }
}
