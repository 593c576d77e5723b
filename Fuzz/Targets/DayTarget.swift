// libFuzzer target: ISO-8601 day parsing, `Day(isoBytes:)` and `Day(iso8601:)`.
//
// Built by Fuzz/run.sh together with the ClientBaseCore sources. Beyond "does not crash",
// every input is checked against properties that hold for any bytes:
// - the ten-byte parser (`Day(isoBytes:)`, the one the CSV decoder runs) agrees with a plain
//   reading of the digits checked by `Day(year:month:day:)`, and with `Day(iso8601:)` on the
//   same text;
// - a day read from ten bytes writes back to the same ten bytes;
// - a day `Day(iso8601:)` accepts survives a round trip through its ISO text, and only the
//   signed expanded form is accepted where the ten-byte parser is not.

/// Runs the day parsers on one input from libFuzzer and checks the properties above.
///
/// libFuzzer calls this entry point by its C name for every input it generates; a failed
/// property stops the process, which libFuzzer records as a crash.
///
/// - Parameters:
///   - data: The input's bytes; `nil` only when `size` is 0.
///   - size: The number of bytes.
/// - Returns: 0, as libFuzzer requires.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDay(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let fast = bytes.withUnsafeBufferPointer { Day(isoBytes: $0) }
  if size == 10 {
    check(plainReading(bytes) == fast, "Day(isoBytes:) and a plain reading disagree", bytes)
  } else {
    check(fast == nil, "Day(isoBytes:) accepted \(size) bytes", bytes)
  }
  let text = String(decoding: bytes, as: UTF8.self)
  var parsed: Day?
  do {
    parsed = try Day(iso8601: text)
  } catch {
    // The message must be printable whatever the input.
    check(!error.description.isEmpty, "an empty DayError description", bytes)
  }
  if let fast {
    check(parsed == fast, "Day(iso8601:) and Day(isoBytes:) disagree", bytes)
    check(Array(fast.iso8601.utf8) == bytes, "a ten-byte day does not write back", bytes)
  }
  if let parsed {
    check((try? Day(iso8601: parsed.iso8601)) == parsed, "no round trip through iso8601", bytes)
    check(Day(text) == parsed, "LosslessStringConvertible disagrees", bytes)
    if fast == nil {
      check(bytes.first == 0x2B || bytes.first == 0x2D, "accepted without sign or fast path", bytes)
    }
  }
  return 0
}

/// Stops the process, which libFuzzer records as a crash with the input that caused it.
func check(_ condition: Bool, _ message: @autoclosure () -> String, _ input: [UInt8]) {
  if !condition {
    fatalError("\(message()) for input \(input)")
  }
}

/// Ten bytes read the plain way: four, two and two ASCII digits around two hyphens, checked by
/// the calendar's own initialiser; `nil` for anything else.
func plainReading(_ bytes: [UInt8]) -> Day? {
  guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
    return nil
  }
  func number(_ range: Range<Int>) -> Int? {
    var value = 0
    for byte in bytes[range] {
      guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
      value = value * 10 + Int(byte - UInt8(ascii: "0"))
    }
    return value
  }
  guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else {
    return nil
  }
  return try? Day(year: year, month: month, day: day)
}
