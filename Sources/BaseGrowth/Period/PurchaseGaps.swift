public import Retention

/// The gaps between consecutive purchase days of every client of a base, in days, grouped by
/// client: the input of a ``CharacteristicPeriodPolicy``.
///
/// Built from Retention's `PurchaseDays` (each client's distinct purchase days, ascending) or
/// from gaps the host already has (a warehouse computes them with a window function):
///
/// ```swift
/// let days = try PurchaseDays(log, table: table, asOf: asOf)
/// let gaps = PurchaseGaps(days)
/// gaps.count           // gaps over the whole base
/// gaps.clientsWithGaps // clients with two purchase days or more
/// ```
///
/// A client with one purchase day has no gap and is counted in ``clientCount`` only. Every gap
/// is a whole number of days, 1 or more (purchase days are distinct days).
public struct PurchaseGaps: Hashable, Sendable {
  /// Where each client's gaps start in ``days``; `offsets[client + 1]` is where they end. One
  /// more element than there are clients.
  public let offsets: ContiguousArray<Int>
  /// Every client's gaps in days, in the order of its purchases, one client after another.
  public let days: ContiguousArray<Int32>
  /// The number of clients with at least one gap.
  public let clientsWithGaps: Int

  /// The gaps between each client's consecutive purchase days, split over up to
  /// `threadCount` threads.
  ///
  /// - Parameters:
  ///   - purchaseDays: Each client's distinct purchase days, ascending (valid by
  ///     construction, so this does not throw).
  ///   - threadCount: The most threads to use, the calling thread included; 1 by default.
  ///     The result does not depend on it.
  /// - Complexity: O(*n*) for *n* purchase days.
  public init<ID>(_ purchaseDays: PurchaseDays<ID>, threadCount: Int = 1) {
    let rows = purchaseDays.count
    // Every row has at least one purchase day, so the gaps before row r are the days before
    // it less r: each row's place in the result is known up front, and parts fill theirs.
    let total = Swift.max(purchaseDays.days.count - rows, 0)
    let parts = ParallelWork.partCount(for: rows, grain: 131_072)
    var offsets = ContiguousArray<Int>(repeating: 0, count: rows + 1)
    var gaps = ContiguousArray<Int32>(repeating: 0, count: total)
    let withGaps = purchaseDays.offsets.withUnsafeBufferPointer { starts in
      purchaseDays.days.withUnsafeBufferPointer { days in
        offsets.withUnsafeMutableBufferPointer { offsets in
          gaps.withUnsafeMutableBufferPointer { gaps in
            let starts = SendableBuffer(starts)
            let days = SendableBuffer(days)
            let offsets = SendableMutableBuffer(offsets)
            let gaps = SendableMutableBuffer(gaps)
            return ParallelWork.map(parts: parts, threads: threadCount) { part in
              var withGaps = 0
              for row in ParallelWork.range(of: part, in: parts, count: rows) {
                let start = starts.base[row]
                let end = starts.base[row + 1]
                var written = start - row
                offsets.base[row] = written
                if end - start > 1 { withGaps += 1 }
                var previous = days.base[start].daysSince1970
                var k = start + 1
                while k < end {
                  let day = days.base[k].daysSince1970
                  gaps.base[written] = day &- previous
                  previous = day
                  written += 1
                  k += 1
                }
              }
              return withGaps
            }.reduce(0, +)
          }
        }
      }
    }
    offsets[rows] = total
    self.init(trusted: offsets, days: gaps, clientsWithGaps: withGaps)
  }

  /// Gaps the host measured, one collection per client (empty for a client who bought once).
  ///
  /// ```swift
  /// let gaps = try PurchaseGaps(gapsByClient: [[30, 31, 29], [], [28]])
  /// ```
  ///
  /// - Parameter gapsByClient: Each client's gaps in days, each 1 or more and at most
  ///   `Int32.max`.
  /// - Throws: ``GrowthError/invalidParameter(_:reason:)`` naming the first client (from 0)
  ///   with a gap below 1 day or above `Int32.max`.
  /// - Complexity: O(*n*) for *n* gaps.
  public init(gapsByClient: some Sequence<some Sequence<Int>>) throws(GrowthError) {
    var offsets: ContiguousArray<Int> = [0]
    var gaps = ContiguousArray<Int32>()
    var withGaps = 0
    for (client, clientGaps) in gapsByClient.enumerated() {
      let before = gaps.count
      for gap in clientGaps {
        guard gap >= 1, gap <= Int(Int32.max) else {
          throw .invalidParameter(
            "gapsByClient",
            reason: "client \(client) has a gap of \(gap) days; a gap between distinct "
              + "purchase days is 1 day or more")
        }
        gaps.append(Int32(gap))
      }
      if gaps.count > before { withGaps += 1 }
      offsets.append(gaps.count)
    }
    self.init(trusted: offsets, days: gaps, clientsWithGaps: withGaps)
  }

  init(trusted offsets: ContiguousArray<Int>, days: ContiguousArray<Int32>, clientsWithGaps: Int) {
    self.offsets = offsets
    self.days = days
    self.clientsWithGaps = clientsWithGaps
  }

  /// The number of clients, with or without gaps.
  public var clientCount: Int { offsets.count - 1 }

  /// The number of gaps over the whole base.
  public var count: Int { days.count }

  /// Whether there is no gap at all (no client bought on two days).
  public var isEmpty: Bool { days.isEmpty }

  /// A client's gaps in days, in the order of its purchases.
  ///
  /// - Parameter client: A client, `0..<clientCount`, in the order of the source.
  /// - Returns: The gaps; empty for a client who bought once.
  public func gaps(ofClient client: Int) -> ArraySlice<Int32> {
    ArraySlice(days[offsets[client]..<offsets[client + 1]])
  }
}
