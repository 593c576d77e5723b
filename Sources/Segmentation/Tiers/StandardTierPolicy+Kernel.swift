import ClientBaseCore

extension StandardTierPolicy {
  /// Runs the standard rules over every client's series on up to `threadCount` threads.
  ///
  /// The same assignments as ``initialState(balance:)`` and ``nextState(after:balance:)``
  /// applied client by client (a test holds the two to that), computed with the held tier's
  /// band kept in registers: most periods change nothing and cost two comparisons. Clients are
  /// cut into parts by their number alone, so the result does not depend on the thread count.
  ///
  /// ```swift
  /// let tiers = StandardTierPolicy().assignments(for: history, threadCount: 2)
  /// ```
  ///
  /// - Parameters:
  ///   - history: The balances, client × period.
  ///   - threadCount: The most threads to use, the calling thread included.
  /// - Returns: The assignments, rows aligned with `history`'s.
  /// - Complexity: O(*n* × *p*), divided over the threads.
  public func assignments<ID>(for history: BalanceHistory<ID>, threadCount: Int)
    -> TierAssignments<ID>
  {
    let count = history.count
    let width = history.periodCount
    let rules = TierRules(ladder)
    let parts = ParallelWork.partCount(for: count, grain: 16_384)
    // The kernel writes every cell of every column, so none is filled twice.
    var below = ContiguousArray<Int32>()
    var entered = ContiguousArray<Int32>()
    var previous = ContiguousArray<UInt8>()
    let path = ContiguousArray<UInt8>(unsafeUninitializedCapacity: count * width) {
      path, pathCount in
      below = ContiguousArray(unsafeUninitializedCapacity: count) { below, belowCount in
        entered = ContiguousArray(unsafeUninitializedCapacity: count) { entered, enteredCount in
          previous = ContiguousArray(unsafeUninitializedCapacity: count) {
            previous, previousCount in
            history.balances.withUnsafeBufferPointer { balances in
              let columns = TierColumns(
                balances: balances.baseAddress, path: path.baseAddress,
                below: below.baseAddress, entered: entered.baseAddress,
                previous: previous.baseAddress)
              _ = ParallelWork.map(parts: parts, threads: threadCount) { part in
                rules.run(
                  rows: ParallelWork.range(of: part, in: parts, count: count), width: width,
                  columns)
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
      history: history, ladder: ladder, path: path, periodsBelowKeep: below,
      enteredPeriods: entered, previousRanks: previous)
  }
}

/// The ladder's numbers as the kernel reads them.
private struct TierRules: Sendable {
  let entry: [Double]
  let keep: [Double]
  let upper: [Double]
  let lower: [Double]
  let grace: [Int]

  init(_ ladder: TierLadder) {
    entry = ladder.entryThresholds
    keep = ladder.keepLevels
    upper = ladder.upperBounds
    lower = ladder.lowerBounds
    grace = ladder.graceByRank
  }

  @inline(__always)
  func rankEntered(_ balance: Double) -> Int {
    var rank = 0
    for threshold in entry { rank &+= balance >= threshold ? 1 : 0 }
    return rank
  }

  @inline(__always)
  func rankKept(_ balance: Double, below ceiling: Int) -> Int {
    var rank = ceiling - 1
    while rank >= 1, !(balance >= keep[rank - 1]) { rank -= 1 }
    return max(rank, 0)
  }

  func run(rows: Range<Int>, width: Int, _ columns: TierColumns) {
    guard width > 0, let balances = columns.balances, let path = columns.path,
      let below = columns.below, let entered = columns.entered,
      let previous = columns.previous
    else { return }
    for row in rows {
      let start = row &* width
      var rank = rankEntered(balances[start])
      var high = upper[rank]
      var low = lower[rank]
      var periodsBelow = 0
      var enteredAt = 0
      var before = rank
      (path + start).initialize(to: UInt8(truncatingIfNeeded: rank))
      var period = 1
      while period < width {
        let balance = balances[start &+ period]
        var next = rank
        if balance >= high {
          next = rankEntered(balance)
          periodsBelow = 0
        } else if balance >= low {
          periodsBelow = 0
        } else {
          periodsBelow &+= 1
          if periodsBelow > grace[rank] {
            next = rankKept(balance, below: rank)
            periodsBelow = 0
          }
        }
        if next != rank {
          before = rank
          rank = next
          enteredAt = period
          high = upper[rank]
          low = lower[rank]
        }
        (path + (start &+ period)).initialize(to: UInt8(truncatingIfNeeded: rank))
        period &+= 1
      }
      (below + row).initialize(to: Int32(truncatingIfNeeded: periodsBelow))
      (entered + row).initialize(to: Int32(truncatingIfNeeded: enteredAt))
      (previous + row).initialize(to: UInt8(truncatingIfNeeded: before))
    }
  }
}

/// The kernel's input and output columns, shared by its parts: each part reads and writes only
/// its own rows, and every thread is joined before the buffers are released.
private struct TierColumns: @unchecked Sendable {
  let balances: UnsafePointer<Double>?
  let path: UnsafeMutablePointer<UInt8>?
  let below: UnsafeMutablePointer<Int32>?
  let entered: UnsafeMutablePointer<Int32>?
  let previous: UnsafeMutablePointer<UInt8>?
}
