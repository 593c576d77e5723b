/// Where one client stands after a period: the tier's rank and how long the balance has been
/// below the tier's keep level.
public struct TierState: Hashable, Codable, Sendable {
  /// The rank held, 0 for the base tier.
  public var rank: Int
  /// Consecutive periods, up to and including the latest, with the balance below the keep
  /// level of the tier held (0 when the latest balance keeps it).
  public var periodsBelowKeep: Int

  /// Creates a state.
  ///
  /// - Parameters:
  ///   - rank: The rank held.
  ///   - periodsBelowKeep: Consecutive periods below the keep level.
  @inlinable
  public init(rank: Int, periodsBelowKeep: Int = 0) {
    self.rank = rank
    self.periodsBelowKeep = periodsBelowKeep
  }
}

/// Decides a client's tier period by period from their balances.
///
/// A policy is a pure state machine over one client's series: ``initialState(balance:)`` for
/// the first period, ``nextState(after:balance:)`` for each later one. The engine
/// (``TierPolicy/assignments(for:)``) runs it over every client of a ``BalanceHistory``.
///
/// Conformers must guarantee, for every balance (checked by `ClientBaseTesting`'s
/// `TierLaws.violations(of:using:)`):
/// - **one tier:** the returned rank lies in `0...ladder.topRank`;
/// - **grace:** a client is never downgraded within the grace periods of the tier held, and
///   only after that many consecutive periods below its keep level;
/// - **no flapping:** a balance that stays within a tier's band (at or above its keep level,
///   below the next tier's entry) never moves a member out of the tier and back;
/// - **monotone:** for a flat history, a higher balance never gives a lower tier.
///
/// Results the engine receives outside `0...ladder.topRank` are clamped into it.
public protocol TierPolicy: Sendable {
  /// The tiers the policy assigns.
  var ladder: TierLadder { get }

  /// The state of a client seen for the first time.
  ///
  /// - Parameter balance: The first period's balance.
  /// - Returns: The state after that period.
  func initialState(balance: Double) -> TierState

  /// The state after one more period.
  ///
  /// - Parameters:
  ///   - state: The state after the previous period.
  ///   - balance: This period's balance.
  /// - Returns: The state after this period.
  func nextState(after state: TierState, balance: Double) -> TierState

  /// Runs the policy over every client's series on up to `threadCount` threads.
  ///
  /// The default implementation runs ``initialState(balance:)`` and
  /// ``nextState(after:balance:)`` client by client on the calling thread.
  /// ``StandardTierPolicy`` replaces it with a kernel that gives the same assignments and
  /// splits the clients over the threads.
  ///
  /// - Parameters:
  ///   - history: The balances, client × period.
  ///   - threadCount: The most threads to use, the calling thread included.
  /// - Returns: The assignments, rows aligned with `history`'s; the same whatever the thread
  ///   count.
  func assignments<ID>(for history: BalanceHistory<ID>, threadCount: Int) -> TierAssignments<ID>
}
