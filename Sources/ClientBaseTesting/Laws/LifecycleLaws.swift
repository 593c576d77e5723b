import ClientBaseCore
public import Retention

/// Law checks for a host's `LifecyclePolicy`: plain functions that return the violations
/// found, so any test framework can assert that the list is empty.
///
/// ```swift
/// let violations = LifecycleLaws.violations(of: MyLifecycle())
/// #expect(violations.isEmpty, "\(violations)")
/// let onOurs = LifecycleLaws.violations(of: MyLifecycle(), on: ourEvidence)
/// #expect(onOurs.isEmpty, "\(onOurs)")
/// ```
///
/// The laws, as violations name them:
/// - **one stage per client:** the result lies over the evidence's row space with one stage
///   per client, so the counts add up to the base;
/// - **transitions:** each client's transitions start with `new` on its first purchase day,
///   their days increase strictly up to the as-of day, each step is one
///   `LifecycleStage.allowedNextStages` allows, and the stage is the last transition's;
/// - **buying days:** on each of its purchase days a client is in a buying stage (new,
///   repeat, regular, partner, won back); it enters at risk and lapsed only on days without a
///   purchase, and won back only on a purchase day;
/// - **thread independence:** two and three threads give what one gives;
/// - **order independence** (generated samples): the same histories read in another order
///   give every client the same transitions.
///
/// A violation names the client by its identifier and shows its purchase days and
/// transitions.
public enum LifecycleLaws: Sendable {
  /// Every law on the host's own evidence, except order independence (which needs the
  /// histories in two orders).
  ///
  /// - Parameters:
  ///   - policy: The policy under test.
  ///   - evidence: The host's evidence.
  /// - Returns: The violations, at most five per law.
  /// - Complexity: Three runs of the policy, plus O(*n* + *d* + *t*).
  public static func violations<Policy: LifecyclePolicy, ID>(
    of policy: Policy, on evidence: LifecycleEvidence<ID>
  ) -> [LawViolation] {
    var report = LawReport()
    check(policy, on: evidence, into: &report)
    return report.violations
  }

  /// Every law on a generated ``LifecycleSample``, order independence included (the sample
  /// read in a shuffled order).
  ///
  /// - Parameters:
  ///   - policy: The policy under test.
  ///   - clients: The sample's clients; 2,000 by default.
  ///   - seed: The sample's seed and the shuffle's; 1 by default.
  /// - Returns: The violations, at most five per law.
  public static func violations<Policy: LifecyclePolicy>(
    of policy: Policy, clients: Int = 2_000, seed: UInt64 = 1
  ) -> [LawViolation] {
    var report = LawReport()
    let sample = LifecycleSample(clients: clients, seed: seed)
    let evidence: LifecycleEvidence<Int>
    let shuffled: LifecycleEvidence<Int>
    do {
      evidence = try sample.evidence()
      shuffled = try sample.evidence(shuffledWith: seed &+ 1)
    } catch {
      report.add(LawViolation(law: "sample", message: "the sample could not be read: \(error)"))
      return report.violations
    }
    guard let original = check(policy, on: evidence, into: &report) else {
      return report.violations
    }
    let other = policy.stages(for: shuffled, threadCount: 1)
    guard other.clients.isSameRowSpace(as: shuffled.clients) else {
      report.add(
        LawViolation(
          law: "one stage per client",
          message: "the result over the shuffled sample lies over another row space"))
      return report.violations
    }
    for row in 0..<original.count {
      let id = original.ids[row]
      guard let moved = other.row(for: id) else { continue }
      let before = original.transitions(ofRow: row)
      let after = other.transitions(ofRow: moved)
      if before != after {
        report.add(
          LawViolation(
            law: "order independence", client: id,
            values: [
              .init("transitions in sample order", text(before)),
              .init("transitions shuffled", text(after)),
            ], message: "the same history read in another order gives other transitions"))
      }
    }
    return report.violations
  }

