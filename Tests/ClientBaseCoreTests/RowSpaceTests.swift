import ClientBaseCore
import Testing

/// A hand-made whole-base result over any row space: an integer per client.
private struct Tally: ClassifiedResult {
  var clients: ClientIndex<String>
  var values: [Int]

  subscript(row: Int) -> Int { values[row] }
  func reason(forRow row: Int) -> String { "value \(values[row])" }
  var scale: [String] { ["low", "high"] }
  func label(forRow row: Int) -> String? {
    values[row] < 0 ? nil : (values[row] >= 10 ? "high" : "low")
  }
}

@Suite("Row spaces: client indexes, alignments, joins")
struct RowSpaceTests {
  @Test("row(for:) agrees with a linear scan on seeded indexes of every size")
  func lookUpAgreesWithScan() throws {
    var random = SplitMix(seed: 11)
    for size in [0, 1, 2, 7, 100, 5_000] {
      var seen = Set<String>()
      var ids: [String] = []
      while ids.count < size {
        let id = "c\(random.below(size * 4 + 1))"
        if seen.insert(id).inserted { ids.append(id) }
      }
      let index = try ClientIndex(ids)
      #expect(index.count == size)
      for probe in 0..<(size * 4 + 2) {
        let id = "c\(probe)"
        #expect(index.row(for: id) == ids.firstIndex(of: id))
      }
      #expect(Array(index) == ids)
    }
  }

  @Test("a subset of rows is a row space of those clients, in the order given, each once")
  func subsets() throws {
    let index = try ClientIndex(["a", "b", "c", "d"])
    let subset = index.subset(rows: [3, 1, 3, -1, 9, 0])
    #expect(Array(subset) == ["d", "b", "a"])
    #expect(subset.row(for: "a") == 2 && subset.row(for: "c") == nil)
    #expect(index.subset(rows: []).isEmpty)
  }

  @Test("a repeated identifier is a typed error naming it")
  func duplicatesAreRejected() {
    #expect(throws: InputError.duplicateClient("b")) { try ClientIndex(["a", "b", "c", "b"]) }
    #expect(throws: Never.self) { try ClientIndex([Int]()) }
  }

  @Test("a table keeps its log's index: look-ups and alignments both ways match a scan")
  func tableAndLogRowSpaces() throws {
    var log = PurchaseLog<String>()
    let day = Day(daysSince1970: 20_000)
    var random = SplitMix(seed: 3)
    for event in 0..<3_000 {
      let client = "c\(random.below(800))"
      // Every seventh client only ever refunds, so it is in the log but not in the table.
      let amount = client.hasSuffix("7") ? -5.0 : Double(event % 40 + 1)
      log.append(client: client, day: day.adding(days: random.below(300)), amount: amount)
    }
    let table = try Summarizer().summarize(log)
    #expect(table.count < log.clientIDs.count)
    for id in log.clientIDs {
      #expect(table.row(for: id) == table.ids.firstIndex(of: id))
      #expect(log.clients.row(for: id) == log.clientIDs.firstIndex(of: id))
    }
    let tableInLog = table.clients.alignment(to: log.clients)
    let logInTable = log.clients.alignment(to: table.clients)
    #expect(!tableInLog.isIdentity && logInTable.isComplete)
    #expect(tableInLog.matchedCount == table.count)
    for row in 0..<log.clientIDs.count {
      #expect(tableInLog.sourceRow(forRow: row) == table.ids.firstIndex(of: log.clientIDs[row]))
    }
    for row in 0..<table.count {
      #expect(logInTable.sourceRow(forRow: row) == log.clientIDs.firstIndex(of: table.ids[row]))
    }
    // The same alignments through an index rebuilt from the identifiers (the hashing path).
    let rebuiltTable = try ClientIndex(table.ids)
    #expect(rebuiltTable.alignment(to: log.clients) == tableInLog)
    #expect(try ClientIndex(log.clientIDs).alignment(to: table.clients) == logInTable)
  }

  @Test("an alignment reads a column in the target's order")
  func gatheringColumns() throws {
    let source = try ClientIndex(["a", "b", "c"])
    let target = try ClientIndex(["c", "x", "a"])
    let alignment = source.alignment(to: target)
    #expect(alignment.count == 3 && alignment.sourceCount == 3 && alignment.matchedCount == 2)
    #expect(alignment.gathered(ContiguousArray([1.0, 2, 3]), missing: -1) == [3, -1, 1])
    #expect(alignment.gathered(["A", "B", "C"], missing: "?") == ["C", "?", "A"])
    // A column shorter than the source is read as far as it goes, never past its end.
    #expect(alignment.gathered(ContiguousArray([1.0, 2]), missing: -1) == [-1, -1, 1])
    #expect(alignment.gathered([String](), missing: "?") == ["?", "?", "?"])
    let same = source.alignment(to: try ClientIndex(["a", "b", "c"]))
    #expect(same.gathered([7, 8], missing: 0) == [7, 8, 0])
    #expect(same.isIdentity && same.isComplete)
    #expect(same.sourceRow(forRow: 2) == 2)
  }

