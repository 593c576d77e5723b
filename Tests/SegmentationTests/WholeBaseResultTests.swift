import ClientBaseCore
import ClientBaseTesting
import Segmentation
import Testing

private let january = Day(daysSince1970: 20_454)  // 2026-01-01
private let february = Day(daysSince1970: 20_485)  // 2026-02-01

/// Three clients on the bank-card ladder, one period: 100 (standard), 250,000 (gold from
/// 200,000), 600,000 (platinum from 500,000); nobody reaches black (3,000,000).
private func tierFixture() throws -> TierAssignments<String> {
  let history = try BalanceHistory(
    ids: ["s", "g", "p"], periods: [january], balancesByClient: [[100], [250_000], [600_000]])
  return StandardTiers(ladder: .bankCards).assignments(for: history)
}

/// Three clients on the standard scorecard, scored by hand (see the credit rating tests):
/// a 100 points (AAA), d unrated (missing delay), e 63 points (BBB from 60).
private func creditFixture() throws -> CreditRatings<String> {
  let inputs = try CreditInputs(
    ids: ["a", "d", "e"],
    columns: [
      "paymentDelayDays": [0, .nan, 0],
      "arrearsEpisodes": [0, 0, 2],
      "tenureYears": [6, 3, 2],
      "productsHeld": [3, 2, 2],
    ])
  return StandardCreditScorecard.standard.ratings(for: inputs)
}

/// Two dominant clients (telling, controlling, three observations each) and one with no
/// observations (undetermined).
private func styleFixture() throws -> StyleAssessments<String> {
  let observations = ["x", "y"].flatMap { client in
    (0..<3).map { _ in
      BehaviourObservation(client: client, assertiveness: 0.6, responsiveness: -0.4)
    }
  }
  return StandardStyles.standard.assessments(
    for: try BehaviourObservations(clients: ["x", "y", "quiet"], observations: observations))
}

/// Ten clients with spread-out measures under the standard RFM policy.
private func rfmFixture() throws -> RFMClassification<Int> {
  let measures = try RFMMeasures(
    ids: Array(0..<10), recencyDays: ContiguousArray((0..<10).map { Int32($0 * 30) }),
    frequency: ContiguousArray((0..<10).map { Int32(10 - $0) }),
    monetary: ContiguousArray((0..<10).map { Double(100 - $0 * 10) }))
  return StandardRFM.standard.classification(of: measures)
}

@Suite("Whole-base results: counts with every label")
struct WholeBaseCountTests {
  @Test func tierCountsListEveryTierOfTheLadderBaseFirst() throws {
    let tiers = try tierFixture()
    let ladder = TierLadder.bankCards.tiers
    // Black has nobody and is listed at zero, in the ladder's order from the base up.
    #expect(tiers.counts.labels == ladder && tiers.scale == ladder)
    #expect(tiers.counts.entries.map(\.count) == [1, 1, 1, 0])
    #expect(tiers.counts[ladder[3]] == 0 && tiers.counts.unlabeled == 0)
  }

  @Test func creditCountsListEveryGradeWorstFirstWithTheUnratedUnlabeled() throws {
    let ratings = try creditFixture()
    let grades = ratings.gradeScale.grades
    #expect(ratings.counts.labels == grades && grades.first?.name == "C")
    #expect(ratings.counts[grades.first { $0.name == "AAA" }!] == 1)
    #expect(ratings.counts[grades.first { $0.name == "BBB" }!] == 1)
    #expect(ratings.counts[grades[0]] == 0)
    // a and e are rated; d is unrated: the unlabeled.
    #expect(ratings.counts.unlabeled == 1 && ratings.counts.total == ratings.count)
    #expect(ratings[1] == nil && ratings[client: "a"]??.name == "AAA")
  }

  @Test func styleCountsListAllFourStylesInCaseOrder() throws {
    let styles = try styleFixture()
    #expect(styles.counts.labels == BehaviouralStyle.allCases)
    #expect(styles.counts.entries.map(\.count) == [2, 0, 0, 0])
    #expect(styles.counts.unlabeled == 1)
    #expect(styles[client: "quiet"]?.style == nil && styles.label(for: "x") == .dominant)
  }

  @Test func abcAndXYZCountsListEmptyClasses() throws {
    // Equal positive values are all A (each tie group starts at 0% of the value above it).
    let abc = StandardABC.standard.classification(
      of: try ClientValues(ids: ["a", "b", "c"], values: [5, 5, 5]))
    #expect(abc.counts.labels == [.a, .b, .c] && abc.counts.entries.map(\.count) == [3, 0, 0])
    #expect(abc.counts[.b] == 0 && abc.counts.unlabeled == 0)
    // Flat rows have a coefficient of variation of 0: all X.
    let xyz = StandardXYZ.standard.classification(
      of: try PeriodMatrix(ids: ["a", "b"], periodCount: 3, values: [2, 2, 2, 7, 7, 7]))
    #expect(xyz.counts.labels == [.x, .y, .z] && xyz.counts.entries.map(\.count) == [2, 0, 0])
    #expect(xyz.counts.unlabeled == 0)
  }

