// Decimal text to `Double` without a `String` per field.
//
// Grammar: `[+-]? digits* ('.' digits*)? ([eE] [+-]? digits+)?` with at least one mantissa
// digit. Hex floats, `nan`, `inf`, spaces and digit separators are refused rather than guessed
// at. The fast path is Clinger's (1990): when the significant digits fit exactly in a double
// (at most 2^53) and the power of ten is exact too (|e| <= 22), one IEEE multiplication or
// division is correctly rounded. Anything else goes to the standard library's parser, which
// is correctly rounded; the grammar above is a subset of what it accepts.

/// The exactly representable powers of ten, 10^0 through 10^22.
private let exactPowersOfTen: [Double] = [
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
  1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
]

/// Parses the common case, `[+-]digits[.digits]` with at most 19 digits, or returns `nil`.
///
/// The digits then fit in a `UInt64` exactly; when they are at most 2^53, the value is one
/// correctly rounded division by an exact power of ten.
@inline(__always)
func parsePlainDecimal(_ bytes: UnsafePointer<UInt8>, count: Int) -> Double? {
  var i = 0
  var isNegative = false
  if count > 0 {
    if bytes[0] == 0x2D {
      isNegative = true
      i = 1
    } else if bytes[0] == 0x2B {
      i = 1
    }
  }
  var mantissa: UInt64 = 0
  let integerStart = i
  while i < count {
    let d = bytes[i] &- 0x30
    guard d < 10 else { break }
    mantissa = mantissa &* 10 &+ UInt64(d)
    i += 1
  }
  var digits = i - integerStart
  var fractionDigits = 0
  if i < count, bytes[i] == 0x2E {
    i += 1
    let fractionStart = i
    while i < count {
      let d = bytes[i] &- 0x30
      guard d < 10 else { break }
      mantissa = mantissa &* 10 &+ UInt64(d)
      i += 1
    }
    fractionDigits = i - fractionStart
    digits += fractionDigits
  }
  guard i == count, digits > 0, digits <= 19, mantissa <= 1 << 53 else { return nil }
  let value = Double(mantissa) / exactPowersOfTen[fractionDigits]
  return isNegative ? -value : value
}

/// The outcome of scanning an amount: a finite value, or why there is none.
enum DecimalScan: Equatable {
  case value(Double)
  case malformed
  case outOfRange
}

/// Parses a decimal number from `count` bytes at `bytes`.
///
/// - Returns: `.value` with the correctly rounded finite double; `.malformed` when the text
///   does not follow the grammar; `.outOfRange` when it does but its magnitude overflows.
@inline(__always)
func scanDecimal(_ bytes: UnsafePointer<UInt8>, count: Int) -> DecimalScan {
  var i = 0
  var isNegative = false
  if count > 0 {
    if bytes[0] == 0x2D {
      isNegative = true
      i = 1
    } else if bytes[0] == 0x2B {
      i = 1
    }
  }
  var mantissa: UInt64 = 0
  var significant = 0  // digits held in `mantissa`, leading zeros excluded
  var digits = 0  // all mantissa digits seen
  var exponent = 0
  var isInexact = false  // a nonzero digit did not fit in `mantissa`

  while i < count {
    let d = bytes[i] &- 0x30
    guard d < 10 else { break }
    digits += 1
    if significant < 19 {
      mantissa = mantissa &* 10 &+ UInt64(d)
      if mantissa != 0 { significant += 1 }
    } else {
      exponent += 1
      if d != 0 { isInexact = true }
    }
    i += 1
  }
  if i < count, bytes[i] == 0x2E {
    i += 1
    while i < count {
      let d = bytes[i] &- 0x30
      guard d < 10 else { break }
      digits += 1
      if significant < 19 {
        mantissa = mantissa &* 10 &+ UInt64(d)
        if mantissa != 0 { significant += 1 }
        exponent -= 1
      } else if d != 0 {
        isInexact = true
      }
      i += 1
    }
  }
  guard digits > 0 else { return .malformed }
  if i < count, bytes[i] | 0x20 == 0x65 {  // 'e' or 'E'
    i += 1
    var isExponentNegative = false
    if i < count, bytes[i] == 0x2D || bytes[i] == 0x2B {
      isExponentNegative = bytes[i] == 0x2D
      i += 1
    }
    var written = 0
    var exponentDigits = 0
    while i < count {
      let d = bytes[i] &- 0x30
      guard d < 10 else { break }
      // Saturate: beyond a million the value is 0 or infinite whatever the mantissa is.
      if written < 1_000_000 { written = written * 10 + Int(d) }
      exponentDigits += 1
      i += 1
    }
    guard exponentDigits > 0 else { return .malformed }
    exponent += isExponentNegative ? -written : written
  }
  guard i == count else { return .malformed }

  if mantissa == 0 && !isInexact {
    return .value(isNegative ? -0.0 : 0.0)
  }
  if !isInexact, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
    var value = Double(mantissa)
    if exponent < 0 {
      value /= exactPowersOfTen[-exponent]
    } else {
      value *= exactPowersOfTen[exponent]
    }
    return .value(isNegative ? -value : value)
  }
  return scanDecimalSlowly(bytes, count: count)
}

/// The correctly rounded fallback for text already known to follow the grammar.
@inline(never)
func scanDecimalSlowly(_ bytes: UnsafePointer<UInt8>, count: Int) -> DecimalScan {
  let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
  guard let value = Double(text) else { return .malformed }
  return value.isFinite ? .value(value) : .outOfRange
}

/// Why `count` bytes at `bytes` are not an amount, for an error message.
@inline(never)
func decimalRejection(_ bytes: UnsafePointer<UInt8>, count: Int, scan: DecimalScan) -> String {
  if scan == .outOfRange {
    return "the amount is too large for a Double"
  }
  if count == 0 {
    return "the amount is empty"
  }
  let text = String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
  var word = Substring(text)
  if let first = word.first, first == "+" || first == "-" { word = word.dropFirst() }
  switch word.lowercased() {
  case "nan":
    return "NaN is not an amount"
  case "inf", "infinity":
    return "an infinite amount is not an amount"
  default:
    break
  }
  if text.first?.isWhitespace == true || text.last?.isWhitespace == true {
    return "spaces around an amount are not allowed"
  }
  return "expected a decimal number such as 123.45, -7 or 1.5e3"
}
