extension BetaGeometricNBDModel {
  /// Scores every client on the calling thread, with ₂F₁ evaluated once per distinct
  /// `(x, T)`; see ``scores(for:horizon:spend:value:fallbackSpend:threadCount:)``.
  ///
  /// - Parameters:
  ///   - summary: The per-client inputs.
  ///   - horizon: The horizon for expected purchases, in the summary's unit.
  ///   - spend: A fitted spend model, or `nil`.
  ///   - value: How to discount lifetime value, or `nil`.
  ///   - fallbackSpend: The spend used when the spend model has no finite expectation.
  /// - Returns: Columns aligned with the summary's rows, in its row space.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` for a horizon or fallback spend
  ///   that is negative or not finite.
  /// - Complexity: O(*n*) plus one ₂F₁ per distinct `(x, T)` and period.
  public func scores<ID>(
    for summary: RepeatPurchaseSummary<ID>, horizon: Double, spend: GammaGammaModel?,
    value: LifetimeValue?, fallbackSpend: Double
  ) throws(RetentionError) -> ClientScores<ID> {
    try scores(
      for: summary, horizon: horizon, spend: spend, value: value, fallbackSpend: fallbackSpend,
      threadCount: 1)
  }

  /// Scores every client on up to `threadCount` threads, with ₂F₁ evaluated once per distinct
  /// `(x, T)`; the result does not depend on the thread count.
  ///
  /// E[Y(t) | x, t_x, T] = P(alive | x, t_x, T) · G(x, T, t): only P(alive) depends on `t_x`,
  /// so G and the discounted lifetime factor are computed once per distinct `(x, T days)`, and
  /// P(alive) needs one `exp` per client once `ln(α + t)` is tabulated per distinct day. The
  /// figures are the per-client ones (``probabilityAlive(frequency:recency:age:)`` bit for bit,
  /// ``expectedPurchases(inNext:frequency:recency:age:)`` and ``LifetimeValue`` to rounding).
  ///
  /// ```swift
  /// let scores = model.scores(
  ///   for: summary, horizon: 52, spend: spend, value: value, fallbackSpend: 30, threadCount: 2)
  /// ```
  ///
  /// - Parameters:
  ///   - summary: The per-client inputs.
  ///   - horizon: The horizon for expected purchases, in the summary's unit.
  ///   - spend: A fitted spend model, or `nil`.
  ///   - value: How to discount lifetime value, or `nil`.
  ///   - fallbackSpend: The spend used when the spend model has no finite expectation.
  ///   - threadCount: The most threads to use, the calling thread included, at least 1.
  /// - Returns: Columns aligned with the summary's rows, in its row space.
  /// - Throws: ``RetentionError/invalidParameter(_:reason:)`` for a horizon or fallback spend
  ///   that is negative or not finite, or a thread count below 1.
  /// - Complexity: O(*n*) plus one ₂F₁ per distinct `(x, T)` and period, divided over the
  ///   threads.
  public func scores<ID>(
    for summary: RepeatPurchaseSummary<ID>, horizon: Double, spend: GammaGammaModel?,
    value: LifetimeValue?, fallbackSpend: Double, threadCount: Int
  ) throws(RetentionError) -> ClientScores<ID> {
    try checkScoring(horizon: horizon, fallbackSpend: fallbackSpend, threadCount: threadCount)
    let n = summary.count
    var maxX: Int32 = 0
    var maxT: Int32 = 0
    for i in 0..<n {
      maxX = max(maxX, summary.frequency[i])
      maxT = max(maxT, summary.ageDays[i])
    }
    let unitDays = summary.unit.lengthInDays
    // Each client's distinct (x, T) key, numbered in order of first appearance.
    let width = Int(maxT) + 1
    var slotOfClient = ContiguousArray<Int32>(repeating: 0, count: n)
    var keys: [(x: Int32, ageDays: Int32)] = []
    if (Int(maxX) + 1) * width <= 4_000_000 {
      var slotOfKey = [Int32](repeating: -1, count: (Int(maxX) + 1) * width)
      for i in 0..<n {
        let index = Int(summary.frequency[i]) * width + Int(summary.ageDays[i])
        if slotOfKey[index] < 0 {
          slotOfKey[index] = Int32(keys.count)
          keys.append((summary.frequency[i], summary.ageDays[i]))
        }
        slotOfClient[i] = slotOfKey[index]
      }
    } else {
      var slotOfKey: [Int64: Int32] = [:]
      for i in 0..<n {
        let key = Int64(summary.frequency[i]) << 32 | Int64(summary.ageDays[i])
        if let slot = slotOfKey[key] {
          slotOfClient[i] = slot
        } else {
          slotOfKey[key] = Int32(keys.count)
          slotOfClient[i] = Int32(keys.count)
          keys.append((summary.frequency[i], summary.ageDays[i]))
        }
      }
    }
    // G(x, T, horizon) and the discounted lifetime factor per key, the expensive part.
    let distinctKeys = keys
    let offset = Self.offset
    let keyParts = ParallelWork.partCount(for: distinctKeys.count, grain: 256)
    let keyTables = ParallelWork.map(parts: keyParts, threads: threadCount) { part in
      ParallelWork.range(of: part, in: keyParts, count: distinctKeys.count).map { slot in
        let (x, ageDays) = distinctKeys[slot]
        let age = Double(ageDays) / unitDays
        let g = expectedPurchasesIfAlive(horizon, Int(x), age)
        let h = value?.discountedPurchases { expectedPurchasesIfAlive($0, Int(x), age) } ?? 0
        return (g, h)
      }
    }
    let perKey = keyTables.flatMap { $0 }
    // ln(b + k − 1) per k = x + offset: a table up to the largest k while that is small
    // against the clients, each client's own logarithm beyond.
    let logBk1Count = min(Int(maxX) + offset, max(1 << 16, 4 * n)) + 1
    let logBk1 = (0..<logBk1Count).map { $0 > 0 ? cLog(b + Double($0) - 1) : 0 }
    // ln(α + d / unit) per day d: a table while the days are few against the clients, each
    // client's own logarithms otherwise, so memory stays O(n) whatever the ages.
    let logAlphaPlusDay = DayLogarithms(
      alpha: alpha, unitDays: unitDays, maximumDay: maxT, clients: n)
    let logA = cLog(a)

    var alive = ContiguousArray<Double>(repeating: 0, count: n)
    var expected = ContiguousArray<Double>(repeating: 0, count: n)
    var spends = ContiguousArray<Double>()
    var values = ContiguousArray<Double>()
    if spend != nil { spends = ContiguousArray(repeating: 0, count: n) }
    if spend != nil, value != nil { values = ContiguousArray(repeating: 0, count: n) }
    let parts = ParallelWork.partCount(for: n, grain: 16_384)
    let slotOfEachClient = slotOfClient
    let r = self.r
    // The look-up tables as pointers the parts share read-only: each client takes the tables'
    // entries, or its own logarithms beyond them.
    let dayTable = logAlphaPlusDay.table
    let alpha = self.alpha
    alive.withUnsafeMutableBufferPointer { aliveColumn in
      expected.withUnsafeMutableBufferPointer { expectedColumn in
        spends.withUnsafeMutableBufferPointer { spendColumn in
          values.withUnsafeMutableBufferPointer { valueColumn in
            dayTable.withUnsafeBufferPointer { dayTable in
              logBk1.withUnsafeBufferPointer { logBk1 in
                // An empty buffer may still have an address; only full-length columns are
                // written.
                let output = ScoreColumns(
                  alive: aliveColumn.count == n ? aliveColumn.baseAddress : nil,
                  expected: expectedColumn.count == n ? expectedColumn.baseAddress : nil,
                  spends: spendColumn.count == n ? spendColumn.baseAddress : nil,
                  values: valueColumn.count == n ? valueColumn.baseAddress : nil)
                let tables = ScoreTables(
                  logAlphaPlusDay: dayTable.baseAddress, days: dayTable.count,
                  logBk1: logBk1.baseAddress, ks: logBk1.count)
                _ = ParallelWork.map(parts: parts, threads: threadCount) { part in
                  for i in ParallelWork.range(of: part, in: parts, count: n) {
                    let x = summary.frequency[i]
                    let k = Int(x) + offset
                    var probability = 1.0
                    if k > 0 {
                      // C = a/(b + k − 1) · ((α + T)/(α + t_x))^(r + x); P(alive) = 1/(1 + C).
                      let logC = BetaGeometricLikelihood.logDropoutOdds(
                        logA: logA, logBk1: tables.logBk1(k, b: b), shape: r + Double(x),
                        logAgeRatio: tables.logAlphaPlus(
                          day: summary.ageDays[i], alpha: alpha, unitDays: unitDays)
                          - tables.logAlphaPlus(
                            day: summary.recencyDays[i], alpha: alpha, unitDays: unitDays))
                      probability = logistic(-logC)
                    }
                    let (g, h) = perKey[Int(slotOfEachClient[i])]
                    output.alive?[i] = probability
                    output.expected?[i] = probability * g
                    if let spend {
                      let perPurchase =
                        spend.expectedSpend(frequency: Int(x), meanSpend: summary.monetaryValue[i])
                        ?? fallbackSpend
                      output.spends?[i] = perPurchase
                      output.values?[i] = probability * h * perPurchase
                    }
                  }
                }
              }
            }
          }
        }
      }
    }
    return ClientScores(
      trusted: summary.clients, horizon: horizon, probabilityAlive: alive,
      expectedPurchases: expected,
      expectedSpend: spends, lifetimeValue: values)
  }
}

