import Testing

@testable import clientbase

/// Runs `report` on the files given and returns what it printed to standard error.
private func reportError(_ arguments: [String], _ files: [String: String]) -> CommandResult {
  runCommand(["report"] + arguments, environment: memoryEnvironment(files))
}

/// Every user-facing error names the file's line (header = line 1), the column, and the
/// option by its command-line name (issue 14, §3 and §6).
@Suite("clientbase report: input messages")
struct InputMessagesCommandTests {
  @Test(
    "a transactions row with more or fewer fields than the header is refused where it is",
    arguments: [
      // An unquoted `1,5` amount is two fields: before, it was read as 1.
      (
        "client_id,date,amount\na,2024-01-01,2\nb,2024-01-02,1,5\n",
        "t.csv: line 3, column 4: the row has more fields than the header's 3"
      ),
      (
        "client_id,date,amount,note\na,2024-01-01,2,x\nb,2024-01-02,1\n",
        "t.csv: line 3, column 4: the row has 3 fields, the header has 4"
      ),
    ])
  func transactionsFieldCounts(_ text: String, _ message: String) {
    let result = reportError(["--transactions", "t.csv"], ["t.csv": text])
    #expect(result.exitCode == 1)
    #expect(result.output.isEmpty)
    #expect(result.error.contains(message), "\(result.error)")
  }

  @Test(
    "a client id of only spaces or with a control character is refused at its line and column",
    arguments: [
      "\"  \"", "\"a\u{0}b\"", "\"two\nlines\"", "\"tab\there\"", "\"bell\u{7}\"", "\"del\u{7F}\"",
    ])
  func badClientIDs(_ id: String) {
    let text = "client_id,date,amount\na,2024-01-01,2\n\(id),2024-01-02,1\n"
    let result = reportError(["--transactions", "t.csv"], ["t.csv": text])
    #expect(result.exitCode == 1)
    #expect(result.output.isEmpty)
    #expect(result.error.contains("t.csv: line 3, column 1 (client_id)"), "\(result.error)")
    // The same ids in a summary file.
    let summary = "client_id,frequency,recency,T\na,1,2,3\n\(id),0,0,4\n"
    let fromSummary = reportError(["--summary", "s.csv"], ["s.csv": summary])
    #expect(fromSummary.exitCode == 1)
    #expect(
      fromSummary.error.contains("s.csv: line 3, column 1 (client_id)"), "\(fromSummary.error)")
  }

  @Test(
    "summary files: duplicated columns, field counts, numbers and ranges name line and column",
    arguments: [
      ("frequency,recency,T,T\n1,2,3,4\n", "s.csv: line 1: the header names column 'T' more"),
      ("frequency,recency,T\n1,2,3\n1,2,3,4\n", "s.csv: line 3, column 4: the row has more"),
      ("frequency,recency,T\n1,2\n", "s.csv: line 2, column 3: the row has 2 fields"),
      ("frequency,recency,T\n\n\n1,2,nan\n", "s.csv: line 4, column 3 (T): 'nan': NaN"),
      ("frequency,recency,T\n1,2,0x10\n", "s.csv: line 2, column 3 (T): '0x10'"),
      ("frequency,recency,T\n-1,0,3\n", "s.csv: line 2, column 1 (frequency): '-1'"),
      ("frequency,recency,T\n0,2,3\n", "s.csv: line 2, column 2 (recency): '2'"),
      ("frequency,recency,T,weight\n1,2,3,-1\n", "s.csv: line 2, column 4 (weight): '-1'"),
      ("frequency,recency,n_periods\n1,2.5,6\n", "s.csv: line 2, column 2 (recency): '2.5'"),
      ("frequency,recency,n_periods\n3,2,6\n", "s.csv: line 2, column 1 (frequency): '3'"),
      (
        "frequency,recency,n_periods\n1,2,200000\n",
        "s.csv: line 2, column 3 (n_periods): '200000'"
      ),
      ("frequency,recency,T\n1,2,1e13\n", "s.csv: line 2, column 3 (T): '1e13'"),
      ("recency,T\n1,2\n", "s.csv: line 1: the header has no column 'frequency'"),
    ])
  func summaryMessages(_ text: String, _ message: String) {
    let result = reportError(["--summary", "s.csv"], ["s.csv": text])
    #expect(result.exitCode == 1)
    #expect(result.output.isEmpty)
    #expect(result.error.contains(message), "\(result.error)")
  }

  @Test("the histories' errors about a row name the file's line, not the row's index")
  func weightTotalNamesTheLine() {
    // Row 1 (0-based) is where the weights pass 2^53, on line 4 after a blank line.
    let text = "frequency,recency,T,weight\n1,2,3,9e15\n\n1,2,4,9e15\n"
    let result = reportError(["--summary", "s.csv"], ["s.csv": text])
    #expect(result.exitCode == 1)
    #expect(
      result.error.contains("s.csv: line 4 (weight): the weights up to this row"), "\(result.error)"
    )
    #expect(!result.error.contains("row 1"))
  }

  @Test("--calibration-end after the file's last day names the options, not observationEnd")
  func calibrationEndAfterTheLastDay() {
    let text = "client_id,date,amount\na,2024-01-01,2\na,2024-02-01,3\n"
    let result = reportError(
      ["--transactions", "t.csv", "--calibration-end", "2024-03-01"], ["t.csv": text])
    #expect(result.exitCode == 2)
    #expect(result.output.isEmpty)
    #expect(!result.error.contains("observationEnd"))
    #expect(
      result.error.contains(
        "--calibration-end 2024-03-01 must come before the as-of day 2024-02-01"),
      "\(result.error)")
    // Before every purchase: nobody to calibrate on, said with the option's name.
    let early = reportError(
      ["--transactions", "t.csv", "--calibration-end", "2023-01-01"], ["t.csv": text])
    #expect(early.exitCode == 1)
    #expect(
      early.error.contains("--calibration-end 2023-01-01: no client bought on or before that day"),
      "\(early.error)")
  }

  @Test("a purchase day outside the days the library analyses names its line and column")
  func dayOutOfRangeNamesTheLine() {
    // The decoder reads the year 1850; the summarizer analyses 1900 to 9999: event 1 is the
    // row on line 4 (a blank line before it), its day in column 2.
    let text = "client_id,date,amount\na,2024-01-01,2\n\nb,1850-01-02,1\n"
    let result = reportError(["--transactions", "t.csv"], ["t.csv": text])
    #expect(result.exitCode == 1)
    #expect(result.error.contains("t.csv: line 4, column 2 (date): 1850-01-02"), "\(result.error)")
    #expect(!result.error.contains("event 1"))
  }
}
