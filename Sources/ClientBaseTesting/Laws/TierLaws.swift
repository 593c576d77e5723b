import ClientBaseCore
public import Segmentation

/// Law checks for a host's `TierPolicy`, whatever state it keeps: a plain function that
/// returns the violations found, so any test framework can assert that the list is empty.
///
/// ```swift
/// let violations = TierLaws.violations(of: PatientUpgrades())
/// #expect(violations.isEmpty, "\(violations)")
/// let onOurs = TierLaws.violations(of: PatientUpgrades(), on: lastYearsBalances)
/// #expect(onOurs.isEmpty, "\(onOurs)")
/// ```
///
/// The series are generated from the policy's own ladder — entries, dips of grace, grace + 1
/// and grace + 2 periods, balances hovering inside each band, flat histories at and around
/// every threshold, and seeded random walks — and each is named like a client
/// (`"walk 17"`, `"grace gold 3"`) so a violation says which one broke;
/// ``violations(of:on:seed:walks:periods:)`` runs the laws on the host's own balance history
/// too, naming its clients by their identifiers. The laws:
///
/// - **one tier:** every state's rank lies in `0...ladder.topRank`;
/// - **grace:** no downgrade before grace + 1 consecutive periods, while holding the tier,
///   below its keep level;
/// - **no flapping:** a member whose balance hovers inside the tier's band (at or above its
///   keep level, below the next tier's entry) stays in the tier;
/// - **monotone:** for flat histories, a higher balance never gives a lower tier;
/// - **whole base agrees:** the whole-base call (`assignments(for:threadCount:)`, on two
///   threads) gives every series the ranks the state machine gives it, clamped to the ladder,
///   over the history's row space.
///
/// The first four drive the policy directly (`initialState(balance:)` then
/// `nextState(after:balance:)`), not through the engine that clamps ranks, so a
/// policy that strays off its ladder is caught.
public enum TierLaws: Sendable {
  /// Every law, on series built from the policy's ladder and on seeded random walks around
  /// its thresholds.
  ///
  /// - Parameters:
  ///   - policy: The policy under test.
  ///   - seed: The seed of the random walks and hovering balances (default 1).
  ///   - walks: How many random walks (default 200).
  ///   - periods: The length of each series (default 24, at least 2).
  /// - Returns: The violations, at most a few per law, each naming the series as its client
  ///   and showing its balances.
  /// - Complexity: O((`walks` + tiers × 12) × `periods` × tiers) calls of the rule.
  public static func violations<Policy: TierPolicy>(
    of policy: Policy, seed: UInt64 = 1, walks: Int = 200, periods: Int = 24
  ) -> [LawViolation] {
    var report = LawReport()
    checkGenerated(policy, seed: seed, walks: walks, periods: periods, into: &report)
    return report.violations
  }

  /// Every law, on the host's own balance history as well as on the generated series.
  ///
  /// On each of the host's clients, **one tier** and **grace** are checked on its series, and
  /// **whole base agrees** on the history as given (the whole-base call must keep its row
  /// space and give each client the rule's ranks); a violation names the client by its
  /// identifier and shows its balances as the host passed them in. **No flapping** and
  /// **monotone** need series of a known shape (balances inside one band, flat histories), so
  /// they run on the generated series only, which are checked as
  /// ``violations(of:seed:walks:periods:)`` checks them. The host's violations come first.
  ///
  /// ```swift
  /// let history = try BalanceHistory(clients: table.clients, periods: monthEnds,
  ///                                  balances: balances)
  /// #expect(TierLaws.violations(of: PatientUpgrades(), on: history).isEmpty)
  /// ```
  ///
  /// - Parameters:
  ///   - policy: The policy under test.
  ///   - history: The host's balances; an empty history checks the generated series alone.
  ///   - seed: The seed of the generated random walks and hovering balances (default 1).
  ///   - walks: How many generated random walks (default 200).
  ///   - periods: The length of each generated series (default 24, at least 2).
  /// - Returns: The violations, at most a few per law.
  /// - Complexity: O(*n* × *p*) calls of the rule for *n* clients of *p* periods, plus a run
  ///   of the whole-base call, plus the generated series' cost.
  public static func violations<Policy: TierPolicy, ID>(
    of policy: Policy, on history: BalanceHistory<ID>, seed: UInt64 = 1, walks: Int = 200,
    periods: Int = 24
  ) -> [LawViolation] {
    var report = LawReport()
    for row in 0..<history.count {
      let series = Array(history.balances(forRow: row))
      let client = history.clients[row]
      report.add(contentsOf: oneTierViolations(of: policy, on: series, client: client))
      report.add(contentsOf: graceViolations(of: policy, on: series, client: client))
    }
    checkWholeBase(of: policy, on: history, into: &report)
    checkGenerated(policy, seed: seed, walks: walks, periods: periods, into: &report)
    return report.violations
  }

