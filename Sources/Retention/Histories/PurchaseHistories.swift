/// The buy-till-you-die inputs of a base compressed to distinct `(x, t_x, T)` rows with
/// weights: what the models fit on.
///
/// A million clients observed in whole days compress to a few hundred thousand distinct rows
/// (all one-time buyers with the same age share one row), and the distinct values of `t_x`
/// and `T` are fewer still, so the likelihood evaluates `ln(α + T)` once per distinct age, not
/// once per client. Warehouse-scale hosts build this directly from their own `GROUP BY`
/// (``init(frequency:recency:age:weight:)``).
///
/// ```swift
/// let inputs = try table.repeatPurchaseSummary(asOf: asOf, unit: .week)
/// let histories = try PurchaseHistories(inputs)
/// let fit = try BGNBDModel.fit(histories)
/// ```
public struct PurchaseHistories: Sendable {
  /// The most clients a set of histories may stand for: the weights add up to at most 2⁵³
  /// (9,007,199,254,740,992, a million times the world's population), the largest count a
  /// `Double` holds exactly, so every sum a fit forms over the rows stays finite.
  public static let maximumTotalWeight: Double = 9_007_199_254_740_992

  /// The largest recency or age a row may have, in its time unit: 10¹² (2.7 billion years
  /// of days), so that weighted sums of ages stay finite.
  public static let maximumTime: Double = 1e12

  /// `x` of each distinct row.
  public let frequency: ContiguousArray<Int32>
  /// `t_x` of each distinct row, in the data's time unit.
  public let recency: ContiguousArray<Double>
  /// `T` of each distinct row, in the data's time unit.
  public let age: ContiguousArray<Double>
  /// How many clients each row stands for (may be fractional; never negative).
  public let weight: ContiguousArray<Double>
  /// The distinct values of ``recency``, ascending.
  public let distinctRecencies: ContiguousArray<Double>
  /// For each row, the position of its recency in ``distinctRecencies``.
  public let recencyIndex: ContiguousArray<Int32>
  /// The distinct values of ``age``, ascending.
  public let distinctAges: ContiguousArray<Double>
  /// For each row, the position of its age in ``distinctAges``.
  public let ageIndex: ContiguousArray<Int32>
  /// The largest `x` of any row (0 for an empty set).
  public let maximumFrequency: Int
  /// The sum of the weights: the number of clients represented.
  public let totalWeight: Double

  /// The number of distinct rows.
  public var count: Int { frequency.count }

