import ClientBaseTesting
import Foundation
import Segmentation
import Testing

@testable import BaseGrowth
@testable import Retention

/// Documentation/BaseGrowth.md's worked example, run on a seeded synthetic base, and a check
/// that every line of the guide's example is in this test.
@Suite("The BaseGrowth guide's worked example")
struct GuideTests {
  @Test("the worked example runs and says what the guide says")
  func workedExample() throws {
    let base = try SyntheticBase(
      configuration: SyntheticBaseConfiguration(
        clients: 4_000, acquisitionWindowDays: 240, seed: 13, sharedClientProbability: 0,
        prospectShare: 0, contactsPerYear: 6, lifeEventsPerYear: 0))
    let log = base.log
    let asOf = base.configuration.asOf
    var lines: [String] = []
    func print(_ text: String) { lines.append(text) }

    // The characteristic period: the median gap between consecutive purchase days.
    let table = try Summarizer().summarize(log, through: asOf)
    let days = try PurchaseDays(log, table: table, asOf: asOf)
    let period = try StandardCharacteristicPeriod.standard.characteristicPeriod(
      of: PurchaseGaps(days, threadCount: 2), threadCount: 2)
    print(period.reason)

    // The silent loss a converged purchase model expects over that period.
    let summary = try table.repeatPurchaseSummary(asOf: asOf, unit: .week)
    let histories = try PurchaseHistories(summary)
    let fit = try BGNBDModel.fit(histories)
    let loss =
      fit.converged
      ? try ExpectedLoss(fit: fit, histories: histories, unit: .week, period: period) : nil

    // The growth targets: the √n rule, and the model's loss plus a margin.
    let situation = try GrowthSituation(baseSize: table.count, period: period, expectedLoss: loss)
    let sqrtN = try StandardGrowthTarget.standard.target(for: situation)
    let churn = try ChurnCompensatingTarget().target(for: situation)
    print(sqrtN.reason)
    print(churn.reason)
    if let loss { print(try GrowthTargetComparison(target: sqrtN, expectedLoss: loss).reason) }

    // The forecast: new clients per period measured over the last six, the model's loss rate.
    let history = try AcquisitionHistory(table: table, asOf: asOf, period: period, periods: 6)
    let rates = try loss.map { try GrowthRates(acquisition: history, loss: $0) }
    if let rates {
      let forecast = try StandardBaseForecast.standard.forecast(
        from: table.count, rates: rates, periods: 24, seed: 7, threadCount: 2)
      print(forecast.reason(forPeriod: 12))
      print(
        try StandardBaseForecast.standard.periods(toReach: 5_000, from: 4_000, rates: rates).reason)
      let flat = try StandardBaseForecast.standard.acquisitionKeepingFlat(base: 4_000, rates: rates)
      print("\(NumberText.decimal(flat, places: 1)) new clients a period keep 4,000 flat")
    }

    // The funnel of the last 20 days' calls, and the calls a day the √n target takes. Here the
    // calls to new prospects are seeded (ids below 0); in your program they come from your CRM.
    var generator = SeededGenerator(seed: 1)
    let calls = (0..<1_400).map { call in
      Contact(
        client: -1 - call, day: asOf.adding(days: -(call % 20)), manager: "m-01", channel: .phone,
        outcome: generator.nextUnitDouble() < 15.0 / 70 ? .interested : .notReached)
    }
    let funnel = try StandardFunnel.standard.funnel(
      of: base.contacts + calls, clients: table, from: asOf.adding(days: -19), through: asOf)
    print(funnel.reason)
    let plan = try StandardContactCapacity.standard.plan(
      for: sqrtN, interestedPerCall: funnel.interestedPerCall.rate ?? 0, base: table.count,
      managers: 20)
    print(plan.reason)

    // The target share: Segmentation's profile, taken as values.
    let profile = try StandardTargetProfile(criteria: [.region(isOneOf: ["north", "east"])])
    let evaluation = profile.evaluation(
      of: try ClientProfiles(clients: table.clients, profiles: base.profiles))
    let mix = try TargetMix(
      table: table, isTarget: evaluation.isTarget,
      values: Array(ClientValues.netSpend(of: table).values),
      targetProspects: Set(calls.map(\.client).filter { $0 % 3 != 0 }))
    let review = try StandardTargetShareMonitor.standard.review(
      mix, contacts: base.contacts + calls, asOf: asOf, period: period, periods: 6)
    print(review.reason)

    // The guide shows what this prints, each line wrapped with two spaces of indent.
    let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let guide = try String(
      contentsOf: root.appendingPathComponent("Documentation/BaseGrowth.md"), encoding: .utf8)
    let output = try #require(guide.range(of: "```text\n"))
    let close = try #require(guide.range(of: "\n```", range: output.upperBound..<guide.endIndex))
    var shown: [String] = []
    for line in guide[output.upperBound..<close.lowerBound].split(separator: "\n") {
      if line.hasPrefix("  "), let last = shown.popLast() {
        shown.append(last + " " + line.dropFirst(2))
      } else {
        shown.append(String(line))
      }
    }
    #expect(shown == lines)
    #expect(period.days > 0 && period.gapCount > 1_000)
    #expect(sqrtN.prospectsPerPeriod == Int(Double(table.count).squareRoot().rounded(.up)))
    #expect(fit.converged)
    let expectedLoss = try #require(loss)
    #expect(Double(churn.prospectsPerPeriod) >= expectedLoss.expectedLost)
    #expect(history.newClients.reduce(0, +) > 0)
    #expect(rates != nil)
    #expect(review.periods.count == 6)
    #expect(lines.count == 10)
    #expect(funnel.calls == 1_400 && funnel.callDays == 20)
  }

  @Test("every line of the guide's worked example is in this test")
  func guideMatchesTheTest() throws {
    let root = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let guide = try String(
      contentsOf: root.appendingPathComponent("Documentation/BaseGrowth.md"), encoding: .utf8)
    let test = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
    func normalized(_ line: Substring) -> String {
      line.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
    let testLines = Set(test.split(separator: "\n").map(normalized))
    let example = try #require(guide.range(of: "## A worked example"))
    let end = guide.range(of: "\n## ", range: example.upperBound..<guide.endIndex)
    var inCode = false
    var checked = 0
    for line in guide[example.lowerBound..<(end?.lowerBound ?? guide.endIndex)].split(
      separator: "\n", omittingEmptySubsequences: false)
    {
      if line.hasPrefix("```") {
        // Only the Swift blocks are code; the printed output is checked by the other test.
        inCode = !inCode && line.hasPrefix("```swift")
        continue
      }
      let text = normalized(line)
      guard inCode, !text.isEmpty, !text.hasPrefix("//") else { continue }
      let found = testLines.contains(text)
      #expect(found, "not in the test: \(text)")
      checked += 1
    }
    #expect(checked > 30)
  }
}
