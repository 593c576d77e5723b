import ClientBase
import Foundation
import Testing

@testable import clientbase

/// `report`'s `growth` section: the characteristic period, the target under each rule with
/// its reason, the forecast with its bands, and with contacts the funnel and calls per day.
@Suite("clientbase report: growth")
struct GrowthCommandTests {
  /// The one-sided 95% normal quantile of the churn-compensating rule's margin.
  static let z95 = 1.6448536269514722

  /// 16 clients buying every 30 days through 2025 (13 purchase days each, a day apart from one
  /// another), and a prospect `p1` called on 2025-12-10 who bought on 2025-12-20 and again on
  /// 2025-12-27. The last purchase, and so the as-of day, is 2026-01-12.
  static let monthly: String = {
    var rows = ["client_id,date,amount"]
    let start = Day(daysSince1970: 20_089)  // 2025-01-01
    for client in 1...16 {
      for month in 0..<13 {
        rows.append("c\(client),\(start.adding(days: 30 * month + client).iso8601),10")
      }
    }
    rows += ["p1,2025-12-20,10", "p1,2025-12-27,12"]
    return rows.joined(separator: "\n") + "\n"
  }()

  /// Eleven calls to ten prospects by two managers: p1 and p2 interested, p3 and p4 reached,
  /// p5 (twice) to p10 not reached; and one contact with the client c1, which is not
  /// acquisition.
  static let contacts = """
    client_id,date,manager,channel,outcome
    p1,2025-12-10,m1,call,interested
    p2,2025-12-11,m1,call,interested
    p3,2025-12-11,m2,call,declined
    p4,2025-12-12,m2,call,reached
    p5,2025-12-12,m2,call,not-reached
    p5,2025-12-15,m2,call,not-reached
    p6,2025-12-15,m1,call,not-reached
    p7,2025-12-15,m1,call,not-reached
    p8,2025-12-16,m1,call,not-reached
    p9,2025-12-16,m1,call,not-reached
    p10,2025-12-16,m2,call,not-reached
    c1,2025-12-01,m1,call,reached

    """

  func growth(_ arguments: [String], _ files: [String: String] = [:]) throws -> [String: Any] {
    let result = runCommand(
      ["report", "--format", "json"] + arguments, environment: memoryEnvironment(files))
    #expect(result.exitCode == 0, "\(result.error)")
    return try #require(try jsonObject(result.output)["growth"] as? [String: Any])
  }

