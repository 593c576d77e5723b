import Foundation
import Testing

@testable import clientbase

/// `clientbase report` on hostile values: weights that overflow, a frequency of 10⁹, days far
/// outside any business's records; money printed without float noise; lifetime value as the
/// command line asks for it.
@Suite("clientbase report: bounded work, money and lifetime value")
struct BoundsCommandTests {
  @Test("summary weights whose sum overflows are a data error, not a trap or NaN parameters")
  func overflowingWeights() throws {
    let summary = "frequency,recency,T,weight\n3,5,10,1e308\n2,3,8,1e308\n1,1,9,1\n"
    for format in ["text", "json"] {
      let result = runCommand(
        ["report", "--summary", "w.csv", "--format", format],
        environment: memoryEnvironment(["w.csv": summary]))
      #expect(result.exitCode == 1)
      #expect(result.output.isEmpty)
      #expect(result.error.contains("add up to"), "\(result.error)")
    }
    // Large weights that do add up are fine, and the count of clients prints as a number (so
    // few distinct rows identify no model: the report says so instead of trapping).
    let large = "frequency,recency,T,weight\n3,5,10,1e12\n2,3,8,1e12\n0,0,9,2e12\n1,1,9,0.5\n"
    let text = runCommand(
      ["report", "--summary", "w.csv"], environment: memoryEnvironment(["w.csv": large]))
    #expect(text.exitCode == 0, "\(text.error)")
    #expect(text.output.contains("per-client figures: none"), "\(text.output)")
    let json = runCommand(
      ["report", "--summary", "w.csv", "--format", "json"],
      environment: memoryEnvironment(["w.csv": large]))
    #expect(json.exitCode == 0, "\(json.error)")
    #expect(try jsonObject(json.output)["clients"] as? Double == 4_000_000_000_000.5)
  }

  @Test("a frequency of 10⁹ in one summary row is fitted and scored like any other")
  func hugeFrequency() throws {
    let summary =
      "frequency,recency,T,monetary_value\n3,5,10,20\n2,3,8,30\n1000000000,9,9,25\n"
      + "0,0,9,0\n1,2,9,12\n"
    let result = runCommand(
      ["report", "--summary", "f.csv", "--format", "json"],
      environment: memoryEnvironment(["f.csv": summary]))
    #expect(result.exitCode == 0, "\(result.error)")
    let object = try jsonObject(result.output)
    let models = try #require(object["models"] as? [String: [String: Any]])
    for key in ["bgnbd", "mbgnbd", "paretonbd", "gammagamma"] {
      #expect(models[key] != nil, "\(key)")
    }
  }

  @Test(
    "days outside 1900–9999 are refused by name on the command line",
    arguments: [
      ["--as-of", "+1000000-01-01"], ["--as-of", "1899-12-31"],
      ["--calibration-end", "1000-06-30"], ["--calibration-end", "+20000-01-01"],
    ])
  func daysOutsideTheSupportedRange(arguments: [String]) throws {
    let result = runCommand(["report"] + arguments, environment: memoryEnvironment([:]))
    #expect(result.exitCode == 2)
    #expect(result.output.isEmpty)
    #expect(result.error.contains("\(arguments[0]): "), "\(result.error)")
    #expect(result.error.contains("outside the supported days 1900-01-01...9999-12-31"))
  }

  @Test("money totals are compensated sums, printed rounded to cents in text and JSON")
  func moneyWithoutFloatNoise() throws {
    // Ten purchases of 0.10: a plain sum is 0.9999999999999999; 0.10 + 0.20 is
    // 0.30000000000000004 even when summed exactly.
    var csv = "client_id,date,amount\n"
    for day in 1...10 { csv += "a,2024-01-\(day < 10 ? "0" : "")\(day),0.10\n" }
    csv += "b,2024-01-03,0.10\nb,2024-01-05,0.20\n"
    let environment = memoryEnvironment(["t.csv": csv])
    let json = runCommand(
      ["report", "--transactions", "t.csv", "--format", "json"], environment: environment)
    #expect(json.exitCode == 0, "\(json.error)")
    #expect(json.output.contains("\"gross\":1.3,"), "\(json.output.prefix(600))")
    #expect(json.output.contains("\"net\":1.3,"))
    let object = try jsonObject(json.output)
    let spend = try #require(object["spend"] as? [String: Any])
    let perClient = try #require(spend["perClient"] as? [String: Double])
    #expect(perClient["max"] == 1.0)
    #expect(perClient["mean"] == 0.65)
    let text = runCommand(["report", "--transactions", "t.csv"], environment: environment)
    #expect(text.output.contains("  gross                 1.30\n"))
    // The sum itself, on a case where plain summation drifts.
    #expect(compensatedSum([Double](repeating: 0.1, count: 10)) == 1)
    #expect([Double](repeating: 0.1, count: 10).reduce(0, +) != 1)
    #expect(compensatedSum([1e16, 1, -1e16]) == 1)
  }

  @Test("--discount-rate and --clv-months set lifetime value, and the report prints them")
  func lifetimeValueSettings() throws {
    func report(_ extra: [String]) throws -> (value: Double, settings: [String: Double]) {
      let result = runCommand(
        ["report", "--format", "json"] + extra, environment: memoryEnvironment([:]))
      #expect(result.exitCode == 0, "\(result.error)")
      let retention = try #require(try jsonObject(result.output)["retention"] as? [String: Any])
      return (
        try #require(retention["lifetimeValue"] as? Double),
        try #require(retention["lifetimeValueSettings"] as? [String: Double])
      )
    }
    let standard = try report([])
    #expect(standard.settings["months"] == 12)
    #expect(standard.settings["discountRatePerMonth"] == 0.01)
    #expect(standard.settings["daysPerMonth"] == 30.4375)
    let longer = try report(["--clv-months", "24"])
    #expect(longer.settings["months"] == 24)
    #expect(longer.value > standard.value)
    let undiscounted = try report(["--discount-rate", "0"])
    #expect(undiscounted.settings["discountRatePerMonth"] == 0)
    #expect(undiscounted.value > standard.value)
    let text = runCommand(
      ["report", "--clv-months=6", "--discount-rate=0.02"], environment: memoryEnvironment([:]))
    #expect(text.output.contains("over 6 months"))
    #expect(text.output.contains("discounted 2% a month, a month of 30.4375 days"))
    for bad in [
      ["--discount-rate", "-1"], ["--discount-rate", "nan"], ["--discount-rate", "2"],
      ["--clv-months", "0"], ["--clv-months", "1.5"], ["--clv-months", "5000"],
    ] {
      let result = runCommand(["report"] + bad, environment: memoryEnvironment([:]))
      #expect(result.exitCode == 2, "\(bad)")
      #expect(result.error.contains(bad[0]), "\(bad)")
    }
  }
}
