// The decoding loop behind `PurchaseCSVDecoder`.
//
// One pass over the bytes with an index, no `String` per row and no allocation per row: the
// three columns of the result are allocated once and written in place, with room for one row
// per line feed plus one (fewer when the input is too short to hold that many rows), which no
// input can exceed; a `String` is made once per distinct client. Three things make it fast:
//
// - Unquoted fields, nearly all of them, are scanned eight bytes at a time for the comma or
//   line feed that ends them (the "has zero byte" trick, Mycroft 1987).
// - Client look-ups are batched. With many clients the id table outgrows the caches and a
//   look-up is a trip to memory; done one per row, the parser waits for each. So rows are
//   parsed in batches that record each client id's key, and then the batch's keys are looked
//   up in a tight loop whose iterations do not depend on each other, which lets the processor
//   have many of those trips in flight at once. Errors still come in row order: a problem in a
//   row is reported only after the rows before it, client ids included, have been checked.
// - With `threadCount` above 1, a large body is cut at line feeds into parts decoded at once,
//   each into its own rows of the result (a part has no more rows than line feeds). A part
//   after the first knows its clients by their bytes only; joining the parts in order numbers
//   them as one pass would, checks them, shifts the parts' line numbers and keeps the first
//   error of the file. A cut that is not a row boundary (a line feed inside a quoted field)
//   shows as the part before it ending past the cut; the part after it is then parsed again,
//   on the joining thread, from where that row ends.

private let lineFeed: UInt8 = 0x0A
private let carriageReturn: UInt8 = 0x0D
private let quote: UInt8 = 0x22
private let comma: UInt8 = 0x2C

/// How many rows are parsed before their client ids are looked up.
private let batchSize = 128

extension PurchaseCSVDecoder {
  /// Decodes the bytes of a purchase export; the work behind every `decode` overload.
  func decodeBytes(_ input: UnsafeBufferPointer<UInt8>) throws(CSVError) -> PurchaseLog<String> {
    guard let p = input.baseAddress, !input.isEmpty else { throw .emptyInput }
    let n = input.count
    var i = 0
    var line = 1
    let fileHeader = try readHeader(p, count: n, position: &i, line: &line)
    let header = fileHeader.names
    let layout = RowLayout(
      client: try fileHeader.requiredColumn(named: columns.client),
      day: try fileHeader.requiredColumn(named: columns.day),
      amount: try fileHeader.requiredColumn(named: columns.amount), header: header,
      allowsExtraFields: allowsExtraFields)

    let boundaries = partBoundaries(p, count: n, bodyStart: i)
    if boundaries.count > 2,
      let log = try decodeParts(p, count: n, boundaries: boundaries, line: line, layout: layout)
    {
      return log
    }
    return try decodeRows(p, count: n, from: i, line: line, layout: layout)
  }

  /// Decodes the rows from `start` to the end on the calling thread.
  private func decodeRows(
    _ p: UnsafePointer<UInt8>, count n: Int, from start: Int, line: Int, layout: RowLayout
  ) throws(CSVError) -> PurchaseLog<String> {
    // A row ends with a line feed, but for the last: no more rows than line feeds plus one.
    let capacity = Swift.min(
      lineFeedCount(p, from: start, until: n) + 1, layout.rowBound(bytes: n - start))
    var clients = ClientRegistry()
    let columns = try ResultColumns.make(capacity: capacity) { targets throws(CSVError) in
      let events = EventColumns(targets, from: 0, capacity: capacity)
      let parsed = try parseRows(
        p, count: n, from: start, until: n, line: line, layout: layout, clients: &clients,
        events: events)
      // Unreachable: the capacity bounds the rows (see above).
      precondition(!parsed.overflowed, "more CSV rows than line feeds")
      return parsed.rows
    }
    return makeLog(clients.ids, columns)
  }

  /// Where the body is cut into parts for the threads: the first position of each part and,
  /// last, the end of the input. Each cut is just after a line feed; the parts' parses check
  /// that it is a row boundary (a line feed may be inside a quoted field).
  func partBoundaries(_ p: UnsafePointer<UInt8>, count n: Int, bodyStart: Int) -> [Int] {
    let bodyBytes = n - bodyStart
    let parts = Swift.min(Swift.max(threadCount, 1), bodyBytes / Swift.max(minimumPartBytes, 1))
    var boundaries = [bodyStart]
    if parts > 1 {
      for part in 1..<parts {
        var j = bodyStart + bodyBytes / parts * part
        while j < n, p[j] != lineFeed { j += 1 }
        j += 1
        if j < n, j > boundaries[boundaries.count - 1] { boundaries.append(j) }
      }
    }
    boundaries.append(n)
    return boundaries
  }

