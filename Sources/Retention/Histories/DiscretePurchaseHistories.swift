/// The discrete-time inputs of a base compressed to distinct `(x, t_x, n)` rows with weights:
/// what ``BGBBModel`` fits on.
///
/// In a discrete-time setting a client has `n` transaction opportunities after the first
/// transaction (yearly fund drives, monthly events, weekly classes), transacts at `x` of
/// them, the last at opportunity `t_x` (0 when `x = 0`), following Fader, Hardie & Shang
/// (2010, "Customer-Base Analysis in a Discrete-Time Noncontractual Setting"). A cohort
/// observed for `n` opportunities has at most 1 + n(n + 1)/2 distinct rows however many
/// clients it has, so the likelihood costs the same for a thousand clients as for a million.
///
/// ```swift
/// // Fader, Hardie & Shang (2010): 11,104 donors, 6 yearly opportunities (3 of 22 rows).
/// let histories = try DiscretePurchaseHistories(
///   frequency: [0, 1, 6], recency: [0, 1, 6], periods: [6, 6, 6],
///   weight: [3464, 1091, 1203])
/// let fit = try BGBBModel.fit(histories)
/// ```
public struct DiscretePurchaseHistories: Sendable {
  /// The most opportunities a row may have (100,000: daily opportunities for 270 years).
  ///
  /// Fitting tabulates sums up to the largest `n` once per evaluation, so `n` is bounded to
  /// keep that table small.
  public static let maximumSupportedPeriods = 100_000

  /// `x` of each distinct row: the opportunities with a transaction.
  public let frequency: ContiguousArray<Int32>
  /// `t_x` of each distinct row: the opportunity of the last transaction (0 when `x = 0`).
  public let recency: ContiguousArray<Int32>
  /// `n` of each distinct row: the opportunities observed after the first transaction.
  public let periods: ContiguousArray<Int32>
  /// How many clients each row stands for (may be fractional; always positive).
  public let weight: ContiguousArray<Double>
  /// The largest `n` of any row.
  public let maximumPeriods: Int
  /// The sum of the weights: the number of clients represented.
  public let totalWeight: Double
  /// The largest `x` of any row.
  let maximumFrequency: Int

  /// The number of distinct rows.
  public var count: Int { frequency.count }

