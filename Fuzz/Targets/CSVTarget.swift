// libFuzzer target: `PurchaseCSVDecoder` against a plain reference decoder.
//
// Built by Fuzz/run.sh together with the ClientBaseCore sources. The reference below reads
// the same format the way the documentation states it, one byte and one field at a time,
// with arrays, a dictionary and the standard library's parsers: no batching, no word-at-a-time
// scanning, no byte-keyed table. For any bytes, both must succeed with the same log, or both
// fail with the same error (its place and kind; the wording of the reason aside). The three
// `decode` overloads must agree, decoding in parts on several threads must agree with one
// thread, and a decoded log must be well formed.

/// Runs the CSV decoder on one input from libFuzzer and checks the properties above.
///
/// libFuzzer calls this entry point by its C name for every input it generates; a failed
/// property stops the process, which libFuzzer records as a crash.
///
/// - Parameters:
///   - data: The input's bytes; `nil` only when `size` is 0.
///   - size: The number of bytes.
/// - Returns: 0, as libFuzzer requires.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let decoder = PurchaseCSVDecoder()
  let result = outcome { () throws(CSVError) in try decoder.decode(bytes) }
  let raw = bytes.withUnsafeBytes { buffer in
    outcome { () throws(CSVError) in try decoder.decode(buffer) }
  }
  check(same(result, raw), "the [UInt8] and raw-buffer overloads disagree", bytes)
  // Cut into parts of a few bytes for several threads, the decoder must still give the same
  // log or the same first error.
  for (threads, minimumPartBytes) in [(2, 1), (3, 7)] {
    var threaded = PurchaseCSVDecoder(threadCount: threads)
    threaded.minimumPartBytes = minimumPartBytes
    let parts = outcome { () throws(CSVError) in try threaded.decode(bytes) }
    check(same(result, parts), "\(threads) threads disagree with one", bytes)
  }
  // The same with one column read as both the client and the day, whose rows can be shorter.
  let shared = PurchaseCSVDecoder.Columns(client: "date", day: "date", amount: "amount")
  let serialShared = outcome { () throws(CSVError) in
    try PurchaseCSVDecoder(columns: shared).decode(bytes)
  }
  var threadedShared = PurchaseCSVDecoder(columns: shared, threadCount: 3)
  threadedShared.minimumPartBytes = 2
  let partsShared = outcome { () throws(CSVError) in try threadedShared.decode(bytes) }
  check(same(serialShared, partsShared), "threads disagree with shared columns", bytes)
  if let text = String(validating: bytes, as: UTF8.self) {
    let fromText = outcome { () throws(CSVError) in try decoder.decode(text) }
    check(same(result, fromText), "the [UInt8] and String overloads disagree", bytes)
  }

  // With trailing extra fields allowed, on one thread and on several.
  let lenient = PurchaseCSVDecoder(allowsExtraFields: true)
  let lenientResult = outcome { () throws(CSVError) in try lenient.decode(bytes) }
  var lenientThreaded = PurchaseCSVDecoder(threadCount: 3, allowsExtraFields: true)
  lenientThreaded.minimumPartBytes = 3
  let lenientParts = outcome { () throws(CSVError) in try lenientThreaded.decode(bytes) }
  check(same(lenientResult, lenientParts), "threads disagree with extra fields allowed", bytes)
  compare(
    lenientResult,
    ReferenceCSVDecoder(columns: lenient.columns, allowsExtraFields: true).decode(bytes), bytes)

  compare(result, ReferenceCSVDecoder(columns: decoder.columns).decode(bytes), bytes)
  return 0
}

