public import Segmentation

/// One way a tier policy broke a law, with the balances that show it.
public struct TierLawViolation: Hashable, Sendable, CustomStringConvertible {
  /// The laws a `TierPolicy` promises to keep.
  public enum Law: String, Hashable, Sendable, CaseIterable {
    /// Every state names exactly one tier of the ladder: a rank in `0...topRank`.
    case oneTier
    /// No downgrade within a tier's grace: only after grace + 1 consecutive periods below its
    /// keep level.
    case grace
    /// A balance hovering inside a tier's band never moves a member out and back.
    case noFlapping
    /// For a flat history, a higher balance never gives a lower tier.
    case monotone
  }

  /// The law broken.
  public let law: Law
  /// The balances, oldest first, that broke it.
  public let balances: [Double]
  /// What happened, in words.
  public let detail: String

  /// Creates a violation.
  ///
  /// - Parameters:
  ///   - law: The law broken.
  ///   - balances: The series that broke it.
  ///   - detail: What happened.
  public init(law: Law, balances: [Double], detail: String) {
    self.law = law
    self.balances = balances
    self.detail = detail
  }

  /// The law and what happened.
  public var description: String { "\(law.rawValue): \(detail)" }
}

/// Law checks for a host's `TierPolicy`: plain functions that return the violations found,
/// so any test framework can assert that the list is empty.
///
/// ```swift
/// var generator = SeededGenerator(seed: 1)
/// #expect(TierLaws.violations(of: MyTierPolicy(), using: &generator).isEmpty)
/// ```
///
/// The checks drive the policy directly (`TierPolicy/initialState(balance:)` then
/// `TierPolicy/nextState(after:balance:)`), not through the engine that clamps ranks, so a
/// policy that strays off its ladder is caught.
public enum TierLaws: Sendable {
  /// Every law, on hand-made series built from the policy's ladder and on seeded random walks
  /// around its thresholds.
  ///
  /// - Parameters:
  ///   - policy: The policy under test.
  ///   - generator: The source of the random walks.
  ///   - walks: How many random walks (default 200).
  ///   - periods: The length of each series (default 24, at least 2).
  /// - Returns: The violations, at most one per series and law.
  /// - Complexity: O(`walks` × `periods` × tiers).
  public static func violations<Policy: TierPolicy, Generator: RandomNumberGenerator>(
    of policy: Policy, using generator: inout Generator, walks: Int = 200, periods: Int = 24
  ) -> [TierLawViolation] {
    let length = max(periods, 2)
    var all = [[Double]]()
    all += graceSeries(for: policy.ladder, periods: length)
    all += randomWalks(
      around: policy.ladder, count: max(walks, 0), periods: length, using: &generator)
    var found = [TierLawViolation]()
    for series in all {
      found += oneTierViolations(of: policy, on: series)
      found += graceViolations(of: policy, on: series)
    }
    found += flappingViolations(of: policy, using: &generator, periods: length)
    found += monotonicityViolations(of: policy, using: &generator, periods: length)
    return found
  }

  /// The ranks a policy gives one series, period by period, unclamped.
  ///
  /// - Parameters:
  ///   - policy: The policy.
  ///   - series: The balances, oldest first (empty gives no ranks).
  /// - Returns: The states after each period.
  public static func states<Policy: TierPolicy>(of policy: Policy, on series: [Double])
    -> [TierState]
  {
    guard let first = series.first else { return [] }
    var state = policy.initialState(balance: first)
    var states = [state]
    for balance in series.dropFirst() {
      state = policy.nextState(after: state, balance: balance)
      states.append(state)
    }
    return states
  }

  /// Checks that every state names a tier of the ladder.
  ///
  /// - Parameters:
  ///   - policy: The policy.
  ///   - series: The balances.
  /// - Returns: At most one violation.
  public static func oneTierViolations<Policy: TierPolicy>(
    of policy: Policy, on series: [Double]
  ) -> [TierLawViolation] {
    let top = policy.ladder.topRank
    for (period, state) in states(of: policy, on: series).enumerated()
    where !(0...top).contains(state.rank) {
      return [
        TierLawViolation(
          law: .oneTier, balances: series,
          detail: "period \(period): rank \(state.rank) is not in 0...\(top)")
      ]
    }
    return []
  }

  /// Checks that every downgrade comes after the held tier's grace: grace + 1 consecutive
  /// periods, while holding it, below its keep level.
  ///
  /// - Parameters:
  ///   - policy: The policy.
  ///   - series: The balances.
  /// - Returns: At most one violation.
  public static func graceViolations<Policy: TierPolicy>(
    of policy: Policy, on series: [Double]
  ) -> [TierLawViolation] {
    let ladder = policy.ladder
    let ranks = states(of: policy, on: series).map(\.rank)
    var below = 0
    for period in series.indices.dropFirst() {
      let held = ranks[period - 1]
      guard let definition = ladder.definition(ofRank: held) else {
        below = 0
        continue
      }
      below = series[period] < definition.keepLevel ? below + 1 : 0
      if ranks[period] < held, below <= definition.gracePeriods {
        return [
          TierLawViolation(
            law: .grace, balances: series,
            detail:
              "period \(period): \(definition.name) lost after \(below) period(s) below its keep "
              + "level \(definition.keepLevel), grace \(definition.gracePeriods)")
        ]
      }
      if ranks[period] != held { below = 0 }
    }
    return []
  }

