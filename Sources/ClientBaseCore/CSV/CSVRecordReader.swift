/// Reads a small CSV file into its header and rows of text, with the checks every decoder of
/// the library makes: the format of ``PurchaseCSVDecoder``, read by the same field scanner.
///
/// It is the reader behind the library's decoders of smaller host files (per-client summaries,
/// a previous run's client list), and the one to use for a file of the host's own: it splits
/// the rows, checks that each has as many fields as the header, and gives each field's text
/// with the line and column a person needs to find it. Converting the texts is left to the
/// caller, through ``CSVRecord/clientID(at:)``, ``CSVRecord/number(at:)`` and
/// ``CSVRecord/invalidField(at:reason:)``, so every error names its line and column alike.
///
/// ```swift
/// let file = try CSVRecordReader().read("client_id,abc\nc-1,A\nc-2,B\n")
/// let abc = try file.header.requiredColumn(named: "abc")
/// for record in file.records {
///   print(record.line, record.text(at: abc))   // 2 A, then 3 B
/// }
/// ```
///
/// What it accepts, as ``PurchaseCSVDecoder`` does: RFC 4180 quoting, LF or CRLF line
/// endings, a UTF-8 byte-order mark at the start (skipped), blank lines anywhere (skipped,
/// though they count as lines). Header names are trimmed of spaces and tabs. Every row has
/// as many fields as the header: fewer is ``CSVError/tooFewFields(line:column:expected:found:)``,
/// more is ``CSVError/tooManyFields(line:column:expected:)`` unless ``allowsExtraFields``.
/// Lines are counted from 1, the header being line 1 unless blank lines precede it, and line
/// breaks inside quoted fields count, so they are the lines an editor shows.
///
/// It holds every row in memory, one `String` per field; for purchase exports of any size,
/// use ``PurchaseCSVDecoder``, which reads in place.
public struct CSVRecordReader: Hashable, Sendable {
  /// Whether a row may have more fields than the header. The default is `false`.
  ///
  /// Off, a field beyond the header is an error, because the usual cause is a value holding
  /// an unquoted comma. On, fields beyond the header are dropped.
  public var allowsExtraFields: Bool

  /// Creates a reader.
  ///
  /// - Parameter allowsExtraFields: Whether a row may have trailing fields beyond the header;
  ///   see ``allowsExtraFields``.
  public init(allowsExtraFields: Bool = false) {
    self.allowsExtraFields = allowsExtraFields
  }

  /// Reads a file's header and rows from its bytes.
  ///
  /// `check` sees the header before any row is read, so that a problem in the header (a
  /// column missing or named twice) is reported before one in a row, in the order of the
  /// file.
  ///
  /// - Parameters:
  ///   - bytes: The file's contents, UTF-8.
  ///   - check: Called once with the header; what it throws stops reading.
  /// - Returns: The header and every row; no rows when the file holds only a header.
  /// - Throws: ``CSVError/emptyInput`` when there is no header, what `check` throws, and the
  ///   first problem of quoting or field count.
  /// - Complexity: O(*n*) in the size of the input.
  public func read(
    _ bytes: [UInt8], checkingHeader check: (CSVHeader) throws(CSVError) -> Void = { _ in }
  ) throws(CSVError) -> CSVRecords {
    var result: Result<CSVRecords, CSVError> = .failure(.emptyInput)
    bytes.withUnsafeBufferPointer { buffer in
      result = Result { () throws(CSVError) in try readBytes(buffer, check) }
    }
    return try result.get()
  }

  /// Reads a file's header and rows from its text.
  ///
  /// `check` sees the header before any row is read, so that a problem in the header is
  /// reported before one in a row.
  ///
  /// - Parameters:
  ///   - text: The file's contents.
  ///   - check: Called once with the header; what it throws stops reading.
  /// - Returns: The header and every row; no rows when the text holds only a header.
  /// - Throws: ``CSVError/emptyInput`` when there is no header, what `check` throws, and the
  ///   first problem of quoting or field count.
  /// - Complexity: O(*n*) in the size of the input.
  public func read(
    _ text: String, checkingHeader check: (CSVHeader) throws(CSVError) -> Void = { _ in }
  ) throws(CSVError) -> CSVRecords {
    var text = text
    var result: Result<CSVRecords, CSVError> = .failure(.emptyInput)
    text.withUTF8 { buffer in
      result = Result { () throws(CSVError) in try readBytes(buffer, check) }
    }
    return try result.get()
  }

