import Foundation
import Testing

@testable import clientbase

@Suite("clientbase report: segments")
struct SegmentsCommandTests {
  final class Files: @unchecked Sendable { var written: [String: [UInt8]] = [:] }

  /// A hand-made export: five clients, the as-of day 2024-12-31.
  ///
  /// Net spend over the twelve months to the as-of day: a 700, b 200, c 60, d 30, e 10
  /// (total 1,000; e's 2023 purchase falls outside the window). Ranked by value, a alone
  /// makes 70% (< 80%), a + b make 90%, so the A class ends within b: A = {a, b}. B takes the
  /// next 15%, up to 95%: c brings the cumulative share to 96%, so B = {c}; C = {d, e}.
  static let export = """
    client_id,date,amount
    a,2024-01-15,300
    a,2024-06-15,400
    b,2024-03-10,200
    c,2024-11-20,60
    d,2024-05-05,30
    e,2023-01-01,500
    e,2024-02-02,10

    """

  @Test("ABC, XYZ and RFM counts appear in the JSON report and in the client file")
  func countsAndColumns() throws {
    let files = Files()
    var environment = memoryEnvironment(["export.csv": Self.export])
    environment.writeFile = { path, bytes in files.written[path] = bytes }
    let result = runCommand(
      [
        "report", "--transactions", "export.csv", "--as-of", "2024-12-31", "--unit", "day",
        "--format", "json", "--clients", "out.csv",
      ],
      environment: environment)
    #expect(result.exitCode == 0, "\(result.error)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    let segments = try #require(object["segments"] as? [String: Any])
    #expect(segments["abc"] as? [String: Int] == ["A": 2, "B": 1, "C": 2])
    let value = try #require(segments["abcValue"] as? [String: Double])
    #expect(value["A"] == 900)
    #expect(value["B"] == 60)
    #expect(value["C"] == 40)
    // Every client lands in exactly one XYZ column and one RFM segment.
    let xyz = try #require(segments["xyz"] as? [String: Int])
    #expect(xyz.values.reduce(0, +) == 5)
    let rfm = try #require(segments["rfm"] as? [String: Int])
    #expect(rfm.values.reduce(0, +) == 5)
    let csv = String(decoding: try #require(files.written["out.csv"]), as: UTF8.self)
    let rows = csv.split(separator: "\n").dropFirst().map {
      $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }
    let abcOf = Dictionary(uniqueKeysWithValues: rows.map { ($0[0], $0[7]) })
    #expect(abcOf == ["a": "A", "b": "A", "c": "B", "d": "C", "e": "C"])
    #expect(rows.allSatisfy { !$0[8].isEmpty })
  }

  @Test("a previous run's client file gives the ABC movements since")
  func reclassification() throws {
    // The previous run had a in B, b in A, d in A, a client f who has gone, and no c or e.
    let previous = """
      client_id,x,t_x,T,p_alive,expected_purchases,clv,abc,rfm
      a,0,0,0,1,0,,B,New
      b,0,0,0,1,0,,A,New
      d,0,0,0,1,0,,A,New
      f,0,0,0,1,0,,C,Lost

      """
    let environment = memoryEnvironment(["export.csv": Self.export, "previous.csv": previous])
    let result = runCommand(
      [
        "report", "--transactions", "export.csv", "--as-of", "2024-12-31", "--format", "json",
        "--previous", "previous.csv",
      ],
      environment: environment)
    #expect(result.exitCode == 0, "\(result.error)")
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any])
    let segments = try #require(object["segments"] as? [String: Any])
    // Now a: A (up from B), b: A (stable), d: C (down from A), c and e new, f gone.
    #expect(
      segments["abcMovements"] as? [String: Int] == [
        "upgrades": 1, "downgrades": 1, "stable": 1, "entries": 2, "exits": 1,
      ])
    let text = runCommand(
      [
        "report", "--transactions", "export.csv", "--as-of", "2024-12-31", "--previous",
        "previous.csv",
      ],
      environment: environment)
    #expect(text.output.contains("upgrades 1, downgrades 1, stable 1, new 2, gone 1"))
  }

  @Test("a bad previous file names its line, exits 1 and prints nothing")
  func badPrevious() {
    let cases: [(String, String)] = [
      ("client_id,abc\na,A\nb,Q\n", "p.csv: line 3, column 2 (abc): 'Q': not A, B or C"),
      (
        "client_id,abc\na,A\na,B\n",
        "p.csv: line 3, column 1 (client_id): 'a': the client appears more than once "
          + "(first on line 2)"
      ),
      // The same rules as every CSV input: field counts, ids, duplicated columns.
      ("client_id,abc\na,A,x\n", "p.csv: line 2, column 3: the row has more fields"),
      ("client_id,abc\na\n", "p.csv: line 2, column 2: the row has 1 field, the header has 2"),
      ("client_id,abc\n\"a\u{0}\",A\n", "p.csv: line 2, column 1 (client_id)"),
      ("client_id,abc,abc\na,A,B\n", "p.csv: line 1: the header names column 'abc' more"),
      ("client_id,rfm\na,Lost\n", "needs client_id and abc columns"),
    ]
    for (text, message) in cases {
      let environment = memoryEnvironment(["export.csv": Self.export, "p.csv": text])
      let result = runCommand(
        ["report", "--transactions", "export.csv", "--previous", "p.csv"],
        environment: environment)
      #expect(result.exitCode == 1)
      #expect(result.output.isEmpty)
      #expect(result.error.contains(message), "\(result.error)")
    }
    let summary = runCommand(
      ["report", "--summary", "s.csv", "--previous", "p.csv"], environment: memoryEnvironment([:]))
    #expect(summary.exitCode == 2)
  }
}
