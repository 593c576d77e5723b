public import ClientBaseCore

/// A `PurchaseSource` over purchases held in memory: the reference conformer, and what tests
/// and examples use instead of a database.
///
/// Immutable once made, so it is `Sendable` and safe to share across tasks. Purchases are
/// indexed by day when the source is created, so a query costs a binary search plus the
/// purchases it returns.
///
/// ```swift
/// let source = InMemoryPurchaseSource(purchases)
/// let march = try await source.purchases(in: try Day(iso8601: "2024-03-01")...Day(iso8601: "2024-03-31"))
/// ```
public struct InMemoryPurchaseSource<ID: Hashable & Sendable>: PurchaseSource {
  /// Every purchase, sorted by day; purchases on the same day keep the order they were given.
  public let allPurchases: [Purchase<ID>]

  /// Creates a source serving `purchases`.
  ///
  /// - Parameter purchases: The purchases, in any order; duplicates are kept.
  /// - Complexity: O(*n* log *n*).
  public init(_ purchases: some Sequence<Purchase<ID>>) {
    let given = Array(purchases)
    // Sort positions by (day, position) so the order within a day is the input's, whatever
    // the standard library's sort does with ties.
    let order = given.indices.sorted { lhs, rhs in
      let left = given[lhs].day
      let right = given[rhs].day
      return left < right || (left == right && lhs < rhs)
    }
    allPurchases = order.map { given[$0] }
  }

  /// Creates a source serving the events of a purchase log.
  ///
  /// - Parameter log: The log; its events carry no manager or channel.
  /// - Complexity: O(*n* log *n*).
  public init(_ log: PurchaseLog<ID>) {
    self.init((0..<log.count).lazy.map { log[$0] })
  }

  /// The number of purchases held.
  public var count: Int { allPurchases.count }

  /// The purchases whose day lies in `days`, in day order.
  ///
  /// - Parameter days: The days wanted, inclusive.
  /// - Returns: The purchases, sorted by day; same-day purchases in the order given.
  /// - Complexity: O(log *n* + *k*) for *k* purchases returned.
  public func purchases(in days: ClosedRange<Day>) async -> [Purchase<ID>] {
    let start = firstIndex { $0.day >= days.lowerBound }
    let end = firstIndex { $0.day > days.upperBound }
    return Array(allPurchases[start..<end])
  }

  /// The first position whose purchase satisfies a predicate that is false then true along
  /// the sorted purchases.
  private func firstIndex(where isAtOrAfter: (Purchase<ID>) -> Bool) -> Int {
    var low = 0
    var high = allPurchases.count
    while low < high {
      let middle = low + (high - low) / 2
      if isAtOrAfter(allPurchases[middle]) { high = middle } else { low = middle + 1 }
    }
    return low
  }
}
