/// Selection kernels shared by the value-based classifiers: they find cut-off values without
/// sorting the whole base.
///
/// All of them work on a scratch buffer the caller owns and may reorder. Their answers depend
/// only on the multiset of values, never on the order the values arrive in: that is what makes
/// the classes independent of the input order.
enum ValueClassKernels {
  /// Rounds after which a selection gives up on pivots and sorts what is left, so that an
  /// adversarial input costs O(n log n) at worst instead of O(n²).
  static let maximumPartitionRounds = 48

  /// The number of clients a share of `count` stands for, rounded up, with a product that is
  /// an integer up to rounding error (0.15 × 2,000) counted as that integer.
  ///
  /// - Parameters:
  ///   - share: A share; anything outside `[0, 1]` (NaN included) is clamped first.
  ///   - count: The number of clients; a negative count gives 0.
  /// - Returns: `⌈share × count⌉`, in `0...max(count, 0)`.
  static func clientCount(share: Double, of count: Int) -> Int {
    guard count > 0 else { return 0 }
    let exact = clampedShare(share) * Double(count)
    let nearest = exact.rounded(.toNearestOrEven)
    let rounded =
      abs(exact - nearest) <= 1e-9 * Swift.max(1, exact) ? nearest : exact.rounded(.up)
    // `Double(count)` can round up past `Int.max`, so compare before converting.
    guard rounded < Double(count) else { return count }
    return Swift.max(Int(rounded), 0)
  }

  /// A share made safe for counting: NaN and infinities become 0, the rest is clamped to
  /// `[0, 1]`.
  ///
  /// - Parameter share: Any share.
  /// - Returns: A share in `[0, 1]`.
  static func clampedShare(_ share: Double) -> Double {
    share.isFinite ? Swift.min(Swift.max(share, 0), 1) : 0
  }

  /// Splits `buffer[lo..<hi]` around `pivot` into values above it, equal to it and below it.
  ///
  /// - Returns: The bounds `(above, below)`: `lo..<above` holds values greater than the
  ///   pivot, `above..<below` values equal to it, `below..<hi` smaller values.
  @inline(__always)
  static func partition(
    _ buffer: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int, around pivot: Double
  ) -> (above: Int, below: Int) {
    var greaterEnd = lo
    var index = lo
    var lessStart = hi
    while index < lessStart {
      let value = buffer[index]
      if value > pivot {
        buffer.swapAt(greaterEnd, index)
        greaterEnd += 1
        index += 1
      } else if value < pivot {
        lessStart -= 1
        buffer.swapAt(index, lessStart)
      } else {
        index += 1
      }
    }
    return (greaterEnd, lessStart)
  }

  /// The median of the first, middle and last value of a range: a pivot that keeps sorted
  /// and reverse-sorted input linear.
  @inline(__always)
  static func pivot(_ buffer: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int) -> Double {
    let x = buffer[lo]
    let y = buffer[lo + (hi - lo) / 2]
    let z = buffer[hi - 1]
    return Swift.max(Swift.min(x, y), Swift.min(Swift.max(x, y), z))
  }

  /// Sorts `buffer[lo..<hi]` in descending order (the fallback after too many rounds).
  static func sortDescending(_ buffer: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int) {
    guard hi - lo > 1 else { return }
    var slice = UnsafeMutableBufferPointer(rebasing: buffer[lo..<hi])
    slice.sort(by: >)
  }

  /// The `k`-th largest value (1 for the largest).
  ///
  /// - Parameters:
  ///   - values: Scratch values; reordered.
  ///   - k: A rank in `1...values.count`.
  /// - Returns: The value at that rank in descending order.
  /// - Complexity: O(*n*) expected.
  static func kthLargest(_ values: inout ContiguousArray<Double>, _ k: Int) -> Double {
    values.withUnsafeMutableBufferPointer { buffer in
      let target = k - 1
      var lo = 0
      var hi = buffer.count
      var rounds = 0
      while hi - lo > 1 {
        rounds += 1
        if rounds > maximumPartitionRounds {
          sortDescending(buffer, lo, hi)
          return buffer[target]
        }
        let pivot = pivot(buffer, lo, hi)
        let (above, below) = partition(buffer, lo, hi, around: pivot)
        if target < above {
          hi = above
        } else if target < below {
          return pivot
        } else {
          lo = below
        }
      }
      return buffer[target]
    }
  }

  /// Fixed-point scaling that makes sums of positive values exact and therefore independent
  /// of the order they are added in.
  ///
  /// The largest value maps to just under 2⁵³ units; every value is rounded to a whole number
  /// of units (a relative error below 2⁻⁵³ of the largest value) and sums are kept in
  /// 128-bit integers, so a million values add up with no rounding at all.
  struct ExactSum {
    /// The two powers of two whose product scales a value to units (two, so neither
    /// overflows nor underflows for extreme exponents).
    let firstFactor: Double
    /// See ``firstFactor``.
    let secondFactor: Double