/// Checks that the decoder's outcome is the reference's: the same log, or the same error.
private func compare(
  _ result: Result<PurchaseLog<String>, CSVError>,
  _ expected: Result<ReferenceCSVDecoder.Log, CSVError>, _ bytes: [UInt8]
) {
  switch (result, expected) {
  case (.success(let log), .success(let reference)):
    check(log.clientIDs == reference.clientIDs, "different clients", bytes)
    check(Array(log.clientIndices) == reference.clientIndices, "different client indices", bytes)
    check(Array(log.days) == reference.days, "different days", bytes)
    check(
      log.amounts.map(\.bitPattern) == reference.amounts.map(\.bitPattern), "different amounts",
      bytes)
    check(log.amounts.allSatisfy(\.isFinite), "a non-finite amount", bytes)
    check(Set(log.clientIDs).count == log.clientIDs.count, "a client listed twice", bytes)
    check(
      log.clientIDs.indices.allSatisfy { log.clientIndex(of: log.clientIDs[$0]) == Int32($0) },
      "an incomplete index", bytes)
  case (.failure(let error), .failure(let reference)):
    check(shape(error) == shape(reference), "different errors: \(error) / \(reference)", bytes)
    check(!error.description.isEmpty, "an empty description", bytes)
  case (.success, .failure(let reference)):
    check(false, "decoded what the reference refuses: \(reference)", bytes)
  case (.failure(let error), .success):
    check(false, "refused what the reference decodes: \(error)", bytes)
  }
}

private func outcome(
  _ body: () throws(CSVError) -> PurchaseLog<String>
) -> Result<PurchaseLog<String>, CSVError> {
  Result(catching: body)
}

private func same(
  _ a: Result<PurchaseLog<String>, CSVError>, _ b: Result<PurchaseLog<String>, CSVError>
) -> Bool {
  switch (a, b) {
  case (.success(let x), .success(let y)):
    return x.clientIDs == y.clientIDs && x.clientIndices == y.clientIndices && x.days == y.days
      && x.amounts.map(\.bitPattern) == y.amounts.map(\.bitPattern)
  case (.failure(let x), .failure(let y)):
    return x == y
  default:
    return false
  }
}

/// An error without the wording of its reason, which the reference does not copy.
private func shape(_ error: CSVError) -> CSVError {
  if case .invalidField(let line, let column, let name, _, _) = error {
    return .invalidField(line: line, column: column, name: name, text: "", reason: "")
  }
  return error
}

/// Stops the process, which libFuzzer records as a crash with the input that caused it.
func check(_ condition: Bool, _ message: @autoclosure () -> String, _ input: [UInt8]) {
  if !condition {
    fatalError("\(message()) for input \(input)")
  }
}

private let quote: UInt8 = 0x22
private let comma: UInt8 = 0x2C
private let lineFeed: UInt8 = 0x0A
private let carriageReturn: UInt8 = 0x0D

/// The format of `PurchaseCSVDecoder`, decoded plainly.
struct ReferenceCSVDecoder {
  struct Log {
    var clientIDs: [String] = []
    var clientIndices: [Int32] = []
    var days: [Day] = []
    var amounts: [Double] = []
  }

  let columns: PurchaseCSVDecoder.Columns
  /// Whether a row may have more fields than the header.
  var allowsExtraFields = false

  func decode(_ input: [UInt8]) -> Result<Log, CSVError> {
    Result { () throws(CSVError) in try decodeOrThrow(input) }
  }

