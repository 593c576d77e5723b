// What the decoders of the host's smaller files share: the rows they return with their lines,
// the reading loop over `CSVRecordReader`, and the field readers for days, names and
// birthdays, each failing with the line, column and column name of the field.

/// Values decoded from the rows of a CSV file, each with the line where its row starts.
///
/// What the decoders of host files return (``ProfileCSVDecoder``, ``ContactCSVDecoder``,
/// ``ReferralCSVDecoder``, ``ServiceCSVDecoder``, ``LifeEventCSVDecoder``): a collection of
/// the values in the order of the file, and the line of each, so that a later problem with a
/// value (a contact naming a manager the team does not have) can name the line to fix.
///
/// ```swift
/// let contacts = try ContactCSVDecoder().decode(text)
/// for (row, contact) in contacts.enumerated() {
///   print(contacts.line(ofRow: row), contact.manager)
/// }
/// let plain: [Contact<String>] = Array(contacts)   // or contacts.values
/// ```
public struct CSVRows<Value> {
  /// The values, one per data row, in the order of the file.
  public let values: [Value]
  /// The line where each value's row starts: `lines[k]` is the line of `values[k]`. Lines are
  /// counted as an editor counts them, the header being line 1 unless blank lines precede it.
  public let lines: [Int]

  /// The line where a row starts in the file.
  ///
  /// - Parameter row: A position, `0..<count`.
  /// - Returns: The line.
  public func line(ofRow row: Int) -> Int { lines[row] }
}

extension CSVRows: RandomAccessCollection {
  /// The first position, 0.
  public var startIndex: Int { 0 }

  /// One past the last position.
  public var endIndex: Int { values.count }

  /// The value of a row.
  ///
  /// - Parameter row: A position, `0..<count`.
  public subscript(row: Int) -> Value { values[row] }
}

extension CSVRows: Sendable where Value: Sendable {}
extension CSVRows: Equatable where Value: Equatable {}
extension CSVRows: Hashable where Value: Hashable {}

/// The text a host-file decoder reads: a file's bytes or a string.
enum HostFileInput {
  case bytes([UInt8])
  case text(String)
}

/// Reads a host file through ``CSVRecordReader``: the header through `layout` (which finds the
/// columns and may throw for a missing or repeated one) before any row, then each row through
/// `decodeRow`, keeping the rows' lines.
func decodeHostFile<Layout, Value>(
  _ input: HostFileInput, allowsExtraFields: Bool,
  layout makeLayout: (CSVHeader) throws(CSVError) -> Layout,
  row decodeRow: (CSVRecord, Layout) throws(CSVError) -> Value
) throws(CSVError) -> CSVRows<Value> {
  var layout: Layout?
  let reader = CSVRecordReader(allowsExtraFields: allowsExtraFields)
  let check = { (header: CSVHeader) throws(CSVError) in layout = try makeLayout(header) }
  let file: CSVRecords
  switch input {
  case .bytes(let bytes): file = try reader.read(bytes, checkingHeader: check)
  case .text(let text): file = try reader.read(text, checkingHeader: check)
  }
  // The reader calls the check with the header before it reads any row.
  guard let layout else { throw .emptyInput }
  var values: [Value] = []
  var lines: [Int] = []
  values.reserveCapacity(file.records.count)
  lines.reserveCapacity(file.records.count)
  for record in file.records {
    values.append(try decodeRow(record, layout))
    lines.append(record.line)
  }
  return CSVRows(values: values, lines: lines)
}

/// Why a text is not a day, as every decoder words it.
func dayRejection(_ error: DayError) -> String {
  switch error {
  case .malformed(_, let why):
    return "not an ISO-8601 date YYYY-MM-DD: \(why)"
  case .invalidDate:
    return "no such day in the calendar"
  case .outOfRange:
    return "the year is out of the supported range"
  }
}