  /// Compresses a summary computed by the `Summarizer` (whole days, read in its unit).
  ///
  /// - Parameter summary: The per-client inputs.
  /// - Throws: ``RetentionError/noData`` for an empty summary.
  /// - Complexity: O(*n*) by radix sorting packed `(x, t_x, T)` keys.
  public init<ID>(_ summary: RepeatPurchaseSummary<ID>) throws(RetentionError) {
    guard summary.count > 0 else { throw .noData }
    let unitDays = summary.unit.lengthInDays
    let n = summary.count
    // Pack (x, t_x days, T days) into one integer key when the values fit in 62 bits; the
    // summary's invariants make every component non-negative.
    var maxX: Int32 = 0
    var maxT: Int32 = 0
    for i in 0..<n {
      maxX = Swift.max(maxX, summary.frequency[i])
      maxT = Swift.max(maxT, summary.ageDays[i])
    }
    let tBits = bitWidth(UInt64(maxT))
    let xBits = bitWidth(UInt64(maxX))
    var keys = [UInt64](repeating: 0, count: n)
    if xBits + 2 * tBits <= 62 {
      for i in 0..<n {
        keys[i] =
          (UInt64(summary.frequency[i]) << UInt64(2 * tBits))
          | (UInt64(summary.recencyDays[i]) << UInt64(tBits)) | UInt64(summary.ageDays[i])
      }
      radixSort(&keys, bits: xBits + 2 * tBits)
      // Runs of equal keys become weighted rows; days stay integers until the end so the
      // distinct-value tables come from counting, not sorting.
      var frequency = ContiguousArray<Int32>()
      var recencyDays = ContiguousArray<Int32>()
      var ageDays = ContiguousArray<Int32>()
      var weight = ContiguousArray<Double>()
      let tMask = (UInt64(1) << UInt64(tBits)) &- 1
      keys.withUnsafeBufferPointer { keys in
        var i = 0
        while i < n {
          let key = keys[i]
          var j = i + 1
          while j < n, keys[j] == key { j += 1 }
          frequency.append(Int32(truncatingIfNeeded: key >> UInt64(2 * tBits)))
          recencyDays.append(Int32(truncatingIfNeeded: (key >> UInt64(tBits)) & tMask))
          ageDays.append(Int32(truncatingIfNeeded: key & tMask))
          weight.append(Double(j - i))
          i = j
        }
      }
      let (distinctRecencyDays, recencyIndex) = distinctTable(recencyDays, maximum: maxT)
      let (distinctAgeDays, ageIndex) = distinctTable(ageDays, maximum: maxT)
      self.init(
        frequency: frequency,
        recency: ContiguousArray(recencyDays.lazy.map { Double($0) / unitDays }),
        age: ContiguousArray(ageDays.lazy.map { Double($0) / unitDays }), weight: weight,
        distinctRecencies: ContiguousArray(distinctRecencyDays.lazy.map { Double($0) / unitDays }),
        recencyIndex: recencyIndex,
        distinctAges: ContiguousArray(distinctAgeDays.lazy.map { Double($0) / unitDays }),
        ageIndex: ageIndex, maximumFrequency: Int(maxX), totalWeight: Double(n))
    } else {
      let rows = (0..<n).map {
        (
          Int(summary.frequency[$0]), summary.recency(at: $0), summary.age(at: $0), 1.0
        )
      }
      self.init(unsortedRows: rows)
    }
  }

  /// Builds histories from per-client (or already grouped) rows in any time unit.
  ///
  /// Rows with equal `(x, t_x, T)` are merged, their weights added. Rows of weight zero are
  /// dropped.
  ///
  /// - Parameters:
  ///   - frequency: `x` per row: repeat purchases, 0 to `Int32.max`.
  ///   - recency: `t_x` per row: from first to last purchase, 0 when `x = 0` and above 0 when
  ///     `x > 0`.
  ///   - age: `T` per row: from first purchase to the end of observation, at least `t_x` and
  ///     at most ``maximumTime``.
  ///   - weight: How many clients each row stands for; `nil` means one each. The weights add
  ///     up to at most ``maximumTotalWeight``.
  /// - Throws: ``RetentionError/invalidHistory(row:reason:)`` for the first impossible row
  ///   (negative or non-finite values, a frequency above `Int32.max`, a time above
  ///   ``maximumTime``, `t_x > T`, `t_x > 0` with `x = 0`, `t_x = 0` with `x > 0` (a repeat
  ///   purchase comes after the first: at one instant the likelihood has no maximum), a
  ///   negative or non-finite weight, or
  ///   the row at which the weights' running total passes ``maximumTotalWeight``), and
  ///   ``RetentionError/noData`` when nothing of positive weight remains.
  /// - Complexity: O(*n* log *n*).
  public init(frequency: [Int], recency: [Double], age: [Double], weight: [Double]? = nil)
    throws(RetentionError)
  {
    let n = frequency.count
    guard recency.count == n, age.count == n, weight.map({ $0.count == n }) ?? true else {
      throw .invalidParameter("columns", reason: "the columns differ in length")
    }
    var rows: [(Int, Double, Double, Double)] = []
    rows.reserveCapacity(n)
    var total = 0.0
    for i in 0..<n {
      let x = frequency[i]
      let tx = recency[i]
      let t = age[i]
      let w = weight?[i] ?? 1
      guard x >= 0, x <= Int(Int32.max) else {
        throw .invalidHistory(row: i, reason: "frequency \(x) is negative or too large")
      }
      guard tx.isFinite, t.isFinite, tx >= 0, t >= 0 else {
        throw .invalidHistory(row: i, reason: "recency \(tx) and age \(t) must be finite and ≥ 0")
      }
      guard t <= Self.maximumTime else {
        throw .invalidHistory(
          row: i, reason: "age \(t) is above the supported maximum \(Self.maximumTime)")
      }
      guard tx <= t else {
        throw .invalidHistory(row: i, reason: "recency \(tx) is greater than age \(t)")
      }
      guard x > 0 || tx == 0 else {
        throw .invalidHistory(row: i, reason: "recency \(tx) > 0 without a repeat purchase")
      }
      // Repeat purchases come after the first one: with x > 0 at t_x = 0, every continuous-time
      // model's likelihood grows without bound as α → 0 (the purchases' density at one instant),
      // so no fit could be an estimate.
      guard x == 0 || tx > 0 else {
        throw .invalidHistory(
          row: i, reason: "\(x) repeat purchases at recency 0: a repeat comes after the first")
      }
      guard w.isFinite, w >= 0 else {
        throw .invalidHistory(row: i, reason: "weight \(w) must be finite and ≥ 0")
      }
      total += w
      try checkTotalWeight(total, row: i)
      if w > 0 { rows.append((x, tx, t, w)) }
    }
    guard !rows.isEmpty else { throw .noData }
    self.init(unsortedRows: rows)
  }

