import ClientBase
import ClientBaseTesting
import ShopPolicies
import Testing

@Suite("MarginABC")
struct MarginABCTests {
  @Test("a large account is A by its floor where the shares alone make it B")
  func floorLiftsALargeAccount() throws {
    // Margins 100,000 + 40,000 + 15,000 + 5,000 + 1,000 = 161,000. Above c the clients make
    // 140,000 / 161,000 = 87% of the margin, past 80%: the shares make c a B client; its
    // margin of 15,000 reaches the floor of 10,000, so this rule makes it A.
    let margins = try ClientValues(
      ids: ["a", "b", "c", "d", "e"], values: [100_000, 40_000, 15_000, 5_000, 1_000])
    let byShare = StandardABC.standard.classification(of: margins)
    let byMargin = try MarginABC(floor: 10_000).classification(of: margins)
    #expect(Array(byShare.classes) == [.a, .a, .b, .c, .c])
    #expect(Array(byMargin.classes) == [.a, .a, .a, .c, .c])
    #expect(byMargin[client: "c"] == .a)
    #expect(
      byMargin.reason(for: "c")
        == "A: first 80% of margin, or margin of at least 10,000; rank 3 of 5 by margin")
  }

  @Test("the reason names the rule the other clients were ranked by")
  func reasonFollowsTheRule() throws {
    let margins = try ClientValues(ids: ["a", "b"], values: [20_000, 50])
    let byRank = try MarginABC(floor: 10_000, shares: .byRank).classification(of: margins)
    #expect(
      byRank.reason(for: "b")
        == "C: top 5% of clients by margin, or margin of at least 10,000; rank 2 of 2 by margin")
  }

  @Test("keeps the ABC laws on a seeded sample with ties, zeros and refunds")
  func keepsTheLaws() throws {
    var generator = SeededGenerator(seed: 7)
    var values: [Double] = (0..<3_000).map { _ in 30_000 * generator.nextUnitDouble() }
    values += [10_000, 10_000, 9_999.99, 0, 0, -250]  // at the floor, ties, nothing, a refund
    let margins = try ClientValues(ids: values.indices.map { "c\($0)" }, values: values)
    let violations = ABCLaws.violations(of: try MarginABC(floor: 10_000), on: margins)
    #expect(violations.isEmpty, "\(violations)")
  }

  @Test("a floor that is not a positive number is refused when the policy is made")
  func badFloorIsRefused() {
    #expect(throws: SegmentationError.self) { try MarginABC(floor: 0) }
    #expect(throws: SegmentationError.self) { try MarginABC(floor: .nan) }
  }

  @Test("the law check catches a margin rule that demotes the largest accounts")
  func lawCheckCatchesABrokenRule() throws {
    struct Upside: ABCPolicy {
      func classification<ID>(of values: ClientValues<ID>) -> ABCClassification<ID> {
        ABCClassification(measure: values, rule: .custom("upside down")) { row in
          values.values[row] >= 10_000 ? .c : .a
        }
      }
    }
    let margins = try ClientValues(ids: ["big", "small"], values: [20_000, 50])
    let violations = ABCLaws.violations(of: Upside(), on: margins)
    #expect(violations.contains { $0.law == "monotone" && $0.client != nil })
  }
}
