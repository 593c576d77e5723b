/// ABC by rank: A is the top 5% of clients by value, B the next 15%, C the rest.
///
/// With *n* clients, A holds the ⌈``aClientShare`` × *n*⌉ clients with the highest values and
/// A and B together the ⌈(``aClientShare`` + ``bClientShare``) × *n*⌉ highest (rounded up, so
/// any non-empty base has an A client; a product that is a whole number up to rounding error,
/// such as 0.05 × 2,000, counts as that number). When no tie straddles a cut-off those counts
/// are exact.
///
/// Ties: clients with equal values always share a class; a tie group that straddles a cut-off
/// goes whole into the higher class, so a class can hold more than its count (never fewer,
/// except as below). The classes depend only on the values, never on the row order.
///
/// Clients with no positive value (zero, or net refunds) are always C: being in the top 5% of
/// a window in which most clients bought nothing must not make a silent client A. They still
/// count in *n*, so A and B can hold fewer clients than their counts when fewer clients have a
/// positive value. An empty base gives an empty classification.
public struct ABCByRank: ABCPolicy, Hashable, Codable {
  /// The share of clients in A, in `(0, 1]`; 0.05 by default.
  public var aClientShare: Double
  /// The share of clients in B after A, in `[0, 1 − aClientShare]`; 0.15 by default.
  public var bClientShare: Double

  /// Creates the policy.
  ///
  /// - Parameters:
  ///   - aClientShare: The share of clients in A; 0.05 by default.
  ///   - bClientShare: The share of clients in B after A; 0.15 by default.
  public init(aClientShare: Double = 0.05, bClientShare: Double = 0.15) {
    self.aClientShare = aClientShare
    self.bClientShare = bClientShare
  }

  /// The number of clients A takes in a base of `count` clients when no tie straddles its
  /// cut-off: ⌈``aClientShare`` × `count`⌉.
  ///
  /// A share that is not finite counts as 0 and one outside `[0, 1]` is clamped to it, so
  /// the answer is defined for any policy value; ``classification(of:)`` rejects such shares.
  ///
  /// - Parameter count: The number of clients; a negative count gives 0.
  /// - Returns: The count, in `0...max(count, 0)`.
  public func aCount(forClients count: Int) -> Int {
    ValueClassKernels.clientCount(share: ValueClassKernels.clampedShare(aClientShare), of: count)
  }

  /// The number of clients A and B take together in a base of `count` clients when no tie
  /// straddles a cut-off: ⌈(``aClientShare`` + ``bClientShare``) × `count`⌉.
  ///
  /// Each share is first made finite and clamped to `[0, 1]` as in ``aCount(forClients:)``.
  ///
  /// - Parameter count: The number of clients; a negative count gives 0.
  /// - Returns: The count, in `0...max(count, 0)`.
  public func abCount(forClients count: Int) -> Int {
    let share =
      ValueClassKernels.clampedShare(aClientShare) + ValueClassKernels.clampedShare(bClientShare)
    return ValueClassKernels.clientCount(share: Swift.min(share, 1), of: count)
  }

  /// Classifies every client by its rank.
  ///
  /// - Parameter values: The measure of each client; any finite values.
  /// - Returns: One class per row.
  /// - Throws: ``SegmentationError/invalidParameter(_:reason:)`` when the shares are not
  ///   in range or add up to more than 100%.
  /// - Complexity: O(*n*) expected: a histogram of the values and a selection inside the
  ///   buckets that hold the two cut-off ranks; no sort.
  public func classification<ID>(of values: ClientValues<ID>) throws(SegmentationError)
    -> ABCClassification<ID>
  {
    _ = try ABCCutoffCheck.cumulativeShares(
      a: aClientShare, b: bClientShare, names: ("aClientShare", "bClientShare"))
    let rule = ABCRule.rank(a: aClientShare, b: bClientShare)
    var positiveCount = 0
    var smallest = Double.infinity
    values.values.withUnsafeBufferPointer { source in
      for value in source where value > 0 {
        positiveCount += 1
        smallest = Swift.min(smallest, value)
      }
    }
    let aRank = aCount(forClients: values.count)
    let abRank = abCount(forClients: values.count)
    // A class whose count reaches past the positive values takes all of them; a count of 0
    // (an empty base) takes none.
    let ranks = [aRank, abRank].filter { $0 >= 1 && $0 <= positiveCount }
    let selected = ValueClassKernels.largest(values.values, ranks: ranks, positiveOnly: true)
    func cutoff(_ rank: Int) -> Double {
      if rank < 1 { return .infinity }
      if rank > positiveCount { return smallest }
      return selected[ranks.firstIndex(of: rank) ?? 0]
    }
    let aCutoff = cutoff(aRank)
    let bCutoff = cutoff(abRank)
    return ABCClassification(
      trustedMeasure: values,
      classes: ABCCutoffCheck.classes(values.values, aCutoff: aCutoff, bCutoff: bCutoff),
      rule: rule)
  }
}
