/// The default rising-star rule: a least-squares trend over the last few periods, projected a
/// few periods ahead from the latest value.
///
/// With the slope *b* of an ordinary least-squares line through the last ``window`` values
/// (fewer if the history is shorter, at least ``minimumPeriods``), the latest value *y* and
/// horizon *h* = ``horizonPeriods``, a client below the threshold *t* is a rising star when
/// *b* > 0 and *y* + *h*·*b* ≥ *t*. Projecting from the latest value rather than the fitted
/// line keeps the reason checkable by hand: "180,000 growing 9,500/month, projected 218,000
/// in 4 months".
public struct StandardRisingStars: RisingStarPolicy, Hashable, Codable {
  /// How many of the latest periods the trend is fitted on.
  public let window: Int
  /// How many periods ahead the trend is projected.
  public let horizonPeriods: Int
  /// The fewest periods a trend is fitted on; shorter histories give no rising stars.
  public let minimumPeriods: Int

  /// Creates the rule.
  ///
  /// - Parameters:
  ///   - window: Periods the trend is fitted on (default 6).
  ///   - horizonPeriods: Periods projected ahead (default 4).
  ///   - minimumPeriods: The fewest periods fitted (default 3).
  /// - Throws: ``SegmentationError/invalidParameter(_:reason:)`` unless
  ///   `2 ≤ minimumPeriods ≤ window` and `horizonPeriods ≥ 1`.
  public init(window: Int = 6, horizonPeriods: Int = 4, minimumPeriods: Int = 3)
    throws(SegmentationError)
  {
    guard minimumPeriods >= 2, minimumPeriods <= window else {
      throw .invalidParameter(
        "minimumPeriods", reason: "need 2 ≤ minimumPeriods (\(minimumPeriods)) ≤ window (\(window))"
      )
    }
    guard horizonPeriods >= 1 else {
      throw .invalidParameter("horizonPeriods", reason: "\(horizonPeriods) is not positive")
    }
    self.init(unchecked: window, horizonPeriods, minimumPeriods)
  }

  private init(unchecked window: Int, _ horizonPeriods: Int, _ minimumPeriods: Int) {
    self.window = window
    self.horizonPeriods = horizonPeriods
    self.minimumPeriods = minimumPeriods
  }

  private enum CodingKeys: String, CodingKey {
    case window, horizonPeriods, minimumPeriods
  }

  /// Decodes a rule and checks it as ``init(window:horizonPeriods:minimumPeriods:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``SegmentationError``
  ///   text when the fields fail the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let window = try container.decode(Int.self, forKey: .window)
    let horizon = try container.decode(Int.self, forKey: .horizonPeriods)
    let minimum = try container.decode(Int.self, forKey: .minimumPeriods)
    self = try SegmentationError.checkedDecoding(decoder) { () throws(SegmentationError) in
      try StandardRisingStars(
        window: window, horizonPeriods: horizon, minimumPeriods: minimum)
    }
  }

  /// The defaults: a six-period window, four periods ahead, at least three periods.
  static let defaults = StandardRisingStars(unchecked: 6, 4, 3)

  /// Fits the trend and projects it.
  ///
  /// - Parameters:
  ///   - series: The client's measure, oldest first.
  ///   - threshold: The next class's entry threshold.
  /// - Returns: The projection when the latest value is below `threshold`, the trend rises
  ///   and reaches it within the horizon; otherwise `nil`.
  @inlinable
  public func projection(of series: ArraySlice<Double>, reaching threshold: Double)
    -> RisingStarProjection?
  {
    let length = min(series.count, window)
    guard length >= minimumPeriods, let last = series.last, last < threshold else { return nil }
    let start = series.endIndex - length
    // x = 0, 1, …, length − 1; centred sums keep the slope accurate for large balances.
    let meanX = Double(length - 1) / 2
    var meanY = 0.0
    for index in start..<series.endIndex { meanY += series[index] }
    meanY /= Double(length)
    var sxy = 0.0
    var sxx = 0.0
    for index in start..<series.endIndex {
      let dx = Double(index - start) - meanX
      sxy += dx * (series[index] - meanY)
      sxx += dx * dx
    }
    let slope = sxy / sxx
    guard slope.isFinite, slope > 0 else { return nil }
    let projected = last + slope * Double(horizonPeriods)
    guard projected.isFinite, projected >= threshold else { return nil }
    return RisingStarProjection(
      current: last, slopePerPeriod: slope, projected: projected, periodsAhead: horizonPeriods)
  }
}

extension RisingStarPolicy where Self == StandardRisingStars {
  /// The default rule: six-period trend, four periods ahead.
  public static var standard: Self { .defaults }
}
