/// A conversion rate between two stages of the acquisition funnel, with its uncertainty.
///
/// ```swift
/// let rate = try FunnelRate(successes: 15, trials: 70)
/// rate.rate        // 0.214
/// rate.interval    // 0.134...0.324: the 95% Wilson interval
/// ```
///
/// The interval is Wilson's score interval (Wilson 1927), which stays inside 0...1 and behaves
/// at 0 and at 100% where the textbook ±z·√(p(1 − p)/n) collapses: 0 of 20 reads "0%, up to
/// 16.1%", not "0%, exactly".
public struct FunnelRate: Hashable, Sendable, Codable {
  /// Those who reached the later stage.
  public let successes: Int
  /// Those at the earlier stage.
  public let trials: Int
  /// The confidence of ``interval``; 0.95 by default.
  public let confidence: Double

  /// Creates a rate, checking it.
  ///
  /// - Parameters:
  ///   - successes: Those who reached the later stage, within 0...`trials`.
  ///   - trials: Those at the earlier stage, 0 or more.
  ///   - confidence: The interval's confidence, strictly between 0 and 1; 0.95 by default.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` for negative counts, more successes
  ///   than trials, or a confidence outside (0, 1).
  public init(successes: Int, trials: Int, confidence: Double = 0.95) throws(GrowthError) {
    guard trials >= 0, successes >= 0, successes <= trials else {
      throw .invalidParameter(
        "successes", reason: "need 0 ≤ successes ≤ trials, got \(successes) of \(trials)")
    }
    try checkConfidence(confidence, "confidence")
    self.successes = successes
    self.trials = trials
    self.confidence = confidence
  }

  /// `successes / trials`, or `nil` when there was no trial (a rate of nothing is unknown, not
  /// zero).
  public var rate: Double? { trials > 0 ? Double(successes) / Double(trials) : nil }

  /// The Wilson score interval at ``confidence``, or `nil` when there was no trial.
  public var interval: ClosedRange<Double>? {
    guard trials > 0 else { return nil }
    let n = Double(trials)
    let p = Double(successes) / n
    let z = NormalQuantile.twoSided(confidence)
    let z2 = z * z
    let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    let half = z / (1 + z2 / n) * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
    let low = successes == 0 ? 0 : Swift.max(0, centre - half)
    let high = successes == trials ? 1 : Swift.min(1, centre + half)
    return Swift.min(low, p)...Swift.max(high, p)
  }

  /// "21.4% (15 of 70; 95% interval 13.4–32.4%)", or "no trials" without any.
  public var reason: String {
    guard let rate, let interval else { return "no trials" }
    return "\(NumberText.percent(rate)) (\(NumberText.grouped(successes)) of "
      + "\(NumberText.grouped(trials)); \(NumberText.percent(confidence)) interval "
      + "\(NumberText.decimal(interval.lowerBound * 100, places: 1, dropsTrailingZeros: true))–"
      + "\(NumberText.percent(interval.upperBound)))"
  }
}