  @Test("the sample's growth JSON has the contract's names, and its figures agree")
  func sampleJSON() throws {
    let result = runCommand(["report", "--format", "json"], environment: memoryEnvironment([:]))
    #expect(result.exitCode == 0, "\(result.error)")
    let object = try jsonObject(result.output)
    let growth = try #require(object["growth"] as? [String: Any])

    // The base is the report's clients; √n is rounded up to whole prospects.
    let base = try #require(growth["base"] as? Int)
    #expect(base == object["clients"] as? Int)
    let days = try #require(growth["characteristicPeriodDays"] as? Double)
    #expect(days > 0)
    let period = try #require(growth["characteristicPeriod"] as? [String: Any])
    #expect(period["days"] as? Double == days)
    #expect(try #require(period["low"] as? Double) <= days)
    #expect(try #require(period["high"] as? Double) >= days)
    let targets = try #require(growth["targets"] as? [String: [String: Any]])
    let sqrtN = try #require(targets["sqrtN"]?["prospectsPerPeriod"] as? Int)
    #expect(sqrtN == Int(Double(base).squareRoot().rounded(.up)))
    #expect((targets["sqrtN"]?["reason"] as? String)?.contains("√") == true)

    // The sample's BG/NBD converges: the churn rule is its expected loss plus 1.645 standard
    // deviations, rounded up.
    let loss = try #require(growth["expectedLoss"] as? [String: Any])
    let lost = try #require(loss["expectedLost"] as? Double)
    let deviation = try #require(loss["standardDeviation"] as? Double)
    let churn = try #require(targets["churnCompensating"])
    let exact = try #require(churn["exactProspects"] as? Double)
    #expect(abs(exact - (lost + Self.z95 * deviation)) < 1e-6)
    #expect(churn["prospectsPerPeriod"] as? Int == Int(exact.rounded(.up)))
    #expect((churn["reason"] as? String)?.contains("BG/NBD fit, converged") == true)

    // Twelve periods of the characteristic period; each band holds the projection, which
    // follows N' = N(1 − p) + a from the clients expected alive now.
    let forecast = try #require(growth["forecast"] as? [[String: Any]])
    #expect(forecast.count == GrowthSection.forecastPeriods)
    let settings = try #require(growth["forecastSettings"] as? [String: Any])
    let start = try #require(settings["start"] as? Int)
    #expect(start == Int(try #require(loss["expectedAlive"] as? Double).rounded()))
    let lossRate = try #require(settings["lossRate"] as? Double)
    let acquisition = try #require(settings["acquisitionPerPeriod"] as? Double)
    var projected = Double(start)
    for (index, entry) in forecast.enumerated() {
      projected = projected * (1 - lossRate) + acquisition
      let expected = try #require(entry["expected"] as? Double)
      let low = try #require(entry["low"] as? Double)
      let high = try #require(entry["high"] as? Double)
      #expect(entry["period"] as? Int == index + 1)
      #expect(abs(try #require(entry["days"] as? Double) - Double(index + 1) * days) < 1e-9)
      #expect(abs(expected - projected) < 1e-6 * projected)
      #expect(low <= expected && expected <= high, "period \(index + 1): \(low)–\(high)")
      #expect(low < high)
    }

    // The funnel: nested stages, rates within 0…1 inside their intervals, and the calls a
    // day the √n target takes at the funnel's conversion.
    let funnel = try #require(growth["funnel"] as? [String: Any])
    let stages = try #require(funnel["stages"] as? [String: Int])
    let counts = FunnelStage.allCases.compactMap { stages[$0.rawValue] }
    #expect(counts.count == 5)
    #expect(zip(counts, counts.dropFirst()).allSatisfy { $0 >= $1 })
    #expect(counts[0] > 0)
    let rates = try #require(funnel["rates"] as? [String: Any])
    for stage in FunnelStage.allCases.dropFirst() {
      guard let rate = rates[stage.rawValue] as? [String: Any], let value = rate["rate"] as? Double
      else { continue }
      let low = try #require(rate["low"] as? Double)
      let high = try #require(rate["high"] as? Double)
      #expect(0 <= low && low <= value && value <= high && high <= 1, "\(stage)")
    }
    let perCall = try #require(
      (funnel["interestedPerCall"] as? [String: Any])?["rate"] as? Double)
    #expect(perCall > 0 && perCall <= 1)
    let managers = try #require(funnel["managers"] as? Int)
    let calls = try #require(funnel["callsPerDay"] as? Double)
    let expectedCalls = Double(sqrtN) / perCall / (days * 5 / 7) / Double(managers)
    #expect(abs(calls - expectedCalls) < 1e-9 * expectedCalls)
  }

  @Test("the text report shows the growth section after retention")
  func sampleText() throws {
    let result = runCommand(["report"], environment: memoryEnvironment([:]))
    #expect(result.exitCode == 0, "\(result.error)")
    let text = result.output
    let retention = try #require(text.range(of: "\nRetention ("))
    let growth = try #require(text.range(of: "\nGrowth ("))
    #expect(retention.upperBound < growth.lowerBound)
    let section = text[growth.lowerBound...]
    for line in [
      "  base                  3,000 clients\n", "  characteristic period ",
      "    sqrtN                 55   55 new prospects every ", "    churnCompensating ",
      "  forecast of the clients still buying, from ", "  funnel ", "  calls: ",
    ] {
      #expect(section.contains(line), "\(line)")
    }
    // Twelve rows of the forecast table, periods 1 to 12.
    let rows = section.split(separator: "\n").filter {
      $0.hasPrefix("     ") && $0.contains("–") && !$0.contains("%")
    }
    #expect(rows.count == 12)
  }

  @Test("the section is the same whatever the thread count, and from run to run")
  func deterministic() throws {
    let options = try ReportOptions(parsing: ["report"])
    let report = try makeReport(options, environment: memoryEnvironment([:]))
    let shown = try #require(report.growth)
    let base = try #require(report.base)
    let input = try loadInput(options, environment: memoryEnvironment([:]))
    let days = try PurchaseDays(input.log, table: base.table, asOf: base.asOf)
    for threads in [1, 3] {
      let again = try GrowthSection(
        table: base.table, days: days, retention: report.retention, host: report.host,
        threadCount: threads)
      #expect(
        JSON.object(again.jsonMembers()).rendered() == JSON.object(shown.jsonMembers()).rendered())
      #expect(again.textLines() == shown.textLines())
    }
  }

  @Test("monthly buyers: a 30-day period, √17 → 5, and the funnel worked by hand")
  func handMadeFunnel() throws {
    let growth = try growth(
      ["--transactions", "t.csv", "--contacts", "c.csv"],
      ["t.csv": Self.monthly, "c.csv": Self.contacts])
    // Gaps: 16 × 12 of 30 days and p1's one of 7: the median is 30.
    #expect(growth["characteristicPeriodDays"] as? Double == 30)
    #expect(growth["base"] as? Int == 17)
    let targets = try #require(growth["targets"] as? [String: [String: Any]])
    #expect(targets["sqrtN"]?["prospectsPerPeriod"] as? Int == 5)
    // Clockwork buyers give no model anything to identify drop-out with: no converged model,
    // so the churn rule has no figure and says why, and there is no forecast.
    #expect(targets["churnCompensating"]?["prospectsPerPeriod"] is NSNull)
    #expect(
      (targets["churnCompensating"]?["reason"] as? String)?.contains("no purchase model") == true)
    #expect((growth["forecast"] as? [Any])?.isEmpty == true)

    // 10 prospects, 4 reached, 2 interested, p1 bought after its call and bought again; 11
    // calls on 5 days; c1's contact is relationship work.
    let funnel = try #require(growth["funnel"] as? [String: Any])
    #expect(funnel["from"] as? String == "2025-07-17")  // 180 days to 2026-01-12
    #expect(funnel["calls"] as? Int == 11)
    #expect(funnel["callDays"] as? Int == 5)
    #expect(funnel["clientContacts"] as? Int == 1)
    let stages = try #require(funnel["stages"] as? [String: Int])
    #expect(
      stages == [
        "contacted": 10, "reached": 4, "interested": 2, "firstPurchase": 1, "repeatPurchase": 1,
      ])
    let rates = try #require(funnel["rates"] as? [String: [String: Any]])
    #expect(rates["reached"]?["rate"] as? Double == 0.4)
    #expect(rates["interested"]?["rate"] as? Double == 0.5)
    #expect(rates["firstPurchase"]?["rate"] as? Double == 0.5)
    #expect(rates["repeatPurchase"]?["rate"] as? Double == 1)
    // 5 prospects a period at 2 interested in 11 calls, over 30 × 5/7 working days, shared by
    // m1 and m2: 5 · 11/2 · 7/150 / 2 = 0.641666… calls a working day each.
    #expect(funnel["managers"] as? Int == 2)
    let calls = try #require(funnel["callsPerDay"] as? Double)
    #expect(abs(calls - 5.0 * 11 / 2 * 7 / 150 / 2) < 1e-12)
  }

  @Test("no interest found: no calls-a-day figure, and the reason says why")
  func zeroConversion() throws {
    let cold = Self.contacts.replacingOccurrences(of: "interested", with: "declined")
      .replacingOccurrences(of: "p1,", with: "p0,")
    let growth = try growth(
      ["--transactions", "t.csv", "--contacts", "c.csv"], ["t.csv": Self.monthly, "c.csv": cold])
    let funnel = try #require(growth["funnel"] as? [String: Any])
    #expect((funnel["stages"] as? [String: Int])?["interested"] == 0)
    #expect(funnel["callsPerDay"] is NSNull)
    #expect(
      (funnel["capacity"] as? String)?.contains("no call has found an interested prospect")
        == true)
  }

  @Test("without contacts there is no funnel; without gaps no period, and the reason")
  func absentParts() throws {
    let noContacts = try growth(["--transactions", "t.csv"], ["t.csv": Self.monthly])
    #expect(noContacts["funnel"] == nil)
    #expect(noContacts["characteristicPeriodDays"] as? Double == 30)

    let once = "client_id,date,amount\na,2025-01-03,5\nb,2025-02-04,6\nc,2025-03-05,7\n"
    let growth = try growth(["--transactions", "once.csv"], ["once.csv": once])
    #expect(growth["base"] as? Int == 3)
    #expect(growth["characteristicPeriodDays"] is NSNull)
    #expect((growth["reason"] as? String)?.contains("none of the 3 clients has two") == true)
    #expect((growth["targets"] as? [String: Any])?.isEmpty == true)
    #expect((growth["forecast"] as? [Any])?.isEmpty == true)
    let text = runCommand(
      ["report", "--transactions", "once.csv"], environment: memoryEnvironment(["once.csv": once]))
    #expect(text.output.contains("\nGrowth (new prospects needed to outgrow the silent loss)\n"))
    #expect(text.output.contains("  no characteristic period: no gap between purchase days"))
  }

  @Test("a summary file has no purchase days: no growth section")
  func summaryInput() throws {
    let summary = "frequency,recency,T\n2,30.5,38.9\n1,1.7,38.9\n0,0,38.9\n"
    let environment = memoryEnvironment(["s.csv": summary])
    let json = runCommand(
      ["report", "--summary", "s.csv", "--format", "json"], environment: environment)
    #expect(json.exitCode == 0, "\(json.error)")
    #expect(try jsonObject(json.output)["growth"] == nil)
    let text = runCommand(["report", "--summary", "s.csv"], environment: environment)
    #expect(!text.output.contains("Growth ("))
  }
}