    /// Creates the scaling for values up to `largest` (positive and finite).
    init(largest: Double) {
      let shift = 52 - Int(largest.exponent)
      firstFactor = Double(sign: .plus, exponent: shift / 2, significand: 1)
      secondFactor = Double(sign: .plus, exponent: shift - shift / 2, significand: 1)
    }

    /// A positive value in whole units.
    @inline(__always)
    func units(_ value: Double) -> Int128 {
      Int128(Int64(((value * firstFactor) * secondFactor).rounded()))
    }

    /// The units of `buffer[lo..<hi]`.
    @inline(__always)
    func units(_ buffer: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int) -> Int128 {
      var total: Int128 = 0
      for index in lo..<hi { total &+= units(buffer[index]) }
      return total
    }
  }

  /// The smallest value `v` such that the values strictly greater than `v` sum to less than
  /// `share` of the total: the last value of the class that ends at that cumulative share.
  ///
  /// - Parameters:
  ///   - values: The positive values (at least one); reordered.
  ///   - share: A cumulative share in `(0, 1]`.
  ///   - scaling: The fixed-point scaling of `values`.
  ///   - total: The units of all values.
  ///   - initialAbove: The units of values greater than every value in `values` that are not
  ///     in it (when `values` is one bucket of a larger set).
  /// - Returns: The cut-off value; every value at or above it belongs to the class.
  /// - Complexity: O(*n*) expected.
  static func shareCutoff(
    _ values: inout ContiguousArray<Double>, share: Double, scaling: ExactSum, total: Int128,
    above initialAbove: Int128 = 0
  ) -> Double {
    let target = share * Double(total)
    return values.withUnsafeMutableBufferPointer { buffer in
      var lo = 0
      var hi = buffer.count
      var above = initialAbove
      var best = Double.infinity
      var rounds = 0
      while lo < hi {
        rounds += 1
        if rounds > maximumPartitionRounds {
          sortDescending(buffer, lo, hi)
          var index = lo
          while index < hi {
            let value = buffer[index]
            guard Double(above) < target else { break }
            best = value
            while index < hi, buffer[index] == value {
              above &+= scaling.units(value)
              index += 1
            }
          }
          return best
        }
        let pivot = pivot(buffer, lo, hi)
        let (greaterEnd, lessStart) = partition(buffer, lo, hi, around: pivot)
        let reached = above &+ scaling.units(buffer, lo, greaterEnd)
        if Double(reached) < target {
          best = pivot
          above = reached &+ Int128(lessStart - greaterEnd) &* scaling.units(pivot)
          lo = lessStart
        } else {
          hi = greaterEnd
        }
      }
      return best
    }
  }

  // MARK: Radix buckets

  /// The bucket of a value by the top 16 bits of an order-preserving key: buckets are in
  /// value order, so a histogram tells which bucket holds a given rank or cumulative share
  /// and only that bucket needs a selection. `-0.0` shares `0.0`'s bucket.
  @inline(__always)
  static func bucket(_ value: Double) -> Int {
    let bits = (value + 0).bitPattern
    let key = bits >> 63 == 0 ? bits | (1 << 63) : ~bits
    return Int(truncatingIfNeeded: key >> 48)
  }

  /// The number of buckets.
  static let bucketCount = 1 << 16

  /// Where ranks fall: for each rank (1 = largest), its bucket and its rank inside the bucket.
  static func locate(ranks: [Int], in counts: UnsafeBufferPointer<Int>) -> [(
    bucket: Int, rank: Int
  )] {
    ranks.map { rank in
      var seen = 0
      var bucket = counts.count - 1
      while bucket > 0, seen + counts[bucket] < rank {
        seen += counts[bucket]
        bucket -= 1
      }
      return (bucket, rank - seen)
    }
  }

