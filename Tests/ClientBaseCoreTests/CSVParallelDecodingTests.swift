import Testing

@testable import ClientBaseCore

// The threaded decoder must give exactly what one thread gives: the same events in the same
// order, the same client numbering, the same first error at the same line. Inputs here are
// small, so the decoders under test cut them into parts of a few bytes.

/// A decoder that cuts even a tiny input into parts for `threads` threads.
private func partsDecoder(threads: Int, minimumPartBytes: Int) -> PurchaseCSVDecoder {
  var decoder = PurchaseCSVDecoder(threadCount: threads)
  decoder.minimumPartBytes = minimumPartBytes
  return decoder
}

private func outcome(_ decoder: PurchaseCSVDecoder, _ bytes: [UInt8]) -> Result<
  PurchaseLog<String>, CSVError
> {
  Result { () throws(CSVError) in try decoder.decode(bytes) }
}

/// Whether two outcomes are the same log, bit for bit, or the same error.
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

/// The number of parts `decoder` cuts `bytes` into (the body starts after the first line).
private func partCount(_ decoder: PurchaseCSVDecoder, _ bytes: [UInt8]) -> Int {
  let bodyStart = (bytes.firstIndex(of: 0x0A) ?? bytes.count - 1) + 1
  return bytes.withUnsafeBufferPointer {
    decoder.partBoundaries($0.baseAddress!, count: bytes.count, bodyStart: bodyStart).count - 1
  }
}

/// A client id in one of many spellings: plain, quoted, with escaped quotes, with a comma
/// inside quotes, long, and non-ASCII in two canonically equivalent forms (one client).
private func clientField(_ k: Int, _ random: inout SplitMix) -> String {
  switch random.below(9) {
  case 0: return "\"c\(k)\""
  case 1: return "\"c\"\"\(k)\""
  case 2: return "\"comma, space \(k)\""
  case 3: return "a-client-identifier-longer-than-sixteen-bytes-\(k)"
  case 4: return "caf\u{E9}-\(k)"
  case 5: return "cafe\u{301}-\(k)"
  default: return "c\(k)"
  }
}

/// A purchase export with every feature the format allows, and, when `withError`, one bad
/// row somewhere.
private func randomExport(seed: UInt64, rows: Int, withError: Bool) -> [UInt8] {
  var random = SplitMix(seed: seed)
  var text = random.chance(50) ? "client_id,date,amount,note\n" : "note,amount,client_id,date\r\n"
  let amountFirst = text.hasPrefix("note")
  let badRow = withError ? random.below(rows) : -1
  for row in 0..<rows {
    if random.chance(5) { text += random.chance(50) ? "\n" : "\r\n" }
    var client = clientField(random.below(rows / 3 + 1), &random)
    var day = "2024-0\(1 + random.below(9))-\(10 + random.below(18))"
    var amount = "\(random.below(100_000)).\(random.below(100))"
    var note = random.chance(20) ? "\"a note,\nover \"\"two\"\" lines\"" : "n\(row)"
    var dropsNote = false
    if row == badRow {
      switch random.below(11) {
      case 0: day = "2024-02-30"
      case 1: amount = "1.2.3"
      case 2: client = "\"\""
      case 3: client = "\u{FFFD}bad"  // replaced by invalid UTF-8 below
      case 4: note = "\"closed\"early"
      case 5: client = "\"   \""
      case 6: client = "\"c\u{0}\(row)\""
      case 7: client = "\"line\nbreak\""
      case 8: amount = "1,5"  // one field too many
      case 9: dropsNote = true  // one field too few
      default: amount = "nan"
      }
    }
    var fields = amountFirst ? [note, amount, client, day] : [client, day, amount, note]
    if dropsNote { fields.removeAll { $0 == note } }
    text += fields.joined(separator: ",")
    if row < rows - 1 || random.chance(50) { text += random.chance(30) ? "\r\n" : "\n" }
  }
  var bytes = Array(text.utf8)
  // U+FFFD is EF BF BD in UTF-8; a lone FF in its place is not UTF-8.
  if let start = bytes.indices.first(where: {
    bytes[$0] == 0xEF && $0 + 2 < bytes.count && bytes[$0 + 1] == 0xBF && bytes[$0 + 2] == 0xBD
  }) {
    bytes.replaceSubrange(start..<start + 3, with: [0xFF])
  }
  return bytes
}

