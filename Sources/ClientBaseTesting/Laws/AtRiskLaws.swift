import ClientBaseCore
public import Retention

/// Law checks for a host's `AtRiskPolicy`: plain functions that return the violations found,
/// so any test framework can assert that the list is empty.
///
/// ```swift
/// let violations = AtRiskLaws.violations(of: MyAtRisk())
/// #expect(violations.isEmpty, "\(violations)")
/// let onOurs = AtRiskLaws.violations(of: MyAtRisk(), on: ourEvidence)
/// #expect(onOurs.isEmpty, "\(onOurs)")
/// ```
///
/// The laws, as violations name them:
/// - **row space**: the list lies over the evidence's row space, one entry per row in every
///   column;
/// - **values**: every worth and value at risk is finite and 0 or more, every chance of being
///   gone within 0...1, and each value at risk the worth times that chance;
/// - **total**: the count of clients at risk is the number of rows at risk, and the total the
///   sum of their values at risk (to a relative 1e-9);
/// - **ranked**: the ranked list holds clients at risk only, each once, largest value at risk
///   first, and no client at risk left out is worth more at risk than the last one listed;
/// - **order independence**: three seeded shuffles of the evidence's rows give every client,
///   found by its identifier, the entry it had in input order, the same ranked clients, the
///   same count and the same total (to a relative 1e-9);
/// - **thread independence**: two and three threads give what one thread gives.
///
/// A violation names the client by its identifier and shows its entry as the policy gave it.
public enum AtRiskLaws: Sendable {
  /// Every law on the host's own evidence.
  ///
  /// - Parameters:
  ///   - policy: The policy under test.
  ///   - evidence: The evidence to weigh.
  ///   - seed: The seed of the shuffles; 1 by default.
  /// - Returns: The violations, at most five per law; empty when the policy kept every law on
  ///   this sample.
  /// - Complexity: Six runs of the policy, plus O(*n* log *n*) for *n* clients.
  public static func violations<Policy: AtRiskPolicy, ID>(
    of policy: Policy, on evidence: AtRiskEvidence<ID>, seed: UInt64 = 1
  ) -> [LawViolation] {
    var report = LawReport()
    let list = policy.atRisk(in: evidence, threadCount: 1)
    guard checkShape(list, of: evidence, context: "", into: &report) else {
      return report.violations
    }
    check(Answer(list), ids: evidence.clients.ids, into: &report)
    checkOrderIndependence(policy, list, seed: seed, into: &report)
    for threads in [2, 3] {
      let other = policy.atRisk(in: evidence, threadCount: threads)
      let context = " (\(threads) threads)"
      guard checkShape(other, of: evidence, context: context, into: &report) else { continue }
      for row in 0..<list.count where other[row] != list[row] {
        report.add(
          LawViolation(
            law: "thread independence", client: evidence.clients[row],
            values: [
              .init("entry on 1 thread", text(list[row])),
              .init("entry on \(threads) threads", text(other[row])),
            ], message: "another entry on \(threads) threads"))
      }
      if other.ranked != list.ranked || other.atRiskCount != list.atRiskCount
        || other.totalValueAtRisk != list.totalValueAtRisk
      {
        report.add(
          LawViolation(
            law: "thread independence",
            values: [
              .init("total on 1 thread", "\(list.totalValueAtRisk)"),
              .init("total on \(threads) threads", "\(other.totalValueAtRisk)"),
            ], message: "another ranked list, count or total on \(threads) threads"))
      }
    }
    return report.violations
  }

