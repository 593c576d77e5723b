import ClientBaseCore
public import Retention

/// Law checks for a host's `RhythmPolicy`: plain functions that return the violations found,
/// so any test framework can assert that the list is empty.
///
/// ```swift
/// let violations = RhythmLaws.violations(of: MyRhythm())
/// #expect(violations.isEmpty, "\(violations)")
/// let onOurs = RhythmLaws.violations(of: MyRhythm(), on: ourDays)
/// #expect(onOurs.isEmpty, "\(onOurs)")
/// ```
///
/// The laws, as violations name them:
/// - **row space**: the result lies over the input's row space — the same clients in the same
///   order, one entry per row in every column — with the input's as-of day;
/// - **gap and verdict**: a row has a verdict other than unknown, and a gap source other than
///   none, exactly when it has a positive, finite typical gap;
/// - **monotone**: among the rows with the same typical gap, a row more overdue (more days
///   since its last purchase day, from the input) never has a more recent verdict;
/// - **order independence**: three seeded shuffles of the rows give every client, found by
///   its identifier, the rhythm it had in input order, and the same fallback gap;
/// - **thread independence**: two and three threads give every row what one thread gives.
///
/// A violation names the client by its identifier and shows its rhythm as the policy gave it.
public enum RhythmLaws: Sendable {
  /// Every law on the host's own purchase days.
  ///
  /// - Parameters:
  ///   - policy: The policy under test.
  ///   - days: The purchase days to judge.
  ///   - seed: The seed of the shuffles; 1 by default.
  /// - Returns: The violations, at most five per law; empty when the policy kept every law on
  ///   this sample.
  /// - Complexity: Six runs of the policy, plus O(*n* log *n* + *d*) for *n* clients and *d*
  ///   purchase days.
  public static func violations<Policy: RhythmPolicy, ID>(
    of policy: Policy, on days: PurchaseDays<ID>, seed: UInt64 = 1
  ) -> [LawViolation] {
    var report = LawReport()
    let result = policy.rhythm(of: days, threadCount: 1)
    guard checkShape(result, of: days, context: "", into: &report) else {
      return report.violations
    }
    checkGaps(result, into: &report)
    checkMonotone(result, days: days, into: &report)
    checkOrderIndependence(policy, result, days: days, seed: seed, into: &report)
    for threads in [2, 3] {
      let other = policy.rhythm(of: days, threadCount: threads)
      let context = " (\(threads) threads)"
      guard checkShape(other, of: days, context: context, into: &report) else { continue }
      if other.fallbackGap != result.fallbackGap {
        report.add(
          LawViolation(
            law: "thread independence",
            values: [
              .init("fallback gap on 1 thread", "\(String(describing: result.fallbackGap))"),
              .init(
                "fallback gap on \(threads) threads", "\(String(describing: other.fallbackGap))"),
            ], message: "another fallback gap on \(threads) threads"))
      }
      for row in 0..<result.count where other[row] != result[row] {
        report.add(
          LawViolation(
            law: "thread independence", client: days.clients[row],
            values: [
              .init("rhythm on 1 thread", text(result[row])),
              .init("rhythm on \(threads) threads", text(other[row])),
            ], message: "another rhythm on \(threads) threads"))
      }
    }
    return report.violations
  }

  /// Every law on the purchase days of a generated ``LifecycleSample``: one-off buyers,
  /// steady buyers on rhythms from a few days to two months, jittered gaps, long breaks,
  /// refunds, and clients whose first purchase is on the as-of day.
  ///
  /// - Parameters:
  ///   - policy: The policy under test.
  ///   - clients: The sample's clients; 2,000 by default.
  ///   - seed: The sample's seed and the shuffles'; 1 by default.
  /// - Returns: The violations, at most five per law.
  public static func violations<Policy: RhythmPolicy>(
    of policy: Policy, clients: Int = 2_000, seed: UInt64 = 1
  ) -> [LawViolation] {
    do {
      return violations(of: policy, on: try sampleDays(clients: clients, seed: seed), seed: seed)
    } catch {
      return [LawViolation(law: "sample", message: "the sample could not be read: \(error)")]
    }
  }

  /// The purchase days of a ``LifecycleSample`` as of its as-of day.
  static func sampleDays(clients: Int, seed: UInt64) throws -> PurchaseDays<Int> {
    let sample = LifecycleSample(clients: clients, seed: seed)
    let log = PurchaseLog(sample.purchases)
    let table = try Summarizer().summarize(log, through: sample.asOf)
    return try PurchaseDays(log, table: table, asOf: sample.asOf)
  }

  /// Records a violation unless `result` lies over the row space of `days`, with its as-of
  /// day and one entry per row in every column; returns whether it does.
  private static func checkShape<ID>(
    _ result: PurchaseRhythm<ID>, of days: PurchaseDays<ID>, context: String,
    into report: inout LawReport
  ) -> Bool {
    let n = days.count
    guard result.clients.isSameRowSpace(as: days.clients), result.asOf == days.asOf,
      result.typicalGaps.count == n, result.gapSources.count == n,
      result.purchaseDayCounts.count == n, result.spanDays.count == n,
      result.daysSinceLast.count == n, result.overdue.count == n, result.verdicts.count == n
    else {
      report.add(
        LawViolation(
          law: "row space",
          values: [
            .init("clients", "\(result.count) for \(n)"),
            .init("as of", "\(result.asOf) for \(days.asOf)"),
          ],
          message: "the rhythm does not hold one entry per client of the purchase days, in "
            + "their order, as of their day" + context))
      return false
    }
    return true
  }

