import ClientBaseCore
import ClientBaseTesting
import Segmentation
import Testing

private func rfmDay(_ text: String) -> Day {
  (try? Day(iso8601: text)) ?? .min
}

private func measures(
  recency: [Int32], frequency: [Int32], monetary: [Double]
) throws -> RFMMeasures<Int> {
  try RFMMeasures(
    ids: Array(0..<recency.count), recencyDays: ContiguousArray(recency),
    frequency: ContiguousArray(frequency), monetary: ContiguousArray(monetary))
}

/// A seeded base with the ties real data has: recency in whole days, frequency mostly 1–3,
/// money in cents with some zeros and refunds.
private func randomMeasures(count: Int, seed: UInt64) throws -> RFMMeasures<Int> {
  var generator = SeededGenerator(seed: seed)
  var recency: ContiguousArray<Int32> = []
  var frequency: ContiguousArray<Int32> = []
  var money: ContiguousArray<Double> = []
  for _ in 0..<count {
    recency.append(Int32(generator.nextInt(below: 720)))
    let f = 1 / generator.nextOpenUnitDouble()
    frequency.append(Int32(Swift.min(f.rounded(.down), 200)))
    let draw = generator.nextUnitDouble()
    money.append(draw < 0.03 ? -5 : draw < 0.06 ? 0 : (f * 3_000 * draw).rounded() / 100)
  }
  return try RFMMeasures(
    ids: Array(0..<count), recencyDays: recency, frequency: frequency, monetary: money)
}

/// The size of the largest group of equal values.
private func largestTie<T: Hashable>(_ values: some Sequence<T>) -> Int {
  var counts: [T: Int] = [:]
  for value in values { counts[value, default: 0] += 1 }
  return counts.values.max() ?? 0
}

/// Quintile scores by the definition, with a sort: a value scores 1 plus the number of
/// positions ⌈s n / 5⌉ (s = 1...4) that the count of strictly worse values reaches.
private func referenceScores(_ values: [Double], higherIsBetter: Bool) -> [UInt8] {
  let keys = values.map { higherIsBetter ? $0 : -$0 }
  let sorted = keys.sorted()
  let positions = (1...4).map { ($0 * keys.count + 4) / 5 }
  return keys.map { key in
    // The number of values strictly below `key`: the first index not below it.
    var lo = 0
    var hi = sorted.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if sorted[mid] < key { lo = mid + 1 } else { hi = mid }
    }
    return UInt8(1 + positions.filter { lo >= $0 }.count)
  }
}

@Suite("RFM scores")
struct RFMScoreTests {
  @Test func distinctValuesFillEachQuintileEqually() throws {
    // Money 1...10: two clients per score, lowest first.
    let input = try measures(
      recency: Array(repeating: 0, count: 10), frequency: Array(repeating: 1, count: 10),
      monetary: (1...10).map(Double.init))
    let result = StandardRFM.standard.classification(of: input)
    #expect(Array(result.monetaryScores) == [1, 1, 2, 2, 3, 3, 4, 4, 5, 5])
    // Equal recency and frequency for everyone: one tie group, which takes the worst score.
    #expect(Set(result.recencyScores) == [1] && Set(result.frequencyScores) == [1])
  }

  @Test func tieGroupsTakeTheirWorstPosition() throws {
    // Frequency 1 1 1 1 1 1 2 3 4 5: the cut-offs are the 2nd, 4th, 6th and 8th smallest
    // values, 1 1 1 3. The six 1s score 1 (they would span scores 1–3); 2 and 3 exceed the
    // third cut-off only: 4; 4 and 5 exceed all four: 5. Scores 2 and 3 stay empty.
    //
    // Recency 0 5 5 10 20 30 40 50 60 70 days, best first: in worst-first order the two 5s
    // sit at positions 7 and 8 (scores 4 and 5) and both take 4.
    let input = try measures(
      recency: [0, 5, 5, 10, 20, 30, 40, 50, 60, 70], frequency: [1, 1, 1, 1, 1, 1, 2, 3, 4, 5],
      monetary: Array(repeating: 1, count: 10))
    let result = StandardRFM.standard.classification(of: input)
    #expect(Array(result.frequencyScores) == [1, 1, 1, 1, 1, 1, 4, 4, 5, 5])
    #expect(RFMClassification<Int>.scoreCounts(result.frequencyScores) == [6, 0, 0, 2, 2])
    #expect(Array(result.recencyScores) == [5, 4, 4, 4, 3, 3, 2, 2, 1, 1])
  }