  /// Decodes the body in parts on several threads, then joins them: each part's clients are
  /// numbered after the clients of the parts before it, in order of first appearance, and
  /// its line numbers are shifted by the lines before it; the first problem in the file wins.
  ///
  /// Each part writes its rows straight into the result's columns, from a row no part before
  /// it can reach: a part ending just after a line feed has no more rows than line feeds.
  ///
  /// A cut that is not a row boundary (a quoted field with a line break runs across it) shows
  /// as the part before it ending past the cut; the part after it is parsed again from there,
  /// on the calling thread.
  ///
  /// - Returns: `nil` when a part had more rows than its room, which only a part that ran
  ///   past its cut can: the caller decodes the whole body on one thread instead.
  private func decodeParts(
    _ p: UnsafePointer<UInt8>, count n: Int, boundaries: [Int], line: Int, layout: RowLayout
  ) throws(CSVError) -> PurchaseLog<String>? {
    let parts = boundaries.count - 1
    let input = SendableInput(base: p)
    // Room for each part's rows: an interior part that ends at a row boundary (just after a
    // line feed) has no more rows than line feeds; the last may end without one. A part that
    // needs more ran past its cut, which the join notices.
    let capacities = ParallelWork.map(parts: parts, threads: threadCount) { part in
      let start = boundaries[part]
      let end = boundaries[part + 1]
      return Swift.min(
        lineFeedCount(input.base, from: start, until: end) + (part == parts - 1 ? 1 : 0),
        layout.rowBound(bytes: end - start))
    }
    var regions = [0]
    for part in 0..<parts { regions.append(regions[part] + capacities[part]) }
    let firstRegions = regions
    var clients = ClientRegistry()
    var isOutOfRoom = false
    let columns = try ResultColumns.make(capacity: Swift.max(regions[parts], 1)) {
      targets throws(CSVError) in
      /// Parses the rows of `part` that start from `start` (its cut, or where the part before
      /// it really ended) into the part's own rows of the result.
      @Sendable func parsePart(_ part: Int, from start: Int) -> PartOutcome {
        let events = EventColumns(targets, from: firstRegions[part], capacity: capacities[part])
        var outcome = PartOutcome(events: events)
        func parse<Clients: ClientSink>(into clients: inout Clients) {
          do throws(CSVError) {
            outcome.parsed = try parseRows(
              input.base, count: n, from: start, until: boundaries[part + 1],
              line: part == 0 ? line : 1, layout: layout, clients: &clients, events: events)
          } catch {
            outcome.error = error
          }
        }
        if part == 0 {
          var clients = ClientRegistry()
          parse(into: &clients)
          outcome.registry = clients
        } else {
          var clients = LocalRegistry()
          parse(into: &clients)
          outcome.local = clients
        }
        return outcome
      }
      let outcomes = ParallelWork.map(parts: parts, threads: threadCount) { part in
        parsePart(part, from: boundaries[part])
      }

      // Join the parts in order. Part 0's registry is the one every later part's clients join.
      clients = outcomes[0].registry ?? ClientRegistry()
      if let error = outcomes[0].error { throw error }
      var rows = outcomes[0].parsed.rows
      var previous = outcomes[0].parsed
      for part in 1..<parts {
        guard !previous.overflowed else {
          isOutOfRoom = true
          return 0
        }
        var outcome = outcomes[part]
        if previous.next != boundaries[part] {
          // The part before ran past the cut (a quoted field with a line break): this part
          // started inside a row. Parse it again from where that row really ended; it has no
          // more rows from there than from its cut.
          outcome = parsePart(part, from: previous.next)
        }
        let lineShift = previous.line - 1
        // The part's clients, in order of first appearance, become clients of the whole
        // file: known ones by their bytes, new ones registered (and checked) as the serial
        // parse would.
        let map =
          try outcome.local?.join(into: &clients, lineShift: lineShift, layout: layout) ?? []
        if let error = outcome.error { throw error.shiftingLines(by: lineShift) }
        outcome.events.moveRows(outcome.parsed.rows, to: targets, at: rows, translating: map)
        rows += outcome.parsed.rows
        previous = outcome.parsed
        previous.line += lineShift
      }
      // The last part always has room (see `RowLayout.rowBound`); checked all the same.
      if previous.overflowed {
        isOutOfRoom = true
        return 0
      }
      return rows
    }
    if isOutOfRoom { return nil }
    return makeLog(clients.ids, columns)
  }

  /// The log of the decoded columns.
  private func makeLog(_ ids: [String], _ columns: ResultColumns) -> PurchaseLog<String> {
    do {
      return try PurchaseLog(
        clientIDs: ids, clientIndices: columns.clientIndices, days: columns.days,
        amounts: columns.amounts)
    } catch {
      // The registry hands out each index once, for ids that differ as strings.
      preconditionFailure("the CSV decoder built inconsistent columns: \(error)")
    }
  }
}

