import ClientBaseCore
import ClientBaseTesting
import Foundation
import Segmentation
import Testing

/// The custom policy of Documentation/Segmentation.md ("Writing and testing your own policy"),
/// compiled and checked here so the guide cannot drift from the API; a test below checks that
/// every line of the section's code is in this file.

/// A by margin share, and every client from a margin floor up.
struct MarginABC: ABCPolicy {
  let floor: Double

  init(floor: Double) throws(SegmentationError) {
    guard floor.isFinite, floor > 0 else {
      throw .invalidParameter("floor", reason: "must be positive and finite, got \(floor)")
    }
    self.floor = floor
  }

  func classification<ID>(of values: ClientValues<ID>) -> ABCClassification<ID> {
    let byShare = StandardABC.standard.classification(of: values)
    let rule = ABCRule.custom("value share, A from \(NumberText.decimal(floor, places: 0))")
    return ABCClassification(measure: values, rule: rule, measureName: "margin") { row in
      values.values[row] >= floor ? .a : byShare.classes[row]
    }
  }
}

/// The guide's test, as the guide writes it.
@Test func marginABCKeepsTheLaws() throws {
  var generator = SeededGenerator(seed: 7)
  let margins = (0..<5_000).map { _ in 50_000 * generator.nextUnitDouble() }
  let values = try ClientValues(ids: Array(0..<5_000), values: margins)
  let violations = ABCLaws.violations(of: try MarginABC(floor: 10_000), on: values)
  #expect(violations.isEmpty, "\(violations)")
}

@Suite("The Segmentation guide's example")
struct GuideExampleTests {
  @Test("the guide's custom ABC policy does what it says, and checks its floor once")
  func marginABCDoesWhatItSays() throws {
    var generator = SeededGenerator(seed: 7)
    let margins = (0..<5_000).map { _ in 50_000 * generator.nextUnitDouble() }
    let values = try ClientValues(ids: Array(0..<5_000), values: margins)
    // Every margin of 10,000 or more is in A, and the reason names the floor.
    let result = try MarginABC(floor: 10_000).classification(of: values)
    for row in 0..<values.count where margins[row] >= 10_000 { #expect(result.classes[row] == .a) }
    #expect(result.rule == .custom("value share, A from 10,000"))
    #expect(
      throws: SegmentationError.invalidParameter(
        "floor", reason: "must be positive and finite, got 0.0")
    ) { try MarginABC(floor: 0) }
    #expect(throws: SegmentationError.self) { try MarginABC(floor: .nan) }
  }

  @Test("every line of the guide's section on your own policy is in this file")
  func guideMatchesTheTest() throws {
    let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let guide = try String(
      contentsOf: root.appendingPathComponent("Documentation/Segmentation.md"), encoding: .utf8)
    let test = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
    func normalized(_ line: Substring) -> String {
      line.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
    let testLines = Set(test.split(separator: "\n").map(normalized))
    let start = try #require(guide.range(of: "## Writing and testing your own policy"))
    let section = guide[start.upperBound...]
    let end = section.range(of: "\n## ")?.lowerBound ?? section.endIndex
    var inCode = false
    var checked = 0
    for line in section[..<end].split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("```") {
        inCode.toggle()
        continue
      }
      let text = normalized(line)
      // The guide imports the umbrella module, which this test target does not depend on.
      guard inCode, !text.isEmpty, !text.hasPrefix("import ") else { continue }
      #expect(testLines.contains(text), "not in the test: \(text)")
      checked += 1
    }
    #expect(checked > 20)
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