  @Test(arguments: [(31, 720), (32, 5_000_000)] as [(UInt64, Int)])
  func scoresMatchTheDefinition(seed: UInt64, recencySpan: Int) throws {
    // A narrow recency range is scored by counting, a wide one by selection: both must give
    // the scores of the definition, as must money (always by selection).
    var generator = SeededGenerator(seed: seed)
    var recency: ContiguousArray<Int32> = []
    var frequency: ContiguousArray<Int32> = []
    var money: ContiguousArray<Double> = []
    for _ in 0..<5_000 {
      recency.append(Int32(generator.nextInt(below: recencySpan)))
      frequency.append(Int32(1 + generator.nextInt(below: 3) * generator.nextInt(below: 9)))
      money.append(Double(generator.nextInt(below: 2_000) - 100) / 4)
    }
    let input = try RFMMeasures(
      ids: Array(0..<5_000), recencyDays: recency, frequency: frequency, monetary: money)
    let result = StandardRFM.standard.classification(of: input)
    #expect(
      Array(result.recencyScores)
        == referenceScores(recency.map(Double.init), higherIsBetter: false))
    #expect(
      Array(result.frequencyScores)
        == referenceScores(frequency.map(Double.init), higherIsBetter: true))
    #expect(Array(result.monetaryScores) == referenceScores(Array(money), higherIsBetter: true))
  }

  @Test func theDefaultsAreTheStandardPolicy() throws {
    #expect(try StandardRFM() == StandardRFM.standard)
    #expect(StandardRFM.standard.segmentMap == .standard)
  }

  @Test func fixedEdges() throws {
    // Recency edges 30 90 180 365: ≤ 30 days → 5, 31 → 4, 400 → 1. Frequency edges 2 3 5 8:
    // 1 → 1, 2 → 2, 8 → 5. Money edges 100 200 300 400: 99.99 → 1, 400 → 5.
    let policy = try StandardRFM(
      recencyScoring: .edges([30, 90, 180, 365]), frequencyScoring: .edges([2, 3, 5, 8]),
      monetaryScoring: .edges([100, 200, 300, 400]))
    let input = try measures(
      recency: [30, 31, 400], frequency: [1, 2, 8], monetary: [99.99, 400, 250])
    let result = policy.classification(of: input)
    #expect(Array(result.recencyScores) == [5, 4, 1])
    #expect(Array(result.frequencyScores) == [1, 2, 5])
    #expect(Array(result.monetaryScores) == [1, 5, 3])
    for edges in [[1, 2, 3], [1, 3, 2, 4], [1, 2, 3, .nan]] as [[Double]] {
      #expect(throws: SegmentationError.self) { try StandardRFM(monetaryScoring: .edges(edges)) }
      #expect(throws: SegmentationError.self) { try StandardRFM(recencyScoring: .edges(edges)) }
    }
  }

  @Test func emptyBaseGivesEmptyResult() throws {
    let result = StandardRFM.standard.classification(
      of: try measures(recency: [], frequency: [], monetary: []))
    // Every segment of the map is listed even with no client: the twelve segments at zero,
    // the rules' in rule order, then the fallback.
    #expect(result.count == 0 && result.counts.entries.count == 12)
    #expect(result.counts.allSatisfy { $0.count == 0 } && result.counts.total == 0)
    #expect(result.counts.labels == RFMSegmentMap.standard.rules.map(\.segment) + [.other])
    #expect(result.scale == result.counts.labels)
    #expect(result.countsByName.count == 12 && result.countsByName.values.allSatisfy { $0 == 0 })
  }

  @Test func badMeasuresAreRejected() throws {
    let negative = SegmentationError.negativeValue(at: .client("1", row: 1), value: -3)
    #expect(throws: negative) {
      try measures(recency: [1, -3], frequency: [1, 1], monetary: [1, 1])
    }
    #expect(negative.description == "client 1 (row 1): value -3.0 is negative where it must not be")
    #expect(throws: SegmentationError.duplicateClient("7")) {
      try RFMMeasures(ids: [7, 7], recencyDays: [1, 1], frequency: [1, 1], monetary: [1, 1])
    }
    #expect(throws: SegmentationError.nonFiniteValue(at: .client("0", row: 0), value: .infinity)) {
      try measures(recency: [1], frequency: [1], monetary: [.infinity])
    }
    #expect(throws: SegmentationError.lengthMismatch(what: "frequency", expected: 2, actual: 1)) {
      try measures(recency: [1, 2], frequency: [1], monetary: [1, 2])
    }
  }

  @Test(arguments: [21, 22, 23] as [UInt64])
  func quintilesAreBalancedWithinTies(seed: UInt64) throws {
    let input = try randomMeasures(count: 10_000, seed: seed)
    let result = StandardRFM.standard.classification(of: input)
    let fifth = Double(input.count) / 5
    let columns: [(ContiguousArray<UInt8>, Int)] = [
      (result.recencyScores, largestTie(input.recencyDays)),
      (result.frequencyScores, largestTie(input.frequency)),
      (result.monetaryScores, largestTie(input.monetary)),
    ]
    for (scores, tie) in columns {
      for count in RFMClassification<Int>.scoreCounts(scores) {
        #expect(abs(Double(count) - fifth) <= Double(tie) + 1)
      }
    }
    // Recency has small ties (about 14 clients a day): every score is nearly a fifth.
    for count in RFMClassification<Int>.scoreCounts(result.recencyScores) {
      #expect(abs(Double(count) - fifth) <= 30)
    }
    #expect(result.counts.total == input.count)
    #expect(RFMLaws.violations(of: StandardRFM.standard, on: input).isEmpty)
  }
}