  /// Every law on evidence from a generated ``LifecycleSample``, weighed three ways: with a
  /// model's P(alive) and lifetime values, with P(alive) only, and on the rhythm alone.
  ///
  /// The rhythm is the standard one; P(alive) is 0 for one client in ten, 1 for another, and
  /// seeded between for the rest; one lifetime value in twenty is negative.
  ///
  /// - Parameters:
  ///   - policy: The policy under test.
  ///   - clients: The sample's clients; 2,000 by default.
  ///   - seed: The sample's seed and the shuffles'; 1 by default.
  /// - Returns: The violations, at most five per law, each message ending with the evidence
  ///   it was found on.
  public static func violations<Policy: AtRiskPolicy>(
    of policy: Policy, clients: Int = 2_000, seed: UInt64 = 1
  ) -> [LawViolation] {
    var report = LawReport()
    let samples: [(String, AtRiskEvidence<Int>)]
    do {
      samples = try sampleEvidence(clients: clients, seed: seed)
    } catch {
      return [LawViolation(law: "sample", message: "the sample could not be read: \(error)")]
    }
    for (name, evidence) in samples {
      for found in violations(of: policy, on: evidence, seed: seed) {
        var violation = found
        violation.message += " [\(name)]"
        report.add(violation)
      }
    }
    return report.violations
  }

  /// The sample's evidence with scores, with P(alive) only, and without scores.
  static func sampleEvidence(clients: Int, seed: UInt64) throws -> [(String, AtRiskEvidence<Int>)] {
    let sample = LifecycleSample(clients: clients, seed: seed)
    let log = PurchaseLog(sample.purchases)
    let table = try Summarizer().summarize(log, through: sample.asOf)
    let days = try PurchaseDays(log, table: table, asOf: sample.asOf)
    let rhythm = StandardRhythm.standard.rhythm(of: days)
    var generator = SeededGenerator(seed: seed)
    var alive = ContiguousArray<Double>()
    var value = ContiguousArray<Double>()
    for _ in 0..<table.count {
      switch generator.nextInt(below: 10) {
      case 0: alive.append(0)
      case 1: alive.append(1)
      default: alive.append(generator.nextUnitDouble())
      }
      value.append(
        generator.nextInt(below: 20) == 0 ? -50 : 2_000 * generator.nextUnitDouble())
    }
    let none = ContiguousArray<Double>(repeating: 0, count: table.count)
    let full = try ClientScores(
      clients: table.clients, horizon: 52, probabilityAlive: alive, expectedPurchases: none,
      lifetimeValue: value)
    let aliveOnly = try ClientScores(
      clients: table.clients, horizon: 52, probabilityAlive: alive, expectedPurchases: none)
    return [
      ("with scores", try AtRiskEvidence(rhythm: rhythm, table: table, scores: full)),
      ("P(alive) only", try AtRiskEvidence(rhythm: rhythm, table: table, scores: aliveOnly)),
      ("rhythm alone", try AtRiskEvidence(rhythm: rhythm, table: table, scores: nil)),
    ]
  }

  /// What the values, total and ranked laws read from a list, apart so the check can be
  /// tested on answers no policy can give (the list's initialiser computes the total and the
  /// ranking).
  struct Answer {
    var isAtRisk: [Bool]
    var worth: [Double]
    var probabilityGone: [Double]
    var valuesAtRisk: [Double]
    var ranked: [Int]
    var atRiskCount: Int
    var totalValueAtRisk: Double

    init<ID>(_ list: AtRiskList<ID>) {
      isAtRisk = Array(list.isAtRisk)
      worth = Array(list.worth)
      probabilityGone = Array(list.probabilityGone)
      valuesAtRisk = Array(list.valuesAtRisk)
      ranked = list.ranked
      atRiskCount = list.atRiskCount
      totalValueAtRisk = list.totalValueAtRisk
    }
  }

