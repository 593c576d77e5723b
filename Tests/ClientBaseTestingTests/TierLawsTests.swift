import ClientBaseCore
import Segmentation
import Testing

@testable import ClientBaseTesting

/// No hysteresis and no grace: the tier is whatever the latest balance enters. Breaks the
/// grace and no-flapping laws.
private struct ForgetfulTierPolicy: TierPolicy {
  var ladder = TierLadder.bankCards
  func initialState(balance: Double) -> TierState {
    TierState(rank: ladder.rankEntered(byBalance: balance))
  }
  func nextState(after state: TierState, balance: Double) -> TierState {
    initialState(balance: balance)
  }
}

/// Puts the very richest on a tier that does not exist. Breaks the one-tier law only.
private struct OffTheLadderTierPolicy: TierPolicy {
  var ladder = TierLadder.bankCards
  func initialState(balance: Double) -> TierState {
    balance >= 5_000_000 ? TierState(rank: 4) : StandardTiers().initialState(balance: balance)
  }
  func nextState(after state: TierState, balance: Double) -> TierState {
    balance >= 5_000_000
      ? TierState(rank: 4) : StandardTiers().nextState(after: state, balance: balance)
  }
}

/// Sends black-level balances back to standard. Breaks monotonicity.
private struct UpsideDownTierPolicy: TierPolicy {
  var ladder = TierLadder.bankCards
  func initialState(balance: Double) -> TierState {
    let rank = ladder.rankEntered(byBalance: balance)
    return TierState(rank: rank == 3 ? 0 : rank)
  }
  func nextState(after state: TierState, balance: Double) -> TierState {
    let next = StandardTiers().nextState(after: state, balance: balance)
    return next.rank == 3 ? TierState(rank: 0) : next
  }
}

/// A host rule with its own state that keeps the laws: no downgrade within six periods of an
/// upgrade (the client keeps counting periods below the keep level meanwhile), everything
/// else as the standard rule.
private struct SettledUpgrades: TierPolicy {
  struct State: TierPolicyState {
    var rank: Int
    var periodsBelowKeep = 0
    var periodsSinceUpgrade = 6
  }
  let rule = StandardTiers.standard
  var ladder: TierLadder { rule.ladder }

  func initialState(balance: Double) -> State {
    State(rank: rule.initialState(balance: balance).rank)
  }

  func nextState(after state: State, balance: Double) -> State {
    let standard = TierState(rank: state.rank, periodsBelowKeep: state.periodsBelowKeep)
    let next = rule.nextState(after: standard, balance: balance)
    if next.rank > state.rank { return State(rank: next.rank, periodsSinceUpgrade: 0) }
    let since = min(state.periodsSinceUpgrade + 1, 6)
    if next.rank < state.rank, since < 6 {
      // Too soon after an upgrade: hold the tier and keep counting the periods below.
      return State(
        rank: state.rank, periodsBelowKeep: state.periodsBelowKeep + 1, periodsSinceUpgrade: since)
    }
    return State(
      rank: next.rank, periodsBelowKeep: next.periodsBelowKeep, periodsSinceUpgrade: since)
  }
}

/// A host rule with its own state that counts "strikes" below the keep level and downgrades at
/// the second, whatever the tier's grace: with the bank cards' grace of 2 it breaks the grace
/// law.
private struct TwoStrikes: TierPolicy {
  struct State: TierPolicyState {
    var rank: Int
    var strikes = 0
  }
  let ladder = TierLadder.bankCards

  func initialState(balance: Double) -> State {
    State(rank: ladder.rankEntered(byBalance: balance))
  }

  func nextState(after state: State, balance: Double) -> State {
    let entered = ladder.rankEntered(byBalance: balance)
    if entered > state.rank { return State(rank: entered) }
    guard let held = ladder.definition(ofRank: state.rank), balance < held.keepLevel else {
      return State(rank: state.rank)
    }
    if state.strikes + 1 < 2 { return State(rank: state.rank, strikes: state.strikes + 1) }
    return State(rank: ladder.rankKept(byBalance: balance, below: state.rank))
  }
}

/// A rule that keeps every law, with a whole-base call that runs another rule: breaks
/// "whole base agrees" only.
private struct OtherEngine: TierPolicy {
  let settled = SettledUpgrades()
  var ladder: TierLadder { settled.ladder }
  func initialState(balance: Double) -> SettledUpgrades.State {
    settled.initialState(balance: balance)
  }
  func nextState(after state: SettledUpgrades.State, balance: Double) -> SettledUpgrades.State {
    settled.nextState(after: state, balance: balance)
  }
  func assignments<ID>(for history: BalanceHistory<ID>, threadCount: Int) -> TierAssignments<ID> {
    StandardTiers.standard.assignments(for: history, threadCount: threadCount)
  }
}

