import ClientBase
import Foundation
import Testing

@testable import clientbase

/// Fixture files next to this test: the CDNOW summary (Fader, Hardie & Lee 2005) and the
/// donation cohort of Fader, Hardie & Shang (2010), as the Python CLV library ships them.
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .appendingPathComponent("Fixtures")

func fixture(_ name: String) throws -> String {
  try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
}

func jsonObject(_ text: String) throws -> [String: Any] {
  try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

@Suite("clientbase report: retention")
struct RetentionCommandTests {
  @Test("the CDNOW summary reproduces the published fits")
  func cdnow() throws {
    let environment = memoryEnvironment(["cdnow.csv": try fixture("cdnow_summary.csv")])
    let result = runCommand(
      ["report", "--summary", "cdnow.csv", "--format", "json"], environment: environment)
    #expect(result.exitCode == 0, "\(result.error)")
    let object = try jsonObject(result.output)
    let models = try #require(object["models"] as? [String: [String: Any]])
    func value(_ model: String, _ key: String) -> Double {
      (models[model]?[key] as? Double) ?? .nan
    }
    // BG/NBD: r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4 (Fader, Hardie & Lee
    // 2005); Pareto/NBD: r = 0.553, α = 10.578, s = 0.606, β = 11.669, LL = −9595.0 (Fader &
    // Hardie's note); Gamma-Gamma: p = 6.25, q = 3.74, v = 15.44. Published to three digits,
    // so agreement to the last published digit is the test.
    let published: [(String, String, Double, Double)] = [
      ("bgnbd", "r", 0.243, 0.001), ("bgnbd", "alpha", 4.414, 0.002),
      ("bgnbd", "a", 0.793, 0.001), ("bgnbd", "b", 2.426, 0.002),
      ("bgnbd", "logLikelihood", -9582.4, 0.1),
      ("paretonbd", "r", 0.553, 0.001), ("paretonbd", "alpha", 10.578, 0.002),
      ("paretonbd", "s", 0.606, 0.001), ("paretonbd", "beta", 11.669, 0.005),
      ("paretonbd", "logLikelihood", -9595.0, 0.1),
      ("gammagamma", "p", 6.25, 0.01), ("gammagamma", "q", 3.74, 0.01),
      ("gammagamma", "v", 15.44, 0.02),
    ]
    for (model, key, expected, tolerance) in published {
      #expect(
        abs(value(model, key) - expected) <= tolerance, "\(model).\(key) = \(value(model, key))")
    }
    for model in ["bgnbd", "mbgnbd", "paretonbd", "gammagamma"] {
      #expect(models[model]?["converged"] as? Bool == true)
    }
    #expect(object["clients"] as? Double == 2357)
  }

  @Test("discrete summaries fit BG/BB to the published donation figures")
  func donations() throws {
    let environment = memoryEnvironment(["d.csv": try fixture("donations_summary.csv")])
    let result = runCommand(
      ["report", "--summary", "d.csv", "--format", "json"], environment: environment)
    #expect(result.exitCode == 0, "\(result.error)")
    let object = try jsonObject(result.output)
    let bgbb = try #require((object["models"] as? [String: Any])?["bgbb"] as? [String: Double])
    // α = 1.204, β = 0.750, γ = 0.657, δ = 2.783, LL = −33,225.6 (Fader, Hardie & Shang 2010).
    #expect(abs((bgbb["alpha"] ?? 0) - 1.204) < 0.002)
    #expect(abs((bgbb["beta"] ?? 0) - 0.750) < 0.002)
    #expect(abs((bgbb["gamma"] ?? 0) - 0.657) < 0.002)
    #expect(abs((bgbb["delta"] ?? 0) - 2.783) < 0.002)
    #expect(abs((bgbb["logLikelihood"] ?? 0) + 33_225.6) < 0.1)
    #expect(object["clients"] as? Double == 11_104)
  }

  @Test("the at-risk list is the library's: ranked by value at risk, reasons, overdue in --clients")
  func atRiskList() throws {
    final class Box: @unchecked Sendable { var files: [String: [UInt8]] = [:] }
    let written = Box()
    var environment = memoryEnvironment([:])
    environment.writeFile = { path, bytes in written.files[path] = bytes }
    let result = runCommand(
      ["report", "--format", "json", "--clients", "out.csv"], environment: environment)
    #expect(result.exitCode == 0, "\(result.error)")
    let object = try jsonObject(result.output)
    let list = try #require(object["atRisk"] as? [[String: Any]])
    let total = try #require(object["valueAtRisk"] as? [String: Any])
    let count = try #require(total["clients"] as? Int)
    try #require(list.count >= 10)
    #expect(count >= list.count)
    let values = list.compactMap { $0["value"] as? Double }
    #expect(values.count == list.count)
    #expect(zip(values, values.dropFirst()).allSatisfy { $0 >= $1 })
    let sum = try #require(total["total"] as? Double)
    #expect(sum >= values.reduce(0, +) - 0.01 * Double(values.count))
    // The sample's standard rule: late against the client's own rhythm (1.5 gaps or more) and
    // probably gone (P(alive) at most one half).
    let csv = String(decoding: try #require(written.files["out.csv"]), as: UTF8.self)
    var overdueByClient: [String: Double] = [:]
    for line in csv.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      if let overdue = Double(fields[10]) { overdueByClient[String(fields[0])] = overdue }
    }
    #expect(overdueByClient.count > 1_000)
    for entry in list {
      let id = try #require(entry["client_id"] as? String)
      let overdue = try #require(entry["overdue"] as? Double)
      let alive = try #require(entry["pAlive"] as? Double)
      let reason = try #require(entry["reason"] as? String)
      #expect(overdue >= 1.5 && alive <= 0.5, "\(id)")
      #expect(reason.contains("since the last") && reason.contains("P(alive)"), "\(reason)")
      // The JSON prints 15 significant digits, the CSV Swift's shortest exact form.
      let written = try #require(overdueByClient[id])
      #expect(abs(written - overdue) <= 1e-12 * overdue, "\(id)")
    }
  }

  @Test("a calibration split reports holdout totals per model and writes client rows")
  func calibration() throws {
    final class Box: @unchecked Sendable { var files: [String: [UInt8]] = [:] }
    let written = Box()
    var environment = memoryEnvironment([:])
    environment.writeFile = { path, bytes in written.files[path] = bytes }
    let result = runCommand(
      ["report", "--calibration-end", "2026-03-31", "--format", "json", "--clients", "out.csv"],
      environment: environment)
    #expect(result.exitCode == 0, "\(result.error)")
    let object = try jsonObject(result.output)
    let holdout = try #require(object["holdout"] as? [String: Any])
    let actual = try #require(holdout["actual"] as? Int)
    let predicted = try #require(holdout["predicted"] as? [String: Double])
    #expect(actual > 500)
    // The sample follows BG/NBD, so BG/NBD fitted on the calibration period should predict
    // the holdout's total within 10%.
    let bgnbd = try #require(predicted["bgnbd"])
    #expect(abs(bgnbd - Double(actual)) < 0.1 * Double(actual))
    #expect(Set(predicted.keys) == ["bgnbd", "mbgnbd", "paretonbd"])
    let csv = String(decoding: try #require(written.files["out.csv"]), as: UTF8.self)
    let lines = csv.split(separator: "\n")
    #expect(
      lines.first == "client_id,x,t_x,T,p_alive,expected_purchases,clv,abc,rfm,stage,overdue")
    let fields = lines[1].split(separator: ",", omittingEmptySubsequences: false)
    #expect(fields.count == 11)
    #expect(["A", "B", "C"].contains(String(fields[7])))
    #expect(!fields[8].isEmpty)
    // Every row's figures are the BG/NBD fitted on the calibration period (the parameters the
    // JSON prints, to the last digit) applied to that client's own history.
    let parameters = try #require(
      (object["models"] as? [String: Any])?["bgnbd"] as? [String: Any])
    let values = ["r", "alpha", "a", "b"].compactMap { parameters[$0] as? Double }
    try #require(values.count == 4)
    let model = try BGNBDModel(r: values[0], alpha: values[1], a: values[2], b: values[3])
    let retention = try #require(object["retention"] as? [String: Any])
    #expect(retention["model"] as? String == "bgnbd")
    let horizon = try #require(retention["horizon"] as? Double)
    for line in lines.dropFirst() {
      let row = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      let x = try #require(Int(row[1]))
      let (tx, t) = (try #require(Double(row[2])), try #require(Double(row[3])))
      let pAlive = try #require(Double(row[4]))
      let expected = try #require(Double(row[5]))
      #expect(abs(pAlive - model.probabilityAlive(frequency: x, recency: tx, age: t)) <= 1e-12)
      let modelled = model.expectedPurchases(inNext: horizon, frequency: x, recency: tx, age: t)
      #expect(abs(expected - modelled) <= 1e-12 * max(1, modelled), "\(line)")
      #expect(try #require(Double(row[6])) >= 0)
    }
  }

  @Test("bad summaries name the line and column and print nothing")
  func badSummary() {
    let cases: [(String, String)] = [
      ("frequency,recency,T\n1,2,3\n2,x,5\n", "line 3, column 2 (recency)"),
      (
        "frequency,recency,T\n1,5,3\n",
        "s.csv: line 2, column 2 (recency): '5': the recency is greater than T (3)"
      ),
      ("frequency,recency\n1,2\n", "line 1"),
      ("frequency,recency,T\n1.5,2,3\n", "whole number"),
      ("frequency,recency,T\n", "no rows"),
      ("frequency,recency,T\n\"1,2,3\n", "never closed"),
    ]
    for (text, message) in cases {
      let result = runCommand(
        ["report", "--summary", "s.csv"], environment: memoryEnvironment(["s.csv": text]))
      #expect(result.exitCode == 1, "\(text)")
      #expect(result.output.isEmpty)
      #expect(result.error.contains(message), "\(result.error)")
    }
  }

  @Test("a base where nobody buys twice is reported, not crashed on")
  func nobodyRepeats() {
    let csv = "client_id,date,amount\na,2024-01-01,5\nb,2024-02-01,7\n"
    let result = runCommand(
      ["report", "--transactions", "o.csv"], environment: memoryEnvironment(["o.csv": csv]))
    // No model can be fitted: the report says why and leaves the per-client figures empty.
    #expect(result.exitCode == 0, "\(result.error)")
    #expect(
      result.output.contains(
        "  bgnbd: not fitted: the model cannot be fitted to this data: no client made a repeat "
          + "purchase"))
    #expect(result.output.contains("  warning: no purchase model converged"))
    #expect(result.output.contains("  per-client figures: none"))
    // Everything that needs no model is there: the base, the spend and the segments, with
    // both clients in class A (6 and 7 of 12 spent, the top 80% of value needs both).
    for section in ["\nBase\n", "\nSpend\n", "\nSegments\n", "  RFM segments\n"] {
      #expect(result.output.contains(section), "\(section)")
    }
    #expect(result.output.contains("    A  2         100.0%"))
    // The JSON report too, and --clients keeps every client with its segments.
    let written = WrittenFiles()
    let environment = writingEnvironment(["o.csv": csv], into: written)
    let json = runCommand(
      ["report", "--transactions", "o.csv", "--format", "json", "--clients", "c.csv"],
      environment: environment)
    #expect(json.exitCode == 0, "\(json.error)")
    #expect(json.output.contains("\"abc\":{\"A\":2,\"B\":0,\"C\":0}"), "\(json.output)")
    let rows = (written.text("c.csv") ?? "").split(separator: "\n")
    #expect(rows.count == 3)
    #expect(rows.dropFirst().allSatisfy { $0.contains(",A,") })
  }
}
