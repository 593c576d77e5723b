import ClientBaseCore
import ClientBaseTesting
import Segmentation
import Testing

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

@Suite("Tier laws")
struct TierLawsTests {
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