/// The number of line feeds in `start..<end`.
///
/// Eight bytes at a time, with no branch per word: a byte of `x` is zero exactly where the
/// input holds a line feed, and `~(((x & lows) + lows) | x | lows)` sets the high bit of
/// exactly those bytes (no borrow crosses bytes). Shifted down, each byte is 0 or 1, and
/// words are added bytewise for up to 254 words before the byte counts are summed.
func lineFeedCount(_ p: UnsafePointer<UInt8>, from start: Int, until end: Int) -> Int {
  let raw = UnsafeRawPointer(p)
  let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
  let lineFeeds: UInt64 = 0x0101_0101_0101_0101 &* UInt64(lineFeed)
  @inline(__always) func flags(_ word: UInt64) -> UInt64 {
    let x = word ^ lineFeeds
    return ~(((x & lows) &+ lows) | x | lows) >> 7
  }
  /// The sum of the eight byte counts of `counts`.
  @inline(__always) func total(_ counts: UInt64) -> Int {
    let pairs = (counts & 0x00FF_00FF_00FF_00FF) &+ (counts >> 8 & 0x00FF_00FF_00FF_00FF)
    return Int(truncatingIfNeeded: (pairs &* 0x0001_0001_0001_0001) >> 48)
  }
  var count = 0
  var j = start
  while j + 32 <= end {
    // Two accumulators, two words each per round: a byte counts at most 254.
    var a: UInt64 = 0
    var b: UInt64 = 0
    var rounds = 0
    while rounds < 127, j + 32 <= end {
      a &+= flags(raw.loadUnaligned(fromByteOffset: j, as: UInt64.self))
      b &+= flags(raw.loadUnaligned(fromByteOffset: j + 8, as: UInt64.self))
      a &+= flags(raw.loadUnaligned(fromByteOffset: j + 16, as: UInt64.self))
      b &+= flags(raw.loadUnaligned(fromByteOffset: j + 24, as: UInt64.self))
      j += 32
      rounds += 1
    }
    count += total(a) + total(b)
  }
  while j < end {
    if p[j] == lineFeed { count += 1 }
    j += 1
  }
  return count
}

/// The three columns of the result, made with room for every row the input can hold and
/// written in place by the parse.
private struct ResultColumns {
  var clientIndices: ContiguousArray<Int32>
  var days: ContiguousArray<Day>
  var amounts: ContiguousArray<Double>

  /// Makes the columns with room for `capacity` rows; `body` writes rows through the targets
  /// and returns how many it wrote from the first. If `body` throws, nothing is kept.
  static func make(
    capacity: Int, _ body: (SendableTargets) throws(CSVError) -> Int
  ) throws(CSVError) -> ResultColumns {
    var failure: CSVError?
    var days = ContiguousArray<Day>()
    var amounts = ContiguousArray<Double>()
    let clientIndices = ContiguousArray<Int32>(columnCapacity: capacity) {
      clientIndices, clientCount in
      days = ContiguousArray(columnCapacity: capacity) { days, dayCount in
        amounts = ContiguousArray(columnCapacity: capacity) { amounts, amountCount in
          let targets = SendableTargets(
            clientIndices: clientIndices.baseAddress!, days: days.baseAddress!,
            amounts: amounts.baseAddress!)
          adviseHugePages(
            clientIndices.baseAddress, byteCount: capacity * MemoryLayout<Int32>.stride)
          adviseHugePages(days.baseAddress, byteCount: capacity * MemoryLayout<Day>.stride)
          adviseHugePages(amounts.baseAddress, byteCount: capacity * MemoryLayout<Double>.stride)
          do throws(CSVError) {
            amountCount = try body(targets)
          } catch {
            failure = error
            amountCount = 0
          }
        }
        dayCount = amounts.count
      }
      clientCount = amounts.count
    }
    if let failure { throw failure }
    return ResultColumns(clientIndices: clientIndices, days: days, amounts: amounts)
  }
}

/// The columns a row is read from, and the header for error messages.
private struct RowLayout: Sendable {
  var client: Int
  var day: Int
  var amount: Int
  var header: [String]
  /// Whether a row may have more fields than the header.
  var allowsExtraFields: Bool
  /// The number of fields a row needs to reach every column read.
  var fieldsNeeded: Int { Swift.max(client, day, amount) + 1 }

  /// The most rows that can start in `bytes` bytes and be kept: a kept row holds a day of 10
  /// bytes or more and a comma between each two of the fields it needs (the client id and the
  /// amount may be the day's own column, when the settings name one column twice), so many
  /// line feeds (blank lines, line breaks in quoted fields) never size the result beyond the
  /// input's own size.
  func rowBound(bytes: Int) -> Int {
    bytes / (10 + fieldsNeeded - 1) + 1
  }
}

/// Where one part's parse stopped.
private struct ParsedRows {
  /// The rows read.
  var rows = 0
  /// The position after the last row read.
  var next = 0
  /// The line at `next`.
  var line = 1
  /// Whether a row was left unread for want of room: the rows outnumber the line feeds of
  /// the part, so its end is not a row boundary.
  var overflowed = false
}