extension CSVRecord {
  /// The field at `column` read as an ISO-8601 day, as ``PurchaseCSVDecoder`` reads dates.
  ///
  /// `YYYY-MM-DD`, or the expanded form of distant years (`+10000-01-01`) that
  /// `Day.init(iso8601:)` reads; spaces around it are not accepted.
  ///
  /// - Parameter column: The field's 0-based position, below the header's count.
  /// - Returns: The day.
  /// - Throws: ``CSVError/invalidField(line:column:name:text:reason:)`` when the field is
  ///   empty, not ISO 8601, or not a day of the calendar (`2023-02-29`).
  public func day(at column: Int) throws(CSVError) -> Day {
    let text = fields[column]
    guard !text.isEmpty else { throw invalidField(at: column, reason: "the date is empty") }
    do {
      return try Day(iso8601: text)
    } catch {
      throw invalidField(at: column, reason: dayRejection(error))
    }
  }

  /// Whether the field at `column` is empty or only spaces and tabs: an optional value left
  /// out.
  func isBlank(at column: Int) -> Bool {
    fields[column].utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 }
  }

  /// The field at `column` read as an identifier by the rule for client ids (as it is, valid
  /// UTF-8, no control character, not empty or only spaces); `noun` names it in the reason.
  func identifier(at column: Int, noun: String) throws(CSVError) -> String {
    let id = fields[column]
    if let problem = identifierProblem(id, noun: noun) {
      throw invalidField(at: column, reason: problem)
    }
    if invalidUTF8.contains(column) {
      throw invalidField(at: column, reason: "the \(noun) is not valid UTF-8")
    }
    return id
  }

  /// The field at `column` read as a name from a vocabulary (a channel, an outcome, a service,
  /// a kind, a region): trimmed of surrounding spaces and tabs, then held to the rule for
  /// ids; `noun` names it in the reason.
  func name(at column: Int, noun: String) throws(CSVError) -> String {
    var trimmed = Substring(fields[column])
    while let first = trimmed.first, first == " " || first == "\t" { trimmed.removeFirst() }
    while let last = trimmed.last, last == " " || last == "\t" { trimmed.removeLast() }
    let name = String(trimmed)
    if let problem = identifierProblem(name, noun: noun) {
      throw invalidField(at: column, reason: problem)
    }
    if invalidUTF8.contains(column) {
      throw invalidField(at: column, reason: "the \(noun) is not valid UTF-8")
    }
    return name
  }

  /// The field at `column` read as a birthday: `MM-DD`, `--MM-DD` (ISO 8601's form of a
  /// month and day), or a full date `YYYY-MM-DD` whose year is dropped.
  func birthday(at column: Int) throws(CSVError) -> MonthDay {
    let text = fields[column]
    let bytes = Array(text.utf8)
    func twoDigits(_ at: Int) -> Int? {
      let high = bytes[at] &- 0x30
      let low = bytes[at + 1] &- 0x30
      guard high < 10, low < 10 else { return nil }
      return Int(high) * 10 + Int(low)
    }
    let start = bytes.count == 7 && bytes[0] == 0x2D && bytes[1] == 0x2D ? 2 : 0
    if bytes.count - start == 5, bytes[start + 2] == 0x2D, let month = twoDigits(start),
      let day = twoDigits(start + 3)
    {
      guard month >= 1, month <= 12 else {
        throw invalidField(at: column, reason: "the month must be from 01 to 12")
      }
      do {
        return try MonthDay(month: month, day: day)
      } catch {
        let most = Day.length(ofMonth: month, year: 2000)
        // The month's two digits are ASCII, so characters and bytes line up.
        let monthText = text.dropFirst(start).prefix(2)
        throw invalidField(
          at: column, reason: "no such day: month \(monthText) has \(most) days at most")
      }
    }
    guard bytes.count >= 10 else {
      throw invalidField(at: column, reason: "a birthday is MM-DD or YYYY-MM-DD")
    }
    do {
      return try Day(iso8601: text).monthDay
    } catch {
      if case .malformed = error {
        throw invalidField(at: column, reason: "a birthday is MM-DD or YYYY-MM-DD")
      }
      throw invalidField(at: column, reason: dayRejection(error))
    }
  }
}
