extension Day {
  /// Parses an ISO-8601 calendar date, `YYYY-MM-DD`.
  ///
  /// Four digits of year (0000–9999), two of month, two of day, separated by hyphens. Years
  /// beyond that range use ISO 8601's expanded form, a sign and five to seven digits
  /// (`+10000-01-01`, `-0001-…` is written `-00001-…`), as ``iso8601`` writes them. Leading or
  /// trailing space, other separators, week or ordinal dates and times are rejected rather
  /// than guessed at.
  ///
  /// - Parameter text: The text to parse.
  /// - Throws: ``DayError/malformed(_:reason:)`` with the reason, or
  ///   ``DayError/invalidDate(year:month:day:)`` for a well-formed date that does not exist
  ///   (such as `2023-02-29`).
  public init(iso8601 text: some StringProtocol) throws(DayError) {
    let utf8 = Array(text.utf8)
    if let first = utf8.first, first == 0x2B || first == 0x2D {
      self = try Day.expanded(utf8, text: String(text))
      return
    }
    guard let day = utf8.withUnsafeBufferPointer({ Day(isoBytes: $0) }) else {
      throw Day.isoError(String(text))
    }
    self = day
  }

  /// Parses `YYYY-MM-DD` from raw UTF-8 bytes, returning `nil` for anything else.
  ///
  /// The fast path the CSV decoder uses, with no allocation; ``init(iso8601:)`` gives the
  /// reason on failure and also reads the expanded form of distant years.
  ///
  /// - Parameter bytes: Exactly the ten bytes of the date.
  public init?(isoBytes bytes: UnsafeBufferPointer<UInt8>) {
    guard bytes.count == 10, let base = bytes.baseAddress, let day = Day(isoTenBytes: base)
    else { return nil }
    self = day
  }

  /// `YYYY-MM-DD` from the ten bytes at `p`, or `nil`: the one ISO day parser, unrolled and
  /// branch-light for the CSV decoder's inner loop.
  @inline(__always)
  init?(isoTenBytes p: UnsafePointer<UInt8>) {
    let y0 = p[0] &- 0x30
    let y1 = p[1] &- 0x30
    let y2 = p[2] &- 0x30
    let y3 = p[3] &- 0x30
    let m0 = p[5] &- 0x30
    let m1 = p[6] &- 0x30
    let d0 = p[8] &- 0x30
    let d1 = p[9] &- 0x30
    let largest = Swift.max(
      Swift.max(Swift.max(y0, y1), Swift.max(y2, y3)),
      Swift.max(Swift.max(m0, m1), Swift.max(d0, d1)))
    guard largest < 10, p[4] == 0x2D, p[7] == 0x2D else { return nil }
    // Wrapping arithmetic: every value below is bounded by the digits' ranges.
    let year = Int(y0) &* 1000 &+ Int(y1) &* 100 &+ Int(y2) &* 10 &+ Int(y3)
    let month = Int(m0) &* 10 &+ Int(m1)
    let dayOfMonth = Int(d0) &* 10 &+ Int(d1)
    guard month >= 1, month <= 12, dayOfMonth >= 1 else { return nil }
    let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    let length = Int(commonMonthLengths[month &- 1]) &+ (month == 2 && isLeap ? 1 : 0)
    guard dayOfMonth <= length else { return nil }
    // Hinnant's days-from-civil with the year shifted by 400 so every quotient is of a
    // non-negative number (a year starting in March; 146,097 days per 400 years).
    let y = UInt(year &+ 400 &- (month <= 2 ? 1 : 0))
    let era = y / 400
    let yearOfEra = y &- era &* 400
    let shiftedMonth = UInt(month > 2 ? month &- 3 : month &+ 9)
    let dayOfYear = (153 &* shiftedMonth &+ 2) / 5 &+ UInt(dayOfMonth) &- 1
    let dayOfEra = yearOfEra &* 365 &+ yearOfEra / 4 &- yearOfEra / 100 &+ dayOfYear
    let days = Int(era &* 146_097 &+ dayOfEra) &- 146_097 &- 719_468
    self.init(daysSince1970: Int32(truncatingIfNeeded: days))
  }