/// Parses the rows that start in `start..<end` (the last of them may run past `end`), from
/// `line`, into `events`; clients go to `clients`.
///
/// A problem is thrown after the client ids of the rows before it (and of its own row, when
/// parsed already) have gone to `clients`, so that an id's own problem, earlier in the file,
/// is found first.
private func parseRows<Clients: ClientSink>(
  _ p: UnsafePointer<UInt8>, count n: Int, from start: Int, until end: Int, line firstLine: Int,
  layout: RowLayout, clients: inout Clients, events: EventColumns
) throws(CSVError) -> ParsedRows {
  let clientColumn = layout.client
  let dayColumn = layout.day
  let amountColumn = layout.amount
  let header = layout.header
  let headerCount = header.count
  // A row stops at the header's width unless extra fields are allowed.
  let fieldLimit = layout.allowsExtraFields ? Int.max : headerCount
  var i = start
  var line = firstLine
  let days = events.days
  let amounts = events.amounts
  var rowCount = 0
  var overflowed = false
  let scratch = DecodingScratch()
  // `pending` points into `scratch`, which must outlive every flush, the last ones included.
  defer { withExtendedLifetime(scratch) {} }
  let pending = scratch.pending
  var pendingCount = 0
  var isFlushFailure = false
  // The current row's client id, once its field is parsed; `line` is 0 when there is none.
  var client = PendingClient(bytes: p, key: ClientIDKey(), line: 0)

  do throws(CSVError) {
    while true {
      i = skipBlankLines(p, count: n, from: i, until: end, line: &line)
      guard i < end else { break }
      // Room for this row before any of its fields is read: its client index may be written
      // early, by a flush for an escaped id or for an error later in the row.
      if rowCount == events.capacity {
        overflowed = true
        break
      }
      let rowLine = line
      var field = 0
      client.line = 0
      var day = Day.epoch
      var amount = 0.0
      while true {
        let fieldLine = line
        if field == fieldLimit {
          throw .tooManyFields(line: fieldLine, column: field &+ 1, expected: headerCount)
        }
        let span = try scanField(p, count: n, at: i, line: &line, column: field &+ 1)
        i = span.next
        if field == clientColumn || field == dayColumn || field == amountColumn {
          var bytes = p + span.start
          var count = span.end &- span.start
          if span.hasEscapedQuotes {
            count = scratch.unescape(bytes, count: count)
            bytes = UnsafePointer(scratch.unescaped)
          }
          let site = FieldSite(line: fieldLine, column: field)
          if field == clientColumn {
            if count == 0 {
              throw site.error(bytes, count: 0, reason: "the client id is empty", header: header)
            }
            client = PendingClient(
              bytes: bytes, key: ClientIDKey(bytes, count: count), line: fieldLine)
            if span.hasEscapedQuotes {
              // The unescaped bytes live until the next escaped field: resolve this id now,
              // after the ids before it so that clients keep their order of appearance.
              isFlushFailure = true
              try flush(pending, &pendingCount, &clients, events, clientColumn, header)
              pending[0] = client
              pendingCount = 1
              try flush(pending, &pendingCount, &clients, events, clientColumn, header)
              isFlushFailure = false
              client.line = 0  // resolved already
            }
          }
          if field == dayColumn {
            day = try parseDay(bytes, count: count, site, header: header)
          }
          if field == amountColumn {
            amount = try parseAmount(bytes, count: count, site, header: header)
          }
        }
        field &+= 1
        if span.endsRow { break }
      }
      guard field >= headerCount else {
        throw .tooFewFields(
          line: rowLine, column: field &+ 1, expected: headerCount, found: field)
      }
      days[rowCount] = day
      amounts[rowCount] = amount
      rowCount &+= 1
      if client.line != 0 {
        pending[pendingCount] = client
        pendingCount &+= 1
        if pendingCount == batchSize {
          isFlushFailure = true
          try flush(pending, &pendingCount, &clients, events, clientColumn, header)
          isFlushFailure = false
        }
      }
    }
  } catch {
    // A problem found while parsing a row comes after any in the rows before it, and in
    // the fields of its own row before it: the client id, when it was parsed already.
    if !isFlushFailure {
      if client.line != 0 {
        pending[pendingCount] = client
        pendingCount += 1
      }
      try flush(pending, &pendingCount, &clients, events, clientColumn, header)
    }
    throw error
  }
  try flush(pending, &pendingCount, &clients, events, clientColumn, header)

  return ParsedRows(rows: rowCount, next: i, line: line, overflowed: overflowed)
}

// MARK: - Fields

