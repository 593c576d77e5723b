/// The default tier rule: immediate upgrades, hysteresis, grace, then a direct downgrade.
///
/// Each period, with the ladder's entry thresholds, keep levels and graces:
/// 1. **Upgrade immediately** when the balance reaches a higher tier's entry threshold (to the
///    highest one reached, skipping tiers in between).
/// 2. **Keep** the tier while the balance is at or above its keep level — the hysteresis band
///    between keep level and entry means a balance hovering around the threshold does not
///    flap.
/// 3. **Grace:** below the keep level the client keeps the tier for the tier's grace periods
///    (consecutive; one period back at or above the keep level resets the count).
/// 4. **Downgrade directly** on the next consecutive period below, to the highest lower tier
///    whose keep level the balance reaches — possibly several steps, possibly the base tier.
///
/// A client's first period places them by entry thresholds alone. Negative balances reach no
/// threshold: below every tier.
///
/// The policy is `Codable` as its ladder: decoding checks the ladder as ``TierLadder``'s own
/// decoding does, so a decoded policy is as valid as a constructed one.
public struct StandardTierPolicy: TierPolicy, Hashable, Codable {
  /// The tiers.
  public var ladder: TierLadder

  /// Creates the policy.
  ///
  /// - Parameter ladder: The tiers (default ``TierLadder/bankCards``).
  public init(ladder: TierLadder = .bankCards) {
    self.ladder = ladder
  }

  /// Places a new client by entry thresholds.
  ///
  /// - Parameter balance: The first period's balance.
  /// - Returns: The highest tier entered, nothing below its keep level.
  @inlinable
  public func initialState(balance: Double) -> TierState {
    TierState(rank: ladder.rankEntered(byBalance: balance))
  }

  /// Applies upgrade, keep, grace and downgrade in that order.
  ///
  /// - Parameters:
  ///   - state: The state after the previous period; a rank off the ladder is clamped.
  ///   - balance: This period's balance.
  /// - Returns: The state after this period.
  @inlinable
  public func nextState(after state: TierState, balance: Double) -> TierState {
    let rank = min(max(state.rank, 0), ladder.topRank)
    // Most periods change nothing: test the held tier's band first, so the common case is two
    // well-predicted comparisons. Entry thresholds rise, so reaching the next tier's entry is
    // exactly "a higher tier is entered"; the sentinels (+∞ above the top, −∞ below the base)
    // make both tests valid at every rank.
    if balance >= ladder.upperBounds[rank] {
      return TierState(rank: ladder.rankEntered(byBalance: balance))
    }
    if balance >= ladder.lowerBounds[rank] { return TierState(rank: rank) }
    let below = max(state.periodsBelowKeep, 0) &+ 1
    if below > 0, below <= ladder.graceByRank[rank] {
      return TierState(rank: rank, periodsBelowKeep: below)
    }
    return TierState(rank: ladder.rankKept(byBalance: balance, below: rank))
  }
}

extension TierPolicy where Self == StandardTierPolicy {
  /// The default rule on the bank-card ladder.
  public static var standard: Self { StandardTierPolicy() }
}