  private func readBytes(
    _ input: UnsafeBufferPointer<UInt8>, _ check: (CSVHeader) throws(CSVError) -> Void
  ) throws(CSVError) -> CSVRecords {
    guard let p = input.baseAddress, !input.isEmpty else { throw .emptyInput }
    let n = input.count
    var i = 0
    var line = 1
    let fileHeader = try readHeader(p, count: n, position: &i, line: &line)
    let header = fileHeader.names
    let width = header.count
    try check(fileHeader)
    var records: [CSVRecord] = []
    var bytes: [UInt8] = []
    while true {
      i = skipBlankLines(p, count: n, from: i, until: n, line: &line)
      guard i < n else { break }
      let rowLine = line
      var fields: [String] = []
      fields.reserveCapacity(width)
      var fieldLines: [Int] = []
      var invalidUTF8: [Int] = []
      while true {
        let fieldLine = line
        let column = fields.count
        if column == width, !allowsExtraFields {
          throw .tooManyFields(line: fieldLine, column: column + 1, expected: width)
        }
        let span = try scanField(p, count: n, at: i, line: &line, column: column + 1)
        i = span.next
        if column < width {
          bytes.removeAll(keepingCapacity: true)
          var k = span.start
          while k < span.end {
            bytes.append(p[k])
            // Inside a quoted field quotes come in pairs, each standing for one quote.
            k += span.hasEscapedQuotes && p[k] == 0x22 ? 2 : 1
          }
          if let text = String(validating: bytes, as: UTF8.self) {
            fields.append(text)
          } else {
            fields.append(String(decoding: bytes, as: UTF8.self))
            invalidUTF8.append(column)
          }
          if fieldLine != rowLine, fieldLines.isEmpty {
            fieldLines = [Int](repeating: rowLine, count: column)
          }
          if !fieldLines.isEmpty { fieldLines.append(fieldLine) }
        }
        if span.endsRow { break }
      }
      guard fields.count >= width else {
        throw .tooFewFields(
          line: rowLine, column: fields.count + 1, expected: width, found: fields.count)
      }
      records.append(
        CSVRecord(
          line: rowLine, fields: fields, fieldLines: fieldLines, invalidUTF8: invalidUTF8,
          header: header))
    }
    return CSVRecords(header: fileHeader, records: records)
  }
}

/// A CSV file's header and rows, as ``CSVRecordReader`` reads them.
public struct CSVRecords: Hashable, Sendable {
  /// The header.
  public let header: CSVHeader
  /// The rows, in the order of the file; each has one field per header name.
  public let records: [CSVRecord]
}

/// The header of a CSV file: its names and its line.
public struct CSVHeader: Hashable, Sendable {
  /// The names, unquoted and trimmed of surrounding spaces and tabs.
  public let names: [String]
  /// The line of the header: 1 unless blank lines precede it.
  public let line: Int

  /// The 0-based position of the column named `name`, or `nil` when the header lacks it.
  ///
  /// Names are compared exactly, case included.
  ///
  /// - Parameter name: The column's name.
  /// - Returns: The column's position, or `nil`.
  /// - Throws: ``CSVError/duplicateColumn(_:header:line:)`` when the header names it more
  ///   than once: which copy to read would be a guess.
  public func column(named name: String) throws(CSVError) -> Int? {
    guard let first = names.firstIndex(of: name) else { return nil }
    guard names[(first + 1)...].firstIndex(of: name) == nil else {
      throw .duplicateColumn(name, header: names, line: line)
    }
    return first
  }

  /// The 0-based position of the column named `name`, which the header must name once.
  ///
  /// - Parameter name: The column's name.
  /// - Returns: The column's position.
  /// - Throws: ``CSVError/missingColumn(_:header:line:)`` when the header lacks it,
  ///   ``CSVError/duplicateColumn(_:header:line:)`` when it names it more than once.
  public func requiredColumn(named name: String) throws(CSVError) -> Int {
    guard let column = try column(named: name) else {
      throw .missingColumn(name, header: names, line: line)
    }
    return column
  }
}

