import ClientBaseCore
import ClientBaseTesting
import Segmentation
import Testing

/// Letters of the classes, in row order, for compact expectations.
private func letters<ID>(_ result: ABCClassification<ID>) -> String {
  result.classes.map(\.description).joined()
}

private func abcDay(_ text: String) -> Day {
  (try? Day(iso8601: text)) ?? .min
}

/// A heavy-tailed base in cents, with ties, zeros (8%) and net refunds (2%): the shapes that
/// break careless classifiers.
private func randomSpend(count: Int, seed: UInt64) throws -> ClientValues<Int> {
  var generator = SeededGenerator(seed: seed)
  var values: [Double] = []
  values.reserveCapacity(count)
  for _ in 0..<count {
    let kind = generator.nextUnitDouble()
    if kind < 0.08 {
      values.append(0)
    } else if kind < 0.10 {
      values.append(-Double(generator.nextInt(below: 5_000)) / 100)
    } else {
      let tail = 1 / generator.nextOpenUnitDouble().squareRoot()
      values.append((tail * 2_000).rounded() / 100)
    }
  }
  return try ClientValues(ids: Array(0..<count), values: values)
}

/// The value-share classes by the definition, with a full sort: a client is A when the
/// clients strictly above it make less than `a` of the positive total.
private func referenceValueShare(_ values: [Double], a: Double, b: Double) -> [ABCClass] {
  let positives = values.filter { $0 > 0 }.sorted(by: >)
  let total = positives.reduce(0, +)
  var above: [Double: Double] = [:]
  var running = 0.0
  for value in positives {
    if above[value] == nil { above[value] = running }
    running += value
  }
  return values.map { value in
    guard value > 0, let share = above[value].map({ $0 / total }) else { return .c }
    return share < a ? .a : share < a + b ? .b : .c
  }
}

@Suite("ABC by value share")
struct StandardABCValueShareTests {
  @Test func hundredSplitsAtEightyAndNinetyFive() throws {
    // Total 100. Clients above: 50 → 0, 20 → 50, 10 → 70 (all < 80: A); 8 → 80, 5 → 88,
    // 4 → 93 (< 95: B); 2 → 97, 1 → 99 (C). The client who crosses 80% (10) is still A.
    let values = try ClientValues(
      ids: ["a", "b", "c", "d", "e", "f", "g", "h"], values: [50, 20, 10, 8, 5, 4, 2, 1])
    let result = StandardABC.standard.classification(of: values)
    #expect(letters(result) == "AAABBBCC")
    #expect(result.counts.entries.map(\.count) == [3, 3, 2])
    #expect(result.counts.labels == [.a, .b, .c] && result.counts.unlabeled == 0)
    #expect(result.valueTotals == [.a: 80, .b: 17, .c: 3])
    #expect(
      result.reason(forRow: 3)
        == "B: clients above it make 80% of value (A ends at 80%, B at 95%)")
    #expect(result[client: "h"] == .c)
    #expect(result[client: "zz"] == nil)
  }

  @Test func tiedGroupAtTheCutoffGoesWholeIntoTheHigherClass() throws {
    // 40, 30, 10, 10, 10: the three 10s have 70 above them. With A ending at 75% that is
    // below the cut-off, so all three are A although the first 10 alone reaches 80%; with A
    // ending at 70% none of them is A (70 is not below 70) and all three are B (70 < 85).
    let values = try ClientValues(ids: [1, 2, 3, 4, 5], values: [10, 40, 10, 30, 10])
    let wide = try StandardABC(rule: .valueShare(a: 0.75)).classification(of: values)
    #expect(letters(wide) == "AAAAA")
    let narrow = try StandardABC(rule: .valueShare(a: 0.70)).classification(of: values)
    #expect(letters(narrow) == "BABAB")
  }

  @Test func clientsWithoutPositiveValueAreC() throws {
    // Zero and a net refund make no share of the value: C, with the value in the reason.
    let values = try ClientValues(ids: ["x", "y", "z"], values: [100, 0, -5])
    let result = StandardABC.standard.classification(of: values)
    #expect(letters(result) == "ACC")
    #expect(result.reason(forRow: 2) == "C: no positive value (-5.00)")
    let none = try ClientValues(ids: ["p", "q"], values: [0, -1])
    #expect(letters(StandardABC.standard.classification(of: none)) == "CC")
  }

  @Test func equalValuesAreAllA() throws {
    // Every tie group starts at a share of 0%.
    let values = try ClientValues(ids: [1, 2, 3, 4], values: [7, 7, 7, 7])
    #expect(letters(StandardABC.standard.classification(of: values)) == "AAAA")
  }

  @Test func emptyBaseGivesEmptyClassification() throws {
    let values = try ClientValues(ids: [Int](), values: [Double]())
    let result = StandardABC.standard.classification(of: values)
    #expect(result.count == 0 && result.isEmpty)
    #expect(result.counts.entries.map(\.count) == [0, 0, 0])
    #expect(result.counts.labels == [.a, .b, .c])
    #expect(StandardABC.byRank.classification(of: values).counts.total == 0)
  }

  @Test func sharesThatDoNotAddUpAreRejected() throws {
    for (a, b) in [(0.0, 0.15), (1.1, 0), (0.9, 0.2), (.nan, 0.1), (0.5, -0.1), (0.5, .nan)] {
      #expect(throws: SegmentationError.self) {
        try StandardABC(rule: .valueShare(a: a, b: b))
      }
    }
    // Exactly 100% is allowed: B then ends at the last positive client.
    let whole = try StandardABC(rule: .valueShare(a: 0.8, b: 0.2))
      .classification(of: try ClientValues(ids: [1, 2, 3], values: [8, 2, 0]))
    #expect(letters(whole) == "ABC")
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func matchesTheDefinitionOnRandomBases(seed: UInt64) throws {
    let values = try randomSpend(count: 10_000, seed: seed)
    let result = StandardABC.standard.classification(of: values)
    #expect(Array(result.classes) == referenceValueShare(Array(values.values), a: 0.8, b: 0.15))
    #expect(result.counts.total == values.count)
    #expect(ABCLaws.violations(of: StandardABC.standard, on: values).isEmpty)
  }
}