@Suite("RFM segments")
struct RFMSegmentTests {
  @Test func standardMapCoversEveryTripleExactlyOnce() {
    let map = RFMSegmentMap.standard
    for r in 1...5 {
      for f in 1...5 {
        for m in 1...5 {
          let matching = map.rules.filter { $0.matches(recency: r, frequency: f, monetary: m) }
          #expect(matching.count == 1, "R \(r) F \(f) M \(m)")
        }
      }
    }
    #expect(Set(map.rules.map(\.segment)).count == 11)
  }

  @Test(arguments: [
    (5, 5, "Champions"), (5, 4, "Champions"), (4, 5, "Loyal"), (3, 4, "Loyal"),
    (5, 2, "Potential Loyalist"), (4, 3, "Potential Loyalist"), (5, 1, "New"),
    (4, 1, "Promising"), (3, 3, "Need Attention"), (3, 1, "About to Sleep"),
    (2, 4, "At Risk"), (1, 3, "At Risk"), (1, 5, "Can't Lose Them"), (2, 2, "Hibernating"),
    (1, 1, "Lost"), (1, 2, "Lost"),
  ])
  func standardGrid(recency: Int, frequency: Int, name: String) {
    for m in 1...5 {
      #expect(
        RFMSegmentMap.standard.segment(recency: recency, frequency: frequency, monetary: m).name
          == name)
    }
  }

  @Test func firstMatchWinsAndTheFallbackCatchesTheRest() throws {
    let big = RFMSegment("Big", rank: 2)
    let frequent = RFMSegment("Frequent", rank: 1)
    let map = RFMSegmentMap(
      rules: [
        RFMSegmentRule(big, recency: 1...5, frequency: 1...5, monetary: 5...5),
        RFMSegmentRule(frequent, recency: 1...5, frequency: 5...5),
      ],
      fallback: RFMSegment("Rest", rank: 0))
    #expect(map.segment(recency: 1, frequency: 5, monetary: 5) == big)
    #expect(map.segment(recency: 1, frequency: 5, monetary: 4) == frequent)
    #expect(map.segment(recency: 3, frequency: 3, monetary: 3).name == "Rest")
    // Money 1...10 scores 1 1 2 2 3 3 4 4 5 5; frequency 1...10 likewise.
    let input = try measures(
      recency: Array(repeating: 0, count: 10), frequency: Array(1...10),
      monetary: (1...10).map(Double.init))
    let result = try StandardRFM(segmentMap: map).classification(of: input)
    // The scale: the rules' segments in rule order, then the fallback.
    #expect(result.scale == [big, frequent, map.fallback])
    // The two clients with frequency score 5 also have money score 5, so Big takes both and
    // Frequent is empty — yet still listed.
    #expect(result.countsByName == ["Big": 2, "Frequent": 0, "Rest": 8])
    #expect(result.counts.entries.map(\.count) == [2, 0, 8])
    #expect(result.counts[big] == 2 && result.counts[frequent] == 0)
    #expect(result.reason(forRow: 0).hasSuffix("; no rule matched (fallback)"))
  }

  @Test func fromASummarisedBase() throws {
    // As of 1 July 2024: a bought on 3 days, last 30 June (1 day ago), 300 net; b once on
    // 1 January (182 days ago), 50 gross less a 20 refund = 30 net; c twice, last 1 June.
    var history = PurchaseHistoryBuilder<String>()
    try history.client(
      "a", bought: [("2024-05-01", 100), ("2024-06-01", 100), ("2024-06-30", 100)])
    try history.client("b", bought: [("2024-01-01", 50), ("2024-01-05", -20)])
    try history.client("c", bought: [("2024-03-01", 10), ("2024-06-01", 10)])
    let table = try Summarizer().summarize(history.log)
    let asOf = rfmDay("2024-07-01")
    let input = try RFMMeasures(table: table, asOf: asOf)
    #expect(input.ids == ["a", "b", "c"])
    #expect(input.clients == table.clients)
    #expect(Array(input.recencyDays) == [1, 182, 30])
    #expect(Array(input.frequency) == [3, 1, 2])
    #expect(Array(input.monetary) == [300, 30, 20])
    let result = try StandardRFM.standard.classification(of: table, asOf: asOf)
    #expect(result.row(for: "c") == 2 && result[client: "b"] == .lost)
    // n = 3: positions 0, 1, 2 (worst first) score 1 + ⌊5i/3⌋ = 1, 2, 4; the cut-offs are
    // the ⌈3s/5⌉-th smallest = 1st, 2nd, 2nd, 3rd. a is best on all three → 444; b is worst
    // on recency and frequency and in the middle on money → 112.
    #expect(result.scoreCode(forRow: 0) == "444")
    #expect(result.scoreCode(forRow: 1) == "112")
    #expect(result.segment(forRow: 1) == .lost)
    #expect(
      result.reason(forRow: 1)
        == "Lost (R 1, F 1, M 2): 182 days since the last purchase, 1 purchase days, "
        + "money 30.00; rule 11 of 11 (R 1, F 1–2)")
    // A host measure in another row order is mapped by id.
    let margin = try ClientValues(ids: ["c", "a", "b"], values: [5, 90, 1])
    #expect(
      Array(try RFMMeasures(table: table, asOf: asOf, monetary: margin).monetary) == [90, 1, 5])
    #expect(throws: SegmentationError.self) {
      try RFMMeasures(table: table, asOf: rfmDay("2024-06-29"))
    }
    // Values of clients the table lacks are not read.
    let wider = try ClientValues(ids: ["z", "c", "a", "y", "b"], values: [7, 5, 90, 8, 1])
    #expect(
      Array(try RFMMeasures(table: table, asOf: asOf, monetary: wider).monetary) == [90, 1, 5])
    // A table client without a value is an error naming it; every one is counted, the example
    // the first in the table's order.
    #expect(
      throws: SegmentationError.invalidParameter(
        "monetary", reason: "no value for 1 of the table's 3 clients, for example c")
    ) {
      try RFMMeasures(
        table: table, asOf: asOf,
        monetary: try ClientValues(ids: ["a", "b", "z"], values: [1, 2, 3]))
    }
    #expect(
      throws: SegmentationError.invalidParameter(
        "monetary", reason: "no value for 2 of the table's 3 clients, for example a")
    ) {
      try RFMMeasures(
        table: table, asOf: asOf,
        monetary: try ClientValues(ids: ["y", "b", "z"], values: [1, 2, 3]))
    }
  }

  @Test func moneyOverTheLogsClientsRefundOnlyOnesIncluded() throws {
    // r only ever had a refund: a client of the log, not of the table of buyers. Spend over
    // the log's clients is the natural money measure, and RFM takes it as it is.
    var history = PurchaseHistoryBuilder<String>()
    try history.client("a", bought: [("2024-05-01", 100), ("2024-06-30", 120)])
    try history.client("r", bought: [("2024-02-01", -15)])
    try history.client("c", bought: [("2024-03-01", 10), ("2024-06-01", 30), ("2024-06-02", -5)])
    let log = history.log
    let table = try Summarizer().summarize(log)
    #expect(log.clients.ids == ["a", "r", "c"] && table.ids == ["a", "c"])
    let asOf = rfmDay("2024-07-01")
    let spend = try ClientValues.spend(in: log, over: rfmDay("2024-01-01")...asOf)
    #expect(spend.clients == log.clients && Array(spend.values) == [220, -15, 35])
    let measures = try RFMMeasures(table: table, asOf: asOf, monetary: spend)
    #expect(measures.clients == table.clients)
    #expect(Array(measures.monetary) == [220, 35])
    // The policy-level call takes the same column.
    let rfm = try StandardRFM.standard.classification(of: table, asOf: asOf, monetary: spend)
    #expect(Array(rfm.measures.monetary) == [220, 35])
  }

  @Test func hostScoresAreChecked() throws {
    let input = try measures(recency: [1], frequency: [1], monetary: [1])
    #expect(throws: SegmentationError.self) {
      try RFMClassification(
        measures: input, recency: [6], frequency: [1], monetary: [1], segmentMap: .standard)
    }
    let result = try RFMClassification(
      measures: input, recency: [5], frequency: [5], monetary: [5], segmentMap: .standard)
    #expect(result.segment(forRow: 0) == .champions)
    // The closure form needs no `try`; scores outside 1...5 are taken as the nearest end.
    let three = try measures(recency: [1, 2, 3], frequency: [1, 1, 1], monetary: [1, 1, 1])
    let clamped = RFMClassification(measures: three, segmentMap: .standard) { row in
      [(9, 7, 0), (0, -3, 6), (5, 4, 3)][row]
    }
    #expect((0..<3).map { clamped.scoreCode(forRow: $0) } == ["551", "115", "543"])
    #expect(clamped[0] == .champions && clamped[1] == .lost && clamped[2] == .champions)
    #expect(RFMSegment.lost < .champions && RFMSegment.other < .lost)
  }

  @Test(arguments: [71, 72] as [UInt64])
  func rowLookUpAgreesWithALinearScan(seed: UInt64) throws {
    let input = try randomMeasures(count: 3_000, seed: seed)
    // Reverse the identifiers so a row is not its identifier.
    let reversed = try RFMMeasures(
      ids: input.ids.reversed(), recencyDays: input.recencyDays, frequency: input.frequency,
      monetary: input.monetary)
    let result = StandardRFM.standard.classification(of: reversed)
    for probe in Swift.stride(from: 0, to: reversed.count, by: 17) {
      let id = reversed.ids[probe]
      #expect(result.row(for: id) == reversed.ids.firstIndex(of: id))
      #expect(result[client: id] == result.segment(forRow: probe))
    }
    #expect(result.row(for: -1) == nil && result.label(for: 10_000) == nil)
  }

  @Test func measuresOverAnExistingRowSpace() throws {
    let clients = try ClientIndex(["x", "y"])
    let shared = try RFMMeasures(
      clients: clients, recencyDays: [3, 9], frequency: [2, 1], monetary: [10, 5])
    #expect(shared.clients == clients && shared.ids == ["x", "y"])
    #expect(throws: SegmentationError.negativeValue(at: .client("y", row: 1), value: -1)) {
      try RFMMeasures(
        clients: clients, recencyDays: [3, 9], frequency: [2, -1], monetary: [1, 1])
    }
    #expect(throws: SegmentationError.lengthMismatch(what: "values", expected: 2, actual: 1)) {
      try RFMMeasures(clients: clients, recencyDays: [3, 9], frequency: [2, 1], monetary: [1])
    }
  }
}