  /// Every law on the series generated from the policy's ladder.
  static func checkGenerated<Policy: TierPolicy>(
    _ policy: Policy, seed: UInt64, walks: Int, periods: Int, into report: inout LawReport
  ) {
    let length = max(periods, 2)
    var generator = SeededGenerator(seed: seed)
    var all: [(name: String, series: [Double])] = []
    all += graceSeries(for: policy.ladder, periods: length)
    all += randomWalks(
      around: policy.ladder, count: max(walks, 0), periods: length, using: &generator)
    for (name, series) in all {
      report.add(contentsOf: oneTierViolations(of: policy, on: series, client: name))
      report.add(contentsOf: graceViolations(of: policy, on: series, client: name))
    }
    let hovering = hoveringSeries(for: policy.ladder, using: &generator, periods: length)
    report.add(contentsOf: flappingViolations(of: policy, on: hovering))
    let flat = flatSeries(for: policy.ladder, using: &generator, periods: length)
    report.add(contentsOf: monotonicityViolations(of: policy, on: flat))
    let everything = all + hovering.map { ($0.name, $0.series) } + flat.map { ($0.name, $0.series) }
    checkWholeBase(of: policy, onGenerated: everything, periods: length, into: &report)
  }

  /// The states a policy gives one series, period by period, unclamped: the state machine
  /// run by hand, to work a host policy's answer out in a test.
  ///
  /// - Parameters:
  ///   - policy: The policy.
  ///   - series: The balances, oldest first (empty gives no states).
  /// - Returns: The state after each period.
  /// - Complexity: O(*p*) calls of the rule.
  public static func states<Policy: TierPolicy>(of policy: Policy, on series: [Double])
    -> [Policy.State]
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

  /// The balances as a violation shows them: as generated, oldest first.
  static func balances(_ series: [Double]) -> LawViolation.Value {
    LawViolation.Value("balances", series.map { "\($0)" }.joined(separator: ", "))
  }

  /// An amount in a message: whole units, thousands grouped.
  static func amount(_ value: Double) -> String { NumberText.decimal(value, places: 0) }

  /// Every state names a tier of the ladder.
  static func oneTierViolations<Policy: TierPolicy, ID>(
    of policy: Policy, on series: [Double], client: ID
  ) -> [LawViolation] {
    let top = policy.ladder.topRank
    for (period, state) in states(of: policy, on: series).enumerated()
    where !(0...top).contains(state.rank) {
      return [
        LawViolation(
          law: "one tier", client: client,
          values: [balances(series), .init("rank", "\(state.rank)")],
          message: "period \(period): rank \(state.rank) is not on the ladder 0...\(top)")
      ]
    }
    return []
  }