/// Where one field lies in the input, and how it ends.
struct FieldSpan {
  /// The content's first byte (after an opening quote).
  var start: Int
  /// One past the content's last byte (before a closing quote or the CR of a CRLF).
  var end: Int
  /// Where the next field or row begins.
  var next: Int
  /// Whether the content holds doubled quotes that stand for one quote each.
  var hasEscapedQuotes: Bool
  /// Whether the row ends after this field.
  var endsRow: Bool
}

/// Scans the field that begins at `position`, advancing `line` past line breaks it consumes.
@inline(__always)
func scanField(
  _ p: UnsafePointer<UInt8>, count n: Int, at position: Int, line: inout Int, column: Int
) throws(CSVError) -> FieldSpan {
  if position < n, p[position] == quote {
    return try scanQuotedField(p, count: n, at: position, line: &line, column: column)
  }
  var j = delimiter(p, count: n, from: position)
  var end = j
  if j < n, p[j] == comma {
    return FieldSpan(
      start: position, end: end, next: j + 1, hasEscapedQuotes: false, endsRow: false)
  }
  // The row ends at a line feed or at the end of the input; a CR before either belongs to
  // the line ending, not to the field.
  if end > position, p[end - 1] == carriageReturn { end -= 1 }
  if j < n {
    line += 1
    j += 1
  }
  return FieldSpan(start: position, end: end, next: j, hasEscapedQuotes: false, endsRow: true)
}

/// The position of the first comma or line feed at or after `position`, or `n`.
@inline(__always)
private func delimiter(_ p: UnsafePointer<UInt8>, count n: Int, from position: Int) -> Int {
  let ones: UInt64 = 0x0101_0101_0101_0101
  let highs: UInt64 = 0x8080_8080_8080_8080
  let commas = ones &* UInt64(comma)
  let lineFeeds = ones &* UInt64(lineFeed)
  let raw = UnsafeRawPointer(p)
  var j = position
  while j + 8 <= n {
    let word = raw.loadUnaligned(fromByteOffset: j, as: UInt64.self).littleEndian
    let c = word ^ commas
    let l = word ^ lineFeeds
    // A byte of `c` or `l` is zero where `word` holds the delimiter; the lowest flagged byte
    // is exact (borrows only reach bytes above a zero byte).
    let found = ((c &- ones) & ~c | (l &- ones) & ~l) & highs
    if found != 0 { return j + found.trailingZeroBitCount >> 3 }
    j += 8
  }
  while j < n, p[j] != comma, p[j] != lineFeed { j += 1 }
  return j
}

@inline(never)
private func scanQuotedField(
  _ p: UnsafePointer<UInt8>, count n: Int, at position: Int, line: inout Int, column: Int
) throws(CSVError) -> FieldSpan {
  let openingLine = line
  var j = position + 1
  var hasEscapedQuotes = false
  while true {
    guard j < n else { throw .unterminatedQuote(line: openingLine) }
    let byte = p[j]
    if byte == quote {
      if j + 1 < n, p[j + 1] == quote {
        hasEscapedQuotes = true
        j += 2
        continue
      }
      break
    }
    if byte == lineFeed { line += 1 }
    j += 1
  }
  var span = FieldSpan(
    start: position + 1, end: j, next: j + 1, hasEscapedQuotes: hasEscapedQuotes,
    endsRow: true)
  j += 1  // past the closing quote
  if j == n { return span }
  switch p[j] {
  case comma:
    span.endsRow = false
    span.next = j + 1
    return span
  case lineFeed:
    line += 1
    span.next = j + 1
    return span
  case carriageReturn where j + 1 == n:
    span.next = n
    return span
  case carriageReturn where p[j + 1] == lineFeed:
    line += 1
    span.next = j + 2
    return span
  default:
    throw .textAfterClosingQuote(line: line, column: column)
  }
}

/// Reads the header of CSV bytes: skips a byte-order mark and blank lines, then reads the names
/// of the first row (unquoted, trimmed of surrounding spaces and tabs).
///
/// - Parameters:
///   - p: The bytes.
///   - n: Their count.
///   - i: In: 0. Out: the position of the first byte after the header's row.
///   - line: In: 1. Out: the line after the header's.
/// - Returns: The names and the header's line.
/// - Throws: ``CSVError/emptyInput`` when there is no header; a quoting error in the header.
func readHeader(
  _ p: UnsafePointer<UInt8>, count n: Int, position i: inout Int, line: inout Int
) throws(CSVError) -> CSVHeader {
  if n >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { i = 3 }
  i = skipBlankLines(p, count: n, from: i, until: n, line: &line)
  guard i < n else { throw .emptyInput }
  let headerLine = line
  var names: [String] = []
  while true {
    let span = try scanField(p, count: n, at: i, line: &line, column: names.count + 1)
    names.append(headerName(p, span))
    i = span.next
    if span.endsRow { break }
  }
  return CSVHeader(names: names, line: headerLine)
}

