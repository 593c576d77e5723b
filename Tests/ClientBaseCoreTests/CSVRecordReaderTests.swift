import Testing

@testable import ClientBaseCore

@Suite("CSVRecordReader")
struct CSVRecordReaderTests {
  @Test("rows of text with each field's line, the header trimmed, blank lines counted")
  func rowsAndLines() throws {
    let text = "\u{FEFF}\n id , note ,n\r\na,\"x\ny\",1\n\n\"b\"\"\",,\" 2 \"\n"
    let file = try CSVRecordReader().read(text)
    #expect(file.header.names == ["id", "note", "n"])
    #expect(file.header.line == 2)
    #expect(file.records.map(\.line) == [3, 6])
    #expect(file.records[0].fields == ["a", "x\ny", "1"])
    // The third field of line 3's row starts on line 4, after the quoted line break.
    #expect(file.records[0].line(ofField: 0) == 3)
    #expect(file.records[0].line(ofField: 2) == 4)
    #expect(file.records[1].fields == ["b\"", "", " 2 "])
    #expect(try file.records[1].number(at: 2) == 2)
    #expect(try file.records[1].clientID(at: 0) == "b\"")
    #expect(try file.header.column(named: "note") == 1)
    #expect(try file.header.column(named: "absent") == nil)
  }

  @Test("the header is checked before any row is read")
  func headerFirst() {
    #expect(throws: CSVError.missingColumn("x", header: ["a"], line: 1)) {
      _ = try CSVRecordReader().read("a\n\"unclosed\n") { header throws(CSVError) in
        _ = try header.requiredColumn(named: "x")
      }
    }
  }

  @Test("field counts and the errors of fields name line and column")
  func errors() throws {
    #expect(throws: CSVError.tooManyFields(line: 3, column: 3, expected: 2)) {
      _ = try CSVRecordReader().read("a,b\n1,2\n1,2,3\n")
    }
    #expect(throws: CSVError.tooFewFields(line: 2, column: 2, expected: 2, found: 1)) {
      _ = try CSVRecordReader().read("a,b\n1\n")
    }
    #expect(
      try CSVRecordReader(allowsExtraFields: true).read("a,b\n1,2,3\n").records[0].fields == [
        "1", "2",
      ])
    let bytes = Array("id,n\n".utf8) + [0xFF] + Array(",x\n".utf8)
    let record = try CSVRecordReader().read(bytes).records[0]
    #expect(throws: CSVError.self) { _ = try record.clientID(at: 0) }
    guard case .invalidField(2, 2, "n", "x", _) = record.invalidField(at: 1, reason: "r") else {
      Issue.record("expected line 2, column 2 (n)")
      return
    }
  }
}