  private func decodeOrThrow(_ input: [UInt8]) throws(CSVError) -> Log {
    var reader = Reader(
      bytes: input.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(input.dropFirst(3)) : input)
    reader.skipBlankLines()
    guard !reader.isAtEnd else { throw .emptyInput }
    let headerLine = reader.line
    var header: [String] = []
    while true {
      let field = try reader.field(column: header.count + 1)
      header.append(trimmed(field.content))
      if field.endsRow { break }
    }
    let clientColumn = try position(of: columns.client, in: header, line: headerLine)
    let dayColumn = try position(of: columns.day, in: header, line: headerLine)
    let amountColumn = try position(of: columns.amount, in: header, line: headerLine)

    var log = Log()
    var indexByID: [String: Int32] = [:]
    while true {
      reader.skipBlankLines()
      if reader.isAtEnd { break }
      let rowLine = reader.line
      var column = 0
      var client: Int32 = 0
      var day = Day.epoch
      var amount = 0.0
      while true {
        // A field beyond the header is an error where it starts, unless allowed.
        if column == header.count, !allowsExtraFields {
          throw .tooManyFields(line: reader.line, column: column + 1, expected: header.count)
        }
        let field = try reader.field(column: column + 1)
        func failure(_ reason: String) -> CSVError {
          .invalidField(
            line: field.line, column: column + 1, name: header[column], text: "",
            reason: reason)
        }
        if column == clientColumn {
          // The rule for ids: not empty or only spaces, no control character, UTF-8.
          guard !field.content.isEmpty else { throw failure("empty") }
          guard !field.content.allSatisfy({ $0 == 0x20 }) else { throw failure("blank") }
          guard !field.content.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
            throw failure("a control character")
          }
          guard let id = String(validating: field.content, as: UTF8.self) else {
            throw failure("not UTF-8")
          }
          if let known = indexByID[id] {
            client = known
          } else {
            client = Int32(log.clientIDs.count)
            indexByID[id] = client
            log.clientIDs.append(id)
          }
        }
        if column == dayColumn {
          guard let parsed = try? Day(iso8601: String(decoding: field.content, as: UTF8.self))
          else { throw failure("not a day") }
          day = parsed
        }
        if column == amountColumn {
          // Decimal digits, a point, signs and exponents only; then the standard library.
          let allowed = field.content.allSatisfy { Array("0123456789.+-eE".utf8).contains($0) }
          guard allowed, let value = Double(String(decoding: field.content, as: UTF8.self)),
            value.isFinite
          else { throw failure("not an amount") }
          amount = value
        }
        column += 1
        if field.endsRow { break }
      }
      guard column >= header.count else {
        throw .tooFewFields(
          line: rowLine, column: column + 1, expected: header.count, found: column)
      }
      log.clientIndices.append(client)
      log.days.append(day)
      log.amounts.append(amount)
    }
    return log
  }

  private func position(of name: String, in header: [String], line: Int) throws(CSVError) -> Int {
    let matches = header.indices.filter { header[$0] == name }
    guard let first = matches.first else {
      throw .missingColumn(name, header: header, line: line)
    }
    guard matches.count == 1 else { throw .duplicateColumn(name, header: header, line: line) }
    return first
  }

  private func trimmed(_ bytes: [UInt8]) -> String {
    var slice = bytes[...]
    while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
    while let last = slice.last, last == 0x20 || last == 0x09 { slice = slice.dropLast() }
    return String(decoding: slice, as: UTF8.self)
  }

  /// A cursor over the bytes that reads one field at a time and counts lines.
  private struct Reader {
    let bytes: [UInt8]
    var position = 0
    var line = 1

    var isAtEnd: Bool { position == bytes.count }

    private func byte(at index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipBlankLines() {
      while true {
        if byte(at: position) == lineFeed {
          position += 1
          line += 1
        } else if byte(at: position) == carriageReturn, byte(at: position + 1) == lineFeed {
          position += 2
          line += 1
        } else if byte(at: position) == carriageReturn, position + 1 == bytes.count {
          position += 1
        } else {
          return
        }
      }
    }

    mutating func field(column: Int) throws(CSVError) -> (
      content: [UInt8], line: Int, endsRow: Bool
    ) {
      let startLine = line
      var content: [UInt8] = []
      if byte(at: position) == quote {
        position += 1
        while true {
          guard let next = byte(at: position) else { throw .unterminatedQuote(line: startLine) }
          if next == quote {
            if byte(at: position + 1) == quote {
              content.append(quote)
              position += 2
              continue
            }
            position += 1
            break
          }
          if next == lineFeed { line += 1 }
          content.append(next)
          position += 1
        }
        switch byte(at: position) {
        case nil:
          return (content, startLine, true)
        case comma:
          position += 1
          return (content, startLine, false)
        case lineFeed:
          position += 1
          line += 1
          return (content, startLine, true)
        case carriageReturn where position + 1 == bytes.count:
          position += 1
          return (content, startLine, true)
        case carriageReturn where byte(at: position + 1) == lineFeed:
          position += 2
          line += 1
          return (content, startLine, true)
        default:
          throw .textAfterClosingQuote(line: line, column: column)
        }
      }
      while let next = byte(at: position), next != comma, next != lineFeed {
        content.append(next)
        position += 1
      }
      if byte(at: position) == comma {
        position += 1
        return (content, startLine, false)
      }
      if content.last == carriageReturn { content.removeLast() }
      if byte(at: position) == lineFeed {
        position += 1
        line += 1
      }
      return (content, startLine, true)
    }
  }
}