  static func expanded(_ bytes: [UInt8], text: String) throws(DayError) -> Day {
    // ±YYYYY…-MM-DD: sign, 5 to 7 year digits, then the usual month and day.
    let yearDigits = bytes.count - 7
    guard (5...7).contains(yearDigits) else {
      throw .malformed(text, reason: "an expanded year has a sign and 5 to 7 digits")
    }
    var year = 0
    for byte in bytes[1...yearDigits] {
      guard (0x30...0x39).contains(byte) else {
        throw .malformed(text, reason: "expected digits after the sign")
      }
      year = year * 10 + Int(byte - 0x30)
    }
    if bytes[0] == 0x2D { year = -year }
    let rest = Array(bytes[(yearDigits + 1)...])
    guard rest[0] == 0x2D, rest[3] == 0x2D,
      rest[1...2].allSatisfy({ (0x30...0x39).contains($0) }),
      rest[4...5].allSatisfy({ (0x30...0x39).contains($0) })
    else {
      throw .malformed(text, reason: "expected -MM-DD after the year")
    }
    let month = Int(rest[1] - 0x30) * 10 + Int(rest[2] - 0x30)
    let day = Int(rest[4] - 0x30) * 10 + Int(rest[5] - 0x30)
    return try Day(year: year, month: month, day: day)
  }

  static func isoError(_ text: String) -> DayError {
    let bytes = Array(text.utf8)
    guard bytes.count == 10 else {
      return .malformed(text, reason: "expected 10 characters YYYY-MM-DD, found \(bytes.count)")
    }
    for (i, byte) in bytes.enumerated() {
      if i == 4 || i == 7 {
        if byte != 0x2D {
          return .malformed(text, reason: "expected '-' at position \(i + 1)")
        }
      } else if !(0x30...0x39).contains(byte) {
        return .malformed(text, reason: "expected a digit at position \(i + 1)")
      }
    }
    func number(_ range: Range<Int>) -> Int {
      bytes[range].reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }
    return .invalidDate(year: number(0..<4), month: number(5..<7), day: number(8..<10))
  }

  /// The ISO-8601 text of this day: `YYYY-MM-DD` for years 0000–9999, else the expanded form
  /// `±YYYYY-MM-DD`.
  public var iso8601: String {
    let c = components
    let yearText: String
    if (0...9999).contains(c.year) {
      let digits = String(c.year)
      yearText = String(repeating: "0", count: 4 - digits.count) + digits
    } else {
      let digits = String(abs(c.year))
      yearText =
        (c.year < 0 ? "-" : "+") + String(repeating: "0", count: Swift.max(0, 5 - digits.count))
        + digits
    }
    return yearText + "-" + twoDigits(c.month) + "-" + twoDigits(c.day)
  }
}

extension Day: CustomStringConvertible, LosslessStringConvertible {
  /// The ISO-8601 text, as ``iso8601``.
  public var description: String { iso8601 }

  /// Parses `YYYY-MM-DD`, returning `nil` when the text is not a valid date.
  ///
  /// - Parameter description: The ISO-8601 text.
  public init?(_ description: String) {
    guard let day = try? Day(iso8601: description) else { return nil }
    self = day
  }
}

extension Day: Codable {
  /// Decodes a day from its ISO-8601 text.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: `DecodingError.dataCorrupted` when the text is not a valid date.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    do {
      self = try Day(iso8601: text)
    } catch {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: error.description)
    }
  }

  /// Encodes this day as its ISO-8601 text.
  ///
  /// - Parameter encoder: The encoder.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(iso8601)
  }
}

/// Days in each month of a common year.
private let commonMonthLengths: [UInt8] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
