import ClientBaseCore

/// The health of a base judged by the share of target clients in it.
public enum TargetShareHealth: String, Hashable, Sendable, Codable, CaseIterable {
  /// Too few target clients: the base is drifting away from the clients the business is
  /// built for.
  case poor
  /// Between poor and healthy: acquisition should lean towards target clients.
  case watch
  /// Target clients make up most of the base.
  case healthy
}

/// The bands that turn a target share into a health verdict.
///
/// Teams that run their base deliberately aim for 70–80% or more target clients, so the
/// default calls a base healthy from 70%; below 50% — fewer target clients than others — it
/// is poor; in between it needs watching. Both bounds are inclusive from below: a share of
/// exactly 0.70 is healthy, exactly 0.50 is watch.
public struct TargetShareBands: Hashable, Sendable, Codable {
  /// Shares below this are ``TargetShareHealth/poor``. Default 0.5.
  public private(set) var poorBelow: Double
  /// Shares from this are ``TargetShareHealth/healthy``. Default 0.7.
  public private(set) var healthyFrom: Double

  /// The default bands: poor below 50%, healthy from 70%.
  public static let standard = TargetShareBands(checkedPoorBelow: 0.5, healthyFrom: 0.7)

  /// Creates bands.
  ///
  /// - Parameters:
  ///   - poorBelow: Shares below this are poor.
  ///   - healthyFrom: Shares from this are healthy.
  /// - Throws: ``SegmentationError/invalidParameter(_:reason:)`` unless
  ///   0 ≤ `poorBelow` ≤ `healthyFrom` ≤ 1.
  public init(poorBelow: Double = 0.5, healthyFrom: Double = 0.7) throws(SegmentationError) {
    guard
      poorBelow.isFinite && healthyFrom.isFinite && 0 <= poorBelow
        && poorBelow <= healthyFrom && healthyFrom <= 1
    else {
      throw .invalidParameter(
        "target share bands",
        reason: "need 0 ≤ poorBelow ≤ healthyFrom ≤ 1, got \(poorBelow) and \(healthyFrom)")
    }
    self.init(checkedPoorBelow: poorBelow, healthyFrom: healthyFrom)
  }

  private init(checkedPoorBelow: Double, healthyFrom: Double) {
    self.poorBelow = checkedPoorBelow
    self.healthyFrom = healthyFrom
  }

  private enum CodingKeys: String, CodingKey {
    case poorBelow, healthyFrom
  }

  /// Decodes bands and checks it as ``init(poorBelow:healthyFrom:)`` does.
  ///
  /// - Parameter decoder: The decoder.
  /// - Throws: A decoding error; `DecodingError.dataCorrupted` with the ``SegmentationError``
  ///   text when the fields fail the checks.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    let poorBelow = try container.decode(Double.self, forKey: .poorBelow)
    let healthyFrom = try container.decode(Double.self, forKey: .healthyFrom)
    self = try SegmentationError.checkedDecoding(decoder) { () throws(SegmentationError) in
      try TargetShareBands(poorBelow: poorBelow, healthyFrom: healthyFrom)
    }
  }

  /// The verdict for a share.
  ///
  /// - Parameter share: The share of target clients, in 0…1.
  /// - Returns: The health band it falls in.
  public func health(ofShare share: Double) -> TargetShareHealth {
    if share >= healthyFrom { return .healthy }
    if share >= poorBelow { return .watch }
    return .poor
  }
}

/// The share of target clients in a base, with its health verdict.
public struct TargetShare: Hashable, Sendable {
  /// The number of target clients.
  public var targetCount: Int
  /// The number of clients assessed.
  public var clientCount: Int
  /// `targetCount / clientCount`, and 0 for an empty base (no clients, no target clients).
  public var share: Double
  /// The verdict of the bands.
  public var health: TargetShareHealth
  /// The bands that gave the verdict.
  public var bands: TargetShareBands

  /// For example "healthy: 742 of 1,000 clients are target clients (74.2%); healthy from 70%".
  public var reason: String {
    let counts =
      "\(NumberText.grouped(targetCount)) of \(NumberText.grouped(clientCount)) clients are "
      + "target clients (\(NumberText.percent(share)))"
    switch health {
    case .healthy:
      return "healthy: \(counts); healthy from \(NumberText.percent(bands.healthyFrom))"
    case .watch:
      return "watch: \(counts); healthy from \(NumberText.percent(bands.healthyFrom)), "
        + "poor below \(NumberText.percent(bands.poorBelow))"
    case .poor:
      return "poor: \(counts); poor below \(NumberText.percent(bands.poorBelow))"
    }
  }
}

/// The share of a measure (spend, margin, balances) held by target clients.
public struct TargetValueShare: Hashable, Sendable {
  /// The summed measure of target clients.
  public var targetValue: Double
  /// The summed measure of all assessed clients.
  public var totalValue: Double
  /// `targetValue / totalValue`, or `nil` when the total is zero (no value to share).
  public var share: Double?

  /// For example "target clients hold 81.3% of the value (8,130 of 10,000)".
  public var reason: String {
    guard let share else { return "no value to share: the measure sums to zero" }
    return "target clients hold \(NumberText.percent(share)) of the value "
      + "(\(NumberText.decimal(targetValue, dropsTrailingZeros: true)) of \(NumberText.decimal(totalValue, dropsTrailingZeros: true)))"
  }
}