@Suite("PurchaseCSVDecoder: threads")
struct CSVParallelDecodingTests {
  @Test("threaded decoding gives the serial log, client numbering included", arguments: 0..<40)
  func sameLog(seed: UInt64) throws {
    let bytes = randomExport(seed: seed, rows: 60 + Int(seed) * 7, withError: false)
    let serial = outcome(PurchaseCSVDecoder(), bytes)
    guard case .success(let log) = serial else {
      Issue.record("the export does not decode: \(serial)")
      return
    }
    #expect(log.count > 0)
    for (threads, minimum) in [(2, 1), (3, 16), (4, 40), (7, 5)] {
      let decoder = partsDecoder(threads: threads, minimumPartBytes: minimum)
      #expect(partCount(decoder, bytes) > 1)
      let threaded = outcome(decoder, bytes)
      #expect(same(serial, threaded), "threads \(threads), parts of \(minimum) bytes")
    }
  }

  @Test("threaded decoding finds the serial first error, at the same line", arguments: 0..<60)
  func sameError(seed: UInt64) throws {
    let bytes = randomExport(seed: 1_000 + seed, rows: 80, withError: true)
    let serial = outcome(PurchaseCSVDecoder(), bytes)
    guard case .failure = serial else {
      Issue.record("the export has no error")
      return
    }
    for (threads, minimum) in [(2, 1), (3, 16), (5, 3)] {
      let threaded = outcome(partsDecoder(threads: threads, minimumPartBytes: minimum), bytes)
      #expect(same(serial, threaded), "threads \(threads): \(serial) / \(threaded)")
    }
  }

  @Test("a cut inside a quoted field falls back to one thread")
  func cutInsideQuotes() throws {
    // The body is one row whose note holds many line breaks: every cut lands inside it.
    let note = (0..<200).map { "line \($0)" }.joined(separator: "\n")
    let text = "client_id,date,amount,note\nc1,2024-01-02,5,\"\(note)\"\nc2,2024-01-03,6,x\n"
    let bytes = Array(text.utf8)
    let decoder = partsDecoder(threads: 4, minimumPartBytes: 1)
    #expect(partCount(decoder, bytes) == 4)
    let log = try decoder.decode(bytes)
    #expect(log.clientIDs == ["c1", "c2"])
    #expect(log.amounts == [5, 6])
    // An error after the long row keeps its line.
    let bad = Array((text + "c3,2024-13-01,1\n").utf8)
    #expect(
      outcome(decoder, bad).failureLine == 203,
      "the bad row is on line 203: \(outcome(decoder, bad))")
    #expect(same(outcome(PurchaseCSVDecoder(), bad), outcome(decoder, bad)))
  }

  @Test("every way of cutting a tricky export gives the serial result")
  func everyCut() throws {
    // Quoted fields holding CRLF and LF, blank lines of both kinds, a row spanning lines,
    // rows without a final line break: cut by 2 to 40 threads at every part size that cuts.
    let text =
      "client_id,date,amount,note\r\n\r\n"
      + "c1,2024-01-02,5,\"a\r\nb\"\r\n\n\n"
      + "\"c\r\n2\",2024-01-03,6,x\n"
      + "c3,2024-01-04,7,\"\n\n\n\"\r\n\r\n"
      + "c1,2024-01-05,8,\"\"\"\"\n"
      + "c4,2024-01-06,9,\"q\nq\nq\"\n"
      + "c2,2024-01-07,1,y"
    for tail in ["", "\n", "\r\n", "\nc5,2024-02-30,1,z\n", "\nc5,2024-02-01,1,\"open\n"] {
      let bytes = Array((text + tail).utf8)
      let serial = outcome(PurchaseCSVDecoder(), bytes)
      for threads in 2...40 {
        for minimum in [1, 3] {
          let decoder = partsDecoder(threads: threads, minimumPartBytes: minimum)
          #expect(
            same(serial, outcome(decoder, bytes)),
            "tail \(tail.debugDescription), \(threads) threads")
        }
      }
    }
  }

  @Test("blank lines and line breaks in quotes do not size the result beyond the input")
  func resultSize() throws {
    // 200,000 line feeds, three rows: room for a row per line feed would be 3.2 MB.
    let blank = String(repeating: "\n", count: 100_000)
    let note = String(repeating: "\n", count: 100_000)
    let text =
      "client_id,date,amount,note\n" + blank + "c1,2024-01-02,5,\"\(note)\"\n"
      + "c2,2024-01-03,6,x\nc3,2024-01-04,7,y\n"
    let bytes = Array(text.utf8)
    for decoder in [PurchaseCSVDecoder(), partsDecoder(threads: 3, minimumPartBytes: 1)] {
      let log = try decoder.decode(bytes)
      #expect(log.count == 3)
      // A kept row takes at least 12 bytes: a 10-byte day and two commas (the allocator may
      // round the room up a little). Room for a row per line feed would be 200,000 rows.
      #expect(log.days.capacity <= bytes.count / 12 + 16)
      #expect(log.amounts.capacity <= bytes.count / 12 + 16)
    }
  }

  @Test("columns named twice in the settings still decode every row, on any thread count")
  func sharedColumns() throws {
    // One column is both the client and the day: the shortest rows there are, 12 bytes.
    let rows = (0..<5_000).map { "2024-01-\(10 + $0 % 18),\($0 % 10)" }
    let text = "when,amount\n" + rows.joined(separator: "\n") + "\n"
    for threads in [1, 2, 3] {
      var decoder = partsDecoder(threads: threads, minimumPartBytes: 1)
      decoder.columns = .init(client: "when", day: "when", amount: "amount")
      let log = try decoder.decode(text)
      #expect(log.count == 5_000)
      #expect(log.clientIDs.count == 18)
      #expect(log.amounts[4_999] == 9)
    }
  }

  @Test("a later part's bad client id comes before a later problem in that part")
  func badIDBeforeLaterProblem() throws {
    // The second half holds an id that is not UTF-8 on line 7 and a bad date on line 9: the
    // second part sees both, but only the join checks the id, which must still win.
    var bytes = Array("client_id,date,amount\n".utf8)
    for row in 0..<8 {
      let id: [UInt8] = row == 5 ? [0x63, 0xFF] : Array("c\(row)".utf8)
      let day = row == 7 ? "2024-02-31" : "2024-02-0\(row + 1)"
      bytes += id + Array(",\(day),1\n".utf8)
    }
    let decoder = partsDecoder(threads: 2, minimumPartBytes: 1)
    #expect(partCount(decoder, bytes) == 2)
    let threaded = outcome(decoder, bytes)
    guard case .failure(.invalidField(let line, let column, _, _, let reason)) = threaded else {
      Issue.record("expected an invalid field, got \(threaded)")
      return
    }
    #expect(line == 7)
    #expect(column == 1)
    #expect(reason.contains("UTF-8"))
    #expect(same(outcome(PurchaseCSVDecoder(), bytes), threaded))
  }

  @Test("clients spelled differently in different parts are one client")
  func equivalentSpellingsAcrossParts() throws {
    // "é" precomposed in the first half, decomposed in the second: one client as a String.
    let first = (0..<20).map { "caf\u{E9},2024-03-\(10 + $0),1" }
    let second = (0..<20).map { "cafe\u{301},2024-04-\(10 + $0),2" }
    let text = "client_id,date,amount\n" + (first + second).joined(separator: "\n")
    let decoder = partsDecoder(threads: 2, minimumPartBytes: 1)
    let log = try decoder.decode(Array(text.utf8))
    #expect(log.clientIDs.count == 1)
    #expect(log.clientIndices.allSatisfy { $0 == 0 })
    #expect(log.count == 40)
  }

  @Test("thread counts below one decode on one thread; small inputs are not cut")
  func settings() throws {
    let text = "client_id,date,amount\nc1,2024-01-02,5\nc2,2024-01-03,6\n"
    for threads in [-3, 0, 1] {
      let decoder = partsDecoder(threads: threads, minimumPartBytes: 1)
      #expect(partCount(decoder, Array(text.utf8)) == 1)
      #expect(try decoder.decode(text).count == 2)
    }
    #expect(partCount(PurchaseCSVDecoder(threadCount: 8), Array(text.utf8)) == 1)
  }
}

