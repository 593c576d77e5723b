import ClientBaseCore
import ClientBaseTesting
import Segmentation
import Testing

/// A broken RFM policy: money is scored by row position instead of by value.
private struct PositionalMoney: RFMPolicy {
  func classification<ID>(of measures: RFMMeasures<ID>) -> RFMClassification<ID> {
    let right = StandardRFM.standard.classification(of: measures)
    return RFMClassification(measures: measures, segmentMap: .standard) { row in
      (
        Int(right.recencyScores[row]), Int(right.frequencyScores[row]),
        1 + 5 * row / Swift.max(measures.count, 1)
      )
    }
  }
}

/// A broken RFM policy: recency read the wrong way round, so the longest-gone score R 5.
private struct BackwardRecency: RFMPolicy {
  func classification<ID>(of measures: RFMMeasures<ID>) -> RFMClassification<ID> {
    let right = StandardRFM.standard.classification(of: measures)
    return RFMClassification(measures: measures, segmentMap: .standard) { row in
      (
        6 - Int(right.recencyScores[row]), Int(right.frequencyScores[row]),
        Int(right.monetaryScores[row])
      )
    }
  }
}

/// A broken RFM policy: leaves the last client out of its result.
private struct DropsTheLastClient: RFMPolicy {
  func classification<ID>(of measures: RFMMeasures<ID>) -> RFMClassification<ID> {
    let kept = measures.count - 1
    let fewer =
      (try? RFMMeasures(
        ids: Array(measures.ids.prefix(kept)),
        recencyDays: ContiguousArray(measures.recencyDays.prefix(kept)),
        frequency: ContiguousArray(measures.frequency.prefix(kept)),
        monetary: ContiguousArray(measures.monetary.prefix(kept))))
      ?? measures
    return StandardRFM.standard.classification(of: fewer)
  }
}

/// The standard grid with a first rule that calls every R 1 client a Champion.
private let flattering = RFMSegmentMap(
  rules: [RFMSegmentRule(.champions, recency: 1...1, frequency: 1...5)]
    + RFMSegmentMap.standard.rules,
  fallback: .other)

private func lawMeasures(count: Int, seed: UInt64) throws -> RFMMeasures<String> {
  var generator = SeededGenerator(seed: seed)
  var recency: ContiguousArray<Int32> = []
  var frequency: ContiguousArray<Int32> = []
  var money: ContiguousArray<Double> = []
  for _ in 0..<count {
    recency.append(Int32(generator.nextInt(below: 400)))
    frequency.append(Int32(1 + generator.nextInt(below: 12)))
    money.append(Double(generator.nextInt(below: 100_000)) / 100)
  }
  return try RFMMeasures(
    ids: (0..<count).map { "r-\($0)" }, recencyDays: recency, frequency: frequency,
    monetary: money)
}

@Suite("RFM laws")
struct RFMLawsTests {
  @Test(arguments: [1, 2] as [UInt64])
  func theStandardPolicyKeepsTheLaws(seed: UInt64) throws {
    let measures = try lawMeasures(count: 2_000, seed: seed)
    #expect(RFMLaws.violations(of: StandardRFM.standard, on: measures, seed: seed) == [])
    let edges = try StandardRFM(
      recencyScoring: .edges([30, 90, 180, 365]), monetaryScoring: .edges([10, 50, 200, 500]))
    #expect(RFMLaws.violations(of: edges, on: measures) == [])
    let empty = try RFMMeasures(
      ids: [String](), recencyDays: [], frequency: [], monetary: [])
    #expect(RFMLaws.violations(of: StandardRFM.standard, on: empty) == [])
  }

  @Test func positionalMoneyFails() throws {
    let measures = try lawMeasures(count: 500, seed: 5)
    let violations = RFMLaws.violations(of: PositionalMoney(), on: measures)
    let money = try #require(violations.first { $0.law == "monotone money" })
    #expect(violations.contains { $0.law == "order independence" })
    #expect(violations.filter { $0.law == "monotone money" }.count == 5)
    let client = try #require(money.client)
    let row = try #require(measures.clients.row(for: client))
    #expect(money.values.first == .init("money", "\(measures.monetary[row])"))
    #expect(money.message.hasPrefix("more money than client r-"))
  }

