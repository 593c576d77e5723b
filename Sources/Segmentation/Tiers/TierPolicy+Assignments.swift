import ClientBaseCore

extension TierPolicy {
  /// Runs the policy over every client's series on the calling thread.
  ///
  /// ```swift
  /// let tiers = StandardTiers.standard.assignments(for: history)
  /// tiers.tier(forRow: 0)     // platinum
  /// tiers.reason(forRow: 0)   // "platinum: balance 512,300 ≥ 500,000 since 2026-03"
  /// ```
  ///
  /// The result depends only on each client's own series: reordering clients reorders the
  /// result and changes nothing else.
  ///
  /// - Parameter history: The balances, client × period.
  /// - Returns: The assignments, over `history`'s row space.
  /// - Complexity: O(*n* × *p*) with no allocation per client: one pass over the matrix.
  @inlinable
  public func assignments<ID>(for history: BalanceHistory<ID>) -> TierAssignments<ID> {
    assignments(for: history, threadCount: 1)
  }

  /// The engine: runs ``initialState(balance:)`` and ``nextState(after:balance:)`` over every
  /// client's series on up to `threadCount` threads.
  ///
  /// Clients are cut into parts by their number alone and each part runs the state machine
  /// over its own rows, so the result is identical on any number of threads. The engine is
  /// generic over the policy and inlined into the caller, so it runs the policy's own rule
  /// with no dynamic call per period: the rule a host reads is the rule that runs.
  ///
  /// - Parameters:
  ///   - history: The balances, client × period.
  ///   - threadCount: The most threads to use, the calling thread included.
  /// - Returns: The assignments, over `history`'s row space.
  /// - Complexity: O(*n* × *p*) calls of the rule, divided over the threads; no allocation
  ///   per client.
  @inlinable
  public func assignments<ID>(for history: BalanceHistory<ID>, threadCount: Int)
    -> TierAssignments<ID>
  {
    let count = history.count
    let width = history.periodCount
    // A local copy: stores through the output buffers cannot alias it, so the policy's
    // tables stay in registers instead of being reloaded every period.
    let policy = self
    let top = policy.ladder.topRank
    // Every cell of every column is written by exactly one part.
    var below = ContiguousArray<Int32>()
    var entered = ContiguousArray<Int32>()
    var previous = ContiguousArray<UInt8>()
    // Capacities of at least 1: with 0 the standard library writes the count into the storage
    // every empty array shares, a race the thread sanitizer reports (see ClientBaseCore's
    // `ContiguousArray(columnCapacity:initializingWith:)`, which this inlined code cannot call).
    let capacity = Swift.max(count, 1)
    let path = ContiguousArray<UInt8>(unsafeUninitializedCapacity: Swift.max(count * width, 1)) {
      path, pathCount in
      below = ContiguousArray(unsafeUninitializedCapacity: capacity) { below, belowCount in
        entered = ContiguousArray(unsafeUninitializedCapacity: capacity) { entered, enteredCount in
          previous = ContiguousArray(unsafeUninitializedCapacity: capacity) {
            previous, previousCount in
            history.balances.withUnsafeBufferPointer { balances in
              let columns = TierColumns(
                balances: balances.baseAddress, path: path.baseAddress,
                below: below.baseAddress, entered: entered.baseAddress,
                previous: previous.baseAddress)
              runTierParts(count: count, threadCount: threadCount) { rows in
                policy.runStateMachine(rows: rows, width: width, top: top, columns)
              }
            }
            previousCount = count
          }
          enteredCount = count
        }
        belowCount = count
      }
      pathCount = count * width
    }
    return TierAssignments(
      history: history, ladder: policy.ladder, path: path, periodsBelowKeep: below,
      enteredPeriods: entered, previousRanks: previous)
  }

