import ClientBaseCore
import ClientBaseTesting
import Segmentation
import Testing

/// The custom policy of Documentation/Segmentation.md ("Writing and testing your own policy"),
/// compiled and checked here so the guide cannot drift from the API.
struct MarginABC: ABCPolicy {
  var floor = 10_000.0
  var shares = StandardABC.standard

  func classification<ID>(of values: ClientValues<ID>) -> ABCClassification<ID> {
    let byShare = shares.classification(of: values)
    return ABCClassification(
      measure: values, rule: .custom("value share, A from 10,000"), measureName: "margin"
    ) { row in
      values.values[row] >= floor ? .a : byShare.classes[row]
    }
  }
}

@Suite("The Segmentation guide's example")
struct GuideExampleTests {
  @Test("the guide's custom ABC policy keeps the laws")
  func marginABCKeepsTheLaws() throws {
    var generator = SeededGenerator(seed: 7)
    let margins = (0..<5_000).map { _ in 50_000 * generator.nextUnitDouble() }
    let values = try ClientValues(ids: Array(0..<5_000), values: margins)
    #expect(ABCLaws.violations(of: MarginABC(), on: values).isEmpty)
    // And it does what it says: every margin of 10,000 or more is in A.
    let result = MarginABC().classification(of: values)
    for row in 0..<values.count where margins[row] >= 10_000 { #expect(result.classes[row] == .a) }
  }

  @Test("the law check catches a policy that demotes the richest clients")
  func lawsCatchADemotingFloor() throws {
    // A policy that puts the richest clients in C violates monotonicity: the law check must
    // say so, naming a client above the floor by its identifier, or it would not be worth
    // running.
    struct Upside: ABCPolicy {
      func classification<ID>(of values: ClientValues<ID>) -> ABCClassification<ID> {
        let byShare = StandardABC.standard.classification(of: values)
        return ABCClassification(measure: values, rule: .custom("upside")) { row in
          values.values[row] > 45_000 ? .c : byShare.classes[row]
        }
      }
    }
    var generator = SeededGenerator(seed: 8)
    let margins = (0..<2_000).map { _ in 50_000 * generator.nextUnitDouble() }
    let ids = (0..<2_000).map { "m-\($0)" }
    let values = try ClientValues(ids: ids, values: margins)
    let violations = ABCLaws.violations(of: Upside(), on: values)
    let monotone = try #require(violations.first { $0.law == "monotone" })
    let client = try #require(monotone.client)
    let row = try #require(ids.firstIndex(of: client))
    #expect(margins[row] > 45_000)
    #expect(monotone.description.hasPrefix("monotone: client \(client): more value than client m-"))
  }
}