  @Test func backwardRecencyFailsWithDaysAsPassedIn() throws {
    let measures = try lawMeasures(count: 500, seed: 6)
    let violations = RFMLaws.violations(of: BackwardRecency(), on: measures)
    let recency = try #require(violations.first { $0.law == "monotone recency" })
    let client = try #require(recency.client)
    let row = try #require(measures.clients.row(for: client))
    // Days since the last purchase as the host passed them, not negated.
    let days = try #require(recency.values.first)
    #expect(days == .init("days since the last purchase", "\(measures.recencyDays[row])"))
    #expect(!days.value.hasPrefix("-"))
    #expect(recency.message.hasPrefix("fewer days since the last purchase than client r-"))
    #expect(!violations.contains { $0.law == "order independence" })
  }

  @Test func aPolicyOverFewerClientsFailsItsShape() throws {
    let violations = RFMLaws.violations(
      of: DropsTheLastClient(), on: try lawMeasures(count: 40, seed: 8))
    #expect(violations.count == 1)
    #expect(
      violations.first?.description
        == "one result per row: columns of 39, 39, 39, 39, 39 rows for 40 clients")
  }

  @Test func aPolicyWithAFlatteringMapFailsItsMapLaws() throws {
    let policy = try StandardRFM(segmentMap: flattering)
    let violations = RFMLaws.violations(of: policy, on: try lawMeasures(count: 300, seed: 7))
    #expect(violations.contains { $0.law == "order of names" })
    #expect(!violations.contains { $0.law.hasPrefix("monotone") })
  }
}

@Suite("RFM segment map laws")
struct RFMSegmentMapLawsTests {
  @Test func theStandardMapKeepsTheLaws() {
    #expect(RFMSegmentMapLaws.violations(of: .standard) == [])
  }

  @Test func callingRecencyOneClientsChampionsBreaksTheOrderOfNames() throws {
    let violations = RFMSegmentMapLaws.violations(of: flattering)
    let order = violations.filter { $0.law == "order of names" }
    #expect(order.count == 5)
    // R 1, F 1, M 1 is Champions; R 2, F 2, M 2 is better on all three and only Hibernating.
    let first = try #require(order.first)
    #expect(first.client == nil)
    #expect(
      first.message
        == "R 2, F 2, M 2 is better on all three scores than R 1, F 1, M 1 but is named "
        + "Hibernating (rank 2), below Champions (rank 11)")
    // The first rule takes every R 1 triple, so the standard's Lost rule is never used.
    let unreachable = violations.filter { $0.law == "reachability" }
    #expect(unreachable.map { $0.values.first?.value } == ["12 of 12"])
    #expect(!violations.contains { $0.law == "coverage" })
  }

  @Test func aMapThatReliesOnItsFallbackReportsTheUncoveredTriples() throws {
    let partial = RFMSegmentMap(
      rules: [RFMSegmentRule(.champions, recency: 5...5, frequency: 1...5)], fallback: .other)
    let coverage = RFMSegmentMapLaws.violations(of: partial).filter { $0.law == "coverage" }
    #expect(coverage.count == 5)
    #expect(coverage.first?.values == [.init("R F M", "1 1 1")])
    #expect(coverage.first?.message.contains("(100 of 125 triples do)") == true)
    // The same map with its catch-all written as a last rule covers everything.
    let complete = RFMSegmentMap(
      rules: partial.rules + [RFMSegmentRule(.other, recency: 1...5, frequency: 1...5)],
      fallback: .other)
    #expect(RFMSegmentMapLaws.violations(of: complete) == [])
  }

  @Test func aRuleOutsideTheScoresIsUnreachable() throws {
    let map = RFMSegmentMap(
      rules: RFMSegmentMap.standard.rules + [
        RFMSegmentRule(.champions, recency: 6...7, frequency: 1...5)
      ],
      fallback: .other)
    let violations = RFMSegmentMapLaws.violations(of: map)
    #expect(violations.count == 1)
    let rule = try #require(violations.first)
    #expect(rule.law == "reachability")
    #expect(rule.message.hasSuffix("its recency range lies outside 1...5"))
    #expect(rule.values.map(\.value) == ["12 of 12", "Champions", "R 6–7, F 1–5, M 1–5"])
  }
}
