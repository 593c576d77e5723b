/// The typical time between consecutive contracts (purchase days) across a base: the period
/// over which the growth rules count new prospects and the forecast counts losses.
///
/// Estimated by a ``CharacteristicPeriodPolicy`` from the base's ``PurchaseGaps``, with the
/// number of gaps it rests on and an interval, or set by the host with ``given(days:reason:)``
/// when the base has too little history:
///
/// ```swift
/// let period = try StandardCharacteristicPeriod.standard.characteristicPeriod(of: gaps)
/// period.days      // 30
/// period.reason    // "30 days: the median of 1,200 gaps between consecutive purchase days
///                  //  of 400 clients (95% interval 30–30 days)"
/// let month = try CharacteristicPeriod.given(days: 30)
/// ```
public struct CharacteristicPeriod: Hashable, Sendable, Codable {
  /// The period in days, positive and finite.
  public let days: Double
  /// The interval around ``days`` at ``confidence``, in days; `days...days` for a given
  /// period.
  public let interval: ClosedRange<Double>
  /// The confidence of ``interval`` (0.95 for 95%), or `nil` for a given period.
  public let confidence: Double?
  /// The number of gaps the estimate rests on; 0 for a given period.
  public let gapCount: Int
  /// The number of clients whose gaps the estimate rests on; 0 for a given period.
  public let clientCount: Int
  /// What the estimate is, in words: "the median of 1,200 gaps between consecutive purchase
  /// days of 400 clients", or the host's reason for a given period.
  public let basis: String

  /// Creates a period, checking it.
  ///
  /// - Parameters:
  ///   - days: The period in days.
  ///   - interval: The interval around it, in days.
  ///   - confidence: The interval's confidence, or `nil`.
  ///   - gapCount: The gaps the estimate rests on.
  ///   - clientCount: The clients whose gaps those are.
  ///   - basis: What the estimate is, in words.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` unless
  ///   0 < `interval.lowerBound` ≤ `days` ≤ `interval.upperBound`, all finite, the confidence
  ///   (when there is one) lies strictly between 0 and 1, and the counts are 0 or more.
  public init(
    days: Double, interval: ClosedRange<Double>, confidence: Double?, gapCount: Int,
    clientCount: Int, basis: String
  ) throws(GrowthError) {
    try checkPositive(days, "days")
    try checkPositive(interval.lowerBound, "interval.lowerBound")
    try checkPositive(interval.upperBound, "interval.upperBound")
    guard interval.contains(days) else {
      throw .invalidParameter(
        "interval", reason: "\(interval) must contain the period \(days) days")
    }
    if let confidence { try checkConfidence(confidence, "confidence") }
    guard gapCount >= 0, clientCount >= 0 else {
      throw .invalidParameter(
        "gapCount", reason: "counts must be 0 or more, got \(gapCount) and \(clientCount)")
    }
    self.init(
      trusted: days, interval: interval, confidence: confidence, gapCount: gapCount,
      clientCount: clientCount, basis: basis)
  }

  init(
    trusted days: Double, interval: ClosedRange<Double>, confidence: Double?, gapCount: Int,
    clientCount: Int, basis: String
  ) {
    self.days = days
    self.interval = interval
    self.confidence = confidence
    self.gapCount = gapCount
    self.clientCount = clientCount
    self.basis = basis
  }

  /// A period the host sets: a month for a base that buys monthly but has too little history
  /// to show it.
  ///
  /// - Parameters:
  ///   - days: The period in days, positive and finite.
  ///   - reason: Why this period; "set by the host" by default.
  /// - Returns: The period, with the interval `days...days` and no gaps behind it.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a period that is not positive
  ///   and finite.
  public static func given(days: Double, reason: String = "set by the host")
    throws(GrowthError) -> CharacteristicPeriod
  {
    try checkPositive(days, "days")
    return CharacteristicPeriod(
      trusted: days, interval: days...days, confidence: nil, gapCount: 0, clientCount: 0,
      basis: reason)
  }

  /// The period in a time unit: 30 days are 4.29 weeks.
  ///
  /// - Parameter unit: The unit.
  /// - Returns: ``days`` over the unit's length.
  public func length(in unit: TimeUnit) -> Double { days / unit.lengthInDays }

  /// The period, what it rests on and its interval: "30 days: the median of 1,200 gaps
  /// between consecutive purchase days of 400 clients (95% interval 29–31 days)".
  public var reason: String {
    var text = "\(Self.daysText(days)): \(basis)"
    if let confidence {
      text +=
        " (\(NumberText.percent(confidence)) interval "
        + "\(Self.number(interval.lowerBound))–\(Self.number(interval.upperBound)) days)"
    }
    return text
  }

  private enum CodingKeys: String, CodingKey {
    case days, interval, confidence, gapCount, clientCount, basis
  }

  /// Decodes a period and checks it as
  /// ``init(days:interval:confidence:gapCount:clientCount:basis:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``GrowthError`` text
  ///   when the fields fail the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let days = try container.decode(Double.self, forKey: .days)
    let interval = try container.decode(ClosedRange<Double>.self, forKey: .interval)
    let confidence = try container.decodeIfPresent(Double.self, forKey: .confidence)
    let gapCount = try container.decode(Int.self, forKey: .gapCount)
    let clientCount = try container.decode(Int.self, forKey: .clientCount)
    let basis = try container.decode(String.self, forKey: .basis)
    self = try GrowthError.checkedDecoding(decoder) { () throws(GrowthError) in
      try CharacteristicPeriod(
        days: days, interval: interval, confidence: confidence, gapCount: gapCount,
        clientCount: clientCount, basis: basis)
    }
  }

  /// "30 days", "30.5 days", "1 day".
  static func daysText(_ days: Double) -> String {
    days == 1 ? "1 day" : "\(number(days)) days"
  }

  /// A day count with at most one decimal, trailing zeros dropped.
  static func number(_ days: Double) -> String {
    NumberText.decimal(days, places: 1, dropsTrailingZeros: true)
  }
}
