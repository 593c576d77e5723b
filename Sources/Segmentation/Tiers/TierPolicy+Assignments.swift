extension TierPolicy {
  /// Runs the policy over every client's series and returns each client's tier path and
  /// final tier.
  ///
  /// ```swift
  /// let tiers = StandardTierPolicy().assignments(for: history)
  /// tiers.tier(forRow: 0)     // platinum
  /// tiers.reason(forRow: 0)   // "platinum: balance 512,300 ≥ 500,000 since 2026-03"
  /// ```
  ///
  /// The result depends only on each client's own series: reordering clients reorders the
  /// result and changes nothing else.
  ///
  /// - Parameter history: The balances, client × period.
  /// - Returns: The assignments, rows aligned with `history`'s.
  /// - Complexity: O(*n* × *p*) with no allocation per client: one pass over the matrix.
  @inlinable
  public func assignments<ID>(for history: BalanceHistory<ID>) -> TierAssignments<ID> {
    assignments(for: history, threadCount: 1)
  }

  /// Runs the policy over every client's series on the calling thread; the default
  /// implementation of ``TierPolicy/assignments(for:threadCount:)``, which ignores
  /// `threadCount`.
  ///
  /// - Parameters:
  ///   - history: The balances, client × period.
  ///   - threadCount: Ignored by this implementation.
  /// - Returns: The assignments, rows aligned with `history`'s.
  /// - Complexity: O(*n* × *p*) with no allocation per client: one pass over the matrix.
  @inlinable
  public func assignments<ID>(for history: BalanceHistory<ID>, threadCount: Int)
    -> TierAssignments<ID>
  {
    serialAssignments(for: history)
  }

  /// The state machine run client by client through ``initialState(balance:)`` and
  /// ``nextState(after:balance:)``.
  @inlinable
  func serialAssignments<ID>(for history: BalanceHistory<ID>) -> TierAssignments<ID> {
    let count = history.count
    let width = history.periodCount
    let top = ladder.topRank
    // A local copy: stores through the output buffers cannot alias it, so the policy's
    // tables stay in registers instead of being reloaded every period.
    let policy = self
    var path = ContiguousArray<UInt8>(repeating: 0, count: count * width)
    var below = ContiguousArray<Int32>(repeating: 0, count: count)
    var entered = ContiguousArray<Int32>(repeating: 0, count: count)
    var previous = ContiguousArray<UInt8>(repeating: 0, count: count)
    history.balances.withUnsafeBufferPointer { balances in
      path.withUnsafeMutableBufferPointer { path in
        below.withUnsafeMutableBufferPointer { below in
          entered.withUnsafeMutableBufferPointer { entered in
            previous.withUnsafeMutableBufferPointer { previous in
              for row in 0..<count {
                let start = row &* width
                var state = policy.initialState(balance: balances[start])
                var rank = min(max(state.rank, 0), top)
                state.rank = rank
                var enteredAt = 0
                var before = rank
                path[start] = UInt8(truncatingIfNeeded: rank)
                var period = 1
                while period < width {
                  state = policy.nextState(after: state, balance: balances[start &+ period])
                  let next = min(max(state.rank, 0), top)
                  state.rank = next
                  if next != rank {
                    before = rank
                    rank = next
                    enteredAt = period
                  }
                  path[start &+ period] = UInt8(truncatingIfNeeded: next)
                  period &+= 1
                }
                below[row] = Int32(clamping: state.periodsBelowKeep)
                entered[row] = Int32(truncatingIfNeeded: enteredAt)
                previous[row] = UInt8(truncatingIfNeeded: before)
              }
            }
          }
        }
      }
    }
    return TierAssignments(
      history: history, ladder: ladder, path: path, periodsBelowKeep: below,
      enteredPeriods: entered, previousRanks: previous)
  }
}
