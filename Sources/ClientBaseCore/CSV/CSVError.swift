/// Why a purchase export could not be decoded.
///
/// Every case says where the problem is, so a host can show the person who owns the file
/// which line to fix. Lines are physical lines counted from 1, the header being line 1 unless
/// blank lines precede it; a quoted field that spans several lines advances the count by each
/// line break inside it, so numbers stay those an editor shows. Columns are 1-based positions
/// of fields within a row.
///
/// ```swift
/// do {
///   let log = try PurchaseCSVDecoder().decode(bytes)
/// } catch {
///   print(error)  // line 7, column 2 (date): '2024-02-30' is not a valid day: …
/// }
/// ```
///
/// Cases are stable: switch on them.
public enum CSVError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The input holds no header.
  ///
  /// The input is empty, or holds only a byte-order mark and blank lines. A header without
  /// rows is not this error: it decodes to an empty log.
  case emptyInput
  /// The header lacks a column the decoder needs.
  ///
  /// The first value is the name looked for, from ``PurchaseCSVDecoder/Columns``; `header`
  /// lists the header's names as read (trimmed of surrounding spaces and tabs), and `line` is
  /// the header's line (1 unless blank lines precede it).
  case missingColumn(String, header: [String], line: Int)
  /// A column the decoder needs appears more than once in the header.
  ///
  /// Which of them to read would be a guess, so the decoder refuses. Columns it does not read
  /// may repeat. `line` is the header's line.
  case duplicateColumn(String, header: [String], line: Int)
  /// A quoted field has no closing quote.
  ///
  /// `line` is where the opening quote is; the field runs to the end of the input, so the
  /// quote is usually a stray one, or a quote inside the field that was not doubled.
  case unterminatedQuote(line: Int)
  /// A closing quote is followed by something other than a comma or the end of the line.
  ///
  /// A quote inside a quoted field is written as two quotes (`"5"" screen"`).
  case textAfterClosingQuote(line: Int, column: Int)
  /// A field the decoder reads holds a value it cannot accept.
  ///
  /// A client id that breaks the rule for ids (see ``PurchaseCSVDecoder``: empty or only
  /// spaces, not UTF-8, or holding a control character), a day that is not ISO 8601 or not in the calendar, or an
  /// amount that is not a finite decimal number. `line` is where the field starts, `column`
  /// its 1-based position in the row, `name` its header name, `text` its content (cut to 40
  /// characters), and `reason` what is wrong.
  case invalidField(line: Int, column: Int, name: String, text: String, reason: String)
  /// A row has fewer fields than the header.
  ///
  /// `line` is where the row starts, which differs from where it ends when a quoted field in
  /// it spans lines; `column` is the first missing field's position (`found + 1`).
  /// `expected` is the number of fields in the header and `found` the number the row has.
  case tooFewFields(line: Int, column: Int, expected: Int, found: Int)
  /// A row has more fields than the header.
  ///
  /// Usually a comma inside a value that was not quoted: an unquoted amount `1,5` is two
  /// fields. `line` is where the first field beyond the header starts, `column` its position
  /// (`expected + 1`), and `expected` the number of fields in the header. Decoders that allow
  /// trailing extra fields (their `allowsExtraFields` setting) never throw it.
  case tooManyFields(line: Int, column: Int, expected: Int)

  /// A sentence a person can read.
  ///
  /// Names the line (and column, where there is one) first, so the message reads like a
  /// compiler diagnostic.
  public var description: String {
    switch self {
    case .emptyInput:
      return "the input is empty: expected a header line naming the columns"
    case .missingColumn(let name, let header, let line):
      return "line \(line): the header has no column '\(name)'; it has \(CSVError.list(header))"
    case .duplicateColumn(let name, let header, let line):
      return
        "line \(line): the header names column '\(name)' more than once: "
        + CSVError.list(header)
    case .unterminatedQuote(let line):
      return "line \(line): a quoted field is never closed"
    case .textAfterClosingQuote(let line, let column):
      return
        "line \(line), column \(column): text follows a closing quote "
        + "(write a quote inside a quoted field as two quotes)"
    case .invalidField(let line, let column, let name, let text, let reason):
      return "line \(line), column \(column) (\(name)): '\(text)': \(reason)"
    case .tooFewFields(let line, let column, let expected, let found):
      return
        "line \(line), column \(column): the row has \(found) field\(found == 1 ? "" : "s"), "
        + "the header has \(expected)"
    case .tooManyFields(let line, let column, let expected):
      return
        "line \(line), column \(column): the row has more fields than the header's "
        + "\(expected) (a value holding a comma must be quoted)"
    }
  }

  private static func list(_ header: [String]) -> String {
    header.isEmpty ? "no names" : header.map { "'\($0)'" }.joined(separator: ", ")
  }
}

extension CSVError {
  /// The same problem with its line moved down by `shift` lines: for a part of an input
  /// decoded on its own, whose lines were counted from its start.
  func shiftingLines(by shift: Int) -> CSVError {
    switch self {
    case .emptyInput, .missingColumn, .duplicateColumn:
      return self
    case .unterminatedQuote(let line):
      return .unterminatedQuote(line: line + shift)
    case .textAfterClosingQuote(let line, let column):
      return .textAfterClosingQuote(line: line + shift, column: column)
    case .invalidField(let line, let column, let name, let text, let reason):
      return .invalidField(
        line: line + shift, column: column, name: name, text: text, reason: reason)
    case .tooFewFields(let line, let column, let expected, let found):
      return .tooFewFields(line: line + shift, column: column, expected: expected, found: found)
    case .tooManyFields(let line, let column, let expected):
      return .tooManyFields(line: line + shift, column: column, expected: expected)
    }
  }
}
