/// How fast a base gains and loses members per characteristic period: the input of a
/// ``BaseForecastPolicy``.
///
/// Given by the host (a plan: "20 new prospects a month, a fifth go cold") or measured from
/// history: new clients per period from the first purchase days (``AcquisitionHistory``) and
/// the loss rate a converged purchase model expects (``ExpectedLoss``).
///
/// ```swift
/// let plan = try GrowthRates(acquisitionPerPeriod: 20, lossRate: 0.05, periodDays: 30)
/// let measured = try GrowthRates(acquisition: history, loss: expectedLoss)
/// measured.steadyState   // the base where gains and losses balance: a / p
/// ```
public struct GrowthRates: Hashable, Sendable, Codable {
  /// The most members a period may bring: 2³⁶ (68.7 billion), so a forecast's counts stay
  /// whole numbers a `Double` holds exactly.
  public static let maximumAcquisition: Double = 0x1p36

  /// New members per period, finite and 0 or more.
  public let acquisitionPerPeriod: Double
  /// The share of the base lost per period, within 0...1.
  public let lossRate: Double
  /// The period in days.
  public let periodDays: Double
  /// Where the acquisition figure comes from, in words ("given", "the mean of the last 12
  /// periods").
  public let acquisitionBasis: String
  /// Where the loss rate comes from, in words.
  public let lossBasis: String

  /// Creates rates, checking them.
  ///
  /// - Parameters:
  ///   - acquisitionPerPeriod: New members per period, 0 or more.
  ///   - lossRate: The share of the base lost per period, within 0...1.
  ///   - periodDays: The period in days, positive.
  ///   - acquisitionBasis: Where the acquisition comes from; "given" by default.
  ///   - lossBasis: Where the loss rate comes from; "given" by default.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for a negative, non-finite or too
  ///   large acquisition (above ``maximumAcquisition``), a loss rate outside 0...1 (a negative
  ///   rate included) or a period that is not positive.
  public init(
    acquisitionPerPeriod: Double, lossRate: Double, periodDays: Double,
    acquisitionBasis: String = "given", lossBasis: String = "given"
  ) throws(GrowthError) {
    try checkNonNegative(acquisitionPerPeriod, "acquisitionPerPeriod")
    guard acquisitionPerPeriod <= Self.maximumAcquisition else {
      throw .invalidParameter(
        "acquisitionPerPeriod", reason: "must be at most 2^36, got \(acquisitionPerPeriod)")
    }
    try checkShare(lossRate, "lossRate")
    try checkPositive(periodDays, "periodDays")
    self.acquisitionPerPeriod = acquisitionPerPeriod
    self.lossRate = lossRate
    self.periodDays = periodDays
    self.acquisitionBasis = acquisitionBasis
    self.lossBasis = lossBasis
  }

  /// Rates measured from history: the mean new clients per period of an acquisition
  /// history, and the loss rate a converged purchase model expects.
  ///
  /// - Parameters:
  ///   - acquisition: New clients per past period.
  ///   - loss: The expected silent loss over the next period.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` when the two are counted over
  ///   periods that differ by more than one part in a million.
  public init(acquisition: AcquisitionHistory, loss: ExpectedLoss) throws(GrowthError) {
    guard abs(acquisition.periodDays - loss.periodDays) <= 1e-6 * loss.periodDays else {
      throw .invalidParameter(
        "loss",
        reason: "counted over \(loss.periodDays) days, the acquisition over "
          + "\(acquisition.periodDays) days")
    }
    try self.init(
      acquisitionPerPeriod: acquisition.meanPerPeriod, lossRate: loss.lossRate,
      periodDays: loss.periodDays, acquisitionBasis: acquisition.basis,
      lossBasis:
        "\(NumberText.decimal(loss.expectedLost, places: 1)) of "
        + "\(NumberText.decimal(loss.expectedAlive, places: 1)) clients expected alive "
        + "(\(loss.source))")
  }

  /// The base where gains and losses balance, *a* / *p*, or `nil` without loss (the base
  /// then grows without end, or stays as it is without acquisition).
  public var steadyState: Double? { lossRate > 0 ? acquisitionPerPeriod / lossRate : nil }

  /// "20 new and 5% lost every 30 days (new: given; lost: given)".
  public var reason: String {
    "\(NumberText.decimal(acquisitionPerPeriod, places: 1, dropsTrailingZeros: true)) new and "
      + "\(NumberText.percent(lossRate)) lost every "
      + "\(CharacteristicPeriod.daysText(periodDays)) (new: \(acquisitionBasis); lost: "
      + "\(lossBasis))"
  }
}