extension Result where Failure == CSVError {
  /// The line of the error, when there is one with a line.
  fileprivate var failureLine: Int? {
    guard case .failure(let error) = self else { return nil }
    switch error {
    case .unterminatedQuote(let line), .textAfterClosingQuote(let line, _),
      .invalidField(let line, _, _, _, _), .tooFewFields(let line, _, _, _),
      .tooManyFields(let line, _, _):
      return line
    case .emptyInput, .missingColumn, .duplicateColumn:
      return nil
    }
  }
}

@Suite("PurchaseCSVDecoder: line-feed count")
struct LineFeedCountTests {
  @Test("the word-at-a-time count equals a byte-by-byte count", arguments: [0, 1, 2, 3])
  func count(seed: UInt64) {
    var rng = SplitMix(seed: seed)
    // Dense line feeds (every byte one, then nine in ten) push the per-byte counters to their
    // limit; sparse ones and bytes near 0x0A (0x0B, 0x8A) test that nothing else counts.
    let densities = [100, 90, 50, 4, 0]
    for density in densities {
      let length = 20_000 + rng.below(100)
      let bytes: [UInt8] = (0..<length).map { _ in
        rng.chance(density) ? 0x0A : rng.pick([0x0B, 0x8A, 0x09, 0x00, 0xFF, 0x2C, 0x61])
      }
      bytes.withUnsafeBufferPointer { buffer in
        for (start, end) in [(0, length), (3, length - 5), (17, 17), (1, 40)] {
          let expected = bytes[start..<end].filter { $0 == 0x0A }.count
          #expect(
            lineFeedCount(buffer.baseAddress!, from: start, until: end) == expected,
            "density \(density)%, \(start)..<\(end)")
        }
      }
    }
  }
}