/// Skips empty lines (LF or CRLF with nothing before them) starting at `position`, as long as
/// they start before `end`.
@inline(__always)
func skipBlankLines(
  _ p: UnsafePointer<UInt8>, count n: Int, from position: Int, until end: Int, line: inout Int
) -> Int {
  var i = position
  while i < end {
    if p[i] == lineFeed {
      line += 1
      i += 1
    } else if p[i] == carriageReturn, i + 1 < n, p[i + 1] == lineFeed {
      line += 1
      i += 2
    } else if p[i] == carriageReturn, i + 1 == n {
      i += 1
    } else {
      break
    }
  }
  return i
}

/// The header name in `span`, unquoted and trimmed of surrounding spaces and tabs.
func headerName(_ p: UnsafePointer<UInt8>, _ span: FieldSpan) -> String {
  var bytes: [UInt8] = []
  var k = span.start
  while k < span.end {
    bytes.append(p[k])
    // Inside a quoted field quotes come in pairs, each pair standing for one quote.
    k += span.hasEscapedQuotes && p[k] == quote ? 2 : 1
  }
  let isBlank = { (byte: UInt8) in byte == 0x20 || byte == 0x09 }
  let first = bytes.firstIndex { !isBlank($0) } ?? bytes.endIndex
  let last = bytes.lastIndex { !isBlank($0) }.map { $0 + 1 } ?? first
  return String(decoding: bytes[first..<last], as: UTF8.self)
}

/// Where a field is, for an error message.
private struct FieldSite {
  var line: Int
  /// 0-based.
  var column: Int

  @inline(never)
  func error(
    _ bytes: UnsafePointer<UInt8>, count: Int, reason: String, header: [String]
  ) -> CSVError {
    let cut = Swift.min(count, 256)
    let text = String(decoding: UnsafeBufferPointer(start: bytes, count: cut), as: UTF8.self)
    let shown = text.count > 40 || cut < count ? text.prefix(40) + "…" : text
    return .invalidField(
      line: line, column: column + 1, name: header[column], text: shown, reason: reason)
  }
}

/// Memory the decoding loop reuses from row to row, freed however decoding ends.
private final class DecodingScratch {
  /// The rows whose client ids await look-up, `batchSize` of them.
  let pending: UnsafeMutablePointer<PendingClient>
  /// The content of the last field whose doubled quotes were collapsed.
  private(set) var unescaped: UnsafeMutablePointer<UInt8>
  private var unescapedCapacity: Int

  init() {
    pending = .allocate(capacity: batchSize)
    unescapedCapacity = 256
    unescaped = .allocate(capacity: unescapedCapacity)
  }

  deinit {
    pending.deallocate()
    unescaped.deallocate()
  }

  /// Copies `count` bytes at `source` into ``unescaped``, each `""` collapsed to `"`.
  ///
  /// - Returns: The number of bytes written.
  func unescape(_ source: UnsafePointer<UInt8>, count: Int) -> Int {
    if count > unescapedCapacity {
      unescaped.deallocate()
      unescapedCapacity = Swift.max(count, unescapedCapacity * 2)
      unescaped = .allocate(capacity: unescapedCapacity)
    }
    var written = 0
    var i = 0
    while i < count {
      let byte = source[i]
      unescaped[written] = byte
      written += 1
      // Inside a quoted field quotes come in pairs.
      i += byte == quote ? 2 : 1
    }
    return written
  }
}

/// One part's window into the result's columns: its rows start at a given row.
///
/// Rows get their day and amount as they are parsed, and their client index a batch later.
private final class EventColumns {
  let capacity: Int
  let clientIndices: UnsafeMutablePointer<Int32>
  let days: UnsafeMutablePointer<Day>
  let amounts: UnsafeMutablePointer<Double>
  /// The rows whose client index is written, a prefix of the rows parsed.
  var resolvedCount = 0

  /// The window of `capacity` rows from row `start` of `targets`.
  init(_ targets: SendableTargets, from start: Int, capacity: Int) {
    self.capacity = capacity
    clientIndices = targets.clientIndices + start
    days = targets.days + start
    amounts = targets.amounts + start
  }

  /// Moves this window's first `rows` rows to row `row` of `targets` (at or before the
  /// window's start), with client indices translated through `map`.
  func moveRows(
    _ rows: Int, to targets: SendableTargets, at row: Int, translating map: ContiguousArray<Int32>
  ) {
    let clientTargets = targets.clientIndices + row
    map.withUnsafeBufferPointer { map in
      // Forward: a row is written at or before where it is read, after it is read.
      for k in 0..<rows { clientTargets[k] = map[Int(clientIndices[k])] }
    }
    if days != targets.days + row {
      (targets.days + row).moveInitialize(from: days, count: rows)
      (targets.amounts + row).moveInitialize(from: amounts, count: rows)
    }
  }
}

// MARK: - Parts