@Suite("ABC by rank")
struct StandardABCRankTests {
  @Test func fortyDistinctValues() throws {
    // n = 40: A takes ⌈0.05 × 40⌉ = 2 clients (40 and 39), A and B ⌈0.20 × 40⌉ = 8, so B is
    // 38...33 (6 clients) and C the other 32.
    let values = try ClientValues(ids: Array(1...40), values: (1...40).map(Double.init))
    let result = StandardABC.byRank.classification(of: values)
    #expect(result.counts.entries.map(\.count) == [2, 6, 32])
    #expect(result.classes[39] == .a && result.classes[38] == .a && result.classes[37] == .b)
    #expect(result.classes[32] == .b && result.classes[31] == .c)
    #expect(
      result.reason(forRow: 38)
        == "A: rank 2 of 40 by value, top 5% (A is the top 5%, B the next 15%)")
    var named = result
    named.measureName = "12-month spend"
    #expect(
      named.reason(forRow: 0)
        == "C: rank 40 of 40 by 12-month spend, top 100% (A is the top 5%, B the next 15%)")
  }

  @Test func twoThousandClientsPutExactlyAHundredInA() throws {
    // 0.05 × 2,000 is 100 up to rounding: exactly 100 A clients, 300 B.
    let values = try ClientValues(ids: Array(0..<2_000), values: (0..<2_000).map(Double.init))
    let result = StandardABC.byRank.classification(of: values)
    #expect(result.counts.entries.map(\.count) == [100, 300, 1_600])
    #expect(StandardABC.byRank.aCount(forClients: 2_000) == 100)
    #expect(StandardABC.byRank.abCount(forClients: 2_000) == 400)
    #expect(StandardABC.byRank.aCount(forClients: 2_001) == 101)
    // Under a value-share rule the counts depend on the values, not on their number.
    #expect(StandardABC.standard.aCount(forClients: 2_000) == nil)
    #expect(StandardABC.standard.abCount(forClients: 2_000) == nil)
  }

  @Test func tiesAcrossTheCutoffShareTheHigherClass() throws {
    // n = 20: A's count is 1 but three clients share the top value, so all three are A;
    // A + B's count is 4 and the 4th value is 5, shared by all the others: all B.
    let values = try ClientValues(
      ids: Array(0..<20), values: [5, 10, 5, 10, 10] + Array(repeating: 5, count: 15))
    let result = StandardABC.byRank.classification(of: values)
    #expect(result.counts.entries.map(\.count) == [3, 17, 0])
  }

  @Test func silentClientsAreNeverA() throws {
    // 97 of 100 clients bought nothing in the window: A's count (5) exceeds the 3 buyers, who
    // are all A; the zeros stay C instead of tying into A.
    let values = try ClientValues(
      ids: Array(0..<100), values: [1, 2, 3] + Array(repeating: 0, count: 97))
    let result = StandardABC.byRank.classification(of: values)
    #expect(result.counts.entries.map(\.count) == [3, 0, 97])
  }

  @Test func equalValuesAndEmptyBase() throws {
    let equal = try ClientValues(ids: [1, 2, 3, 4], values: [7, 7, 7, 7])
    #expect(letters(StandardABC.byRank.classification(of: equal)) == "AAAA")
    let empty = try ClientValues(ids: [Int](), values: [Double]())
    #expect(StandardABC.byRank.classification(of: empty).count == 0)
  }

  @Test func sharesThatDoNotAddUpAreRejected() throws {
    for (a, b) in [(0.0, 0.15), (1.5, 0), (0.5, 0.6), (.infinity, 0)] {
      #expect(throws: SegmentationError.self) { try StandardABC(rule: .rank(a: a, b: b)) }
    }
  }

  @Test(arguments: [4, 5, 6] as [UInt64])
  func putsExactlyTheDocumentedCountInA(seed: UInt64) throws {
    // Distinct values (a shuffled 0..<n plus a fraction) so no tie straddles a cut-off.
    var generator = SeededGenerator(seed: seed)
    let count = 10_000 + generator.nextInt(below: 37)
    var values = (0..<count).map { Double($0) + 0.5 }
    for index in stride(from: count - 1, to: 0, by: -1) {
      values.swapAt(index, generator.nextInt(below: index + 1))
    }
    let policy = try StandardABC(rule: .rank(a: 0.05, b: 0.15))
    let result = policy.classification(
      of: try ClientValues(ids: Array(0..<count), values: values))
    let expectedA = Int((0.05 * Double(count)).rounded(.up))
    let expectedAB = Int((0.20 * Double(count)).rounded(.up))
    #expect(result.counts[.a] == expectedA)
    #expect(result.counts[.b] == expectedAB - expectedA)
    // The A clients are the highest values.
    let lowestA = zip(values, result.classes).filter { $0.1 == .a }.map(\.0).min()
    #expect(lowestA == Double(count - expectedA) + 0.5)
  }

  @Test(arguments: [7, 8] as [UInt64])
  func keepsTheLawsOnRandomBases(seed: UInt64) throws {
    let values = try randomSpend(count: 10_000, seed: seed)
    let result = StandardABC.byRank.classification(of: values)
    // With ties, A is every positive value at or above the ⌈5%⌉-th largest.
    let sorted = values.values.sorted(by: >)
    let cutoff = sorted[Int((0.05 * Double(values.count)).rounded(.up)) - 1]
    #expect(result.counts[.a] == values.values.filter { $0 >= cutoff && $0 > 0 }.count)
    #expect(ABCLaws.violations(of: StandardABC.byRank, on: values).isEmpty)
  }

  @Test func sharesThatAreNotNumbersAreRejectedAndCountsNeverTrap() throws {
    // The initialiser refuses shares that are not finite or outside [0, 1], so the counts
    // only ever see checked shares.
    for a in [Double.nan, .infinity, 1e300, -0.5] {
      #expect(throws: SegmentationError.self) { try StandardABC(rule: .rank(a: a)) }
    }
    #expect(throws: SegmentationError.self) { try StandardABC(rule: .rank(a: 0.5, b: .infinity)) }
    #expect(StandardABC.byRank.aCount(forClients: -5) == 0)
    #expect(StandardABC.byRank.abCount(forClients: .min) == 0)
    // Double(Int.max) rounds up past Int.max: the whole base must come back, not a trap.
    #expect(try StandardABC(rule: .rank(a: 1, b: 0)).aCount(forClients: .max) == .max)
  }
}