/// One row of a CSV file, as ``CSVRecordReader`` reads it: the text of each field and where
/// it is.
public struct CSVRecord: Hashable, Sendable {
  /// The line where the row starts.
  public let line: Int
  /// Each field's text after unquoting, one per header name, spaces kept. A field that is not
  /// valid UTF-8 holds its text with the bad bytes replaced (U+FFFD);
  /// ``clientID(at:)`` refuses it.
  public let fields: [String]
  /// Each field's line when the row spans lines; empty when it is all on ``line``.
  let fieldLines: [Int]
  /// The columns whose bytes are not valid UTF-8.
  let invalidUTF8: [Int]
  /// The header, for error messages.
  let header: [String]

  /// The text of the field at `column`, as it is in the file (unquoted, spaces kept).
  ///
  /// - Parameter column: The field's 0-based position, below the header's count.
  /// - Returns: The field's text.
  public func text(at column: Int) -> String { fields[column] }

  /// The line where the field at `column` starts.
  ///
  /// - Parameter column: The field's 0-based position, below the header's count.
  /// - Returns: The line, counted as an editor counts.
  public func line(ofField column: Int) -> Int {
    fieldLines.isEmpty ? line : fieldLines[column]
  }

  /// The field at `column` read as a client id, by the rule every decoder applies.
  ///
  /// An id is the field's text as it is, spaces included; it must be valid UTF-8, hold no
  /// control character (U+0000–U+001F and U+007F), and not be empty or only spaces (see
  /// ``PurchaseCSVDecoder``).
  ///
  /// - Parameter column: The field's 0-based position, below the header's count.
  /// - Returns: The id.
  /// - Throws: ``CSVError/invalidField(line:column:name:text:reason:)`` naming the rule broken.
  public func clientID(at column: Int) throws(CSVError) -> String {
    let id = fields[column]
    if let problem = clientIDProblem(id) {
      throw invalidField(at: column, reason: problem)
    }
    if invalidUTF8.contains(column) {
      throw invalidField(at: column, reason: "the client id is not valid UTF-8")
    }
    return id
  }

  /// The field at `column` read as a finite decimal number, spaces and tabs around it ignored.
  ///
  /// The grammar is that of amounts in ``PurchaseCSVDecoder``: an optional sign, digits with
  /// an optional point and an optional exponent (`12`, `-3.5`, `1e3`), rounded correctly.
  /// NaN, infinity, hexadecimal, digit separators and magnitudes beyond `Double` are refused.
  ///
  /// - Parameter column: The field's 0-based position, below the header's count.
  /// - Returns: The number.
  /// - Throws: ``CSVError/invalidField(line:column:name:text:reason:)`` when the text is
  ///   not such a number.
  public func number(at column: Int) throws(CSVError) -> Double {
    var trimmed = Substring(fields[column])
    while let first = trimmed.first, first == " " || first == "\t" { trimmed.removeFirst() }
    while let last = trimmed.last, last == " " || last == "\t" { trimmed.removeLast() }
    var text = String(trimmed)
    let scan = text.withUTF8 { buffer -> DecimalScan in
      guard let base = buffer.baseAddress else { return .malformed }
      return scanDecimal(base, count: buffer.count)
    }
    switch scan {
    case .value(let value):
      return value
    case .outOfRange:
      throw invalidField(at: column, reason: "the number is too large for a Double")
    case .malformed:
      let word = text.lowercased().trimmingSign()
      let reason =
        text.isEmpty
        ? "the field is empty: expected a number"
        : ["nan", "inf", "infinity"].contains(word)
          ? "NaN and infinity are not numbers here"
          : "expected a decimal number such as 12, -3.5 or 1e3"
      throw invalidField(at: column, reason: reason)
    }
  }

  /// The error for a field whose text the caller cannot accept: its line, column, header
  /// name and text (cut to 40 characters), and `reason`.
  ///
  /// - Parameters:
  ///   - column: The field's 0-based position, below the header's count.
  ///   - reason: What is wrong, for a person.
  /// - Returns: ``CSVError/invalidField(line:column:name:text:reason:)``.
  public func invalidField(at column: Int, reason: String) -> CSVError {
    let text = fields[column]
    let shown = text.count > 40 ? text.prefix(40) + "…" : Substring(text)
    return .invalidField(
      line: line(ofField: column), column: column + 1, name: header[column], text: String(shown),
      reason: reason)
  }
}

extension String {
  /// The text without one leading sign.
  fileprivate func trimmingSign() -> Substring {
    let view = Substring(self)
    if let first = view.first, first == "+" || first == "-" { return view.dropFirst() }
    return view
  }
}