/// The input, handed to the threads that decode its parts; only read, and only while the
/// decoding call runs.
private struct SendableInput: @unchecked Sendable {
  let base: UnsafePointer<UInt8>
}

/// What one thread made of its part. Handed back to the decoding thread after the part's
/// thread has finished (joined), and used by it alone.
private struct PartOutcome: @unchecked Sendable {
  let events: EventColumns
  var parsed = ParsedRows()
  /// The part's first problem, with lines counted from the part's start.
  var error: CSVError?
  /// The first part's clients.
  var registry: ClientRegistry?
  /// A later part's clients.
  var local: LocalRegistry?

  init(events: EventColumns) {
    self.events = events
  }
}

/// The result's columns, written by several threads, each to its own rows.
private struct SendableTargets: @unchecked Sendable {
  let clientIndices: UnsafeMutablePointer<Int32>
  let days: UnsafeMutablePointer<Day>
  let amounts: UnsafeMutablePointer<Double>
}

// MARK: - Clients

/// A row's client id waiting to be looked up.
private struct PendingClient {
  var bytes: UnsafePointer<UInt8>
  var key: ClientIDKey
  /// Where the field starts; 0 once the id has been resolved.
  var line: Int
}

/// Where a parse sends the clients it meets: a byte table to find known ids, and a way to
/// register new ones.
private protocol ClientSink {
  /// The ids registered so far, by their bytes.
  var table: ClientIDInterner { get }

  /// The index of a client the byte table does not know, registering it if it is new.
  mutating func register(
    _ bytes: UnsafePointer<UInt8>, key: ClientIDKey, site: FieldSite, header: [String]
  ) throws(CSVError) -> Int32
}

extension ClientSink {
  /// Refuses a new id the tables cannot hold: one of 2^32 bytes or more, or one client more
  /// than `registered` when that many already use every index an `Int32` has.
  func checkRoom(
    _ bytes: UnsafePointer<UInt8>, count: Int, registered: Int, site: FieldSite, header: [String]
  ) throws(CSVError) {
    guard count <= Int(UInt32.max) else {
      throw site.error(bytes, count: count, reason: "the client id is too long", header: header)
    }
    guard registered < Int(Int32.max) else {
      throw site.error(
        bytes, count: count, reason: "more than \(Int32.max) distinct clients", header: header)
    }
  }
}

/// The distinct clients met so far, as strings, and the byte table that finds them.
private struct ClientRegistry: ClientSink {
  let table = ClientIDInterner()
  var ids: [String] = []
  /// Every id by its string, kept once a non-ASCII id has appeared.
  ///
  /// Distinct ASCII byte sequences are distinct strings, so the byte table suffices until
  /// then; after, two byte sequences may be one string (canonical equivalence) and each new
  /// id is checked here.
  var indexByString: [String: Int32]?

  /// The index of a client the byte table does not know, registering it if it is new.
  @inline(never)
  mutating func register(
    _ bytes: UnsafePointer<UInt8>, key: ClientIDKey, site: FieldSite, header: [String]
  ) throws(CSVError) -> Int32 {
    let count = key.count
    try checkRoom(
      bytes, count: count, registered: Swift.max(ids.count, table.count), site: site,
      header: header)
    let buffer = UnsafeBufferPointer(start: bytes, count: count)
    if let problem = clientIDByteProblem(buffer) {
      throw site.error(bytes, count: count, reason: problem, header: header)
    }
    let isASCII = buffer.allSatisfy { $0 < 0x80 }
    // ASCII is valid UTF-8: the common case skips the general validation.
    let id: String
    if isASCII {
      id = String(decoding: buffer, as: UTF8.self)
    } else if let valid = String(validating: buffer, as: UTF8.self) {
      id = valid
    } else {
      throw site.error(
        bytes, count: count, reason: "the client id is not valid UTF-8", header: header)
    }
    if indexByString == nil, !isASCII {
      var index = [String: Int32](minimumCapacity: ids.count * 2)
      for (position, known) in ids.enumerated() { index[known] = Int32(position) }
      indexByString = index
    }
    let client: Int32
    if let known = indexByString?[id] {
      client = known
    } else {
      client = Int32(ids.count)
      ids.append(id)
      indexByString?[id] = client
    }
    table.insert(bytes, key: key, client: client)
    return client
  }
}

/// The clients of one part of the input after the first, known by their bytes only: no
/// `String` is made and nothing is checked beyond the bytes until the part is joined to the
/// parts before it.
private struct LocalRegistry: ClientSink {
  let table = ClientIDInterner()
  /// The bytes of every id, one after another (an id with escaped quotes exists in the input
  /// only in its escaped form, so ids are copied).
  var bytes: [UInt8] = []
  /// Where each id's bytes start in ``bytes``; one more entry marks the end of the last.
  var starts: ContiguousArray<Int> = [0]
  /// The line (of the part) where each id first appears.
  var lines: ContiguousArray<Int> = []

