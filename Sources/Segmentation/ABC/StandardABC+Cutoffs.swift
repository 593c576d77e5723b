/// Checks and applies the cut-offs of both ABC rules.
enum ABCCutoffs {
  /// Validates the A and B widths and returns where A and B end.
  static func cumulativeShares(a: Double, b: Double, names: (String, String))
    throws(SegmentationError) -> (aEnd: Double, bEnd: Double)
  {
    guard a > 0, a <= 1 else {
      throw .invalidParameter(names.0, reason: "must be in (0, 1], got \(a)")
    }
    guard b >= 0, b <= 1 else {
      throw .invalidParameter(names.1, reason: "must be in [0, 1], got \(b)")
    }
    let sum = a + b
    guard sum <= 1 + 1e-12 else {
      throw .invalidParameter(
        names.1, reason: "A and B together take \(sum * 100)%, more than 100%")
    }
    return (a, Swift.min(sum, 1))
  }

  /// The value-share cut-offs: the smallest A value and the smallest B value, or infinity
  /// (nobody) when no value is positive.
  static func valueShare(_ values: ContiguousArray<Double>, aEnd: Double, bEnd: Double)
    -> (a: Double, b: Double)
  {
    guard let cutoffs = ValueClassKernels.shareCutoffs(values, shares: [aEnd, bEnd]) else {
      return (.infinity, .infinity)
    }
    return (cutoffs[0], cutoffs[1])
  }

  /// The rank cut-offs: the values at ranks `aRank` and `abRank` among the positive values.
  ///
  /// A class whose count reaches past the positive values takes all of them; a count of 0 (an
  /// empty base) takes none.
  static func rank(_ values: ContiguousArray<Double>, aRank: Int, abRank: Int)
    -> (a: Double, b: Double)
  {
    var positiveCount = 0
    var smallest = Double.infinity
    values.withUnsafeBufferPointer { source in
      for value in source where value > 0 {
        positiveCount += 1
        smallest = Swift.min(smallest, value)
      }
    }
    let ranks = [aRank, abRank].filter { $0 >= 1 && $0 <= positiveCount }
    let selected = ValueClassKernels.largest(values, ranks: ranks, positiveOnly: true)
    func cutoff(_ rank: Int) -> Double {
      if rank < 1 { return .infinity }
      if rank > positiveCount { return smallest }
      return selected[ranks.firstIndex(of: rank) ?? 0]
    }
    return (cutoff(aRank), cutoff(abRank))
  }

  /// One class per value: A from `aCutoff` up, B from `bCutoff` up, and C for the rest.
  ///
  /// Both cut-offs are positive values or infinity, so a value that is not positive is
  /// always C.
  static func classes(_ values: ContiguousArray<Double>, aCutoff: Double, bCutoff: Double)
    -> ContiguousArray<ABCClass>
  {
    let byRank: ContiguousArray<ABCClass> = [.c, .b, .a]
    var classes = ContiguousArray<ABCClass>(repeating: .c, count: values.count)
    classes.withUnsafeMutableBufferPointer { out in
      values.withUnsafeBufferPointer { source in
        byRank.withUnsafeBufferPointer { byRank in
          for row in source.indices {
            let value = source[row]
            // A table look-up instead of branches, which shuffled clients would mispredict.
            out[row] = byRank[(value >= bCutoff ? 1 : 0) + (value >= aCutoff ? 1 : 0)]
          }
        }
      }
    }
    return classes
  }
}