/// The look-up tables of a scoring pass, shared read-only by its parts: every thread is joined
/// before the arrays' buffers are released. A value beyond a table is computed.
private struct ScoreTables: @unchecked Sendable {
  /// ln(α + d/unit) for d < `days`.
  let logAlphaPlusDay: UnsafePointer<Double>?
  let days: Int
  /// ln(b + k − 1) for k < `ks`.
  let logBk1: UnsafePointer<Double>?
  let ks: Int

  /// ln(α + d/unit).
  @inline(__always)
  func logAlphaPlus(day: Int32, alpha: Double, unitDays: Double) -> Double {
    let d = Int(day)
    if UInt(bitPattern: d) < UInt(days), let table = logAlphaPlusDay { return table[d] }
    return cLog(alpha + Double(day) / unitDays)
  }

  /// ln(b + k − 1) for k ≥ 1.
  @inline(__always)
  func logBk1(_ k: Int, b: Double) -> Double {
    if k < ks, let table = logBk1 { return table[k] }
    return cLog(b + Double(k) - 1)
  }
}

/// ln(α + d/unit) for whole days d: tabulated for every day up to the largest while that
/// table is at most about four entries per client (or 65,536 entries), computed for each
/// client otherwise, so a summary as of a day thousands of years after its first purchase
/// costs no more memory than its clients. Both give the same value for a day.
struct DayLogarithms: Sendable {
  let alpha: Double
  let unitDays: Double
  /// ln(α + d/unit) for d = 0 … the largest day, or empty when the days are too many.
  let table: [Double]

  /// The logarithms for days 0 … `maximumDay`, for `clients` clients.
  init(alpha: Double, unitDays: Double, maximumDay: Int32, clients: Int) {
    self.alpha = alpha
    self.unitDays = unitDays
    let days = Int(Swift.max(maximumDay, 0)) + 1
    table =
      days <= Swift.max(1 << 16, 4 * clients)
      ? (0..<days).map { cLog(alpha + Double($0) / unitDays) } : []
  }

  /// ln(α + day/unit).
  @inline(__always)
  subscript(day: Int32) -> Double {
    let d = Int(day)
    return UInt(bitPattern: d) < UInt(table.count)
      ? table[d] : cLog(alpha + Double(day) / unitDays)
  }
}

/// The output columns of a scoring pass, shared by its parts: each part writes only its own
/// rows, and every thread is joined before the columns' buffers are released. An empty column
/// (no spend model, no value calculation) has no buffer and is not written.
private struct ScoreColumns: @unchecked Sendable {
  let alive: UnsafeMutablePointer<Double>?
  let expected: UnsafeMutablePointer<Double>?
  let spends: UnsafeMutablePointer<Double>?
  let values: UnsafeMutablePointer<Double>?
}
