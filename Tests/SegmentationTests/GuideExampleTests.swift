import ClientBaseTesting
import Segmentation
import Testing

/// The custom policy of Documentation/Segmentation.md ("Writing and testing your own policy"),
/// compiled and checked here so the guide cannot drift from the API.
struct MarginABC: ABCPolicy {
  var floor = 10_000.0
  var shares = ABCByValueShare()

  func classification<ID>(of values: ClientValues<ID>) throws(SegmentationError)
    -> ABCClassification<ID>
  {
    let byShare = try shares.classification(of: values)
    var classes = byShare.classes
    for row in classes.indices where values.values[row] >= floor { classes[row] = .a }
    return try ABCClassification(
      measure: values, classes: classes, rule: .custom("value share, A from 10,000"),
      measureName: "margin")
  }
}

@Suite("The Segmentation guide's example")
struct GuideExampleTests {
  @Test("the guide's custom ABC policy keeps the laws")
  func marginABCKeepsTheLaws() throws {
    var generator = SeededGenerator(seed: 7)
    let margins = (0..<5_000).map { _ in 50_000 * generator.nextUnitDouble() }
    let values = try ClientValues(ids: Array(0..<5_000), values: margins)
    #expect(ValueClassLaws.abcViolations(of: MarginABC(), on: values).isEmpty)
    // And it does what it says: every margin of 10,000 or more is in A.
    let result = try MarginABC().classification(of: values)
    for row in 0..<values.count where margins[row] >= 10_000 { #expect(result.classes[row] == .a) }
  }

  @Test("the law check catches a policy that demotes the richest clients")
  func lawsCatchADemotingFloor() throws {
    // A policy that puts the richest clients in C violates monotonicity: the law check must
    // say so, or it would not be worth running.
    struct Upside: ABCPolicy {
      func classification<ID>(of values: ClientValues<ID>) throws(SegmentationError)
        -> ABCClassification<ID>
      {
        var classes = try ABCByValueShare().classification(of: values).classes
        for row in classes.indices where values.values[row] > 45_000 { classes[row] = .c }
        return try ABCClassification(measure: values, classes: classes, rule: .custom("upside"))
      }
    }
    var generator = SeededGenerator(seed: 8)
    let margins = (0..<2_000).map { _ in 50_000 * generator.nextUnitDouble() }
    let values = try ClientValues(ids: Array(0..<2_000), values: margins)
    #expect(!ValueClassLaws.abcViolations(of: Upside(), on: values).isEmpty)
  }
}