  @Test("counts list every label of the scale in order, zero when empty, and the unlabeled")
  func countsFollowTheScale() throws {
    let tally = Tally(clients: try ClientIndex(["a", "b", "c", "d"]), values: [12, 3, -1, 40])
    let counts = tally.counts
    #expect(counts.labels == ["low", "high"])
    #expect(counts["high"] == 2 && counts["low"] == 1 && counts["none"] == 0)
    #expect(counts.unlabeled == 1 && counts.total == 4)
    let empty = Tally(clients: ClientIndex(), values: []).counts
    #expect(empty.entries == [.init(label: "low", count: 0), .init(label: "high", count: 0)])
    // A label listed twice adds up under its first place.
    let merged = LabelCounts(scale: ["x", "y", "x"], counts: [1, 2, 3])
    #expect(merged.labels == ["x", "y"] && merged["x"] == 4)
    // A label off the scale is still counted, after the scale.
    let off = LabelCounts(scale: ["x"], labels: ["y", "x", nil, "y"])
    #expect(off.labels == ["x", "y"] && off["y"] == 2 && off.unlabeled == 1)
  }

  @Test("snapshots hold the labelled clients; look-ups by client are O(1) and nil when absent")
  func snapshotsAndLookUps() throws {
    let tally = Tally(clients: try ClientIndex(["a", "b", "c"]), values: [12, 3, -1])
    let snapshot = tally.snapshot(on: .epoch)
    #expect(snapshot.labels == ["a": "high", "b": "low"])
    #expect(tally[client: "b"] == 3 && tally[client: "z"] == nil)
    #expect(tally.label(for: "a") == "high" && tally.label(for: "c") == nil)
    #expect(tally.reason(for: "c") == "value -1" && tally.reason(for: "z") == nil)
  }

  @Test("a join reads several results over different clients in one row space")
  func joiningResults() throws {
    let base = try ClientIndex(["a", "b", "c"])
    let first = Tally(clients: try ClientIndex(["c", "a"]), values: [30, 10])
    let table = try ClientTable([
      (
        "b",
        ClientSummary(first: .epoch, last: .epoch, purchaseDays: 1, grossSpend: 5, firstDaySpend: 5)
      )
    ])
    let view = base.joined(first, table)
    let (a, aSummary) = view[0]
    #expect(a == 10 && aSummary == nil)
    let (b, bSummary) = view[1]
    #expect(b == nil && bSummary?.grossSpend == 5)
    #expect(view[client: "c"].map { $0.0 } == 30)
    #expect(view.reasons(forRow: 1) == [nil, "1 purchase day on 1970-01-01, net spend 5.00"])
    #expect(view.reason(forRow: 0) == "value 10")
    let aligned = first.aligned(to: base)
    #expect(aligned[1] == nil && aligned[2] == 30)
    // An aligned classified result counts in the new row space: "b" has no label there.
    #expect(aligned.counts["high"] == 2 && aligned.counts.unlabeled == 1)
    #expect(aligned.snapshot(on: .epoch).labels == ["a": "high", "c": "high"])
    #expect(aligned.reasons(forRows: [2, 1, 0]) == ["value 30", "not in this result", "value 10"])
  }

  @Test(
    "numbers print grouped, with one minus sign and fixed decimals",
    arguments: [
      (NumberText.grouped(0), "0"), (NumberText.grouped(-1_234_567), "-1,234,567"),
      (NumberText.grouped(999), "999"), (NumberText.grouped(1_000), "1,000"),
      (NumberText.decimal(1234.5), "1,234.50"), (NumberText.decimal(-0.004), "0.00"),
      (NumberText.decimal(-512_300.4, places: 0), "-512,300"),
      (NumberText.decimal(0.70, dropsTrailingZeros: true), "0.7"),
      (NumberText.decimal(12, dropsTrailingZeros: true), "12"),
      (NumberText.decimal(.nan), "nan"), (NumberText.decimal(1e300), "1e+300"),
      (NumberText.percent(0.742), "74.2%"), (NumberText.percent(0.8), "80%"),
      (NumberText.percent(12.345), "1,234.5%"), (NumberText.signed(0.6, places: 1), "+0.6"),
      (NumberText.signed(-0.25), "-0.25"), (NumberText.signed(0.001), "0"),
    ])
  func numberText(_ pair: (String, String)) {
    #expect(pair.0 == pair.1)
  }
}
