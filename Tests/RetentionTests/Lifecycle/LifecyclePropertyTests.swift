import ClientBaseTesting
import Testing

@testable import Retention

@Suite("Lifecycle stages on seeded bases")
struct LifecyclePropertyTests {
  /// The standard policy keeps every law on a generated sample: one stage per client (the
  /// counts add up to the base), every transition one the state machine allows, buying stages
  /// on purchase days, and the same answer in another row order.
  @Test func standardKeepsTheLaws() {
    let violations = LifecycleLaws.violations(of: StandardLifecycle.standard, clients: 3_000)
    #expect(violations.isEmpty, "\(violations)")
    let patient = try! StandardLifecycle(
      atRiskFrom: 1.5, lapsedFrom: 2, regularMinimumPurchaseDays: 2, regularMinimumSpanDays: 0,
      partnerMinimumReferrals: 2, highValue: .topShare(0.5))
    let other = LifecycleLaws.violations(of: patient, clients: 2_000, seed: 9)
    #expect(other.isEmpty, "\(other)")
  }

  /// The sample has every stage, so the laws above checked something.
  @Test func sampleReachesEveryStage() throws {
    let evidence = try LifecycleSample(clients: 3_000, seed: 1).evidence()
    let stages = StandardLifecycle.standard.stages(for: evidence)
    for entry in stages.counts { #expect(entry.count > 10, "\(entry.label)") }
    #expect(stages.counts.total == evidence.count)
    #expect(!stages.prospects.isEmpty)
    #expect(stages.transitionStages.contains(.wonBack))
  }

  /// The kernel agrees, client by client, with a slow and obvious replay that walks every day
  /// from the first purchase to the as-of day, the high-value cut-off taken from a sort and
  /// the recommendations counted from the raw referrals with a dictionary.
  @Test func kernelAgreesWithADayByDayReplay() throws {
    let sample = LifecycleSample(clients: 3_000, seed: 4)
    let evidence = try sample.evidence()
    for policy in [
      StandardLifecycle.standard,
      try StandardLifecycle(
        atRiskFrom: 2, lapsedFrom: 3, regularMinimumPurchaseDays: 3, regularMinimumSpanDays: 60,
        partnerMinimumReferrals: 2, highValue: .atLeast(1_000)),
    ] {
      let stages = policy.stages(for: evidence)
      let expected = Self.replay(evidence, policy: policy, referrals: sample.referrals)
      var mismatches = 0
      for row in 0..<evidence.count where stages.transitions(ofRow: row) != expected[row] {
        mismatches += 1
        if mismatches <= 3 {
          Issue.record(
            "client \(evidence.clients[row]): \(stages.transitions(ofRow: row)) vs \(expected[row])"
          )
        }
      }
      #expect(mismatches == 0)
    }
  }

  /// The same result whatever the thread count, on a base large enough to be cut into parts
  /// (50,000 clients: up to three parts).
  @Test func independentOfThreads() throws {
    let evidence = try LifecycleSample(clients: 50_000, seed: 2).evidence()
    let one = StandardLifecycle.standard.stages(for: evidence, threadCount: 1)
    for threads in [2, 3] {
      let other = StandardLifecycle.standard.stages(for: evidence, threadCount: threads)
      #expect(other.stages == one.stages)
      #expect(other.transitionOffsets == one.transitionOffsets)
      #expect(other.transitionDays == one.transitionDays)
      #expect(other.transitionStages == one.transitionStages)
      #expect(other.highValueCutoff == one.highValueCutoff)
    }
    let flowOne = try one.flow(from: one.asOf.adding(days: -365), to: one.asOf)
    #expect(flowOne.total == evidence.count)
    #expect(Array(flowOne.endCounts.dropFirst()) == one.counts.entries.map(\.count))
  }

  /// The laws hold on a host's evidence too: the CDNOW-like synthetic base.
  @Test func lawsOnASyntheticBase() throws {
    let base = try RhythmFixtures.syntheticBase(clients: 3_000, seed: 8)
    let asOf = base.configuration.asOf
    let table = try Summarizer().summarize(base.log, through: asOf)
    let days = try PurchaseDays(base.log, table: table, asOf: asOf)
    let evidence = try LifecycleEvidence(
      days: days, rhythm: StandardRhythm.standard.rhythm(of: days), table: table,
      contacts: base.contacts)
    let violations = LifecycleLaws.violations(of: StandardLifecycle.standard, on: evidence)
    #expect(violations.isEmpty, "\(violations)")
  }

  /// The laws catch a policy that breaks them: one that marks a client at risk on its second
  /// purchase day, and one whose answer depends on the thread count.
  @Test func lawsCatchBrokenPolicies() {
    let atRisk = LifecycleLaws.violations(of: AtRiskOnPurchase(), clients: 500)
    #expect(atRisk.contains { $0.law == "buying days" }, "\(atRisk)")
    let threads = LifecycleLaws.violations(of: ThreadDependent(), clients: 500)
    #expect(threads.contains { $0.law == "thread independence" }, "\(threads)")
  }

  /// The day-by-day replay: for each day from the first purchase day to the as-of day, a
  /// purchase moves the client up the ladder (or wins it back), a day without one may make it
  /// partner (a recommendation's day), at risk or lapsed (the silence reaching ⌈multiple ×
  /// gap⌉ days, the lapse at least a day after the risk).
  static func replay(
    _ evidence: LifecycleEvidence<Int>, policy: StandardLifecycle, referrals: [Referral<Int>]
  ) -> [[LifecycleTransition]] {
    let n = evidence.count
    let cutoff: Double?
    switch policy.highValue {
    case .atLeast(let amount): cutoff = amount
    case .topShare(let share):
      let k = Int((share * Double(n)).rounded(.up))
      cutoff = k >= 1 ? evidence.values.sorted(by: >)[k - 1] : nil
    }
    var firstDay: [Int: [Int: Int32]] = [:]  // recommender → referred → first day
    for referral in referrals
    where referral.day <= evidence.asOf && referral.client != referral.referred
      && evidence.clients.row(for: referral.client) != nil
    {
      let day = referral.day.daysSince1970
      firstDay[referral.client, default: [:]][referral.referred] = min(
        day, firstDay[referral.client]?[referral.referred] ?? .max)
    }
    let asOf = Int(evidence.asOf.daysSince1970)
    var result: [[LifecycleTransition]] = []
    for row in 0..<n {
      let days = evidence.days.days(ofRow: row).map { Int($0.daysSince1970) }
      let source = evidence.rhythm.gapSources[row]
      let gap = evidence.rhythm.typicalGaps[row]
      let hasGap = source != .none
      let atRiskAfter = hasGap ? max(Int((policy.atRiskFrom * gap).rounded(.up)), 1) : 0
      let lapsedAfter =
        hasGap ? max(Int((policy.lapsedFrom * gap).rounded(.up)), atRiskAfter + 1) : 0
      let recommended = (firstDay[evidence.clients[row]] ?? [:]).values.sorted()
      var partnerDay = Int.max
      if let cutoff, recommended.count >= policy.partnerMinimumReferrals,
        evidence.values[row] > 0, evidence.values[row] >= cutoff
      {
        partnerDay = Int(recommended[policy.partnerMinimumReferrals - 1])
      }
      var stage = LifecycleStage.prospect
      var steps: [LifecycleTransition] = []
      var next = 0
      var last = 0
      var runStart = 0
      var runDays = 0
      for day in days[0]...asOf {
        var now = stage
        if next < days.count, days[next] == day {
          next += 1
          if stage == .prospect || stage == .lapsed {
            now = stage == .prospect ? .new : .wonBack
            runStart = day
            runDays = 1
          } else {
            runDays += 1
            let regular =
              source == .own && runDays >= policy.regularMinimumPurchaseDays
              && day - runStart >= policy.regularMinimumSpanDays
            now = regular ? (day >= partnerDay ? .partner : .regular) : .repeat
          }
          last = day
        } else if hasGap, day - last == atRiskAfter {
          now = .atRisk
        } else if hasGap, day - last == lapsedAfter {
          now = .lapsed
        } else if stage == .regular, day == partnerDay {
          now = .partner
        }
        if now != stage {
          steps.append(LifecycleTransition(day: Day(daysSince1970: Int32(day)), stage: now))
          stage = now
        }
      }
      result.append(steps)
    }
    return result
  }
}

/// A broken host policy: at risk on the second purchase day.
struct AtRiskOnPurchase: LifecyclePolicy {
  func stages<ID>(for evidence: LifecycleEvidence<ID>, threadCount: Int) -> LifecycleStages<ID> {
    try! LifecycleStages(evidence: evidence) { row in
      let days = evidence.days.days(ofRow: row)
      var steps = [LifecycleTransition(day: days.first!, stage: .new)]
      if days.count > 1 {
        steps.append(LifecycleTransition(day: days.dropFirst().first!, stage: .atRisk))
      }
      return steps
    }
  }
}

/// A broken host policy: repeat on the second purchase day, but only on one thread.
struct ThreadDependent: LifecyclePolicy {
  func stages<ID>(for evidence: LifecycleEvidence<ID>, threadCount: Int) -> LifecycleStages<ID> {
    try! LifecycleStages(evidence: evidence) { row in
      let days = evidence.days.days(ofRow: row)
      var steps = [LifecycleTransition(day: days.first!, stage: .new)]
      if days.count > 1, threadCount == 1 {
        steps.append(LifecycleTransition(day: days.dropFirst().first!, stage: .repeat))
      }
      return steps
    }
  }
}
