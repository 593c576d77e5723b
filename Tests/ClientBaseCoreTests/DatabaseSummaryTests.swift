import ClientBaseCore
import Foundation
import Testing

/// The Architecture guide's `GROUP BY` query must compute what the Summarizer computes. This
/// runs the very query from the guide with the real `sqlite3` command on a seeded export.
@Suite("Per-client summary in SQL")
struct DatabaseSummaryTests {
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The first ```sql block of Documentation/Architecture.md.
  static func guideQuery() throws -> String {
    let guide = try String(
      contentsOf: packageRoot.appendingPathComponent("Documentation/Architecture.md"),
      encoding: .utf8)
    let start = try #require(guide.range(of: "```sql\n"))
    let end = try #require(guide.range(of: "```", range: start.upperBound..<guide.endIndex))
    return String(guide[start.upperBound..<end.lowerBound])
  }

  static func sqlite3() -> String? {
    for path in ["/usr/bin/sqlite3", "/usr/local/bin/sqlite3", "/opt/homebrew/bin/sqlite3"]
    where FileManager.default.isExecutableFile(atPath: path) {
      return path
    }
    return nil
  }

  @Test("the guide's query matches the Summarizer on a seeded export")
  func sqlMatchesSummarizer() throws {
    // CI installs sqlite3 (.ci/run); a missing tool fails here rather than skipping silently.
    let sqlite = try #require(Self.sqlite3(), "sqlite3 is not installed: apt-get install sqlite3")
    var rng = SplitMix(seed: 2026)
    var purchases: [Purchase<String>] = []
    for _ in 0..<4000 {
      let client = "c\(rng.below(300))"
      let day = Day(daysSince1970: 19_500 + Int32(rng.below(400)))
      let cents = rng.below(50_000) + 1
      let amount = Double(cents) / 100 * (rng.below(12) == 0 ? -1 : 1)
      purchases.append(Purchase(client: client, day: day, amount: amount))
    }
    let asOf = Day(daysSince1970: 19_850)  // some purchases fall after it
    // Two clients whose mean repeat spend the gross spend minus the first day's would lose to
    // cancellation: 1e16 + 1 − 1e16 is 0, and 12,345,678.98 − 12,345,678.91 is 0.0700000003.
    let cancellation: [(client: String, first: Double, repeat: Double)] = [
      ("big", 1e16, 1), ("cents", 12_345_678.91, 0.07),
    ]
    for (client, first, repeatAmount) in cancellation {
      purchases.append(Purchase(client: client, day: Day(daysSince1970: 19_600), amount: first))
      purchases.append(
        Purchase(client: client, day: Day(daysSince1970: 19_700), amount: repeatAmount))
    }

    let directory = FileManager.default.temporaryDirectory
      .appendingPathComponent("clientbase-sql-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    var csv = "client_id,day,amount\n"
    for p in purchases { csv += "\(p.client),\(p.day),\(String(format: "%.2f", p.amount))\n" }
    try csv.write(
      to: directory.appendingPathComponent("purchases.csv"), atomically: true, encoding: .utf8)
    let script = """
      CREATE TABLE purchases(client_id TEXT, day TEXT, amount REAL);
      .mode csv
      .import --skip 1 \(directory.appendingPathComponent("purchases.csv").path) purchases
      .parameter set :as_of "'\(asOf)'"
      .headers off
      \(try Self.guideQuery())
      """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: sqlite)
    process.arguments = [":memory:"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    try process.run()
    input.fileHandleForWriting.write(Data(script.utf8))
    try input.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)

    let table = try Summarizer().summarize(purchases, through: asOf)
    let inputs = try table.repeatPurchaseSummary(asOf: asOf, unit: .day)
    let rows = String(decoding: data, as: UTF8.self).split(separator: "\n")
    #expect(rows.count == table.count)
    #expect(table.count > 250)
    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * max(1, abs(b)) }
    for line in rows {
      let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      try #require(f.count == 12)
      let row = try #require(table.row(for: f[0]))
      let s = table[row]
      #expect(f[1] == s.first?.iso8601)
      #expect(f[2] == s.last?.iso8601)
      #expect(Int(f[3]) == s.purchaseDays)
      #expect(close(Double(f[4]) ?? .nan, s.grossSpend))
      #expect(close(Double(f[5]) ?? .nan, s.refunded))
      #expect(close(Double(f[6]) ?? .nan, s.firstDaySpend))
      #expect(close(Double(f[7]) ?? .nan, s.repeatSpend))
      #expect(Int32(f[8]) == inputs.frequency[row])
      #expect(Int32(f[9]) == inputs.recencyDays[row])
      #expect(Int32(f[10]) == inputs.ageDays[row])
      #expect(close(Double(f[11]) ?? .nan, inputs.monetaryValue[row]))
      // The row builds the library's summary, spend split as the query splits it.
      let rebuilt = try ClientSummary(
        first: Day(iso8601: f[1]), last: Day(iso8601: f[2]), purchaseDays: Int(f[3]) ?? 0,
        firstDaySpend: Double(f[6]) ?? .nan, repeatSpend: Double(f[7]) ?? .nan,
        refunded: Double(f[5]) ?? .nan)
      #expect(close(rebuilt.meanRepeatSpend, s.meanRepeatSpend))
      if let special = cancellation.first(where: { $0.client == f[0] }) {
        // Exactly the repeat purchase, in the database and in the library.
        #expect(Double(f[11]) == special.repeat)
        #expect(inputs.monetaryValue[row] == special.repeat)
      }
    }
  }
}