  init(unsortedRows rows: [(Int, Double, Double, Double)]) {
    let sorted = rows.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }
    var merged: [(Int, Double, Double, Double)] = []
    merged.reserveCapacity(sorted.count)
    for row in sorted {
      if let last = merged.last, last.0 == row.0, last.1 == row.1, last.2 == row.2 {
        merged[merged.count - 1].3 += row.3
      } else {
        merged.append(row)
      }
    }
    self.init(sortedRows: merged)
  }

  /// Every column given.
  init(
    frequency: ContiguousArray<Int32>, recency: ContiguousArray<Double>,
    age: ContiguousArray<Double>, weight: ContiguousArray<Double>,
    distinctRecencies: ContiguousArray<Double>, recencyIndex: ContiguousArray<Int32>,
    distinctAges: ContiguousArray<Double>, ageIndex: ContiguousArray<Int32>,
    maximumFrequency: Int, totalWeight: Double
  ) {
    self.frequency = frequency
    self.recency = recency
    self.age = age
    self.weight = weight
    self.distinctRecencies = distinctRecencies
    self.recencyIndex = recencyIndex
    self.distinctAges = distinctAges
    self.ageIndex = ageIndex
    self.maximumFrequency = maximumFrequency
    self.totalWeight = totalWeight
  }

  /// Rows already distinct; builds the distinct-value tables.
  init(sortedRows rows: [(Int, Double, Double, Double)]) {
    var frequency = ContiguousArray<Int32>()
    var recency = ContiguousArray<Double>()
    var age = ContiguousArray<Double>()
    var weight = ContiguousArray<Double>()
    frequency.reserveCapacity(rows.count)
    recency.reserveCapacity(rows.count)
    age.reserveCapacity(rows.count)
    weight.reserveCapacity(rows.count)
    var maximum = 0
    var total = 0.0
    for (x, tx, t, w) in rows {
      frequency.append(Int32(x))
      recency.append(tx)
      age.append(t)
      weight.append(w)
      maximum = Swift.max(maximum, x)
      total += w
    }
    (distinctRecencies, recencyIndex) = distinctTable(recency)
    (distinctAges, ageIndex) = distinctTable(age)
    self.frequency = frequency
    self.recency = recency
    self.age = age
    self.weight = weight
    self.maximumFrequency = maximum
    self.totalWeight = total
  }

  /// Σ weight · x and Σ weight · T: the base's repeat purchases and total age, where the fits
  /// start from.
  var weightedTotals: (repeats: Double, age: Double) {
    var repeats = 0.0
    var age = 0.0
    for i in 0..<count {
      repeats += weight[i] * Double(frequency[i])
      age += weight[i] * self.age[i]
    }
    return (repeats, age)
  }

  /// About `rows` rows spread evenly over the data, for a warm start; `nil` when the data is
  /// already that small.
  func subsample(rows target: Int) -> PurchaseHistories? {
    guard target > 0, count > 2 * target else { return nil }
    let step = Double(count) / Double(target)
    var rows: [(Int, Double, Double, Double)] = []
    rows.reserveCapacity(target + 1)
    var position = 0.0
    while Int(position) < count {
      let i = Int(position)
      rows.append((Int(frequency[i]), recency[i], age[i], weight[i]))
      position += step
    }
    return PurchaseHistories(sortedRows: rows)
  }
}