/// Puts one exact balance, which no generated series holds, on a tier that does not exist,
/// and places the client afresh the period after: only a host's own data shows the break, and
/// only the one-tier law breaks.
private struct OddBalanceTierPolicy: TierPolicy {
  static let odd = 123_456.75
  var ladder = TierLadder.bankCards
  func initialState(balance: Double) -> TierState {
    balance == Self.odd ? TierState(rank: 9) : StandardTiers().initialState(balance: balance)
  }
  func nextState(after state: TierState, balance: Double) -> TierState {
    if balance == Self.odd { return TierState(rank: 9) }
    if state.rank == 9 { return initialState(balance: balance) }
    return StandardTiers().nextState(after: state, balance: balance)
  }
}

/// Keeps every rule law, but its whole-base call drops all periods but the first.
private struct FirstPeriodOnly: TierPolicy {
  var ladder = TierLadder.bankCards
  func initialState(balance: Double) -> TierState {
    StandardTiers().initialState(balance: balance)
  }
  func nextState(after state: TierState, balance: Double) -> TierState {
    StandardTiers().nextState(after: state, balance: balance)
  }
  func assignments<ID>(for history: BalanceHistory<ID>, threadCount: Int) -> TierAssignments<ID> {
    StandardTiers().assignments(for: history.prefix(periods: 1), threadCount: threadCount)
  }
}

/// Three months of a host's accounts: acct-7 holds the odd balance; acct-9 enters gold in
/// February and falls below its keep level for three months, so the standard rule downgrades
/// it in May while `SettledUpgrades` holds gold six periods after an upgrade.
private func hostHistory() throws -> BalanceHistory<String> {
  let months = (0..<5).map { Day(daysSince1970: 20_454).adding(months: $0) }  // from 2026-01-01
  return try BalanceHistory(
    ids: ["acct-3", "acct-7", "acct-9"], periods: months,
    balancesByClient: [
      [600_000, 610_000, 620_000, 630_000, 640_000],
      [200_000, OddBalanceTierPolicy.odd, 200_000, 200_000, 200_000],
      [100, 250_000, 100, 100, 100],
    ])
}

