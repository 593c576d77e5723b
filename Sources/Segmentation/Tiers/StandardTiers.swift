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
/// A balance that is not finite (NaN or ±∞) is no balance: the rule's domain is the finite
/// balances a ``BalanceHistory`` holds, and the engine never passes another. Called directly
/// with one, ``initialState(balance:)`` places the client in the base tier and
/// ``nextState(after:balance:)`` keeps the rank and uses no grace period — a missing figure
/// neither keeps a tier nor counts against it.
///
/// ``nextState(after:balance:)`` is the only statement of the rule: the engine
/// (``TierPolicy/assignments(for:threadCount:)``) runs it, inlined, for every client and
/// period, so editing it changes every assignment.
///
/// The policy's only setting is its ladder, which ``TierLadder`` checks when it is built or
/// decoded. The policy encodes as an object with one key, `ladder`, holding the ladder's own
/// encoding (`{"ladder": {"baseName": …, "baseEntitlements": […], "tiers": […]}}`); decoding
/// it decodes the ladder through ``TierLadder``'s checks, so a decoded policy is as valid as a
/// constructed one.
public struct StandardTiers: TierPolicy, Hashable, Codable {
  /// The tiers.
  public private(set) var ladder: TierLadder

  /// Creates the policy.
  ///
  /// - Parameter ladder: The tiers (default ``TierLadder/bankCards``), already checked.
  public init(ladder: TierLadder = .bankCards) {
    self.ladder = ladder
  }

  /// Places a new client by entry thresholds.
  ///
  /// - Parameter balance: The first period's balance, finite.
  /// - Returns: The highest tier entered, nothing below its keep level; the base tier for a
  ///   balance that is not finite.
  @inlinable
  public func initialState(balance: Double) -> TierState {
    TierState(rank: balance.isFinite ? ladder.rankEntered(byBalance: balance) : 0)
  }

  /// Applies the rule to one more period: keep, upgrade, grace or downgrade.
  ///
  /// Keeping and upgrading exclude each other (a balance is below the next tier's entry or
  /// it is not), so testing the common case — the balance stays in the held tier's band —
  /// first changes no outcome. That test is two comparisons against the held rank's band,
  /// and it returns the rank it was given, so in the engine's loop one period's answer does
  /// not wait on arithmetic from the period before.
  ///
  /// - Parameters:
  ///   - state: The state after the previous period; a rank off the ladder is clamped.
  ///   - balance: This period's balance, finite.
  /// - Returns: The state after this period; for a balance that is not finite, the same rank
  ///   (clamped onto the ladder) with no grace period used.
  @inlinable
  public func nextState(after state: TierState, balance: Double) -> TierState {
    ladder.bands.withUnsafeBufferPointer { bands in
      // 2. Keep: at or above the keep level and below the next tier's entry (the sentinels,
      // +∞ above the top and −∞ below the base, make the test valid at every rank).
      if UInt(bitPattern: state.rank) < UInt(bitPattern: bands.count) {
        let band = bands[state.rank]
        if balance < band.upper, balance >= band.lower { return TierState(rank: state.rank) }
      }
      // A rank off the ladder (only a caller's own state can hold one) is clamped onto it,
      // and the keep test asked again of the clamped rank; a rank on the ladder that reaches
      // here has left its band, and the test fails again at no cost worth a second branch.
      let rank = min(max(state.rank, 0), bands.count &- 1)
      // Not a balance (NaN or ±∞; a BalanceHistory never holds one): no keep, no grace period
      // used, no move.
      guard balance.isFinite else {
        return TierState(rank: rank, periodsBelowKeep: max(state.periodsBelowKeep, 0))
      }
      let band = bands[rank]
      if balance < band.upper, balance >= band.lower { return TierState(rank: rank) }
      // 1. Upgrade: entry thresholds rise, so reaching the next tier's entry is exactly "a
      // higher tier is entered"; go to the highest one reached.
      if balance >= band.upper {
        return TierState(rank: TierBand.rankEntered(byBalance: balance, in: bands))
      }
      // 3. Grace: below the keep level, keep the tier for its grace periods in a row.
      let below = max(state.periodsBelowKeep, 0) &+ 1
      if below > 0, below <= band.grace { return TierState(rank: rank, periodsBelowKeep: below) }
      // 4. Downgrade: straight to the highest lower tier whose keep level the balance reaches.
      return TierState(rank: TierBand.rankKept(byBalance: balance, below: rank, in: bands))
    }
  }
}

extension TierPolicy where Self == StandardTiers {
  /// The default rule on the bank-card ladder.
  public static var standard: Self { StandardTiers() }
}
