import ClientBaseCore
public import Segmentation

/// Law checks for a host's `RisingStarPolicy`: a plain function that returns the violations
/// found, so any test framework can assert that the list is empty.
///
/// ```swift
/// @Test func ourTrendRuleKeepsTheLaws() {
///   let violations = RisingStarLaws.violations(of: OurTrendRule(), on: sampleHistory)
///   #expect(violations.isEmpty, "\(violations)")
/// }
/// ```
///
/// The checks ask the policy about every client's series against thresholds at, just below
/// and above its latest value, so they test only what the protocol promises. That a client of
/// the top class is never a rising star is the finder's promise (it never asks about them);
/// the policy's share of it is that a client already at or above a threshold gets no
/// projection, which these checks do test. Whether a flat or falling series may be a rising
/// star is the default's rule (`StandardRisingStars` wants a rising trend), not a law, and is
/// not checked.
public enum RisingStarLaws: Sendable {
  /// Series added to the host's, asked about without a client: empty, one value, flat,
  /// rising, falling, negative, zero and huge values whose trend overflows.
  static let edgeSeries: [[Double]] = [
    [], [1], [5, 5, 5, 5], [1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1], [-3, -2, -1], [0, 0, 0],
    [1e307, 5e307, 9e307], [100, 80, 120, 90, 150, 170, 200],
  ]

  /// Checks the laws of `RisingStarPolicy` on a sample history.
  ///
  /// Laws: **already in the class** (no projection when the latest value is at or above the
  /// threshold, nor for an empty series); **reaches the threshold** (a projection's current
  /// value is the latest value, below the threshold, and its projected value reaches the
  /// threshold); **finite** (every number of a projection finite); **pure** (the same series
  /// gives the same answer when asked again in a seeded shuffled order and when passed as a
  /// slice of a longer array that does not start at index 0); **whole base agrees** (the
  /// whole-base finder names exactly the clients the rule projects past their threshold, with
  /// the rule's projections).
  ///
  /// - Parameters:
  ///   - policy: The policy under test.
  ///   - history: Sample clients' histories: rising, flat, falling and noisy ones. A few edge
  ///     series of other lengths are always added, without a client.
  ///   - seed: The seed of the shuffled order (default 1).
  /// - Returns: The violations found, at most a few per law, each naming the client.
  /// - Complexity: O(*n* × *p*) calls' worth of work for *n* clients of *p* periods: each
  ///   series is asked about about a dozen thresholds, three times.
  public static func violations<Policy: RisingStarPolicy, ID>(
    of policy: Policy, on history: BalanceHistory<ID>, seed: UInt64 = 1
  ) -> [LawViolation] {
    var all: [(client: ID?, series: [Double])] = (0..<history.count).map {
      (history.clients[$0], Array(history.balances(forRow: $0)))
    }
    all += edgeSeries.map { (nil, $0) }
    var questions: [(series: Int, threshold: Double)] = []
    for (index, entry) in all.enumerated() {
      for threshold in thresholds(for: entry.series) { questions.append((index, threshold)) }
    }
    let answers = questions.map {
      policy.projection(of: all[$0.series].series[...], reaching: $0.threshold)
    }
    var report = LawReport()
    func violation(_ law: String, _ question: (series: Int, threshold: Double), _ message: String)
      -> LawViolation
    {
      let (client, series) = all[question.series]
      let values: [LawViolation.Value] = [
        .init("series", series.map { "\($0)" }.joined(separator: ", ")),
        .init("threshold", "\(question.threshold)"),
      ]
      guard let client else { return LawViolation(law: law, values: values, message: message) }
      return LawViolation(law: law, client: client, values: values, message: message)
    }
    for (question, answer) in zip(questions, answers) {
      guard let answer else { continue }
      let series = all[question.series].series
      guard let last = series.last, last < question.threshold else {
        report.add(
          violation(
            "already in the class", question,
            "a projection (\(describe(answer))) for a series already at or above the threshold"))
        continue
      }
      if answer.current != last || !(answer.current < question.threshold)
        || !(answer.projected >= question.threshold)
      {
        report.add(
          violation(
            "reaches the threshold", question,
            "the projection (\(describe(answer))) does not start at the latest value \(last) "
              + "and reach the threshold"))
      }
      if !answer.current.isFinite || !answer.slopePerPeriod.isFinite
        || !answer.projected.isFinite
      {
        report.add(
          violation("finite", question, "the projection (\(describe(answer))) is not finite"))
      }
    }
    var generator = SeededGenerator(seed: seed)
    for index in questions.indices.shuffled(using: &generator) {
      let question = questions[index]
      let series = all[question.series].series
      let again = policy.projection(of: series[...], reaching: question.threshold)
      let padded = [-1.0, 1e9, 7] + series
      let slice = policy.projection(of: padded[3...], reaching: question.threshold)
      if again != answers[index] || slice != answers[index] {
        report.add(
          violation(
            "pure", question,
            "asked again: \(describe(answers[index])), then \(describe(again)), and "
              + "\(describe(slice)) as a slice"))
      }
    }
    report.add(contentsOf: wholeBaseViolations(of: policy, on: history))
    return report.violations
  }

  /// The whole-base finder against the rule, with each client's own threshold just above its
  /// latest value and far above it.
  static func wholeBaseViolations<Policy: RisingStarPolicy, ID>(
    of policy: Policy, on history: BalanceHistory<ID>
  ) -> [LawViolation] {
    var found: [LawViolation] = []
    let rows = RowClasses(clients: history.clients)
    for pick in [6, 7] {
      let thresholdOfRow = (0..<history.count).map { row in
        let candidates = thresholds(for: Array(history.balances(forRow: row)))
        return candidates.indices.contains(pick) ? candidates[pick] : .infinity
      }
      let stars = policy.risingStars(in: history, classes: rows, measureName: "value") { row in
        row >= 0 && thresholdOfRow[row].isFinite ? (-1 - row, thresholdOfRow[row]) : nil
      }
      var starOfRow: [Int: RisingStar<ID, Int>] = [:]
      for star in stars { starOfRow[star.row] = star }
      for row in 0..<history.count {
        let series = history.balances(forRow: row)
        let expected =
          thresholdOfRow[row].isFinite
          ? policy.projection(of: series, reaching: thresholdOfRow[row]) : nil
        let star = starOfRow[row]
        guard star?.projection != expected || (star.map { $0.id != history.clients[row] } ?? false)
        else { continue }
        found.append(
          LawViolation(
            law: "whole base agrees", client: history.clients[row],
            values: [
              .init("series", series.map { "\($0)" }.joined(separator: ", ")),
              .init("threshold", "\(thresholdOfRow[row])"),
            ],
            message:
              "the finder gives \(describe(star?.projection)), the rule \(describe(expected))"))
      }
    }
    return found
  }

  /// A projection in a message, or "none".
  static func describe(_ projection: RisingStarProjection?) -> String {
    guard let projection else { return "none" }
    return "current \(projection.current), slope \(projection.slopePerPeriod), projected "
      + "\(projection.projected) in \(projection.periodsAhead)"
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

/// A whole-base result whose entry is each client's own row: a class per client, so the
/// finder can be given a threshold per client.
struct RowClasses<ID: Hashable & Sendable>: ClientResult {
  let clients: ClientIndex<ID>

  subscript(row: Int) -> Int { row }

  func reason(forRow row: Int) -> String { "row \(row)" }
}
