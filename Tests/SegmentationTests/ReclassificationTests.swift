import ClientBaseCore
import ClientBaseTesting
import Segmentation
import Testing

/// A class with the convention the issue sets for ABC: C < B < A (greater is better).
private enum Grade: Int, Comparable, Hashable, Sendable, CustomStringConvertible {
  case c, b, a
  static func < (lhs: Grade, rhs: Grade) -> Bool { lhs.rawValue < rhs.rawValue }
  var description: String { ["C", "B", "A"][rawValue] }
}

private let january = Day(daysSince1970: 20_484)  // 2026-01-31
private let february = Day(daysSince1970: 20_512)  // 2026-02-28
private let march = Day(daysSince1970: 20_543)  // 2026-03-31

private func months(_ count: Int) -> [Day] {
  (0..<count).map { Day(daysSince1970: 20_454).adding(months: $0) }  // from 2026-01-01
}

/// A host's own column of grades as a whole-base result.
private struct GradeColumn: ClassifiedResult {
  let clients: ClientIndex<String>
  let grades: [Grade]
  subscript(row: Int) -> Grade { grades[row] }
  var scale: [Grade] { [.c, .b, .a] }
  func label(forRow row: Int) -> Grade? { grades[row] }
  func reason(forRow row: Int) -> String { "\(grades[row])" }
}

/// A host's result in which some rows have no grade (unrated, say).
private struct PartialGrades: ClassifiedResult {
  let clients: ClientIndex<String>
  let grades: [Grade?]
  subscript(row: Int) -> Grade? { grades[row] }
  var scale: [Grade] { [.c, .b, .a] }
  func label(forRow row: Int) -> Grade? { grades[row] }
  func reason(forRow row: Int) -> String { grades[row].map { "\($0)" } ?? "ungraded" }
}

