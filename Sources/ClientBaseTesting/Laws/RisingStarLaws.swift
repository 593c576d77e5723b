public import Segmentation

/// Law checks for a host's `RisingStarPolicy`: a plain function that returns the violations
/// found as sentences, so any test framework can assert that the list is empty.
///
/// ```swift
/// @Test func ourTrendRuleKeepsTheLaws() {
///   #expect(RisingStarLaws.violations(of: OurTrendRule(), on: sampleSeries).isEmpty)
/// }
/// ```
///
/// The checks ask the policy about every series against thresholds at, just below and above
/// its latest value, so they test only what the protocol promises. That a client of the top
/// class is never a rising star is the finder's promise (it never asks about them); the
/// policy's share of it is that a client already at or above a threshold gets no projection,
/// which these checks do test. Whether a flat or falling series may be a rising star is the
/// default's rule (`StandardRisingStarPolicy` wants a rising trend), not a law, and is not
/// checked.
public enum RisingStarLaws: Sendable {
  /// The most violations of one law reported, so a badly broken policy gives a short list.
  public static let maximumReportedPerLaw = 5

  /// Series added to the host's: empty, one value, flat, rising, falling, negative, zero and
  /// huge values whose trend overflows.
  static let edgeSeries: [[Double]] = [
    [], [1], [5, 5, 5, 5], [1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1], [-3, -2, -1], [0, 0, 0],
    [1e307, 5e307, 9e307], [100, 80, 120, 90, 150, 170, 200],
  ]

  /// Checks the laws of `RisingStarPolicy` on sample series.
  ///
  /// Laws: **already in the class** (no projection when the latest value is at or above the
  /// threshold, nor for an empty series); **reaches the threshold** (a projection's current
  /// value is the latest value, below the threshold, and its projected value reaches the
  /// threshold); **finite** (every number of a projection finite); **pure** (the same series
  /// gives the same answer when asked again in the reverse client order and when passed as a
  /// slice of a longer array that does not start at index 0).
  ///
  /// - Parameters:
  ///   - policy: The policy under test.
  ///   - series: Sample measure histories, oldest first: rising, flat, falling and noisy ones,
  ///     of varied lengths. A few edge cases are always added.
  /// - Returns: One sentence per violation found (at most ``maximumReportedPerLaw`` per law).
  /// - Complexity: O(*n* × *p*) calls' worth of work for *n* series of *p* periods: each
  ///   series is asked about about a dozen thresholds, three times.
  public static func violations<Policy: RisingStarPolicy>(
    of policy: Policy, on series: [[Double]]
  ) -> [String] {
    let all = series + edgeSeries
    var questions: [(series: Int, threshold: Double)] = []
    for (index, values) in all.enumerated() {
      for threshold in thresholds(for: values) { questions.append((index, threshold)) }
    }
    let answers = questions.map {
      policy.projection(of: all[$0.series][...], reaching: $0.threshold)
    }
    var counts: [String: Int] = [:]
    var violations: [String] = []
    func report(_ law: String, _ text: String) {
      counts[law, default: 0] += 1
      if counts[law, default: 0] <= maximumReportedPerLaw { violations.append("\(law): \(text)") }
    }
    for (question, answer) in zip(questions, answers) {
      guard let answer else { continue }
      let values = all[question.series]
      let threshold = question.threshold
      let asked = "series \(values) against \(threshold)"
      guard let last = values.last, last < threshold else {
        report("already in the class", "\(asked) gives \(answer)")
        continue
      }
      if answer.current != last || !(answer.current < threshold)
        || !(answer.projected >= threshold)
      {
        report("reaches the threshold", "\(asked) gives \(answer)")
      }
      if !answer.current.isFinite || !answer.slopePerPeriod.isFinite
        || !answer.projected.isFinite
      {
        report("finite", "\(asked) gives \(answer)")
      }
    }
    for (question, answer) in zip(questions, answers).reversed() {
      let values = all[question.series]
      let again = policy.projection(of: values[...], reaching: question.threshold)
      let padded = [-1.0, 1e9, 7] + values
      let slice = policy.projection(of: padded[3...], reaching: question.threshold)
      if again != answer || slice != answer {
        report(
          "pure",
          "series \(values) against \(question.threshold) gives \(String(describing: answer)), "
            + "then \(String(describing: again)), and \(String(describing: slice)) as a slice")
      }
    }
    return violations
  }

  /// Thresholds at, just below and above a series's latest value: the ones at or below must
  /// give no projection, the ones above test what a projection claims.
  static func thresholds(for series: [Double]) -> [Double] {
    guard let last = series.last else { return [0, 1] }
    let low = series.min() ?? last
    let high = series.max() ?? last
    let spread = Swift.max(high - low, Swift.abs(last) * 0.1, 1)
    let candidates = [
      last, last.nextDown, last - spread, low, last.nextUp, last + spread * 0.01,
      last + spread * 0.5, last + spread, last + spread * 2, last + spread * 8, high * 2,
    ]
    return candidates.filter(\.isFinite)
  }
}