  /// The values, total and ranked laws on an answer whose columns have one entry per row of
  /// `ids`.
  static func check<ID>(_ answer: Answer, ids: [ID], into report: inout LawReport) {
    let n = ids.count
    var sum = 0.0
    var magnitude = 0.0
    var atRisk = 0
    for row in 0..<n {
      let worth = answer.worth[row]
      let gone = answer.probabilityGone[row]
      let value = answer.valuesAtRisk[row]
      if answer.isAtRisk[row] {
        atRisk += 1
        sum += value
        magnitude += abs(value)
      }
      let inBounds =
        worth >= 0 && worth.isFinite && gone >= 0 && gone <= 1 && value >= 0 && value.isFinite
        && abs(value - worth * gone) <= 1e-9 * Swift.max(value, 1)
      if inBounds { continue }
      report.add(
        LawViolation(
          law: "values", client: ids[row],
          values: [
            .init("worth", "\(worth)"), .init("chance of being gone", "\(gone)"),
            .init("value at risk", "\(value)"),
          ],
          message: "a worth, chance of being gone or value at risk out of bounds, or a value "
            + "at risk that is not the worth times the chance"))
    }
    if atRisk != answer.atRiskCount {
      report.add(
        LawViolation(
          law: "total",
          message: "the count at risk is \(answer.atRiskCount), \(atRisk) rows are at risk"))
    }
    if sum.isFinite, !(abs(sum - answer.totalValueAtRisk) <= 1e-9 * Swift.max(magnitude, 1)) {
      report.add(
        LawViolation(
          law: "total",
          message: "the total \(answer.totalValueAtRisk) is not the sum over the clients at "
            + "risk, \(sum)"))
    }
    checkRanked(answer, ids: ids, into: &report)
  }

  /// The ranked list: clients at risk only, each once, largest first, none larger left out.
  private static func checkRanked<ID>(_ answer: Answer, ids: [ID], into report: inout LawReport) {
    let n = ids.count
    var listed = [Bool](repeating: false, count: n)
    var previous = Double.infinity
    for (rank, row) in answer.ranked.enumerated() {
      guard row >= 0, row < n else {
        report.add(
          LawViolation(law: "ranked", message: "rank \(rank) holds row \(row), not a client"))
        return
      }
      let value = answer.valuesAtRisk[row]
      let problem: String? =
        !answer.isAtRisk[row]
        ? "listed at rank \(rank) but not at risk"
        : listed[row]
          ? "listed twice"
          : value <= previous ? nil : "listed at rank \(rank) above a smaller value at risk"
      if let problem {
        report.add(
          LawViolation(
            law: "ranked", client: ids[row],
            values: [.init("value at risk", "\(value)"), .init("rank", "\(rank)")],
            message: problem))
        return
      }
      listed[row] = true
      previous = value
    }
    guard let last = answer.ranked.last else { return }
    for row in 0..<n
    where answer.isAtRisk[row] && !listed[row]
      && answer.valuesAtRisk[row] > answer.valuesAtRisk[last]
    {
      report.add(
        LawViolation(
          law: "ranked", client: ids[row],
          values: [
            .init("value at risk", "\(answer.valuesAtRisk[row])"),
            .init("value at risk of client \(ids[last])", "\(answer.valuesAtRisk[last])"),
          ],
          message: "at risk and left out of the ranked list, but worth more at risk than "
            + "client \(ids[last]), the last listed"))
    }
  }

  /// Records a violation unless `list` lies over the evidence's row space with one entry per
  /// row in every column; returns whether it does.
  private static func checkShape<ID>(
    _ list: AtRiskList<ID>, of evidence: AtRiskEvidence<ID>, context: String,
    into report: inout LawReport
  ) -> Bool {
    let n = evidence.count
    guard list.clients.isSameRowSpace(as: evidence.clients), list.isAtRisk.count == n,
      list.worth.count == n, list.bases.count == n, list.probabilityGone.count == n,
      list.valuesAtRisk.count == n
    else {
      report.add(
        LawViolation(
          law: "row space", values: [.init("clients", "\(list.count) for \(n)")],
          message: "the list does not hold one entry per client of the evidence, in its order"
            + context))
      return false
    }
    return true
  }