@Suite("Reclassification")
struct ReclassificationTests {
  @Test("a result's unlabeled rows are left out of the rows and leave as exits")
  func unlabeledRowsOfAResult() throws {
    // p and r are graded now; q was B last time and has no grade now; s is new and ungraded.
    let current = PartialGrades(
      clients: try ClientIndex(["p", "q", "r", "s"]), grades: [.a, nil, .c, nil])
    let previous = Snapshot(day: january, labels: ["p": Grade.b, "q": .b, "r": .c])
    for moves in [
      Reclassification(from: previous, to: current, on: february),
      Reclassification(unorderedFrom: previous, to: current, on: february),
    ] {
      // The rows are the graded clients, each found in its own row, with its own class.
      #expect(moves.ids == ["p", "r"] && moves.classes == [.a, .c])
      #expect(moves.row(for: "r") == 1 && moves.row(for: "q") == nil && moves.row(for: "s") == nil)
      #expect(moves.exits == ["q"] && moves.exitClasses == [.b])
      #expect(moves.counts.total == 2 && moves.movementCounts.total == 3)
      #expect(moves.counts[.stable] == 1 && moves.movementCounts[.exit] == 1)
    }
    #expect(
      Reclassification(from: previous, to: current, on: february).movements == [.upgrade, .stable])
    #expect(
      Reclassification(unorderedFrom: previous, to: current, on: february).movements == [
        .moved, .stable,
      ])
  }

  @Test("the column forms over a row space check the column's length, ordered or not")
  func columnFormsOverARowSpace() throws {
    let clients = try ClientIndex(["a", "b"])
    let mismatch = SegmentationError.lengthMismatch(what: "classes", expected: 2, actual: 3)
    #expect(throws: mismatch) {
      try Reclassification(from: nil, to: clients, classes: [Grade.a, .b, .c], on: january)
    }
    #expect(throws: mismatch) {
      try Reclassification(unorderedFrom: nil, to: clients, classes: ["x", "y", "z"], on: january)
    }
    #expect(throws: SegmentationError.duplicateClient("a")) {
      try Reclassification(unorderedFrom: nil, to: ["a", "a"], classes: ["x", "y"], on: january)
    }
    let moves = try Reclassification(
      unorderedFrom: Snapshot(day: january, labels: ["a": "x"]), to: clients, classes: ["y", "z"],
      on: february)
    #expect(moves.clients == clients && moves.movements == [.moved, .entry])
  }

  @Test("hand-made review: every movement counted once, and the counts add up")
  func handMade() throws {
    // Last month: a=B, b=A, c=C, d=B, gone=A. This month: a=A (up), b=B (down), c=C
    // (stable), d=B (stable), new=C (entry); "gone" left (exit).
    let previous = Snapshot(
      day: january, labels: ["a": Grade.b, "b": .a, "c": .c, "d": .b, "gone": .a])
    let moves = try Reclassification(
      from: previous, to: ["a", "b", "c", "d", "new"], classes: [Grade.a, .b, .c, .b, .c],
      on: february)
    #expect(moves.movements == [.upgrade, .downgrade, .stable, .stable, .entry])
    #expect(
      moves.counts[.upgrade] == 1 && moves.counts[.downgrade] == 1 && moves.counts[.stable] == 2)
    #expect(moves.counts[.entry] == 1 && moves.counts[.moved] == 0)
    #expect(moves.exits == ["gone"] && moves.exitClasses == [.a])
    // Counts count rows: five current clients, no row is an exit.
    #expect(moves.counts.total == moves.count && moves.counts[.exit] == 0)
    // Movement counts add the one exit to the same row counts.
    #expect(moves.movementCounts[.exit] == 1 && moves.movementCounts.total == 6)
    #expect(
      Movement.allCases.filter { $0 != .exit }.allSatisfy {
        moves.movementCounts[$0] == moves.counts[$0]
      })
    #expect(moves.movementCounts.inBoth + moves.movementCounts[.entry] == 5)  // current clients
    #expect(moves.movementCounts.inBoth + moves.movementCounts[.exit] == 5)  // previous clients
    #expect(moves.reason(forRow: 0) == "upgrade: B → A")
    #expect(moves.reason(forRow: 2) == "stable: C")
    #expect(moves.reason(forRow: 4) == "entry: C")
    #expect(moves.previousDay == january && moves.day == february)
    #expect(moves.rows(with: .stable) == [2, 3])
    #expect(moves.currentSnapshot.labels == ["a": .a, "b": .b, "c": .c, "d": .b, "new": .c])
  }

  @Test("labels with no order only move")
  func unordered() throws {
    let previous = Snapshot(day: january, labels: ["a": "champions", "b": "at risk"])
    let moves = try Reclassification(
      unorderedFrom: previous, to: ["a", "b"], classes: ["champions", "hibernating"], on: february)
    #expect(moves.movements == [.stable, .moved])
    #expect(moves.reason(forRow: 1) == "moved: at risk → hibernating")
    #expect(moves.counts[.upgrade] + moves.counts[.downgrade] == 0)
  }

  @Test("tiers reclassify by rank; a first review makes everyone an entry")
  func tiersAndFirstReview() throws {
    let ladder = TierLadder.bankCards
    let first = try Reclassification(
      from: nil, to: ["x", "y"], classes: [ladder.tiers[1], ladder.tiers[3]], on: january)
    #expect(first.counts[.entry] == 2 && first.previousDay == nil)
    let next = try Reclassification(
      from: first.currentSnapshot, to: ["x", "y"], classes: [ladder.tiers[2], ladder.tiers[1]],
      on: february)
    #expect(next.movements == [.upgrade, .downgrade])
    #expect(next.reason(forRow: 1) == "downgrade: black → gold")
  }

  @Test("random reviews: counts add up to the clients in each snapshot")
  func countsAddUp() throws {
    var generator = SeededGenerator(seed: 99)
    for _ in 0..<20 {
      var previous = [Int: Grade]()
      for id in 0..<300 where generator.nextInt(below: 4) > 0 {
        previous[id] = Grade(rawValue: generator.nextInt(below: 3))
      }
      // Current clients: ids 100..<400 (some new, some gone, some unknown to the snapshot).
      let ids = Array(100..<400)
      let labels = ids.map { _ in Grade(rawValue: generator.nextInt(below: 3)) ?? .c }
      let moves = try Reclassification(
        from: Snapshot(day: january, labels: previous), to: ids, classes: labels, on: february)
      let both = ids.filter { previous[$0] != nil }.count
      #expect(moves.counts.inBoth == both)
      #expect(moves.counts[.entry] == ids.count - both)
      #expect(moves.movementCounts[.exit] == previous.count - both)
      #expect(moves.counts.total == ids.count && moves.counts[.exit] == 0)
      #expect(moves.movementCounts.total == ids.count + previous.count - both)
      #expect(Set(moves.exits) == Set(previous.keys.filter { $0 < 100 }))
      let ups = zip(ids, labels).filter { id, label in previous[id].map { label > $0 } ?? false }
      #expect(moves.counts[.upgrade] == ups.count)
    }
  }

  @Test("exits come sorted by client text, whatever order the snapshot's dictionary holds")
  func exitsAreSortedDeterministically() throws {
    // Sixty clients leave. The two snapshots hold the same labels, inserted in opposite
    // orders into dictionaries of different capacities, so their iteration orders differ;
    // the exits must not.
    let leavers = Array(1...60)
    let gradeOf: (Int) -> Grade = { [Grade.c, .b, .a][$0 % 3] }
    var forward = [Int: Grade](minimumCapacity: 60)
    for id in leavers { forward[id] = gradeOf(id) }
    var backward = [Int: Grade](minimumCapacity: 1_000)
    for id in leavers.reversed() { backward[id] = gradeOf(id) }
    #expect(forward == backward)
    let first = try Reclassification(
      from: Snapshot(day: january, labels: forward), to: [0], classes: [Grade.a], on: february)
    let second = try Reclassification(
      from: Snapshot(day: january, labels: backward), to: [0], classes: [Grade.a], on: february)
    #expect(first.exits == second.exits && first.exitClasses == second.exitClasses)
    // Textual order: "1", "10", "11", ..., "19", "2", "20", ...; 60 after "6".
    let expected = leavers.sorted { String($0) < String($1) }
    #expect(first.exits == expected)
    #expect(first.exits.prefix(3) == [1, 10, 11])
    #expect(first.exitClasses == expected.map(gradeOf))
  }

  @Test("exits of clients that print alike are ordered by their previous class")
  func exitTiesAreOrderedByLabel() throws {
    // Two distinct clients print as "twin"; their classes "B" < "C" as text break the tie.
    struct Twin: Hashable, Sendable, CustomStringConvertible {
      var key: Int
      var description: String { "twin" }
    }
    let previous = Snapshot(
      day: january, labels: [Twin(key: 1): Grade.c, Twin(key: 2): .b, Twin(key: 3): .a])
    let moves = try Reclassification(
      from: previous, to: [Twin(key: 3)], classes: [Grade.a], on: february)
    #expect(moves.exits == [Twin(key: 2), Twin(key: 1)])
    #expect(moves.exitClasses == [.b, .c])
  }

  @Test("bad input: duplicates, mismatched lengths; unknown snapshot clients are exits")
  func badInput() throws {
    // No current clients is an empty review: every client of the snapshot left.
    let empty = try Reclassification(
      from: Snapshot(day: january, labels: ["a": Grade.a]), to: [String](), classes: [Grade](),
      on: february)
    #expect(empty.isEmpty && empty.exits == ["a"] && empty.counts.total == 0)
    #expect(empty.movementCounts[.exit] == 1 && empty.movementCounts.total == 1)
    #expect(empty.counts[.exit] == 0 && empty.movementCounts.inBoth == 0)
    #expect(throws: SegmentationError.duplicateClient("a")) {
      try Reclassification(
        from: nil, to: ["a", "b", "a"], classes: [Grade.a, .b, .c], on: january)
    }
    #expect(throws: SegmentationError.lengthMismatch(what: "classes", expected: 2, actual: 1)) {
      try Reclassification(from: nil, to: ["a", "b"], classes: [Grade.a], on: january)
    }
    // A snapshot naming only clients the base never had: all of them are exits.
    let stranger = Snapshot(day: january, labels: ["zz": Grade.a, "yy": .b])
    let moves = try Reclassification(from: stranger, to: ["a"], classes: [Grade.c], on: february)
    #expect(
      moves.movementCounts[.exit] == 2 && moves.movementCounts[.entry] == 1
        && moves.movementCounts.inBoth == 0)
  }

  @Test("class history follows clients across snapshots, oldest first")
  func classHistory() throws {
    let snapshots = [
      Snapshot(day: january, labels: ["a": Grade.c, "b": .a]),
      Snapshot(day: february, labels: ["a": Grade.b, "b": .a, "z": .c]),
      Snapshot(day: march, labels: ["a": Grade.a]),
    ]
    let history = try ClassHistory(snapshots: snapshots, clients: ["a", "b"])
    #expect(Array(history.classes(forRow: 0)) == [.c, .b, .a])
    #expect(Array(history.classes(forRow: 1)) == [.a, .a, nil])
    #expect(history[client: "b"] == [.a, .a, nil])
    #expect(history.changeCount(forRow: 0) == 2 && history.changeCount(forRow: 1) == 0)
    #expect(history.reason(forRow: 0) == "C → B → A: 2 changes in 3 snapshots")
    #expect(history.reason(for: "b") == "A → A → —: 0 changes in 3 snapshots")
    // Over an existing row space, and with no clients: an empty history.
    let shared = try ClassHistory(snapshots: snapshots, clients: history.clients)
    #expect(shared.classes == history.classes)
    #expect(try ClassHistory(snapshots: snapshots, clients: [String]()).isEmpty)
    #expect(throws: SegmentationError.self) {
      try ClassHistory(snapshots: snapshots.reversed(), clients: ["a"])
    }
    #expect(throws: SegmentationError.duplicateClient("a")) {
      try ClassHistory(snapshots: snapshots, clients: ["a", "a"])
    }
  }

  @Test("rising star: the issue's worked example")
  func risingStarExample() throws {
    // A perfectly straight climb of 9,500 a month ending at 180,000: the least-squares slope
    // is exactly 9,500 and 180,000 + 4 × 9,500 = 218,000 ≥ gold's 200,000.
    let series = (0..<6).map { 180_000 - Double(5 - $0) * 9_500 }
    let history = try BalanceHistory(ids: ["star"], periods: months(6), balancesByClient: [series])
    let tiers = StandardTiers().assignments(for: history)
    let stars = tiers.risingStars()
    let star = try #require(stars.first)
    #expect(stars.count == 1)
    #expect(star.current.name == "standard" && star.target.name == "gold")
    #expect(abs(star.projection.slopePerPeriod - 9_500) < 1e-6)
    #expect(
      star.reason
        == "rising star: balance 180,000 growing 9,500/month, projected 218,000 in 4 months ≥ gold 200,000"
    )
    // Two periods of horizon are not enough: 180,000 + 2 × 9,500 = 199,000 < 200,000.
    let short = try StandardRisingStars(horizonPeriods: 2)
    #expect(tiers.risingStars(policy: short).isEmpty)
  }

  @Test("never a rising star: top tier, falling trend, too short, already above")
  func notRisingStars() throws {
    let rising = (0..<6).map { 2_900_000 + Double($0) * 50_000 }  // black from the 3rd period
    let falling = (0..<6).map { 190_000 - Double($0) * 1_000 }
    let history = try BalanceHistory(
      ids: ["top", "down"], periods: months(6), balancesByClient: [rising, falling])
    #expect(StandardTiers().assignments(for: history).risingStars().isEmpty)
    let policy = StandardRisingStars.standard
    #expect(policy.projection(of: [100, 200], reaching: 250) == nil)  // fewer than 3 periods
    #expect(policy.projection(of: [100, 200, 300], reaching: 250) == nil)  // already there
    #expect(policy.projection(of: [5, 5, 5, 5], reaching: 6) == nil)  // flat
    #expect(throws: SegmentationError.self) { try StandardRisingStars(window: 1) }
    // A star made by hand with a flat or broken trend never crosses: nil, not NaN or ∞.
    func star(slope: Double) -> RisingStar<String, String> {
      RisingStar(
        id: "x", row: 0, current: "C", target: "B", threshold: 200,
        projection: RisingStarProjection(
          current: 100, slopePerPeriod: slope, projected: 100, periodsAhead: 1))
    }
    #expect(star(slope: 0).periodsToThreshold == nil)
    #expect(star(slope: -5).periodsToThreshold == nil)
    #expect(star(slope: .nan).periodsToThreshold == nil)
    #expect(star(slope: .infinity).periodsToThreshold == nil)
    // (200 − 100) / 40 = 2.5 periods.
    #expect(star(slope: 40).periodsToThreshold == 2.5)
    #expect(throws: SegmentationError.self) { try StandardRisingStars(horizonPeriods: 0) }
  }

  @Test("rising stars for any ordered classes, by a next-class table")
  func genericRisingStars() throws {
    let history = try BalanceHistory(
      ids: ["u", "v"], periods: months(4), balancesByClient: [[10, 20, 30, 40], [10, 20, 30, 40]])
    // Classes over other clients, in another order: w has a class but no history, and the
    // history's u and v are matched to theirs by identifier.
    let classes = GradeColumn(clients: try ClientIndex(["w", "v", "u"]), grades: [.c, .a, .c])
    let stars = StandardRisingStars.standard.risingStars(
      in: history, classes: classes, measureName: "spend"
    ) { grade in grade == .c ? (.b, 70) : (grade == .b ? (.a, 500) : nil) }
    // u: slope 10, 40 + 4 × 10 = 80 ≥ 70; v is in the top class.
    #expect(stars.map(\.id) == ["u"])
    #expect(stars.first?.reason.hasPrefix("rising star: spend 40 growing 10/month") == true)
    #expect(stars.first?.row == 0 && stars.first?.current == .c && stars.first?.target == .b)
    // A client of the history without a class is never a rising star.
    let none = GradeColumn(clients: try ClientIndex(["v"]), grades: [.c])
    #expect(
      StandardRisingStars.standard.risingStars(in: history, classes: none, measureName: "spend") {
        _ in (.b, 70)
      }.map(\.id) == ["v"])
  }

  @Test("the summary lists the largest moves first and reads as text")
  func summary() throws {
    let previous = Snapshot(day: january, labels: ["a": Grade.b, "b": .b, "c": .b, "d": .a])
    let moves = try Reclassification(
      from: previous, to: ["a", "b", "c", "d"], classes: [Grade.a, .a, .a, .b], on: february)
    let summary = try ReclassificationSummary(
      moves, title: "ABC", measure: [10, 300, 20, 5], limit: 2)
    // Upgrades a (10), b (300), c (20): the two largest are b then c.
    #expect(summary.topUpgrades.map(\.id) == ["b", "c"])
    #expect(summary.topDowngrades.map(\.id) == ["d"])
    #expect(
      summary.description
        == """
        ABC, 2026-02-28 (previous 2026-01-31)
          upgrades 3, downgrades 1, stable 0, moved 0, entries 0, exits 0
          top upgrades:   b B → A (300); c B → A (20)
          top downgrades: d A → B (5)
        """)
    #expect(throws: SegmentationError.self) {
      try ReclassificationSummary(moves, title: "ABC", measure: [1])
    }
  }

  @Test("the store helper diffs with the latest earlier snapshot and saves the new one")
  func storeOrchestration() async throws {
    let store = InMemorySnapshotStore<String, Grade>()
    let first = try await store.reclassify(
      named: "abc", on: january, ids: ["a", "b"], classes: [.c, .a])
    #expect(first.counts[.entry] == 2)
    let second = try await store.reclassify(
      named: "abc", on: february, ids: ["a", "c"], classes: [.b, .b])
    #expect(second.previousDay == january)
    #expect(second.movements == [.upgrade, .entry] && second.exits == ["b"])
    let saved = try await store.latestSnapshot(named: "abc", before: march)
    #expect(saved?.labels == ["a": .b, "c": .b])
    // A bad assignment throws and saves nothing.
    await #expect(throws: SegmentationError.duplicateClient("a")) {
      try await store.reclassify(named: "abc", on: march, ids: ["a", "a"], classes: [.a, .a])
    }
    #expect(await store.snapshots(named: "abc", in: march...march).isEmpty)
    let rfm = InMemorySnapshotStore<String, String>()
    _ = try await rfm.reclassifyUnordered(named: "rfm", on: january, ids: ["a"], classes: ["new"])
    let moved = try await rfm.reclassifyUnordered(
      named: "rfm", on: february, ids: ["a"], classes: ["loyal"])
    #expect(moved.movements == [.moved])
  }
}
