import ClientBaseCore
public import Retention

/// Law checks for a host's `WinBackPolicy`: a plain function that returns the violations
/// found, so any test framework can assert that the list is empty.
///
/// ```swift
/// let stages = StandardLifecycle.standard.stages(for: try LifecycleSample(
///   clients: 2_000, seed: 1).evidence())
/// let violations = WinBackLaws.violations(of: MyWinBack(), on: stages)
/// #expect(violations.isEmpty, "\(violations)")
/// ```
///
/// The laws, as violations name them:
/// - **row space:** the list lies over the lifecycle's row space;
/// - **lapsed only:** every candidate is lapsed;
/// - **values:** worths finite and 0 or more, chances within 0...1, each expected value the
///   worth times the chance;
/// - **ranked:** the ranked list holds candidates only, each once, largest expected value
///   first, no more than there are candidates;
/// - **total:** the total is the sum of the candidates' expected values (to a relative 1e-9);
/// - **thread independence:** two and three threads give what one gives.
public enum WinBackLaws: Sendable {
  /// Every law on a lifecycle.
  ///
  /// - Parameters:
  ///   - policy: The policy under test.
  ///   - lifecycle: The lifecycle to rank from (the host's own, or one of a
  ///     ``LifecycleSample``).
  /// - Returns: The violations, at most five per law.
  /// - Complexity: Three runs of the policy, plus O(*n* log *n*).
  public static func violations<Policy: WinBackPolicy, ID>(
    of policy: Policy, on lifecycle: LifecycleStages<ID>
  ) -> [LawViolation] {
    var report = LawReport()
    let list = policy.winBack(from: lifecycle, threadCount: 1)
    let n = lifecycle.count
    guard list.clients.isSameRowSpace(as: lifecycle.clients), list.isCandidate.count == n,
      list.worth.count == n, list.chance.count == n, list.expectedValues.count == n
    else {
      report.add(
        LawViolation(
          law: "row space", message: "the list's columns do not lie over the lifecycle's rows"))
      return report.violations
    }
    var sum = 0.0
    var magnitude = 0.0
    var candidates = 0
    for row in 0..<n {
      let id = lifecycle.ids[row]
      let values: [LawViolation.Value] = [
        .init("stage", lifecycle.stages[row].rawValue),
        .init("worth", "\(list.worth[row])"), .init("chance", "\(list.chance[row])"),
        .init("expected", "\(list.expectedValues[row])"),
      ]
      if list.isCandidate[row] {
        candidates += 1
        sum += list.expectedValues[row]
        magnitude += abs(list.expectedValues[row])
        if lifecycle.stages[row] != .lapsed {
          report.add(
            LawViolation(
              law: "lapsed only", client: id, values: values, message: "a candidate not lapsed"))
        }
      }
      let worth = list.worth[row]
      let chance = list.chance[row]
      let expected = list.expectedValues[row]
      if !(worth >= 0 && worth.isFinite && chance >= 0 && chance <= 1)
        || !(abs(expected - worth * chance) <= 1e-9 * Swift.max(abs(expected), 1))
      {
        report.add(
          LawViolation(
            law: "values", client: id, values: values,
            message: "a worth, chance or expected value out of bounds or not worth × chance"))
      }
    }
    if candidates != list.candidateCount {
      report.add(
        LawViolation(
          law: "total",
          message: "candidateCount is \(list.candidateCount), \(candidates) rows are candidates"))
    }
    if !(abs(sum - list.totalExpectedValue) <= 1e-9 * Swift.max(magnitude, 1)) {
      report.add(
        LawViolation(
          law: "total",
          message: "the total \(list.totalExpectedValue) is not the candidates' sum \(sum)"))
    }
    var seen = Set<Int>()
    var previous = Double.infinity
    for row in list.ranked {
      guard row >= 0, row < n, list.isCandidate[row], seen.insert(row).inserted,
        list.expectedValues[row] <= previous
      else {
        report.add(
          LawViolation(
            law: "ranked",
            client: row >= 0 && row < n ? String(describing: lifecycle.ids[row]) : nil,
            message: "the ranked list holds a row that is not a candidate, twice, or out of order"
          ))
        break
      }
      previous = list.expectedValues[row]
    }
    if list.ranked.count > list.candidateCount {
      report.add(
        LawViolation(law: "ranked", message: "more rows ranked than there are candidates"))
    }
    for threads in [2, 3] {
      let other = policy.winBack(from: lifecycle, threadCount: threads)
      if other.isCandidate != list.isCandidate || other.worth != list.worth
        || other.chance != list.chance || other.ranked != list.ranked
        || other.totalExpectedValue != list.totalExpectedValue
      {
        report.add(
          LawViolation(
            law: "thread independence",
            message: "\(threads) threads give another list than 1"))
      }
    }
    return report.violations
  }
}