  @Test func rfmCountsListEverySegmentOfTheMap() throws {
    let rfm = try rfmFixture()
    let segments = RFMSegmentMap.standard.rules.map(\.segment) + [RFMSegment.other]
    #expect(rfm.counts.labels == segments)
    #expect(rfm.counts[.other] == 0)
    #expect(rfm.counts.total == rfm.count && rfm.counts.unlabeled == 0)
    #expect(Set(rfm.countsByName.keys) == Set(segments.map(\.name)))
    for entry in rfm.counts { #expect(rfm.countsByName[entry.label.name] == entry.count) }
  }
}

@Suite("Whole-base results: snapshots")
struct WholeBaseSnapshotTests {
  @Test func abcSnapshotRoundTripsAsStable() throws {
    let abc = StandardABC.standard.classification(
      of: try ClientValues(ids: ["a", "b", "c", "d"], values: [70, 20, 6, 4]))
    let snapshot = abc.snapshot(on: january)
    #expect(snapshot.day == january)
    // Value above each of 70, 20, 6, 4 (total 100): 0 and 70 (under 80%: A), 90 (B), 96 (C).
    #expect(snapshot.labels == ["a": .a, "b": .a, "c": .b, "d": .c])
    let moves = try Reclassification(
      from: snapshot, to: abc.ids, classes: Array(abc.classes), on: february)
    #expect(moves.counts[.stable] == 4 && moves.counts.inBoth == 4 && moves.exits.isEmpty)
  }

  @Test func abcSnapshotFeedsTheStore() async throws {
    let abc = StandardABC.standard.classification(
      of: try ClientValues(ids: ["a", "b"], values: [9, 1]))
    let store = InMemorySnapshotStore<String, ABCClass>()
    await store.save(abc.snapshot(on: january), named: "abc")
    let moves = try await store.reclassify(
      named: "abc", on: february, ids: abc.ids, classes: Array(abc.classes))
    #expect(moves.previousDay == january && moves.counts[.stable] == 2)
  }

  @Test func rfmSnapshotRoundTripsAsStable() throws {
    let rfm = try rfmFixture()
    let snapshot = rfm.snapshot(on: january)
    #expect(snapshot.labels.count == rfm.count)
    #expect(snapshot.labels[3] == rfm.segment(forRow: 3))
    let labels = (0..<rfm.count).map(rfm.segment(forRow:))
    let moves = try Reclassification(
      unorderedFrom: snapshot, to: rfm.ids, classes: labels, on: february)
    #expect(moves.counts[.stable] == rfm.count && moves.counts[.entry] == 0 && moves.exits.isEmpty)
  }

  @Test func xyzSnapshotHoldsOnlyClassifiedRows() throws {
    // s steady (X), n all refunds (no positive mean: unclassified).
    let xyz = StandardXYZ.standard.classification(
      of: try PeriodMatrix(ids: ["s", "n"], periodCount: 3, values: [4, 4, 4, -1, -1, -1]))
    let snapshot = xyz.snapshot(on: january)
    #expect(snapshot.labels == ["s": .x])
    let moves = try Reclassification(from: snapshot, to: ["s"], classes: [XYZClass.x], on: february)
    #expect(moves.counts[.stable] == 1 && moves.counts[.entry] == 0 && moves.exits.isEmpty)
  }

  @Test func creditSnapshotHoldsOnlyRatedRows() throws {
    let ratings = try creditFixture()
    let snapshot = ratings.snapshot(on: january)
    #expect(Set(snapshot.labels.keys) == ["a", "e"])
    #expect(snapshot.labels["a"]?.name == "AAA" && snapshot.labels["e"]?.name == "BBB")
    // The unrated d is not classified now: the review's rows are the rated clients.
    let moves = Reclassification(from: snapshot, to: ratings, on: february)
    #expect(moves.ids == ["a", "e"])
    #expect(moves.counts[.stable] == 2 && moves.counts[.entry] == 0 && moves.exits.isEmpty)
    // Rated last time, unrated now: an exit.
    let worse = Snapshot(
      day: january, labels: snapshot.labels.merging(["d": ratings.scale[3]]) { $1 })
    #expect(Reclassification(from: worse, to: ratings, on: february).exits == ["d"])
  }

  @Test func styleSnapshotHoldsOnlyDeterminedRows() throws {
    let styles = try styleFixture()
    let snapshot = styles.snapshot(on: january)
    #expect(snapshot.labels == ["x": .dominant, "y": .dominant])
    let moves = Reclassification(unorderedFrom: snapshot, to: styles, on: february)
    #expect(moves.counts[.stable] == 2 && moves.counts[.entry] == 0 && moves.exits.isEmpty)
  }

  @Test func tierSnapshotRoundTripsAsStable() async throws {
    let tiers = try tierFixture()
    let moves = Reclassification(from: tiers.snapshot(on: january), to: tiers, on: february)
    #expect(moves.counts[.stable] == 3 && moves.exits.isEmpty)
    #expect(moves.clients == tiers.clients)  // every row labelled: the same row space
    #expect(tiers.snapshot() == tiers.snapshot(on: january))  // one period: January
    let store = InMemorySnapshotStore<String, Tier>()
    _ = try await store.reclassify(named: "tiers", to: tiers, on: january)
    let again = try await store.reclassify(named: "tiers", to: tiers, on: february)
    #expect(again.previousDay == january && again.counts[.stable] == 3)
  }
}