/// Throws when a running total of weights passes ``PurchaseHistories/maximumTotalWeight``.
///
/// - Parameters:
///   - total: The weights added so far, this row's included.
///   - row: The row just added.
/// - Throws: ``RetentionError/invalidHistory(row:reason:)`` naming the row.
func checkTotalWeight(_ total: Double, row: Int) throws(RetentionError) {
  guard total <= PurchaseHistories.maximumTotalWeight else {
    throw .invalidHistory(
      row: row,
      reason:
        "the weights up to this row add up to \(total), more than the "
        + "9,007,199,254,740,992 (2⁵³) clients histories may stand for")
  }
}

/// The distinct values of a column (ascending) and each element's position among them.
func distinctTable(_ values: ContiguousArray<Double>) -> (
  ContiguousArray<Double>, ContiguousArray<Int32>
) {
  let order = values.indices.sorted { values[$0] < values[$1] }
  var distinct = ContiguousArray<Double>()
  var index = ContiguousArray<Int32>(repeating: 0, count: values.count)
  for i in order {
    if distinct.last != values[i] { distinct.append(values[i]) }
    index[i] = Int32(distinct.count - 1)
  }
  return (distinct, index)
}

func bitWidth(_ value: UInt64) -> Int {
  value == 0 ? 1 : 64 - value.leadingZeroBitCount
}

/// The distinct values of a column of small non-negative integers (ascending) and each
/// element's position among them, by counting.
func distinctTable(_ values: ContiguousArray<Int32>, maximum: Int32) -> (
  ContiguousArray<Int32>, ContiguousArray<Int32>
) {
  var position = [Int32](repeating: -1, count: Int(maximum) + 1)
  for value in values { position[Int(value)] = 0 }
  var distinct = ContiguousArray<Int32>()
  for value in position.indices where position[value] == 0 {
    position[value] = Int32(distinct.count)
    distinct.append(Int32(value))
  }
  return (distinct, ContiguousArray(values.lazy.map { position[Int($0)] }))
}

/// LSD radix sort on the low `bits` bits, in as few passes of at most 16 bits as will do,
/// with the bits spread evenly over the passes so the counting table stays small.
func radixSort(_ keys: inout [UInt64], bits: Int) {
  let n = keys.count
  guard n > 1 else { return }
  var buffer = [UInt64](repeating: 0, count: n)
  let passes = Swift.max((bits + 15) / 16, 1)
  let digitBits = (bits + passes - 1) / passes
  let mask = (UInt64(1) << UInt64(digitBits)) - 1
  var shift = 0
  while shift < bits {
    var counts = [Int](repeating: 0, count: (1 << digitBits) + 1)
    keys.withUnsafeBufferPointer { source in
      counts.withUnsafeMutableBufferPointer { counts in
        for key in source { counts[Int((key >> UInt64(shift)) & mask) + 1] += 1 }
        for i in 1..<counts.count { counts[i] += counts[i - 1] }
      }
    }
    keys.withUnsafeBufferPointer { source in
      buffer.withUnsafeMutableBufferPointer { target in
        counts.withUnsafeMutableBufferPointer { counts in
          for key in source {
            let digit = Int((key >> UInt64(shift)) & mask)
            target[counts[digit]] = key
            counts[digit] += 1
          }
        }
      }
    }
    swap(&keys, &buffer)
    shift += digitBits
  }
}