  /// Runs the policy on one thread and checks every law but order independence; returns the
  /// result when it lies over the evidence's row space.
  @discardableResult
  static func check<Policy: LifecyclePolicy, ID>(
    _ policy: Policy, on evidence: LifecycleEvidence<ID>, into report: inout LawReport
  ) -> LifecycleStages<ID>? {
    let result = policy.stages(for: evidence, threadCount: 1)
    let n = evidence.count
    guard result.clients.isSameRowSpace(as: evidence.clients), result.stages.count == n,
      result.transitionOffsets.count == n + 1,
      result.transitionDays.count == result.transitionStages.count
    else {
      report.add(
        LawViolation(
          law: "one stage per client",
          message: "the result has \(result.count) clients and \(result.stages.count) stages "
            + "for \(n) clients in the evidence, or lies over another row space"))
      return nil
    }
    let counts = result.counts
    if counts.total != n || counts.unlabeled != 0 {
      report.add(
        LawViolation(
          law: "one stage per client",
          message: "the counts add up to \(counts.total) (\(counts.unlabeled) without a stage) "
            + "for \(n) clients"))
    }
    let days = evidence.days
    for row in 0..<n {
      let purchaseDays = Array(days.days(ofRow: row))
      let start = result.transitionOffsets[row]
      let end = result.transitionOffsets[row + 1]
      guard start >= 0, start <= end, end <= result.transitionDays.count else {
        report.add(
          LawViolation(
            law: "transitions", client: evidence.clients[row],
            message: "its transitions lie outside the result's columns"))
        continue
      }
      let steps = result.transitions(ofRow: row)
      checkTransitions(
        steps, stage: result.stages[row], purchaseDays: purchaseDays, asOf: evidence.asOf,
        client: evidence.clients[row], into: &report)
      checkBuyingDays(
        steps, purchaseDays: purchaseDays, client: evidence.clients[row], into: &report)
    }
    for threads in [2, 3] {
      let other = policy.stages(for: evidence, threadCount: threads)
      guard other.stages == result.stages, other.transitionOffsets == result.transitionOffsets,
        other.transitionDays == result.transitionDays,
        other.transitionStages == result.transitionStages
      else {
        let row = (0..<n).first {
          $0 >= other.count || other.transitions(ofRow: $0) != result.transitions(ofRow: $0)
        }
        report.add(
          LawViolation(
            law: "thread independence", client: row.map { String(describing: result.ids[$0]) },
            values: row.map { row in
              [
                .init("transitions on 1 thread", text(result.transitions(ofRow: row))),
                .init(
                  "transitions on \(threads) threads",
                  row < other.count ? text(other.transitions(ofRow: row)) : "none"),
              ]
            } ?? [],
            message: "\(threads) threads give other stages or transitions than 1"))
        continue
      }
    }
    return result
  }

  /// The transitions law for one client.
  static func checkTransitions<ID>(
    _ steps: [LifecycleTransition], stage: LifecycleStage, purchaseDays: [Day], asOf: Day,
    client: ID, into report: inout LawReport
  ) {
    let values: [LawViolation.Value] = [
      .init("purchase days", purchaseDays.map(\.description).joined(separator: ", ")),
      .init("transitions", text(steps)),
    ]
    func broken(_ message: String) {
      report.add(LawViolation(law: "transitions", client: client, values: values, message: message))
    }
    guard let first = steps.first, first.stage == .new, first.day == purchaseDays.first else {
      broken("the transitions do not start with new on the first purchase day")
      return
    }
    var previous = LifecycleTransition(day: first.day, stage: .prospect)
    for step in steps {
      if !previous.stage.allows(step.stage) {
        broken("\(previous.stage) is followed by \(step.stage), which the state machine forbids")
        return
      }
      if previous.stage != .prospect, step.day <= previous.day {
        broken("the transition days do not increase strictly")
        return
      }
      if step.day > asOf {
        broken("a transition falls after the as-of day \(asOf)")
        return
      }
      previous = step
    }
    if previous.stage != stage {
      broken("the stage \(stage) is not the last transition's, \(previous.stage)")
    }
  }

  /// The buying-days law for one client.
  static func checkBuyingDays<ID>(
    _ steps: [LifecycleTransition], purchaseDays: [Day], client: ID,
    into report: inout LawReport
  ) {
    let bought = Set(purchaseDays)
    let values: [LawViolation.Value] = [
      .init("purchase days", purchaseDays.map(\.description).joined(separator: ", ")),
      .init("transitions", text(steps)),
    ]
    for step in steps {
      let onPurchase = bought.contains(step.day)
      if (step.stage == .atRisk || step.stage == .lapsed) && onPurchase {
        report.add(
          LawViolation(
            law: "buying days", client: client, values: values,
            message: "enters \(step.stage) on \(step.day), a purchase day"))
        return
      }
      if step.stage == .wonBack && !onPurchase {
        report.add(
          LawViolation(
            law: "buying days", client: client, values: values,
            message: "is won back on \(step.day), a day without a purchase"))
        return
      }
    }
    var position = 0
    var stage = LifecycleStage.prospect
    for day in purchaseDays {
      while position < steps.count, steps[position].day <= day {
        stage = steps[position].stage
        position += 1
      }
      if !stage.isBuying {
        report.add(
          LawViolation(
            law: "buying days", client: client, values: values,
            message: "is \(stage) on \(day), a day it bought"))
        return
      }
    }
  }

  /// "2026-01-05 new, 2026-02-05 repeat".
  static func text(_ steps: [LifecycleTransition]) -> String {
    steps.map(\.description).joined(separator: ", ")
  }
}