  /// Checks that members whose balance hovers inside their tier's band — at or above its keep
  /// level, below the next tier's entry — stay put, period after period.
  ///
  /// - Parameters:
  ///   - policy: The policy.
  ///   - generator: The source of the hovering balances.
  ///   - periods: The length of each series.
  /// - Returns: The violations, at most one per tier and trial.
  public static func flappingViolations<Policy: TierPolicy, Generator: RandomNumberGenerator>(
    of policy: Policy, using generator: inout Generator, periods: Int = 24
  ) -> [TierLawViolation] {
    let ladder = policy.ladder
    var found = [TierLawViolation]()
    for rank in 1...ladder.topRank {
      guard let tier = ladder.definition(ofRank: rank) else { continue }
      let ceiling = ladder.definition(ofRank: rank + 1)?.entryThreshold ?? tier.entryThreshold * 1.5
      for _ in 0..<8 {
        // Enter at the threshold, then hover anywhere in the band, often just under the entry.
        var series = [tier.entryThreshold]
        for _ in 1..<max(periods, 2) {
          let u = Double(generator.next() >> 11) * 0x1p-53
          series.append(tier.keepLevel + u * (ceiling - tier.keepLevel) * 0.999)
        }
        let ranks = states(of: policy, on: series).map(\.rank)
        if let period = ranks.firstIndex(where: { $0 != rank }) {
          found.append(
            TierLawViolation(
              law: .noFlapping, balances: series,
              detail:
                "period \(period): rank \(ranks[period]) for a \(tier.name) member whose balance "
                + "stays within [\(tier.keepLevel), \(ceiling))"))
        }
      }
    }
    return found
  }

  /// Checks that, for flat histories, the tier never falls as the balance rises.
  ///
  /// Balances: every entry threshold and keep level and their neighbours, zero, an overdraft,
  /// and seeded random values, sorted.
  ///
  /// - Parameters:
  ///   - policy: The policy.
  ///   - generator: The source of the random balances.
  ///   - periods: The length of each flat history.
  /// - Returns: At most one violation.
  public static func monotonicityViolations<Policy: TierPolicy, Generator: RandomNumberGenerator>(
    of policy: Policy, using generator: inout Generator, periods: Int = 24
  ) -> [TierLawViolation] {
    let ladder = policy.ladder
    let top = ladder.definitions.last?.entryThreshold ?? 1
    var balances: [Double] = [-top, -1, 0]
    for tier in ladder.definitions {
      for level in [tier.entryThreshold, tier.keepLevel] {
        balances += [level.nextDown, level, level.nextUp]
      }
    }
    for _ in 0..<200 { balances.append(Double(generator.next() >> 11) * 0x1p-53 * top * 2) }
    balances.sort()
    var previous: (balance: Double, rank: Int)?
    for balance in balances {
      let flat = [Double](repeating: balance, count: max(periods, 1))
      guard let rank = states(of: policy, on: flat).last?.rank else { continue }
      if let previous, rank < previous.rank {
        return [
          TierLawViolation(
            law: .monotone, balances: flat,
            detail:
              "flat balance \(balance) gives rank \(rank), below rank \(previous.rank) for "
              + "\(previous.balance)")
        ]
      }
      previous = (balance, rank)
    }
    return []
  }

  /// For each tier: enter it, then stay below its keep level for grace, grace + 1 and grace + 2
  /// periods before recovering, so the grace law is tested at its edge.
  static func graceSeries(for ladder: TierLadder, periods: Int) -> [[Double]] {
    var all = [[Double]]()
    for tier in ladder.definitions {
      let low = tier.keepLevel * 0.5
      // Dips longer than the series are cut to it anyway, so capping the grace keeps
      // `grace + 2` from overflowing on a ladder with an enormous grace.
      let grace = min(tier.gracePeriods, periods, Int.max - 2)
      for dip in grace...(grace + 2) {
        var series = [tier.entryThreshold]
        series += [Double](repeating: low, count: min(dip, periods))
        while series.count < periods { series.append(tier.entryThreshold) }
        all.append(series)
      }
    }
    return all
  }

  /// Random walks starting near a random threshold, moving up to ±12% a period.
  static func randomWalks<Generator: RandomNumberGenerator>(
    around ladder: TierLadder, count: Int, periods: Int, using generator: inout Generator
  ) -> [[Double]] {
    let anchors = ladder.definitions.flatMap { [$0.entryThreshold, $0.keepLevel] }
    var all = [[Double]]()
    for _ in 0..<count {
      let start = Int(generator.next() % UInt64(max(anchors.count, 1)))
      var balance = anchors.isEmpty ? 0 : anchors[start]
      var series = [Double]()
      for _ in 0..<periods {
        series.append(balance)
        balance *= 0.88 + 0.24 * (Double(generator.next() >> 11) * 0x1p-53)
      }
      all.append(series)
    }
    return all
  }
}