  /// Builds histories from per-client (or already grouped) columns.
  ///
  /// Rows with equal `(x, t_x, n)` are merged and their weights added; rows of weight zero
  /// are dropped. The rows come out sorted by `(x, t_x, n)`, so the result (and every fit on
  /// it) does not depend on the order of the rows beyond the rounding of weight sums.
  ///
  /// - Parameters:
  ///   - frequency: `x` per client: opportunities with a transaction, `0 ≤ x ≤ t_x`.
  ///   - recency: `t_x` per client: the opportunity of the last transaction, `t_x ≤ n`, and
  ///     0 exactly when `x = 0`.
  ///   - periods: `n` per client: opportunities observed after the first transaction, at
  ///     most ``maximumSupportedPeriods``.
  ///   - weight: How many clients each row stands for; `nil` means one each. The weights add
  ///     up to at most `PurchaseHistories.maximumTotalWeight` (2⁵³).
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` when the columns differ in
  ///   length, ``RetentionError/invalidHistory(row:reason:)`` for the first impossible row
  ///   (a negative value, `x > t_x`, `t_x > n`, `x = 0` with `t_x > 0` or the reverse,
  ///   `n` above ``maximumSupportedPeriods``, a negative or non-finite weight, or the row at
  ///   which the weights' running total passes 2⁵³), and ``RetentionError/noData`` when
  ///   nothing of positive weight remains.
  /// - Complexity: O(*m*) for *m* input rows (radix sort of packed keys) in the usual case,
  ///   O(*m* log *m*) for weighted input too large to pack.
  public init(frequency: [Int], recency: [Int], periods: [Int], weight: [Double]? = nil)
    throws(RetentionError)
  {
    let m = frequency.count
    guard recency.count == m, periods.count == m, weight.map({ $0.count == m }) ?? true else {
      throw .invalidParameter("columns", reason: "the columns differ in length")
    }
    var maxN = 0
    var kept = 0
    var total = 0.0
    for i in 0..<m {
      let x = frequency[i]
      let tx = recency[i]
      let n = periods[i]
      let w = weight?[i] ?? 1
      guard x >= 0, tx >= 0, n >= 0 else {
        throw .invalidHistory(
          row: i, reason: "frequency \(x), recency \(tx) and periods \(n) must not be negative")
      }
      guard n <= Self.maximumSupportedPeriods else {
        throw .invalidHistory(
          row: i,
          reason: "periods \(n) exceeds the supported maximum \(Self.maximumSupportedPeriods)")
      }
      guard tx <= n else {
        throw .invalidHistory(row: i, reason: "recency \(tx) is greater than periods \(n)")
      }
      guard x <= tx else {
        throw .invalidHistory(
          row: i, reason: "frequency \(x) is greater than recency \(tx): too many transactions")
      }
      guard (x == 0) == (tx == 0) else {
        throw .invalidHistory(
          row: i, reason: "recency \(tx) must be 0 exactly when frequency \(x) is 0")
      }
      guard w.isFinite, w >= 0 else {
        throw .invalidHistory(row: i, reason: "weight \(w) must be finite and ≥ 0")
      }
      total += w
      try checkTotalWeight(total, row: i)
      if w > 0 {
        kept += 1
        maxN = Swift.max(maxN, n)
      }
    }
    guard kept > 0 else { throw .noData }

    // Pack (x, t_x, n) into one key; every component is at most maxN among kept rows.
    let bits = bitWidth(UInt64(maxN))
    func key(_ i: Int) -> UInt64 {
      (UInt64(frequency[i]) << UInt64(2 * bits)) | (UInt64(recency[i]) << UInt64(bits))
        | UInt64(periods[i])
    }
    let mask = (UInt64(1) << UInt64(bits)) &- 1
    var rows: [(Int, Int, Int, Double)] = []
    var lastKey: UInt64?
    func append(_ key: UInt64, _ w: Double) {
      if key == lastKey {
        rows[rows.count - 1].3 += w
      } else {
        rows.append(
          (Int(key >> UInt64(2 * bits)), Int((key >> UInt64(bits)) & mask), Int(key & mask), w))
        lastKey = key
      }
    }
    if let weight {
      let indexBits = bitWidth(UInt64(m))
      if 3 * bits + indexBits <= 64 {
        // Sort (key, position) together so equal keys add their weights in input order.
        var keys = [UInt64]()
        keys.reserveCapacity(kept)
        for i in 0..<m where weight[i] > 0 {
          keys.append((key(i) << UInt64(indexBits)) | UInt64(i))
        }
        radixSort(&keys, bits: 3 * bits + indexBits)
        let indexMask = (UInt64(1) << UInt64(indexBits)) &- 1
        for composite in keys {
          append(composite >> UInt64(indexBits), weight[Int(composite & indexMask)])
        }
      } else {
        let order = (0..<m).filter { weight[$0] > 0 }.sorted { (key($0), $0) < (key($1), $1) }
        for i in order { append(key(i), weight[i]) }
      }
    } else {
      var keys = (0..<m).map(key)
      radixSort(&keys, bits: 3 * bits)
      for packed in keys { append(packed, 1) }
    }
    self.init(sortedRows: rows)
  }

  /// Rows already distinct and sorted.
  init(sortedRows rows: [(Int, Int, Int, Double)]) {
    var frequency = ContiguousArray<Int32>()
    var recency = ContiguousArray<Int32>()
    var periods = ContiguousArray<Int32>()
    var weight = ContiguousArray<Double>()
    frequency.reserveCapacity(rows.count)
    recency.reserveCapacity(rows.count)
    periods.reserveCapacity(rows.count)
    weight.reserveCapacity(rows.count)
    var maxX = 0
    var maxN = 0
    var total = 0.0
    for (x, tx, n, w) in rows {
      frequency.append(Int32(x))
      recency.append(Int32(tx))
      periods.append(Int32(n))
      weight.append(w)
      maxX = Swift.max(maxX, x)
      maxN = Swift.max(maxN, n)
      total += w
    }
    self.frequency = frequency
    self.recency = recency
    self.periods = periods
    self.weight = weight
    self.maximumFrequency = maxX
    self.maximumPeriods = maxN
    self.totalWeight = total
  }

  /// About `target` rows spread evenly over the data, for a warm start; `nil` when the data
  /// is already that small.
  func subsample(rows target: Int) -> DiscretePurchaseHistories? {
    guard target > 0, count > 2 * target else { return nil }
    let step = Double(count) / Double(target)
    var rows: [(Int, Int, Int, Double)] = []
    rows.reserveCapacity(target + 1)
    var position = 0.0
    while Int(position) < count {
      let i = Int(position)
      rows.append((Int(frequency[i]), Int(recency[i]), Int(periods[i]), weight[i]))
      position += step
    }
    return DiscretePurchaseHistories(sortedRows: rows)
  }
}
