import ClientBaseCore
public import Retention

/// Law checks for a host's `BarrierPolicy`: a plain function that returns the violations
/// found, so any test framework can assert that the list is empty.
///
/// ```swift
/// let base = try SyntheticBase(configuration: .init(clients: 2_000, seed: 3))
/// let evidence = try BarrierLaws.sampleEvidence(from: base)
/// let violations = BarrierLaws.violations(of: MyBarriers(), on: evidence)
/// #expect(violations.isEmpty, "\(violations)")
/// ```
///
/// The laws, as violations name them:
/// - **one entry per row**: the result lies over the evidence's row space, with a score, a
///   high-value flag and a standing for every row;
/// - **finite scores**: every score is finite and 0 or more;
/// - **more services, no lower barrier**: a client who uses every service another uses scores
///   at least as high, so clients with the same services score the same (checked on up to
///   256 distinct sets of services);
/// - **value decides high value**: a client worth at least as much as a high-value client is
///   high value too;
/// - **order independence**: three seeded shuffles of the rows give every client the score,
///   high-value flag and standing it had in input order;
/// - **thread independence**: three threads give every row what one thread gives.
///
/// Feed it varied data: a base where some clients use no service, some every one, and values
/// tie, finds more than a clean one.
public enum BarrierLaws: Sendable {
  /// The most distinct sets of services the monotone law compares pairwise.
  static let maximumServiceSets = 256

  /// Checks the laws of `BarrierPolicy` on `evidence` and on seeded shuffles of its rows.
  ///
  /// - Parameters:
  ///   - policy: The policy under test.
  ///   - evidence: The sample to check it on.
  ///   - seed: The seed of the shuffles; 1 by default.
  /// - Returns: The violations found, at most five per law; empty when the policy kept every
  ///   law on this sample.
  /// - Complexity: Five runs of the policy, plus O(*n* + *s*² *k*) for *s* distinct sets of
  ///   services of up to *k* services.
  public static func violations<Policy: BarrierPolicy, ID>(
    of policy: Policy, on evidence: BarrierEvidence<ID>, seed: UInt64 = 1
  ) -> [LawViolation] {
    var report = LawReport()
    let result = policy.barriers(in: evidence, threadCount: 1)
    guard checkShape(result, of: evidence, context: "", into: &report) else {
      return report.violations
    }
    let ids = evidence.clients.ids
    for row in 0..<result.count where !(result.scores[row] >= 0 && result.scores[row].isFinite) {
      report.add(
        LawViolation(
          law: "finite scores", client: ids[row],
          values: [.init("score", "\(result.scores[row])")],
          message: "the score is negative or not finite"))
    }
    checkMonotoneInServices(result, into: &report)
    checkHighValue(result, into: &report)
    checkOrderIndependence(policy, result, seed: seed, into: &report)
    let threaded = policy.barriers(in: evidence, threadCount: 3)
    if checkShape(threaded, of: evidence, context: " (3 threads)", into: &report) {
      for row in 0..<result.count
      where threaded.scores[row] != result.scores[row]
        || threaded.standings[row] != result.standings[row]
      {
        report.add(
          LawViolation(
            law: "thread independence", client: ids[row],
            values: [
              .init("score on 1 thread", "\(result.scores[row])"),
              .init("score on 3 threads", "\(threaded.scores[row])"),
              .init("standing on 1 thread", result.standings[row].rawValue),
              .init("standing on 3 threads", threaded.standings[row].rawValue),
            ], message: "another answer on three threads"))
      }
    }
    return report.violations
  }

  /// Evidence from a synthetic base, ready for ``violations(of:on:seed:)``: every client's
  /// services from ``SyntheticBase/services`` and, as its value, its spend.
  ///
  /// - Parameter base: The base.
  /// - Returns: The evidence over the base's clients, `0..<clients`.
  /// - Throws: What the evidence's checks throw (nothing for a generated base).
  public static func sampleEvidence(from base: SyntheticBase) throws -> BarrierEvidence<Int> {
    let clients = try ClientIndex(Array(0..<base.clients.count))
    var spend = [Double](repeating: 0, count: base.clients.count)
    for event in 0..<base.log.count {
      spend[Int(base.log.clientIndices[event])] += base.log.amounts[event]
    }
    let usage = try ServiceUsage(clients: clients, uses: base.services)
    return try BarrierEvidence(usage: usage, value: spend)
  }

  /// Records a violation unless `result` lies over the evidence's row space with one entry
  /// per row; returns whether it does.
  private static func checkShape<ID>(
    _ result: SwitchingBarriers<ID>, of evidence: BarrierEvidence<ID>, context: String,
    into report: inout LawReport
  ) -> Bool {
    let n = evidence.count
    guard result.clients.isSameRowSpace(as: evidence.clients),
      result.scores.count == n, result.isHighValue.count == n, result.standings.count == n
    else {
      report.add(
        LawViolation(
          law: "one entry per row",
          message: "the result does not hold one entry per client of the evidence, in its "
            + "order" + context))
      return false
    }
    return true
  }