  /// The state machine over a run of rows: each client's path of ranks (clamped to the
  /// ladder), the periods below the keep level at the end, the period the final tier was
  /// entered and the rank held before it.
  @inlinable
  func runStateMachine(rows: Range<Int>, width: Int, top: Int, _ columns: TierColumns) {
    guard width > 0, let balances = columns.balances, let path = columns.path,
      let below = columns.below, let entered = columns.entered,
      let previous = columns.previous
    else { return }
    for row in rows {
      let start = row &* width
      let end = start &+ width
      var state = initialState(balance: balances[start])
      (path + start).initialize(to: UInt8(truncatingIfNeeded: Self.clamped(state.rank, top: top)))
      // The loop only runs the rule and records the rank: every other fact is read back from
      // the row's path afterwards, so the loop keeps few values live.
      var cell = start &+ 1
      while cell < end {
        state = nextState(after: state, balance: balances[cell])
        (path + cell).initialize(to: UInt8(truncatingIfNeeded: Self.clamped(state.rank, top: top)))
        cell &+= 1
      }
      let change = lastTierChange(in: UnsafePointer(path), start: start, end: end)
      (below + row).initialize(to: Int32(clamping: max(state.periodsBelowKeep, 0)))
      (entered + row).initialize(to: change.entered)
      (previous + row).initialize(to: change.previous)
    }
  }

  /// A rank moved into `0...top`: one well-predicted branch when it is already there.
  ///
  /// A conditional move would be shorter, but it would chain each period's rank to the
  /// previous one's through the data; a branch that is never taken leaves the periods free
  /// to overlap.
  @inlinable
  @inline(__always)
  static func clamped(_ rank: Int, top: Int) -> Int {
    UInt(bitPattern: rank) <= UInt(bitPattern: top) ? rank : tierRank(rank, clampedTo: top)
  }
}

/// The last change of rank in one client's path, `path[start..<end]` (not empty): the period,
/// counted from the client's first, that starts the final run of equal ranks, and the rank
/// held before it — the final rank itself when the path never changed.
///
/// The engine and ``TierAssignments/init(history:ladder:rankOfRow:)`` both read these facts
/// back from a finished path through this function.
@inlinable
@inline(__always)
func lastTierChange(in path: UnsafePointer<UInt8>, start: Int, end: Int)
  -> (entered: Int32, previous: UInt8)
{
  let final = path[end &- 1]
  var entry = end &- 1
  while entry > start, path[entry &- 1] == final { entry &-= 1 }
  return (Int32(truncatingIfNeeded: entry &- start), entry > start ? path[entry &- 1] : final)
}

/// A rank off the ladder moved onto it: 0 below, `top` above.
@usableFromInline
@inline(never)
func tierRank(_ rank: Int, clampedTo top: Int) -> Int {
  rank < 0 ? 0 : top
}

/// Cuts `count` clients into parts by their number alone and runs `body` on each part's rows,
/// on up to `threadCount` threads; returns when every part is done.
@usableFromInline
func runTierParts(
  count: Int, threadCount: Int, _ body: @Sendable (Range<Int>) -> Void
) {
  let parts = ParallelWork.partCount(for: count, grain: 16_384)
  _ = ParallelWork.map(parts: parts, threads: threadCount) { part in
    body(ParallelWork.range(of: part, in: parts, count: count))
  }
}

/// The engine's input and output columns, shared by its parts: each part reads and writes only
/// its own rows, and every thread is joined before the buffers are released.
@usableFromInline
struct TierColumns: @unchecked Sendable {
  @usableFromInline let balances: UnsafePointer<Double>?
  @usableFromInline let path: UnsafeMutablePointer<UInt8>?
  @usableFromInline let below: UnsafeMutablePointer<Int32>?
  @usableFromInline let entered: UnsafeMutablePointer<Int32>?
  @usableFromInline let previous: UnsafeMutablePointer<UInt8>?

  @inlinable
  init(
    balances: UnsafePointer<Double>?, path: UnsafeMutablePointer<UInt8>?,
    below: UnsafeMutablePointer<Int32>?, entered: UnsafeMutablePointer<Int32>?,
    previous: UnsafeMutablePointer<UInt8>?
  ) {
    self.balances = balances
    self.path = path
    self.below = below
    self.entered = entered
    self.previous = previous
  }
}
