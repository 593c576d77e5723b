import ClientBase
import ClientBaseTesting
import ShopPolicies
import Testing

@Suite("ShopSegments")
struct ShopSegmentsTests {
  @Test(
    "score triples land where the shop's table says",
    arguments: [
      (5, 5, 1, "Best"), (4, 4, 5, "Best"), (5, 3, 3, "Loyal"), (3, 5, 5, "Loyal"),
      (5, 1, 5, "New"), (4, 2, 1, "New"), (3, 2, 5, "Slipping"), (2, 5, 5, "Slipping"),
      (1, 5, 5, "Gone"), (1, 1, 1, "Gone"),
    ])
  func workedTriples(_ triple: (Int, Int, Int, String)) {
    let segment = ShopSegments.map.segment(
      recency: triple.0, frequency: triple.1, monetary: triple.2)
    #expect(segment.name == triple.3)
  }

  @Test("the map covers every triple, reaches every rule and never ranks a better client lower")
  func mapKeepsItsLaws() {
    let violations = RFMSegmentMapLaws.violations(of: ShopSegments.map)
    #expect(violations.isEmpty, "\(violations)")
  }

  @Test("a map that calls the least recent clients Best is caught")
  func brokenMapIsCaught() {
    var rules = ShopSegments.map.rules
    rules.insert(RFMSegmentRule(ShopSegments.best, recency: 1...1, frequency: 1...5), at: 0)
    let broken = RFMSegmentMap(rules: rules, fallback: .other)
    let violations = RFMSegmentMapLaws.violations(of: broken)
    #expect(violations.contains { $0.law == "order of names" })
    // The shop's own Gone rule can no longer be reached.
    #expect(violations.contains { $0.law == "reachability" })
  }

  @Test("scoring with the shop's map keeps the RFM laws on a seeded base")
  func scoringKeepsTheLaws() throws {
    var generator = SeededGenerator(seed: 3)
    let count = 2_000
    let recency = ContiguousArray((0..<count).map { _ in Int32(generator.next() % 400) })
    let frequency = ContiguousArray((0..<count).map { _ in Int32(1 + generator.next() % 12) })
    let money = ContiguousArray((0..<count).map { _ in 500 * generator.nextUnitDouble() })
    let measures = try RFMMeasures(
      ids: (0..<count).map { "c\($0)" }, recencyDays: recency, frequency: frequency,
      monetary: money)
    let policy = try ShopSegments.policy()
    let violations = RFMLaws.violations(of: policy, on: measures)
    #expect(violations.isEmpty, "\(violations)")
    let rfm = policy.classification(of: measures)
    #expect(rfm.counts.labels.map(\.name) == ["Best", "Loyal", "New", "Slipping", "Gone", "Other"])
    #expect(rfm.counts[.other] == 0 && rfm.counts.total == count)
  }
}