  /// Compares the lowest and highest scores of clients with each distinct set of services,
  /// and across sets one of which holds the other.
  private static func checkMonotoneInServices<ID>(
    _ result: SwitchingBarriers<ID>, into report: inout LawReport
  ) {
    let usage = result.evidence.usage
    let ids = result.clients.ids
    // The rows with the lowest and the highest score for each set of services.
    var extremes: [[Int32]: (lowest: Int, highest: Int)] = [:]
    for row in 0..<result.count {
      let set = Array(usage.serviceIndices[usage.offsets[row]..<usage.offsets[row + 1]])
      if let known = extremes[set] {
        var updated = known
        if result.scores[row] < result.scores[known.lowest] { updated.lowest = row }
        if result.scores[row] > result.scores[known.highest] { updated.highest = row }
        extremes[set] = updated
      } else if extremes.count < maximumServiceSets {
        extremes[set] = (row, row)
      }
    }
    func names(_ set: [Int32]) -> String {
      set.isEmpty ? "none" : set.map { usage.services[Int($0)].rawValue }.joined(separator: ", ")
    }
    func violation(_ more: Int, _ fewer: Int, _ moreSet: [Int32], _ fewerSet: [Int32])
      -> LawViolation
    {
      LawViolation(
        law: "more services, no lower barrier", client: ids[more],
        values: [
          .init("services", names(moreSet)), .init("score", "\(result.scores[more])"),
          .init("services of client \(ids[fewer])", names(fewerSet)),
          .init("score of client \(ids[fewer])", "\(result.scores[fewer])"),
        ],
        message: "uses every service client \(ids[fewer]) uses but scores lower")
    }
    let sets = extremes.keys.sorted { $0.lexicographicallyPrecedes($1) }
    for set in sets {
      guard let rows = extremes[set] else { continue }
      if result.scores[rows.lowest] < result.scores[rows.highest] {
        report.add(violation(rows.lowest, rows.highest, set, set))
      }
    }
    for larger in sets {
      for smaller in sets where smaller.count < larger.count {
        guard smaller.allSatisfy({ larger.contains($0) }), let big = extremes[larger],
          let small = extremes[smaller],
          result.scores[big.lowest] < result.scores[small.highest]
        else { continue }
        report.add(violation(big.lowest, small.highest, larger, smaller))
      }
    }
  }

  /// Records every client worth at least as much as the least valuable high-value client
  /// that is not high value itself.
  private static func checkHighValue<ID>(
    _ result: SwitchingBarriers<ID>, into report: inout LawReport
  ) {
    let value = result.evidence.value
    let ids = result.clients.ids
    var least: Int?
    for row in 0..<result.count where result.isHighValue[row] {
      if least.map({ value[row] < value[$0] }) ?? true { least = row }
    }
    guard let least else { return }
    for row in 0..<result.count where !result.isHighValue[row] && value[row] >= value[least] {
      report.add(
        LawViolation(
          law: "value decides high value", client: ids[row],
          values: [
            .init("value", "\(value[row])"),
            .init("value of client \(ids[least])", "\(value[least])"),
          ],
          message: "worth at least as much as high-value client \(ids[least]) but not high "
            + "value"))
    }
  }

  /// Runs the policy on seeded shuffles of the rows and compares every client's answers.
  private static func checkOrderIndependence<Policy: BarrierPolicy, ID>(
    _ policy: Policy, _ original: SwitchingBarriers<ID>, seed: UInt64,
    into report: inout LawReport
  ) {
    let evidence = original.evidence
    let usage = evidence.usage
    let ids = evidence.clients.ids
    var generator = SeededGenerator(seed: seed)
    for permutation in 1...ValueClassLawSupport.permutationCount {
      let order = ValueClassLawSupport.shuffledOrder(ids.count, using: &generator)
      let context = " (permutation \(permutation))"
      let shuffled: BarrierEvidence<ID>
      do {
        let clients = try ClientIndex(order.map { ids[$0] })
        var uses: [ServiceUse<ID>] = []
        for row in order {
          for k in usage.offsets[row]..<usage.offsets[row + 1] {
            uses.append(
              ServiceUse(client: ids[row], service: usage.services[Int(usage.serviceIndices[k])]))
          }
        }
        let moved = try ServiceUsage(clients: clients, uses: uses, services: usage.services)
        shuffled = try BarrierEvidence(usage: moved, value: order.map { evidence.value[$0] })
      } catch {
        report.add(
          LawViolation(
            law: "order independence", message: "could not shuffle the sample: \(error)"))
        return
      }
      let result = policy.barriers(in: shuffled, threadCount: 1)
      guard checkShape(result, of: shuffled, context: context, into: &report) else { continue }
      for (position, row) in order.enumerated()
      where result.scores[position] != original.scores[row]
        || result.isHighValue[position] != original.isHighValue[row]
        || result.standings[position] != original.standings[row]
      {
        report.add(
          LawViolation(
            law: "order independence", client: ids[row],
            values: [
              .init("score in input order", "\(original.scores[row])"),
              .init("score shuffled", "\(result.scores[position])"),
              .init("standing in input order", original.standings[row].rawValue),
              .init("standing shuffled", result.standings[position].rawValue),
            ], message: "another answer when the rows are shuffled" + context))
      }
    }
  }
}
