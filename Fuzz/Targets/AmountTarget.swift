// libFuzzer target: the CSV decoder's amount parser against the standard library's.
//
// Built by Fuzz/run.sh together with the ClientBaseCore sources. For any bytes:
// - an amount the decoder accepts is, to the bit, what `Double(String)` reads;
// - an amount it refuses as malformed is one `Double(String)` refuses too, unless the text
//   is one of the forms the decoder refuses on purpose (hexadecimal, NaN, infinity);
// - an amount it refuses as out of range is infinite to `Double(String)`;
// - the fast path, when it answers, answers the same as the full parser.

/// Runs the amount parser on one input from libFuzzer and checks the properties above.
///
/// libFuzzer calls this entry point by its C name for every input it generates; a failed
/// property stops the process, which libFuzzer records as a crash.
///
/// - Parameters:
///   - data: The input's bytes; `nil` only when `size` is 0.
///   - size: The number of bytes.
/// - Returns: 0, as libFuzzer requires.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAmount(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  // A real buffer even for no bytes, so the parsers get a valid pointer.
  let padded = bytes + [0]
  let (scan, plain) = padded.withUnsafeBufferPointer { buffer in
    (
      scanDecimal(buffer.baseAddress!, count: size),
      parsePlainDecimal(buffer.baseAddress!, count: size)
    )
  }
  let text = String(decoding: bytes, as: UTF8.self)
  // `Double(String)` stops at a NUL byte ("0\0p3" reads as 0), so it is no reference there.
  guard !bytes.contains(0) else {
    if case .value = scan { check(false, "accepted a NUL byte", bytes) }
    return 0
  }
  let reference = Double(text)
  switch scan {
  case .value(let value):
    check(value.isFinite, "a non-finite value", bytes)
    check(reference?.bitPattern == value.bitPattern, "differs from Double(String)", bytes)
  case .malformed:
    if reference != nil {
      let lower = text.lowercased()
      check(
        lower.contains("x") || lower.contains("nan") || lower.contains("inf"),
        "refused what Double(String) reads", bytes)
    }
  case .outOfRange:
    check(reference?.isInfinite == true, "out of range but Double(String) is finite", bytes)
  }
  if let plain {
    check(scan == .value(plain), "the fast path disagrees with the full parser", bytes)
  }
  if case .value = scan {
  } else {
    let reason = padded.withUnsafeBufferPointer {
      decimalRejection($0.baseAddress!, count: size, scan: scan)
    }
    check(!reason.isEmpty, "an empty rejection reason", bytes)
  }
  return 0
}

/// Stops the process, which libFuzzer records as a crash with the input that caused it.
func check(_ condition: Bool, _ message: @autoclosure () -> String, _ input: [UInt8]) {
  if !condition {
    fatalError("\(message()) for input \(input)")
  }
}
