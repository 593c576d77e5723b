import Segmentation
import Testing

/// The standard tier rule's domain is the finite balances a `BalanceHistory` holds; called
/// directly with anything else, it neither keeps a tier nor counts a grace period against it.
@Suite("Tiers: balances that are not numbers")
struct TierDomainTests {
  let policy = StandardTiers(ladder: .bankCards)

  @Test("a NaN or infinite balance keeps the rank and uses no grace period")
  func nonFiniteBalances() {
    // Platinum (rank 2) with one period below its keep level already used: its grace is two
    // periods. Before, a NaN counted as a period below the keep level: two NaNs downgraded.
    let platinum = TierState(rank: 2, periodsBelowKeep: 1)
    for balance in [Double.nan, .infinity, -.infinity] {
      var state = platinum
      for _ in 0..<5 {
        state = policy.nextState(after: state, balance: balance)
        #expect(state == platinum, "balance \(balance)")
      }
      // A rank off the ladder is still clamped onto it.
      #expect(policy.nextState(after: TierState(rank: 9), balance: balance).rank == 3)
      // A new client with no figure starts in the base tier (+∞ reached the top before).
      #expect(policy.initialState(balance: balance) == TierState(rank: 0))
    }
    // Finite balances are unchanged: 100,000 is below platinum's keep level (450,000), the
    // second such period in a row is still within the grace, the third downgrades.
    let second = policy.nextState(after: platinum, balance: 100_000)
    #expect(second == TierState(rank: 2, periodsBelowKeep: 2))
    #expect(policy.nextState(after: second, balance: 100_000) == TierState(rank: 0))
  }
}
