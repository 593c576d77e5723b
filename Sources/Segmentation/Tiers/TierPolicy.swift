/// What a tier policy remembers about one client from period to period: at least the rank it
/// holds, and whatever else its rule needs.
///
/// ``TierState`` (a rank and a count of periods below the keep level) is what
/// ``StandardTiers`` remembers. A host rule that needs more — "two months above the entry level
/// before an upgrade", "no downgrade within a year of an upgrade" — declares its own state:
///
/// ```swift
/// struct PatientState: TierPolicyState {
///   var rank: Int
///   var periodsAboveNext = 0   // consecutive periods at or above the next tier's entry
/// }
/// ```
///
/// The engine records ``rank`` and, for reasons, ``periodsBelowKeep``; everything else in the
/// state is the policy's own business.
public protocol TierPolicyState: Hashable, Sendable {
  /// The rank held after the period, 0 for the base tier.
  var rank: Int { get }
  /// Consecutive periods, up to and including the latest, with the balance below the keep
  /// level of the tier held; reasons say "downgrade pending" while it is above 0.
  ///
  /// Defaults to 0 for a state that does not track it.
  var periodsBelowKeep: Int { get }
}

extension TierPolicyState {
  /// 0: a state that does not track periods below the keep level never reports a pending
  /// downgrade.
  public var periodsBelowKeep: Int { 0 }
}

/// Where one client stands after a period under ``StandardTiers``: the tier's rank and how long
/// the balance has been below the tier's keep level.
public struct TierState: TierPolicyState, Codable {
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
/// the first period, ``nextState(after:balance:)`` for each later one, over a ``State`` of the
/// policy's choosing. The whole-base call, ``assignments(for:threadCount:)``, runs that state
/// machine over every client of a ``BalanceHistory``; its default implementation is the
/// library's engine, which splits the clients over threads and runs the policy's own rule, so
/// a conformer writes the rule once and gets the engine for free.
///
/// ```swift
/// // An upgrade only after two periods in a row at or above the higher tier's entry;
/// // everything else as the standard rule.
/// struct PatientUpgrades: TierPolicy {
///   struct State: TierPolicyState {
///     var standard: TierState
///     var periodsAboveEntry = 0
///     var rank: Int { standard.rank }
///     var periodsBelowKeep: Int { standard.periodsBelowKeep }
///   }
///   let rule = StandardTiers.standard
///   var ladder: TierLadder { rule.ladder }
///
///   func initialState(balance: Double) -> State {
///     State(standard: rule.initialState(balance: balance))
///   }
///
///   func nextState(after state: State, balance: Double) -> State {
///     let next = rule.nextState(after: state.standard, balance: balance)
///     guard next.rank > state.rank, state.periodsAboveEntry == 0 else {
///       return State(standard: next)
///     }
///     return State(standard: TierState(rank: state.rank), periodsAboveEntry: 1)
///   }
/// }
/// let tiers = PatientUpgrades().assignments(for: history, threadCount: 2)
/// ```
///
/// Conformers must guarantee, for every balance (checked by `ClientBaseTesting`'s
/// `TierLaws.violations(of:seed:walks:periods:)` on generated series, and by
/// `TierLaws.violations(of:on:seed:walks:periods:)` on a host's own balances as well):
/// - **one tier:** the returned rank lies in `0...ladder.topRank`;
/// - **grace:** a client is never downgraded within the grace periods of the tier held, and
///   only after that many consecutive periods below its keep level;
/// - **no flapping:** a balance that stays within a tier's band (at or above its keep level,
///   below the next tier's entry) never moves a member out of the tier and back;
/// - **monotone:** for a flat history, a higher balance never gives a lower tier;
/// - **whole base agrees:** ``assignments(for:threadCount:)``, if a conformer replaces it,
///   gives every client the ranks its state machine gives, on any number of threads.
///
/// The engine records ranks outside `0...ladder.topRank` clamped into it, and passes the state
/// back to the policy as the policy returned it.
public protocol TierPolicy: Sendable {
  /// What the policy remembers about a client between periods.
  associatedtype State: TierPolicyState = TierState

  /// The tiers the policy assigns.
  var ladder: TierLadder { get }

  /// The state of a client seen for the first time.
  ///
  /// - Parameter balance: The first period's balance.
  /// - Returns: The state after that period.
  func initialState(balance: Double) -> State

  /// The state after one more period.
  ///
  /// - Parameters:
  ///   - state: The state after the previous period, as this policy returned it.
  ///   - balance: This period's balance.
  /// - Returns: The state after this period.
  func nextState(after state: State, balance: Double) -> State

  /// Runs the policy over every client's series on up to `threadCount` threads.
  ///
  /// The default implementation is the library's engine: ``initialState(balance:)`` and
  /// ``nextState(after:balance:)`` client by client, the clients cut into parts by their
  /// number alone and the parts spread over the threads, so the result is the same whatever
  /// the thread count. A conformer replaces it only to compute the same assignments another
  /// way, and builds its result with
  /// ``TierAssignments/init(history:ladder:rankOfRow:)``.
  ///
  /// - Parameters:
  ///   - history: The balances, client × period; valid by construction, so the call does not
  ///     throw; a history with no clients gives empty assignments.
  ///   - threadCount: The most threads to use, the calling thread included.
  /// - Returns: The assignments, over `history`'s row space; the same whatever the thread
  ///   count.
  func assignments<ID>(for history: BalanceHistory<ID>, threadCount: Int) -> TierAssignments<ID>
}