@Suite("ABC inputs")
struct ABCInputTests {
  @Test func badMeasuresAreRejectedByTheColumn() throws {
    #expect(throws: SegmentationError.duplicateClient("a")) {
      try ClientValues(ids: ["a", "a"], values: [1, 2])
    }
    #expect(throws: SegmentationError.nonFiniteValue(at: .client("b", row: 1), value: .infinity)) {
      try ClientValues(ids: ["a", "b"], values: [1, .infinity])
    }
    let clients = try ClientIndex(["a", "b"])
    #expect(throws: SegmentationError.lengthMismatch(what: "values", expected: 2, actual: 1)) {
      try ClientValues(clients: clients, values: [1])
    }
    let first = SegmentationError.nonFiniteValue(at: .client("a", row: 0), value: -.infinity)
    #expect(throws: first) {
      try ClientValues(clients: clients, values: [-.infinity, 1])
    }
    #expect(first.description == "client a (row 0): value -inf is not a finite number")
  }

  @Test func columnsShareTheRowSpaceTheyAreBuiltOver() throws {
    // Net spend of a summarised base: a bought 100 and returned 30, b bought 20; the column's
    // row space is the table's own, not a copy of its identifiers.
    var history = PurchaseHistoryBuilder<String>()
    try history.client("a", bought: [("2024-01-01", 100), ("2024-01-02", -30)])
    try history.client("b", bought: [("2024-01-05", 20)])
    let table = try Summarizer().summarize(history.log)
    let net = ClientValues.netSpend(of: table)
    #expect(net.clients == table.clients)
    #expect(net[client: "a"] == 70 && net[client: "b"] == 20 && net[client: "z"] == nil)
    #expect(net.reason(forRow: 0) == "value 70.00")
    #expect(Array(ClientValues.grossSpend(of: table).values) == [100, 20])
    let margin = try ClientValues(clients: table.clients, values: [9, 1])
    #expect(margin.clients.isSameRowSpace(as: table.clients) && margin[1] == 1)
    // A column joins other results by client. Margin 9 and 1: b has 90% of the margin above
    // it, past A's 80% but under B's 95%, so it is B.
    let abc = StandardABC.standard.classification(of: margin)
    let view = table.clients.joined(net, abc)
    let (value, label) = view[1]
    #expect(value == 20 && label == .b)
  }

  @Test func windowedSpendFromALog() throws {
    // a: 100 on 1 Mar and 40 on 1 Apr in the window, minus a 30 refund: 110; 500 on
    // 1 Jan 2024 is before the window. b: only the day after the window: 0.
    var history = PurchaseHistoryBuilder<String>()
    try history.client(
      "a", bought: [("2024-01-01", 500), ("2024-03-01", 100), ("2024-04-01", 40)])
    try history.client("a", bought: [("2024-04-02", -30)])
    try history.client("b", bought: [("2024-06-01", 20)])
    let window = abcDay("2024-02-01")...abcDay("2024-05-31")
    let spend = try ClientValues.spend(in: history.log, over: window)
    #expect(spend.ids == ["a", "b"])
    #expect(Array(spend.values) == [110, 0])
    let gross = try ClientValues.spend(in: history.log, over: window, subtractsRefunds: false)
    #expect(Array(gross.values) == [140, 0])
  }

  @Test func customPoliciesBuildTheirOwnResult() throws {
    let values = try ClientValues(ids: [1, 2], values: [3, 4])
    #expect(throws: SegmentationError.lengthMismatch(what: "classes", expected: 2, actual: 1)) {
      try ABCClassification(measure: values, classes: [.a], rule: .custom("by hand"))
    }
    let result = try ABCClassification(
      measure: values, classes: [.b, .a], rule: .custom("by hand"))
    #expect(result.reason(forRow: 0) == "B: by hand; rank 2 of 2 by value")
    // The closure form needs no `try`: one class per row, asked in row order.
    var asked: [Int] = []
    let floor = ABCClassification(measure: values, rule: .custom("A from 4")) { row in
      asked.append(row)
      return values.values[row] >= 4 ? .a : .c
    }
    #expect(asked == [0, 1])
    #expect(Array(floor.classes) == [.c, .a])
    #expect(floor.counts.entries.map(\.count) == [1, 0, 1])
    #expect(floor.reason(forRow: 1) == "A: A from 4; rank 1 of 2 by value")
  }

  @Test(arguments: [51, 52] as [UInt64])
  func rowLookUpAgreesWithALinearScan(seed: UInt64) throws {
    // Shuffled string identifiers, so a row is not its identifier's number.
    var generator = SeededGenerator(seed: seed)
    var ids = (0..<3_000).map { "c-\($0 * 7 % 3_001)" }
    for index in stride(from: ids.count - 1, to: 0, by: -1) {
      ids.swapAt(index, generator.nextInt(below: index + 1))
    }
    let values = try ClientValues(
      ids: ids, values: ids.indices.map { _ in Double(generator.nextInt(below: 500)) })
    let results = [
      StandardABC.standard.classification(of: values),
      StandardABC.byRank.classification(of: values),
    ]
    for result in results {
      for probe in Swift.stride(from: 0, to: ids.count, by: 13) {
        let id = ids[probe]
        #expect(result.row(for: id) == ids.firstIndex(of: id))
        #expect(values.row(for: id) == ids.firstIndex(of: id))
        #expect(result[client: id] == result.classes[probe])
      }
      #expect(result.row(for: "absent") == nil && result[client: "absent"] == nil)
    }
  }

  @Test func classesOrderFromCToA() {
    #expect(ABCClass.c < .b && ABCClass.b < .a)
    #expect(ABCClass.allCases.map(\.description) == ["A", "B", "C"])
  }
}