  /// Every downgrade comes after the held tier's grace: grace + 1 consecutive periods, while
  /// holding it, below its keep level.
  static func graceViolations<Policy: TierPolicy, ID>(
    of policy: Policy, on series: [Double], client: ID
  ) -> [LawViolation] {
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
          LawViolation(
            law: "grace", client: client, values: [balances(series)],
            message:
              "period \(period): \(definition.name) lost after \(below) period(s) below its "
              + "keep level \(amount(definition.keepLevel)), grace \(definition.gracePeriods)")
        ]
      }
      if ranks[period] != held { below = 0 }
    }
    return []
  }

  /// Members whose balance hovers inside their tier's band stay put, period after period.
  static func flappingViolations<Policy: TierPolicy>(
    of policy: Policy, on hovering: [(name: String, rank: Int, series: [Double])]
  ) -> [LawViolation] {
    let ladder = policy.ladder
    var found = [LawViolation]()
    for (name, rank, series) in hovering {
      guard let tier = ladder.definition(ofRank: rank) else { continue }
      let ranks = states(of: policy, on: series).map(\.rank)
      guard let period = ranks.firstIndex(where: { $0 != rank }) else { continue }
      let ceiling = ladder.definition(ofRank: rank + 1)?.entryThreshold
      let band =
        "at or above \(amount(tier.keepLevel))"
        + (ceiling.map { ", below \(amount($0))" } ?? "")
      found.append(
        LawViolation(
          law: "no flapping", client: name, values: [balances(series)],
          message:
            "period \(period): rank \(ranks[period]) for a \(tier.name) member whose balance "
            + "stays \(band)"))
    }
    return found
  }

  /// For flat histories, sorted by balance, the tier never falls as the balance rises.
  static func monotonicityViolations<Policy: TierPolicy>(
    of policy: Policy, on flat: [(name: String, balance: Double, series: [Double])]
  ) -> [LawViolation] {
    var previous: (name: String, balance: Double, rank: Int)?
    for (name, balance, series) in flat {
      guard let rank = states(of: policy, on: series).last?.rank else { continue }
      if let previous, rank < previous.rank {
        return [
          LawViolation(
            law: "monotone", client: name, values: [balances(series)],
            message:
              "a flat balance of \(balance) ends in rank \(rank), below rank \(previous.rank) "
              + "for a flat \(previous.balance) (\(previous.name))")
        ]
      }
      previous = (name, balance, rank)
    }
    return []
  }

  /// The whole-base call, on the generated series gathered into one history, gives each the
  /// ranks of the state machine; a history that cannot be built is reported, not skipped.
  static func checkWholeBase<Policy: TierPolicy>(
    of policy: Policy, onGenerated all: [(name: String, series: [Double])], periods: Int,
    into report: inout LawReport
  ) {
    let days = (0..<periods).map { Day(daysSince1970: 20_454).adding(months: $0) }
    let history: BalanceHistory<String>
    do {
      history = try BalanceHistory(
        ids: all.map(\.name), periods: days, balancesByClient: all.map(\.series))
    } catch {
      report.add(
        LawViolation(
          law: "whole base agrees",
          message: "the \(all.count) generated series could not be gathered into a balance "
            + "history, so the whole-base call was not checked: \(error)"))
      return
    }
    checkWholeBase(of: policy, on: history, into: &report)
  }

  /// The whole-base call keeps the history's row space and gives each client the ranks of the
  /// state machine, clamped.
  static func checkWholeBase<Policy: TierPolicy, ID>(
    of policy: Policy, on history: BalanceHistory<ID>, into report: inout LawReport
  ) {
    let law = "whole base agrees"
    let periods = history.periodCount
    let tiers = policy.assignments(for: history, threadCount: 2)
    guard tiers.history.periodCount == periods else {
      report.add(
        LawViolation(
          law: law,
          message: "the whole-base call gives \(tiers.history.periodCount) periods for a "
            + "history of \(periods)"))
      return
    }
    guard
      ValueClassLawSupport.checkRows(
        of: tiers.clients, columnCounts: [], input: history.clients, law: law, context: "",
        into: &report)
    else { return }
    let top = policy.ladder.topRank
    for row in 0..<history.count {
      let series = Array(history.balances(forRow: row))
      let expected = states(of: policy, on: series).map { min(max($0.rank, 0), top) }
      let got = (0..<periods).map { tiers.tier(forRow: row, period: $0).rank }
      guard let period = expected.indices.first(where: { expected[$0] != got[$0] }) else {
        continue
      }
      report.add(
        LawViolation(
          law: law, client: history.clients[row], values: [balances(series)],
          message:
            "period \(period): the whole-base call gives rank \(got[period]), the rule "
            + "\(expected[period])"))
    }
  }

  /// For each tier: enter it, then stay below its keep level for grace, grace + 1 and grace + 2
  /// periods before recovering, so the grace law is tested at its edge.
  static func graceSeries(for ladder: TierLadder, periods: Int) -> [(
    name: String, series: [Double]
  )] {
    var all: [(name: String, series: [Double])] = []
    for tier in ladder.definitions {
      let low = tier.keepLevel * 0.5
      // Dips longer than the series are cut to it anyway, so capping the grace keeps
      // `grace + 2` from overflowing on a ladder with an enormous grace.
      let grace = min(tier.gracePeriods, periods, Int.max - 2)
      for dip in grace...(grace + 2) {
        var series = [tier.entryThreshold]
        series += [Double](repeating: low, count: min(dip, periods))
        while series.count < periods { series.append(tier.entryThreshold) }
        all.append(("grace \(tier.name) \(dip)", Array(series.prefix(periods))))
      }
    }
    return all
  }

  /// Random walks starting near a random threshold, moving up to ±12% a period.
  static func randomWalks(
    around ladder: TierLadder, count: Int, periods: Int, using generator: inout SeededGenerator
  ) -> [(name: String, series: [Double])] {
    let anchors = ladder.definitions.flatMap { [$0.entryThreshold, $0.keepLevel] }
    var all: [(name: String, series: [Double])] = []
    for walk in 0..<count {
      var balance = anchors.isEmpty ? 0 : anchors[generator.nextInt(below: anchors.count)]
      var series = [Double]()
      for _ in 0..<periods {
        series.append(balance)
        // Capped at the largest finite number, so a ladder near it still gives finite series.
        balance = min(
          balance * (0.88 + 0.24 * generator.nextUnitDouble()), .greatestFiniteMagnitude)
      }
      all.append(("walk \(walk)", series))
    }
    return all
  }

  /// For each tier, eight members who enter at the threshold and then hover anywhere in the
  /// band, often just under the entry.
  static func hoveringSeries(
    for ladder: TierLadder, using generator: inout SeededGenerator, periods: Int
  ) -> [(name: String, rank: Int, series: [Double])] {
    var all: [(name: String, rank: Int, series: [Double])] = []
    for rank in 1...max(ladder.topRank, 1) {
      guard let tier = ladder.definition(ofRank: rank) else { continue }
      let ceiling =
        ladder.definition(ofRank: rank + 1)?.entryThreshold
        ?? min(tier.entryThreshold * 1.5, .greatestFiniteMagnitude)
      for trial in 0..<8 {
        var series = [tier.entryThreshold]
        for _ in 1..<periods {
          let u = generator.nextUnitDouble()
          series.append(tier.keepLevel + u * (ceiling - tier.keepLevel) * 0.999)
        }
        all.append(("hover \(tier.name) \(trial)", rank, series))
      }
    }
    return all
  }

  /// Flat histories at every entry threshold and keep level and their neighbours, zero, an
  /// overdraft and seeded random balances, sorted by balance.
  static func flatSeries(
    for ladder: TierLadder, using generator: inout SeededGenerator, periods: Int
  ) -> [(name: String, balance: Double, series: [Double])] {
    let top = ladder.definitions.last?.entryThreshold ?? 1
    var balances: [Double] = [-top, -1, 0]
    for tier in ladder.definitions {
      for level in [tier.entryThreshold, tier.keepLevel] {
        balances += [level.nextDown, level, level.nextUp].filter(\.isFinite)
      }
    }
    let highest = min(top * 2, .greatestFiniteMagnitude)
    for _ in 0..<200 { balances.append(generator.nextUnitDouble() * highest) }
    balances.sort()
    var seen = Set<Double>()
    return balances.filter { seen.insert($0).inserted }.enumerated().map { index, balance in
      ("flat \(index)", balance, [Double](repeating: balance, count: periods))
    }
  }
}
