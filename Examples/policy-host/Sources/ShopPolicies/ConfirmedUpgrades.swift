public import ClientBase

/// A tier rule with its own state: an upgrade only after the balance has reached a higher
/// tier's entry level for `confirmationPeriods` periods in a row (two by default); keeping a
/// tier, grace and downgrades work as in the standard rule.
///
/// A client whose balance crosses the gold threshold at one month end and falls back the
/// next does not get a card for a month; one who stays above it for two month ends does.
/// When the periods of a streak enter different tiers, the client moves to the lowest of
/// them: the level the balance has held throughout.
///
/// ```swift
/// let tiers = try ConfirmedUpgrades().assignments(for: history, threadCount: 2)
/// ```
public struct ConfirmedUpgrades: TierPolicy {
  /// What the rule remembers about a client between periods.
  public struct State: TierPolicyState {
    /// The rank held.
    public var rank: Int
    /// Consecutive periods below the keep level of the tier held.
    public var periodsBelowKeep: Int
    /// Consecutive periods, up to the latest, whose balance entered a tier above the one held.
    public var periodsAboveEntry: Int
    /// The lowest rank those periods entered: where a confirmed upgrade goes.
    public var upgradeRank: Int
  }

  /// The tiers.
  public var ladder: TierLadder { standard.ladder }
  /// Periods in a row at or above a higher entry level before the upgrade; at least 1.
  public let confirmationPeriods: Int
  private let standard: StandardTiers

  /// Creates the rule, checking its settings once.
  ///
  /// - Parameters:
  ///   - ladder: The tiers; the bank-card ladder by default.
  ///   - confirmationPeriods: Periods in a row before an upgrade; 2 by default (1 is the
  ///     standard rule).
  /// - Throws: `SegmentationError.invalidParameter` when `confirmationPeriods` is below 1.
  public init(ladder: TierLadder = .bankCards, confirmationPeriods: Int = 2)
    throws(SegmentationError)
  {
    guard confirmationPeriods >= 1 else {
      throw .invalidParameter(
        "confirmationPeriods", reason: "must be at least 1, got \(confirmationPeriods)")
    }
    self.confirmationPeriods = confirmationPeriods
    self.standard = StandardTiers(ladder: ladder)
  }

  /// Places a new client by entry thresholds alone, as the standard rule does.
  ///
  /// - Parameter balance: The first period's balance.
  /// - Returns: The state after that period.
  public func initialState(balance: Double) -> State {
    let first = standard.initialState(balance: balance)
    return State(
      rank: first.rank, periodsBelowKeep: 0, periodsAboveEntry: 0, upgradeRank: first.rank)
  }

  /// Applies the standard rule, holding an upgrade back until it is confirmed.
  ///
  /// - Parameters:
  ///   - state: The state after the previous period.
  ///   - balance: This period's balance.
  /// - Returns: The state after this period.
  public func nextState(after state: State, balance: Double) -> State {
    let next = standard.nextState(
      after: TierState(rank: state.rank, periodsBelowKeep: state.periodsBelowKeep),
      balance: balance)
    guard next.rank > state.rank else {
      return State(
        rank: next.rank, periodsBelowKeep: next.periodsBelowKeep, periodsAboveEntry: 0,
        upgradeRank: next.rank)
    }
    let streak = state.periodsAboveEntry + 1
    let target = state.periodsAboveEntry == 0 ? next.rank : min(state.upgradeRank, next.rank)
    guard streak >= confirmationPeriods else {
      return State(
        rank: state.rank, periodsBelowKeep: 0, periodsAboveEntry: streak, upgradeRank: target)
    }
    return State(rank: target, periodsBelowKeep: 0, periodsAboveEntry: 0, upgradeRank: target)
  }
}