  /// The values of `values` that fall in each of `buckets` (positive values only when
  /// `positiveOnly`), one array per bucket; `counts` are the histogram's bucket counts, so
  /// each array is allocated once at its final size.
  static func collect(
    _ values: ContiguousArray<Double>, buckets: [Int], counts: ContiguousArray<Int>,
    positiveOnly: Bool
  ) -> [ContiguousArray<Double>] {
    // Buckets that are not wanted map to a last "discard" slot whose write position never
    // moves: every value is written somewhere, so the loop has no branch to mispredict.
    var slot = ContiguousArray<Int32>(repeating: -1, count: bucketCount)
    var distinct: [Int] = []
    for bucket in buckets where slot[bucket] < 0 {
      slot[bucket] = Int32(distinct.count)
      distinct.append(bucket)
    }
    let discard = Int32(distinct.count)
    for bucket in 0..<bucketCount where slot[bucket] < 0 { slot[bucket] = discard }
    var positions = ContiguousArray<Int>()
    var steps = ContiguousArray<Int>()
    var total = 0
    for bucket in distinct {
      positions.append(total)
      steps.append(1)
      total += counts[bucket]
    }
    positions.append(total)
    steps.append(0)
    var flat = ContiguousArray<Double>(repeating: 0, count: total + 1)
    flat.withUnsafeMutableBufferPointer { flat in
      positions.withUnsafeMutableBufferPointer { positions in
        steps.withUnsafeBufferPointer { steps in
          slot.withUnsafeBufferPointer { slot in
            values.withUnsafeBufferPointer { source in
              for value in source where !positiveOnly || value > 0 {
                let index = Int(slot[bucket(value)])
                flat[positions[index]] = value
                positions[index] += steps[index]
              }
            }
          }
        }
      }
    }
    return buckets.map { bucket in
      let index = Int(slot[bucket])
      let start = positions[index] - counts[bucket]
      return ContiguousArray(flat[start..<(start + counts[bucket])])
    }
  }

  /// Several order statistics at once: the value of each rank (1 = largest) among `values`
  /// (among the positive ones when `positiveOnly`).
  ///
  /// One histogram pass finds the bucket of every rank, one pass collects those buckets,
  /// and a selection inside each bucket finishes.
  ///
  /// - Parameters:
  ///   - values: The values.
  ///   - ranks: Ranks in `1...m`, where `m` is the number of values considered.
  ///   - positiveOnly: Whether only positive values count.
  /// - Returns: The value at each rank.
  /// - Complexity: O(*n*) expected.
  static func largest(
    _ values: ContiguousArray<Double>, ranks: [Int], positiveOnly: Bool
  ) -> [Double] {
    var counts = ContiguousArray<Int>(repeating: 0, count: bucketCount)
    counts.withUnsafeMutableBufferPointer { counts in
      values.withUnsafeBufferPointer { source in
        for value in source where !positiveOnly || value > 0 { counts[bucket(value)] += 1 }
      }
    }
    let places = counts.withUnsafeBufferPointer { locate(ranks: ranks, in: $0) }
    var buckets = collect(
      values, buckets: places.map(\.bucket), counts: counts, positiveOnly: positiveOnly)
    return places.indices.map { index in
      kthLargest(&buckets[index], places[index].rank)
    }
  }

  /// The cut-offs of several cumulative shares of the positive values: for each share, the
  /// smallest value such that the values strictly greater than it make less than that share
  /// of the positive total (see ``shareCutoff(_:share:scaling:total:above:)``).
  ///
  /// - Parameters:
  ///   - values: The values; only positive ones count.
  ///   - shares: Cumulative shares in `(0, 1]`.
  /// - Returns: The cut-offs, or `nil` when no value is positive.
  /// - Complexity: O(*n*) expected: a maximum, a histogram with exact bucket sums, a
  ///   collection pass and a selection inside the boundary buckets.
  static func shareCutoffs(_ values: ContiguousArray<Double>, shares: [Double]) -> [Double]? {
    var largest = 0.0
    values.withUnsafeBufferPointer { source in
      for value in source where value > largest { largest = value }
    }
    guard largest > 0 else { return nil }
    let scaling = ExactSum(largest: largest)
    var counts = ContiguousArray<Int>(repeating: 0, count: bucketCount)
    var sums = ContiguousArray<Int128>(repeating: 0, count: bucketCount)
    counts.withUnsafeMutableBufferPointer { counts in
      sums.withUnsafeMutableBufferPointer { sums in
        values.withUnsafeBufferPointer { source in
          for value in source where value > 0 {
            let bucket = bucket(value)
            counts[bucket] += 1
            sums[bucket] &+= scaling.units(value)
          }
        }
      }
    }
    let total = sums.reduce(0, &+)
    // For each share, the lowest bucket whose larger buckets make less than the share: the
    // cut-off is in it (its largest value qualifies, nothing in lower buckets does).
    let places = shares.map { share -> (bucket: Int, above: Int128) in
      let target = share * Double(total)
      var above: Int128 = 0
      var found = (bucket: bucketCount - 1, above: Int128(0))
      for bucket in stride(from: bucketCount - 1, through: 0, by: -1) where counts[bucket] > 0 {
        guard Double(above) < target else { break }
        found = (bucket, above)
        above &+= sums[bucket]
      }
      return found
    }
    var buckets = collect(
      values, buckets: places.map(\.bucket), counts: counts, positiveOnly: true)
    return places.indices.map { index in
      shareCutoff(
        &buckets[index], share: shares[index], scaling: scaling, total: total,
        above: places[index].above)
    }
  }
}