  mutating func register(
    _ bytes: UnsafePointer<UInt8>, key: ClientIDKey, site: FieldSite, header: [String]
  ) throws(CSVError) -> Int32 {
    let count = key.count
    try checkRoom(bytes, count: count, registered: lines.count, site: site, header: header)
    let client = Int32(truncatingIfNeeded: lines.count)
    self.bytes.append(contentsOf: UnsafeBufferPointer(start: bytes, count: count))
    starts.append(self.bytes.count)
    lines.append(site.line)
    table.insert(bytes, key: key, client: client)
    return client
  }

  /// Makes this part's clients clients of the whole input, in order of first appearance:
  /// an id `clients` knows keeps its index, a new one is registered (and checked) there.
  ///
  /// - Parameter lineShift: The lines before this part, for errors.
  /// - Returns: The whole input's index of each of this part's clients.
  func join(into clients: inout ClientRegistry, lineShift: Int, layout: RowLayout)
    throws(CSVError) -> ContiguousArray<Int32>
  {
    let count = lines.count
    var map = ContiguousArray<Int32>(repeating: 0, count: count)
    var failure: CSVError?
    bytes.withUnsafeBufferPointer { arena in
      // With no id longer than zero bytes the arena is empty; ids are never empty.
      guard let base = arena.baseAddress else { return }
      var keys = ContiguousArray<ClientIDKey>(repeating: ClientIDKey(), count: batchSize)
      var start = 0
      while start < count {
        let end = Swift.min(start + batchSize, count)
        // As in `flush`: the batch's first slots are loaded together.
        var words: UInt64 = 0
        for j in start..<end {
          keys[j - start] = ClientIDKey(base + starts[j], count: starts[j + 1] - starts[j])
          words &+= clients.table.firstSlotWord(keys[j - start])
        }
        clients.table.keep(words)
        for j in start..<end {
          let key = keys[j - start]
          let idBytes = base + starts[j]
          if let client = clients.table.client(idBytes, key: key) {
            map[j] = client
            continue
          }
          do throws(CSVError) {
            map[j] = try clients.register(
              idBytes, key: key, site: FieldSite(line: lines[j] + lineShift, column: layout.client),
              header: layout.header)
          } catch {
            failure = error
            return
          }
        }
        start = end
      }
    }
    if let failure { throw failure }
    return map
  }
}

/// Looks up the pending rows' clients in row order, writing their indices.
@inline(__always)
private func flush<Clients: ClientSink>(
  _ pending: UnsafeMutablePointer<PendingClient>, _ pendingCount: inout Int,
  _ clients: inout Clients, _ events: EventColumns, _ clientColumn: Int,
  _ header: [String]
) throws(CSVError) {
  let count = pendingCount
  pendingCount = 0
  let clientIndices = events.clientIndices
  var resolved = events.resolvedCount
  defer { events.resolvedCount = resolved }
  let table = clients.table
  var words: UInt64 = 0
  for k in 0..<count { words &+= table.firstSlotWord(pending[k].key) }
  table.keep(words)
  for k in 0..<count {
    let row = pending[k]
    if let client = clients.table.client(row.bytes, key: row.key) {
      clientIndices[resolved] = client
    } else {
      let site = FieldSite(line: row.line, column: clientColumn)
      clientIndices[resolved] = try clients.register(
        row.bytes, key: row.key, site: site, header: header)
    }
    resolved &+= 1
  }
}

// MARK: - Days and amounts

@inline(__always)
private func parseDay(
  _ bytes: UnsafePointer<UInt8>, count: Int, _ site: FieldSite, header: [String]
) throws(CSVError) -> Day {
  if count == 10, let day = Day(isoTenBytes: bytes) { return day }
  return try parseDaySlowly(bytes, count: count, site, header: header)
}

@inline(never)
private func parseDaySlowly(
  _ bytes: UnsafePointer<UInt8>, count: Int, _ site: FieldSite, header: [String]
) throws(CSVError) -> Day {
  guard count > 0 else {
    throw site.error(bytes, count: count, reason: "the date is empty", header: header)
  }
  let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
  do {
    // The expanded form (`+10000-01-01`) is valid ISO 8601 too; anything else gets a reason.
    return try Day(iso8601: text)
  } catch {
    throw site.error(bytes, count: count, reason: dayRejection(error), header: header)
  }
}

@inline(__always)
private func parseAmount(
  _ bytes: UnsafePointer<UInt8>, count: Int, _ site: FieldSite, header: [String]
) throws(CSVError) -> Double {
  if let value = parsePlainDecimal(bytes, count: count) { return value }
  let scan = scanDecimal(bytes, count: count)
  if case .value(let value) = scan { return value }
  throw site.error(
    bytes, count: count, reason: decimalRejection(bytes, count: count, scan: scan),
    header: header)
}
