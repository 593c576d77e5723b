import Foundation
import Testing

@testable import clientbase

/// An environment whose files live in a dictionary.
func memoryEnvironment(_ files: [String: String]) -> CommandEnvironment {
  CommandEnvironment(
    readFile: { path in
      guard let text = files[path] else { throw CommandError.unreadableFile(path) }
      return Array(text.utf8)
    },
    writeFile: { path, _ in throw CommandError.unwritableFile(path) })
}

@Suite("clientbase report")
struct ClientBaseCommandTests {
  @Test("with no input it analyses the embedded sample")
  func embeddedSample() throws {
    let result = runCommand(["report"], environment: memoryEnvironment([:]))
    #expect(result.exitCode == 0)
    #expect(result.error.isEmpty)
    #expect(result.output.contains("embedded sample (3,000 clients, seed 2026)"))
    #expect(result.output.contains("clients               3,000"))
    #expect(result.output.contains("as of 2026-10-31, times in weeks"))
    // Same seed, same report.
    #expect(runCommand(["report"], environment: memoryEnvironment([:])) == result)
  }

  @Test("JSON output is one valid object with the figures")
  func json() throws {
    let result = runCommand(["report", "--format", "json"], environment: memoryEnvironment([:]))
    #expect(result.exitCode == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    #expect(object["clients"] as? Int == 3_000)
    #expect(object["asOf"] as? String == "2026-10-31")
    #expect(object["unit"] as? String == "week")
    let spend = try #require(object["spend"] as? [String: Any])
    #expect((spend["gross"] as? Double ?? 0) > 0)
  }

  @Test("a CSV export is analysed, extra columns ignored, as-of honoured")
  func csv() throws {
    let csv = """
      client_id,date,amount,note
      a,2024-01-01,10,first
      a,2024-01-01,5,same day
      "b",2024-01-03,20,"quoted, with comma"
      a,2024-02-01,7,
      b,2024-03-01,-4,refund
      c,2024-06-01,100,after the as-of day

      """
    let environment = memoryEnvironment(["export.csv": csv])
    let result = runCommand(
      [
        "report", "--transactions", "export.csv", "--as-of", "2024-03-31", "--unit", "day",
        "--format", "json",
      ],
      environment: environment)
    #expect(result.error == "")
    #expect(result.exitCode == 0)
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    #expect(object["clients"] as? Int == 2)  // c bought after the as-of day
    #expect(object["events"] as? Int == 6)
    #expect(object["eventsAfterAsOf"] as? Int == 1)
    #expect(object["purchaseDays"] as? Int == 3)  // a: 2 days, b: 1 day
    let spend = try #require(object["spend"] as? [String: Any])
    #expect(spend["gross"] as? Double == 42)
    #expect(spend["refunded"] as? Double == 4)
    // The last day in the file is the default as-of day.
    let text = runCommand(["report", "--transactions", "export.csv"], environment: environment)
    #expect(text.output.contains("as of 2024-06-01"))
  }

  @Test("a bad row names its line and column, exits non-zero and prints nothing")
  func badRow() {
    let csv = "client_id,date,amount\na,2024-01-01,10\nb,2024-02-30,5\n"
    let result = runCommand(
      ["report", "--transactions", "bad.csv"], environment: memoryEnvironment(["bad.csv": csv]))
    #expect(result.exitCode == 1)
    #expect(result.output.isEmpty)
    #expect(result.error.contains("bad.csv"))
    #expect(result.error.contains("line 3"))
    #expect(result.error.contains("date"))
  }

  @Test(
    "usage errors exit with 2 and print the usage",
    arguments: [
      ["report", "--unit", "month"], ["report", "--format", "xml"], ["report", "--as-of"],
      ["report", "--as-of", "2024-02-30"], ["report", "--bogus"], ["frobnicate"], [],
      ["report", "--model", "weibull"], ["report", "--horizon", "-3"],
    ])
  func usageErrors(arguments: [String]) {
    let result = runCommand(arguments, environment: memoryEnvironment([:]))
    #expect(result.exitCode == 2)
    #expect(result.output.isEmpty)
    #expect(result.error.contains("usage: clientbase report"))
  }

  @Test("missing and empty files are reported, not crashed on")
  func missingFiles() {
    let missing = runCommand(
      ["report", "--transactions", "nope.csv"], environment: memoryEnvironment([:]))
    #expect(missing.exitCode == 1)
    #expect(missing.error.contains("cannot read nope.csv"))
    let headerOnly = runCommand(
      ["report", "--transactions=h.csv"],
      environment: memoryEnvironment(["h.csv": "client_id,date,amount\n"]))
    #expect(headerOnly.exitCode == 1)
    #expect(headerOnly.error.contains("no purchases"))
    let empty = runCommand(
      ["report", "--transactions", "e.csv"], environment: memoryEnvironment(["e.csv": ""]))
    #expect(empty.exitCode == 1)
    #expect(empty.output.isEmpty)
  }

  @Test("help prints the usage")
  func help() {
    let result = runCommand(["--help"], environment: memoryEnvironment([:]))
    #expect(result.exitCode == 0)
    #expect(result.output.contains("--transactions"))
  }

  @Test("statistics helpers")
  func statistics() {
    #expect(quantile([1, 2, 3, 4], 0.5) == 2.5)
    #expect(quantile([5], 0.9) == 5)
    #expect(topShare(sorted: [1, 1, 1, 97], fraction: 0.05) == 0.97)
    #expect(JSON.quote("a\"b\\\n\u{01}") == #""a\"b\\\n\u0001""#)
    #expect(JSON.number(.nan).rendered() == "null")
  }
}