@Suite("Tier laws")
struct TierLawsTests {
  @Test("on the host's own history, a violation names the host's client")
  func hostHistoryIsChecked() throws {
    let history = try hostHistory()
    // The generated series never hold the odd balance; the host's data does.
    #expect(TierLaws.violations(of: OddBalanceTierPolicy(), seed: 18).isEmpty)
    let odd = TierLaws.violations(of: OddBalanceTierPolicy(), on: history, seed: 18)
    #expect(odd.map(\.law) == ["one tier"], "\(odd)")
    #expect(odd.first?.client == "acct-7")
    #expect(
      odd.first?.description
        == "one tier: client acct-7: period 1: rank 9 is not on the ladder 0...3 (balances = "
        + "200000.0, 123456.75, 200000.0, 200000.0, 200000.0, rank = 9)")
    // The standard rule and a host rule with its own state keep the laws on the host's data.
    #expect(TierLaws.violations(of: StandardTiers(), on: history, seed: 18).isEmpty)
    #expect(TierLaws.violations(of: SettledUpgrades(), on: history, seed: 18).isEmpty)
  }

  @Test("on the host's own history, the whole-base call is compared client by client")
  func hostHistoryWholeBase() throws {
    let history = try hostHistory()
    // The whole-base call runs the standard rule, which downgrades acct-9 in period 4; the
    // rule holds gold there (an upgrade in period 1 is less than six periods back).
    let other = TierLaws.violations(of: OtherEngine(), on: history, seed: 19)
    let first = try #require(other.first, "\(other)")
    #expect(Set(other.map(\.law)) == ["whole base agrees"])
    #expect(
      first.description
        == "whole base agrees: client acct-9: period 4: the whole-base call gives rank 0, the "
        + "rule 1 (balances = 100.0, 250000.0, 100.0, 100.0, 100.0)")
    // A whole-base call that drops periods is reported, not read out of range.
    let dropped = TierLaws.violations(of: FirstPeriodOnly(), on: history, seed: 19)
    #expect(
      dropped.first?.description
        == "whole base agrees: the whole-base call gives 1 periods for a history of 5")
  }

  @Test("generated series that cannot form a history are reported, not skipped")
  func unbuildableGeneratedHistory() {
    var report = LawReport()
    TierLaws.checkWholeBase(
      of: StandardTiers(), onGenerated: [("walk 0", [1, .nan]), ("walk 1", [2, 3])], periods: 2,
      into: &report)
    #expect(report.violations.map(\.law) == ["whole base agrees"])
    #expect(
      report.violations.first?.message.hasPrefix(
        "the 2 generated series could not be gathered into a balance history, so the "
          + "whole-base call was not checked: ") == true)
  }

  @Test("a ladder near the largest finite number gives finite generated series")
  func ladderNearTheLargestNumber() throws {
    let ladder = try TierLadder(tiers: [
      TierDefinition(name: "gold", entryThreshold: 1e300),
      TierDefinition(name: "black", entryThreshold: Double.greatestFiniteMagnitude),
    ])
    let violations = TierLaws.violations(of: StandardTiers(ladder: ladder), seed: 20, walks: 50)
    #expect(violations.isEmpty, "\(violations)")
  }

  @Test("the standard policy keeps every law, on the default and on a custom ladder")
  func standardKeepsTheLaws() throws {
    #expect(TierLaws.violations(of: StandardTiers(), seed: 11).isEmpty)
    let custom = try TierLadder(tiers: [
      TierDefinition(name: "silver", entryThreshold: 1_000, exitMargin: 0.2, gracePeriods: 0),
      TierDefinition(name: "gold", entryThreshold: 5_000, exitMargin: 0.05, gracePeriods: 3),
    ])
    #expect(TierLaws.violations(of: StandardTiers(ladder: custom), seed: 12).isEmpty)
  }

  @Test("a host rule with its own state is checked like any other")
  func hostStateIsChecked() {
    let settled = TierLaws.violations(of: SettledUpgrades(), seed: 16)
    #expect(settled.isEmpty, "\(settled)")
    // Two strikes is one period short of the bank cards' grace of 2: the first grace series,
    // gold entered at 200,000 then two periods at 90,000, is downgraded at period 2.
    let strikes = TierLaws.violations(of: TwoStrikes(), seed: 16)
    #expect(Set(strikes.map(\.law)) == ["grace"], "\(strikes)")
    let first = strikes.first
    #expect(first?.client == "grace gold 2")
    #expect(
      first?.description.hasPrefix(
        "grace: client grace gold 2: period 2: gold lost after 2 period(s) below its keep level "
          + "180,000, grace 2 (balances = 200000.0, 90000.0, 90000.0, 200000.0") == true)
    // The states a host works its answers out with are its own.
    let states = TierLaws.states(of: TwoStrikes(), on: [200_000, 100_000, 100_000])
    #expect(states.map(\.rank) == [1, 1, 0] && states.map(\.strikes) == [0, 1, 0])
  }

  @Test("a ladder with an enormous grace is checked without trapping")
  func enormousGrace() throws {
    // `grace + 2` would overflow for this grace; the series are capped at their length.
    let ladder = try TierLadder(tiers: [
      TierDefinition(name: "gold", entryThreshold: 1_000, gracePeriods: .max)
    ])
    #expect(TierLaws.violations(of: StandardTiers(ladder: ladder), seed: 15, walks: 20).isEmpty)
  }

  @Test("a policy without hysteresis or grace is caught flapping, by client")
  func forgetfulIsCaught() {
    let violations = TierLaws.violations(of: ForgetfulTierPolicy(), seed: 12)
    #expect(Set(violations.map(\.law)) == ["grace", "no flapping"])
    // The first grace series: gold entered, then a dip the standard rule would forgive.
    let grace = violations.first { $0.law == "grace" }
    #expect(grace?.client == "grace gold 2")
    #expect(
      grace?.message
        == "period 1: gold lost after 1 period(s) below its keep level 180,000, grace 2")
    let flapping = violations.first { $0.law == "no flapping" }
    #expect(flapping?.client?.hasPrefix("hover ") == true)
    // At most a few per law.
    #expect(violations.filter { $0.law == "grace" }.count <= 5)
  }

  @Test("a policy that leaves the ladder breaks the one-tier law")
  func offTheLadderIsCaught() {
    let violations = TierLaws.violations(of: OffTheLadderTierPolicy(), seed: 13)
    let laws = Set(violations.map(\.law))
    #expect(laws.contains("one tier"))
    #expect(!laws.contains("grace"))
    let first = violations.first { $0.law == "one tier" }
    #expect(first?.values.contains { $0.name == "rank" && $0.value == "4" } == true)
    #expect(first?.message.hasSuffix("rank 4 is not on the ladder 0...3") == true)
  }

  @Test("a policy that demotes the richest breaks monotonicity, shown on its flat balance")
  func upsideDownIsCaught() {
    let violations = TierLaws.violations(of: UpsideDownTierPolicy(), seed: 14)
    let monotone = violations.first { $0.law == "monotone" }
    // Black's entry, 3,000,000, is the first flat balance that falls from platinum to standard.
    #expect(monotone?.values.first?.value.hasPrefix("3000000.0, 3000000.0") == true)
    #expect(monotone?.client?.hasPrefix("flat ") == true)
  }

  @Test("a whole-base call that runs another rule breaks whole base agrees")
  func otherEngineIsCaught() {
    let violations = TierLaws.violations(of: OtherEngine(), seed: 17)
    #expect(Set(violations.map(\.law)) == ["whole base agrees"], "\(violations)")
    #expect(violations.allSatisfy { $0.client != nil })
  }
}
