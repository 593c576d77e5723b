import ClientBase
import ClientBaseTesting
import Foundation
import Testing

/// A by value share, and every client from a floor up.
struct FloorABC: ABCPolicy {
  let floor: Double

  init(floor: Double) throws(SegmentationError) {
    guard floor.isFinite, floor > 0 else {
      throw .invalidParameter("floor", reason: "must be positive and finite, got \(floor)")
    }
    self.floor = floor
  }

  func classification<ID>(of values: ClientValues<ID>) -> ABCClassification<ID> {
    let byShare = StandardABC.standard.classification(of: values)
    let rule = ABCRule.custom("value share, and A from \(NumberText.decimal(floor, places: 0))")
    return ABCClassification(measure: values, rule: rule, measureName: "12-month spend") {
      row in values.values[row] >= floor ? .a : byShare.classes[row]
    }
  }
}

/// Documentation/Policies.md's worked example, run on a synthetic export, and a check that the
/// guide's code is this code.
@Suite("The policy-shape guide's worked example")
struct PolicyGuideTests {
  /// A seeded synthetic base as the CSV export the guide decodes.
  func syntheticExport() throws -> [UInt8] {
    let base = try SyntheticBase(
      configuration: SyntheticBaseConfiguration(
        clients: 1_500, asOf: try Day(iso8601: "2026-10-31"), seed: 31, contactsPerYear: 0,
        lifeEventsPerYear: 0))
    var text = "client_id,date,amount\n"
    for i in 0..<base.log.count {
      let purchase = base.log[i]
      text += "c\(purchase.client),\(purchase.day.iso8601),\(purchase.amount)\n"
    }
    // A refund-only client: in the log's row space, not the table's.
    text += "refunder,2026-05-01,-20\n"
    return Array(text.utf8)
  }

  @Test("the worked example runs and its answers hang together")
  func workedExample() throws {
    let export = try syntheticExport()

    let log = try PurchaseCSVDecoder().decode(export)
    let asOf = try Day(iso8601: "2026-10-31")
    let table = try Summarizer().summarize(log, through: asOf)  // row space: the buyers

    // Twelve months of spend: a column over every client of the log (refund-only ones too).
    let lastYear = try PeriodGrid.trailingMonths(12, before: asOf)
    let spend = try ClientValues.spend(in: log, over: lastYear.days)
    let abc = try FloorABC(floor: 1_000).classification(of: spend)

    // RFM and the purchase model: columns over the table's buyers.
    let rfm = try StandardRFM.standard.classification(of: table, asOf: asOf)
    let inputs = try table.repeatPurchaseSummary(asOf: asOf, unit: .week)
    let model = try BGNBDModel.fit(PurchaseHistories(inputs)).model
    let scores = try model.scores(for: inputs, horizon: 52)

    // Counts in the scale's order, every label present; a snapshot for next month's review.
    let abcLines = abc.counts.map { "\($0.label): \($0.count)" }  // ["A: …", "B: …", "C: …"]
    let snapshot = abc.snapshot(on: asOf)

    // One row per buyer with all three answers, and why.
    let view = table.clients.joined(abc, rfm, scores)
    let firstBuyer = table.ids[0]
    let (abcClass, segment, score) = view[client: firstBuyer]!
    let why = view.reasons(forRow: 0)  // [ABC's reason, RFM's reason, the scores' reason]

    let violations = ABCLaws.violations(of: try FloorABC(floor: 1_000), on: spend)
    #expect(violations.isEmpty, "\(violations)")

    // The answers hang together.
    #expect(abc.count == log.clientIDs.count && table.count == log.clientIDs.count - 1)
    #expect(abcLines.count == 3 && abcLines[0].hasPrefix("A: "))
    #expect(snapshot.labels.count == abc.count && snapshot.labels["refunder"] == .c)
    for row in 0..<abc.count where spend.values[row] >= 1_000 { #expect(abc.classes[row] == .a) }
    #expect(abcClass == abc[client: firstBuyer] && segment == rfm[0])
    #expect(score?.probabilityAlive == scores.probabilityAlive[0])
    #expect(why.count == 3 && why.allSatisfy { $0 != nil })
    #expect(view.count == table.count && view[client: "refunder"] == nil)
  }

  @Test("every line of the guide's worked example is in this test")
  func guideMatchesTheTest() throws {
    let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let guide = try String(
      contentsOf: root.appendingPathComponent("Documentation/Policies.md"), encoding: .utf8)
    let test = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
    func normalized(_ line: Substring) -> String {
      line.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
    let testLines = Set(test.split(separator: "\n").map(normalized))
    let example = try #require(guide.range(of: "## A worked example"))
    var inCode = false
    var checked = 0
    for line in guide[example.lowerBound...].split(
      separator: "\n", omittingEmptySubsequences: false)
    {
      if line.hasPrefix("```") {
        inCode.toggle()
        continue
      }
      let text = normalized(line)
      guard inCode, !text.isEmpty else { continue }
      #expect(testLines.contains(text), "not in the test: \(text)")
      checked += 1
    }
    #expect(checked > 30)
  }
}
