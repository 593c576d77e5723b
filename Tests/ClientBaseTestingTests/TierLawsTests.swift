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
    balance >= 5_000_000 ? TierState(rank: 4) : StandardTierPolicy().initialState(balance: balance)
  }
  func nextState(after state: TierState, balance: Double) -> TierState {
    balance >= 5_000_000
      ? TierState(rank: 4) : StandardTierPolicy().nextState(after: state, balance: balance)
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
    let next = StandardTierPolicy().nextState(after: state, balance: balance)
    return next.rank == 3 ? TierState(rank: 0) : next
  }
}

@Suite("Tier laws")
struct TierLawsTests {
  @Test("the standard policy keeps every law, on the default and on a custom ladder")
  func standardKeepsTheLaws() throws {
    var generator = SeededGenerator(seed: 11)
    #expect(TierLaws.violations(of: StandardTierPolicy(), using: &generator).isEmpty)
    let custom = try TierLadder(tiers: [
      TierDefinition(name: "silver", entryThreshold: 1_000, exitMargin: 0.2, gracePeriods: 0),
      TierDefinition(name: "gold", entryThreshold: 5_000, exitMargin: 0.05, gracePeriods: 3),
    ])
    #expect(TierLaws.violations(of: StandardTierPolicy(ladder: custom), using: &generator).isEmpty)
  }

  @Test("a ladder with an enormous grace is checked without trapping")
  func enormousGrace() throws {
    // `grace + 2` would overflow for this grace; the series are capped at their length.
    let ladder = try TierLadder(tiers: [
      TierDefinition(name: "gold", entryThreshold: 1_000, gracePeriods: .max)
    ])
    var generator = SeededGenerator(seed: 15)
    #expect(
      TierLaws.violations(of: StandardTierPolicy(ladder: ladder), using: &generator, walks: 20)
        .isEmpty)
  }

  @Test("a policy without hysteresis or grace is caught flapping")
  func forgetfulIsCaught() {
    var generator = SeededGenerator(seed: 12)
    let laws = Set(TierLaws.violations(of: ForgetfulTierPolicy(), using: &generator).map(\.law))
    #expect(laws == [.grace, .noFlapping])
  }

  @Test("the grace check fires on the edge case: a downgrade at the first period below")
  func graceEdge() {
    // Platinum (keep level 450,000, grace 2), then one period at 400,000: the forgetful policy
    // drops to gold at once, the standard one waits.
    let series: [Double] = [500_000, 400_000, 500_000]
    let violations = TierLaws.graceViolations(of: ForgetfulTierPolicy(), on: series)
    #expect(violations.map(\.law) == [.grace])
    #expect(violations.first?.description.hasPrefix("grace: period 1: platinum lost") == true)
    #expect(TierLaws.graceViolations(of: StandardTierPolicy(), on: series).isEmpty)
  }

  @Test("a policy that leaves the ladder breaks the one-tier law")
  func offTheLadderIsCaught() {
    var generator = SeededGenerator(seed: 13)
    let laws = Set(TierLaws.violations(of: OffTheLadderTierPolicy(), using: &generator).map(\.law))
    #expect(laws.contains(.oneTier))
    #expect(!laws.contains(.grace))
  }

  @Test("a policy that demotes the richest breaks monotonicity")
  func upsideDownIsCaught() {
    var generator = SeededGenerator(seed: 14)
    let violations = TierLaws.monotonicityViolations(of: UpsideDownTierPolicy(), using: &generator)
    #expect(violations.map(\.law) == [.monotone])
    #expect(violations.first?.balances.first == 3_000_000)
  }
}