  /// The evidence with its rows in `order`: row `k` is the client of row `order[k]`, with
  /// that row's rhythm, net spend and scores.
  private static func shuffled<ID>(_ evidence: AtRiskEvidence<ID>, order: [Int]) throws
    -> AtRiskEvidence<ID>
  {
    let rhythm = evidence.rhythm
    // Purchase days with the row's count, span and days since the last: all a rhythm keeps
    // of them.
    let (table, days) = try RhythmLawSupport.reordered(
      ids: evidence.clients.ids, order: order, asOf: rhythm.asOf,
      days: { row in
        let last = rhythm.asOf.adding(days: -Int(rhythm.daysSinceLast[row]))
        let first = last.adding(days: -Int(rhythm.spanDays[row]))
        let count = Int(rhythm.purchaseDayCounts[row])
        guard count > 1 else { return [first] }
        return (0..<(count - 1)).map { first.adding(days: $0) } + [last]
      },
      netSpend: { evidence.netSpend[$0] })
    let moved = try PurchaseRhythm(days: days, fallbackGap: rhythm.fallbackGap) { position in
      let row = order[position]
      let source = rhythm.gapSources[row]
      return (source == .none ? nil : rhythm.typicalGaps[row], source, rhythm.verdicts[row])
    }
    var scores: ClientScores<ID>?
    if evidence.hasScores {
      scores = try ClientScores(
        clients: table.clients, horizon: 1,
        probabilityAlive: ContiguousArray(order.map { evidence.probabilityAlive[$0] }),
        expectedPurchases: ContiguousArray(repeating: 0, count: order.count),
        lifetimeValue: evidence.lifetimeValue.isEmpty
          ? [] : ContiguousArray(order.map { evidence.lifetimeValue[$0] }))
    }
    return try AtRiskEvidence(rhythm: moved, table: table, scores: scores)
  }

  /// Runs the policy on seeded shuffles of the evidence and compares every client's entry,
  /// the ranked clients, the count and the total.
  private static func checkOrderIndependence<Policy: AtRiskPolicy, ID>(
    _ policy: Policy, _ original: AtRiskList<ID>, seed: UInt64, into report: inout LawReport
  ) {
    let evidence = original.evidence
    let ids = evidence.clients.ids
    var generator = SeededGenerator(seed: seed)
    for permutation in 1...ValueClassLawSupport.permutationCount {
      let order = ValueClassLawSupport.shuffledOrder(ids.count, using: &generator)
      let context = " (permutation \(permutation))"
      let moved: AtRiskEvidence<ID>
      do {
        moved = try shuffled(evidence, order: order)
      } catch {
        report.add(
          LawViolation(
            law: "order independence", message: "could not shuffle the evidence: \(error)"))
        return
      }
      let list = policy.atRisk(in: moved, threadCount: 1)
      guard checkShape(list, of: moved, context: context, into: &report) else { continue }
      for (position, row) in order.enumerated() where list[position] != original[row] {
        report.add(
          LawViolation(
            law: "order independence", client: ids[row],
            values: [
              .init("entry in input order", text(original[row])),
              .init("entry shuffled", text(list[position])),
            ], message: "another entry when the rows are shuffled" + context))
      }
      let tolerance = 1e-9 * Swift.max(abs(original.totalValueAtRisk), 1)
      if list.ranked.map({ list.ids[$0] }) != original.ranked.map({ ids[$0] })
        || list.atRiskCount != original.atRiskCount
        || !(abs(list.totalValueAtRisk - original.totalValueAtRisk) <= tolerance)
      {
        report.add(
          LawViolation(
            law: "order independence",
            values: [
              .init("total in input order", "\(original.totalValueAtRisk)"),
              .init("total shuffled", "\(list.totalValueAtRisk)"),
            ], message: "other ranked clients, count or total when the rows are shuffled" + context
          ))
      }
    }
  }

  /// An entry in a few words: "at risk, worth 4200.0 (yearlySpend), gone 0.88, value at risk
  /// 3696.0, rank 3, overdue".
  static func text(_ entry: AtRiskEntry) -> String {
    let rank = entry.rank.map { ", rank \($0)" } ?? ""
    return "\(entry.isAtRisk ? "at risk" : "not at risk"), worth \(entry.worth) "
      + "(\(entry.basis.rawValue)), gone \(entry.probabilityGone), value at risk "
      + "\(entry.valueAtRisk)\(rank), \(entry.verdict)"
  }
}
