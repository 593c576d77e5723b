import ClientBaseCore
import Testing

@testable import Retention

/// The error `SummaryCSVDecoder` throws for `text`, or `nil` when it decodes.
private func summaryError(_ text: String, allowsExtraFields: Bool = false) -> CSVError? {
  do {
    _ = try SummaryCSVDecoder(allowsExtraFields: allowsExtraFields).decode(text)
    return nil
  } catch {
    return error
  }
}

@Suite("SummaryCSVDecoder")
struct SummaryCSVDecoderTests {
  @Test("columns in any order, quoted, with a BOM, blank lines and CRLF; lines kept per row")
  func wellFormed() throws {
    let text =
      "\u{FEFF}note,T,\"recency\",frequency,client_id,monetary_value,weight\r\n"
      + "x,38.86,30.43,2,c-1,22.35,1\r\n\r\n"
      + "\"a, b\",38.86, 0 ,0,\"c \"\"2\"\"\",0,2.5\n"
      + ",10,1e1,3,c3,-1.5,0\n"
    let summary = try SummaryCSVDecoder().decode(text)
    #expect(summary.clientIDs == ["c-1", "c \"2\"", "c3"])
    #expect(summary.frequency == [2, 0, 3])
    #expect(summary.recency == [30.43, 0, 10])
    #expect(summary.age == [38.86, 38.86, 10])
    #expect(summary.monetaryValue == [22.35, 0, -1.5])
    #expect(summary.weight == [1, 2.5, 0])
    #expect(!summary.isDiscrete)
    // The header is line 1, the blank line 3 still counts.
    #expect(summary.lines == [2, 4, 5])
    #expect(summary.count == 3)
    // The same bytes decode alike.
    #expect(try SummaryCSVDecoder().decode(Array(text.utf8)) == summary)
  }

  @Test("optional columns are nil when absent; n_periods means discrete data")
  func optionalColumnsAndDiscrete() throws {
    let continuous = try SummaryCSVDecoder().decode("frequency,recency,T\n0,0,5\n")
    #expect(continuous.clientIDs == nil)
    #expect(continuous.monetaryValue == nil)
    #expect(continuous.weight == nil)
    let discrete = try SummaryCSVDecoder().decode("frequency,recency,n_periods,weight\n3,4,6,10\n")
    #expect(discrete.isDiscrete)
    #expect(discrete.frequency == [3])
    #expect(discrete.recency == [4])
    #expect(discrete.age == [6])
    let empty = try SummaryCSVDecoder().decode("frequency,recency,T\n")
    #expect(empty.count == 0)
  }

  @Test("a column the decoder reads may not be named twice; others may")
  func duplicatedColumns() throws {
    #expect(
      summaryError("frequency,recency,T,frequency\n1,2,3,1\n")
        == .duplicateColumn(
          "frequency", header: ["frequency", "recency", "T", "frequency"], line: 1))
    #expect(
      summaryError("client_id,frequency,recency,T,client_id\na,1,2,3,a\n")
        == .duplicateColumn(
          "client_id", header: ["client_id", "frequency", "recency", "T", "client_id"], line: 1))
    // Before any row's problem: the header comes first in the file.
    #expect(
      summaryError("frequency,recency,T,T\n1,2\n")
        == .duplicateColumn("T", header: ["frequency", "recency", "T", "T"], line: 1))
    let notRead = try SummaryCSVDecoder().decode("note,frequency,recency,T,note\nx,1,2,3,y\n")
    #expect(notRead.frequency == [1])
  }

  @Test("field counts: more or fewer than the header is an error unless extra are allowed")
  func fieldCounts() throws {
    #expect(
      summaryError("frequency,recency,T\n1,2,3,5\n")
        == .tooManyFields(line: 2, column: 4, expected: 3))
    #expect(
      summaryError("frequency,recency,T\n1,2\n")
        == .tooFewFields(line: 2, column: 3, expected: 3, found: 2))
    let lenient = try SummaryCSVDecoder(allowsExtraFields: true).decode(
      "frequency,recency,T\n1,2,3,5\n")
    #expect(lenient.age == [3])
    #expect(
      summaryError("frequency,recency,T\n1,2\n", allowsExtraFields: true)
        == .tooFewFields(line: 2, column: 3, expected: 3, found: 2))
  }

  /// A bad row after a good one, and where its error must be: column, name, and a word of the
  /// reason.
  static let refused: [(row: String, column: Int, name: String, reason: String)] = [
    ("1.5,2,3", 1, "frequency", "whole"), ("-1,0,3", 1, "frequency", "whole"),
    ("2e9,2,3", 1, "frequency", "whole"), ("x,2,3", 1, "frequency", "decimal"),
    ("1,nan,3", 2, "recency", "NaN"), ("1,2,inf", 3, "T", "NaN"), ("1,2,0x1p3", 3, "T", "decimal"),
    ("1,2,", 3, "T", "empty"), ("1,-2,3", 2, "recency", "at least 0"),
    ("1,2,-3", 3, "T", "at least 0"), ("1,5,3", 2, "recency", "greater than T"),
    ("0,1,3", 2, "recency", "0 when the frequency is 0"), ("1,2,1e13", 3, "T", "maximum"),
    ("16,0,113", 2, "recency", "above 0 when the frequency is above 0"),
    ("1,2,1e400", 3, "T", "too large"),
  ]

  @Test(
    "numbers: finite, whole frequency, recency ≤ T, each refused with line and column",
    arguments: refused)
  func refusedNumbers(row: String, column: Int, name: String, reason: String) {
    guard
      case .invalidField(let line, let found, let foundName, _, let why) = summaryError(
        "frequency,recency,T\n1,2,3\n\(row)\n")
    else {
      Issue.record("expected an invalid field for \(row)")
      return
    }
    #expect(line == 3)
    #expect(found == column)
    #expect(foundName == name)
    #expect(why.contains(reason), "\(why)")
  }

  @Test("discrete data: whole recency and n_periods, frequency ≤ recency, periods bounded")
  func discreteRules() {
    let header = "frequency,recency,n_periods\n"
    for (row, column) in [("1,1.5,6", 2), ("1,1,6.5", 3), ("3,2,6", 1), ("1,1,100001", 3)] {
      guard case .invalidField(2, column, _, _, _) = summaryError(header + row + "\n") else {
        Issue.record("expected an invalid field in column \(column) for \(row)")
        continue
      }
    }
    #expect(summaryError(header + "2,2,100000\n") == nil)
  }

  @Test(
    "client ids follow the rule of the purchase decoder",
    arguments: ["\"  \"", "\"a\u{0}\"", "\"a\nb\"", "a\tb"])
  func clientIDs(_ id: String) {
    guard
      case .invalidField(2, 1, "client_id", _, _) = summaryError(
        "client_id,frequency,recency,T\n\(id),1,2,3\n")
    else {
      Issue.record("expected the id \(id.debugDescription) refused")
      return
    }
  }

  @Test("a weight must be finite and at least 0; the header needs frequency, recency and T")
  func weightsAndHeader() {
    guard
      case .invalidField(2, 4, "weight", _, _) = summaryError(
        "frequency,recency,T,weight\n1,2,3,-0.5\n")
    else {
      Issue.record("expected a negative weight refused")
      return
    }
    #expect(
      summaryError("frequency,recency\n1,2\n")
        == .missingColumn("T", header: ["frequency", "recency"], line: 1))
    #expect(
      summaryError("\nrecency,T\n1,2\n")
        == .missingColumn("frequency", header: ["recency", "T"], line: 2))
    #expect(summaryError("") == .emptyInput)
  }
}
