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
  /// The fast path used by the CSV decoder; ``init(iso8601:)`` gives the reason on failure.
  ///
  /// - Parameter bytes: Exactly the ten bytes of the date.
  @inlinable
  public init?(isoBytes bytes: UnsafeBufferPointer<UInt8>) {
    guard bytes.count == 10, bytes[4] == 0x2D, bytes[7] == 0x2D else { return nil }
    var year = 0
    for i in 0..<4 {
      let d = bytes[i] &- 0x30
      guard d < 10 else { return nil }
      year = year * 10 + Int(d)
    }
    let m1 = bytes[5] &- 0x30
    let m2 = bytes[6] &- 0x30
    let d1 = bytes[8] &- 0x30
    let d2 = bytes[9] &- 0x30
    guard m1 < 10, m2 < 10, d1 < 10, d2 < 10 else { return nil }
    let month = Int(m1) * 10 + Int(m2)
    let day = Int(d1) * 10 + Int(d2)
    guard month >= 1, month <= 12, day >= 1, day <= Day.length(ofMonth: month, year: year)
    else { return nil }
    self.init(
      daysSince1970: Int32(
        truncatingIfNeeded: Day.daysFromCivil(
          year: Int64(year), month: Int64(month), day: Int64(day))))
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