  /// Whether a row has a positive, finite typical gap.
  private static func hasGap<ID>(_ result: PurchaseRhythm<ID>, row: Int) -> Bool {
    result.typicalGaps[row] > 0 && result.typicalGaps[row].isFinite
  }

  /// A verdict other than unknown, and a source other than none, exactly with a gap.
  private static func checkGaps<ID>(_ result: PurchaseRhythm<ID>, into report: inout LawReport) {
    for row in 0..<result.count {
      let gap = hasGap(result, row: row)
      guard (result.verdicts[row] != .unknown) != gap || (result.gapSources[row] != .none) != gap
      else { continue }
      report.add(
        LawViolation(
          law: "gap and verdict", client: result.ids[row],
          values: [
            .init("typical gap", "\(result.typicalGaps[row])"),
            .init("gap source", result.gapSources[row].rawValue),
            .init("verdict", result.verdicts[row].description),
          ],
          message: gap
            ? "a typical gap but the verdict unknown or no gap source"
            : "no positive, finite typical gap but a verdict or a gap source"))
    }
  }

  /// Among the rows with the same typical gap, a larger overdue ratio never gives a more
  /// recent verdict.
  private static func checkMonotone<ID>(
    _ result: PurchaseRhythm<ID>, days: PurchaseDays<ID>, into report: inout LawReport
  ) {
    // Days since the last purchase day, from the input rather than the result's columns.
    let since = (0..<days.count).map { row in
      days.days[days.offsets[row + 1] - 1].days(to: days.asOf)
    }
    let rows = (0..<result.count)
      .filter { hasGap(result, row: $0) && result.verdicts[$0] != .unknown }
      .sorted {
        let gaps = (result.typicalGaps[$0], result.typicalGaps[$1])
        return gaps.0 != gaps.1 ? gaps.0 < gaps.1 : since[$0] < since[$1]
      }
    // The least recent verdict among the rows of the same gap with fewer days since the last.
    var worst: Int?
    var start = 0
    while start < rows.count {
      var end = start
      while end < rows.count, result.typicalGaps[rows[end]] == result.typicalGaps[rows[start]],
        since[rows[end]] == since[rows[start]]
      {
        end += 1
      }
      if let previous = worst, result.typicalGaps[previous] != result.typicalGaps[rows[start]] {
        worst = nil
      }
      if let worst {
        for row in rows[start..<end]
        where RhythmLawSupport.rank(of: result.verdicts[row])
          < RhythmLawSupport.rank(of: result.verdicts[worst])
        {
          report.add(
            LawViolation(
              law: "monotone", client: result.ids[row],
              values: [
                .init("typical gap", "\(result.typicalGaps[row])"),
                .init("days since the last", "\(since[row])"),
                .init("verdict", result.verdicts[row].description),
                .init("days since the last of client \(result.ids[worst])", "\(since[worst])"),
                .init(
                  "verdict of client \(result.ids[worst])", result.verdicts[worst].description),
              ],
              message: "more overdue than client \(result.ids[worst]) on the same typical gap "
                + "but a more recent verdict"))
        }
      }
      for row in rows[start..<end]
      where worst.map({
        RhythmLawSupport.rank(of: result.verdicts[row])
          > RhythmLawSupport.rank(of: result.verdicts[$0])
      }) ?? true {
        worst = row
      }
      start = end
    }
  }

  /// Runs the policy on seeded shuffles of the rows and compares every client's rhythm.
  private static func checkOrderIndependence<Policy: RhythmPolicy, ID>(
    _ policy: Policy, _ original: PurchaseRhythm<ID>, days: PurchaseDays<ID>, seed: UInt64,
    into report: inout LawReport
  ) {
    let ids = days.clients.ids
    var generator = SeededGenerator(seed: seed)
    for permutation in 1...ValueClassLawSupport.permutationCount {
      let order = ValueClassLawSupport.shuffledOrder(ids.count, using: &generator)
      let context = " (permutation \(permutation))"
      let shuffled: PurchaseDays<ID>
      do {
        shuffled = try RhythmLawSupport.reordered(
          ids: ids, order: order, asOf: days.asOf, days: { Array(days.days(ofRow: $0)) },
          netSpend: { _ in 0 }
        ).days
      } catch {
        report.add(
          LawViolation(
            law: "order independence", message: "could not shuffle the sample: \(error)"))
        return
      }
      let result = policy.rhythm(of: shuffled, threadCount: 1)
      guard checkShape(result, of: shuffled, context: context, into: &report) else { continue }
      if result.fallbackGap != original.fallbackGap {
        report.add(
          LawViolation(
            law: "order independence",
            values: [
              .init("fallback gap in input order", "\(String(describing: original.fallbackGap))"),
              .init("fallback gap shuffled", "\(String(describing: result.fallbackGap))"),
            ], message: "another fallback gap when the rows are shuffled" + context))
      }
      for (position, row) in order.enumerated() where result[position] != original[row] {
        report.add(
          LawViolation(
            law: "order independence", client: ids[row],
            values: [
              .init("rhythm in input order", text(original[row])),
              .init("rhythm shuffled", text(result[position])),
            ], message: "another rhythm when the rows are shuffled" + context))
      }
    }
  }

  /// A rhythm in a few words: "gap 31.0 (own), 94 days since the last, ratio 3.032: overdue".
  static func text(_ rhythm: ClientRhythm) -> String {
    let gap = rhythm.typicalGap.map { "gap \($0) (\(rhythm.gapSource.rawValue))" } ?? "no gap"
    let ratio = rhythm.overdue.map { ", ratio \($0)" } ?? ""
    return "\(gap), \(rhythm.daysSinceLast) days since the last\(ratio): \(rhythm.verdict)"
  }
}
